"""Library schema v5 on both backends: events.origin_key (a source system's record id, unique
per origin_system among live events), the approval status of a project, the exchange service's
tables (never deleted), and the migration v4 -> v5 with data.
"""

import sqlite3

import psycopg2
import pytest

from tests.library_data import SEG, SQUARE
from yimatong_plugin.core.library import SCHEMA_VERSION, LibraryError, open_library


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


def raw(lib, sql, params=()):
    """SQL as an editor outside the API would send it."""
    if lib.backend == "gpkg":
        lib.connection.execute(sql, params)
    else:
        cur = lib.connection.cursor()
        cur.execute(sql.replace("?", "%s"), params)
        cur.close()


RAW_ERRORS = (sqlite3.IntegrityError, psycopg2.IntegrityError, psycopg2.errors.RaiseException)


def test_origin_key_finds_and_refuses_a_repeated_record(lib, code):
    assert lib.schema_version == SCHEMA_VERSION >= 5
    assert lib.event_by_origin("approval", "DFSJZJ-1") is None
    fid = lib.add_event(
        code, "planning_permit", "2024-03-01", origin_system="approval", origin_key="DFSJZJ-1"
    )
    found = lib.event_by_origin("approval", "DFSJZJ-1")
    assert found["fid"] == fid and found["code"] == code and found["origin_key"] == "DFSJZJ-1"
    assert lib.history(code)[-1]["after"]["origin_key"] == "DFSJZJ-1"  # audited
    before = lib.counts()
    with pytest.raises(LibraryError) as err:
        lib.add_event(
            code, "planning_permit", "2024-03-02", origin_system="approval", origin_key="DFSJZJ-1"
        )
    assert err.value.kind == "duplicate_origin" and err.value.where == str(fid)
    assert lib.counts() == before
    # the same record id from another system is another record
    other = lib.add_event(
        code, "planning_permit", "2024-03-01", origin_system="registry", origin_key="DFSJZJ-1"
    )
    assert lib.event_by_origin("registry", "DFSJZJ-1")["fid"] == other
    # a key without its system could not be unique: refused
    with pytest.raises(LibraryError) as err:
        lib.add_event(code, "supervision", "2024-03-01", origin_key="K9")
    assert err.value.kind == "bad_value" and err.value.where == "origin_system"
    # also an insert outside the API cannot duplicate a live record (the UNIQUE index)
    before = lib.counts()
    with pytest.raises(RAW_ERRORS):
        raw(
            lib,
            "INSERT INTO ymt_events (code, stage, event_date, origin_system, origin_key) "
            "VALUES (?, 'supervision', '2024-01-01', 'approval', 'DFSJZJ-1')",
            (code,),
        )
    assert lib.counts() == before
    # archiving the event frees the record id (a corrected record may come again)
    lib.archive_event(fid, reason="withdrawn")
    assert lib.event_by_origin("approval", "DFSJZJ-1") is None
    again = lib.add_event(
        code, "planning_permit", "2024-03-05", origin_system="approval", origin_key="DFSJZJ-1"
    )
    assert lib.event_by_origin("approval", "DFSJZJ-1")["fid"] == again
    assert lib.check_consistency() == []


def test_approval_status_is_an_audited_project_field(lib, code):
    lib.update_project(
        code,
        approval_status="已受理",
        approval_status_at="2024-04-02",
        approval_item="建设工程规划许可",
    )
    row = lib.project(code)
    assert (row["approval_status"], row["approval_status_at"], row["approval_item"]) == (
        "已受理",
        "2024-04-02",
        "建设工程规划许可",
    )
    entry = lib.history(code)[-1]
    assert entry["action"] == "update" and entry["who"].startswith(
        "alice" if lib.backend == "gpkg" else ""
    )
    assert entry["before"]["approval_status"] is None
    assert entry["after"]["approval_status"] == "已受理"
    with pytest.raises(LibraryError) as err:
        lib.update_project(code, approval_status_at="2024-02-30")
    assert err.value.kind == "bad_value" and err.value.where == "approval_status_at"


