"""The plugin registers the library dock, its locator filter and options page, and removes them
all on unload (the test iface records the calls)."""

from qgis.PyQt.QtCore import QCoreApplication, QEvent

import yimatong_plugin
from yimatong_plugin.ui.library_dock import LibraryDock
from yimatong_plugin.ui.locator import ProjectLocatorFilter
from yimatong_plugin.ui.options import YimatongOptionsFactory


def test_registered_and_removed(qgis_app, qgis_iface, qgis_processing):
    for name in ("registerLocatorFilter", "deregisterLocatorFilter",
                 "registerOptionsWidgetFactory", "unregisterOptionsWidgetFactory"):  # fmt: skip
        getattr(qgis_iface, name).reset_mock()
    plugin = yimatong_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        assert isinstance(plugin.library_dock, LibraryDock)
        texts = [a.text() for a in plugin.actions]
        assert "Project library" in texts
        (locator,) = [c.args[0] for c in qgis_iface.registerLocatorFilter.call_args_list]
        assert isinstance(locator, ProjectLocatorFilter)
        (factory,) = [c.args[0] for c in qgis_iface.registerOptionsWidgetFactory.call_args_list]
        assert isinstance(factory, YimatongOptionsFactory)
    finally:
        plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert [c.args[0] for c in qgis_iface.deregisterLocatorFilter.call_args_list] == [locator]
    assert [c.args[0] for c in qgis_iface.unregisterOptionsWidgetFactory.call_args_list] == [
        factory
    ]
    assert plugin.library_dock is None
