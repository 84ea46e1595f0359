"""The lifecycle facts of a library, loaded set-based: the one loader behind every caller.

Part of :mod:`yimatong_plugin.core.lifecycle`; no Qt, no QGIS. The monitor
(``yimatong:lifecyclemonitor`` and the statistics: ``projectbox.library_findings``), the
project box (``projectbox.project_file``) and the library panel's anomaly filter
(``project_query.anomaly_codes``) all call :func:`findings`.

Why a reduction, not a row per event
------------------------------------
The rules (:mod:`.rules`, :mod:`..batches`) read only a few events of a project as of
``AS_OF``. One query, the same on GeoPackage and PostGIS (window functions; parameters only),
keeps exactly those, so a library of a million events hands the rules a small fraction:

* events dated by ``AS_OF`` (undated ones and later ones are never read), not archived, of
  the five stages the rules read;
* 开工: the first (the actual start) and the last (a start after a stop is a resumption);
  竣工: the first;
* 供地: the first supply of each agreed start and of each agreed completion (the project
  rules take one finding per distinct agreed date, from its first supply) — and every supply
  of a project with an approval, which the 批而未供 batches add up;
* 农转用/征收批准: every one (the batches);
* 批后监管: those that carry a stall fact (stopped_on, developed/invested ratio) or a status
  (the rules take the latest stop or resumption after the start).

The same rule code then runs over these events, so every finding — its rule, dates, days,
ratio, evidence text and event ids — is the one the per-event evaluation gives
(``tests/unit/test_lifecycle_facts.py`` compares both on varied libraries and both backends).
The reduction keeps a superset where the SQL cannot see what Python sees (two spellings of
one date, an empty string beside NULL): Python decides as before.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..i18n import tr
from . import batch_dates
from .arrays import no_cycle_collection
from .events import Event, to_date, with_project_defaults
from .model import RULE_EVENT_COLUMNS, RULE_UNSUPPLIED, Thresholds
from .rules import project_findings, unsupplied_findings
from .screen import STALL, screen

#: the project columns the rules read (agreed dates and declared area: with_project_defaults)
PROJECT_COLUMNS = (
    "code",
    "declared_area_m2",
    "agreed_handover",
    "agreed_start",
    "agreed_completion",
    "archived",
)

#: ``fetch(sql, params)`` → rows as tuples; ``?`` placeholders
Fetch = Callable[[str, list], Iterable[tuple]]

_CHUNK = 2000  # projects per query (bound parameters)
_BATCH_STAGES = ("conversion_approval", "supply")


def _events_sql(n_codes: int) -> str:
    cols = ", ".join(RULE_EVENT_COLUMNS)
    only = f" AND code IN ({', '.join('?' * n_codes)})" if n_codes else ""
    # ``event_date < the next day``: GeoPackage text dates may carry a time after the day
    return f"""
WITH ev AS (
  SELECT {cols} FROM ymt_events
  WHERE archived = ? AND event_date IS NOT NULL AND event_date < ?{only}
    AND stage IN ('conversion_approval', 'supply', 'construction_start', 'completion',
                  'supervision')
), approving AS (
  SELECT DISTINCT code FROM ev WHERE stage = 'conversion_approval'
), started AS (
  SELECT {cols},
         ROW_NUMBER() OVER (PARTITION BY code, stage ORDER BY event_date, fid) AS first_n,
         ROW_NUMBER() OVER (PARTITION BY code, stage ORDER BY event_date DESC, fid DESC) AS last_n
  FROM ev WHERE stage IN ('construction_start', 'completion')
), supplied AS (
  SELECT {cols},
         ROW_NUMBER() OVER (PARTITION BY code, agreed_start ORDER BY event_date, fid) AS start_n,
         ROW_NUMBER() OVER (PARTITION BY code, agreed_completion ORDER BY event_date, fid)
           AS done_n
  FROM ev WHERE stage = 'supply'
)
SELECT {cols} FROM ev WHERE stage = 'conversion_approval'
UNION ALL
SELECT {cols} FROM started
  WHERE first_n = 1 OR (stage = 'construction_start' AND last_n = 1)
UNION ALL
SELECT {cols} FROM supplied
  WHERE start_n = 1 OR done_n = 1 OR code IN (SELECT code FROM approving)
UNION ALL
SELECT {cols} FROM ev
  WHERE stage = 'supervision' AND (stopped_on IS NOT NULL OR developed_ratio IS NOT NULL
        OR invested_ratio IS NOT NULL OR status IS NOT NULL)
