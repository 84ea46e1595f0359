"""The life of the land (批 供 用 补 查): stage model and the anomaly rules, as pure functions.

No Qt, no QGIS, no storage: the rules read a project's events as plain data (dicts as the
library returns them, or :class:`Event`) and an ``as_of`` date, and return :class:`Finding` s.

Events
------
Every event has a ``stage`` (a key of :data:`STAGES`) and a ``date``. The rules read these
attributes when present (flat keys of the dict, or inside a nested ``attrs`` dict):

========================  =====================================================================
stage                     attributes
========================  =====================================================================
conversion_approval       ``batch`` (批次 name/number; default: the document number),
                          ``area_m2`` (the library column; or ``area``): approved area, m²
supply                    ``agreed_start``, ``agreed_completion``, ``agreed_handover`` (dates),
                          ``batch`` (which approval batch it supplies), ``area_m2`` (or
                          ``area``): the area this supply hands over, m²
construction_start        the date is the actual start
completion                the date is the actual completion
supervision               ``stopped_on`` (the library column: date development stopped; without
                          it, ``status`` "stopped"/"停工" means stopped on the event date;
                          ``status`` "复工"/"resumed": development resumed on the event date),
                          ``developed_ratio`` or
                          ``developed_area`` + ``total_area``, ``invested_ratio`` or
                          ``invested`` + ``total_investment``
========================  =====================================================================

The date is ``date`` or ``event_date`` (the library's column). Document number (文号) and
originating system are read from ``doc_no`` / ``document_no`` and ``origin_system`` / ``system``.
:func:`with_project_defaults` fills agreed dates from the project row, and the approved area
from the project's ``declared_area_m2`` only where the approval event records no area.

Rules (DOMAIN.md section 4; thresholds in :class:`Thresholds`)
-------------------------------------------------------------
* **批而未供** — per approval batch: the batch (approved at date *A*) is not fully supplied on
  the anniversary ``A + unsupplied_years``. Reported with the supplied ratio: by area when every
  approval of the batch has one (its ``area_m2``, else the project's declared area) — a supply
  then counts with its recorded ``area_m2`` (several supplies add up, capped at the approved
  area), or as the whole project when a supply records none; by project count otherwise. A
  project counts once in its batch, however many approvals it has there. Archived projects are
  left out of the ratio and named in the evidence (one policy: ``core/batches.py``).
* **供而未用** — supplied with agreed start *S*, no start recorded: met on ``S + grace + 1 day``.
* **闲置土地** — not started one full year after *S* (idle-land fee stage, 20 % of the land
  price) and two full years after *S* (repossession stage); or started, the latest supervision
  record shows developed area < 1/3 or investment < 25 % and development stopped on *T* (its
  ``stopped_on``; without one, the record's date when its status says stopped): met one full
  year after *T* (fee) and two (repossession). **Resumption (复工)** ends the stall: record it
  as a supervision event whose ``status`` is one of :data:`RESUMED_STATUSES` (复工, 已复工,
  恢复施工, 恢复开发, resumed), dated the day work resumed — the latest record decides, so a
  later stop counts its years afresh; a 开工 event dated after *T* counts as resumption too.
* **逾期开工** — started after ``S + grace`` (the late start is recorded, days late).
* **逾期竣工** — completion later than the agreed completion *C* + grace, or none recorded by
  ``as_of`` although the project started.

A project that has not started is reported once, under the most advanced start rule met
(供而未用 → 闲置土地 fee → 闲置土地 repossession), and not also for 逾期竣工.

"One full year" (满一年)
------------------------
A period of *n* full years after date *D* is complete on the **anniversary date** ``D + n years``
(same month and day), and the rule is met from that day on. An anniversary that does not
exist — 29 February in a non-leap year — is **1 March**. See :func:`add_years`.
(Reading 民法典 art. 201 strictly, the year ends at 24:00 of the anniversary day; the bureau may
prefer the day after — the rule date is in one place, :func:`add_years`.)

``days`` of a finding: the days from the reference date (approval date, agreed start/completion
date, stop date) to ``as_of``, or to the actual start/completion for a late event already done.
Not from ``since`` (the day the rule was met): every finding carries ``reference``,
``reference_kind`` and ``until``, and every display shows :meth:`Finding.reference_text`
beside the days.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .i18n import tr

#: the event columns the lifecycle rules read (the monitor and the panel load only these)
RULE_EVENT_COLUMNS = (
    "fid",
    "code",
    "stage",
    "event_date",
    "status",
    "doc_no",
    "origin_system",
    "agreed_handover",
    "agreed_start",
    "agreed_completion",
    "developed_ratio",
    "invested_ratio",
    "batch",
    "area_m2",
    "stopped_on",
)


# -- stage model ---------------------------------------------------------------------------

#: stage key -> Chinese name; the library (core/library/constants.py) takes its STAGES and
#: STAGE_GROUPS from here
STAGES: dict[str, str] = {
    "preliminary_review": "用地预审",
    "conversion_approval": "农转用/征收批准",
    "reserve": "土地储备",
    "supply": "供地",
    "planning_permit": "规划许可",
    "construction_start": "开工",
    "completion": "竣工",
    "registration": "不动产登记",
    "supplementary_farmland": "补充耕地/占补平衡",
    "supervision": "批后监管",
}


@dataclass(frozen=True)
class StageGroup:
    key: str
    label: str  # the one-character Chinese label 批 供 用 补 查
    name: str  # the Chinese name of the group
    stages: tuple[str, ...]


STAGE_GROUPS: tuple[StageGroup, ...] = (
    StageGroup("approve", "批", "审批", ("preliminary_review", "conversion_approval")),
    StageGroup("supply", "供", "供地", ("reserve", "supply")),
    StageGroup(
        "use", "用", "用地", ("planning_permit", "construction_start", "completion", "registration")
    ),
    StageGroup("supplement", "补", "补充耕地", ("supplementary_farmland",)),
    StageGroup("inspect", "查", "监管执法", ("supervision",)),
)
_GROUP_OF_STAGE = {stage: g for g in STAGE_GROUPS for stage in g.stages}
_GROUP_BY_KEY = {g.key: g for g in STAGE_GROUPS}


def stage_group(stage: str) -> StageGroup | None:
    """The group (批 供 用 补 查) of a stage key, None for an unknown stage."""
    return _GROUP_OF_STAGE.get(stage)


def group_by_key(key: str) -> StageGroup:
    return _GROUP_BY_KEY[key]


def stage_name(stage: str) -> str:
    """Chinese name of a stage (the key itself when unknown)."""
    return STAGES.get(stage, stage)


# -- rules, severities ---------------------------------------------------------------------

RULE_UNSUPPLIED = "批而未供"
RULE_UNUSED = "供而未用"
RULE_IDLE = "闲置土地"
RULE_LATE_START = "逾期开工"
RULE_LATE_COMPLETION = "逾期竣工"
RULES = (RULE_UNSUPPLIED, RULE_UNUSED, RULE_IDLE, RULE_LATE_START, RULE_LATE_COMPLETION)

#: lane (stage group key) where a finding of each rule is drawn
RULE_GROUP = {
    RULE_UNSUPPLIED: "approve",
    RULE_UNUSED: "use",
    RULE_IDLE: "use",
    RULE_LATE_START: "use",
    RULE_LATE_COMPLETION: "use",
}

SEVERITY_INFO = "info"  # a lateness already resolved (started/completed late)
SEVERITY_WARNING = "warning"
SEVERITY_SERIOUS = "serious"  # idle land, fee stage
SEVERITY_CRITICAL = "critical"  # idle land, repossession stage
SEVERITIES = (SEVERITY_INFO, SEVERITY_WARNING, SEVERITY_SERIOUS, SEVERITY_CRITICAL)

IDLE_FEE = "fee"
#: a supervision event with one of these statuses records that development stopped that day
STOPPED_STATUSES = ("stopped", "halted", "停工", "停止开发")
#: a supervision event with one of these statuses records that development resumed that day
#: (复工): it ends a stall recorded before it (so does a 开工 event dated after the stop)
RESUMED_STATUSES = ("resumed", "resumption", "复工", "已复工", "恢复开发", "恢复施工")
IDLE_REPOSSESSION = "repossession"


@dataclass(frozen=True)
class Thresholds:
    #: 批而未供: years after the batch approval
    unsupplied_years: int = 2
    #: 闲置土地: full years without start after the agreed start (fee stage)
    idle_fee_years: int = 1
    #: 闲置土地: full years (repossession stage)
    idle_repossess_years: int = 2
    #: days of grace after the agreed start before 供而未用 / 逾期开工
    start_grace_days: int = 0
    #: days of grace after the agreed completion before 逾期竣工
    completion_grace_days: int = 0
    #: stalled development: developed share of the total area below this
    stall_developed_ratio: float = 1.0 / 3.0
    #: stalled development: invested share of the total investment below this
    stall_investment_ratio: float = 0.25

    def validate(self) -> None:
        if self.unsupplied_years < 1:
            raise ValueError(tr("The 批而未供 threshold must be at least one year."))
        if self.idle_fee_years < 1 or self.idle_repossess_years <= self.idle_fee_years:
            raise ValueError(
                tr("Idle-land years must be at least 1, and repossession later than the fee.")
            )
        if self.start_grace_days < 0 or self.completion_grace_days < 0:
            raise ValueError(tr("Grace periods cannot be negative."))


@dataclass(frozen=True)
class Finding:
    code: str  # project code(s); several joined by ";" for a batch
    rule: str  # one of RULES
    severity: str  # one of SEVERITIES
    since: _dt.date  # the date the rule was first met
    days: int
    evidence: str
    stage: str = ""  # 闲置土地: "fee" or "repossession"
    batch: str = ""  # 批而未供: the batch
    supplied_ratio: float | None = None  # 批而未供
    codes: tuple[str, ...] = ()  # every project the finding concerns
    events: tuple[Any, ...] = ()  # ids of the events it rests on (when the events had ids)
    #: what ``days`` count: from ``reference`` (a date of kind ``reference_kind``, one of
    #: REFERENCE_KINDS) to ``until`` (as_of, or the actual start/completion of a late one)
    reference: _dt.date | None = None
    reference_kind: str = ""
    until: _dt.date | None = None

    @property
    def group(self) -> str:
        return RULE_GROUP[self.rule]

    def reference_text(self) -> str:
        """What ``days`` count, e.g. "agreed start 2025-09-30 to 2026-11-29" ("" unknown)."""
        if self.reference is None:
            return ""
        return tr("{what} {date} to {until}").format(
            what=reference_name(self.reference_kind),
            date=self.reference.isoformat(),
            until=(self.until or self.reference).isoformat(),
        )

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "since": self.since.isoformat(),
            "days": self.days,
            "evidence": self.evidence,
            "stage": self.stage,
            "batch": self.batch,
            "supplied_ratio": self.supplied_ratio,
            "reference": self.reference_kind,
            "reference_date": self.reference.isoformat() if self.reference else None,
            "days_until": self.until.isoformat() if self.until else None,
        }


REF_BATCH_APPROVAL = "batch_approval"
REF_AGREED_START = "agreed_start"
REF_AGREED_COMPLETION = "agreed_completion"
REF_STOPPED = "stopped"
REFERENCE_KINDS = (REF_BATCH_APPROVAL, REF_AGREED_START, REF_AGREED_COMPLETION, REF_STOPPED)


def reference_name(kind: str) -> str:
    """The name of a finding's reference date (what its days count from)."""
    names = {
        REF_BATCH_APPROVAL: tr("batch approval"),
        REF_AGREED_START: tr("agreed start"),
        REF_AGREED_COMPLETION: tr("agreed completion"),
        REF_STOPPED: tr("development stopped"),
    }
    return names.get(kind, kind)


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
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(tr("Not a date: {value!r}").format(value=value)) from None


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
        value = self.get(name)
        if value is None:
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
    out = [as_event(e) for e in events]
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


