"""Screenshot scenes, run inside the real QGIS desktop by scripts/screenshot.sh (``--code``).

Each scene is a function ``scene_<name>(iface) -> float``: it opens some UI and returns how many
seconds to wait before the screen is captured to ``docs/images/<name>.png``. ``YMT_SCENES``
selects scenes (``all`` for every one). QGIS quits when all are done.
"""

import os
import subprocess
import sys
import traceback
from pathlib import Path

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QMenu
from qgis.utils import iface, plugins

ROOT = Path(os.environ.get("YMT_ROOT", "."))
IMAGES = ROOT / "docs" / "images"
sys.path.insert(0, str(ROOT))


def _say(*args):
    print("YMT", *args, flush=True)


def scene_menu(iface):
    """The 一码通 menu opened in the main window."""
    plugin = plugins.get("yimatong_plugin")
    menu = iface.mainWindow().findChild(QMenu, "YimatongMenu")
    _say("plugin loaded:", plugin is not None, "menu:", menu.title() if menu else None)
    bar = iface.mainWindow().menuBar()
    bar.setActiveAction(menu.menuAction())
    return 1.5


def _scenes():
    return {
        name[len("scene_") :]: func
        for name, func in globals().items()
        if name.startswith("scene_") and callable(func)
    }


def _capture(name):
    IMAGES.mkdir(parents=True, exist_ok=True)
    target = IMAGES / f"{name}.png"
    subprocess.run(["import", "-window", "root", str(target)], check=False)
    _say("saved", target)


def _run(queue):
    if not queue:
        QApplication.instance().exit(0)
        return
    name, func = queue.pop(0)
    try:
        wait = func(iface)
    except Exception:
        _say("scene failed:", name, traceback.format_exc())
        QTimer.singleShot(100, lambda: _run(queue))
        return

    def _after():
        _capture(name)
        for widget in QApplication.topLevelWidgets():
            if widget is not iface.mainWindow() and widget.isVisible() and widget.isWindow():
                if isinstance(widget, QMenu) or getattr(widget, "_ymt_close_after_shot", True):
                    widget.close()
        iface.mainWindow().menuBar().setActiveAction(None)
        QTimer.singleShot(300, lambda: _run(queue))

    QTimer.singleShot(int(wait * 1000), _after)


def _start():
    wanted = os.environ.get("YMT_SCENES", "all").split()
    scenes = _scenes()
    queue = [(n, f) for n, f in scenes.items() if "all" in wanted or n in wanted]
    iface.mainWindow().showMaximized()
    _run(queue)


QTimer.singleShot(4000, _start)
