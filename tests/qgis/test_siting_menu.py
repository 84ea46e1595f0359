"""一码通 → 辅助选址… opens the Processing dialog of yimatong:siteselection."""

import processing
import qgis.utils
from qgis.PyQt.QtWidgets import QMenu

import yimatong_plugin
from yimatong_plugin.plugin import YimatongPlugin


def test_menu_opens_the_site_selection_dialog(qgis_app, qgis_iface, processing_ready, monkeypatch):
    opened = []
    monkeypatch.setattr(processing, "execAlgorithmDialog", lambda alg_id, *a: opened.append(alg_id))
    plugin = yimatong_plugin.classFactory(qgis_iface)
    plugin.initGui()
    qgis.utils.plugins["yimatong_plugin"] = plugin
    try:
        (menu,) = qgis_iface.mainWindow().findChildren(QMenu, YimatongPlugin.MENU_OBJECT_NAME)
        (action,) = [a for a in menu.actions() if a.text() == "Site selection…"]
        action.trigger()
        assert opened == ["yimatong:siteselection"]
    finally:
        plugin.unload()
        del qgis.utils.plugins["yimatong_plugin"]
