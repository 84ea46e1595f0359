"""Icons through one helper that works with and without a compiled resource module.

``resources.qrc`` is the manifest of the icons under ``resources/icons``. Qt6 has no pyrcc, so
no code path may need a compiled module: :func:`icon` prefers the Qt resource path when a
compiled module registered it, and falls back to the plain file otherwise.
"""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtCore import QFile
from qgis.PyQt.QtGui import QIcon

PLUGIN_DIR = Path(__file__).resolve().parent.parent
ICON_DIR = PLUGIN_DIR / "resources" / "icons"
QRC_PREFIX = ":/plugins/yimatong/icons/"


def icon_path(name: str) -> str:
    """Path of icon ``name`` (e.g. ``"yimatong.svg"``): a Qt resource path or a file path."""
    resource = QRC_PREFIX + name
    if QFile.exists(resource):
        return resource
    path = ICON_DIR / name
    if not path.exists():
        raise FileNotFoundError(f"icon not found: {name}")
    return str(path)


def icon(name: str) -> QIcon:
    """The QIcon for ``name``."""
    return QIcon(icon_path(name))
