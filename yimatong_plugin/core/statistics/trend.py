"""批而未供 over time (消化): the batches approved but not supplied at each past year end.

At 31 December of each of the :data:`TREND_YEARS` years before ``AS_OF``, the 批而未供 batches
are those the lifecycle monitor finds run at that date (``lifecycle.batch_dates``: the batch
rule at every date from one read of the approvals and supplies); the last row is ``AS_OF``
itself, the figures of the other 批而未供 tables. Areas as there (``anomalies.py``): approved
area of the batches whose approvals all record one, unsupplied = approved × (1 − supplied
ratio); a batch without area is counted in ``unknown``, never as 0 m². The change of the
unsupplied area from one row to the next is what was digested (消化, negative) or newly due.
"""

from __future__ import annotations

import datetime as _dt

from ..i18n import tr
from . import tables as t
from .anomalies import Batch
from .query import StatsFilter

#: how many past year ends the trend shows
TREND_YEARS = 10


def trend_years(as_of: _dt.date) -> range:
    """The years whose 31 December the trend shows (:data:`TREND_YEARS` before ``as_of``'s)."""
    return range(as_of.year - TREND_YEARS, as_of.year)


def unsupplied_trend(flt: StatsFilter, refresh) -> list[tuple[_dt.date, list]]:
    """``[(31 December, [batches, approved m², unsupplied m², batches without area])]`` of the
    批而未供 batches with a project matching ``flt`` at the refresh's year ends, from the
    lifecycle as read once for the refresh (``lifecycle.facts.findings_and_year_ends``)."""
    matching = None
    if flt != StatsFilter():

        def matching(code):
            return flt.matches(refresh.projects.get(code, {}))

    return [
        (day, refresh.dates.totals(day, refresh.thresholds, matching)) for day in refresh.year_ends
    ]


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
    now = [0, 0.0, 0.0, 0]
    for b in batches:
        t.add_batch(now, b.approved_m2, b.unsupplied_m2)
    previous = None
    for day, acc in [*trend, (as_of, now)]:
        change = t.area_values(None if previous is None else acc[2] - previous)
        table.rows.append([day.isoformat(), *t.batch_sum_values(acc, change, empty_unknown=False)])
        previous = acc[2]
    return table
