"""The set-based lifecycle facts (core/lifecycle/facts.py) against the per-event evaluation.

Random libraries — batches with and without areas, supplies naming their batch or none,
agreed dates on the event or only on the project, several starts, stops and resumptions, 补
(supplementary farmland) and other stages the rules ignore, corrections (an event archived and
recorded again), archived projects, events dated after AS_OF — on GeoPackage and PostGIS: at
past and present AS_OF dates every finding (rule, dates, days, ratio, evidence, event ids, in
order) is the one ``lifecycle.monitor`` gives over every live event of every project, and the
three callers (monitor, project box, panel filter) give it."""

import datetime as dt
import random

import pytest

from tests.statistics_data import seg
from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core import project_query as pq
from yimatong_plugin.core import projectbox as pb
from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.lifecycle import facts

ADMINS = ["430702", "430703", "430721"]
AS_OFS = [dt.date(2019, 12, 31), dt.date(2021, 6, 30), dt.date(2023, 2, 28), dt.date(2026, 11, 29)]


def day(rng, lo=2017, hi=2026):
    return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.choice([1, 15, 28]))


def build(lib, seed: int, n: int = 36) -> list[str]:
    rng = random.Random(seed)
    batches = ["B1", "B2", "B3", "B4"]
    codes = []
    for i in range(n):
        code = str(
            lib.new_project(
                f"项目{i}",
                "municipal_key",
                seg(rng.choice(ADMINS), str(rng.randint(2018, 2024))),
                declared_area_m2=rng.choice([None, 5000.0, 12000.0]),
            )
        )
        codes.append(code)
        for _ in range(rng.randint(0, 3)):
            lib.add_event(
                code,
                "conversion_approval",
                day(rng, 2017, 2023),
                batch=rng.choice([*batches, None]),
                area_m2=rng.choice([None, 3000.0, 6000.0]),
                doc_no=rng.choice([None, f"批{i}"]),
            )
        for _ in range(rng.randint(0, 3)):
            agreed = day(rng, 2018, 2025)
            lib.add_event(
                code,
                "supply",
                day(rng, 2018, 2025),
                batch=rng.choice([*batches, None, None]),
                area_m2=rng.choice([None, 1000.0, 4000.0]),
                agreed_start=rng.choice([None, agreed, agreed]),
                agreed_completion=rng.choice([None, agreed.replace(year=agreed.year + 2)]),
            )
        for _ in range(rng.choice([0, 0, 1, 2])):
            lib.add_event(code, "construction_start", day(rng, 2019, 2026))
        if rng.random() < 0.3:
            lib.add_event(code, "completion", day(rng, 2021, 2026))
        for _ in range(rng.randint(0, 3)):
            lib.add_event(
                code,
                "supervision",
                day(rng, 2019, 2026),
                status=rng.choice([None, "停工", "复工", "stopped", "巡查"]),
                stopped_on=rng.choice([None, None, day(rng, 2019, 2025)]),
                developed_ratio=rng.choice([None, 0.1, 0.5]),
                invested_ratio=rng.choice([None, 0.2, 0.9]),
            )
        for stage in ("supplementary_farmland", "registration", "planning_permit"):
            if rng.random() < 0.3:
                lib.add_event(code, stage, day(rng))
        # a correction: an event archived (recorded wrongly) and recorded again
        events = lib.events(code)
        if events and rng.random() < 0.3:
            wrong = rng.choice(events)
            lib.archive_event(wrong["fid"], reason="更正")
            lib.add_event(code, wrong["stage"], day(rng), batch=wrong.get("batch"))
        if rng.random() < 0.08:
            lib.archive_project(code, reason="撤销")
    return codes + scenarios(lib)


