"""Lifecycle rules on their boundary dates: the day before, the day of, the day after."""

from datetime import date, timedelta

import pytest

from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core.lifecycle import (
    RULE_IDLE,
    RULE_LATE_COMPLETION,
    RULE_LATE_START,
    RULE_UNSUPPLIED,
    RULE_UNUSED,
    Thresholds,
    add_years,
    milestones,
    monitor,
    project_findings,
    unsupplied_findings,
)

CODE = "4343070220240301120701000123"
OTHER = "4343070220240301120701000124"
D = timedelta(days=1)


def supply(day, agreed_start=None, agreed_completion=None, **kw):
    ev = {"stage": "supply", "date": day, "doc_no": "常国土出〔2023〕12号", "id": 2}
    if agreed_start:
        ev["agreed_start"] = agreed_start
    if agreed_completion:
        ev["agreed_completion"] = agreed_completion
    ev.update(kw)
    return ev


def start(day):
    return {"stage": "construction_start", "date": day, "doc_no": "开工-1", "id": 3}


def rules(findings):
    return [(f.rule, f.stage) for f in findings]


# -- anniversary ----------------------------------------------------------------------------


def test_add_years_anniversary_and_leap_day():
    assert add_years(date(2023, 6, 10), 1) == date(2024, 6, 10)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 3, 1)
    assert add_years(date(2024, 2, 29), 2) == date(2026, 3, 1)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2023, 2, 28), 1) == date(2024, 2, 28)


def test_stage_groups_cover_every_stage_once():
    seen = [s for g in lc.STAGE_GROUPS for s in g.stages]
    assert sorted(seen) == sorted(lc.STAGES)
    assert [g.label for g in lc.STAGE_GROUPS] == ["批", "供", "用", "补", "查"]
    assert lc.stage_group("supply").label == "供"
    assert lc.stage_group("nonsense") is None


# -- 供而未用 --------------------------------------------------------------------------------

AGREED = date(2023, 6, 10)


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (AGREED - D, []),
        (AGREED, []),
        (AGREED + D, [(RULE_UNUSED, "")]),
    ],
)
def test_supplied_not_used_boundary(as_of, expected):
    events = [supply(date(2023, 1, 5), AGREED)]
    found = project_findings(CODE, events, as_of)
    assert rules(found) == expected
    if found:
        f = found[0]
        assert f.since == AGREED + D
        assert f.days == 1
        assert f.severity == lc.SEVERITY_WARNING
        assert "2023-06-10" in f.evidence and "常国土出〔2023〕12号" in f.evidence
        assert f.events == (2,)


def test_started_on_agreed_day_is_not_late():
    events = [supply(date(2023, 1, 5), AGREED), start(AGREED)]
    assert project_findings(CODE, events, date(2026, 1, 1)) == []


def test_start_event_after_as_of_is_ignored():
    events = [supply(date(2023, 1, 5), AGREED), start(AGREED + 5 * D)]
    assert rules(project_findings(CODE, events, AGREED + 2 * D)) == [(RULE_UNUSED, "")]


def test_start_grace_days():
    events = [supply(date(2023, 1, 5), AGREED)]
    th = Thresholds(start_grace_days=30)
    assert project_findings(CODE, events, AGREED + 30 * D, th) == []
    found = project_findings(CODE, events, AGREED + 31 * D, th)
    assert rules(found) == [(RULE_UNUSED, "")] and found[0].since == AGREED + 31 * D


# -- 闲置土地: not started ---------------------------------------------------------------------

FEE = date(2024, 6, 10)
REPO = date(2025, 6, 10)


@pytest.mark.parametrize(
    "as_of, expected, since",
    [
        (FEE - D, [(RULE_UNUSED, "")], AGREED + D),
        (FEE, [(RULE_IDLE, "fee")], FEE),
        (FEE + D, [(RULE_IDLE, "fee")], FEE),
        (REPO - D, [(RULE_IDLE, "fee")], FEE),
        (REPO, [(RULE_IDLE, "repossession")], REPO),
        (REPO + D, [(RULE_IDLE, "repossession")], REPO),
    ],
)
def test_idle_not_started_boundary(as_of, expected, since):
    events = [supply(date(2023, 1, 5), AGREED)]
    found = project_findings(CODE, events, as_of)
    assert rules(found) == expected
    assert found[0].since == since
    assert found[0].days == (as_of - AGREED).days
    if expected[0][1] == "fee":
        assert found[0].severity == lc.SEVERITY_SERIOUS
        assert "2024-06-10" in found[0].evidence
    if expected[0][1] == "repossession":
        assert found[0].severity == lc.SEVERITY_CRITICAL
        assert "2025-06-10" in found[0].evidence and "2024-06-10" in found[0].evidence


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (date(2025, 2, 28), RULE_UNUSED),
        (date(2025, 3, 1), RULE_IDLE),
        (date(2025, 3, 2), RULE_IDLE),
    ],
)
def test_idle_leap_day_agreed_start(as_of, expected):
    events = [supply(date(2023, 11, 1), date(2024, 2, 29))]
    found = project_findings(CODE, events, as_of)
    assert [f.rule for f in found] == [expected]
    if expected == RULE_IDLE:
        assert found[0].since == date(2025, 3, 1)


