"""The 一张图 dock through its public behaviour: the topic tree read from a library, search as
you type, one click adds styled layers in their topic group, loaded layers marked, authoring
(add the current map layer, retire), and a dead WMS reported without blocking."""

import json
import socket
import threading
import time
from pathlib import Path

import pytest
from qgis.core import QgsFillSymbol, QgsProject, QgsSingleSymbolRenderer, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtXml import QDomDocument

from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.library.catalog import Catalog
from yimatong_plugin.gis.catalog_layers import KEY_PROPERTY, entry_from_layer
from yimatong_plugin.ui.catalog_dock import CatalogDock

SAMPLE = Path(__file__).resolve().parents[2] / "yimatong_plugin/data/sample/changde_sample.gpkg"


def _wait(predicate, timeout=15.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.01)
    return False


def _qml(color: str) -> str:
    layer = QgsVectorLayer("Polygon?crs=EPSG:4490", "x", "memory")
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({"color": color})))
    doc = QDomDocument()
    layer.exportNamedStyle(doc)
    return doc.toString()


@pytest.fixture
def library(tmp_path):
    path = tmp_path / "库.gpkg"
    with open_library(path, user="alice") as lib:
        cat = Catalog(lib)
        cat.add_topic("sqsx", "三区三线", sort_order=1)
        cat.add_topic("plan", "国土空间规划", sort_order=2)
        cat.add_layer(
            "sqsx", "生态保护红线", "ogr", f"{SAMPLE}|layername=生态保护红线",
            key="red", style_qml=_qml("255,0,0,255"), description="2023 批复", owner="规划科",
        )  # fmt: skip
        cat.add_layer(
            "sqsx", "城镇开发边界", "ogr", f"{SAMPLE}|layername=城镇开发边界",
            key="ukb", style_qml=_qml("0,0,255,255"), min_scale=1000000, max_scale=500,
        )  # fmt: skip
        cat.add_layer(
            "plan", "国土空间规划分区", "ogr", f"{SAMPLE}|layername=国土空间规划分区", key="zone"
        )
    return str(path)


@pytest.fixture
def dock(qgis_app, qgis_iface, library):
    QgsProject.instance().clear()
    widget = CatalogDock(None)
    widget.open_uri(library)
    assert _wait(lambda: len(widget.layers) == 3)
    yield widget
    widget.unload()
    widget.deleteLater()
    QgsProject.instance().clear()


def _colour(layer):
    return layer.renderer().symbol().color().name()


def test_topic_tree_search_and_one_click_adds_styled_layers(dock):
    tops = [dock.tree.topLevelItem(i).text(0) for i in range(dock.tree.topLevelItemCount())]
    assert tops == ["三区三线", "国土空间规划"]
    assert "规划科" in dock.item("red").toolTip(0) and "2023 批复" in dock.item("red").toolTip(0)
    assert "Source: File layer (GeoPackage…)" in dock.item("red").toolTip(0)  # the type in words
    dock.search.setText("开发")
    assert dock.visible_titles() == ["城镇开发边界"]
    dock.search.setText("规划科")  # owner
    assert dock.visible_titles() == ["生态保护红线"]
    dock.search.setText("")
    assert len(dock.visible_titles()) == 3

    # one click on the topic adds its layers, in a group named after it, with their styles
    dock.add_items([dock.tree.topLevelItem(0)])
    project = QgsProject.instance()
    group = project.layerTreeRoot().findGroup("三区三线")
    assert group is not None
    layers = {lyr.layer().name(): lyr.layer() for lyr in group.findLayers()}
    assert set(layers) == {"生态保护红线", "城镇开发边界"}
    assert _colour(layers["生态保护红线"]) == "#ff0000"
    assert _colour(layers["城镇开发边界"]) == "#0000ff"
    ukb = layers["城镇开发边界"]
    assert ukb.hasScaleBasedVisibility() and (ukb.minimumScale(), ukb.maximumScale()) == (
        1000000,
        500,
    )
    assert layers["生态保护红线"].featureCount() > 0
    # marked as loaded; adding again does not duplicate
    assert "✓" in dock.item("red").text(0) and dock.item("red").font(0).bold()
    assert "✓" not in dock.item("zone").text(0)
    dock.add_keys(["red"])
    assert len(project.mapLayers()) == 2
    # removing the layer from the project unmarks it
    project.removeMapLayer(layers["生态保护红线"])
    assert "✓" not in dock.item("red").text(0)


