"""PostgreSQL-specific behaviour of the library: connection and rights errors, schema checks.

The shared API behaviour runs on PostGIS too (tests/unit/test_library.py, param "postgis").
"""

import socket

import psycopg2
import pytest

from tests.library_data import SEG, SQUARE
from yimatong_plugin.core.library import SCHEMA_VERSION, LibraryError, open_library


def _query(uri, sql, params=None):
    conn = psycopg2.connect(uri)
    try:
        cur = conn.cursor()
        cur.execute(sql, params)
        return cur.fetchall()
    finally:
        conn.close()


def test_server_down_gives_a_connection_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(LibraryError) as err:
        open_library(f"postgresql://postgres@127.0.0.1:{port}/ymt", connect_timeout=3)
    assert err.value.kind == "connection"
    assert f"127.0.0.1:{port}/ymt" in str(err.value)
    with pytest.raises(LibraryError) as err:
        open_library(f"dbname=ymt host=127.0.0.1 port={port} user=postgres", connect_timeout=3)
    assert err.value.kind == "connection"


def test_schema_is_real_postgis(postgis_server):
    uri = postgis_server.new_database()
    lib = open_library(uri, user="alice")
    code = lib.allocate_code(**SEG)
    lib.add_project(code, name="x", source="municipal_key")
    lib.add_parcel(code, SQUARE)
    lib.close()
    assert _query(
        uri, "SELECT type, srid FROM geometry_columns WHERE f_table_name = 'ymt_parcels'"
    ) == [("MULTIPOLYGON", 4490)]
    assert _query(
        uri,
        "SELECT indexdef LIKE '%gist%' FROM pg_indexes WHERE indexname = 'ymt_parcels_geom_gist'",
    )
    assert _query(uri, "SELECT ST_IsValid(geom), round(ST_Area(geom::geography)) FROM ymt_parcels")[
        0
    ][0]
    assert _query(uri, "SELECT value FROM ymt_meta WHERE key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)
    ]
    assert _query(
        uri, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'ymt_projects_%_trgm'"
    ) == [(2,)]
    # reopening an existing library is fine
    open_library(uri).close()


def test_schema_newer_than_the_code(postgis_server):
    uri = postgis_server.new_database()
    open_library(uri).close()
    postgis_server.admin(
        "UPDATE ymt_meta SET value = '42' WHERE key = 'schema_version'",
        dbname=uri.rsplit("/", 1)[1],
    )
    with pytest.raises(LibraryError) as err:
        open_library(uri)
    assert err.value.kind == "schema_too_new" and "42" in str(err.value)
    assert uri.rsplit("/", 1)[1] in str(err.value)


def test_role_without_rights(postgis_server):
    uri = postgis_server.new_database()
    db = uri.rsplit("/", 1)[1]
    lib = open_library(uri, user="admin")
    code = lib.allocate_code(**SEG)
    lib.add_project(code, name="已有项目", source="municipal_key")
    before = lib.counts()
    lib.close()
    postgis_server.admin(
        "DO $$ BEGIN CREATE ROLE ymt_nobody LOGIN; EXCEPTION WHEN duplicate_object THEN END $$"
    )
    postgis_server.admin(
        "DO $$ BEGIN CREATE ROLE ymt_reader LOGIN; EXCEPTION WHEN duplicate_object THEN END $$"
    )
    postgis_server.admin("GRANT SELECT ON ALL TABLES IN SCHEMA public TO ymt_reader", dbname=db)
    # no rights at all: opening names the role
    with pytest.raises(LibraryError) as err:
        open_library(postgis_server.uri(db, user="ymt_nobody"))
    assert err.value.kind == "permission" and "ymt_nobody" in str(err.value)
    # read-only role: reads work, writes are refused, nothing is written
    reader = open_library(postgis_server.uri(db, user="ymt_reader"), user="li.si")
    assert reader.project(code)["name"] == "已有项目"
    with pytest.raises(LibraryError) as err:
        reader.allocate_code(**SEG)
    assert err.value.kind == "permission" and "ymt_reader" in str(err.value)
    with pytest.raises(LibraryError) as err:
        reader.update_project(code, name="改名")
    assert err.value.kind == "permission"
    assert reader.counts() == before and reader.check_consistency() == []
    assert reader.project(code)["name"] == "已有项目"
    reader.close()
    # a role that cannot create the schema in a fresh database
    fresh = postgis_server.new_database()
    with pytest.raises(LibraryError) as err:
        open_library(postgis_server.uri(fresh.rsplit("/", 1)[1], user="ymt_nobody"))
    assert err.value.kind == "permission"
    assert _query(fresh, "SELECT to_regclass('ymt_projects')") == [(None,)]  # nothing half-created


