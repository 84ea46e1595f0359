"""Library schema v4 on both backends: the 补 stage (supplementary_farmland), event area_m2 and
stopped_on, ymt_projects.current_stage kept by triggers, the batch index, and the migration of
a v3 library with data (a real v3 GeoPackage made by the v3 code: tests/data/library_v3.gpkg).
"""

import json
import shutil
import sqlite3
from pathlib import Path

import psycopg2
import pytest

from tests.library_data import SEG, SQUARE
from yimatong_plugin.core import project_query as pq
from yimatong_plugin.core.library import SCHEMA_VERSION, STAGES, LibraryError, open_library

V3_FILE = Path(__file__).resolve().parent.parent / "data" / "library_v3.gpkg"


@pytest.fixture(params=["gpkg", "postgis"])
def lib(request, tmp_path):
    if request.param == "gpkg":
        library = open_library(tmp_path / "lib.gpkg", user="alice")
    else:
        server = request.getfixturevalue("postgis_server")
        library = open_library(server.new_database(), user="alice")
    yield library
    library.close()


@pytest.fixture
def code(lib):
    c = lib.allocate_code(**SEG)
    lib.add_project(c, name="武陵区安置房", source="municipal_key")
    return str(c)


def current_stage(lib, code):
    return lib.query("SELECT current_stage FROM ymt_projects WHERE code = ?", (code,))[0][
        "current_stage"
    ]


def raw_update(lib, sql, params=()):
    """An UPDATE as an editor outside the API (QGIS attribute table) would send it."""
    if lib.backend == "gpkg":
        lib.connection.execute(sql, params)
    else:
        cur = lib.connection.cursor()
        cur.execute(sql.replace("?", "%s"), params)
        cur.close()


# --- the 补 stage ----------------------------------------------------------------------------
def test_supplementary_farmland_is_a_stage_everywhere(lib, code, tmp_path):
    assert STAGES["supplementary_farmland"] == "补充耕地/占补平衡"
    assert lib.schema_version == SCHEMA_VERSION >= 4
    fid = lib.add_event(code, "supplementary_farmland", "2024-03-01", doc_no="常补〔2024〕3号")
    lib.add_parcel(code, SQUARE, stage="supplementary_farmland")
    doc = tmp_path / "补充耕地验收.pdf"
    doc.write_bytes(b"%PDF-1.4")
    lib.add_result(code, "supplementary_farmland", doc, kind="acceptance")
    assert [e["stage"] for e in lib.events(code)] == ["supplementary_farmland"]
    assert lib.parcels(code)[0]["stage"] == "supplementary_farmland"
    assert lib.results(code)[0]["stage"] == "supplementary_farmland"
    assert current_stage(lib, code) == "supplementary_farmland"
    assert lib.events(code)[0]["fid"] == fid
    # the CHECK still refuses what is not a stage (also when written outside the API)
    with pytest.raises(LibraryError) as err:
        lib.add_event(code, "bogus", "2024-03-01")
    assert err.value.kind == "bad_value"
    with pytest.raises((sqlite3.IntegrityError, psycopg2.IntegrityError)):
        raw_update(lib, "UPDATE ymt_events SET stage = ? WHERE fid = ?", ("bogus", fid))
    assert lib.check_consistency() == []


def test_library_and_lifecycle_agree_on_stages_and_groups():
    from yimatong_plugin.core import lifecycle as lc
    from yimatong_plugin.core.library import STAGE_GROUPS

    assert lc.STAGES == STAGES
    assert {g.label: g.stages for g in lc.STAGE_GROUPS} == STAGE_GROUPS
    assert lc.stage_group("supplementary_farmland").label == "补"


# --- area_m2 and stopped_on ------------------------------------------------------------------
def test_event_area_and_stopped_on(lib, code):
    lib.add_event(code, "conversion_approval", "2022-01-10", batch="2022-01", area_m2=30000)
    lib.add_event(code, "supervision", "2024-05-01", stopped_on="2023-04-30", developed_ratio=0.2)
    approval, supervision = lib.events(code)
    assert approval["area_m2"] == 30000.0 and approval["stopped_on"] is None
    assert supervision["stopped_on"] == "2023-04-30" and supervision["area_m2"] is None
    after = lib.history(code)[-1]["after"]
    assert after["stopped_on"] == "2023-04-30"  # the audit sees the new columns
    before = lib.counts()
    for attrs in ({"area_m2": -5}, {"area_m2": "much"}, {"stopped_on": "2023-02-30"}):
        with pytest.raises(LibraryError) as err:
            lib.add_event(code, "supervision", "2024-06-01", **attrs)
        assert err.value.kind == "bad_value" and err.value.where == next(iter(attrs))
    assert lib.counts() == before and lib.check_consistency() == []


