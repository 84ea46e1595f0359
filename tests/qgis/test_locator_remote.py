"""The locator over the exchange service (the configured library is its URL + authcfg)."""

import shapely
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsAuthMethodConfig,
    QgsCoordinateReferenceSystem,
    QgsFeedback,
    QgsLocatorContext,
    QgsLocatorResult,
)

from tests.service_server import Service, add_client
from yimatong_plugin.core.library import open_library
from yimatong_plugin.ui.locator import ProjectLocatorFilter

CODE = "4343070220240501131001000001"
CODE2 = "4343070220240501131001000002"
MASTER = "ymt-test-master-password"


def _fetch(flt, text):
    results = []
    flt.resultFetched.connect(results.append)
    flt.fetchResults(text, QgsLocatorContext(), QgsFeedback())
    return results


def test_search_and_zoom_through_the_service(qgis_app, qgis_iface, tmp_path):
    path = str(tmp_path / "lib.gpkg")
    with open_library(path) as lib:
        lib.add_project(CODE, name="德山电子产业园", source="municipal_key", applicant="常德城投")
        lib.add_project(CODE2, name="武陵安置房", source="annual_transfer_plan")
        lib.add_parcel(CODE, shapely.box(111.70, 29.00, 111.71, 29.01).wkt)
    key = add_client(path, "locator", "read")
    am = QgsApplication.authManager()
    assert am.setMasterPassword(MASTER, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("ymt-test-locator")
    config.setConfig("username", "locator")
    config.setConfig("password", key)
    assert am.storeAuthenticationConfig(config)
    svc = Service(path)
    try:
        url = f"{svc.api}?authcfg={config.id()}"
        flt = ProjectLocatorFilter(qgis_iface, source=lambda: (url, ""))
        by_name = _fetch(flt.clone(), "电子")
        assert [r.userData for r in by_name] == [CODE]
        assert "常德城投" in by_name[0].description
        assert sorted(r.userData for r in _fetch(flt.clone(), "43 430702 2024")) == [CODE, CODE2]
        canvas = qgis_iface.mapCanvas()
        canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4490"))
        flt.triggerResult(by_name[0])
        extent = canvas.extent()
        assert extent.xMinimum() <= 111.705 <= extent.xMaximum() and extent.width() < 0.1
        # the service goes away: no results, and choosing a result says why in the bar
        svc.stop()
        assert _fetch(flt.clone(), "电子") == []
        bar = qgis_iface.messageBar()
        bar.clear_messages()
        gone = QgsLocatorResult()
        gone.userData = CODE
        flt.triggerResult(gone)
        (warning,) = bar.get_messages(Qgis.MessageLevel.Warning)
        assert "Cannot reach the library service" in warning
        bar.clear_messages()
    finally:
        svc.stop()
        am.removeAuthenticationConfig(config.id())
