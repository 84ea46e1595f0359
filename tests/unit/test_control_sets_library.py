"""Control sets in the library (schema v7) on both backends: versions per name, one current set,
older sets readable, audit of every insert and change, never deleted, preparation stored once per
data version, stored features checked against their content hash."""

import sqlite3

import numpy as np
import psycopg2
import pytest
import shapely
from shapely.geometry import box

from yimatong_plugin.core.library import LibraryError, open_library
from yimatong_plugin.core.library.control_sets import (
    ControlSets,
    content_hash,
    pack_features,
    parse_spec,
)
from yimatong_plugin.core.overlay import PreparedLayer
from yimatong_plugin.core.overlay import publish as prep


@pytest.fixture(params=["gpkg", "postgis"])
def lib(request, tmp_path):
    if request.param == "gpkg":
        library = open_library(tmp_path / "lib.gpkg", user="alice")
    else:
        library = open_library(
            request.getfixturevalue("postgis_server").new_database(), user="alice"
        )
    yield library
    library.close()


def _layer(name, geoms, rule="avoid", doc="湘政函〔2023〕12号"):
    wkbs = [shapely.to_wkb(g) for g in geoms]
    fids = list(range(1, len(geoms) + 1))
    return dict(
        name=name,
        rule=rule,
        doc_no=doc,
        effective_date="2023-10-12",
        data=pack_features(fids, wkbs),
        data_sha256=content_hash(fids, wkbs),
        feature_count=len(fids),
    )


def raw(lib, sql):
    if lib.backend == "gpkg":
        lib.connection.execute(sql)
    else:
        cur = lib.connection.cursor()
        cur.execute(sql)
        cur.close()


def test_versions_current_audit_and_never_deleted(lib):
    sets = ControlSets(lib)
    assert sets.current() is None
    with pytest.raises(LibraryError, match="no current control set"):
        sets.resolve("")
    v1 = sets.publish("三区三线", 4546, [_layer("生态保护红线", [box(0, 0, 10, 10)])], "2023-10-12")
    v2 = sets.publish("三区三线", 4546, [_layer("生态保护红线", [box(0, 0, 10, 11)])])
    other = sets.publish(
        "历史文化保护线", 4546, [_layer("紫线", [box(5, 5, 6, 6)])], make_current=False
    )
    assert (v1["key"], v2["key"], other["key"]) == ("三区三线@1", "三区三线@2", "历史文化保护线@1")
    assert sets.current()["key"] == "三区三线@2"
    assert sets.resolve("三区三线")["key"] == "三区三线@2"
    old = sets.resolve("三区三线@1")  # older versions stay readable
    assert old["set_date"] == "2023-10-12" and old["layers"][0]["doc_no"] == "湘政函〔2023〕12号"
    assert old["layers"][0]["effective_date"] == "2023-10-12"
    assert old["layers"][0]["data_sha256"] != v2["layers"][0]["data_sha256"]
    sets.make_current("三区三线", 1)
    assert sets.current()["key"] == "三区三线@1"
    assert sum(r["is_current"] for r in sets.sets()) == 1
    # audited: insert, then made not current (by v2), then current again
    history = sets.history("三区三线@1")
    assert [h["action"] for h in history] == ["insert", "update", "update"]
    assert all(h["who"].endswith("alice") for h in history)  # PostGIS: "role / alice"
    layer_audit = lib.query("SELECT * FROM ymt_audit WHERE table_name = 'ymt_control_set_layers'")
    assert len(layer_audit) == 3
    errors = (sqlite3.IntegrityError, psycopg2.Error)
    for table in ("ymt_control_sets", "ymt_control_set_layers"):
        with pytest.raises(errors, match="never deleted"):
            raw(lib, f"DELETE FROM {table}")
        if lib.backend == "postgis":
            lib.connection.rollback()
    with pytest.raises(errors):  # a second current set is refused by the schema
        raw(lib, "UPDATE ymt_control_sets SET is_current = true")
    if lib.backend == "postgis":
        lib.connection.rollback()
    with pytest.raises(LibraryError, match="rule"):
        sets.publish("x", 4546, [_layer("a", [box(0, 0, 1, 1)], rule="maybe")])
    with pytest.raises(LibraryError, match="No control set named '城镇@3'"):
        sets.resolve("城镇@3")


def test_preparation_stored_once_per_data_version_and_checked(lib):
    sets = ControlSets(lib)
    bowtie = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    row = sets.publish("三区三线", 4546, [_layer("红线", [bowtie, box(20, 0, 30, 10)])])
    layer = row["layers"][0]
    fids, wkbs = sets.features(layer)
    assert fids.tolist() == [1, 2] and wkbs[0] == shapely.to_wkb(bowtie)
    prepared = PreparedLayer(shapely.from_wkb(wkbs), meta={"fids": fids})
    prep.prepare_fully(prepared)
    assert prepared.repaired_ids.tolist() == [0] and prepared.checked_count() == 2
    sha, epsg = layer["data_sha256"], 4546
    data = prep.to_bytes(prepared, sha, epsg)
    assert sets.prepared_bytes(sha, epsg, prep.FORMAT) is None
    assert sets.store_prepared(sha, epsg, prep.FORMAT, data) is True
    assert sets.store_prepared(sha, epsg, prep.FORMAT, data) is False  # once
    with pytest.raises((sqlite3.IntegrityError, psycopg2.Error), match="never deleted"):
        raw(lib, "DELETE FROM ymt_control_prepared")
    if lib.backend == "postgis":
        lib.connection.rollback()
    back = prep.from_bytes(sets.prepared_bytes(sha, epsg, prep.FORMAT), sha, epsg)
    assert back.repaired_ids.tolist() == [0] and back.loaded_count == 0  # decoded on demand
    back.load(np.array([0, 1]))
    assert back.geoms[0].is_valid and back.geoms[0].equals(prepared.geoms[0])
    other = content_hash([1, 2], [wkbs[0], shapely.to_wkb(box(20, 0, 30, 11))])
    assert other != sha and sets.prepared_bytes(other, epsg, prep.FORMAT) is None
    with pytest.raises(Exception, match="another layer version"):
        prep.from_bytes(data, other, epsg)  # bytes of one data version are not another's


def test_parse_spec():
    assert parse_spec("三区三线") == ("三区三线", None)
    assert parse_spec(" 三区三线@12 ") == ("三区三线", 12)
