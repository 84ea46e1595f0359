"""The 一张图 dock following a library opened through the exchange service (which serves no
catalog): it says so plainly and empties the tree, instead of "Cannot read the catalog: '<' not
supported between instances of 'NoneType' and 'int'"."""

from qgis.core import QgsProject

from tests.qgis.test_catalog_dock import _wait
from tests.qgis.test_catalog_dock import library as library
from yimatong_plugin.ui.catalog_dock import CatalogDock


def test_a_service_library_has_no_catalog_said_plainly(qgis_app, qgis_iface, library):
    QgsProject.instance().clear()
    dock = CatalogDock(None)
    try:
        dock.open_uri(library)  # first a GeoPackage library: its topics
        assert _wait(lambda: len(dock.layers) == 3)
        dock.open_uri("http://127.0.0.1:9/api/v1?authcfg=abc1234")  # the panel opened a service
        assert _wait(lambda: "Reading" not in dock.message.text())
        assert dock.message.text() == (
            "The library service has no 一张图 catalog: open the library itself "
            "(GeoPackage or PostgreSQL connection) to see it"
        )
        assert dock.tree.topLevelItemCount() == 0 and dock.layers == {} and dock.topics == []
    finally:
        dock.unload()
        dock.deleteLater()
