"""Apply approval records to the project library, in one transaction per run.

- A record is matched to a project by ``investment_code``; no live project, or more than one,
  refuses it (never guessed).
- 办结（通过）/ 办结（容缺通过） of an item mapped to a stage → that stage's event with the 批复文号
  and date, ``origin_system``/``origin_key`` (DFSJZJ or LSH) stored: found again next run, so a
  re-run changes nothing and a corrected record (same key, other data) updates the event (the
  audit keeps before and after). A key whose status is no longer a pass archives its event.
- Every matched record also competes for the project's approval status (``approval_status``,
  ``approval_status_at``, ``approval_item``): the latest by BLSJ wins, never an older one than
  the library already has, so an overlapping SINCE changes nothing.
- An error while writing rolls the whole run back; the failing record says why.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..i18n import tr
from ..library.base import normalise_investment_code, now_iso
from ..library.errors import LibraryError
from .records import Record

ORIGIN_SYSTEM = "spgl"
APPLIED = ("added", "updated", "archived", "status")


@dataclass
class SyncResult:
    records: list[Record]
    dry_run: bool
    failed: Optional[Record] = None
    error: str = ""
    skipped: dict = field(default_factory=dict)

    def count(self, action: str) -> int:
        return sum(1 for r in self.records if r.action == action)

    @property
    def applied(self) -> int:
        return sum(1 for r in self.records if r.action in APPLIED)


def _project_index(lib) -> dict[str, list[dict]]:
    """investment code (normalised) -> project rows (code, archived, approval status)."""
    index: dict[str, list[dict]] = {}
    rows = lib.query(
        "SELECT code, investment_code, archived, approval_status, approval_status_at, "
        "approval_item FROM ymt_projects WHERE investment_code IS NOT NULL"
    )
    for row in rows:
        try:
            key = normalise_investment_code(row["investment_code"])
        except LibraryError:
            continue
        row["archived"] = bool(row["archived"])
        index.setdefault(key, []).append(row)
    return index


def _events_by_key(lib, origin_system: str) -> dict[str, dict]:
    rows = lib.query(
        "SELECT fid, code, stage, event_date, doc_no, note, origin_key FROM ymt_events "
        "WHERE origin_system = ? AND origin_key IS NOT NULL AND archived = ?",
        (origin_system, False),
    )
    return {row["origin_key"]: row for row in rows}


def _date_text(value) -> Optional[str]:
    if value is None or value == "":
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return str(value)[:10]


def _match(rec: Record, index: dict[str, list[dict]]) -> Optional[dict]:
    rows = index.get(rec.investment_code, [])
    live = [r for r in rows if not r["archived"]]
    if len(live) == 1:
        rec.codes = [live[0]["code"]]
        return live[0]
    if len(live) > 1:
        rec.codes = [r["code"] for r in live]
        rec.refuse(
            tr("{n} projects have the investment code {code}: {codes}").format(
                n=len(live), code=rec.investment_code, codes=", ".join(rec.codes)
            )
        )
    elif rows:
        rec.codes = [r["code"] for r in rows]
        rec.refuse(
            tr("The project with the investment code {code} is archived").format(
                code=rec.investment_code
            )
        )
    else:
        rec.refuse(
            tr("No project in the library has the investment code {code}").format(
                code=rec.investment_code
            )
        )
    return None


def _event_values(rec: Record, code: str) -> dict:
    return {
        "code": code,
        "stage": rec.stage,
        "event_date": rec.event_date().isoformat(),
        "doc_no": rec.doc_no or None,
        "note": rec.event_note(),
    }


def plan_and_apply(
    lib,
    records: list[Record],
    dry_run: bool = False,
    origin_system: str = ORIGIN_SYSTEM,
    progress: Optional[Callable[[float], None]] = None,
    canceled: Optional[Callable[[], bool]] = None,
) -> SyncResult:
    """Match, decide and (unless ``dry_run``) write; returns every record with its action."""
    result = SyncResult(records, dry_run)
    index = _project_index(lib)
    events = _events_by_key(lib, origin_system)
    todo = [r for r in records if not r.action]
    todo.sort(key=lambda r: (r.when, r.row))
    writes: list[tuple[Record, str, dict]] = []  # (record, kind, values)
    latest: dict[str, tuple] = {}  # project code -> (record, project row)
    for rec in todo:
        project = _match(rec, index)
        if project is None:
            continue
        code = project["code"]
        existing = events.get(rec.key)
        if rec.approved:
            values = _event_values(rec, code)
            if existing is None:
                rec.action = "added"
                writes.append((rec, "add", values))
            else:
                rec.event_id = existing["fid"]
                before = {k: existing[k] for k in values}
                before["event_date"] = _date_text(before["event_date"])
                changed = {k: v for k, v in values.items() if before.get(k) != v}
                if changed:
                    rec.action = "updated"
                    rec.reason = tr("Corrected: {fields}").format(fields=", ".join(sorted(changed)))
                    writes.append((rec, "update", changed))
                else:
                    rec.action = "unchanged"
        elif existing is not None:
            rec.event_id = existing["fid"]
            rec.action = "archived"
            rec.reason = tr("The record is now {status}: its stage event is archived").format(
                status=rec.status.name
            )
            writes.append((rec, "archive", {}))
        else:
            rec.action = "unchanged"  # becomes "status" below when it sets the project's status
        latest[code] = (rec, project)
    for rec, project in latest.values():
        new = (rec.status.name, rec.when.date().isoformat(), rec.item or None)
        old = (
            project["approval_status"],
            _date_text(project["approval_status_at"]),
            project["approval_item"],
        )
        if old[1] is not None and old[1] > new[1]:
            continue  # the library already knows a later status
        if old != new:
            if rec.action == "unchanged":
                rec.action = "status"
            writes.append(
                (
                    rec,
                    "status",
                    {
                        "approval_status": new[0],
                        "approval_status_at": new[1],
                        "approval_item": new[2],
                    },
                )
            )
    for rec in todo:
        if rec.action == "unchanged" and not rec.reason:
            rec.reason = tr("Already in the library")
    if dry_run or not writes:
        return result
    _write(lib, writes, origin_system, result, progress, canceled)
    return result


def _update_event(lib, fid: int, values: dict) -> None:
    """Correct a live event in place (audited by the library's triggers: before and after)."""
    with lib.transaction():
        if lib._update("ymt_events", "fid = ? AND archived = ?", (int(fid), False), values) != 1:
            raise LibraryError(
                tr("No live event with id {id}").format(id=fid), "not_found", str(fid)
            )


BATCH = 500  # rows per multi-row INSERT / UPDATE (SQLite allows 32766 parameters)


def _add_one(lib, rec: Record, values: dict, origin_system: str) -> None:
    values = dict(values)
    code, stage, date = values.pop("code"), values.pop("stage"), values.pop("event_date")
    rec.event_id = lib.add_event(
        code, stage, date, origin_system=origin_system, origin_key=rec.key, **values
    )


def _add_batch(lib, batch: list, origin_system: str) -> None:
    """Many new events in one INSERT (the library's triggers audit each row as for add_event;
    stages, dates and projects were checked while planning)."""
    stamp = now_iso()
    cols = ("code", "stage", "event_date", "doc_no", "note", "origin_system", "origin_key")
    cols += ("created_at", "updated_at", "updated_by")
    params: list = []
    for rec, values in batch:
        params += [values[c] for c in cols[:5]] + [origin_system, rec.key, stamp, stamp, lib.user]
    marks = ", ".join(["(" + ", ".join("?" * len(cols)) + ")"] * len(batch))
    sql = f"INSERT INTO ymt_events ({', '.join(cols)}) VALUES {marks} RETURNING fid, origin_key"
    fids = {key: fid for fid, key in lib._execute(sql, params).fetchall()}
    for rec, _values in batch:
        rec.event_id = int(fids[rec.key])


def _status_batch(lib, batch: list) -> None:
    """Many projects' approval status in one UPDATE (audited per row by the triggers)."""
    params: list = [now_iso(), lib.user]
    for rec, values in batch:
        params += [rec.codes[0], values["approval_status"], values["approval_status_at"]]
        params.append(values["approval_item"])
    marks = ", ".join(["(?, ?, ?, ?)"] * len(batch))
    at = lib.dialect.as_date("v.column3")
    sql = (
        "UPDATE ymt_projects SET approval_status = v.column2, approval_status_at = "
        f"{at}, approval_item = v.column4, updated_at = ?, updated_by = ?, rev = rev + 1 "
        f"FROM (VALUES {marks}) AS v WHERE ymt_projects.code = v.column1"
    )
    n = lib._execute(sql, params).rowcount
    if n != len(batch):
        raise LibraryError(
            tr("Library: {n} of {total} projects updated").format(n=n, total=len(batch)),
            "database",
            "ymt_projects",
        )


def _write(lib, writes, origin_system, result: SyncResult, progress, canceled) -> None:
    singles = [w for w in writes if w[1] in ("update", "archive")]
    adds = [(rec, values) for rec, kind, values in writes if kind == "add"]
    statuses = [(rec, values) for rec, kind, values in writes if kind == "status"]
    steps: list = [("single", [w]) for w in singles]
    steps += [("add", adds[i : i + BATCH]) for i in range(0, len(adds), BATCH)]
    steps += [("status", statuses[i : i + BATCH]) for i in range(0, len(statuses), BATCH)]
    done: list[Record] = []
    current: Optional[Record] = None
    try:
        with lib.transaction():
            for i, (kind, batch) in enumerate(steps):
                current = batch[0][0]
                if canceled is not None and canceled():
                    raise InterruptedError(tr("Canceled"))
                if kind == "single":
                    rec, what, values = batch[0]
                    if what == "update":
                        _update_event(lib, rec.event_id, values)
                    else:
                        lib.archive_event(rec.event_id, reason=rec.reason)
                else:
                    try:
                        with lib.transaction():  # a savepoint: on error, find the record
                            if kind == "add":
                                _add_batch(lib, batch, origin_system)
                            else:
                                _status_batch(lib, batch)
                    except LibraryError:
                        for rec, values in batch:  # one by one, through the API
                            current = rec
                            if kind == "add":
                                _add_one(lib, rec, values, origin_system)
                            else:
                                lib.update_project(rec.codes[0], **values)
                        raise  # the batch failed but no single record did: still a failure
                done += [item[0] for item in batch]
                if progress is not None:
                    progress(100.0 * (i + 1) / len(steps))
    except (Exception, InterruptedError) as exc:  # the transaction is rolled back
        result.failed = current
        result.error = str(exc)
        if current is not None:
            current.action = "failed"
            current.reason = str(exc)
        for rec in result.records:
            if rec.action in APPLIED:
                rec.action, rec.reason = "rolled_back", tr("Not written: the run was rolled back")