def test_batch_index_exists(lib):
    if lib.backend == "gpkg":
        rows = lib.query("SELECT sql FROM sqlite_master WHERE name = 'ymt_events_batch_idx'")
    else:
        rows = lib.query(
            "SELECT indexdef AS sql FROM pg_indexes WHERE indexname = ?", ("ymt_events_batch_idx",)
        )
    assert rows and "batch" in rows[0]["sql"]


# --- current_stage ---------------------------------------------------------------------------
def test_current_stage_follows_the_latest_live_event(lib, code):
    assert current_stage(lib, code) is None
    lib.add_event(code, "supply", "2023-05-01")
    assert current_stage(lib, code) == "supply"
    lib.add_event(code, "reserve", "2022-01-01")  # recorded late, older: no change
    assert current_stage(lib, code) == "supply"
    start = lib.add_event(code, "construction_start", "2023-05-01")  # same date: later fid wins
    assert current_stage(lib, code) == "construction_start"
    lib.archive_event(start, reason="typo")
    assert current_stage(lib, code) == "supply"
    # an editor moving an event's date (QGIS attribute table)
    reserve = [e for e in lib.events(code) if e["stage"] == "reserve"][0]["fid"]
    raw_update(lib, "UPDATE ymt_events SET event_date = ? WHERE fid = ?", ("2024-01-01", reserve))
    assert current_stage(lib, code) == "reserve"
    # derived: a value typed by hand is put right, and nobody's edit is invented in the audit
    audit = lib.counts()["ymt_audit"]
    raw_update(
        lib, "UPDATE ymt_projects SET current_stage = ? WHERE code = ?", ("completion", code)
    )
    assert current_stage(lib, code) == "reserve"
    assert lib.counts()["ymt_audit"] == audit
    # a real edit of the project is still audited
    lib.update_project(code, note="x")
    assert lib.counts()["ymt_audit"] == audit + 1
    assert lib.check_consistency() == []


def test_panel_stage_filter_reads_current_stage(lib):
    codes = []
    for i, stages in enumerate(
        [(), ("reserve",), ("reserve", "supply"), ("supplementary_farmland",)]
    ):
        c = str(lib.allocate_code(**SEG))
        lib.add_project(c, name=f"项目{i}", source="municipal_key")
        for j, stage in enumerate(stages):
            lib.add_event(c, stage, f"202{j}-01-01")
        codes.append(c)
    conn = lib.connection

    def hits(stage):
        return [r[0] for r in pq.fetch_page(conn, pq.ProjectFilter(stage=stage), limit=50)]

    assert hits("none") == [codes[0]]
    assert hits("reserve") == [codes[1]]
    assert hits("supply") == [codes[2]]
    assert hits("supplementary_farmland") == [codes[3]]
    assert pq.count(conn, pq.ProjectFilter(stage="supply")) == 1
    sql, _ = pq.where_clause(pq.ProjectFilter(stage="supply"), pq.dialect_of(conn))
    assert "current_stage" in sql and "ymt_events" not in sql


def test_stream_and_parcels_in_box(lib, code):
    fid = lib.add_parcel(code, SQUARE)
    rows = lib.parcels_in_box(111.695, 29.035, 111.696, 29.036)
    assert [r["fid"] for r in rows] == [fid] and rows[0]["geometry"][:1] in (b"\x00", b"\x01")
    assert lib.parcels_in_box(112.0, 30.0, 112.1, 30.1) == []
    for d in ("2021-01-01", "2022-01-01", "2023-01-01"):
        lib.add_event(code, "supervision", d)
    got = [
        r["event_date"]
        for r in lib.stream("SELECT event_date FROM ymt_events ORDER BY fid", size=2)
    ]
    assert got == ["2021-01-01", "2022-01-01", "2023-01-01"]


# --- migration v3 -> v4 ----------------------------------------------------------------------
def _dump(conn, sql):
    return [tuple(r) for r in conn.execute(sql).fetchall()]