# -- per-project rules -----------------------------------------------------------------------


def project_findings(
    code: str,
    events: Iterable[Any],
    as_of: _dt.date,
    thresholds: Thresholds | None = None,
) -> list[Finding]:
    """供而未用, 闲置土地, 逾期开工, 逾期竣工 of one project as of ``as_of``."""
    th = thresholds or Thresholds()
    as_of = to_date(as_of)
    evs = as_events(events)
    starts = _upto(evs, as_of, "construction_start")
    completions = _upto(evs, as_of, "completion")
    start = starts[0] if starts else None
    completion = completions[0] if completions else None
    out: list[Finding] = []

    # several supply events may carry the same agreed dates (or inherit the project's):
    # one finding per distinct agreed date
    seen_start: set = set()
    seen_completion: set = set()
    for supply in _upto(evs, as_of, "supply"):
        agreed = supply.date_attr("agreed_start")
        if agreed is not None and agreed not in seen_start:
            seen_start.add(agreed)
            out.extend(_start_rules(code, supply, agreed, start, as_of, th))
        agreed_c = supply.date_attr("agreed_completion")
        if agreed_c is not None and start is not None and agreed_c not in seen_completion:
            seen_completion.add(agreed_c)
            due = agreed_c + _dt.timedelta(days=th.completion_grace_days)
            if completion is None and as_of > due:
                out.append(
                    Finding(
                        code,
                        RULE_LATE_COMPLETION,
                        SEVERITY_WARNING,
                        due + _dt.timedelta(days=1),
                        (as_of - agreed_c).days,
                        tr(
                            "Agreed completion {agreed} (supply {supply_date}, {doc}); "
                            "started {start}, no completion recorded by {as_of}."
                        ).format(
                            agreed=agreed_c,
                            supply_date=supply.date,
                            doc=_doc(supply),
                            start=start.date,
                            as_of=as_of,
                        ),
                        codes=(code,),
                        events=_ids(supply, start),
                        reference=agreed_c,
                        reference_kind=REF_AGREED_COMPLETION,
                        until=as_of,
                    )
                )
            elif completion is not None and completion.date > due:
                days = (completion.date - agreed_c).days
                out.append(
                    Finding(
                        code,
                        RULE_LATE_COMPLETION,
                        SEVERITY_INFO,
                        due + _dt.timedelta(days=1),
                        days,
                        tr(
                            "Agreed completion {agreed} (supply {supply_date}, {doc}); "
                            "completed {actual} ({doc2}), {days} days late."
                        ).format(
                            agreed=agreed_c,
                            supply_date=supply.date,
                            doc=_doc(supply),
                            actual=completion.date,
                            doc2=_doc(completion),
                            days=days,
                        ),
                        codes=(code,),
                        events=_ids(supply, completion),
                        reference=agreed_c,
                        reference_kind=REF_AGREED_COMPLETION,
                        until=completion.date,
                    )
                )

    if start is not None and completion is None:
        stalled = _stalled(code, evs, start, as_of, th)
        if stalled is not None:
            out.append(stalled)
    out.sort(key=lambda f: (f.since, RULES.index(f.rule)))
    return out