def scenarios(lib) -> list[str]:
    """Cases the random draw rarely makes: the reduction must keep the event that decides."""

    def project(name):
        return str(lib.new_project(name, "municipal_key", seg("430702", "2019")))

    # three supplies share the agreed start (two inherit it from the project): the first
    # supply (2019-01-01) is the one the finding names
    a = project("同一约定开工")
    lib.add_event(a, "supply", "2019-01-01")
    lib.add_event(a, "supply", "2019-02-01")
    lib.add_event(a, "supply", "2019-03-01", agreed_start="2019-06-01")
    # stopped, then started again (a later 开工 is a resumption): no 闲置土地
    b = project("停工后再开工")
    lib.add_event(b, "construction_start", "2020-01-01")
    lib.add_event(b, "supervision", "2021-01-01", stopped_on="2020-12-01", developed_ratio=0.1)
    lib.add_event(b, "construction_start", "2021-06-01")
    # stopped, then a 复工 record with nothing but its status: no 闲置土地
    c = project("停工后复工")
    lib.add_event(c, "construction_start", "2020-01-01")
    lib.add_event(c, "supervision", "2021-01-01", stopped_on="2020-12-01", developed_ratio=0.1)
    lib.add_event(c, "supervision", "2021-06-01", status="复工")
    # the same, still stopped: 闲置土地
    d = project("停工")
    lib.add_event(d, "construction_start", "2020-01-01")
    lib.add_event(d, "supervision", "2021-01-01", stopped_on="2020-12-01", developed_ratio=0.1)
    return [a, b, c, d]


def per_event(lib, as_of):
    """The evaluation before the facts: every live event of every project, lifecycle.monitor."""
    projects = {r["code"]: r for r in lib.query("SELECT * FROM ymt_projects", ())}
    events: dict[str, list] = {}
    for row in lib.query(
        "SELECT * FROM ymt_events WHERE archived = ? ORDER BY code, event_date, fid", (False,)
    ):
        events.setdefault(row["code"], []).append(row)
    data = {c: lc.with_project_defaults(projects[c], evs) for c, evs in events.items()}
    archived = {c for c, r in projects.items() if r["archived"]}
    return lc.monitor(data, as_of, None, archived)


def same(a: list, b: list) -> None:
    assert [(f.as_dict(), f.codes, f.events) for f in a] == [
        (f.as_dict(), f.codes, f.events) for f in b
    ]


@pytest.fixture(
    scope="module",
    params=[
        ("gpkg", 1),
        ("gpkg", 2),
        ("gpkg", 3),
        pytest.param(("postgis", 1), marks=pytest.mark.postgis),
        pytest.param(("postgis", 4), marks=pytest.mark.postgis),
    ],
    ids=lambda p: f"{p[0]}-{p[1]}",
)
def library(request, tmp_path_factory):
    backend, seed = request.param
    if backend == "gpkg":
        lib = open_library(str(tmp_path_factory.mktemp("facts") / "f.gpkg"))
    else:
        lib = open_library(request.getfixturevalue("postgis_server").new_database())
    codes = build(lib, seed)
    yield lib, codes
    lib.close()


@pytest.mark.parametrize("as_of", AS_OFS, ids=str)
def test_monitor_findings_are_the_per_event_ones(library, as_of):
    lib, _ = library
    expected = per_event(lib, as_of)
    assert expected, "the random library gives findings"
    same(pb.library_findings(lib, as_of), expected)
    same(facts.library_findings(lib, as_of), expected)


def test_every_rule_is_exercised(library):
    lib, _ = library
    rules = {f.rule for as_of in AS_OFS for f in per_event(lib, as_of)}
    assert {lc.RULE_UNSUPPLIED, lc.RULE_UNUSED, lc.RULE_IDLE, lc.RULE_LATE_START} <= rules


@pytest.mark.parametrize("as_of", AS_OFS[1:3], ids=str)
def test_project_box_findings_are_the_per_event_ones(library, as_of):
    lib, codes = library
    everything = per_event(lib, as_of)
    for code in codes[::3]:
        got = pb.project_file(lib, code, as_of)["findings"]
        same(got, [f for f in everything if code in f.codes])


