"""The library's tables are ordinary QGIS layers: readable, editable in an edit session, and
edits made there are audited by the database triggers (GeoPackage and PostGIS)."""

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsFeature,
    QgsGeometry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from tests.library_data import SEG, SQUARE
from yimatong_plugin.core.library import open_library

BIGGER = "MULTIPOLYGON(((111.69 29.03, 111.71 29.03, 111.71 29.04, 111.69 29.04, 111.69 29.03)))"


@pytest.fixture(params=["gpkg", "postgis"])
def backend(request, tmp_path, qgis_app):
    """(library uri, function table name -> QgsVectorLayer)."""
    if request.param == "gpkg":
        path = str(tmp_path / "lib.gpkg")

        def layer(table):
            return QgsVectorLayer(f"{path}|layername={table}", table, "ogr")

        return path, layer
    server = request.getfixturevalue("postgis_server")
    uri = server.new_database()

    def layer(table):
        src = QgsDataSourceUri()
        src.setConnection("127.0.0.1", str(server.port), uri.rsplit("/", 1)[1], "postgres", "")
        src.setDataSource("public", table, "geom" if table == "ymt_parcels" else None, "", "fid")
        return QgsVectorLayer(src.uri(False), table, "postgres")

    return uri, layer


def _project(uri):
    lib = open_library(uri, user="alice")
    code = lib.allocate_code(**SEG)
    lib.add_project(code, name="武陵区安置房", source="municipal_key", applicant="常德市城投")
    parcel = lib.add_parcel(
        code, QgsGeometry.fromWkt(SQUARE), crs=QgsCoordinateReferenceSystem("EPSG:4490")
    )
    return lib, code, parcel


def test_attribute_edit_in_qgis_is_audited(backend):
    uri, layer = backend
    lib, code, _parcel = _project(uri)
    projects = layer("ymt_projects")
    assert projects.isValid()
    assert projects.featureCount() == 1
    assert projects.startEditing()
    feature = next(projects.getFeatures())
    assert feature["code"] == str(code)
    assert projects.changeAttributeValue(
        feature.id(), projects.fields().indexOf("applicant"), "鼎城区城投"
    )
    assert projects.commitChanges(), projects.commitErrors()
    last = lib.history(code)[-1]
    assert last["table_name"] == "ymt_projects" and last["action"] == "update"
    assert (
        last["before"]["applicant"] == "常德市城投" and last["after"]["applicant"] == "鼎城区城投"
    )
    assert last["who"] == ("external" if lib.backend == "gpkg" else "postgres")
    assert lib.project(code)["applicant"] == "鼎城区城投"
    assert [r["code"] for r in lib.find("鼎城区城投")] == [str(code)]  # search index follows
    assert lib.check_consistency() == []
    lib.close()


def test_parcel_layer_geometry_edit_and_delete_refused(backend):
    uri, layer = backend
    lib, code, parcel = _project(uri)
    parcels = layer("ymt_parcels")
    assert parcels.isValid()
    assert parcels.crs().authid() == "EPSG:4490"
    assert QgsWkbTypes.flatType(parcels.wkbType()) == QgsWkbTypes.MultiPolygon
    assert parcels.featureCount() == 1
    feature = next(parcels.getFeatures())
    assert feature.geometry().boundingBox().xMinimum() == pytest.approx(111.69)
    # geometry edit: the R-tree / GIST index and the audit follow
    assert parcels.startEditing()
    assert parcels.changeGeometry(feature.id(), QgsGeometry.fromWkt(BIGGER))
    assert parcels.commitChanges(), parcels.commitErrors()
    hits = [
        f.id()
        for f in layer("ymt_parcels").getFeatures(feature.geometry().boundingBox().buffered(0.005))
    ]
    assert len(hits) == 1
    last = lib.history(code)[-1]
    assert (
        last["table_name"] == "ymt_parcels"
        and last["action"] == "update"
        and last["row_fid"] == parcel
    )
    # delete from QGIS: refused by the trigger, the row stays
    assert parcels.startEditing()
    assert parcels.deleteFeature(feature.id())
    assert not parcels.commitChanges()
    assert any("never deleted" in e for e in parcels.commitErrors())
    parcels.rollBack()
    assert len(lib.parcels(code)) == 1
    # a new feature digitised in QGIS is audited as an insert
    parcels = layer("ymt_parcels")
    assert parcels.startEditing()
    new = QgsFeature(parcels.fields())
    new.setGeometry(QgsGeometry.fromWkt(BIGGER))
    new["code"] = str(code)
    for name, value in (("repaired", False), ("retired", False), ("rev", 1)):
        new[name] = value
    assert parcels.addFeature(new)
    assert parcels.commitChanges(), parcels.commitErrors()
    assert len(lib.parcels(code)) == 2
    assert lib.history(code)[-1]["action"] == "insert"
    assert lib.check_consistency() == []
    lib.close()


def test_event_added_in_qgis_moves_current_stage(backend):
    """An event typed into the events layer (QGIS edit session) updates the project's
    current_stage through the triggers; a hand edit of current_stage is put right."""
    uri, layer = backend
    lib, code, _parcel = _project(uri)
    lib.add_event(code, "supply", "2023-05-01")
    events = layer("ymt_events")
    assert events.isValid()
    assert events.startEditing()
    feature = QgsFeature(events.fields())
    feature["code"] = str(code)
    feature["stage"] = "supplementary_farmland"
    feature["event_date"] = "2024-02-01"
    feature["area_m2"] = 1500.0
    assert events.addFeature(feature)
    assert events.commitChanges(), events.commitErrors()
    assert lib.project(code)["current_stage"] == "supplementary_farmland"
    projects = layer("ymt_projects")
    assert projects.startEditing()
    fid = next(projects.getFeatures())
    index = projects.fields().indexOf("current_stage")
    assert projects.changeAttributeValue(fid.id(), index, "completion")
    assert projects.commitChanges(), projects.commitErrors()
    assert lib.project(code)["current_stage"] == "supplementary_farmland"
    lib.close()


def test_library_layers_make_current_stage_read_only(backend, tmp_path):
    from qgis.core import QgsProject

    from yimatong_plugin.gis.library_layers import add_library_layers

    uri, _layer = backend
    lib, _code, _parcel = _project(uri)
    lib.close()
    if uri.startswith("postgresql://"):  # QGIS's data source URIs are libpq keyword strings
        rest = uri[len("postgresql://") :]
        user, rest = rest.split("@", 1)
        hostport, db = rest.split("/", 1)
        host, port = hostport.split(":")
        uri = f"dbname={db} host={host} port={port} user={user}"
    project = QgsProject()
    layers = add_library_layers(uri, project=project)
    projects = layers["ymt_projects"]
    index = projects.fields().indexOf("current_stage")
    assert index >= 0 and projects.editFormConfig().readOnly(index)
    assert not projects.editFormConfig().readOnly(projects.fields().indexOf("name"))
    project.clear()
