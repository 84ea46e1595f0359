"""Anomaly figures: 批而未供 per batch, per division and by approval year; 闲置土地 by stage;
供而未用 — from the lifecycle rules, evaluated **once** per refresh.

The findings are the monitor's (``yimatong:lifecyclemonitor``: ``lifecycle.facts``) and the
批而未供 batches, their supplied ratios and the flagged projects are exactly theirs
(``lifecycle.facts.findings_and_year_ends`` checks it). This module only adds areas and groups:

* a batch's **approved area** is the sum of the areas of its live projects' approvals (each
  event's ``area_m2``, else its project's declared area — ``lifecycle.
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
from .query import StatsFilter, projects_by_code


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
    #: 批而未供 at past year ends: [(31 December, [batches, approved m², unsupplied m²,
    #: batches without area])] (see ``trend.py``)
    trend: list[tuple[_dt.date, list]] = field(default_factory=list)


def compute(lib, as_of: _dt.date, flt: StatsFilter, refresh) -> Anomalies:
    """The anomalies as of ``as_of`` from the lifecycle as read once for the refresh
    (``lifecycle.facts.findings_and_year_ends``: the monitor's findings and the 批而未供
    batches, the same ones) over the projects matching ``flt``."""
    findings = refresh.findings
    batches = batches_of(refresh.batches, refresh.projects, flt)
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


def batches_of(figures, projects: dict, flt: StatsFilter) -> list[Batch]:
    """The 批而未供 batches (``lifecycle.batch_dates.BatchFigure``) as :class:`Batch` es with
    their areas (see the module): those with a live project matching ``flt``; ``projects``:
    ``{code: {"admin", "year", "source"}}`` of their projects."""
    out = []
    for f in figures:
        matching = [
            (code, area)
            for code, area in zip(f.members, f.areas)
            if flt.matches(projects.get(code, {}))
        ]
        if not matching:
            continue
        by_admin: dict[str, float | None] = {}
        for code, area in matching:
            admin = str(projects.get(code, {}).get("admin") or code[2:8])
            if f.by_area:
                by_admin[admin] = by_admin.get(admin, 0.0) + area
            else:
                by_admin.setdefault(admin, None)
        total = f.approved if f.by_area else None
        out.append(
            Batch(
                batch=f.batch,
                approved_on=f.live_approved_on,
                due=f.due,
                supplied_ratio=float(f.supplied_ratio),
                approved_m2=total,
                unsupplied_m2=None if total is None else total * (1.0 - f.supplied_ratio),
                codes=tuple(f.codes),
                by_admin=by_admin,
                members=tuple(f.members),
            )
        )
    return out
