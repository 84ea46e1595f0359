"""Every finding says what its ``days`` count: the reference date (agreed start, agreed
completion, batch approval, stop date) and the day counted to, beside the date the rule was
met (``since``) — 425 days as of 2026-11-29 are since the agreed start 2025-09-30, not since
the fee stage began on 2026-09-30."""

import datetime as dt

import pytest

from yimatong_plugin.core import lifecycle as lc

A = "4343070220240301120701000123"
AS_OF = dt.date(2026, 11, 29)


def ev(stage, day, **kw):
    return {"stage": stage, "date": day, **kw}


CASES = {
    # rule (stage): events, reference kind, reference date, counted to
    "idle_fee": (
        [ev("supply", dt.date(2025, 3, 1), agreed_start="2025-09-30")],
        lc.REF_AGREED_START,
        dt.date(2025, 9, 30),
        AS_OF,
    ),
    "unused": (
        [ev("supply", dt.date(2026, 3, 1), agreed_start="2026-06-30")],
        lc.REF_AGREED_START,
        dt.date(2026, 6, 30),
        AS_OF,
    ),
    "late_start": (
        [
            ev("supply", dt.date(2024, 3, 1), agreed_start="2024-06-01"),
            ev("construction_start", dt.date(2024, 9, 1)),
        ],
        lc.REF_AGREED_START,
        dt.date(2024, 6, 1),
        dt.date(2024, 9, 1),
    ),
    "late_completion_open": (
        [
            ev(
                "supply",
                dt.date(2022, 3, 1),
                agreed_start="2022-06-01",
                agreed_completion="2025-06-01",
            ),
            ev("construction_start", dt.date(2022, 5, 1)),
        ],
        lc.REF_AGREED_COMPLETION,
        dt.date(2025, 6, 1),
        AS_OF,
    ),
    "late_completion_done": (
        [
            ev(
                "supply",
                dt.date(2022, 3, 1),
                agreed_start="2022-06-01",
                agreed_completion="2025-06-01",
            ),
            ev("construction_start", dt.date(2022, 5, 1)),
            ev("completion", dt.date(2025, 10, 1)),
        ],
        lc.REF_AGREED_COMPLETION,
        dt.date(2025, 6, 1),
        dt.date(2025, 10, 1),
    ),
    "stalled": (
        [
            ev("supply", dt.date(2022, 3, 1), agreed_start="2022-06-01"),
            ev("construction_start", dt.date(2022, 5, 1)),
            ev("supervision", dt.date(2025, 3, 1), stopped_on="2025-01-05", developed_ratio=0.2),
        ],
        lc.REF_STOPPED,
        dt.date(2025, 1, 5),
        AS_OF,
    ),
    "unsupplied": (
        [ev("conversion_approval", dt.date(2023, 4, 1), batch="2023-4", area_m2=100)],
        lc.REF_BATCH_APPROVAL,
        dt.date(2023, 4, 1),
        AS_OF,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_days_count_from_the_stated_reference_to_the_stated_day(case):
    events, kind, reference, until = CASES[case]
    (f,) = lc.monitor({A: events}, AS_OF)
    assert (f.reference_kind, f.reference, f.until) == (kind, reference, until)
    assert f.days == (f.until - f.reference).days
    assert f.reference_text() == f"{lc.reference_name(kind)} {reference} to {until}"
    data = f.as_dict()
    assert (data["reference_date"], data["days_until"]) == (str(reference), str(until))


def test_the_issue_example_fee_stage_425_days():
    (f,) = lc.project_findings(A, CASES["idle_fee"][0], AS_OF)
    assert (f.since, f.days) == (dt.date(2026, 9, 30), 425)
    assert f.reference_text() == "agreed start 2025-09-30 to 2026-11-29"
