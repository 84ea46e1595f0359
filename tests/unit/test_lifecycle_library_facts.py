"""The lifecycle rules on the library's v4 event facts — ``area_m2`` (approved / supplied area of
a batch) and ``stopped_on`` (development stopped) — on their boundary dates, first on library
rows as plain dicts, then end to end through both backends (projectbox, panel anomalies)."""

import datetime as dt

import pytest

from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core import project_query as pq
from yimatong_plugin.core import projectbox as pb
from yimatong_plugin.core.library import open_library

A = "4343070220240301120701000123"
B = "4343070220240301120701000124"
D = dt.timedelta(days=1)
APPROVED = dt.date(2022, 3, 15)
DUE = dt.date(2024, 3, 15)  # two full years
STOPPED = dt.date(2023, 1, 5)
FEE = dt.date(2024, 1, 5)
REPOSSESS = dt.date(2025, 1, 5)


def row(stage, day, **cols):
    """An event as the library returns it: every v4 column present, None when not recorded."""
    out = {
        "fid": cols.pop("fid", None),
        "stage": stage,
        "event_date": day.isoformat() if isinstance(day, dt.date) else day,
        "status": None,
        "doc_no": None,
        "agreed_start": None,
        "developed_ratio": None,
        "invested_ratio": None,
        "batch": None,
        "area_m2": None,
        "stopped_on": None,
    }
    out.update(cols)
    return out


# -- 批而未供: event areas -----------------------------------------------------------------------
def batch(declared_a=20000.0, declared_b=9000.0, supply_area=4000.0):
    projects = {A: {"declared_area_m2": declared_a}, B: {"declared_area_m2": declared_b}}
    events = {
        A: [
            row("conversion_approval", APPROVED, batch="2022-3", area_m2=6000.0, fid=1),
            row("supply", dt.date(2023, 1, 1), batch="2022-3", area_m2=supply_area, fid=2),
        ],
        B: [row("conversion_approval", APPROVED, batch="2022-3", area_m2=4000.0, fid=3)],
    }
    return {c: lc.with_project_defaults(projects[c], evs) for c, evs in events.items()}


@pytest.mark.parametrize("as_of, flagged", [(DUE - D, False), (DUE, True), (DUE + D, True)])
def test_unsupplied_by_recorded_event_areas_boundary(as_of, flagged):
    found = lc.unsupplied_findings(batch(), as_of)
    assert bool(found) is flagged
    if found:
        (f,) = found
        # approved 6,000 + 4,000 from the events (not the declared 20,000 + 9,000), supplied
        # 4,000 of project A's 6,000 (its supply's area_m2, not the whole project)
        assert f.supplied_ratio == pytest.approx(0.4)
        assert "4,000 of 10,000 m²" in f.evidence
        assert f.codes == (A, B) and f.since == DUE


def test_unsupplied_several_supplies_add_up_and_cap():
    data = batch()
    data[A].append(lc.as_event(row("supply", dt.date(2023, 6, 1), batch="2022-3", area_m2=2500.0)))
    (f,) = lc.unsupplied_findings(data, DUE)
    assert f.supplied_ratio == pytest.approx(0.6) and f.codes == (B,)  # A capped at 6,000


def test_unsupplied_supply_without_area_counts_whole_project():
    (f,) = lc.unsupplied_findings(batch(supply_area=None), DUE)
    assert f.supplied_ratio == pytest.approx(0.6) and f.codes == (B,)


def test_declared_area_only_where_the_approval_records_none():
    project = {"declared_area_m2": 20000.0}
    recorded = lc.with_project_defaults(
        project, [row("conversion_approval", APPROVED, area_m2=600)]
    )
    missing = lc.with_project_defaults(project, [row("conversion_approval", APPROVED)])
    assert recorded[0].area() == 600.0 and missing[0].area() == 20000.0


