"""Which projects can have a lifecycle finding as of a date: one ``GROUP BY`` over the library.

Part of :mod:`yimatong_plugin.core.lifecycle` (used by :mod:`.facts`); no Qt, no QGIS. The
screen is conservative: it may keep a project that turns out to have no finding, never drop
one that has — the rules (:mod:`.rules`, ``core/batches.py``) then decide over the events of
the projects kept, so the findings are exactly theirs.

Per project and batch, the query gives the facts the batch rule's verdict rests on:

* approvals by ``AS_OF`` per batch key (the rule's: ``batch``, else the document number, else
  code@date): the first date and how many record no area (their own ``area_m2``, else the
  project's declared area — ``with_project_defaults``);
* supplies by ``AS_OF`` per named batch (or none): whether one records no area;
* whether a supply has an agreed start or completion (its own or the project's) or a
  supervision record carries a stall fact (the project rules need one of these).

A batch is kept when it is due (first approval + ``unsupplied_years``) and one of its live
(not archived) projects is not surely supplied: it has no supply for the batch (named, or
naming none); or the batch counts by area and none of those supplies records no area (then
the areas decide, which the rules compute). A supply recording no area hands over the whole
project, and when the batch counts projects any supply does: those members are surely supplied.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .events import add_years, to_date
from .model import Thresholds

_DAY = "substr(CAST(event_date AS TEXT), 1, 10)"
_KEY = (
    "CASE stage WHEN 'conversion_approval' THEN "
    f"COALESCE(NULLIF(batch, ''), NULLIF(doc_no, ''), code || '@' || {_DAY}) "
    "WHEN 'supply' THEN NULLIF(batch, '') END"
)

#: one pass over the events: per stage, project and batch key (approvals) / named batch
#: (supplies): the first day, how many record no area / a zero area, whether one carries a
#: fact the project rules read (agreed dates, stall facts). ``stage || ''``:
#: these stages are a large part of the events, and a scan of the table reads them faster than
#: the stage index does (SQLite chose the index: 1.8 s CPU vs 1.1 s on 1,000,000 events)
_SCREEN_SQL = """
SELECT stage, code, {key} AS k, MIN({day}) AS first_day,
       SUM(CASE WHEN area_m2 IS NULL THEN 1 ELSE 0 END) AS no_area,
       SUM(CASE WHEN area_m2 = 0 THEN 1 ELSE 0 END) AS zero_area,
       MAX(CASE WHEN agreed_start IS NOT NULL OR agreed_completion IS NOT NULL OR {stall}
           THEN 1 ELSE 0 END) AS fact
FROM ymt_events
WHERE archived = ? AND event_date IS NOT NULL AND event_date < ?
  AND (stage || '') IN ('conversion_approval', 'supply', 'supervision')
GROUP BY stage, code, {key}
HAVING stage <> 'supervision' OR MAX(CASE WHEN {stall} THEN 1 ELSE 0 END) = 1
"""
#: a stall finding needs its supervision record to carry a ratio (developed < 1/3 or
#: invested < 25 %): a record with a status only (停工, 复工, 巡查 …) cannot make a project
#: a candidate on its own — the rules still read it for a project kept (``facts.py``)
STALL = "stopped_on IS NOT NULL OR developed_ratio IS NOT NULL OR invested_ratio IS NOT NULL"


def screen_sql() -> str:
    """The screen's SQL (parameters: archived, the day after the date)."""
    return _SCREEN_SQL.format(key=_KEY, day=_DAY, stall=STALL)


#: the projects that are not plain: archived, with agreed dates, or without a declared area
PROJECTS_SQL = """
SELECT code, archived,
       agreed_start IS NOT NULL OR agreed_completion IS NOT NULL AS has_agreed,
       declared_area_m2 IS NULL OR declared_area_m2 = 0 AS no_declared
FROM ymt_projects
WHERE archived = ? OR agreed_start IS NOT NULL OR agreed_completion IS NOT NULL
   OR declared_area_m2 IS NULL OR declared_area_m2 = 0
"""


