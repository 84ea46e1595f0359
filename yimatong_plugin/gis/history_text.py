"""The audit history in words, one wording for the library panel's history tab and the project
file: field titles, actions, tables and values as a user reads them (no keys, no "None")."""

from __future__ import annotations

import json

from ..core.i18n import tr_label, tr_noop
from ..core.presentation import source_label, stage_label
from ..toolbelt.i18n import tr

#: fields never listed as changes (kept by the library itself)
SKIPPED = {"updated_at", "rev", "updated_by", "geom", "created_at", "retired_at", "archived_at"}


_PROJECT_FIELDS = {
    "code": tr_noop("Code"),
    "name": tr_noop("Name"),
    "source": tr_noop("Source"),
    "applicant": tr_noop("Applicant"),
    "declared_area_m2": tr_noop("Declared area (m²)"),
    "agreed_handover": tr_noop("Agreed hand-over date"),
    "agreed_start": tr_noop("Agreed start date"),
    "agreed_completion": tr_noop("Agreed completion date"),
    "investment_code": tr_noop("Investment project code"),
    "status": tr_noop("Status"),
    "note": tr_noop("Note"),
}


def field_titles() -> dict[str, str]:
    """Titles of the project fields (the panel's form and the history)."""
    return {key: tr_label(_PROJECT_FIELDS, key, tr) for key in _PROJECT_FIELDS}


#: titles of the parcel, event and result fields (the project fields: field_titles)
_OTHER_FIELDS = {
    "label": tr_noop("Label"),
    "stage": tr_noop("Stage"),
    "event_date": tr_noop("Date"),
    "retired": tr_noop("retired"),
    "retire_reason": tr_noop("Reason"),
    "replaced_by": tr_noop("Replaced by"),
    "replaces": tr_noop("Replaces"),
    "doc_no": tr_noop("Document no."),
    "archived": tr_noop("archived"),
    "archive_reason": tr_noop("Reason"),
    "area_m2": tr_noop("Area (m²)"),
}


def field_label(key: str) -> str:
    return field_titles().get(key) or tr_label(_OTHER_FIELDS, key, tr)


def value_text(key: str, value) -> str:
    """A stored value as the user reads it: stage and source keys by their names, an empty
    value as （空）, flags as 是/否."""
    if value is None or value == "":
        return tr("(empty)")
    if key == "stage":
        return stage_label(value)
    if key == "source":
        return source_label(value)
    if key in ("retired", "archived") and value in (0, 1, True, False):
        return tr("yes") if value else tr("no")
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else str(value)
    return str(value)


def action_label(action: str) -> str:
    return {"insert": tr("added"), "update": tr("changed"), "archive": tr("archived")}.get(
        action, action
    )


_TABLES = {
    "ymt_projects": tr_noop("project"),
    "ymt_parcels": tr_noop("parcel"),
    "ymt_events": tr_noop("event"),
    "ymt_results": tr_noop("result"),
}


def table_label(table: str) -> str:
    return tr_label(_TABLES, table, tr)


def _as_dict(value) -> dict:
    if isinstance(value, str):
        return json.loads(value or "{}")
    return value or {}


def change_text(row: dict) -> str:
    """What one history row changed: ``约定竣工时间: （空） → 2027-09-25``; for an insert the
    name, label, stage and date it was added with."""
    before, after = _as_dict(row.get("before")), _as_dict(row.get("after"))
    if not before:
        keys = [k for k in ("name", "label", "stage", "event_date") if after.get(k)]
        return "; ".join(f"{field_label(k)}={value_text(k, after[k])}" for k in keys)
    parts = [
        f"{field_label(k)}: {value_text(k, before.get(k))} → {value_text(k, after.get(k))}"
        for k in sorted(set(before) | set(after))
        if k not in SKIPPED and before.get(k) != after.get(k)
    ]
    return "; ".join(parts)


def status_text(row: dict) -> str:
    """A project's status as the panel and the project file show it."""
    if row.get("archived"):
        return tr("archived")
    status = str(row.get("status") or "")
    return {"active": tr("active")}.get(status, status)