def test_idle_thresholds_configurable():
    events = [supply(date(2023, 1, 5), AGREED)]
    th = Thresholds(idle_fee_years=2, idle_repossess_years=3)
    assert rules(project_findings(CODE, events, FEE, th)) == [(RULE_UNUSED, "")]
    assert rules(project_findings(CODE, events, REPO, th)) == [(RULE_IDLE, "fee")]


def test_not_started_is_not_also_late_completion():
    events = [supply(date(2020, 1, 5), date(2020, 6, 1), date(2021, 6, 1))]
    found = project_findings(CODE, events, date(2024, 1, 1))
    assert rules(found) == [(RULE_IDLE, "repossession")]


# -- 闲置土地: started but stalled ---------------------------------------------------------------

STOPPED = date(2023, 1, 5)


def stalled_events(**facts):
    sup = {
        "stage": "supervision",
        "date": date(2023, 3, 1),
        "doc_no": "监管-7",
        "id": 9,
        "stopped_on": STOPPED,
    }
    sup.update(facts)
    return [supply(date(2021, 1, 5), date(2021, 7, 1)), start(date(2021, 6, 1)), sup]


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (date(2024, 1, 4), []),
        (date(2024, 1, 5), [(RULE_IDLE, "fee")]),
        (date(2024, 1, 6), [(RULE_IDLE, "fee")]),
        (date(2025, 1, 4), [(RULE_IDLE, "fee")]),
        (date(2025, 1, 5), [(RULE_IDLE, "repossession")]),
        (date(2025, 1, 6), [(RULE_IDLE, "repossession")]),
    ],
)
def test_stalled_boundary(as_of, expected):
    found = project_findings(CODE, stalled_events(developed_ratio=0.2), as_of)
    assert rules(found) == expected
    if found:
        assert found[0].days == (as_of - STOPPED).days
        assert "2023-01-05" in found[0].evidence and "20.0%" in found[0].evidence
        assert found[0].events == (3, 9)


@pytest.mark.parametrize(
    "facts, flagged",
    [
        ({"developed_ratio": 1 / 3}, False),
        ({"developed_ratio": 0.3333}, True),
        ({"developed_area": 100, "total_area": 300}, False),
        ({"developed_area": 99, "total_area": 300}, True),
        ({"investment_ratio": 0.25}, False),
        ({"investment_ratio": 0.2499}, True),
        ({"invested": 24, "total_investment": 100, "developed_ratio": 0.9}, True),
        ({}, False),  # stopped but no development facts recorded: not decidable
    ],
)
def test_stalled_thresholds(facts, flagged):
    found = project_findings(CODE, stalled_events(**facts), date(2024, 6, 1))
    assert bool(found) is flagged


def test_stalled_resumed_by_a_later_record():
    events = stalled_events(developed_ratio=0.2) + [
        {"stage": "supervision", "date": date(2023, 9, 1), "developed_ratio": 0.5}
    ]
    assert project_findings(CODE, events, date(2024, 6, 1)) == []


def test_stalled_but_completed_is_not_idle():
    events = stalled_events(developed_ratio=0.2) + [
        {"stage": "completion", "date": date(2023, 12, 1)}
    ]
    assert project_findings(CODE, events, date(2024, 6, 1)) == []


# -- 逾期开工 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "started, expected",
    [(AGREED - D, []), (AGREED, []), (AGREED + D, [(RULE_LATE_START, "")])],
)
def test_late_start_boundary(started, expected):
    events = [supply(date(2023, 1, 5), AGREED), start(started)]
    found = project_findings(CODE, events, date(2023, 12, 31))
    assert rules(found) == expected
    if found:
        assert found[0].since == AGREED + D
        assert found[0].days == 1
        assert found[0].severity == lc.SEVERITY_INFO
        assert "2023-06-11" in found[0].evidence