ORDER BY code, event_date, fid
"""


def _projects_sql(n_codes: int) -> str:
    only = f" WHERE code IN ({', '.join('?' * n_codes)})" if n_codes else ""
    return f"SELECT {', '.join(PROJECT_COLUMNS)} FROM ymt_projects{only}"


def _event(row: dict) -> Event:
    """An :class:`Event` from a library row (what :func:`.events.as_event` gives, faster)."""
    return Event(
        stage=str(row["stage"] or ""),
        date=to_date(row["event_date"]),
        doc_no=str(row["doc_no"] or ""),
        system=str(row["origin_system"] or ""),
        id=row["fid"],
        attrs=row,
    )


def load(
    fetch: Fetch, as_of: _dt.date, codes: Iterable[str] | None = None
) -> tuple[dict[str, dict], dict[str, list[Event]]]:
    """``(projects, events)``: the rule columns of the projects (``{code: row}``) and, per
    project, the events the rules read as of ``as_of`` (see the module), project defaults
    filled in, ordered by date then fid. ``codes``: only those projects (None: all)."""
    as_of = to_date(as_of)
    only = sorted(set(codes)) if codes is not None else []
    if codes is not None and not only:
        return {}, {}
    projects = {
        row[0]: dict(zip(PROJECT_COLUMNS, row)) for row in fetch(_projects_sql(len(only)), only)
    }
    names = RULE_EVENT_COLUMNS
    rows: dict[str, list[dict]] = {}
    params = [False, (as_of + _dt.timedelta(days=1)).isoformat(), *only]
    for values in fetch(_events_sql(len(only)), params):
        row = dict(zip(names, values))
        rows.setdefault(row["code"], []).append(row)
    events = {
        code: with_project_defaults(projects[code], [_event(r) for r in evs])
        for code, evs in rows.items()
        if code in projects
    }
    return projects, events


def findings(
    fetch: Fetch,
    as_of: _dt.date,
    thresholds: Thresholds | None = None,
    codes: Iterable[str] | None = None,
    canceled: Callable[[], bool] | None = None,
) -> list:
    """Every finding as of ``as_of``: 批而未供 per batch first, then the project rules in code
    order — what :func:`.rules.monitor` gives over every project's events. Archived projects
    follow the policy of ``core/batches.py``. ``codes``: the findings over those projects'
    events only (the project box: one project and its batch peers); without, the whole
    library, screened first (:mod:`.screen`). ``canceled()`` True: returns ``[]``."""
    th = thresholds or Thresholds()
    th.validate()
    as_of = to_date(as_of)
    keep = None
    rule_codes = None
    if codes is None:
        kept = screen(fetch, as_of, th)
        keep, rule_codes, codes = set(kept.batches), kept.projects, kept.codes()
    if canceled is not None and canceled():
        return []
    loaded = _load_chunks(fetch, as_of, codes, canceled, at_least_one=True)
    if loaded is None:
        return []
    return _evaluate(*loaded, as_of, th, keep, rule_codes)


def _load_chunks(fetch: Fetch, as_of, codes, canceled, at_least_one=False):
    """:func:`load` of ``codes`` in chunks; None when ``canceled()``."""
    projects, events = {}, {}
    only = sorted(set(codes))
    for i in range(0, max(1, len(only)) if at_least_one else len(only), _CHUNK):
        more_projects, more_events = load(fetch, as_of, only[i : i + _CHUNK])
        projects.update(more_projects)
        events.update(more_events)
        if canceled is not None and canceled():
            return None
    return projects, events


def _evaluate(projects, events, as_of, th, keep=None, rule_codes=None) -> list:
    """The findings over the loaded ``events`` as of ``as_of``: 批而未供 of the batches in
    ``keep`` (None: all), the project rules of ``rule_codes`` (None: all)."""
    archived = {code for code, row in projects.items() if row.get("archived")}
    batches = {}  # the approvals and supplies of the projects with one
    for code in sorted(events):
        kept = [e for e in events[code] if e.stage in _BATCH_STAGES]
        if kept:
            batches[code] = kept
    out = unsupplied_findings(batches, as_of, th, archived)
    if keep is not None:  # a batch the screen did not keep may lack members here
        out = [f for f in out if f.batch in keep]
    return out + _project_rules(projects, events, as_of, th, rule_codes)


def _project_rules(projects, events, as_of, th, rule_codes=None) -> list:
    """The project rules' findings over the loaded ``events``, in code order: of the codes in
    ``rule_codes`` (None: all); archived projects get none (``core/batches.py``)."""
    out = []
    for code in sorted(events):
        if not projects[code].get("archived") and (rule_codes is None or code in rule_codes):
            out.extend(project_findings(code, events[code], as_of, th))
    return out


@dataclass
class Refresh:
    """What the statistics read of the lifecycle in one refresh (:func:`findings_and_year_ends`)."""

    findings: list  # every finding as of ``as_of`` (the monitor's)
    batches: list  # 批而未供 as of ``as_of`` as :class:`.batch_dates.BatchFigure` (the findings')
    dates: batch_dates.BatchDates  # the batch rule at any date up to ``as_of``
    year_ends: list  # the 31 Decembers asked for
    thresholds: Thresholds

    @property
    def projects(self) -> dict:
        """The batches' projects: ``{code: {"admin", "year", "source"}}``."""
        return self.dates.projects