def _start_rules(
    code: str,
    supply: Event,
    agreed: _dt.date,
    start: Event | None,
    as_of: _dt.date,
    th: Thresholds,
) -> list[Finding]:
    due = agreed + _dt.timedelta(days=th.start_grace_days)
    base = dict(
        codes=(code,),
        events=_ids(supply, start),
        reference=agreed,
        reference_kind=REF_AGREED_START,
        until=start.date if start is not None else as_of,
    )
    if start is not None:
        if start.date > due:
            days = (start.date - agreed).days
            return [
                Finding(
                    code,
                    RULE_LATE_START,
                    SEVERITY_INFO,
                    due + _dt.timedelta(days=1),
                    days,
                    tr(
                        "Agreed start {agreed} (supply {supply_date}, {doc}); "
                        "started {actual} ({doc2}), {days} days late."
                    ).format(
                        agreed=agreed,
                        supply_date=supply.date,
                        doc=_doc(supply),
                        actual=start.date,
                        doc2=_doc(start),
                        days=days,
                    ),
                    **base,
                )
            ]
        return []
    days = (as_of - agreed).days
    fee = add_years(agreed, th.idle_fee_years)
    repossess = add_years(agreed, th.idle_repossess_years)
    if as_of >= repossess:
        return [
            Finding(
                code,
                RULE_IDLE,
                SEVERITY_CRITICAL,
                repossess,
                days,
                tr(
                    "Supplied {supply_date} ({doc}) with agreed start {agreed}; no start "
                    "recorded by {as_of}: idle {years} full years on {repossess} "
                    "(idle-land fee stage from {fee}), repossession stage."
                ).format(
                    supply_date=supply.date,
                    doc=_doc(supply),
                    agreed=agreed,
                    as_of=as_of,
                    years=th.idle_repossess_years,
                    repossess=repossess,
                    fee=fee,
                ),
                stage=IDLE_REPOSSESSION,
                **base,
            )
        ]
    if as_of >= fee:
        return [
            Finding(
                code,
                RULE_IDLE,
                SEVERITY_SERIOUS,
                fee,
                days,
                tr(
                    "Supplied {supply_date} ({doc}) with agreed start {agreed}; no start "
                    "recorded by {as_of}: idle {years} full year(s) on {fee}, idle-land fee "
                    "stage (20 % of the land price)."
                ).format(
                    supply_date=supply.date,
                    doc=_doc(supply),
                    agreed=agreed,
                    as_of=as_of,
                    years=th.idle_fee_years,
                    fee=fee,
                ),
                stage=IDLE_FEE,
                **base,
            )
        ]
    if as_of > due:
        return [
            Finding(
                code,
                RULE_UNUSED,
                SEVERITY_WARNING,
                due + _dt.timedelta(days=1),
                days,
                tr(
                    "Supplied {supply_date} ({doc}) with agreed start {agreed}; "
                    "no start recorded by {as_of}."
                ).format(supply_date=supply.date, doc=_doc(supply), agreed=agreed, as_of=as_of),
                **base,
            )
        ]
    return []


