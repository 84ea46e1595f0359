"""Schema version 9 (the events' covering indexes): a library of version 8 with data opens, is
upgraded, and gives the same statistics; the statistics' lifecycle reads are answered from the
indexes."""

import datetime as dt

import pytest

from tests import statistics_data as sd
from tests.schema_versions import open_at_version, query_plan
from yimatong_plugin.core.library import SCHEMA_VERSION, open_library
from yimatong_plugin.core.lifecycle.batch_dates import APPROVALS_SQL, SUPPLIES_SQL
from yimatong_plugin.core.statistics import compute
from yimatong_plugin.core.statistics.query import stage_as_of_sql


def _indexes(lib) -> dict:
    names = ("ymt_events_facts_idx", "ymt_events_code_idx")
    if lib.backend == "postgis":
        sql = "SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE indexname IN (?, ?)"
    else:
        sql = "SELECT name, sql FROM sqlite_master WHERE name IN (?, ?)"
    return {r["name"]: r["sql"] for r in lib.query(sql, names)}


@pytest.mark.parametrize("backend", ["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def test_v8_library_upgrades_with_the_same_figures(backend, tmp_path, monkeypatch, request):
    uri, lib = open_at_version(backend, 8, tmp_path, monkeypatch, request)
    sd.build(lib)
    before_indexes = _indexes(lib)
    assert list(before_indexes) == ["ymt_events_code_idx"]
    assert "fid" not in before_indexes["ymt_events_code_idx"]
    before = sd.figures(lib)
    lib.close()
    monkeypatch.undo()

    lib = open_library(uri, user="bob")
    try:
        assert lib.schema_version == SCHEMA_VERSION >= 9
        after = _indexes(lib)
        assert "code, event_date, fid, archived, stage" in after["ymt_events_code_idx"]
        assert "stage, archived, code, event_date, fid, batch" in after["ymt_events_facts_idx"]
        assert sd.figures(lib) == before
        assert before["unsupplied_batches"] and before["unsupplied_trend"]
    finally:
        lib.close()


def test_lifecycle_reads_come_from_the_indexes(tmp_path):
    with open_library(str(tmp_path / "new.gpkg")) as lib:
        sd.build(lib)

        for sql, times in ((APPROVALS_SQL, 1), (SUPPLIES_SQL, 2)):
            got = query_plan(lib, sql, [False, "2026-01-01"] * times)
            assert got.startswith("SEARCH ymt_events USING COVERING INDEX ymt_events_facts_idx"), (
                got
            )
        stage, params = stage_as_of_sql()
        sql = f"SELECT {stage} FROM ymt_projects p"
        params = ["2026-01-01" if p == "AS_OF" else p for p in params]
        assert query_plan(lib, sql, params).count("COVERING INDEX ymt_events_code_idx") == 2
        assert compute(lib, dt.date(2026, 6, 30)).table("unsupplied_trend").rows
