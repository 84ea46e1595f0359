"""批而未供 per approval batch, and the one policy on archived projects in a batch.

Qt-free. :func:`lifecycle.unsupplied_findings` and :func:`lifecycle.monitor` call this module;
the project box (``projectbox.project_file``), the lifecycle monitor
(``projectbox.library_findings``) and the library panel (``project_query.anomaly_codes``) all
pass every project of the batch, archived ones included, with the set of archived codes.

Counting
--------
A batch is keyed by the approval event's ``batch`` attribute (else its document number, else
project code + date); its date is its earliest approval. Each **project** counts once in its
batch, whatever the number of its approval events there: by area, its approved area is the sum
of its approvals' areas and its supplied area the sum of its supplies for that batch, capped at
the approved area; by project count (when an approval records no area), it is one project. A
supply counts for the batch it names. A supply naming no batch is counted once: its area fills
the project's batches in approval order (each up to what supplies naming it leave open), and
the finding says so; one recording no area counts as the whole project, in every batch.

Archived projects (the policy)
------------------------------
An archived project is withdrawn from the library (merged, cancelled, entered in error; it can
no longer record a supply). It is **left out** of its batch's approved and supplied totals, and
the finding's evidence names it as left out, so the ratio never silently differs from the
land approved. A batch whose unsupplied projects are all archived gives no finding; an archived
project gets no project rule finding either (:func:`lifecycle.monitor`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Iterable, Mapping

from . import lifecycle as lc
from .i18n import tr


def _batch_key(code: str, approval: lc.Event) -> str:
    return str(approval.get("batch") or approval.doc_no or f"{code}@{approval.date}")


_WHOLE = None  # a batch-less supply without an area: the whole project is supplied


def _unnamed_shares(
    code: str, batches: Mapping[str, Mapping[str, list]], supplies: list, keys: Iterable[str]
) -> dict[str, float | None]:
    """How much of ``code``'s supplies that name no batch goes to each of its batches: their
    areas fill the project's batches in approval order, each up to its approved area less what
    supplies naming it hand over — so one supply is never counted in two batches. ``_WHOLE``
    for every batch when such a supply records no area (the whole project is supplied)."""
    unnamed = [s for s in supplies if not s.get("batch")]
    keys = sorted(keys, key=lambda k: (min(a.date for a in batches[k][code]), k))
    if not unnamed:
        return {k: 0.0 for k in keys}
    if any(s.area() is None for s in unnamed):
        return {k: _WHOLE for k in keys}
    pool = sum(s.area() for s in unnamed)
    shares = {}
    for key in keys:
        approved = sum(a.area() or 0.0 for a in batches[key][code])
        named = sum(s.area() or 0.0 for s in supplies if str(s.get("batch") or "") == key)
        shares[key] = min(max(0.0, approved - named), pool)
        pool -= shares[key]
    return shares


def unsupplied_findings(
    projects: Mapping[str, Iterable],
    as_of: _dt.date,
    thresholds: lc.Thresholds | None = None,
    archived: Collection[str] = (),
) -> list[lc.Finding]:
    """批而未供 per approval batch over ``{code: events}``; ``archived``: codes left out."""
    th = thresholds or lc.Thresholds()
    as_of = lc.to_date(as_of)
    archived = set(archived)
    # batch -> code -> that project's approvals in the batch (insertion order kept)
    batches: dict[str, dict[str, list[lc.Event]]] = {}
    supplies: dict[str, list[lc.Event]] = {}
    keys_of: dict[str, list[str]] = {}  # code -> its batches (a lookup, not a scan per code)
    for code, events in projects.items():
        evs = lc.as_events(events)
        supplies[code] = lc._upto(evs, as_of, "supply")
        for approval in lc._upto(evs, as_of, "conversion_approval"):
            key = _batch_key(code, approval)
            members = batches.setdefault(key, {})
            if code not in members:
                keys_of.setdefault(code, []).append(key)
            members.setdefault(code, []).append(approval)
    shares = {
        code: _unnamed_shares(code, batches, supplies[code], keys_of.get(code, ()))
        for code in projects
    }

    out = []
    for key, members in batches.items():
        approved_on = min(a.date for approvals in members.values() for a in approvals)
        due = lc.add_years(approved_on, th.unsupplied_years)
        if as_of < due:
            continue
        live = {code: approvals for code, approvals in members.items() if code not in archived}
        left_out = [code for code in members if code in archived]
        if not live:
            continue
        by_area = all(a.area() for approvals in live.values() for a in approvals)
        approved_total = 0.0
        supplied_total = 0.0
        unsupplied_codes: list[str] = []
        used_events: list[lc.Event] = []
        shared = False  # a batch-less supply of a project in several batches was apportioned
        for code, approvals in live.items():
            own = [s for s in supplies.get(code, ()) if str(s.get("batch") or key) == key]
            named = [s for s in own if s.get("batch")]
            share = shares[code][key]
            approved = sum(a.area() for a in approvals) if by_area else 1.0
            if not own:
                supplied = 0.0
            elif not by_area or share is _WHOLE or any(s.area() is None for s in named):
                supplied = approved
            else:
                supplied = min(approved, sum(s.area() for s in named) + share)
                shared = shared or (len(named) < len(own) and len(shares[code]) > 1)
            used_events.extend(named if by_area and share == 0.0 else own)
            approved_total += approved
            supplied_total += supplied
            if supplied < approved - 1e-9:
                unsupplied_codes.append(code)
        if not unsupplied_codes:
            continue
        ratio = supplied_total / approved_total if approved_total else 0.0
        live_approvals = [a for approvals in live.values() for a in approvals]
        first = min(live_approvals, key=lambda a: a.date)
        if by_area:
            amount = tr("{supplied} of {approved} m²").format(
                supplied=f"{supplied_total:,.0f}", approved=f"{approved_total:,.0f}"
            )
        else:
            amount = tr("{supplied} of {approved} projects").format(
                supplied=int(supplied_total), approved=int(approved_total)
            )
        evidence = tr(
            "Batch {batch} approved {date} ({doc}); {years} years on {due}; "
            "supplied {ratio} ({amount}) by {as_of}; not supplied: {codes}."
        ).format(
            batch=key,
            date=approved_on,
            doc=lc._doc(first),
            years=th.unsupplied_years,
            due=due,
            ratio=f"{ratio:.1%}",
            amount=amount,
            as_of=as_of,
            codes=", ".join(unsupplied_codes),
        )
        if shared:
            evidence += " " + tr(
                "Supplies recording no batch are counted against their project's batches in "
                "approval order."
            )
        if left_out:
            evidence += " " + tr(
                "Not counted in the ratio: {n} archived project(s) of the batch ({codes})."
            ).format(n=len(left_out), codes=", ".join(left_out))
        out.append(
            lc.Finding(
                ";".join(unsupplied_codes),
                lc.RULE_UNSUPPLIED,
                lc.SEVERITY_WARNING,
                due,
                (as_of - approved_on).days,
                evidence,
                batch=key,
                supplied_ratio=ratio,
                codes=tuple(unsupplied_codes),
                events=lc._ids(*live_approvals, *used_events),
                reference=approved_on,
                reference_kind=lc.REF_BATCH_APPROVAL,
                until=as_of,
            )
        )
    out.sort(key=lambda f: (f.since, f.batch))
    return out
