"""The 一张图 catalog (schema v6) on both backends: topics and layers with audit, retire (never
delete), no passwords, JSON export/import round trip, and the migration v5 -> v6 with data."""

import json
import sqlite3

import psycopg2
import pytest

from tests.library_data import SEG
from yimatong_plugin.core.library import SCHEMA_VERSION, LibraryError, open_library
from yimatong_plugin.core.library.catalog import Catalog

QML = "<!DOCTYPE qgis><qgis version='3.22'><renderer-v2 type='singleSymbol'/></qgis>"


@pytest.fixture(params=["gpkg", "postgis"])
def lib(request, tmp_path):
    if request.param == "gpkg":
        library = open_library(tmp_path / "lib.gpkg", user="alice")
    else:
        server = request.getfixturevalue("postgis_server")
        library = open_library(server.new_database(), user="alice")
    yield library
    library.close()


def raw(lib, sql, params=()):
    """SQL as an editor outside the API (QGIS's attribute table) would send it."""
    if lib.backend == "gpkg":
        lib.connection.execute(sql, params)
    else:
        cur = lib.connection.cursor()
        cur.execute(sql.replace("?", "%s"), params)
        cur.close()


RAW_ERRORS = (sqlite3.IntegrityError, psycopg2.IntegrityError, psycopg2.errors.RaiseException)


def _fill(cat):
    cat.add_topic("sqsx", "三区三线", description="2023 批复版", owner="规划科", sort_order=1)
    cat.add_topic("base", "基础底图", sort_order=0)
    red = cat.add_layer(
        "sqsx",
        "生态保护红线",
        "ogr",
        "/data/sqsx.gpkg|layername=stbhhx",
        key="sqsx-red",
        style_qml=QML,
        owner="规划科",
        data_date="2023-10-12",
        version="2023批复",
        min_scale=500000,
        max_scale=1000,
    )
    cat.add_layer(
        "base",
        "天地图影像",
        "xyz",
        "type=xyz&url=http://127.0.0.1:9/{z}/{x}/{y}.png",
        key="tdt",
        authcfg="ab12cd3",
    )
    return red


def test_crud_is_audited_and_a_retired_layer_keeps_its_history(lib):
    cat = Catalog(lib)
    assert lib.schema_version == SCHEMA_VERSION >= 6
    red = _fill(cat)
    assert [t["key"] for t in cat.topics()] == ["base", "sqsx"]  # sort order
    layer = cat.layer(red)
    assert layer["style_qml"] == QML and layer["data_date"] == "2023-10-12"
    assert (layer["min_scale"], layer["max_scale"]) == (500000, 1000)
    cat.update_layer(red, title="生态保护红线（批复）", version="2023批复-2")
    assert cat.layer(red)["title"] == "生态保护红线（批复）"
    cat.retire_layer(red)
    assert [x["key"] for x in cat.layers()] == ["tdt"]  # hidden …
    kept = cat.layers(include_retired=True)
    assert red in [x["key"] for x in kept] and cat.layer(red)["retired"] is True  # … kept
    history = cat.history(red)
    assert [h["action"] for h in history] == ["insert", "update", "archive"]
    assert history[0]["who"].startswith("alice" if lib.backend == "gpkg" else "")
    assert history[1]["before"]["title"] == "生态保护红线"
    assert history[1]["after"]["title"] == "生态保护红线（批复）"
    assert history[0]["code"] is None
    # a retired layer cannot be deleted, not even outside the API
    with pytest.raises(RAW_ERRORS, match="never deleted"):
        raw(lib, "DELETE FROM ymt_catalog_layers WHERE key = ?", (red,))
    with pytest.raises(RAW_ERRORS, match="never deleted"):
        raw(lib, "DELETE FROM ymt_catalog_topics")
    # an edit outside the API is audited too (author 'external' on GeoPackage)
    raw(lib, "UPDATE ymt_catalog_layers SET description = 'edited in QGIS' WHERE key = 'tdt'")
    assert cat.history("tdt")[-1]["after"]["description"] == "edited in QGIS"
    # retiring a topic hides its layers
    cat.retire_topic("base")
    assert cat.layers() == [] and [t["key"] for t in cat.topics()] == ["sqsx"]
    assert cat.history("base", "ymt_catalog_topics")[-1]["action"] == "archive"
    with pytest.raises(LibraryError) as err:
        cat.add_layer("base", "x", "xyz", "type=xyz&url=http://a/{z}/{x}/{y}.png")
    assert err.value.kind == "archived"
    assert lib.check_consistency() == []


