"""Dates and events as the rules read them; agreed vs actual milestones (the timeline draws these).

Part of :mod:`yimatong_plugin.core.lifecycle` (see there); no Qt, no QGIS, no storage.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..i18n import tr
from .model import Thresholds

# -- dates -----------------------------------------------------------------------------------


def add_years(day: _dt.date, years: int) -> _dt.date:
    """The anniversary ``years`` after ``day``; 29 February → 1 March in a non-leap year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, target year not a leap year
        return _dt.date(day.year + years, 3, 1)


def to_date(value: Any) -> _dt.date | None:
    """A date from a date, datetime, ISO string (``2024-03-01`` or ``2024-03-01T…``) or None."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    day = _PARSED.get(text)
    if day is not None:
        return day
    try:
        day = _dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(tr("Not a date: {value!r}").format(value=value)) from None
    if len(_PARSED) < _PARSED_MAX:
        _PARSED[text] = day
    return day


#: stored dates already read (a library has a few thousand distinct ones; the rules read each
#: many times): text -> date, bounded
_PARSED: dict[str, _dt.date] = {}
_PARSED_MAX = 100_000


# -- events ----------------------------------------------------------------------------------

_DOC_KEYS = ("doc_no", "document_no", "doc_number", "wenhao")
_SYSTEM_KEYS = ("origin_system", "system", "source_system")
_ID_KEYS = ("id", "event_id", "fid")


@dataclass(frozen=True)
class Event:
    stage: str
    date: _dt.date | None
    doc_no: str = ""
    system: str = ""
    id: Any = None
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        value = self.attrs.get(name)
        return default if value is None or value == "" else value

    def date_attr(self, name: str) -> _dt.date | None:
        return to_date(self.get(name))

    def area(self) -> float | None:
        """The area the event concerns (m²): ``area_m2`` (library column) or ``area``."""
        value = self.float_attr("area_m2")
        return value if value is not None else self.float_attr("area")

    def float_attr(self, name: str) -> float | None:
        return float_value(self.get(name))


def float_value(value: Any) -> float | None:
    """A number as the rules read one: None for None, "" or what is not a number."""
    if value is None or type(value) is float:
        return value
    if value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def as_event(obj: Any) -> Event:
    """An :class:`Event` from an Event or a dict (flat, or with a nested ``attrs`` dict)."""
    if isinstance(obj, Event):
        return obj
    if not isinstance(obj, Mapping):
        raise TypeError(f"event must be a dict or Event, not {type(obj).__name__}")
    attrs: dict[str, Any] = {}
    nested = obj.get("attrs")
    if isinstance(nested, Mapping):
        attrs.update(nested)
    attrs.update({k: v for k, v in obj.items() if k != "attrs"})

    def first(keys):
        for key in keys:
            if attrs.get(key) not in (None, ""):
                return attrs[key]
        return None

    return Event(
        stage=str(obj.get("stage") or ""),
        date=to_date(obj.get("date", obj.get("event_date"))),
        doc_no=str(first(_DOC_KEYS) or ""),
        system=str(first(_SYSTEM_KEYS) or ""),
        id=first(_ID_KEYS),
        attrs=attrs,
    )


def as_events(events: Iterable[Any]) -> list[Event]:
    """Events normalised and sorted by date (undated last), stable."""
    out = [e if type(e) is Event else as_event(e) for e in events]
    out.sort(key=lambda e: (e.date is None, e.date or _dt.date.min))
    return out


def with_project_defaults(project: Mapping[str, Any] | None, events: Iterable[Any]) -> list[Event]:
    """Events with the project row's facts filled in where the event lacks them.

    The library keeps agreed dates (``agreed_handover/start/completion``) on the project as well
    as on supply events: a supply event without agreed dates takes the project's. A conversion
    approval records its approved area in ``area_m2``; one without takes the project's
    ``declared_area_m2``.
    """
    evs = as_events(events)
    if not project:
        return evs
    out = []
    for ev in evs:
        extra: dict[str, Any] = {}
        if ev.stage == "supply":
            for key in ("agreed_handover", "agreed_start", "agreed_completion"):
                if ev.get(key) is None and project.get(key) not in (None, ""):
                    extra[key] = project[key]
        elif ev.stage == "conversion_approval" and ev.area() is None:
            area = project.get("declared_area_m2")
            if area not in (None, ""):
                extra["area"] = area
        if extra:
            ev = replace(ev, attrs={**ev.attrs, **extra})
        out.append(ev)
    return out


def _upto(events: Sequence[Event], as_of: _dt.date, stage: str) -> list[Event]:
    return [e for e in events if e.stage == stage and e.date is not None and e.date <= as_of]


def _doc(event: Event) -> str:
    if event.doc_no:
        return tr("document {doc}").format(doc=event.doc_no)
    return tr("no document number")


def _ids(*events: Event | None) -> tuple:
    return tuple(e.id for e in events if e is not None and e.id is not None)


# -- milestones: agreed vs actual (the timeline draws these) ---------------------------------


@dataclass(frozen=True)
class Milestone:
    kind: str  # "start" | "completion" | "handover"
    agreed: _dt.date
    actual: _dt.date | None
    late: bool  # actual after agreed (+grace), or none yet and as_of past agreed (+grace)
    source: Event  # the supply event that set the agreed date


def milestones(
    events: Iterable[Any], as_of: _dt.date, thresholds: Thresholds | None = None
) -> list[Milestone]:
    """Agreed dates of every supply event beside the actual events (start, completion)."""
    th = thresholds or Thresholds()
    evs = as_events(events)
    starts = _upto(evs, as_of, "construction_start")
    completions = _upto(evs, as_of, "completion")
    actual = {
        "start": starts[0].date if starts else None,
        "completion": completions[0].date if completions else None,
        "handover": None,
    }
    grace = {"start": th.start_grace_days, "completion": th.completion_grace_days, "handover": 0}
    out = []
    seen: set = set()
    for supply in _upto(evs, as_of, "supply"):
        for kind in ("handover", "start", "completion"):
            agreed = supply.date_attr(f"agreed_{kind}")
            if agreed is None or (kind, agreed) in seen:
                continue
            seen.add((kind, agreed))
            due = agreed + _dt.timedelta(days=grace[kind])
            done = actual[kind]
            if kind == "handover":
                late = False  # no hand-over event in the stage model: nothing to compare
            else:
                late = (done > due) if done is not None else (as_of > due)
            out.append(Milestone(kind, agreed, done, late, supply))
    return out
