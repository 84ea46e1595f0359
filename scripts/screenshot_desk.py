"""The desktop every screenshot scene starts from (scripts/screenshot_scenes.py and the scenes
in their own modules): the main window at 1600×1000, the browser and layer-order docks hidden."""

from __future__ import annotations


def desk_window(iface):
    """The main window, sized and cleared for a screenshot."""
    from qgis.PyQt.QtWidgets import QDockWidget

    window = iface.mainWindow()
    window.setGeometry(0, 0, 1600, 1000)
    for name in ("Browser", "Browser2", "LayerOrder"):
        other = window.findChild(QDockWidget, name)
        if other is not None:
            other.hide()
    return window
