"""Every shapely to_wkb/to_wkt call in the plugin passes output_dimension=2: with QGIS 3.22's
GEOS loaded first, a default dimension can come back with (NaN) Z values."""

import ast
from pathlib import Path

PLUGIN = Path(__file__).resolve().parent.parent.parent / "yimatong_plugin"


def test_every_to_wkb_and_to_wkt_is_two_dimensional():
    missing, seen = [], 0
    for path in sorted(PLUGIN.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in ("to_wkb", "to_wkt"):
                continue
            seen += 1
            dims = [k.value for k in node.keywords if k.arg == "output_dimension"]
            if not (dims and isinstance(dims[0], ast.Constant) and dims[0].value == 2):
                missing.append(f"{path.relative_to(PLUGIN)}:{node.lineno}")
    assert seen >= 8
    assert missing == []
