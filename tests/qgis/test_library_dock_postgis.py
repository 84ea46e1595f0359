"""The library panel on a PostGIS library chosen from QGIS's saved PostgreSQL connections."""

import pytest
import shapely
from qgis.core import QgsDataSourceUri, QgsProject, QgsProviderRegistry

from yimatong_plugin.core.library import open_library
from yimatong_plugin.gis.library_connect import (
    connection_datasource,
    libpq_string,
    postgres_connection_names,
    safe_uri,
)
from yimatong_plugin.ui.library_dock import LibraryDock

pytestmark = pytest.mark.postgis
NAME = "ymt-test-library"


@pytest.fixture
def saved_connection(qgis_app, postgis_server):
    uri = postgis_server.new_database()
    with open_library(uri, user="tester") as lib:
        seg = dict(
            region="43",
            admin="430702",
            year=2024,
            approval_type="05",
            project_type="01",
            supply_type="13",
            land_use="1001",
        )
        for i in range(250):
            code = lib.new_project(f"德山标准厂房{i}号", "municipal_key", seg)
        lib.add_parcel(code, shapely.box(111.70, 29.0, 111.701, 29.001).wkt)
        lib.add_event(code, "reserve", "2024-01-01")
    dbname = uri.rsplit("/", 1)[1]
    ds = QgsDataSourceUri()
    ds.setConnection("127.0.0.1", str(postgis_server.port), dbname, "postgres", "")
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    conn = metadata.createConnection(ds.uri(False), {"saveUsername": True})
    metadata.saveConnection(conn, NAME)
    yield NAME, str(code)
    metadata.deleteConnection(NAME)


def test_open_saved_connection_list_and_add_layers(saved_connection, monkeypatch, qgis_iface):
    name, last_code = saved_connection
    saved = {}
    monkeypatch.setattr(
        "yimatong_plugin.toolbelt.settings.save_settings", lambda s: saved.update(vars(s))
    )
    assert name in postgres_connection_names()
    ds = connection_datasource(name)
    assert "password" not in safe_uri(ds)
    assert libpq_string(ds).startswith("dbname=")

    dock = LibraryDock(qgis_iface)
    try:
        errors = []
        monkeypatch.setattr(dock, "_error", errors.append)
        dock.open_connection(name, background=False)
        assert not errors, errors
        assert dock.library is not None, dock.library_label.text()
        assert dock.library_label.text() == name
        assert saved["library_connection"] == name
        assert "password" not in saved["library_uri"]
        assert dock.model.rowCount() == 200 and dock.model.canFetchMore()
        assert dock.model.total == 250  # counted on the GUI connection for PostgreSQL
        dock.search.setText(last_code[:20])
        dock.apply_filter()
        assert dock.model.rowCount() == 250 or dock.model.canFetchMore()
        assert dock.select_code(last_code)
        assert dock.parcels_tree.topLevelItemCount() == 1
        layers = dock.add_layers()
        try:
            assert all(lyr.isValid() for lyr in layers.values())
            assert layers["ymt_parcels"].providerType() == "postgres"
            assert layers["ymt_projects"].featureCount() == 250
            rels = (
                QgsProject.instance().relationManager().referencedRelations(layers["ymt_projects"])
            )
            assert len(rels) == 2
        finally:
            for rel in QgsProject.instance().relationManager().relations():
                QgsProject.instance().relationManager().removeRelation(rel)
            QgsProject.instance().removeMapLayers([lyr.id() for lyr in layers.values()])
    finally:
        dock.unload()
        dock.deleteLater()


def test_import_algorithm_into_a_saved_connection(
    saved_connection, processing_ready, tmp_path, monkeypatch
):
    import processing

    from yimatong_plugin.processing.algorithms import importprojects

    name, _code = saved_connection
    csv = tmp_path / "plan.csv"
    csv.write_bytes(
        "项目名称,行政区,年度,批准类型,项目类型,供地方式,用途\n桃源物流园,桃源县,2025,05,02,挂牌出让,1101\n".encode(
            "gbk"
        )
    )
    monkeypatch.setattr(importprojects, "mapping_store_path", lambda: tmp_path / "m.json")
    result = processing.run(
        "yimatong:importprojects",
        {"INPUT": str(csv), "LIBRARY": name, "SOURCE": 4, "OUTPUT_PROBLEMS": "memory:"},
    )
    assert result["IMPORTED"] == 1
    from yimatong_plugin.gis.library_connect import open_configured_library

    lib = open_configured_library(connection=name)
    try:
        (row,) = lib.find("桃源物流园")
        assert row["admin"] == "430725" and row["source"] == "annual_reserve_plan"
    finally:
        lib.close()
