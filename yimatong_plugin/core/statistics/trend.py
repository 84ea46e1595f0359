"""批而未供 over time (消化): the batches approved but not supplied at each past year end.

At 31 December of each of the :data:`TREND_YEARS` years before ``AS_OF``, the 批而未供 findings
are the lifecycle monitor's run at that date (``lifecycle.facts.unsupplied_at_year_ends``: one
screen of the events by year, the rules over the batches it keeps); the last row is ``AS_OF``
itself, the figures of the other 批而未供 tables. Areas as there (``anomalies.py``): approved
area of the batches whose approvals all record one, unsupplied = approved × (1 − supplied
ratio); a batch without area is counted in ``unknown``, never as 0 m². The change of the
unsupplied area from one row to the next is what was digested (消化, negative) or newly due.
"""

from __future__ import annotations

import datetime as _dt

from ..i18n import tr
from . import tables as t
from .anomalies import Batch, batch_lookups, batches_by_finding
from .query import StatsFilter

#: how many past year ends the trend shows
TREND_YEARS = 10


def trend_years(as_of: _dt.date) -> range:
    """The years whose 31 December the trend shows (:data:`TREND_YEARS` before ``as_of``'s)."""
    return range(as_of.year - TREND_YEARS, as_of.year)


def unsupplied_trend(
    lib,
    as_of: _dt.date,
    flt: StatsFilter,
    thresholds=None,
    canceled=None,
    *,
    found=None,
    lookups=None,
) -> list[tuple[_dt.date, list[Batch]]]:
    """``[(31 December, its 批而未供 batches matching flt)]`` for the year ends before as_of;
    ``found``: the 批而未供 findings at those year ends when the caller has them
    (``lifecycle.facts.findings_and_year_ends``), else evaluated here; ``lookups``:
    ``anomalies.batch_lookups`` of those findings or more."""
    from ..lifecycle import facts

    if found is None:
        fetch = facts.library_fetch(lib)
        found = facts.unsupplied_at_year_ends(fetch, trend_years(as_of), thresholds, canceled)
    # a batch unchanged from one year end to the next is the same finding: its Batch once
    unique = {_same(f): f for findings in found.values() for f in findings}
    findings = list(unique.values())
    batches = batches_by_finding(lib, findings, flt, lookups or batch_lookups(lib, findings))
    batch = {_same(f): b for f, b in zip(findings, batches)}
    out = []
    for day, findings in sorted(found.items()):
        out.append((day, [batch[_same(f)] for f in findings if batch[_same(f)] is not None]))
    return out


def _same(f) -> tuple:
    return (f.batch, f.since, f.supplied_ratio, f.codes, f.events)


def trend_table(trend, batches: list[Batch], as_of: _dt.date) -> t.Table:
    table = t.Table(
        "unsupplied_trend",
        tr("批而未供 over time (year ends)"),
        [
            t.Column("as_of", tr("As of"), "text"),
            *t.batch_sum_columns(t.area_columns("change", tr("Change of the unsupplied area"))),
        ],
        note=tr(
            "Each row: the 批而未供 batches as the lifecycle monitor finds them on that date; "
            "a negative change is land digested (supplied), a positive one batches newly due. "
            "Areas count the batches whose approvals record one."
        ),
    )
    previous = None
    for day, found in [*trend, (as_of, batches)]:
        acc = [0, 0.0, 0.0, 0]
        for b in found:
            t.add_batch(acc, b.approved_m2, b.unsupplied_m2)
        change = t.area_values(None if previous is None else acc[2] - previous)
        table.rows.append([day.isoformat(), *t.batch_sum_values(acc, change, empty_unknown=False)])
        previous = acc[2]
    return table
