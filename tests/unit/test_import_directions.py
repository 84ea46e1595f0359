"""The layers point one way (docs/ARCHITECTURE.md): every import in the plugin, the tests, the
benchmarks and the scripts, read from the source (also imports inside functions).

- core imports no Qt/QGIS and nothing of ours above it (gis, ui, processing, service, toolbelt);
- service imports core only (no Qt/QGIS either);
- toolbelt imports core only of ours;
- gis imports no ui and no processing; processing imports no ui; ui imports no processing
  (what a dialog and an algorithm share lives below both, in gis or core);
- nothing imports benchmarks; the plugin imports no tests and no scripts.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = "yimatong_plugin"
QT = ("qgis", "PyQt5", "PyQt6", "sip")

#: (importing module, imported module) pairs tolerated for now, each with the reason; to be
#: removed when the file is fixed.
KNOWN: dict[tuple[str, str], str] = {}


def _module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path, root: Path = ROOT):
    """(imported module, line) for each import statement of a file, relative ones resolved."""
    module = _module_name(path, root)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
                yield name, node.lineno
                if not node.module:  # from . import x: x may be a module
                    for alias in node.names:
                        yield f"{name}.{alias.name}", node.lineno
            else:
                yield node.module, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno


def _under(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _ours(*layers: str) -> tuple[str, ...]:
    return tuple(f"{PKG}.{layer}" for layer in layers)


#: layer of the importing module -> what it may not import
FORBIDDEN = {
    f"{PKG}.core": QT + _ours("gis", "ui", "processing", "service", "toolbelt", "plugin"),
    f"{PKG}.service": QT + _ours("gis", "ui", "processing", "toolbelt", "plugin"),
    f"{PKG}.toolbelt": _ours("gis", "ui", "processing", "service", "plugin"),
    f"{PKG}.gis": _ours("ui", "processing", "plugin"),
    f"{PKG}.processing": _ours("ui", "plugin"),
    f"{PKG}.ui": _ours("processing", "plugin"),
    PKG: ("benchmarks", "tests", "scripts"),
    "tests": ("benchmarks",),
    "scripts": ("benchmarks",),
}


def _violations(root: Path = ROOT) -> list[str]:
    files = sorted(root.glob(f"{PKG}/**/*.py"))
    files += sorted(root.glob("tests/**/*.py")) + sorted(root.glob("scripts/*.py"))
    found = []
    for path in files:
        module = _module_name(path, root)
        for name, line in _imports(path, root):
            for layer, forbidden in FORBIDDEN.items():
                if _under(module, layer) and _under(name, *forbidden):
                    if (module, name) not in KNOWN:
                        found.append(f"{path.relative_to(root)}:{line} imports {name}")
    return found


def test_layers_point_one_way():
    assert _violations() == []


def test_known_exceptions_are_still_needed():
    """An exception whose import is gone must leave the list (so the list only shrinks)."""
    present = set()
    for path in sorted(ROOT.glob(f"{PKG}/**/*.py")):
        module = _module_name(path)
        present |= {(module, name) for name, _ in _imports(path)}
    assert [pair for pair in KNOWN if pair not in present] == []


def test_the_check_sees_a_wrong_import(tmp_path):
    """The scan reads relative imports inside functions (as gis/projectbox_report.py had) and
    absolute ones (as tests importing benchmarks had)."""
    gis = tmp_path / PKG / "gis"
    gis.mkdir(parents=True)
    (gis / "report.py").write_text(
        "def f():\n    from ..ui.timeline import TimelineView\n", encoding="utf-8"
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text("import benchmarks.panel\n", encoding="utf-8")
    assert _violations(tmp_path) == [
        f"{PKG}/gis/report.py:2 imports {PKG}.ui.timeline",
        "tests/test_x.py:1 imports benchmarks.panel",
    ]
