"""Statistics of the project library for decisions (issue 13): breakdowns, anomalies, plan.

No Qt. :func:`compute` runs every ``GROUP BY`` on the library (GeoPackage or PostGIS) and the
lifecycle rules once, and returns :class:`Statistics` — a list of :class:`Table` s that the dock,
the .xlsx export (``xlsx.py``) and the brief (``brief.py``) all show.

```python
from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.statistics import StatsFilter, compute

with open_library("/tmp/changde.gpkg") as lib:
    stats = compute(lib, as_of=datetime.date(2026, 6, 30), flt=StatsFilter(admin="430702"))
    for table in stats.tables:
        print(table.title, table.as_dicts())
```
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .anomalies import Anomalies
from .anomalies import compute as compute_anomalies
from .build import build_tables
from .plan import plan_execution
from .query import DIMENSIONS, StatsFilter, grouped, materialise
from .tables import Column, Table
from .trend import trend_years, unsupplied_trend

__all__ = ["Column", "Statistics", "StatsFilter", "Table", "compute"]


@dataclass
class Statistics:
    as_of: _dt.date
    filter: StatsFilter
    plan_year: int
    tables: list[Table]
    anomalies: Anomalies

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def description(self) -> list[tuple[str, str]]:
        """``[(label, value)]``: the date, filters and plan year these figures are for (the
        head of the .xlsx and of the brief, from the dock and the algorithm alike)."""
        from ..dictionaries import default_dictionaries
        from ..i18n import tr
        from ..library.constants import SOURCES

        flt = self.filter
        all_text = tr("all")
        admin = flt.admin and f"{flt.admin} {default_dictionaries()['admin'].get(flt.admin, '')}"
        return [
            (tr("As of"), self.as_of.isoformat()),
            (tr("Division"), admin or all_text),
            (tr("Year"), flt.year or all_text),
            (tr("Source"), SOURCES.get(flt.source, all_text) if flt.source else all_text),
            (tr("Plan year"), str(self.plan_year)),
        ]


def breakdowns(lib, flt: StatsFilter, as_of: _dt.date) -> dict[str, list[dict]]:
    """The seven breakdowns of the projects matching ``flt``, stage as of ``as_of``."""
    materialise(lib, flt, as_of)
    return {dimension: grouped(lib, dimension) for dimension in DIMENSIONS}


class _Beside:
    """``with _Beside(lib, work) as pending: …; pending.result()``: ``work(other)`` runs in a
    thread on ``lib.reopen()`` (another connection, closed after), or on ``lib`` itself, in
    the caller's thread at ``result()``, when the library cannot be reopened."""

    def __init__(self, lib, work):
        self.lib, self.work = lib, work
        self.pool = None
        self.future = None

    def __enter__(self):
        if hasattr(self.lib, "reopen"):
            from concurrent.futures import ThreadPoolExecutor

            self.pool = ThreadPoolExecutor(1, thread_name_prefix="ymt-statistics")
            self.future = self.pool.submit(self._run)
        return self

    def _run(self):
        other = self.lib.reopen()
        try:
            return self.work(other)
        finally:
            other.close()

    def result(self):
        return self.future.result() if self.future is not None else self.work(self.lib)

    def __exit__(self, *exc):
        if self.pool is not None:
            self.pool.shutdown(wait=True)


def compute(
    lib,
    as_of: _dt.date | None = None,
    flt: StatsFilter | None = None,
    thresholds=None,
    dictionaries=None,
    canceled=None,
) -> Statistics | None:
    """Every table as of ``as_of`` (default today) over the projects matching ``flt``.
    ``canceled()`` returning True stops early (returns None)."""
    from ..dictionaries import default_dictionaries
    from ..lifecycle import facts as lifecycle_facts
    from ..lifecycle import to_date

    as_of = to_date(as_of) if as_of is not None else _dt.date.today()
    flt = flt or StatsFilter()
    # the breakdowns (GROUP BY in the database) on a second connection in another thread while
    # this one reads the lifecycle: the two use both cores (SQLite works in this process)
    with _Beside(lib, lambda other: breakdowns(other, flt, as_of)) as pending:
        # the lifecycle once: the findings as of as_of and 批而未供 then and at the trend's
        # year ends, from one read of the approvals and supplies
        fetch = lifecycle_facts.library_fetch(lib)
        refresh = lifecycle_facts.findings_and_year_ends(
            fetch, as_of, trend_years(as_of), thresholds, canceled
        )
        groups = pending.result()
    if refresh is None or (canceled is not None and canceled()):
        return None
    anomalies = compute_anomalies(lib, as_of, flt, refresh)
    anomalies.trend = unsupplied_trend(flt, refresh)
    if canceled is not None and canceled():
        return None
    plan_year = int(flt.year) if flt.year else as_of.year
    plan = plan_execution(lib, flt, as_of, plan_year)
    tables = build_tables(
        groups, anomalies, plan, dictionaries or default_dictionaries(), as_of=as_of
    )
    return Statistics(as_of, flt, plan_year, tables, anomalies)
