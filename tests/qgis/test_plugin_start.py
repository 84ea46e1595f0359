"""QGIS start stays quick: initGui builds no dock; each dock is built by its first use."""

from qgis.PyQt.QtCore import QCoreApplication, QEvent

import yimatong_plugin
from yimatong_plugin.ui.library_dock import LibraryDock
from yimatong_plugin.ui.project_box import ProjectBoxDock


def _action(plugin, text):
    (action,) = [a for a in plugin.actions if a.text() == text]
    return action


def test_docks_are_built_on_first_use(qgis_app, qgis_iface, qgis_processing):
    window = qgis_iface.mainWindow()
    plugin = yimatong_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        assert window.findChildren(LibraryDock) == []
        assert window.findChildren(ProjectBoxDock) == []

        _action(plugin, "Project box").trigger()
        (box,) = window.findChildren(ProjectBoxDock)
        assert not box.isHidden() and plugin.project_box is box
        assert qgis_iface.mapCanvas().mapTool() is box.map_tool

        _action(plugin, "Project library").trigger()
        (library,) = window.findChildren(LibraryDock)
        assert not library.isHidden() and plugin.library_dock is library
        _action(plugin, "Project library").trigger()  # a second click reuses it
        assert window.findChildren(LibraryDock) == [library]
    finally:
        plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(LibraryDock) == []
    assert window.findChildren(ProjectBoxDock) == []
    assert plugin.library_dock is None and plugin.project_box is None


def test_unload_without_opening_any_dock(qgis_app, qgis_iface, qgis_processing):
    plugin = yimatong_plugin.classFactory(qgis_iface)
    plugin.initGui()
    plugin.unload()
    assert plugin.library_dock is None and plugin.project_box is None
    assert qgis_iface.mainWindow().findChildren(LibraryDock) == []
