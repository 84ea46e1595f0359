"""Load the plugin the way QGIS does, then unload it: everything it added must be gone."""

import qgis.utils
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QToolBar

import yimatong_plugin
from yimatong_plugin.plugin import YimatongPlugin


def _flush_deletes():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _snapshot(iface):
    window = iface.mainWindow()
    return {
        "menus": [a.text() for a in window.menuBar().actions()],
        "toolbars": sorted(t.objectName() for t in window.findChildren(QToolBar)),
        "docks": sorted(d.objectName() for d in window.findChildren(QDockWidget)),
        "providers": sorted(p.id() for p in QgsApplication.processingRegistry().providers()),
        "translators": QCoreApplication.translate("yimatong", "Yimatong"),
    }


def test_load_and_unload_leaves_qgis_as_it_was(qgis_app, qgis_iface, qgis_processing):
    before = _snapshot(qgis_iface)
    plugin = yimatong_plugin.classFactory(qgis_iface)
    assert isinstance(plugin, YimatongPlugin)
    plugin.initGui()
    qgis.utils.plugins["yimatong_plugin"] = plugin
    try:
        window = qgis_iface.mainWindow()
        menus = window.findChildren(QMenu, YimatongPlugin.MENU_OBJECT_NAME)
        assert len(menus) == 1
        assert menus[0].menuAction() in window.menuBar().actions()
        assert len(menus[0].actions()) >= 2
        toolbars = window.findChildren(QToolBar, YimatongPlugin.TOOLBAR_OBJECT_NAME)
        assert len(toolbars) == 1
        assert QgsApplication.processingRegistry().providerById("yimatong") is not None
        docks = {d.objectName() for d in window.findChildren(QDockWidget)}
        assert "YimatongCatalogDock" not in docks  # 一张图: built on first use
        assert plugin.catalog_dock is not None  # first use: built, following the library dock
        docks = {d.objectName() for d in window.findChildren(QDockWidget)}
        assert {"YimatongCatalogDock", "YimatongLibraryDock"} <= docks, docks
    finally:
        plugin.unload()
        del qgis.utils.plugins["yimatong_plugin"]
    _flush_deletes()
    after = _snapshot(qgis_iface)
    assert after == before
    assert not qgis_iface.mainWindow().findChildren(QMenu, YimatongPlugin.MENU_OBJECT_NAME)


def test_load_twice_in_a_row(qgis_app, qgis_iface, qgis_processing):
    """Reloading (as Plugin Reloader does) must not leave a second menu or provider behind."""
    registry = QgsApplication.processingRegistry()
    had_provider = registry.providerById("yimatong") is not None  # another test may have one
    for _ in range(2):
        plugin = yimatong_plugin.classFactory(qgis_iface)
        plugin.initGui()
        plugin.unload()
        _flush_deletes()
    window = qgis_iface.mainWindow()
    assert not window.findChildren(QMenu, YimatongPlugin.MENU_OBJECT_NAME)
    assert (registry.providerById("yimatong") is not None) == had_provider