def test_geopackage_v3_file_with_data_migrates(tmp_path):
    path = tmp_path / "v3.gpkg"
    shutil.copy(V3_FILE, path)
    conn = sqlite3.connect(path)
    assert _dump(conn, "SELECT value FROM ymt_meta WHERE key = 'schema_version'") == [("3",)]
    # what another tool may have added (GDAL adds feature-count triggers like this one)
    conn.executescript(
        "CREATE TABLE other_counts (table_name TEXT PRIMARY KEY, n INTEGER);"
        "INSERT INTO other_counts VALUES ('ymt_parcels', 3);"
        'CREATE TRIGGER "other_count_parcels" AFTER INSERT ON ymt_parcels BEGIN '
        "UPDATE other_counts SET n = n + 1 WHERE table_name = 'ymt_parcels'; END;"
        'CREATE INDEX "other_events_doc_idx" ON ymt_events (doc_no);'
    )
    tables = (
        "ymt_projects",
        "ymt_parcels",
        "ymt_events",
        "ymt_results",
        "ymt_audit",
        "ymt_serials",
    )
    before = {t: _dump(conn, f"SELECT * FROM {t} ORDER BY fid") for t in tables}
    rtree_before = _dump(conn, "SELECT * FROM rtree_ymt_parcels_geom ORDER BY id")
    seq_before = dict(_dump(conn, "SELECT name, seq FROM sqlite_sequence"))
    conn.close()

    lib = open_library(path, user="bob")
    assert lib.schema_version == SCHEMA_VERSION  # v3 -> v4 -> (v5: see test_library_v5.py)
    assert lib.integrity_check() == "ok" and lib.check_consistency() == []
    conn = lib.connection
    # every row kept with its fid; the old columns unchanged, the new ones empty
    for t in tables:
        after = _dump(conn, f"SELECT * FROM {t} ORDER BY fid")
        if t == "ymt_events":
            # v4 area_m2, stopped_on; v5 origin_key
            assert [r[:-3] for r in after] == before[t] and {r[-3:] for r in after} == {
                (None, None, None)
            }
        elif t == "ymt_projects":  # v4 current_stage; v5 approval_status, _at, approval_item
            assert [r[:-4] for r in after] == before[t]
            assert {r[-3:] for r in after} == {(None, None, None)}
        else:
            assert after == before[t], t
    assert _dump(conn, "SELECT * FROM rtree_ymt_parcels_geom ORDER BY id") == rtree_before
    assert dict(_dump(conn, "SELECT name, seq FROM sqlite_sequence")) == seq_before
    # current_stage filled from the live events (the archived start does not count)
    assert _dump(conn, "SELECT name, current_stage FROM ymt_projects ORDER BY fid") == [
        ("武陵区安置房", "supply"),
        ("物流园", "supervision"),
    ]
    # the other tool's trigger and index survived the rebuild
    names = {r[0] for r in _dump(conn, "SELECT name FROM sqlite_master")}
    assert {"other_count_parcels", "other_events_doc_idx", "ymt_events_batch_idx"} <= names
    assert not any(n.endswith("_ymt_rebuild") for n in names)
    # GeoPackage metadata still describes the tables
    assert _dump(conn, "SELECT data_type FROM gpkg_contents WHERE table_name = 'ymt_parcels'") == [
        ("features",)
    ]
    code = _dump(conn, "SELECT code FROM ymt_projects WHERE archived = 0")[0][0]
    # the rebuilt tables work: triggers (audit, R-tree, refusals), new stage, new columns
    new_parcel = lib.add_parcel(code, SQUARE, stage="supplementary_farmland")
    assert new_parcel == 4  # the AUTOINCREMENT counter carried on
    assert _dump(conn, "SELECT n FROM other_counts") == [(4,)]
    assert sorted(r["fid"] for r in lib.parcels_in_box(111.695, 29.035, 111.696, 29.036)) == [
        1,
        2,
        4,
    ]
    lib.add_event(code, "supplementary_farmland", "2024-02-01", area_m2=1500)
    assert lib.history(code)[-1]["after"]["area_m2"] == 1500.0
    assert lib.project(code)["current_stage"] == "supplementary_farmland"
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        conn.execute("DELETE FROM ymt_events WHERE fid = 1")
    with pytest.raises(sqlite3.IntegrityError, match="cannot change"):
        conn.execute("UPDATE ymt_parcels SET code = '0' WHERE fid = 1")
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert lib.check_consistency() == []
    lib.close()

    # the migrated file has exactly the schema of a library created now
    fresh = open_library(tmp_path / "fresh.gpkg")
    schema_sql = (
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'other%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
    )
    want = _dump(fresh.connection, schema_sql)
    fresh.close()
    migrated = sqlite3.connect(path)
    assert _dump(migrated, schema_sql) == want
    migrated.close()


