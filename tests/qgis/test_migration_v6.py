"""A library written at schema v6 (the 一张图 catalog's version, before control sets), full of
data — projects, parcels (one replaced), events (one archived, one with a source record id),
results (a file path and a file stored in the library), catalog topics and layers (one retired),
an API client — opened by the current code on GeoPackage and on PostGIS: upgraded to the current
schema version, every row of every table as it was, the audit trail unchanged, the library
writable; then a control set is published in it and a compliance review runs against it."""

import io
import sqlite3

import pytest

from tests.library_data import SEG, SQUARE
from tests.qgis.test_control_sets import DOC, _layers, overlaps, publish, review
from yimatong_plugin.core.library import SCHEMA_VERSION, open_library
from yimatong_plugin.core.library.catalog import Catalog
from yimatong_plugin.core.library.clients import add_client, client_for_key

V6 = 6
SQUARE_2 = "POLYGON((111.70 29.03, 111.71 29.03, 111.71 29.04, 111.70 29.04, 111.70 29.03))"


def _fill_v6(lib, tmp_path) -> dict:
    """Data of every kind a v6 library holds, written through the v6 API."""
    a = str(lib.allocate_code(**SEG))
    lib.add_project(a, name="武陵区安置房", source="municipal_key", declared_area_m2=20000)
    b = str(lib.allocate_code(**SEG))
    lib.add_project(b, name="德山物流园", source="annual_transfer_plan", applicant="常德物流公司")
    c = str(lib.allocate_code(**SEG))
    lib.add_project(c, name="撤销的项目", source="municipal_key")
    lib.archive_project(c, reason="撤销")
    old = lib.add_parcel(a, SQUARE, stage="supply", label="DK-1")
    lib.replace_parcel(old, SQUARE_2, reason="勘测定界更正", stage="supply")
    lib.add_parcel(b, SQUARE_2, stage="reserve")
    lib.add_event(a, "supply", "2023-05-01", doc_no="常供〔2023〕5号", agreed_start="2023-09-01")
    lib.archive_event(lib.add_event(a, "construction_start", "2023-10-01"))
    lib.add_event(
        b, "planning_permit", "2024-03-01", origin_system="approval", origin_key="DFSJZJ-1"
    )
    lib.update_project(b, approval_status="已受理", approval_status_at="2024-02-20")
    permit = tmp_path / "规划许可证.pdf"
    permit.write_bytes(b"%PDF-1.4 permit")
    lib.add_result(a, "supply", permit, kind="contract")
    stored = lib.store_result(b, "planning_permit", io.BytesIO(b"scan " * 1000), "许可证扫描.pdf")
    cat = Catalog(lib)
    cat.add_topic("sqsx", "三区三线", description="三条控制线")
    cat.add_layer("sqsx", "生态保护红线", "ogr", "/data/sqsx.gpkg|layername=stbhhx", key="red")
    cat.add_layer("sqsx", "旧版红线", "ogr", "/data/old.gpkg|layername=stbhhx", key="old-red")
    cat.retire_layer("old-red")
    key = add_client(lib, "approval", "read,stages")
    return {"a": a, "b": b, "c": c, "stored": stored, "key": key}