# -- 逾期竣工 ---------------------------------------------------------------------------------

AGREED_C = date(2025, 12, 31)


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (AGREED_C - D, []),
        (AGREED_C, []),
        (AGREED_C + D, [(RULE_LATE_COMPLETION, "")]),
        (AGREED_C + 2 * D, [(RULE_LATE_COMPLETION, "")]),
    ],
)
def test_late_completion_open_boundary(as_of, expected):
    events = [supply(date(2023, 1, 5), AGREED, AGREED_C), start(AGREED)]
    found = project_findings(CODE, events, as_of)
    assert rules(found) == expected
    if found:
        assert found[0].since == date(2026, 1, 1)
        assert found[0].days == (as_of - AGREED_C).days
        assert found[0].severity == lc.SEVERITY_WARNING


@pytest.mark.parametrize(
    "completed, late",
    [(AGREED_C - D, False), (AGREED_C, False), (AGREED_C + D, True)],
)
def test_late_completion_done_boundary(completed, late):
    events = [
        supply(date(2023, 1, 5), AGREED, AGREED_C),
        start(AGREED),
        {"stage": "completion", "date": completed, "doc_no": "竣-3"},
    ]
    found = project_findings(CODE, events, date(2027, 1, 1))
    assert bool(found) is late
    if late:
        assert found[0].rule == RULE_LATE_COMPLETION and found[0].days == 1
        assert found[0].severity == lc.SEVERITY_INFO and "竣-3" in found[0].evidence


# -- 批而未供 ---------------------------------------------------------------------------------

APPROVED = date(2022, 3, 15)
DUE = date(2024, 3, 15)


def approval(day=APPROVED, batch="2022年第3批次", area=None, **kw):
    ev = {"stage": "conversion_approval", "date": day, "batch": batch}
    ev["doc_no"] = "湘政地〔2022〕3号"
    if area is not None:
        ev["area"] = area
    ev.update(kw)
    return ev


@pytest.mark.parametrize("as_of, flagged", [(DUE - D, False), (DUE, True), (DUE + D, True)])
def test_unsupplied_boundary(as_of, flagged):
    found = unsupplied_findings({CODE: [approval()]}, as_of)
    assert bool(found) is flagged
    if found:
        f = found[0]
        assert (f.rule, f.since, f.batch, f.code) == (RULE_UNSUPPLIED, DUE, "2022年第3批次", CODE)
        assert f.supplied_ratio == 0.0
        assert f.days == (as_of - APPROVED).days
        assert "2022-03-15" in f.evidence and "0.0%" in f.evidence


def test_unsupplied_leap_day_batch():
    projects = {CODE: [approval(day=date(2020, 2, 29))]}
    assert unsupplied_findings(projects, date(2022, 2, 28)) == []
    assert unsupplied_findings(projects, date(2022, 3, 1))[0].since == date(2022, 3, 1)


def test_unsupplied_ratio_by_area_across_projects():
    projects = {
        CODE: [approval(area=6000), supply(date(2023, 1, 1), area=6000)],
        OTHER: [approval(area=4000)],
    }
    (f,) = unsupplied_findings(projects, DUE)
    assert f.supplied_ratio == pytest.approx(0.6)
    assert f.code == OTHER and f.codes == (OTHER,)
    assert "60.0%" in f.evidence and "6,000 of 10,000" in f.evidence


def test_unsupplied_partial_supply_by_area():
    projects = {CODE: [approval(area=10000), supply(date(2023, 1, 1), area=2500)]}
    (f,) = unsupplied_findings(projects, DUE)
    assert f.supplied_ratio == pytest.approx(0.25)


def test_fully_supplied_batch_not_flagged_and_supply_after_as_of_ignored():
    projects = {CODE: [approval(), supply(DUE + 10 * D)]}
    assert unsupplied_findings(projects, DUE + 10 * D) == []
    assert len(unsupplied_findings(projects, DUE + 9 * D)) == 1


def test_unsupplied_ratio_by_project_count_without_areas():
    projects = {CODE: [approval(), supply(date(2023, 1, 1))], OTHER: [approval()]}
    (f,) = unsupplied_findings(projects, DUE)
    assert f.supplied_ratio == 0.5 and "1 of 2 projects" in f.evidence