def _ratio(event: Event, ratio_key: str, part_key: str, total_key: str) -> float | None:
    ratio = event.float_attr(ratio_key)
    if ratio is not None:
        return ratio
    part, total = event.float_attr(part_key), event.float_attr(total_key)
    if part is not None and total:
        return part / total
    return None


_STALL_KEYS = (
    "stopped_on",
    "developed_ratio",
    "developed_area",
    "invested_ratio",
    "investment_ratio",
    "invested",
)


def _has_stall_facts(event: Event) -> bool:
    return any(event.get(k) is not None for k in _STALL_KEYS)


def _is_stop(event: Event) -> bool:
    return str(event.get("status") or "").strip().lower() in STOPPED_STATUSES


def _is_resumption(event: Event) -> bool:
    return str(event.get("status") or "").strip().lower() in RESUMED_STATUSES


def _stalled(
    code: str, evs: Sequence[Event], start: Event, as_of: _dt.date, th: Thresholds
) -> Finding | None:
    """闲置土地 (started but stalled): the latest supervision record decides."""
    records = [
        e
        for e in _upto(evs, as_of, "supervision")
        if e.date >= start.date and (_has_stall_facts(e) or _is_stop(e) or _is_resumption(e))
    ]
    if not records:
        return None
    record = records[-1]
    if _is_resumption(record):  # 复工: development resumed, whatever the record carries over
        return None
    stopped = record.date_attr("stopped_on")
    if stopped is None and _is_stop(record):
        stopped = record.date
    if stopped is None:
        return None
    # a 开工 event recorded after the stop (and by as_of) is a resumption as well
    if any(e.date > stopped for e in _upto(evs, as_of, "construction_start")):
        return None
    developed = _ratio(record, "developed_ratio", "developed_area", "total_area")
    invested = _ratio(record, "invested_ratio", "invested", "total_investment")
    if invested is None:
        invested = _ratio(record, "investment_ratio", "invested", "total_investment")
    eps = 1e-9
    low_dev = developed is not None and developed < th.stall_developed_ratio - eps
    low_inv = invested is not None and invested < th.stall_investment_ratio - eps
    if not (low_dev or low_inv):
        return None
    fee = add_years(stopped, th.idle_fee_years)
    repossess = add_years(stopped, th.idle_repossess_years)
    if as_of < fee:
        return None
    stage, severity, since = (
        (IDLE_REPOSSESSION, SEVERITY_CRITICAL, repossess)
        if as_of >= repossess
        else (IDLE_FEE, SEVERITY_SERIOUS, fee)
    )
    facts = []
    if developed is not None:
        facts.append(tr("developed {pct} of the area").format(pct=f"{developed:.1%}"))
    if invested is not None:
        facts.append(tr("invested {pct} of the total").format(pct=f"{invested:.1%}"))
    stage_text = (
        tr("repossession stage") if stage == IDLE_REPOSSESSION else tr("idle-land fee stage")
    )
    return Finding(
        code,
        RULE_IDLE,
        severity,
        since,
        (as_of - stopped).days,
        tr(
            "Started {start} ({doc}); supervision {date} ({doc2}) recorded {facts}, "
            "development stopped {stopped}; one full year on {fee}; {stage} since {since}."
        ).format(
            start=start.date,
            doc=_doc(start),
            date=record.date,
            doc2=_doc(record),
            facts=", ".join(facts),
            stopped=stopped,
            fee=fee,
            stage=stage_text,
            since=since,
        ),
        stage=stage,
        codes=(code,),
        events=_ids(start, record),
        reference=stopped,
        reference_kind=REF_STOPPED,
        until=as_of,
    )


