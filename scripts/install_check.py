"""Install-from-ZIP check, run in the real QGIS desktop by scripts/install_check.sh (``--code``).

Installs ``YMT_ZIP`` exactly as Plugins → Manage and Install Plugins → Install from ZIP does
(``pyplugin_installer.instance().installFromZipFile``) into a fresh profile that has no copy of
the plugin, then checks that it loaded: ``qgis.utils.plugins`` has it, the 一码通 menu is in the
menu bar with its actions, the ``yimatong`` Processing provider lists its algorithms, and no
Python error was logged. Writes the verdict as JSON to ``YMT_RESULT`` and quits QGIS.
"""

import json
import os
import sys
import traceback
from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QMenu
from qgis.utils import iface, plugins

RESULT = Path(os.environ["YMT_RESULT"])
ZIP = os.environ["YMT_ZIP"]
# at least these; plus every algorithm the installed copy's ALGORITHMS list names
EXPECTED_ALGORITHMS = {
    "yimatong:about",
    "yimatong:checkparcels",
    "yimatong:complianceoverlay",
    "yimatong:importprojects",
    "yimatong:lifecyclemonitor",
    "yimatong:projectboxreport",
}
errors: list[str] = []


def _on_log(message, tag, level):
    from qgis.core import Qgis

    if ("python" in tag.lower() and "warn" not in tag.lower() and "警告" not in tag) or (
        level == Qgis.Critical
    ):
        errors.append(f"[{tag}] {message}")


def _excepthook(previous):
    def hook(etype, value, tb):
        errors.append("".join(traceback.format_exception(etype, value, tb)))
        previous(etype, value, tb)

    return hook


def _check() -> dict:
    import pyplugin_installer

    problems = []
    # the profile's plugin folder: HOME_PLUGIN_PATH on QGIS 3.40, home_plugin_path on 3.22
    home_plugin_path = getattr(qgis.utils, "HOME_PLUGIN_PATH", None)
    home_plugin_path = home_plugin_path or qgis.utils.home_plugin_path
    target = Path(home_plugin_path) / "yimatong_plugin"
    already = target.exists() or "yimatong_plugin" in plugins
    if already:
        problems.append(f"the profile already has the plugin ({target}): not a fresh install")
    pyplugin_installer.instance().installFromZipFile(ZIP)
    QApplication.processEvents()
    if not (target / "metadata.txt").is_file():
        problems.append(f"nothing installed at {target}")
    elif target.is_symlink():
        problems.append(f"{target} is a symlink, not an installed copy")
    plugin = plugins.get("yimatong_plugin")
    if plugin is None:
        problems.append("qgis.utils.plugins has no yimatong_plugin after the install")
    module = sys.modules.get("yimatong_plugin")
    module_file = getattr(module, "__file__", "") or ""
    if module is not None and not module_file.startswith(str(Path(home_plugin_path))):
        problems.append(f"yimatong_plugin was imported from {module_file}, not the profile")
    menu = iface.mainWindow().findChild(QMenu, "YimatongMenu")
    in_bar = menu is not None and menu.menuAction() in iface.mainWindow().menuBar().actions()
    actions = [a.text() for a in menu.actions() if a.text()] if menu is not None else []
    if not in_bar:
        problems.append("no 一码通 menu in the menu bar")
    elif menu.title() != "一码通":
        problems.append(f"the menu is titled {menu.title()!r}, not 一码通 (translation?)")
    if len(actions) < 4:
        problems.append(f"the 一码通 menu has only {actions}")
    provider = QgsApplication.processingRegistry().providerById("yimatong")
    algorithms = sorted(a.id() for a in provider.algorithms()) if provider is not None else []
    if provider is None:
        problems.append("no Processing provider yimatong")
    listed = getattr(sys.modules.get("yimatong_plugin.processing.algorithms"), "ALGORITHMS", [])
    expected = EXPECTED_ALGORITHMS | {f"yimatong:{name}" for name, _ in listed}
    missing = expected.difference(algorithms)
    if missing:
        problems.append(f"algorithms missing from the provider: {sorted(missing)}")
    problems.extend(f"Python error: {e}" for e in errors)
    return {
        "ok": not problems,
        "problems": problems,
        "installed_at": str(target),
        "module": module_file,
        "menu": menu.title() if menu is not None else None,
        "actions": actions,
        "algorithms": algorithms,
    }


def _run():
    try:
        result = _check()
    except Exception:
        result = {"ok": False, "problems": [traceback.format_exc()]}
    RESULT.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print("YMT install check:", "OK" if result["ok"] else "FAILED", flush=True)
    for problem in result["problems"]:
        print("YMT  -", problem, flush=True)
    QApplication.instance().exit(0 if result["ok"] else 1)


def _close_modal_dialogs():
    """A modal dialog (QGIS's Python error dialog, a message box) would block the check
    forever with nobody to click it: record what it says and close it."""
    widget = QApplication.activeModalWidget()
    if widget is not None:
        texts = [getattr(widget, "text", lambda: "")()] if hasattr(widget, "text") else []
        errors.append(f"a modal dialog opened: {widget.windowTitle()} {' '.join(texts)}".strip())
        widget.close()


import qgis.utils  # noqa: E402

# QGIS shows a Python error in a blocking dialog when no window is active (as under Xvfb);
# the message is in the message log already (recorded by _on_log): show nothing
qgis.utils.open_stack_dialog = lambda *args, **kwargs: None
QgsApplication.messageLog().messageReceived.connect(_on_log)
sys.excepthook = _excepthook(sys.excepthook)
_watchdog = QTimer()
_watchdog.timeout.connect(_close_modal_dialogs)
_watchdog.start(1000)
QTimer.singleShot(1500, _run)