def _tables(lib) -> list[str]:
    """The library's own tables (not the full-text index's shadow tables)."""
    if lib.backend == "gpkg":
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ymt%'"
    else:
        sql = (
            "SELECT table_name AS name FROM information_schema.tables WHERE table_name LIKE "
            "'ymt%' AND table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    return sorted(r["name"] for r in lib.query(sql) if "_fts" not in r["name"])


def _snapshot(lib) -> dict:
    out = {}
    for table in _tables(lib):
        rows = lib.query(f'SELECT * FROM "{table}"')
        key = "key" if table == "ymt_meta" else next(iter(rows[0])) if rows else None
        out[table] = sorted(rows, key=lambda r, k=key: str(r[k])) if rows else []
    return out


@pytest.fixture(params=["gpkg", "postgis"])
def v6_library(request, tmp_path, monkeypatch):
    from yimatong_plugin.core.library import gpkg, postgis

    if request.param == "gpkg":
        uri = str(tmp_path / "v6.gpkg")
    else:
        uri = request.getfixturevalue("postgis_server").new_database()
    monkeypatch.setattr(gpkg, "SCHEMA_VERSION", V6)
    monkeypatch.setattr(postgis, "SCHEMA_VERSION", V6)
    lib = open_library(uri, user="alice")
    assert lib.schema_version == V6
    assert "ymt_control_sets" not in _tables(lib)  # v6: no control sets yet
    data = _fill_v6(lib, tmp_path)
    data["before"] = _snapshot(lib)
    lib.close()
    monkeypatch.undo()
    return uri, data


def test_a_v6_library_with_data_is_upgraded_intact(processing_ready, v6_library, tmp_path):
    uri, data = v6_library
    before = data["before"]
    assert all(before[t] for t in ("ymt_projects", "ymt_parcels", "ymt_events", "ymt_results"))
    assert all(before[t] for t in ("ymt_catalog_topics", "ymt_catalog_layers", "ymt_audit"))
    assert before["ymt_blobs"] and before["ymt_api_clients"]

    lib = open_library(uri, user="bob")
    assert lib.schema_version == SCHEMA_VERSION > V6  # whatever the current version is
    after = _snapshot(lib)
    assert set(before) <= set(after)
    for table, rows in before.items():
        kept = [{k: r[k] for k in rows[0]} for r in after[table]] if rows else after[table]
        if table == "ymt_meta":
            rows = [r for r in rows if r["key"] != "schema_version"]
            kept = [r for r in kept if r["key"] != "schema_version"]
        assert kept == rows, table  # every row and every value as it was
    assert after["ymt_audit"] == before["ymt_audit"]  # the trail: nothing lost, nothing invented
    assert lib.check_consistency() == []

    # the data reads as before through the API
    a, b, c = data["a"], data["b"], data["c"]
    assert lib.project(b)["approval_status"] == "已受理" and lib.project(c)["archived"]
    assert [p["retired"] for p in lib.parcels(a)] == [True, False]
    assert lib.event_by_origin("approval", "DFSJZJ-1")["code"] == b
    out = io.BytesIO()
    assert lib.read_result(b, data["stored"], out)["path"].endswith("许可证扫描.pdf")
    assert out.getvalue() == b"scan " * 1000  # its SHA-256 re-checked
    cat = Catalog(lib)
    assert [x["key"] for x in cat.layers()] == ["red"]  # the retired layer stays hidden
    assert [h["action"] for h in cat.history("old-red")][:1] == ["insert"]
    assert client_for_key(lib, data["key"])["name"] == "approval"
    # and it is writable, audited under the new user
    lib.add_event(a, "supervision", "2025-01-10", doc_no="常督〔2025〕1号")
    entry = lib.history(a)[-1]
    assert entry["action"] == "insert" and entry["after"]["stage"] == "supervision"
    assert lib.backend == "postgis" or entry["who"].endswith("bob")
    lib.close()

    # a control set is published in the upgraded library and a review runs against it
    red, udb = _layers()
    res = publish(uri, [red, udb])
    assert res["SET"] == "三区三线@1" and res["PREPARED"] == 2
    by_set = review({"LIBRARY": uri, "CONTROL_SET": "三区三线"})
    direct = review({"CONTROL_LAYERS": [red, udb], "AREA_CRS": "EPSG:4546"})
    assert overlaps(by_set) == overlaps(direct)
    feats = list(by_set["OUTPUT"].getFeatures())
    assert {f["control_set"] for f in feats} == {"三区三线 v1"}
    assert all(DOC in f["approval_docs"] for f in feats)
    with open_library(uri) as lib:
        assert lib.query("SELECT count(*) AS n FROM ymt_audit")[0]["n"] > len(before["ymt_audit"])
        assert lib.check_consistency() == []
    if uri.endswith(".gpkg"):  # the upgraded file has exactly the schema of a new library
        sql = (
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
            "ORDER BY type, name"
        )
        open_library(tmp_path / "fresh.gpkg").close()
        fresh, upgraded = sqlite3.connect(tmp_path / "fresh.gpkg"), sqlite3.connect(uri)
        assert upgraded.execute(sql).fetchall() == fresh.execute(sql).fetchall()
        assert upgraded.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        fresh.close()
        upgraded.close()
