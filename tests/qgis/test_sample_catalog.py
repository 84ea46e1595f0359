"""The shipped Changde 一张图 catalog: what scripts/gen_sample_catalog.py writes, at least six
topics, every local source loadable with its style, the library's own parcels from the library
itself (GeoPackage and PostGIS), and the 三区三线 topic in one click."""

import json
import sys
from pathlib import Path

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.PyQt.QtXml import QDomDocument

from tests.library_data import SEG, SQUARE
from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.library.catalog import Catalog
from yimatong_plugin.gis.catalog_layers import check_source, make_layers

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "yimatong_plugin/data/catalog/changde_catalog.json"


def _data():
    return json.loads(CATALOG.read_text(encoding="utf-8"))


def test_the_committed_catalog_is_what_the_script_writes(qgis_app):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_sample_catalog
    finally:
        sys.path.pop(0)
    built, committed = gen_sample_catalog.build(), _data()
    # the styles are written through QGIS's API, whose QML differs between QGIS versions: the
    # file is written on the host's QGIS 3.22; on another version each committed style must
    # still load, and everything else must be equal
    if Qgis.QGIS_VERSION_INT < 32300:
        assert built == committed
        return
    assert _without_styles(built) == _without_styles(committed)
    for topic in committed["topics"]:
        for entry in topic["layers"]:
            if entry["style_qml"]:
                layer = QgsVectorLayer("Polygon?crs=EPSG:4490", "probe", "memory")
                doc = QDomDocument()
                assert doc.setContent(entry["style_qml"])[0], entry["key"]
                ok, message = layer.importNamedStyle(doc)
                assert ok, (entry["key"], message)


def _without_styles(data):
    return {
        **data,
        "topics": [
            {**t, "layers": [{k: v for k, v in x.items() if k != "style_qml"} for x in t["layers"]]}
            for t in data["topics"]
        ],
    }


def test_sample_catalog_loads_from_a_geopackage_library(qgis_app, tmp_path):
    path = tmp_path / "sample_library.gpkg"
    lib = open_library(path, user="demo")
    code = lib.allocate_code(**SEG)
    lib.add_project(code, name="武陵区安置房", source="municipal_key")
    old = lib.add_parcel(code, SQUARE)
    lib.retire_parcel(old, reason="重新测绘")
    lib.add_parcel(code, SQUARE)
    cat = Catalog(lib)
    result = cat.import_json(_data())
    topics = cat.topics()
    assert len(topics) >= 6 and result["added"] == len(topics) + len(cat.layers())
    titles = [t["title"] for t in topics]
    for needed in ("三区三线", "行政区划", "项目库", "基础底图", "监管发现", "国土空间规划"):
        assert needed in titles
    lib.close()
    lib = open_library(path)
    layers = {x["key"]: x for x in Catalog(lib).layers()}
    lib.close()
    assert layers["osm"]["source_type"] == "xyz"  # the basemap: no network in tests
    for key, entry in layers.items():
        if entry["source_type"] in ("ogr", "library") and key != "findings":
            assert check_source(entry, str(path)) == (True, ""), key
            (layer,) = make_layers(entry, str(path))
            assert layer.isValid() and layer.name() == entry["title"]
    # the findings are written by make demo beside the library: said plainly until then
    ok, message = check_source(layers["findings"], str(path))
    assert not ok and str(tmp_path / "lifecycle_findings.gpkg") in message
    # the library's own parcels: current and retired, from the library itself
    (current,) = make_layers(layers["lib-current"], str(path))
    (retired,) = make_layers(layers["lib-retired"], str(path))
    assert [f["retired"] for f in current.getFeatures()] == [False]
    assert [f["retired"] for f in retired.getFeatures()] == [True]
    (counties,) = make_layers(layers["counties"], str(path))
    assert counties.featureCount() == 9 and counties.labelsEnabled()


def test_sanqu_topic_in_one_click_with_standard_styles(qgis_app, qgis_iface, tmp_path):
    from tests.qgis.test_catalog_dock import _wait
    from yimatong_plugin.ui.catalog_dock import CatalogDock

    path = tmp_path / "sample_library.gpkg"
    with open_library(path) as lib:
        Catalog(lib).import_json(_data())
    QgsProject.instance().clear()
    dock = CatalogDock(None)
    try:
        dock.open_uri(str(path))
        assert _wait(lambda: len(dock.layers) == 10)
        topic = [
            dock.tree.topLevelItem(i)
            for i in range(dock.tree.topLevelItemCount())
            if dock.tree.topLevelItem(i).text(0) == "三区三线"
        ][0]
        dock.add_items([topic])
        group = QgsProject.instance().layerTreeRoot().findGroup("三区三线")
        layers = {n.layer().name(): n.layer() for n in group.findLayers()}
        assert set(layers) == {"生态保护红线", "永久基本农田", "城镇开发边界"}
        red = layers["生态保护红线"].renderer().symbol()
        assert red.color().name() == "#e60000"
        assert all(lyr.featureCount() > 0 for lyr in layers.values())
    finally:
        dock.unload()
        dock.deleteLater()
        QgsProject.instance().clear()


def test_library_layers_of_the_catalog_on_postgis(qgis_app, postgis_server):
    uri = postgis_server.new_database()
    with open_library(uri, user="demo") as lib:
        code = lib.allocate_code(**SEG)
        lib.add_project(code, name="武陵区安置房", source="municipal_key")
        lib.add_parcel(code, SQUARE)
        Catalog(lib).import_json(_data())
        entry = Catalog(lib).layer("lib-current")
    (layer,) = make_layers(entry, uri)
    assert layer.providerType() == "postgres" and layer.isValid()
    assert len(list(layer.getFeatures())) == 1