def test_bad_values_are_refused_by_name_and_nothing_is_written(lib):
    cat = Catalog(lib)
    _fill(cat)
    before = lib.query("SELECT count(*) AS n FROM ymt_audit")[0]["n"]
    cases = [
        (dict(uri="dbname=x host=h user=u password=secret table=t"), "uri"),
        (dict(uri="http://bob:secret@wms.example/wms?"), "uri"),
        (dict(source_type="shapefile"), "source_type"),
        (dict(authcfg="not-an-id"), "authcfg"),
        (dict(min_scale=1000, max_scale=50000), "min_scale"),
        (dict(data_date="2023-02-30"), "data_date"),
        (dict(title="  "), "title"),
    ]
    for change, field in cases:
        args = dict(topic_key="sqsx", title="t", source_type="wms", uri="url=http://a/wms&layers=x")
        args.update(change)
        with pytest.raises(LibraryError) as err:
            cat.add_layer(**args)
        assert err.value.where == field, change
    with pytest.raises(LibraryError) as err:
        cat.add_layer("nope", "t", "wms", "url=http://a/wms")
    assert err.value.kind == "not_found"
    with pytest.raises(LibraryError) as err:
        cat.add_topic("sqsx", "again")
    assert err.value.kind == "duplicate"
    # also the database refuses a password written outside the API
    with pytest.raises(RAW_ERRORS):
        raw(
            lib,
            "INSERT INTO ymt_catalog_layers (key, topic_key, title, source_type, uri) "
            "VALUES ('k', 'sqsx', 't', 'postgis', 'dbname=x password=secret')",
        )
    assert lib.query("SELECT count(*) AS n FROM ymt_audit")[0]["n"] == before


def test_json_round_trip_to_another_library(lib, tmp_path):
    cat = Catalog(lib)
    red = _fill(cat)
    farm = cat.add_layer(
        "sqsx", "永久基本农田", "postgis", 'dbname=gis table="public"."jbnt" (geom)'
    )
    cat.retire_layer(farm)
    data = json.loads(json.dumps(cat.export_json(), ensure_ascii=False))
    assert [t["key"] for t in data["topics"]] == ["base", "sqsx"]
    assert [x["key"] for x in data["topics"][1]["layers"]] == [red]  # the retired one left out
    other = Catalog(open_library(tmp_path / "other.gpkg", user="bob"))
    assert other.import_json(data) == {"added": 4, "updated": 0, "unchanged": 0}
    assert other.export_json() == data
    assert other.layer(red)["style_qml"] == QML
    assert other.history(red)[0]["who"] == "bob"
    # importing again changes nothing; an edited file updates only what differs
    assert other.import_json(data) == {"added": 0, "updated": 0, "unchanged": 4}
    data["topics"][1]["layers"][0]["version"] = "2024调整"
    assert other.import_json(data) == {"added": 0, "updated": 1, "unchanged": 3}
    assert other.layer(red)["version"] == "2024调整"
    # a layer retired here is not brought back by an import that still lists it
    other.retire_layer(red)
    other.import_json(data)
    assert other.layer(red)["retired"] is True
    # a bad file is refused as a whole
    data["topics"].append(
        {"key": "new", "title": "新专题", "layers": [{"key": "bad", "title": "x",
         "source_type": "wms", "uri": "url=http://u:p@a/wms"}]}
    )  # fmt: skip
    with pytest.raises(LibraryError):
        other.import_json(data)
    assert other.topic("new") is None
    with pytest.raises(LibraryError):
        other.import_json({"topics": []})
    other.lib.close()


def test_v5_library_with_data_migrates(tmp_path, monkeypatch, request):
    from yimatong_plugin.core.library import gpkg, postgis

    for backend in ("gpkg", "postgis"):
        if backend == "gpkg":
            uri = tmp_path / "v5.gpkg"
        else:
            uri = request.getfixturevalue("postgis_server").new_database()
        monkeypatch.setattr(gpkg, "SCHEMA_VERSION", 5)
        monkeypatch.setattr(postgis, "SCHEMA_VERSION", 5)
        lib = open_library(uri, user="alice")
        assert lib.schema_version == 5
        with pytest.raises(LibraryError) as err:
            Catalog(lib)
        assert err.value.kind == "schema_too_old"
        code = str(lib.allocate_code(**SEG))
        lib.add_project(code, name="武陵区安置房", source="municipal_key")
        audit_before = lib.query("SELECT * FROM ymt_audit ORDER BY fid")
        lib.close()
        monkeypatch.undo()

        lib = open_library(uri, user="bob")
        assert lib.schema_version == SCHEMA_VERSION >= 6
        assert lib.query("SELECT * FROM ymt_audit ORDER BY fid") == audit_before
        cat = Catalog(lib)
        assert cat.topics() == [] and cat.layers() == []
        _fill(cat)
        assert cat.history("tdt")[0]["who"].endswith("bob") or lib.backend == "postgis"
        assert lib.check_consistency() == []
        lib.close()
        if backend == "gpkg":  # the migrated file has exactly the schema of a new library
            sql = (
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE "
                "'sqlite_%' ORDER BY type, name"
            )
            open_library(tmp_path / "fresh.gpkg").close()
            fresh = sqlite3.connect(tmp_path / "fresh.gpkg")
            migrated = sqlite3.connect(uri)
            assert migrated.execute(sql).fetchall() == fresh.execute(sql).fetchall()
            fresh.close()
            migrated.close()