def test_authoring_captures_the_style_and_retire_hides_keeping_history(dock, library):
    layer = QgsVectorLayer(f"{SAMPLE}|layername=永久基本农田", "永久基本农田", "ogr")
    layer.setRenderer(
        QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({"color": "255,255,0,255"}))
    )
    assert dock.author(layer, "sqsx")
    assert _wait(lambda: len(dock.layers) == 4)
    key = layer.customProperty(KEY_PROPERTY)
    entry = dock.layers[key]
    assert entry["title"] == "永久基本农田" and entry["source_type"] == "ogr"
    assert entry["uri"] == entry_from_layer(layer)["uri"]
    # the stored style draws like the layer it was captured from
    dock.add_keys([key])
    added = [
        lyr
        for lyr in QgsProject.instance().mapLayers().values()
        if lyr.customProperty(KEY_PROPERTY) == key
    ]
    assert len(added) == 1 and _colour(added[0]) == "#ffff00"

    dock.tree.clearSelection()
    dock.item(key).setSelected(True)
    assert dock.retire_selected(confirm=False)
    assert _wait(lambda: key not in dock.layers and len(dock.layers) == 3)
    assert dock.item(key) is None
    with open_library(library) as lib:
        cat = Catalog(lib)
        assert cat.layer(key)["retired"] is True
        assert [h["action"] for h in cat.history(key)] == ["insert", "archive"]


def test_a_wms_that_never_answers_is_reported_not_waited_on(dock, library):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    port = server.getsockname()[1]
    accepted = []
    stop = threading.Event()

    def accept():  # takes the connection, never answers
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        with open_library(library) as lib:
            Catalog(lib).add_layer(
                "plan", "规划影像", "wms",
                f"crs=EPSG:4490&format=image/png&layers=a&styles=&url=http://127.0.0.1:{port}/wms",
                key="wms",
            )  # fmt: skip
        dock.reload()
        assert _wait(lambda: "wms" in dock.layers)
        dock.check_timeout = 1.0
        results = []
        dock.sourceChecked.connect(lambda *args: results.append(args))
        dock.add_keys(["wms", "zone"])
        # add_keys returned while the server holds the request: the local layer is in the map,
        # the WMS is being checked (not added, not waited on)
        assert results == []
        names = [lyr.name() for lyr in QgsProject.instance().mapLayers().values()]
        assert names == ["国土空间规划分区"]
        assert "⏳" in dock.item("wms").text(0)
        assert _wait(lambda: results)
        key, ok, message = results[0]
        assert (key, ok) == ("wms", False)
        assert f"127.0.0.1:{port}" in message and "1 s" in message
        assert accepted  # the server got the request and never answered
        assert "⚠" in dock.item("wms").text(0)
        assert "规划影像" in dock.message.text()
        assert [lyr.name() for lyr in QgsProject.instance().mapLayers().values()] == names
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        server.close()


def test_edit_details_and_save_the_restyled_map_layer_as_standard(dock, library):
    from yimatong_plugin.ui import catalog_edit

    dock.add_keys(["zone"])
    (layer,) = QgsProject.instance().mapLayersByName("国土空间规划分区")
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({"color": "0,128,0,255"})))
    dock.item("zone").setSelected(True)
    assert catalog_edit.save_style_from_map(dock)
    # the details dialog gives only what the planner changed
    dialog = catalog_edit.CatalogLayerDialog(dock.layers["zone"])
    dialog.edits["version"].setText("2024 调整")
    dialog.edits["min_scale"].setText("250000")
    assert dialog.values() == {"version": "2024 调整", "min_scale": "250000"}
    assert dock.write(lambda cat: cat.update_layer("zone", **dialog.values()))
    assert _wait(lambda: dock.layers["zone"].get("version") == "2024 调整")
    # a new project draws the layer with the saved style and scale range
    QgsProject.instance().clear()
    dock.add_keys(["zone"])
    (again,) = QgsProject.instance().mapLayersByName("国土空间规划分区")
    assert _colour(again) == "#008000" and again.minimumScale() == 250000
    with open_library(library) as lib:
        actions = [h["action"] for h in Catalog(lib).history("zone")]
    assert actions == ["insert", "update", "update"]
    # a bad value is reported by name, nothing written
    outcomes = []
    dock.catalogWritten.connect(lambda *args: outcomes.append(args))
    assert dock.write(lambda cat: cat.update_layer("zone", max_scale="500000"))
    assert _wait(lambda: outcomes)
    assert outcomes[0][0] is False and "1:250000" in outcomes[0][1]
    assert "1:250000" in dock.message.text()
    with open_library(library) as lib:
        assert len(Catalog(lib).history("zone")) == 3