def test_unsupplied_threshold_configurable():
    projects = {CODE: [approval()]}
    th = Thresholds(unsupplied_years=3)
    assert unsupplied_findings(projects, DUE, th) == []
    assert unsupplied_findings(projects, date(2025, 3, 15), th)[0].since == date(2025, 3, 15)


# -- monitor, milestones, input forms --------------------------------------------------------


def test_monitor_combines_rules_and_validates_thresholds():
    projects = {
        CODE: [approval(), supply(date(2023, 1, 5), AGREED)],
        OTHER: [approval(batch="B2")],
    }
    found = monitor(projects, REPO)
    assert sorted((f.code, f.rule) for f in found) == [
        (CODE, RULE_IDLE),
        (OTHER, RULE_UNSUPPLIED),
    ]
    with pytest.raises(ValueError):
        monitor(projects, REPO, Thresholds(idle_fee_years=2, idle_repossess_years=2))


def test_events_with_nested_attrs_and_iso_strings():
    events = [
        {
            "stage": "supply",
            "date": "2023-01-05",
            "attrs": {"agreed_start": "2023-06-10", "document_no": "X-1"},
        }
    ]
    found = project_findings(CODE, events, "2023-06-11")
    assert rules(found) == [(RULE_UNUSED, "")] and "X-1" in found[0].evidence


def test_bad_date_names_the_value():
    with pytest.raises(ValueError, match="2023-13-45"):
        project_findings(CODE, [{"stage": "supply", "date": "2023-13-45"}], date(2024, 1, 1))


def test_milestones_agreed_vs_actual():
    events = [supply(date(2023, 1, 5), AGREED, AGREED_C), start(AGREED + 3 * D)]
    ms = {m.kind: m for m in milestones(events, date(2026, 2, 1))}
    assert ms["start"].agreed == AGREED and ms["start"].actual == AGREED + 3 * D
    assert ms["start"].late is True
    assert ms["completion"].actual is None and ms["completion"].late is True
    ms = {m.kind: m for m in milestones(events, date(2025, 1, 1))}
    assert ms["completion"].late is False


def test_library_columns_event_date_origin_system_invested_ratio_status():
    events = [
        supply(date(2021, 1, 5), date(2021, 7, 1)),
        start(date(2021, 6, 1)),
        {
            "stage": "supervision",
            "event_date": "2023-01-05",
            "status": "停工",
            "invested_ratio": 0.1,
            "origin_system": "批后监管系统",
        },
    ]
    ev = lc.as_event(events[2])
    assert ev.date == date(2023, 1, 5) and ev.system == "批后监管系统"
    assert project_findings(CODE, events, date(2024, 1, 4)) == []
    (f,) = project_findings(CODE, events, date(2024, 1, 5))
    assert (f.rule, f.stage, f.since) == (RULE_IDLE, "fee", date(2024, 1, 5))
    assert "10.0%" in f.evidence


def test_with_project_defaults_fills_agreed_dates_and_area():
    project = {"agreed_start": "2023-06-10", "declared_area_m2": 5000.0}
    events = [
        {"stage": "conversion_approval", "event_date": "2021-01-01", "batch": "B"},
        {"stage": "supply", "event_date": "2023-01-05"},
        {"stage": "supply", "event_date": "2023-02-05", "agreed_start": "2023-09-01"},
    ]
    evs = lc.with_project_defaults(project, events)
    assert evs[0].get("area") == 5000.0
    assert evs[1].date_attr("agreed_start") == date(2023, 6, 10)
    assert evs[2].date_attr("agreed_start") == date(2023, 9, 1)
    assert lc.with_project_defaults(None, events)[1].get("agreed_start") is None


def test_same_agreed_date_on_several_supplies_gives_one_finding():
    project = {"agreed_start": "2023-06-10"}
    events = [
        supply(date(2023, 1, 5), AGREED),
        {"stage": "supply", "date": date(2023, 2, 5)},  # inherits the project's agreed start
        supply(date(2023, 3, 5), date(2023, 9, 1)),  # a second contract, its own date
    ]
    evs = lc.with_project_defaults(project, events)
    found = project_findings(CODE, evs, date(2023, 10, 1))
    assert [(f.rule, f.since) for f in found] == [
        (RULE_UNUSED, AGREED + D),
        (RULE_UNUSED, date(2023, 9, 2)),
    ]
    assert len([m for m in milestones(evs, date(2023, 10, 1)) if m.kind == "start"]) == 2
