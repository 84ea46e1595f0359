"""The anomaly rules: per project (批而未供, 供而未用, 闲置土地, 逾期开工/竣工) and the monitor.

Part of :mod:`yimatong_plugin.core.lifecycle` (see there); no Qt, no QGIS, no storage.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..i18n import tr
from .events import Event, _doc, _ids, _upto, add_years, as_events, to_date
from .model import (
    IDLE_FEE,
    IDLE_REPOSSESSION,
    REF_AGREED_COMPLETION,
    REF_AGREED_START,
    REF_STOPPED,
    RESUMED_STATUSES,
    RULE_IDLE,
    RULE_LATE_COMPLETION,
    RULE_LATE_START,
    RULE_UNUSED,
    RULES,
    SEVERITY_CRITICAL,
    SEVERITY_INFO,
    SEVERITY_SERIOUS,
    SEVERITY_WARNING,
    STOPPED_STATUSES,
    Finding,
    Thresholds,
)

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
                text = tr(
                    "Agreed completion {agreed} (supply {supply_date}, {doc}); "
                    "completed {actual} ({doc2}), {days} days late."
                )
                out.append(
                    _done_late(code, RULE_LATE_COMPLETION, text, supply, agreed_c, due, completion)
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
            text = tr(
                "Agreed start {agreed} (supply {supply_date}, {doc}); "
                "started {actual} ({doc2}), {days} days late."
            )
            return [_done_late(code, RULE_LATE_START, text, supply, agreed, due, start)]
        return []
    days = (as_of - agreed).days
    fee = add_years(agreed, th.idle_fee_years)
    repossess = add_years(agreed, th.idle_repossess_years)
    facts = dict(supply_date=supply.date, doc=_doc(supply), agreed=agreed, as_of=as_of)
    if as_of >= repossess:
        rule, severity, since, stage = RULE_IDLE, SEVERITY_CRITICAL, repossess, IDLE_REPOSSESSION
        evidence = tr(
            "Supplied {supply_date} ({doc}) with agreed start {agreed}; no start "
            "recorded by {as_of}: idle {years} full years on {repossess} "
            "(idle-land fee stage from {fee}), repossession stage."
        ).format(**facts, years=th.idle_repossess_years, repossess=repossess, fee=fee)
    elif as_of >= fee:
        rule, severity, since, stage = RULE_IDLE, SEVERITY_SERIOUS, fee, IDLE_FEE
        evidence = tr(
            "Supplied {supply_date} ({doc}) with agreed start {agreed}; no start "
            "recorded by {as_of}: idle {years} full year(s) on {fee}, idle-land fee "
            "stage (20 % of the land price)."
        ).format(**facts, years=th.idle_fee_years, fee=fee)
    elif as_of > due:
        rule, severity, since, stage = RULE_UNUSED, SEVERITY_WARNING, due + _dt.timedelta(1), ""
        evidence = tr(
            "Supplied {supply_date} ({doc}) with agreed start {agreed}; "
            "no start recorded by {as_of}."
        ).format(**facts)
    else:
        return []
    return [Finding(code, rule, severity, since, days, evidence, stage=stage, **base)]


def _done_late(
    code: str, rule: str, text: str, supply: Event, agreed: _dt.date, due: _dt.date, done: Event
) -> Finding:
    """逾期开工/竣工 resolved: ``done`` (the start or completion) came after ``due`` (``text``:
    the evidence with agreed, supply_date, doc, actual, doc2, days)."""
    days = (done.date - agreed).days
    return Finding(
        code,
        rule,
        SEVERITY_INFO,
        due + _dt.timedelta(days=1),
        days,
        text.format(
            agreed=agreed,
            supply_date=supply.date,
            doc=_doc(supply),
            actual=done.date,
            doc2=_doc(done),
            days=days,
        ),
        codes=(code,),
        events=_ids(supply, done),
        reference=agreed,
        reference_kind=REF_AGREED_START if rule == RULE_LATE_START else REF_AGREED_COMPLETION,
        until=done.date,
    )


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
    from ..batches import unsupplied_findings as by_batch

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
