"""Schema version 9: two covering indexes of the events, for the statistics' lifecycle figures.

The statistics (``core/statistics``) read the lifecycle of the whole library once per refresh:

* ``ymt_events_facts_idx (stage, archived, code, event_date, fid, batch, doc_no, area_m2, …)``
  holds every column the 批而未供 batches and the project rules' screen read of the approvals,
  supplies and supervision records (``lifecycle/batch_dates.py``, ``lifecycle/facts.py``):
  they are read from the index alone, per stage in the order the rules read them (code,
  date, fid: no sort). Without it, each of the ~230,000 approvals and supplies of the
  benchmark library was a lookup into the 1,000,000-row table (1.8 s instead of 0.3 s);
* ``ymt_events_code_idx`` becomes ``(code, event_date, fid, archived, stage)``: the stage of a
  project's latest live event by a date (``statistics/query.py``) is read from the index.
  Every query that used ``(code, event_date)`` still finds those columns first.

Nothing else changes: indexes, no data. On PostGIS an index-only scan needs the pages marked
all-visible (autovacuum does it; ``VACUUM`` after a bulk load).
"""

from __future__ import annotations

from .schema_render import gpkg_index, pg_index

#: (name, table, columns)
EVENT_FACTS_INDEX = (
    "ymt_events_facts_idx",
    "ymt_events",
    "stage, archived, code, event_date, fid, batch, doc_no, area_m2, agreed_start, "
    "agreed_completion, stopped_on, developed_ratio, invested_ratio",
)
EVENT_CODE_INDEX = ("ymt_events_code_idx", "ymt_events", "code, event_date, fid, archived, stage")


def gpkg_v9() -> list[str]:
    return [
        'DROP INDEX IF EXISTS "ymt_events_code_idx"',
        gpkg_index(*EVENT_CODE_INDEX),
        gpkg_index(*EVENT_FACTS_INDEX),
    ]


def pg_v9() -> list[str]:
    return [
        "DROP INDEX IF EXISTS ymt_events_code_idx",
        pg_index(*EVENT_CODE_INDEX),
        pg_index(*EVENT_FACTS_INDEX),
    ]
