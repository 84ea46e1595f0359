"""Schema version 8 (the parcels' covering area index): a library of version 7 with data opens,
is upgraded, and gives the same statistics; the parcels' area sum is answered from the index."""

import datetime as dt

import pytest

from tests import statistics_data as sd
from tests.schema_versions import open_at_version, query_plan
from yimatong_plugin.core.library import SCHEMA_VERSION, open_library
from yimatong_plugin.core.statistics import compute
from yimatong_plugin.core.statistics.query import PARCEL_AREA


def _index(lib) -> list:
    if lib.backend == "postgis":
        sql = "SELECT indexdef AS sql FROM pg_indexes WHERE indexname = 'ymt_parcels_area_idx'"
    else:
        sql = "SELECT sql FROM sqlite_master WHERE name = 'ymt_parcels_area_idx'"
    return [r["sql"] for r in lib.query(sql)]


@pytest.mark.parametrize("backend", ["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def test_v7_library_upgrades_with_the_same_figures(backend, tmp_path, monkeypatch, request):
    uri, lib = open_at_version(backend, 7, tmp_path, monkeypatch, request)
    sd.build(lib)
    assert _index(lib) == []
    before = sd.figures(lib)
    lib.close()
    monkeypatch.undo()

    lib = open_library(uri, user="bob")
    try:
        assert lib.schema_version == SCHEMA_VERSION >= 8
        (sql,) = _index(lib)
        assert "code, retired, area_m2" in sql
        assert sd.figures(lib) == before
        assert before["by_admin"] and before["unsupplied_batches"]
    finally:
        lib.close()


def test_parcel_areas_come_from_the_index(tmp_path):
    with open_library(str(tmp_path / "new.gpkg")) as lib:
        sd.build(lib)
        plan = query_plan(lib, PARCEL_AREA, [False])
        assert "COVERING INDEX ymt_parcels_area_idx" in plan, plan
        assert compute(lib, dt.date(2026, 6, 30)).table("by_admin").rows
