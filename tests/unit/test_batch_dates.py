"""批而未供 at many dates with arrays (core/lifecycle/batch_dates.py) against the rule code.

Random approvals and supplies as library rows — batches named, by document number or neither,
approvals with an area, none or 0 (the project's declared area then, or none), projects in
several batches, supplies naming their batch, another batch or none, with an area, none or 0,
several approvals and supplies on one day (fid order), dates carrying a time, archived
projects — at many dates: every batch, due date, count mode, total, ratio (to the last bit),
unsupplied project and member is what ``batches.unsupplied_findings`` finds over the same
events (``lifecycle.with_project_defaults``), the reference the monitor uses.
"""

import datetime as dt
import random

import pytest

from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core.lifecycle.batch_dates import BatchDates

UNTIL = dt.date(2026, 12, 31)
DATES = [dt.date(y, m, d) for y in range(2016, 2027) for m, d in ((2, 28), (6, 30), (12, 31))]


def random_library(seed: int, n: int = 60):
    rng = random.Random(seed)
    batches = ["B1", "B2", "B3", "B4", "B5"]
    projects, rows = [], []
    fid = 0

    def day():
        y, m, d = rng.randint(2016, 2025), rng.randint(1, 12), rng.choice([1, 15, 28, 29])
        d = dt.date(y, m, d) if (m, d) != (2, 29) or y % 4 == 0 else dt.date(y, 3, 1)
        text = d.isoformat()
        if rng.random() < 0.1:
            text += "T10:00:00"
        return text

    for i in range(n):
        code = f"{i:028d}"
        declared = rng.choice([None, 0.0, 5000.0, 12000.5, 333.3])
        agreed = rng.random() < 0.2
        projects.append((code, rng.random() < 0.1, declared, int(agreed)))
        for _ in range(rng.choice([0, 1, 1, 2, 3, 4])):
            fid += 1
            rows.append(
                (
                    "conversion_approval",
                    code,
                    fid,
                    day(),
                    rng.choice([*batches, None, ""]),
                    rng.choice([None, "", f"批{i % 7}"]),
                    rng.choice([None, None, 0.0, 3000.0, 6000.25, 1234.567]),
                    0,
                )
            )
        for _ in range(rng.choice([0, 0, 1, 2, 3, 5])):
            fid += 1
            rows.append(
                (
                    "supply",
                    code,
                    fid,
                    day(),
                    rng.choice([*batches, None, None, None, "", f"批{i % 7}"]),
                    None,
                    rng.choice([None, 0.0, 1000.0, 4000.5, 2500.125, 9000.0]),
                    int(rng.random() < 0.3),
                )
            )
    rng.shuffle(rows)  # the engine orders them itself
    return projects, rows


