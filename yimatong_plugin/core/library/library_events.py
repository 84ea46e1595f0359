"""The library's events, results and audit: add, archive, list, history, consistency and
counts. A mixin of :class:`~.base.Library`."""

from __future__ import annotations

import json
import os
from typing import Optional

from ..i18n import tr
from .constants import SUPPLY_ONLY_FIELDS
from .errors import LibraryError
from .library_values import EVENT_ATTRS, CodeLike, check_stage, file_sha256, now_iso


class EventsResultsMixin:
    """Events, result files and the audit of a project (part of :class:`~.base.Library`)."""

    # --- events and results --------------------------------------------------------------
    def add_event(self, code: CodeLike, stage: str, date, **attrs) -> int:
        """Record a stage event; supply events may carry agreed_handover/agreed_start/
        agreed_completion (also copied onto the project). Returns its fid."""
        pcode = self._code(code)
        check_stage(stage)
        values = self._clean_attrs(attrs, EVENT_ATTRS, f"{pcode} {stage}")
        agreed = {k: values[k] for k in SUPPLY_ONLY_FIELDS if values.get(k)}
        if agreed and stage != "supply":
            raise LibraryError(
                tr("{fields}: agreed dates belong to a supply event, not to stage {stage}").format(
                    fields=", ".join(agreed), stage=stage
                ),
                "bad_value",
                ", ".join(agreed),
            )
        stamp = now_iso()
        values.update(
            code=str(pcode),
            stage=stage,
            event_date=self._date(date, "date"),
            created_at=stamp,
            updated_at=stamp,
            updated_by=self.user,
        )
        if values["event_date"] is None:
            raise LibraryError(tr("An event needs a date"), "bad_value", "date")
        origin_key = values.get("origin_key")
        if origin_key is not None and not values.get("origin_system"):
            raise LibraryError(
                tr("origin_key: a record id needs the origin_system it comes from"),
                "bad_value",
                "origin_system",
            )
        with self._tx():
            self._require_project(pcode)
            if origin_key is not None:
                known = self.event_by_origin(values["origin_system"], origin_key)
                if known is not None:
                    raise LibraryError(
                        tr(
                            "Record {key} of {system} is already event {fid} of project {code}"
                        ).format(
                            key=origin_key,
                            system=values["origin_system"],
                            fid=known["fid"],
                            code=known["code"],
                        ),
                        "duplicate_origin",
                        str(known["fid"]),
                    )
            fid = self._insert("ymt_events", values)
            if agreed:
                self._update("ymt_projects", "code = ?", (str(pcode),), agreed)
        return fid

    def event_by_origin(self, origin_system: str, origin_key: str) -> Optional[dict]:
        """The live (non-archived) event recorded from record ``origin_key`` of system
        ``origin_system`` (``add_event(..., origin_system=, origin_key=)``), or None."""
        return self._one(
            # "NOT archived" as the partial UNIQUE index says it, so the index serves the lookup
            "SELECT * FROM ymt_events WHERE origin_system = ? AND origin_key = ? AND NOT archived",
            (str(origin_system), str(origin_key)),
        )

    def archive_event(self, event_id: int, reason: str = "") -> None:
        with self._tx():
            n = self._archive(
                "ymt_events", "fid = ? AND archived = ?", (int(event_id), False), reason
            )
            if n != 1:
                raise LibraryError(
                    tr("No live event with id {id}").format(id=event_id), "not_found", str(event_id)
                )

    def events(self, code: CodeLike, include_archived: bool = False) -> list[dict]:
        return self._rows_of_project("ymt_events", code, include_archived, "event_date, fid")

    def _rows_of_project(self, table: str, code: CodeLike, include_archived: bool, order: str):
        """Rows of ``table`` for a project (archived ones only when asked), ordered."""
        sql = f"SELECT * FROM {table} WHERE code = ?"
        params: list = [str(self._code(code))]
        if not include_archived:
            sql += " AND archived = ?"
            params.append(False)
        return self._rows(sql + f" ORDER BY {order}", params)

    def add_result(self, code: CodeLike, stage: Optional[str], path, kind: str = "document") -> int:
        """Attach a result file (its path, size and SHA-256 are stored). Returns its fid."""
        pcode = self._code(code)
        check_stage(stage, allow_none=True)
        path = os.path.abspath(os.fspath(path))
        if not os.path.isfile(path):
            raise LibraryError(
                tr("Result file {path} does not exist").format(path=path), "not_found", path
            )
        try:
            sha256, size = file_sha256(path)
        except OSError as exc:
            raise LibraryError(
                tr("Result file {path} cannot be read: {error}").format(path=path, error=exc),
                "io",
                path,
            ) from None
        stamp = now_iso()
        values = {
            "code": str(pcode),
            "stage": stage,
            "kind": str(kind or "document"),
            "path": path,
            "sha256": sha256,
            "size_bytes": size,
            "who": self.user,
            "added_at": stamp,
            "created_at": stamp,
            "updated_at": stamp,
            "updated_by": self.user,
        }
        with self._tx():
            self._require_project(pcode)
            return self._insert("ymt_results", values)

    def results(self, code: CodeLike, include_archived: bool = False) -> list[dict]:
        return self._rows_of_project("ymt_results", code, include_archived, "fid")

    # --- audit ---------------------------------------------------------------------------
    def history(self, code: CodeLike) -> list[dict]:
        """Audit entries of the project and its parcels, events and results, oldest first:
        table_name, row_fid, action, who, at, before, after (dicts)."""
        pcode = self._code(code)
        rows = self._rows("SELECT * FROM ymt_audit WHERE code = ? ORDER BY fid", (str(pcode),))
        for row in rows:
            for key in ("before", "after"):
                if isinstance(row[key], str):
                    row[key] = json.loads(row[key])
        return rows

    def check_consistency(self) -> list[str]:
        """Problems found by cross-checks (empty list = consistent)."""
        problems = []
        for row in self._rows(
            "SELECT p.code FROM ymt_projects p LEFT JOIN ymt_serials s "
            "ON s.prefix = substr(p.code, 1, 22) "
            "WHERE s.prefix IS NULL OR CAST(p.serial AS INTEGER) > s.last_serial"
        ):
            problems.append("project {} beyond its prefix counter".format(row["code"]))
        for table in ("ymt_parcels", "ymt_events", "ymt_results"):
            for row in self._rows(
                f"SELECT t.fid, t.code FROM {table} t LEFT JOIN ymt_projects p ON p.code = t.code "
                "WHERE p.code IS NULL"
            ):
                problems.append(
                    "{} {} points to missing project {}".format(table, row["fid"], row["code"])
                )
        for table in ("ymt_projects", "ymt_parcels", "ymt_events", "ymt_results"):
            for row in self._rows(
                f"SELECT t.fid FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM ymt_audit a WHERE "
                f"a.table_name = '{table}' AND a.row_fid = t.fid AND a.action = 'insert')"
            ):
                problems.append("{} {} has no audit entry".format(table, row["fid"]))
        for row in self._rows(
            "SELECT o.fid FROM ymt_parcels o WHERE o.replaced_by IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM ymt_parcels n WHERE n.fid = o.replaced_by AND n.replaces = o.fid)"
        ):
            problems.append("parcel {} has broken lineage".format(row["fid"]))
        return problems

    def counts(self) -> dict:
        return {
            t: int(self._execute(f"SELECT count(*) FROM {t}").fetchone()[0])
            for t in (
                "ymt_projects",
                "ymt_parcels",
                "ymt_events",
                "ymt_results",
                "ymt_serials",
                "ymt_audit",
            )
        }

    def project_bundle(self, code: CodeLike) -> Optional[dict]:
        """The project row with its live events, all its parcels and its live results (keys
        project, events, parcels, results, each as :meth:`project`, :meth:`events`,
        :meth:`parcels` and :meth:`results` give them); None if the code is not in the library.
        PostGIS answers it in one round trip."""
        pcode = str(self._code(code))
        project = self.project(pcode)
        if project is None:
            return None
        return {
            "project": project,
            "events": self.events(pcode),
            "parcels": self.parcels(pcode, include_retired=True),
            "results": self.results(pcode),
        }
