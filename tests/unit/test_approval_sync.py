"""The approval sync against real libraries (GeoPackage and PostGIS) from staging tables in
SQLite, CSV and a PostgreSQL schema: events, approval status, refusals, re-runs, corrections,
dry runs and a run that stops half-way."""

from __future__ import annotations

import datetime as dt

import psycopg2
import pytest

from tests import spgl_data as sd
from tests.library_data import SEG
from yimatong_plugin.core.approval_sync import run_sync
from yimatong_plugin.core.library import open_library


def make_library(lib) -> dict:
    """P1, P2 (one project each), AMBIGUOUS (two) and ARCHIVED (archived) → their codes."""
    codes = {}
    for key, inv in (
        ("P1", sd.P1),
        ("P2", sd.P2),
        ("A1", sd.AMBIGUOUS),
        ("A2", sd.AMBIGUOUS),
        ("AR", sd.ARCHIVED),
    ):
        code = lib.allocate_code(**SEG)
        lib.add_project(code, name=f"项目{key}", source="municipal_key", investment_code=inv)
        codes[key] = str(code)
    lib.archive_project(codes["AR"], reason="test")
    return codes


def snapshot(lib) -> tuple:
    """Everything the sync could touch: events, projects and the audit trail."""
    events = lib.query("SELECT * FROM ymt_events ORDER BY fid")
    projects = lib.query("SELECT * FROM ymt_projects ORDER BY code")
    audit = lib.query("SELECT count(*) AS n FROM ymt_audit")[0]["n"]
    return events, projects, audit


def write_source(kind: str, tmp_path, server=None, tables=None, name="stg") -> str:
    tables = tables or sd.staging_tables()
    if kind == "sqlite":
        path = tmp_path / f"{name}.gpkg"
        path.unlink(missing_ok=True)
        sd.write_sqlite(path, tables)
        return str(path)
    if kind in ("utf8", "gbk"):
        folder = tmp_path / f"{name}_{kind}"
        sd.write_csv(folder, tables, encoding="gbk" if kind == "gbk" else "utf-8")
        return str(folder)
    uri = server.new_database(prefix="spgl", postgis=False)
    conn = psycopg2.connect(uri)
    try:
        sd.write_postgres(conn, tables)
    finally:
        conn.close()
    return uri + "?options=-csearch_path%3Dspgl"


@pytest.fixture(params=["gpkg-sqlite", "gpkg-gbk", "postgis-postgres", "postgis-utf8"])
def setup(request, tmp_path):
    backend, kind = request.param.split("-")
    server = request.getfixturevalue("postgis_server") if "postgres" in request.param else None
    if backend == "gpkg":
        lib = open_library(tmp_path / "lib.gpkg", user="sync")
    else:
        server = server or request.getfixturevalue("postgis_server")
        lib = open_library(server.new_database(), user="sync")
    codes = make_library(lib)
    yield lib, codes, kind, server
    lib.close()


def by_key(result) -> dict:
    out = {}
    for rec in result.records:
        out.setdefault(rec.key, []).append(rec)
    return out


def test_sync_adds_events_sets_status_and_refuses_with_reasons(setup, tmp_path):
    lib, codes, kind, server = setup
    source = write_source(kind, tmp_path, server)
    result = run_sync(lib, source)
    assert result.failed is None and result.skipped["invalid"] == 1
    recs = by_key(result)
    events = {e["origin_key"]: e for e in lib.query("SELECT * FROM ymt_events")}
    assert set(events) == {"D11", "D12", "L25"}
    assert all(e["origin_system"] == "spgl" for e in events.values())
    pre = events["D11"]
    assert (pre["code"], pre["stage"], str(pre["event_date"])[:10], pre["doc_no"]) == (
        codes["P1"],
        "preliminary_review",
        "2024-03-05",
        "常自然资预〔2024〕5号",
    )
    assert "有效期：长期有效" in pre["note"]
    permit = events["D12"]
    assert (permit["code"], permit["stage"], permit["doc_no"]) == (
        codes["P2"],
        "planning_permit",
        "建字第430703202400012号",
    )
    done = events["L25"]
    assert (done["code"], done["stage"], str(done["event_date"])[:10]) == (
        codes["P2"],
        "completion",
        "2024-03-14",
    )
    p1, p2 = lib.project(codes["P1"]), lib.project(codes["P2"])
    assert (p1["approval_status"], str(p1["approval_status_at"])[:10], p1["approval_item"]) == (
        "办结（不通过）",
        "2024-03-10",
        "建设用地规划许可证核发",
    )
    assert (p2["approval_status"], str(p2["approval_status_at"])[:10]) == (
        "办结（通过）",
        "2024-03-14",
    )
    # statuses other than a pass invent no stage: P1 has only its preliminary review
    assert [e["stage"] for e in lib.events(codes["P1"])] == ["preliminary_review"]
    assert [r.action for r in recs["D11"]] == ["added", "duplicate"]
    assert recs["D13"][0].action == "status" and recs["D03"][0].action == "unchanged"
    reasons = {k: v[0].reason for k, v in recs.items() if v[0].action == "refused"}
    assert set(reasons) == {"D17", "D18", "D19", "DX", "D22", "L23", "D24"}
    assert "No project in the library has the investment code " + sd.UNKNOWN in reasons["D17"]
    assert "2 projects have the investment code" in reasons["D19"]
    assert codes["A1"] in reasons["D19"] and codes["A2"] in reasons["D19"]
    assert "archived" in reasons["D24"]
    assert lib.events(codes["A1"]) == [] and lib.project(codes["A1"])["approval_status"] is None
    assert "Unknown handling status BLZT '99'" in reasons["L23"]


