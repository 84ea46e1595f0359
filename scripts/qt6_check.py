#!/usr/bin/env python3
"""Static check of yimatong_plugin/ for what breaks under Qt6 / QGIS 4 (PyQt6).

Run inside a QGIS Python (``.venv/bin/python scripts/qt6_check.py``): every ``Class.Name``
attribute on a class imported from ``qgis.core``, ``qgis.gui`` or ``qgis.PyQt.*`` is looked up in
the running PyQGIS, so an enum value reached without its enum (``Qt.AlignLeft``,
``QgsWkbTypes.MultiPolygon``; PyQt6 and QGIS 4 only have ``Qt.AlignmentFlag.AlignLeft``) is
found by what it is, not by its spelling. Also found: ``exec_()``, ``QRegExp``, ``QVariant``
type codes (``QVariant.String``: Qt6 has ``QMetaType.Type``), QtWebKit, imports of compiled Qt
resource modules (``*_rc``; a ``:/`` path looked up with a file fallback, as toolbelt/resources.py
does, is fine) and ``QDesktopWidget``.

A line ending in ``# qt5-fallback`` is skipped: the branch that runs only where the Qt6-ready
API is missing (feature detection, see gis/qgis_compat.py).

Exit status 0 when nothing was found; the findings are printed one per line otherwise.
``tests/qgis/test_qt6_check.py`` runs it and requires metadata.txt's ``supportsQt6`` to agree.
"""

from __future__ import annotations

import ast
import enum
import importlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "yimatong_plugin"
QT_MODULES = re.compile(r"^qgis\.(core|gui|PyQt\.\w+)$")
FALLBACK_MARK = "# qt5-fallback"
BANNED_NAMES = {
    "QRegExp": "QRegExp is gone in Qt6: use QRegularExpression",
    "QDesktopWidget": "QDesktopWidget is gone in Qt6: use QScreen",
    "QtWebKit": "QtWebKit is gone in Qt6",
    "QtWebKitWidgets": "QtWebKit is gone in Qt6",
}


def _is_enum_value(value) -> bool:
    if isinstance(value, type):
        return False
    if isinstance(value, enum.Enum):
        return True
    return type(type(value)).__name__ == "enumtype"  # PyQt5's sip enums


def _imported_classes(tree: ast.Module) -> dict:
    """Local name → object for every name imported from a Qt or QGIS module."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and QT_MODULES.match(node.module):
            module = importlib.import_module(node.module)
            for alias in node.names:
                obj = getattr(module, alias.name, None)
                if obj is not None:
                    names[alias.asname or alias.name] = obj
    return names


def check_file(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source, filename=str(path))
    classes = _imported_classes(tree)
    rel = path.relative_to(ROOT)
    found = []

    def report(node, message):
        line = lines[node.lineno - 1]
        if not line.rstrip().endswith(FALLBACK_MARK):
            found.append(f"{rel}:{node.lineno}: {message}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr == "exec_":
                report(node, "exec_() is gone in Qt6: use exec()")
            if isinstance(node.value, ast.Name) and node.value.id in classes:
                owner = classes[node.value.id]
                value = getattr(owner, node.attr, None)
                if node.value.id == "QVariant" and node.attr != "Type" and _is_enum_value(value):
                    report(node, f"QVariant.{node.attr}: Qt6 has no QVariant type codes")
                elif _is_enum_value(value):
                    report(
                        node,
                        f"unscoped enum {node.value.id}.{node.attr} "
                        f"(Qt6 / QGIS 4: {type(value).__name__}.{node.attr} in its enum)",
                    )
        elif isinstance(node, ast.Name) and node.id in BANNED_NAMES:
            report(node, BANNED_NAMES[node.id])
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            for name in names:
                last = name.rsplit(".", 1)[-1]
                if last in BANNED_NAMES:
                    report(node, BANNED_NAMES[last])
                if last.endswith("_rc"):
                    report(node, "compiled Qt resources (pyrcc) do not exist in PyQt6")
    return found


def check(root: Path = PLUGIN) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        found.extend(check_file(path))
    return found


def main() -> int:
    sys.path.insert(0, str(ROOT))
    found = check()
    for line in found:
        print(line)
    print(f"{len(found)} Qt6 / QGIS 4 problem(s) in yimatong_plugin/", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
