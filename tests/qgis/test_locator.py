"""The 一码通 locator filter: code, code prefix and name searches; choosing zooms to parcels."""

import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsFeedback, QgsLocatorContext

from yimatong_plugin.core.library import open_library
from yimatong_plugin.ui.locator import ProjectLocatorFilter, wants

CODE = "4343070220240501131001000001"
CODE2 = "4343070220240501131001000002"


def _fetch(flt, text):
    results = []
    flt.resultFetched.connect(results.append)
    flt.fetchResults(text, QgsLocatorContext(), QgsFeedback())
    return results


def test_search_and_zoom(qgis_app, qgis_iface, tmp_path):
    path = str(tmp_path / "lib.gpkg")
    with open_library(path) as lib:
        lib.add_project(CODE, name="德山电子产业园", source="municipal_key", applicant="常德城投")
        lib.add_project(CODE2, name="武陵安置房", source="annual_transfer_plan")
        lib.add_parcel(CODE, shapely.box(111.70, 29.00, 111.71, 29.01).wkt)
    flt = ProjectLocatorFilter(qgis_iface, source=lambda: (path, ""))
    assert not wants("4343") and wants("43430702") and wants("德山") and not wants("德")

    by_name = _fetch(flt.clone(), "电子")
    assert [r.userData for r in by_name] == [CODE]
    assert "德山电子产业园" in by_name[0].displayString
    assert "43 430702 2024" in by_name[0].displayString  # grouped as everywhere (format_code)
    assert "常德城投" in by_name[0].description
    by_prefix = _fetch(flt.clone(), "43 430702 2024")
    assert sorted(r.userData for r in by_prefix) == [CODE, CODE2]
    by_code = _fetch(flt.clone(), "43-430702-2024-05-01-13-1001-000002")
    assert [r.userData for r in by_code] == [CODE2]
    assert _fetch(flt.clone(), "4343") == []  # too short a prefix: not searched

    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4490"))
    flt.triggerResult(by_name[0])
    extent = canvas.extent()
    assert extent.xMinimum() <= 111.705 <= extent.xMaximum()
    assert extent.yMinimum() <= 29.005 <= extent.yMaximum()
    assert extent.width() < 0.1  # zoomed to the parcel, not the whole province


def test_no_library_configured_gives_no_results(qgis_app):
    flt = ProjectLocatorFilter(None, source=lambda: ("", ""))
    assert _fetch(flt, "德山电子") == []