def test_geopackage_v3_made_by_the_test_matches_the_real_v3(tmp_path, monkeypatch):
    """The PostGIS migration test below creates its v3 library with SCHEMA_VERSION patched to 3;
    on GeoPackage that gives the same schema as the real v3 file (so the method is sound)."""
    from yimatong_plugin.core.library import gpkg

    monkeypatch.setattr(gpkg, "SCHEMA_VERSION", 3)
    open_library(tmp_path / "made.gpkg").close()
    sql = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    made = _dump(sqlite3.connect(tmp_path / "made.gpkg"), sql)
    real = _dump(sqlite3.connect(V3_FILE), sql)
    assert made == real


def test_postgis_v3_with_data_migrates(postgis_server, monkeypatch, tmp_path):
    from yimatong_plugin.core.library import postgis

    uri = postgis_server.new_database()
    monkeypatch.setattr(postgis, "SCHEMA_VERSION", 3)
    lib = open_library(uri, user="alice")
    assert lib.schema_version == 3
    a = str(lib.allocate_code(**SEG))
    lib.add_project(a, name="武陵区安置房", source="municipal_key", declared_area_m2=20000)
    pid = lib.add_parcel(a, SQUARE, stage="supply")
    lib.replace_parcel(pid, SQUARE, reason="resurvey")
    lib.add_event(a, "conversion_approval", "2022-03-01", batch="2022-08")
    lib.add_event(a, "supply", "2023-05-01", agreed_start="2023-09-01", batch="2022-08")
    lib.archive_event(lib.add_event(a, "construction_start", "2023-10-01"))
    with pytest.raises(LibraryError):  # v3 refuses the stage
        lib.add_event(a, "supplementary_farmland", "2024-01-01")
    b = str(lib.allocate_code(**SEG))
    lib.add_project(b, name="物流园", source="annual_transfer_plan")
    audit_before = lib.query("SELECT * FROM ymt_audit ORDER BY fid")
    lib.close()
    monkeypatch.undo()

    lib = open_library(uri, user="alice")
    assert lib.schema_version == SCHEMA_VERSION
    assert lib.query("SELECT * FROM ymt_audit ORDER BY fid") == audit_before  # nothing invented
    assert lib.project(a)["current_stage"] == "supply" and lib.project(b)["current_stage"] is None
    assert lib.check_consistency() == []
    lib.add_event(a, "supplementary_farmland", "2024-01-01", area_m2=800, stopped_on="2023-12-01")
    assert lib.project(a)["current_stage"] == "supplementary_farmland"
    after = lib.history(a)[-1]["after"]
    assert after["area_m2"] == 800 and after["stopped_on"] == "2023-12-01"
    checks = lib.query(
        "SELECT conname, pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE contype = 'c' "
        "AND pg_get_constraintdef(oid) LIKE '%stage%' ORDER BY conname"
    )
    assert [c["conname"] for c in checks] == [
        "ymt_events_stage_check",
        "ymt_parcels_stage_check",
        "ymt_results_stage_check",
    ]
    assert all("supplementary_farmland" in c["d"] for c in checks)
    lib.close()
    # a second open does not migrate again
    again = open_library(uri)
    assert again.schema_version == SCHEMA_VERSION and again.check_consistency() == []
    again.close()


def test_postgis_writer_role_keeps_current_stage(postgis_server):
    """current_stage is kept by SECURITY DEFINER triggers: a writer with the rights the README
    lists (no UPDATE right beyond them) still gets it maintained."""
    uri = postgis_server.new_database()
    owner = open_library(uri, user="owner")
    c = str(owner.allocate_code(**SEG))
    owner.add_project(c, name="x", source="municipal_key")
    owner.close()
    dbname = uri.rsplit("/", 1)[1]
    postgis_server.admin(
        "DO $$ BEGIN CREATE ROLE ymt_v4_writer LOGIN; "
        "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    postgis_server.admin(
        "GRANT SELECT, INSERT, UPDATE ON ymt_projects, ymt_parcels, ymt_events, ymt_results, "
        "ymt_serials TO ymt_v4_writer; GRANT SELECT ON ymt_audit, ymt_meta TO ymt_v4_writer; "
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ymt_v4_writer",
        dbname=dbname,
    )
    writer = open_library(postgis_server.uri(dbname, user="ymt_v4_writer"), user="w")
    writer.add_event(c, "supplementary_farmland", "2024-01-01")
    assert writer.project(c)["current_stage"] == "supplementary_farmland"
    assert json.dumps(writer.history(c)[-1]["after"]["stage"]) == '"supplementary_farmland"'
    writer.close()
