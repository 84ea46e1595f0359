"""Anomaly figures: 批而未供 per batch, per division and by approval year; 闲置土地 by stage;
供而未用 — from the lifecycle rules, evaluated **once** per refresh.

The findings come from ``projectbox.library_findings`` — the same call ``yimatong:
lifecyclemonitor`` makes — so the batches, their supplied ratios and the flagged projects are
exactly the monitor's. This module only adds areas and groups:

* a batch's **approved area** is the sum of the areas of its approval events the finding rests
  on (each event's ``area_m2``, else its project's declared area — ``lifecycle.
  with_project_defaults``); its **unsupplied area** is approved × (1 − supplied ratio). When an
  approval of the batch records no area the rules count projects, not m²: the area is then
  left empty (unknown), never guessed;
* per **division**, a batch's approved area is split by the divisions of its approvals'
  projects and its unsupplied area apportioned with the batch's ratio (a batch is supplied as a
  whole; the tables say so); with a filter, a batch is listed when one of its projects matches,
  with its whole figures, and only the matching projects' divisions get a share;
* 闲置土地 / 供而未用 areas are the projects' areas (see ``query.py``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .. import lifecycle as lc
from .query import StatsFilter, events_by_fid, projects_by_code


@dataclass
class Batch:
    batch: str
    approved_on: _dt.date | None
    due: _dt.date
    supplied_ratio: float
    approved_m2: float | None  # None: an approval records no area (counted by projects)
    unsupplied_m2: float | None
    codes: tuple[str, ...]  # the projects not (fully) supplied
    #: division -> approved m² of the batch's approvals there (None when unknown)
    by_admin: dict[str, float | None] = field(default_factory=dict)
    members: tuple[str, ...] = ()


@dataclass
class Anomalies:
    batches: list[Batch]
    idle: list[dict]  # {code, stage, since, days, area_m2, admin, …}
    unused: list[dict]
    findings: list[lc.Finding]
    #: 批而未供 at past year ends: [(31 December, its batches)] (see ``trend.py``)
    trend: list[tuple[_dt.date, list[Batch]]] = field(default_factory=list)


def compute(
    lib,
    as_of: _dt.date,
    flt: StatsFilter,
    thresholds=None,
    canceled=None,
    findings=None,
    lookups=None,
) -> Anomalies:
    """The anomalies as of ``as_of``; ``findings``: the monitor's as of then, when the caller
    has them (``lifecycle.facts.findings_and_year_ends``), else evaluated here; ``lookups``:
    :func:`batch_lookups` of their 批而未供 findings or more."""
    from .. import projectbox as pb

    if findings is None:
        findings = pb.library_findings(lib, as_of, thresholds, canceled=canceled)
    unsupplied = [f for f in findings if f.rule == lc.RULE_UNSUPPLIED]
    batches = batches_of(lib, unsupplied, flt, lookups)
    codes = {c for f in findings if f.rule in (lc.RULE_IDLE, lc.RULE_UNUSED) for c in f.codes}
    everyone = projects_by_code(lib, StatsFilter(), codes)
    matching = {c for c, row in everyone.items() if flt.matches(row)}

    def project_rows(rule):
        out = []
        for f in findings:
            if f.rule != rule:
                continue
            for code in f.codes:
                if code in matching:
                    row = everyone[code]
                    out.append(
                        {
                            "code": code,
                            "stage": f.stage,
                            "since": f.since,
                            "days": f.days,
                            "area_m2": row["area_m2"],
                            "declared_only": row["declared_only"],
                            "no_area": row["no_area"],
                            "admin": row["admin"],
                            "evidence": f.evidence,
                        }
                    )
        return out

    return Anomalies(batches, project_rows(lc.RULE_IDLE), project_rows(lc.RULE_UNUSED), findings)


def batch_lookups(lib, unsupplied: list[lc.Finding]) -> tuple[dict, dict]:
    """``(approval events by fid, project rows by code)`` the findings' batches rest on."""
    fids = [e for f in unsupplied for e in f.events if e is not None]
    events = events_by_fid(lib, fids)
    approvals = {fid: ev for fid, ev in events.items() if ev["stage"] == "conversion_approval"}
    codes = {ev["code"] for ev in approvals.values()}
    return approvals, projects_by_code(lib, StatsFilter(), codes)


def batches_of(lib, unsupplied: list[lc.Finding], flt: StatsFilter, lookups=None) -> list[Batch]:
    """The 批而未供 findings as :class:`Batch` es with their areas (see the module): those
    with a project matching ``flt``. ``lookups``: :func:`batch_lookups` of these findings or
    more (fetched once for several dates)."""
    return [b for b in batches_by_finding(lib, unsupplied, flt, lookups) if b is not None]


def batches_by_finding(
    lib, unsupplied: list[lc.Finding], flt: StatsFilter, lookups=None
) -> list[Batch | None]:
    """:func:`batches_of`, one per finding: None for a finding without a project matching
    ``flt``."""
    approvals, everyone = lookups or batch_lookups(lib, unsupplied)
    matching = (
        set(everyone)
        if flt == StatsFilter()
        else {c for c, r in everyone.items() if flt.matches(r)}
    )
    batches: list[Batch | None] = []
    areas: dict = {}  # approval fid -> its area (with the project's defaults)
    for f in unsupplied:
        rows = [approvals[e] for e in f.events if e in approvals]
        if not any(r["code"] in matching for r in rows):
            batches.append(None)
            continue
        by_admin: dict[str, float | None] = {}
        known = True
        total = 0.0
        for row in rows:
            project = everyone.get(row["code"], {})
            area = areas.get(row["fid"], False)
            if area is False:  # an approval in several findings (the trend's dates): once
                (ev,) = lc.with_project_defaults(project, [row])
                area = areas[row["fid"]] = ev.area()
            admin = str(project.get("admin") or row["code"][2:8])
            if not area:
                known = False
                if row["code"] in matching:
                    by_admin.setdefault(admin, None)
                continue
            total += area
            if row["code"] in matching and by_admin.get(admin, 0.0) is not None:
                by_admin[admin] = by_admin.get(admin, 0.0) + area
        if not known:
            by_admin = {a: None for a in by_admin}
        approved_on = min((lc.to_date(r["event_date"]) for r in rows), default=None)
        ratio = float(f.supplied_ratio or 0.0)
        batches.append(
            Batch(
                batch=f.batch,
                approved_on=approved_on,
                due=f.since,
                supplied_ratio=ratio,
                approved_m2=total if known else None,
                unsupplied_m2=total * (1.0 - ratio) if known else None,
                codes=tuple(f.codes),
                by_admin=by_admin,
                members=tuple(sorted({r["code"] for r in rows})),
            )
        )
    return batches