# -- 闲置土地, started but stalled: stopped_on --------------------------------------------------
def stalled(**supervision):
    return [
        row("supply", dt.date(2021, 1, 5), agreed_start="2021-07-01", fid=1),
        row("construction_start", dt.date(2021, 6, 1), fid=2),
        row("supervision", dt.date(2023, 3, 1), fid=3, **supervision),
    ]


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (FEE - D, None),
        (FEE, ("fee", FEE)),
        (FEE + D, ("fee", FEE)),
        (REPOSSESS - D, ("fee", FEE)),
        (REPOSSESS, ("repossession", REPOSSESS)),
        (REPOSSESS + D, ("repossession", REPOSSESS)),
    ],
)
def test_stalled_from_recorded_stopped_on_boundary(as_of, expected):
    events = stalled(stopped_on=STOPPED.isoformat(), developed_ratio=0.2)
    found = [f for f in lc.project_findings(A, events, as_of) if f.rule == lc.RULE_IDLE]
    if expected is None:
        assert found == []
    else:
        (f,) = found
        assert (f.stage, f.since) == expected and f.days == (as_of - STOPPED).days
        assert "2023-01-05" in f.evidence


def test_recorded_stopped_on_wins_over_the_stop_status_date():
    # status "stopped" alone means stopped on the record's date (2023-03-01); stopped_on is
    # the recorded fact and decides
    events = stalled(stopped_on=STOPPED.isoformat(), status="停工", invested_ratio=0.1)
    (f,) = lc.project_findings(A, events, FEE)
    assert f.since == FEE
    only_status = stalled(status="停工", invested_ratio=0.1)
    assert lc.project_findings(A, only_status, FEE) == []
    assert lc.project_findings(A, only_status, dt.date(2024, 3, 1))[0].since == dt.date(2024, 3, 1)


def test_low_development_without_a_stop_is_not_idle():
    assert lc.project_findings(A, stalled(developed_ratio=0.2), REPOSSESS) == []


# -- end to end on both backends --------------------------------------------------------------
SEG = dict(
    region="43",
    admin="430702",
    year=2022,
    approval_type="01",
    project_type="01",
    supply_type="13",
    land_use="0701",
)


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def lib(request, tmp_path):
    if request.param == "gpkg":
        library = open_library(str(tmp_path / "facts.gpkg"))
    else:
        server = request.getfixturevalue("postgis_server")
        library = open_library(server.new_database())
    yield library
    library.close()


@pytest.fixture
def recorded(lib):
    a = str(lib.allocate_code(**SEG))
    lib.add_project(a, name="甲", source="municipal_key", declared_area_m2=20000)
    lib.add_event(a, "conversion_approval", APPROVED, batch="2022-3", area_m2=6000)
    lib.add_event(
        a, "supply", "2022-09-01", batch="2022-3", area_m2=4000, agreed_start="2022-10-15"
    )
    lib.add_event(a, "construction_start", "2022-10-01")
    lib.add_event(a, "supervision", "2023-06-01", stopped_on=STOPPED, developed_ratio=0.2)
    b = str(lib.allocate_code(**SEG))
    lib.add_project(b, name="乙", source="municipal_key", declared_area_m2=9000)
    lib.add_event(b, "conversion_approval", APPROVED, batch="2022-3", area_m2=4000)
    return a, b


@pytest.mark.parametrize("as_of", [FEE - D, FEE])
def test_library_findings_use_event_area_and_stopped_on(lib, recorded, as_of):
    a, b = recorded
    found = {f.rule: f for f in pb.library_findings(lib, as_of)}
    if as_of < DUE:
        assert lc.RULE_UNSUPPLIED not in found
    idle = found.get(lc.RULE_IDLE)
    if as_of < FEE:
        assert idle is None
    else:
        assert idle.code == a and idle.since == FEE and idle.stage == "fee"
    at_due = {f.rule: f for f in pb.library_findings(lib, DUE)}
    assert at_due[lc.RULE_UNSUPPLIED].supplied_ratio == pytest.approx(0.4)
    assert "4,000 of 10,000 m²" in at_due[lc.RULE_UNSUPPLIED].evidence


def test_project_file_and_panel_anomalies_see_the_facts(lib, recorded):
    a, b = recorded
    file_ = pb.project_file(lib, a, as_of=DUE)
    rules = {f.rule: f for f in file_["findings"]}
    assert rules[lc.RULE_IDLE].since == FEE
    assert rules[lc.RULE_UNSUPPLIED].supplied_ratio == pytest.approx(0.4)
    anomalies = pq.anomaly_codes(lib.connection, as_of=DUE)
    assert anomalies[lc.RULE_IDLE] == {a}
    assert anomalies[lc.RULE_UNSUPPLIED] == {a, b}