@dataclass
class Screen:
    #: batch key -> the codes of all its projects (archived ones too: the rule names them)
    batches: dict[str, list[str]] = field(default_factory=dict)
    #: live projects the project rules (供而未用, 闲置土地, 逾期开工/竣工) may flag
    projects: set[str] = field(default_factory=set)

    def codes(self) -> set[str]:
        return {c for members in self.batches.values() for c in members} | self.projects


def _plain_projects(fetch) -> tuple[set, set, set]:
    """(archived, with agreed dates, without a declared area) codes."""
    archived, agreed, undeclared = set(), set(), set()
    for code, is_archived, has_agreed, no_declared in fetch(PROJECTS_SQL, [True]):
        for flag, into in (
            (is_archived, archived),
            (has_agreed, agreed),
            (no_declared, undeclared),
        ):
            if flag:
                into.add(code)
    return archived, agreed, undeclared


def screen(
    fetch: Callable[[str, list], Iterable[tuple]], as_of: _dt.date, thresholds: Thresholds
) -> Screen:
    """The batches and projects that may have a finding as of ``as_of`` (see the module)."""
    plain = _plain_projects(fetch)
    rows = fetch(screen_sql(), [False, (as_of + _dt.timedelta(days=1)).isoformat()])
    return _decide(rows, as_of, thresholds, *plain)


class _Facts:
    """Per batch and project: first approval day and approvals without area; per project and
    named batch: whether a supply records no area."""

    def __init__(self, undeclared: set):
        self.undeclared = undeclared
        self.approvals: dict[str, dict[str, list]] = {}  # key -> code -> [first day, no area]
        self.supplies: dict[str, dict[str | None, int]] = {}  # code -> batch/None -> no area
        self.projects: set[str] = set()

    def add(self, rows, archived: set, agreed: set) -> None:
        for stage, code, key, first_day, no_area, zero_area, fact in rows:
            if stage == "conversion_approval":
                # an approval recording no area takes its project's declared area
                missing = int(zero_area) + (int(no_area) if code in self.undeclared else 0)
                seen = self.approvals.setdefault(str(key), {}).setdefault(code, [str(first_day), 0])
                seen[0] = min(seen[0], str(first_day))
                seen[1] += missing
                continue
            if stage == "supply":
                flags = self.supplies.setdefault(code, {})
                flags[key] = max(flags.get(key, 0), int(no_area))
            if (fact or (stage == "supply" and code in agreed)) and code not in archived:
                self.projects.add(code)

    def decide(self, as_of, thresholds, archived, out: Screen) -> Screen:
        for key, members in self.approvals.items():
            first = min(day for day, _ in members.values())
            if as_of < add_years(to_date(first), thresholds.unsupplied_years):
                continue
            live = [c for c in members if c not in archived]
            by_area = all(members[c][1] == 0 for c in live)
            if any(not _surely_supplied(self.supplies.get(c, {}), key, by_area) for c in live):
                out.batches[key] = sorted(members)
        return out


def _decide(rows, as_of, thresholds, archived, agreed, undeclared) -> Screen:
    facts = _Facts(undeclared)
    facts.add(rows, archived, agreed)
    return facts.decide(as_of, thresholds, archived, Screen(projects=facts.projects))


def _surely_supplied(supplied: dict, key: str, by_area: bool) -> bool:
    """Whether a project's supplies (``{batch or None: records no area}``) surely hand over
    all it has in batch ``key`` (the batch rule's verdict without the areas)."""
    own = [supplied[k] for k in (key, None) if k in supplied]
    if not own:
        return False
    if not by_area:
        return True  # counted by projects: any supply of the batch supplies the project
    return bool(supplied.get(None) or supplied.get(key))  # a supply recording no area
