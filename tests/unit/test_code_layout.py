"""Layout rules from the architecture note."""

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "yimatong_plugin"


def test_ui_files_have_no_connections_nor_qgis_headers():
    for ui in PLUGIN.rglob("*.ui"):
        text = ui.read_text(encoding="utf-8")
        assert "<connections>" not in text, f"{ui}: connect signals in Python, not in .ui"
        assert not re.search(r"qgs\w*\.h", text), f"{ui}: use 'qgis.gui' as custom widget header"
        assert ui.with_suffix(".py").exists(), f"{ui}: its .py must sit beside it"


def test_init_holds_only_class_factory():
    tree = ast.parse((PLUGIN / "__init__.py").read_text(encoding="utf-8"))
    top = [n for n in tree.body if not isinstance(n, ast.Expr)]
    assert len(top) == 1 and isinstance(top[0], ast.FunctionDef)
    assert top[0].name == "classFactory"


def test_core_has_no_qt_or_qgis_imports():
    for path in (PLUGIN / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("qgis", "PyQt", "processing")), f"{path}: {name}"


def test_only_qgis_pyqt_imports():
    for path in PLUGIN.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) PyQt[56]", text, re.M), path


def test_qrc_lists_every_icon_and_nothing_else():
    root = ET.parse(PLUGIN / "resources.qrc").getroot()
    listed = {f.text for f in root.iter("file")}
    on_disk = {str(p.relative_to(PLUGIN)) for p in (PLUGIN / "resources" / "icons").glob("*.svg")}
    assert listed == on_disk
    for path in PLUGIN.rglob("*.py"):
        for name in re.findall(r"""icon\(\s*["']([\w.-]+\.svg)["']""", path.read_text("utf-8")):
            assert f"resources/icons/{name}" in listed, f"{path}: icon {name} not in qrc"
