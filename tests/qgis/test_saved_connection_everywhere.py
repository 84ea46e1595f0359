"""A PostGIS library chosen as a saved QGIS PostgreSQL connection (no password stored; the
test server trusts loopback) is opened through gis/library_connect everywhere a library comes
from the settings: the project box, the code dialog's library, the locator, and the lifecycle
monitor / project file algorithms given the connection's name."""

import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsPointXY,
    QgsProviderRegistry,
)

from tests.library_data import PROJECT_BOX_SEG as SEG
from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core.library import open_library
from yimatong_plugin.gis.library_connect import (
    open_library_from_settings,
    open_library_value,
    settings_library_value,
)
from yimatong_plugin.ui import timeline as tl

pytestmark = pytest.mark.postgis
NAME = "ymt-test-saved-everywhere"


@pytest.fixture
def saved(qgis_app, postgis_server):
    from yimatong_plugin.toolbelt.settings import load_settings, save_settings

    uri = postgis_server.new_database()
    with open_library(uri, user="tester") as lib:
        code = str(lib.allocate_code(**SEG))
        lib.add_project(code, name="闲置住宅用地", source="annual_transfer_plan")
        lib.add_parcel(code, shapely.box(111.69, 29.03, 111.70, 29.04).wkt, stage="supply")
        lib.add_event(code, "supply", "2021-01-05", agreed_start="2021-07-01")
        lib.add_event(code, "supplementary_farmland", "2021-03-01", area_m2=5000)
    dbname = uri.rsplit("/", 1)[1]
    ds = QgsDataSourceUri()
    ds.setConnection("127.0.0.1", str(postgis_server.port), dbname, "postgres", "")
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    metadata.saveConnection(metadata.createConnection(ds.uri(False), {"saveUsername": True}), NAME)
    before = load_settings()
    settings = load_settings()
    # only the connection's name: the dock must not need a URI (nor any password) in settings
    settings.library_connection = NAME
    settings.library_uri = ""
    save_settings(settings)
    yield code
    save_settings(before)
    metadata.deleteConnection(NAME)


def test_settings_open_the_saved_connection(saved):
    assert settings_library_value() == NAME
    lib = open_library_from_settings()
    try:
        assert lib.backend == "postgis" and lib.project(saved)["name"] == "闲置住宅用地"
    finally:
        lib.close()
    lib = open_library_value(NAME, user="zhang.san")
    try:
        assert (
            lib.user == "zhang.san"
            and lib.project(saved)["current_stage"] == "supplementary_farmland"
        )
    finally:
        lib.close()


def test_project_box_opens_the_saved_connection(saved, qgis_iface):
    from yimatong_plugin.ui.project_box import ProjectBoxDock

    dock = ProjectBoxDock(qgis_iface)
    try:
        assert dock.library_uri == NAME  # what the report dialog gets as LIBRARY
        crs = QgsCoordinateReferenceSystem("EPSG:4490")
        found = dock.lookup(QgsPointXY(111.695, 29.035), crs)
        assert [r["code"] for r in found] == [saved], dock.message.text()
        assert dock.library().backend == "postgis"
        dock.show_project(saved)
        view = dock.timeline
        assert [e.stage for e in view.events] == ["supply", "supplementary_farmland"]
        # the 补 event is drawn in the 补 lane
        top = view.lane_top("supplement")
        y = view.event_items[1].scenePos().y()
        assert top <= y < top + tl.LANE_HEIGHT
        assert "5,000 m²" in view.event_items[1].toolTip()  # its recorded area
    finally:
        dock.unload()


def test_algorithms_take_the_connection_name(saved, processing_ready, tmp_path):
    import processing

    result = processing.run(
        "yimatong:lifecyclemonitor",
        {"LIBRARY": NAME, "AS_OF": "2024-06-01", "OUTPUT": "memory:"},
    )
    rows = list(result["OUTPUT"].getFeatures())
    assert [(f["code"], f["rule"], f["stage"]) for f in rows] == [
        (saved, lc.RULE_IDLE, "repossession")
    ]
    out = tmp_path / "file.html"
    processing.run(
        "yimatong:projectboxreport",
        {"LIBRARY": NAME, "CODE": saved, "AS_OF": "2024-06-01", "OUTPUT_HTML": str(out)},
    )
    html = out.read_text(encoding="utf-8")
    assert "闲置住宅用地" in html and "补充耕地" in html


def test_locator_uses_the_saved_connection(saved):
    from yimatong_plugin.ui.locator import ProjectLocatorFilter

    lib = ProjectLocatorFilter()._open()
    try:
        assert lib.backend == "postgis"
    finally:
        lib.close()


def test_code_dialog_allocates_in_the_saved_connection(saved, qgis_iface, monkeypatch):
    from yimatong_plugin.ui import code_dialog, code_dialog_open

    seen = {}

    def fake_exec(dialog):
        seen["backend"] = dialog.library.backend
        seen["code"] = str(dialog.library.allocate_code(**SEG))
        return 0

    monkeypatch.setattr(code_dialog.CodeDialog, "exec", fake_exec)
    code_dialog_open.open_code_dialog(qgis_iface)
    assert seen["backend"] == "postgis"
    assert seen["code"][:22] == saved[:22] and seen["code"][22:] == "000002"