_AGREED = "agreed_start IS NOT NULL OR agreed_completion IS NOT NULL"

#: the projects the project rules may flag as of a date (:mod:`.screen`'s projects: a supply
#: recording an agreed date or a stall fact, a supply of a project with agreed dates of its
#: own, a supervision record with a stall fact) — archived ones too (parameters: archived,
#: the day after the date, twice)
RULE_CODES_SQL = f"""
SELECT code FROM ymt_events
WHERE stage = 'supply' AND archived = ? AND event_date < ?
  AND ({_AGREED} OR {STALL} OR code IN (SELECT code FROM ymt_projects WHERE {_AGREED}))
UNION
SELECT code FROM ymt_events
WHERE stage = 'supervision' AND archived = ? AND event_date < ? AND ({STALL})
"""


def findings_and_year_ends(
    fetch: Fetch,
    as_of: _dt.date,
    years: Iterable[int],
    thresholds: Thresholds | None = None,
    canceled: Callable[[], bool] | None = None,
) -> Refresh | None:
    """The statistics' anomalies and their trend in one pass: every finding as of ``as_of``
    (what :func:`findings` gives), the 批而未供 batches then, and the batch rule ready for 31
    December of each of ``years`` (``Refresh.dates.at(day)``: what the monitor finds run at
    that date).

    The approvals and supplies are read once (:mod:`.batch_dates`: the batch rule at every
    date with arrays); the findings as of ``as_of`` come from the rule code: over those
    approvals and supplies for the batches found, over the facts (:func:`load`) of the
    projects the project rules may flag (supplies with agreed dates, stall facts: the
    conservative screen of :mod:`.screen`). They must name the same batches with the same
    ratios and projects as the arrays — otherwise a ``RuntimeError``
    refuses the figures rather than show a trend that may be wrong. Every year end must be
    before ``as_of``. ``canceled()`` True: None."""
    th = thresholds or Thresholds()
    th.validate()
    as_of = to_date(as_of)
    ends = [_dt.date(y, 12, 31) for y in sorted(set(years))]
    if ends and ends[-1] >= as_of:
        raise ValueError(f"year ends up to {ends[-1].year} are not all before {as_of}")
    with no_cycle_collection():
        return _findings_and_year_ends(fetch, as_of, ends, th, canceled)


def _findings_and_year_ends(fetch, as_of, ends, th, canceled) -> Refresh | None:
    engine = batch_dates.read(fetch, as_of)
    found = engine.at(as_of, th)
    if canceled is not None and canceled():
        return None
    # 批而未供: the rule code over the approvals and supplies of the batches found (read above)
    members = set().union(*(engine.batch_codes(b.batch) for b in found))
    keep = {b.batch for b in found}
    archived = engine.archived & members
    now = [
        f
        for f in unsupplied_findings(engine.events(members), as_of, th, archived)
        if f.batch in keep
    ]
    # the project rules over the facts of the projects they may flag (the screen's projects)
    params = [False, (as_of + _dt.timedelta(days=1)).isoformat()] * 2
    rule_codes = {row[0] for row in fetch(RULE_CODES_SQL, params)}
    loaded = _load_chunks(fetch, as_of, rule_codes, canceled)
    if loaded is None or (canceled is not None and canceled()):
        return None
    now += _project_rules(*loaded, as_of, th, rule_codes)
    rule = [(f.batch, f.supplied_ratio, f.codes) for f in now if f.rule == RULE_UNSUPPLIED]
    if rule != [(b.batch, b.supplied_ratio, b.codes) for b in found]:
        raise RuntimeError(
            tr(
                "批而未供 as of {date}: the batch figures disagree with the lifecycle rules "
                "({batches} batches, {findings} findings); the statistics are not shown. "
                "Please report this library."
            ).format(date=as_of, batches=len(found), findings=len(rule))
        )
    return Refresh(now, found, engine, ends, th)


def library_fetch(lib) -> Fetch:
    """``fetch`` for an open library (GeoPackage or PostGIS): rows as tuples."""
    return lib.tuples


def library_findings(lib, as_of, thresholds=None, codes=None, canceled=None) -> list:
    """:func:`findings` over an open library."""
    return findings(library_fetch(lib), as_of, thresholds, codes, canceled)