def test_service_tables_never_lose_rows(lib):
    sha = "ab" * 32
    raw(
        lib,
        "INSERT INTO ymt_blobs (sha256, size_bytes, chunk_count) VALUES (?, 3, 1)",
        (sha,),
    )
    raw(lib, "INSERT INTO ymt_blob_chunks (sha256, seq, data) VALUES (?, 0, ?)", (sha, b"abc"))
    raw(
        lib,
        "INSERT INTO ymt_api_clients (name, key_hash, scopes) VALUES ('approval', ?, 'read')",
        ("cd" * 32,),
    )
    for sql in (
        "DELETE FROM ymt_blobs",
        "DELETE FROM ymt_blob_chunks",
        "UPDATE ymt_blob_chunks SET data = ?",
        "UPDATE ymt_blobs SET size_bytes = 4",
        "DELETE FROM ymt_api_clients",
    ):
        params = (b"xyz",) if "?" in sql else ()
        with pytest.raises(RAW_ERRORS, match="never"):
            raw(lib, sql, params)
    assert lib.query("SELECT count(*) AS n FROM ymt_blob_chunks")[0]["n"] == 1
    # a client may be revoked (an update), not removed
    raw(lib, "UPDATE ymt_api_clients SET revoked = ?", (True,))
    assert bool(lib.query("SELECT revoked FROM ymt_api_clients")[0]["revoked"])


def _make_v4(lib):
    a = str(lib.allocate_code(**SEG))
    lib.add_project(a, name="武陵区安置房", source="municipal_key", declared_area_m2=20000)
    lib.add_parcel(a, SQUARE, stage="supply")
    lib.add_event(a, "supply", "2023-05-01", agreed_start="2023-09-01", origin_system="sync")
    lib.archive_event(lib.add_event(a, "construction_start", "2023-10-01"))
    return a


@pytest.mark.parametrize("backend", ["gpkg", "postgis"])
def test_v4_library_with_data_migrates(backend, tmp_path, monkeypatch, request):
    from yimatong_plugin.core.library import gpkg, postgis

    if backend == "gpkg":
        uri = tmp_path / "v4.gpkg"
    else:
        uri = request.getfixturevalue("postgis_server").new_database()
    monkeypatch.setattr(gpkg, "SCHEMA_VERSION", 4)
    monkeypatch.setattr(postgis, "SCHEMA_VERSION", 4)
    lib = open_library(uri, user="alice")
    assert lib.schema_version == 4
    a = _make_v4(lib)
    with pytest.raises(LibraryError):  # v4 has no origin_key
        lib.add_event(a, "supervision", "2024-01-01", origin_system="x", origin_key="1")
    audit_before = lib.query("SELECT * FROM ymt_audit ORDER BY fid")
    events_before = lib.query("SELECT * FROM ymt_events ORDER BY fid")
    lib.close()
    monkeypatch.undo()

    lib = open_library(uri, user="bob")
    assert lib.schema_version == SCHEMA_VERSION >= 5
    assert lib.query("SELECT * FROM ymt_audit ORDER BY fid") == audit_before  # nothing invented
    events = lib.query("SELECT * FROM ymt_events ORDER BY fid")
    assert [{k: v for k, v in e.items() if k != "origin_key"} for e in events] == events_before
    assert {e["origin_key"] for e in events} == {None}
    assert lib.project(a)["approval_status"] is None
    assert lib.project(a)["current_stage"] == "supply"
    fid = lib.add_event(a, "supervision", "2024-01-01", origin_system="x", origin_key="1")
    assert lib.event_by_origin("x", "1")["fid"] == fid
    lib.update_project(a, approval_status="办结")
    assert lib.history(a)[-1]["after"]["approval_status"] == "办结"
    assert lib.check_consistency() == []
    lib.close()
    again = open_library(uri)  # a second open does not migrate again
    assert again.schema_version == SCHEMA_VERSION and again.check_consistency() == []
    again.close()
    if backend == "gpkg":  # the migrated file has exactly the schema of a new library
        sql = (
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
            "ORDER BY type, name"
        )
        open_library(tmp_path / "fresh.gpkg").close()
        fresh = sqlite3.connect(tmp_path / "fresh.gpkg")
        migrated = sqlite3.connect(uri)
        assert migrated.execute(sql).fetchall() == fresh.execute(sql).fetchall()
        assert migrated.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        fresh.close()
        migrated.close()
