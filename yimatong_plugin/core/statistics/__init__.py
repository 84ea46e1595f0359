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

from .anomalies import Anomalies, batch_lookups
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
    from ..lifecycle import RULE_UNSUPPLIED, to_date
    from ..lifecycle import facts as lifecycle_facts

    as_of = to_date(as_of) if as_of is not None else _dt.date.today()
    flt = flt or StatsFilter()
    materialise(lib, flt, as_of)
    groups = {dimension: grouped(lib, dimension) for dimension in DIMENSIONS}
    if canceled is not None and canceled():
        return None
    # the lifecycle rules once: the findings as of as_of and 批而未供 at the trend's year ends
    # from one screen of the events and one load of their facts
    fetch = lifecycle_facts.library_fetch(lib)
    now, year_ends = lifecycle_facts.findings_and_year_ends(
        fetch, as_of, trend_years(as_of), thresholds, canceled
    )
    if canceled is not None and canceled():
        return None
    # the approvals and projects every 批而未供 batch rests on, fetched once for all dates
    unsupplied = [f for found in [now, *year_ends.values()] for f in found]
    lookups = batch_lookups(lib, [f for f in unsupplied if f.rule == RULE_UNSUPPLIED])
    anomalies = compute_anomalies(
        lib, as_of, flt, thresholds, canceled=canceled, findings=now, lookups=lookups
    )
    anomalies.trend = unsupplied_trend(
        lib, as_of, flt, thresholds, found=year_ends, lookups=lookups
    )
    if canceled is not None and canceled():
        return None
    plan_year = int(flt.year) if flt.year else as_of.year
    plan = plan_execution(lib, flt, as_of, plan_year)
    tables = build_tables(
        groups, anomalies, plan, dictionaries or default_dictionaries(), as_of=as_of
    )
    return Statistics(as_of, flt, plan_year, tables, anomalies)
