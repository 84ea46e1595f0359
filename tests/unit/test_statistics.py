"""Statistics (core/statistics): every figure against an independent computation in plain
Python over the raw rows (tests/statistics_data.py), on GeoPackage and PostGIS; 批而未供
against the lifecycle monitor's findings (projectbox.library_findings)."""

import datetime as dt

import pytest

from tests import statistics_data as sd
from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core import projectbox as pb
from yimatong_plugin.core import units
from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.statistics import StatsFilter, compute
from yimatong_plugin.core.statistics.query import DIMENSIONS


@pytest.fixture(scope="module", params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def built(request, tmp_path_factory):
    if request.param == "gpkg":
        lib = open_library(str(tmp_path_factory.mktemp("stats") / "s.gpkg"))
    else:
        lib = open_library(request.getfixturevalue("postgis_server").new_database())
    codes = sd.build(lib)
    yield lib, codes
    lib.close()


FILTERS = [
    StatsFilter(),
    StatsFilter(admin=sd.DINGCHENG),
    StatsFilter(year="2026", source="annual_transfer_plan"),
]


@pytest.mark.parametrize("flt", FILTERS, ids=["all", "dingcheng", "plan2026"])
@pytest.mark.parametrize("as_of", [sd.AS_OF, dt.date(2024, 1, 1)])
def test_breakdowns_match_raw_rows(built, flt, as_of):
    lib, _ = built
    stats = compute(lib, as_of, flt)
    for dimension in DIMENSIONS:
        expected = sd.expected_groups(lib, as_of, dimension, flt)
        table = stats.table(f"by_{dimension}")
        got = {r["key"]: r for r in table.as_dicts()}
        assert set(got) == set(expected), dimension
        for key, (n, area, declared_only, no_area) in expected.items():
            row = got[key]
            assert row["projects"] == n, (dimension, key)
            assert row["area_m2"] == pytest.approx(area, abs=1e-6), (dimension, key)
            assert row["area_ha"] == pytest.approx(area / 10_000, abs=1e-9)
            assert row["area_mu"] == pytest.approx(area / units.M2_PER_MU, abs=1e-9)
            assert (row["declared_only"], row["no_area"]) == (declared_only, no_area)


def test_stage_is_as_of_the_date_and_names_chinese(built):
    lib, codes = built
    stats = compute(lib, sd.AS_OF)
    stage = {r["key"]: r for r in stats.table("by_stage").as_dicts()}
    # P4's completion is dated after AS_OF: it counts as started, not completed
    assert "completion" not in stage
    assert lib.project(codes["P4"])["current_stage"] == "completion"
    assert stage["construction_start"]["name"] == "开工"
    assert stats.table("by_admin").row_by("key", sd.DINGCHENG)["name"] == "鼎城区"
    assert stats.table("by_land_use_1").row_by("key", "10")["name"] == "工矿用地"
    assert stats.table("by_land_use_2").row_by("key", "1001")["name"] == "工业用地"
    # the archived P6 (7,000 m² declared and a parcel) is nowhere
    total = sum(r["projects"] for r in stats.table("by_admin").as_dicts())
    assert total == 7


def test_unsupplied_agrees_with_the_monitor(built):
    lib, codes = built
    stats = compute(lib, sd.AS_OF)
    monitor = [f for f in pb.library_findings(lib, sd.AS_OF) if f.rule == lc.RULE_UNSUPPLIED]
    table = {r["batch"]: r for r in stats.table("unsupplied_batches").as_dicts()}
    assert set(table) == {f.batch for f in monitor} == {"B1", "B2"}
    for f in monitor:
        assert table[f.batch]["supplied_ratio"] == pytest.approx(f.supplied_ratio)
        assert table[f.batch]["unsupplied_projects"] == len(f.codes)
    b1, b2 = table["B1"], table["B2"]
    # B1: 6,000 + 4,000 m² approved (the approvals' area_m2), 2,000 supplied by P1
    assert (b1["approved_m2"], b1["supplied_ratio"]) == (pytest.approx(10000), pytest.approx(0.2))
    assert b1["unsupplied_m2"] == pytest.approx(8000)
    assert b1["unsupplied_mu"] == pytest.approx(12.0)
    assert (b1["approved_on"], b1["due"]) == ("2023-03-01", "2025-03-01")
    # B2 records no area: the rules count projects, so the area is unknown, not 0
    assert b2["approved_m2"] is None and b2["unsupplied_m2"] is None
    by_admin = {r["key"]: r for r in stats.table("unsupplied_by_admin").as_dicts()}
    assert by_admin[sd.WULING]["unsupplied_m2"] == pytest.approx(6000 * 0.8)
    assert by_admin[sd.WULING]["unknown"] == 1 and by_admin[sd.WULING]["batches"] == 2
    assert by_admin[sd.DINGCHENG]["unsupplied_m2"] == pytest.approx(4000 * 0.8)
    by_year = {r["year"]: r for r in stats.table("unsupplied_by_year").as_dicts()}
    assert by_year[2023]["unsupplied_m2"] == pytest.approx(8000)
    assert by_year[2024]["approved_m2"] is None and by_year[2024]["unknown"] == 1
    # before B1's second anniversary nothing is due
    early = compute(lib, dt.date(2025, 2, 28))
    assert early.table("unsupplied_batches").rows == []
    # filtered to 鼎城区: B1 listed whole, only 鼎城区's share per division
    dc = compute(lib, sd.AS_OF, StatsFilter(admin=sd.DINGCHENG))
    assert [r["batch"] for r in dc.table("unsupplied_batches").as_dicts()] == ["B1"]
    assert [r["key"] for r in dc.table("unsupplied_by_admin").as_dicts()] == [sd.DINGCHENG]


def test_idle_and_unused_against_raw_parcels(built):
    lib, codes = built
    stats = compute(lib, sd.AS_OF)
    projects, parcels, _ = sd.raw(lib)
    areas = sd.project_areas(projects, parcels)
    monitor = pb.library_findings(lib, sd.AS_OF)
    expected = {}
    for f in monitor:
        if f.rule in (lc.RULE_IDLE, lc.RULE_UNUSED):
            key = (f.rule, f.stage)
            expected.setdefault(key, set()).update(f.codes)
    assert expected == {
        (lc.RULE_IDLE, lc.IDLE_REPOSSESSION): {codes["P1"]},
        (lc.RULE_IDLE, lc.IDLE_FEE): {codes["P7"]},
        (lc.RULE_UNUSED, ""): {codes["P3"]},
    }
    listing = stats.table("anomaly_projects").as_dicts()
    assert {r["code"] for r in listing} == {codes["P1"], codes["P3"], codes["P7"]}
    for r in listing:
        assert r["area_m2"] == pytest.approx(areas[r["code"]][0])
    summary = stats.table("idle_by_stage").rows
    assert [row[2] for row in summary] == [1, 1, 1]
    fee, repossession, unused = (row[3] for row in summary)
    assert fee == pytest.approx(areas[codes["P7"]][0])  # the resurveyed parcel, not the old
    assert repossession == pytest.approx(areas[codes["P1"]][0])
    assert unused == pytest.approx(areas[codes["P3"]][0])


def test_plan_execution_against_raw_events(built):
    lib, codes = built
    stats = compute(lib, sd.AS_OF)
    assert stats.plan_year == 2026
    projects, _, events = sd.raw(lib)
    plan = {p["code"]: p for p in projects if p["source"] == "annual_transfer_plan"}
    plan = {c: p for c, p in plan.items() if str(p["year"]) == "2026"}
    supplied = {}
    for e in events:
        day = str(e["event_date"])
        if e["stage"] == "supply" and e["code"] in plan and "2026-01-01" <= day <= "2026-06-30":
            area = e["area_m2"] if e["area_m2"] is not None else plan[e["code"]]["declared_area_m2"]
            key = (plan[e["code"]]["admin"], int(day[5:7]))
            supplied[key] = supplied.get(key, 0.0) + area
    per_admin = {r["key"]: r for r in stats.table("plan_by_admin").as_dicts()}
    for admin in (sd.WULING, sd.DINGCHENG):
        planned = sum(p["declared_area_m2"] for p in plan.values() if p["admin"] == admin)
        total = sum(v for (a, _), v in supplied.items() if a == admin)
        assert per_admin[admin]["planned_m2"] == pytest.approx(planned)
        assert per_admin[admin]["supplied_m2"] == pytest.approx(total)
        assert per_admin[admin]["ratio"] == pytest.approx(total / planned)
    # P3's second supply records no area: counted with the declared area, and said so
    assert per_admin[sd.WULING]["without_area"] == 1
    months = stats.table("plan_by_month").as_dicts()
    for r in months:
        assert r["supplied_m2"] == pytest.approx(supplied.get((r["key"], r["month"]), 0.0))
    dc = [r for r in months if r["key"] == sd.DINGCHENG]
    # P4's December 2025 supply is outside the plan year
    assert [r["cumulative_m2"] for r in dc][3:5] == [pytest.approx(4000)] * 2
    assert dc[0]["cumulative_m2"] == 0


def test_unsupplied_trend_is_the_monitor_at_each_year_end(built):
    """批而未供 over time: each year end's row is what the lifecycle monitor finds run at that
    date — batches, and areas from the approvals' raw rows (area_m2, else declared)."""
    lib, _ = built
    stats = compute(lib, sd.AS_OF)
    rows = stats.table("unsupplied_trend").as_dicts()
    assert [r["as_of"] for r in rows] == [
        *(f"{y}-12-31" for y in range(sd.AS_OF.year - 10, sd.AS_OF.year)),
        sd.AS_OF.isoformat(),
    ]
    projects = {r["code"]: r for r in lib.query("SELECT * FROM ymt_projects")}
    events = {r["fid"]: r for r in lib.query("SELECT * FROM ymt_events")}
    previous = None
    for row in rows:
        day = dt.date.fromisoformat(row["as_of"])
        found = [f for f in pb.library_findings(lib, day) if f.rule == lc.RULE_UNSUPPLIED]
        assert row["batches"] == len(found), day
        approved = unsupplied = 0.0
        unknown = 0
        for f in found:
            areas = [
                events[fid]["area_m2"] or projects[events[fid]["code"]]["declared_area_m2"]
                for fid in f.events
                if events[fid]["stage"] == "conversion_approval"
            ]
            if not all(areas):
                unknown += 1
                continue
            approved += sum(areas)
            unsupplied += sum(areas) * (1 - f.supplied_ratio)
        assert row["unknown"] == unknown, day
        assert row["approved_m2"] == pytest.approx(approved), day
        assert row["unsupplied_m2"] == pytest.approx(unsupplied), day
        if previous is not None:
            assert row["change_m2"] == pytest.approx(unsupplied - previous), day
        previous = unsupplied
    # B1 (approved 2023-03) is due on 2025-03-01: not at the end of 2024, at the end of 2025
    by_day = {r["as_of"]: r for r in rows}
    assert by_day["2024-12-31"]["batches"] == 0
    assert by_day["2025-12-31"]["unsupplied_m2"] == pytest.approx(8000)