def engine(projects, rows):
    """BatchDates over the rows (split as APPROVALS_SQL / SUPPLIES_SQL give them)."""
    approvals = [(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows if r[0] != "supply"]
    supplies = [(r[1], r[2], r[3], r[4], r[6]) for r in rows if r[0] == "supply"]
    return BatchDates(approvals, supplies, [p[:3] for p in projects], UNTIL)


def reference(projects, rows, as_of):
    """The rule code over every project's events, as the monitor calls it."""
    names = ("stage", "code", "fid", "event_date", "batch", "doc_no", "area_m2")
    facts = {
        code: {"declared_area_m2": declared, "archived": archived}
        for code, archived, declared, _ in projects
    }
    events: dict[str, list] = {}
    for row in sorted(rows, key=lambda r: (r[1], r[3], r[2])):  # ORDER BY code, date, fid
        events.setdefault(row[1], []).append(dict(zip(names, row[:7])))
    data = {c: lc.with_project_defaults(facts[c], evs) for c, evs in sorted(events.items())}
    archived = {c for c, a, _, _ in projects if a}
    return lc.unsupplied_findings(data, as_of, None, archived)


@pytest.mark.parametrize("seed", range(12))
def test_every_batch_at_every_date_is_the_rule_codes(seed):
    projects, rows = random_library(seed)
    dates = engine(projects, rows)
    found = 0
    for as_of in DATES:
        expected = reference(projects, rows, as_of)
        got = dates.at(as_of)
        assert [f.batch for f in got] == [f.batch for f in expected], as_of
        for mine, theirs in zip(got, expected):
            assert mine.due == theirs.since
            assert mine.approved_on == theirs.reference
            assert mine.supplied_ratio == theirs.supplied_ratio  # exactly
            assert mine.codes == theirs.codes
            by_area = " m²" in theirs.evidence
            assert mine.by_area == by_area
        found += len(got)
    assert found > 20, "the random libraries give findings"


def test_projects_in_several_batches_share_their_unnamed_supplies_in_order():
    """A project approved in B1 (2018, 1000 m²) then B2 (2019, 1000 m²) with one supply naming
    no batch of 1500 m²: B1 is filled first (1000), B2 gets 500: B2 is 50 % supplied."""
    projects = [("P1", False, None, 0)]
    rows = [
        ("conversion_approval", "P1", 1, "2018-01-01", "B1", None, 1000.0, 0),
        ("conversion_approval", "P1", 2, "2019-01-01", "B2", None, 1000.0, 0),
        ("supply", "P1", 3, "2021-06-01", None, None, 1500.0, 0),
    ]
    dates = engine(projects, rows)
    (b2,) = dates.at(dt.date(2022, 1, 1))
    assert (b2.batch, b2.supplied_ratio, b2.codes) == ("B2", 0.5, ("P1",))
    assert [f.supplied_ratio for f in reference(projects, rows, dt.date(2022, 1, 1))] == [0.5]
    # before the supply both batches are due (two years on) and unsupplied
    assert [b.batch for b in dates.at(dt.date(2021, 1, 1))] == ["B1", "B2"]
    assert [b.batch for b in dates.at(dt.date(2020, 12, 31))] == ["B1"]


def test_a_date_after_the_facts_read_is_refused():
    dates = BatchDates([], [], [], dt.date(2020, 1, 1))
    assert dates.at(dt.date(2020, 1, 1)) == []
    with pytest.raises(ValueError):
        dates.at(dt.date(2020, 1, 2))


@pytest.mark.parametrize("seed", range(4))
def test_totals_are_the_sums_over_the_batches(seed):
    """The trend's sums at a date (with a project filter or none) add up the batches found
    then: count, approved m² and unsupplied m² of those by area, how many count projects."""
    projects, rows = random_library(seed)
    dates = engine(projects, rows)
    seen = 0
    for as_of in DATES:
        for matching in (None, lambda code: int(code) % 3 == 1):
            figures = [
                f
                for f in dates.at(as_of)
                if matching is None or any(matching(c) for c in f.members)
            ]
            n, approved, unsupplied, unknown = dates.totals(as_of, None, matching)
            assert n == len(figures)
            assert unknown == sum(not f.by_area for f in figures)
            by_area = [f for f in figures if f.by_area]
            assert approved == pytest.approx(sum(f.approved for f in by_area))
            assert unsupplied == pytest.approx(
                sum(f.approved * (1.0 - f.supplied_ratio) for f in by_area)
            )
            seen += n
    assert seen > 10


def test_due_dates_with_arrays_are_add_years():
    import numpy as np

    from yimatong_plugin.core.lifecycle.arrays import add_years_ordinals

    days = [dt.date(2016, 2, 29), dt.date(2020, 2, 29), dt.date(2019, 12, 31), dt.date(2021, 3, 1)]
    days += [dt.date(2000, 1, 1) + dt.timedelta(days=k * 37) for k in range(400)]
    for years in (1, 2, 3, 4):
        got = add_years_ordinals(np.asarray([d.toordinal() for d in days]), years)
        assert [dt.date.fromordinal(int(g)) for g in got] == [lc.add_years(d, years) for d in days]