# -- 批而未供 per batch ------------------------------------------------------------------------


def unsupplied_findings(
    projects: Mapping[str, Iterable[Any]],
    as_of: _dt.date,
    thresholds: Thresholds | None = None,
    archived: Iterable[str] = (),
) -> list[Finding]:
    """批而未供 per approval batch over ``{code: events}`` (see :mod:`.batches`: each project
    counts once in its batch; the ``archived`` codes are left out of the ratio and named)."""
    from .batches import unsupplied_findings as by_batch

    return by_batch(projects, as_of, thresholds, archived=set(archived))


def monitor(
    projects: Mapping[str, Iterable[Any]],
    as_of: _dt.date,
    thresholds: Thresholds | None = None,
    archived: Iterable[str] = (),
) -> list[Finding]:
    """Every finding over ``{code: events}``: 批而未供 per batch, then the project rules.

    ``archived``: codes of archived projects among ``projects`` — left out of their batches'
    ratios (and named there) and given no project finding (the policy of :mod:`.batches`).
    """
    th = thresholds or Thresholds()
    th.validate()
    as_of = to_date(as_of)
    archived = set(archived)
    materialised = {code: list(events) for code, events in projects.items()}
    out = unsupplied_findings(materialised, as_of, th, archived)
    for code, events in materialised.items():
        if code not in archived:
            out.extend(project_findings(code, events, as_of, th))
    return out