def test_second_run_and_overlapping_since_change_nothing(setup, tmp_path):
    lib, codes, kind, server = setup
    source = write_source(kind, tmp_path, server)
    run_sync(lib, source)
    before = snapshot(lib)
    again = run_sync(lib, source)
    assert again.applied == 0 and again.failed is None
    assert {r.action for r in again.records} == {"unchanged", "duplicate", "refused"}
    assert snapshot(lib) == before
    overlap = run_sync(lib, source, since=dt.date(2024, 3, 6))
    assert overlap.applied == 0 and len(overlap.records) < len(again.records)
    assert snapshot(lib) == before


def test_corrected_record_updates_its_event_with_before_and_after(setup, tmp_path):
    lib, codes, kind, server = setup
    run_sync(lib, write_source(kind, tmp_path, server))
    event = lib.event_by_origin("spgl", "D12")
    fixed = write_source(kind, tmp_path, server, tables=sd.corrected(sd.staging_tables()), name="b")
    result = run_sync(lib, fixed)
    rec = by_key(result)["D12"][0]
    assert rec.action == "updated" and "doc_no" in rec.reason and "event_date" in rec.reason
    assert [r.key for r in result.records if r.action in ("added", "updated")] == ["D12"]
    after = lib.event_by_origin("spgl", "D12")
    assert after["fid"] == event["fid"]
    assert (after["doc_no"], str(after["event_date"])[:10]) == (
        "建字第430703202400013号",
        "2024-03-07",
    )
    last = [h for h in lib.history(codes["P2"]) if h["table_name"] == "ymt_events"][-1]
    assert last["action"] == "update" and last["row_fid"] == event["fid"]
    assert last["before"]["doc_no"] == "建字第430703202400012号"
    assert last["after"]["doc_no"] == "建字第430703202400013号"
    assert len(lib.events(codes["P2"])) == 2  # corrected in place, not duplicated


def test_a_pass_corrected_to_a_refusal_archives_its_event(setup, tmp_path):
    lib, codes, kind, server = setup
    run_sync(lib, write_source(kind, tmp_path, server))
    tables = sd.staging_tables()
    for row in tables["SPGL_XMSPSXBLXXXXB"]:
        if row[0] == "D12":
            row[3] = 13  # 办结（不通过）
    result = run_sync(lib, write_source(kind, tmp_path, server, tables=tables, name="c"))
    rec = by_key(result)["D12"][0]
    assert rec.action == "archived" and "办结（不通过）" in rec.reason
    assert lib.event_by_origin("spgl", "D12") is None
    assert [e["stage"] for e in lib.events(codes["P2"])] == ["completion"]
    archived = lib.events(codes["P2"], include_archived=True)
    assert any(e["origin_key"] == "D12" and e["archived"] for e in archived)


def test_dry_run_and_a_run_stopped_half_way_write_nothing(setup, tmp_path):
    lib, codes, kind, server = setup
    source = write_source(kind, tmp_path, server)
    before = snapshot(lib)
    dry = run_sync(lib, source, dry_run=True)
    # D11, D12, L25 become events (L25 also sets P2's status), D13 sets P1's status
    assert dry.applied == 4 and snapshot(lib) == before
    calls = []

    def cancel_after_first_step():
        calls.append(1)
        return len(calls) > 1

    stopped = run_sync(lib, source, canceled=cancel_after_first_step)
    assert stopped.failed is not None and "Canceled" in stopped.error
    assert stopped.failed.action == "failed" and stopped.applied == 0
    assert {r.action for r in stopped.records} >= {"rolled_back", "failed"}
    assert snapshot(lib) == before
    assert run_sync(lib, source).applied == 4  # and it works afterwards


def test_a_write_refused_by_the_library_names_its_record_and_rolls_back(
    setup, tmp_path, monkeypatch
):
    """Another sync wrote D12 after this run read the library: the unique origin key refuses
    the batch, the record is found and named, and nothing of this run stays."""
    from yimatong_plugin.core.approval_sync import sync

    lib, codes, kind, server = setup
    source = write_source(kind, tmp_path, server)
    lib.add_event(
        codes["P2"], "planning_permit", "2024-03-06", origin_system="spgl", origin_key="D12"
    )
    before = snapshot(lib)
    monkeypatch.setattr(sync, "_events_by_key", lambda lib, origin_system: {})
    result = run_sync(lib, source)
    assert result.failed is not None and result.failed.key == "D12"
    assert result.failed.action == "failed" and "D12" in result.failed.reason
    assert result.applied == 0 and by_key(result)["D11"][0].action == "rolled_back"
    assert snapshot(lib) == before