def test_writes_run_off_the_gui_thread_and_report_a_failure(dock, library):
    """Retire, add, edit and import open the library on the writer thread: the dock answers
    while a write waits (a locked or slow library), and a failed write is told in the dock."""
    release = threading.Event()
    seen = []

    def slow_write(cat):
        seen.append(threading.current_thread() is threading.main_thread())
        seen.append(release.wait(10))  # held until the test has seen write() return
        cat.update_layer("zone", version="2025")

    outcomes = []
    dock.catalogWritten.connect(lambda *args: outcomes.append(args))
    assert dock.write(slow_write)
    release.set()  # write() returned while the write was still waiting
    assert _wait(lambda: outcomes)
    assert seen == [False, True] and outcomes == [(True, "")]
    assert _wait(lambda: dock.layers["zone"].get("version") == "2025")

    # a file that is not a catalog: the import fails on the writer thread, told in the dock
    bad = Path(library).with_name("bad.json")
    bad.write_text("{not json", encoding="utf-8")
    assert dock.import_file(str(bad))
    assert _wait(lambda: len(outcomes) == 2)
    assert outcomes[1][0] is False and outcomes[1][1] in dock.message.text()
    # and a good one (the catalog itself: nothing new) goes through
    good = Path(library).with_name("good.json")
    with open_library(library) as lib:
        good.write_text(json.dumps(Catalog(lib).export_json()), encoding="utf-8")
    assert dock.import_file(str(good))
    assert _wait(lambda: len(outcomes) == 3) and outcomes[2] == (True, "")


def test_postgis_library_and_postgis_layer_added_after_its_check(qgis_app, postgis_server):
    import psycopg2
    import psycopg2.extensions

    uri = postgis_server.new_database()
    with psycopg2.connect(uri) as conn, conn.cursor() as cur:
        cur.execute(
            "CREATE TABLE jbnt AS SELECT 1 AS id, ST_Multi(ST_Buffer(ST_SetSRID("
            "ST_MakePoint(111.7, 29.0), 4490), 0.01))::geometry(MultiPolygon, 4490) AS geom"
        )
    parts = psycopg2.extensions.parse_dsn(uri)
    base = " ".join(f"{k}='{v}'" for k, v in parts.items())
    with open_library(uri, user="alice") as lib:
        cat = Catalog(lib)
        cat.add_topic("sqsx", "三区三线")
        cat.add_layer(
            "sqsx", "永久基本农田", "postgis",
            f'{base} key=\'id\' srid=4490 type=MultiPolygon table="public"."jbnt" (geom)',
            key="jbnt", style_qml=_qml("255,255,0,255"),
        )  # fmt: skip
        cat.add_layer("sqsx", "现状地块", "library", "ymt_parcels|subset=NOT retired", key="cur")
    QgsProject.instance().clear()
    dock = CatalogDock(None)
    try:
        dock.open_uri(uri)
        assert _wait(lambda: len(dock.layers) == 2)
        checked = []
        dock.sourceChecked.connect(lambda *args: checked.append(args))
        dock.add_items([dock.tree.topLevelItem(0)])
        # the library's own table is added at once; the PostGIS table after its check
        assert [lyr.name() for lyr in QgsProject.instance().mapLayers().values()] == ["现状地块"]
        assert _wait(lambda: len(QgsProject.instance().mapLayers()) == 2)
        assert checked == [("jbnt", True, "")]
        (jbnt,) = QgsProject.instance().mapLayersByName("永久基本农田")
        assert jbnt.providerType() == "postgres" and jbnt.featureCount() == 1
        assert _colour(jbnt) == "#ffff00"
        group = QgsProject.instance().layerTreeRoot().findGroup("三区三线")
        assert len(group.findLayers()) == 2
    finally:
        dock.unload()
        dock.deleteLater()
        QgsProject.instance().clear()


def test_drag_onto_the_map_adds_like_a_click(dock):
    from qgis.core import QgsMimeDataUtils

    from yimatong_plugin.ui.catalog_drag import PROVIDER_KEY, CatalogDropHandler

    mime = dock.tree.mimeData([dock.tree.topLevelItem(0)])  # the 三区三线 topic
    uris = QgsMimeDataUtils.decodeUriList(mime)
    assert [(u.layerType, u.providerKey, u.uri) for u in uris] == [
        ("custom", PROVIDER_KEY, "ukb"),  # 城镇开发边界, 生态保护红线: the tree's order
        ("custom", PROVIDER_KEY, "red"),
    ]
    handler = CatalogDropHandler(dock)  # what QGIS calls for a drop of these URIs
    assert handler.customUriProviderKey() == PROVIDER_KEY
    for uri in uris:
        handler.handleCustomUriDrop(uri)
    group = QgsProject.instance().layerTreeRoot().findGroup("三区三线")
    layers = {n.layer().name(): n.layer() for n in group.findLayers()}
    assert set(layers) == {"生态保护红线", "城镇开发边界"}
    assert _colour(layers["生态保护红线"]) == "#ff0000"