@pytest.mark.parametrize("as_of", AS_OFS, ids=str)
def test_panel_anomaly_filter_is_the_per_event_one(library, as_of):
    lib, _ = library
    archived = {r["code"] for r in lib.query("SELECT code FROM ymt_projects WHERE archived", ())}
    expected: dict[str, set] = {}
    for f in per_event(lib, as_of):
        expected.setdefault(f.rule, set()).update(c for c in f.codes if c not in archived)
    assert pq.anomaly_codes(lib.connection, as_of) == expected


def test_a_date_stored_with_a_time_counts_on_that_day(tmp_path):
    """GeoPackage stores dates as text, which may carry a time: a supply on AS_OF at 10:00
    counts on AS_OF, as the per-event rules read it (its first ten characters)."""
    lib = open_library(str(tmp_path / "t.gpkg"))
    code = str(
        lib.new_project(
            "定时",
            "municipal_key",
            seg("430702", "2020"),
        )
    )
    fid = lib.add_event(code, "supply", "2020-01-01", agreed_start="2018-01-01")
    with lib.transaction():
        lib.connection.execute(
            "UPDATE ymt_events SET event_date = ? WHERE fid = ?", ("2020-01-01T10:00:00", fid)
        )
    as_of = dt.date(2020, 1, 1)
    expected = per_event(lib, as_of)
    assert [(f.rule, f.stage) for f in expected] == [(lc.RULE_IDLE, lc.IDLE_REPOSSESSION)]
    same(facts.library_findings(lib, as_of), expected)
    lib.close()


def same_batches(figures: list, findings: list) -> None:
    """The batch figures (lifecycle.batch_dates) name the findings' batches, due dates, ratios
    (to the last bit) and projects not supplied."""
    assert [(b.batch, b.due, b.supplied_ratio, b.codes) for b in figures] == [
        (f.batch, f.since, f.supplied_ratio, f.codes) for f in findings
    ]


@pytest.mark.parametrize("as_of", AS_OFS[1:], ids=str)
def test_findings_with_year_ends_in_one_pass_are_the_monitor_at_each_date(library, as_of):
    """The statistics' anomalies and trend from one read: the findings as of ``as_of`` and the
    批而未供 batches then and at each year end before it, each what the per-event monitor
    gives run at that date."""
    lib, _ = library
    years = range(2017, as_of.year)
    got = facts.findings_and_year_ends(facts.library_fetch(lib), as_of, years)
    expected = per_event(lib, as_of)
    same(got.findings, expected)
    same_batches(got.batches, [f for f in expected if f.rule == lc.RULE_UNSUPPLIED])
    assert got.year_ends == [dt.date(y, 12, 31) for y in years]
    ends = {day: got.dates.at(day) for day in got.year_ends}
    for day, figures in ends.items():
        same_batches(figures, [f for f in per_event(lib, day) if f.rule == lc.RULE_UNSUPPLIED])
    assert sum(len(figures) for figures in ends.values()) > 0
    with pytest.raises(ValueError):
        facts.findings_and_year_ends(facts.library_fetch(lib), as_of, [as_of.year])


def test_batch_figures_that_disagree_with_the_rules_are_refused(library, monkeypatch):
    """Never a trend that may be wrong: should the array evaluation ever give a batch another
    ratio than the rule code as of AS_OF, the refresh stops with an error instead of showing
    figures."""
    import dataclasses

    from yimatong_plugin.core.lifecycle import batch_dates

    lib, _ = library
    as_of = AS_OFS[-1]
    assert any(f.rule == lc.RULE_UNSUPPLIED for f in per_event(lib, as_of))
    real = batch_dates.BatchDates.at

    def off(self, day, th=None):
        first, *rest = real(self, day, th)
        return [dataclasses.replace(first, supplied_ratio=first.supplied_ratio + 0.01), *rest]

    monkeypatch.setattr(batch_dates.BatchDates, "at", off)
    with pytest.raises(RuntimeError, match="disagree"):
        facts.findings_and_year_ends(facts.library_fetch(lib), as_of, [2020])