def test_library_creates_postgis_extension_when_missing(postgis_server):
    uri = postgis_server.new_database(postgis=False)
    open_library(uri).close()
    assert _query(uri, "SELECT extname FROM pg_extension WHERE extname = 'postgis'") == [
        ("postgis",)
    ]


def test_service_and_keyword_strings(postgis_server, tmp_path, monkeypatch):
    uri = postgis_server.new_database()
    db = uri.rsplit("/", 1)[1]
    keywords = f"dbname={db} host=127.0.0.1 port={postgis_server.port} user=postgres"
    lib = open_library(keywords, user="alice")
    code = lib.allocate_code(**SEG)
    lib.close()
    service_file = tmp_path / "pg_service.conf"
    service_file.write_text(
        f"[ymt]\nhost=127.0.0.1\nport={postgis_server.port}\ndbname={db}\nuser=postgres\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    lib = open_library("service=ymt")
    assert lib.allocate_code(**SEG).serial == "000002" and code.serial == "000001"
    lib.close()


def test_locked_row_gives_a_busy_error_after_the_timeout(postgis_server):
    uri = postgis_server.new_database()
    first = open_library(uri, user="alice")
    first.allocate_code(**SEG)
    second = open_library(uri, user="bob", timeout=0.5)
    with first.transaction():
        first.allocate_code(**SEG)  # holds the prefix row lock until commit
        with pytest.raises(LibraryError) as err:
            second.allocate_code(**SEG)
        assert err.value.kind == "busy"
    assert second.allocate_code(**SEG).serial == "000003"
    first.close()
    second.close()


def test_writer_role_needs_no_rights_on_the_audit_log(postgis_server):
    uri = postgis_server.new_database()
    db = uri.rsplit("/", 1)[1]
    open_library(uri).close()
    postgis_server.admin(
        "DO $$ BEGIN CREATE ROLE ymt_writer LOGIN; EXCEPTION WHEN duplicate_object THEN END $$"
    )
    for sql in (
        "GRANT SELECT, INSERT, UPDATE ON ymt_projects, ymt_parcels, ymt_events, ymt_results, "
        "ymt_serials TO ymt_writer",
        "GRANT SELECT ON ymt_audit, ymt_meta TO ymt_writer",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ymt_writer",
    ):
        postgis_server.admin(sql, dbname=db)
    lib = open_library(postgis_server.uri(db, user="ymt_writer"), user="wang.wu")
    code = lib.allocate_code(**SEG)
    lib.add_project(code, name="写入角色", source="municipal_key")
    lib.add_parcel(code, SQUARE)
    assert [h["who"] for h in lib.history(code)] == ["ymt_writer / wang.wu"] * 2
    with pytest.raises(LibraryError) as err:  # but it cannot forge audit rows
        with lib.transaction():
            lib._execute(
                "INSERT INTO ymt_audit (table_name, action, who) VALUES ('x', 'insert', 'boss')"
            )
    assert err.value.kind == "permission"
    assert lib.check_consistency() == []
    lib.close()


def test_server_going_down_mid_session_gives_a_connection_error():
    from tests.postgis_server import PostgisServer

    server = PostgisServer().start()
    try:
        lib = open_library(server.new_database(), user="alice")
        lib.allocate_code(**SEG)
        server.stop()
        with pytest.raises(LibraryError) as err:
            lib.allocate_code(**SEG)
        assert err.value.kind == "connection" and "127.0.0.1" in str(err.value)
        with pytest.raises(LibraryError) as err:  # and stays a clear error afterwards
            lib.project("4343070220240301120701000001")
        assert err.value.kind == "connection"
        lib.close()
    finally:
        server.stop()


def test_migration_from_version_1(postgis_server, monkeypatch):
    from yimatong_plugin.core.library import postgis

    uri = postgis_server.new_database()
    monkeypatch.setattr(postgis, "SCHEMA_VERSION", 1)
    lib = open_library(uri, user="alice")
    assert lib.schema_version == 1
    code = lib.allocate_code(**SEG)
    lib.add_project(code, name="武陵区老项目安置房", source="municipal_key")
    lib.close()
    assert _query(uri, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%_trgm'") == [(0,)]
    monkeypatch.undo()
    lib = open_library(uri, user="alice")
    assert lib.schema_version == SCHEMA_VERSION
    assert [r["code"] for r in lib.find("老项目")] == [str(code)]
    lib.add_project(code.from_prefix(code.prefix, 9), name="导入", source="municipal_key")
    assert lib.allocate_code(**SEG).serial == "000010"
    assert lib.check_consistency() == []
    lib.close()
    assert _query(uri, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%_trgm'") == [(2,)]
