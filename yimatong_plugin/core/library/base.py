"""The library API, shared by the GeoPackage and PostGIS backends.

SQL here is written once with ``?`` placeholders; a backend adapts the few things that differ
(placeholders, transactions, geometry encoding, error translation, the text search).
"""

from __future__ import annotations

import datetime
import getpass
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Optional, Union

from ..code import SEGMENTS, CodeError, ProjectCode, build_prefix, parse_code
from ..i18n import tr
from .constants import SOURCES, STAGES, SUPPLY_ONLY_FIELDS
from .errors import LibraryError
from .geometry import prepare_parcel

PROJECT_ATTRS = (
    "applicant",
    "declared_area_m2",
    "agreed_handover",
    "agreed_start",
    "agreed_completion",
    "investment_code",
    "status",
    "note",
)
#: v5: the approval system's latest handling status of the project (办理状态), its date and item
APPROVAL_ATTRS = ("approval_status", "approval_status_at", "approval_item")
PROJECT_UPDATABLE = ("name", "source") + PROJECT_ATTRS + APPROVAL_ATTRS
EVENT_ATTRS = (
    "status",
    "doc_no",
    "origin_system",
    "agreed_handover",
    "agreed_start",
    "agreed_completion",
    "developed_ratio",
    "invested_ratio",
    "batch",
    "note",
    "area_m2",
    "stopped_on",
    "origin_key",
)
DATE_FIELDS = (
    "agreed_handover",
    "agreed_start",
    "agreed_completion",
    "event_date",
    "stopped_on",
    "approval_status_at",
)
AREA_FIELDS = ("declared_area_m2", "area_m2")
BOOL_FIELDS = ("archived", "repaired", "retired")
MAX_SERIAL = 999999
_INVESTMENT_RE = re.compile(r"^(\d{4})-?(\d{6})-?(\d{2})-?(\d{2})-?(\d{5}[0-9A-Z])$")

CodeLike = Union[str, ProjectCode]


def now_iso() -> str:
    """UTC now as GeoPackage DATETIME text (millisecond precision, 'Z')."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services): still record something honest
        return "unknown"


def file_sha256(path) -> tuple[str, int]:
    """(SHA-256 hex digest, size in bytes) of a file, read in 1 MiB chunks; raises OSError."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


class Library:
    """A project library (use :func:`open_library`)."""

    backend = "abstract"
    placeholder = "?"

    def __init__(self, uri: str, user: Optional[str] = None, dictionaries=None):
        self.uri = uri
        self.user = user or default_user()
        self.dictionaries = dictionaries

    # --- backend hooks -------------------------------------------------------------------
    def _execute(self, sql: str, params=()):  # pragma: no cover - abstract
        raise NotImplementedError

    @contextmanager
    def _tx(self) -> Iterator[None]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def _geom_value(self, geom) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _geom_insert_sql(self) -> str:
        return "?"

    def _geom_select_sql(self) -> str:
        return "geom"

    def _geom_to_wkb(self, value) -> Optional[bytes]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _text_search(self, text: str, limit: int, include_archived: bool) -> list[dict]:
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return self._rows(
            "SELECT * FROM ymt_projects WHERE (name LIKE ? ESCAPE '\\' OR applicant LIKE ? "
            "ESCAPE '\\')"
            + ("" if include_archived else " AND archived = ?")
            + " ORDER BY code LIMIT ?",
            (like, like) + (() if include_archived else (False,)) + (limit,),
        )

    def query(self, sql: str, params=()) -> list[dict]:
        """Rows of a read-only SQL query as dicts; ``?`` placeholders on both backends.
        Geometry columns come back as stored (use :meth:`wkb`)."""
        return self._rows(sql, params)

    def wkb(self, value) -> Optional[bytes]:
        """WKB of a stored ``geom`` value (GeoPackage blob or PostGIS ``ST_AsBinary``)."""
        return None if value is None else self._geom_to_wkb(value)

    def stream(self, sql: str, params=(), size: int = 5000) -> Iterator[dict]:
        """Rows of a read-only query as dicts, fetched ``size`` at a time where the backend
        can (GeoPackage); for scans of large tables (every event of the library)."""
        cur = self._execute(sql, params)
        names = [d[0] for d in cur.description]
        if hasattr(cur, "fetchmany"):
            chunks = iter(lambda: cur.fetchmany(size), [])
        else:
            chunks = iter([cur.fetchall()])
        for chunk in chunks:
            for values in chunk:
                yield self._normalise_row(dict(zip(names, values)))

    def parcels_in_box(self, minx: float, miny: float, maxx: float, maxy: float) -> list[dict]:
        """Parcels (current and retired) whose envelope meets the box (EPSG:4490 degrees),
        found through the spatial index (GeoPackage R-tree, PostGIS GiST). Rows: fid, code,
        stage, label, retired, replaces, replaced_by, area_m2, geometry (WKB)."""
        cols = (
            "p.fid AS fid, p.code AS code, p.stage AS stage, p.label AS label, "
            "p.retired AS retired, p.replaces AS replaces, p.replaced_by AS replaced_by, "
            "p.area_m2 AS area_m2"
        )
        sql, params = self._box_query(cols, (float(minx), float(miny), float(maxx), float(maxy)))
        rows = self._rows(sql, params)
        for row in rows:
            row["geometry"] = self._geom_to_wkb(row.pop("g"))
        return rows

    def _box_query(self, cols: str, box: tuple) -> tuple[str, tuple]:  # pragma: no cover
        raise NotImplementedError

    def set_user(self, user: str) -> None:
        """Record ``user`` as the author of the following writes (a service writing for several
        calling systems through one connection)."""
        self.user = str(user)

    def store_result(
        self, code: CodeLike, stage: Optional[str], fileobj, name: str, kind: str = "document"
    ) -> int:
        """Store a file's bytes in the library itself (content-addressed, never overwritten; see
        blobs.py) and attach it to the project as a result. ``fileobj``: a seekable binary file.
        Returns the result's fid."""
        from .blobs import add_result_file

        return add_result_file(self, code, stage, fileobj, name, kind)

    def read_result(self, code: CodeLike, result_id: int, out) -> dict:
        """Write the stored bytes of result ``result_id`` to the binary file ``out`` after
        checking their SHA-256 (kinds ``not_found``, ``not_stored``, ``integrity``); returns
        the result row."""
        from .blobs import copy_result, result_row

        row = result_row(self, code, result_id)
        copy_result(self, row, out)
        return row

    def transaction(self):
        """``with lib.transaction(): ...`` groups many API calls into one all-or-nothing
        transaction (calls inside nest as savepoints)."""
        return self._tx()

    @property
    def connection(self):
        """The DB-API connection (sqlite3 or psycopg2), for read-only queries."""
        return self.conn

    def close(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- helpers -------------------------------------------------------------------------
    def _normalise_row(self, row: dict) -> dict:
        for key in BOOL_FIELDS:
            if key in row and row[key] is not None:
                row[key] = bool(row[key])
        return row

    def _rows(self, sql: str, params=()) -> list[dict]:
        cur = self._execute(sql, params)
        names = [d[0] for d in cur.description]
        return [self._normalise_row(dict(zip(names, r))) for r in cur.fetchall()]

    def _one(self, sql: str, params=()) -> Optional[dict]:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _code(self, code: CodeLike, where: str = "", strict: bool = False) -> ProjectCode:
        """Parse a code. ``strict`` also checks the code lists (new projects); lookups of codes
        already in the library only check the structure, so a later change of a list does not
        lock a project out."""
        try:
            if strict:
                return parse_code(str(code), self.dictionaries)
            if isinstance(code, ProjectCode):
                return code
            return _structural_code(str(code))
        except CodeError as exc:
            raise LibraryError(
                tr("Invalid project code '{code}': {error}").format(code=code, error=exc),
                "bad_code",
                where or str(code),
            ) from None

    def _require_project(self, code: ProjectCode, writable: bool = True) -> dict:
        row = self._one(
            "SELECT fid, code, name, archived FROM ymt_projects WHERE code = ?", (str(code),)
        )
        if row is None:
            raise LibraryError(
                tr("No project with code {code} in the library").format(code=code.display()),
                "not_found",
                str(code),
            )
        if writable and row["archived"]:
            raise LibraryError(
                tr("Project {code} ({name}) is archived; it cannot be changed").format(
                    code=code.display(), name=row["name"]
                ),
                "archived",
                str(code),
            )
        return row

    def _write_stamp(self) -> dict:
        return {"updated_at": now_iso(), "updated_by": self.user}

    def _insert(self, table: str, values: dict, geom=None) -> int:
        cols = list(values)
        marks = ["?"] * len(cols)
        params = [values[c] for c in cols]
        if geom is not None:
            cols.append("geom")
            marks.append(self._geom_insert_sql())
            params.append(self._geom_value(geom))
        sql = "INSERT INTO {t} ({c}) VALUES ({m}) RETURNING fid".format(
            t=table, c=", ".join(cols), m=", ".join(marks)
        )
        return int(self._execute(sql, params).fetchone()[0])

    def _update(self, table: str, where_sql: str, where_params, values: dict) -> int:
        values = dict(values, **self._write_stamp())
        sets = ", ".join(f"{c} = ?" for c in values) + ", rev = rev + 1"
        sql = f"UPDATE {table} SET {sets} WHERE {where_sql}"
        return self._execute(sql, list(values.values()) + list(where_params)).rowcount

    @staticmethod
    def _date(value, field: str) -> Optional[str]:
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        try:
            return datetime.date.fromisoformat(str(value).strip()[:10]).isoformat()
        except ValueError:
            raise LibraryError(
                tr("{field}: '{value}' is not a date (expected YYYY-MM-DD)").format(
                    field=field, value=value
                ),
                "bad_value",
                field,
            ) from None

    @staticmethod
    def _ratio(value, field: str) -> Optional[float]:
        if value is None:
            return None
        try:
            ratio = float(value)
        except (TypeError, ValueError):
            ratio = -1.0
        if not 0.0 <= ratio <= 1.0:
            raise LibraryError(
                tr("{field}: '{value}' is not a ratio between 0 and 1").format(
                    field=field, value=value
                ),
                "bad_value",
                field,
            )
        return ratio

    def _clean_attrs(self, attrs: dict, allowed, what: str) -> dict:
        unknown = sorted(set(attrs) - set(allowed))
        if unknown:
            raise LibraryError(
                tr("{what}: unknown field(s) {fields}; allowed: {allowed}").format(
                    what=what, fields=", ".join(unknown), allowed=", ".join(allowed)
                ),
                "bad_value",
                ", ".join(unknown),
            )
        out = {}
        for key, value in attrs.items():
            if key in DATE_FIELDS:
                value = self._date(value, key)
            elif key in ("developed_ratio", "invested_ratio"):
                value = self._ratio(value, key)
            elif key in AREA_FIELDS and value is not None:
                try:
                    value = float(value)
                except (TypeError, ValueError):
                    value = -1.0
                if not value >= 0:
                    raise LibraryError(
                        tr("{field}: '{value}' is not an area in m²").format(
                            field=key, value=attrs[key]
                        ),
                        "bad_value",
                        key,
                    )
            elif key == "investment_code" and value:
                value = normalise_investment_code(value)
            elif key == "source":
                check_source(value)
            elif key == "name":
                value = check_name(value)
            elif key in ("status", "origin_key", "origin_system") and value is not None:
                value = str(value)
            out[key] = value
        return out

    # --- codes ---------------------------------------------------------------------------
    def allocate_code(
        self,
        region=None,
        admin=None,
        year=None,
        approval_type=None,
        project_type=None,
        supply_type=None,
        land_use=None,
    ) -> ProjectCode:
        """Reserve the next serial of this 22-digit prefix (one transaction) and return the code.

        Serials start at 000001, strictly increase and are never issued twice (also not after a
        project is archived). An allocated code not used by :meth:`add_project` stays burned.
        """
        try:
            prefix = build_prefix(
                region=region,
                admin=admin,
                year=year,
                approval_type=approval_type,
                project_type=project_type,
                supply_type=supply_type,
                land_use=land_use,
                dictionaries=self.dictionaries,
            )
        except CodeError as exc:
            raise LibraryError(
                tr("Cannot allocate a code: {error}").format(error=exc), "bad_code", exc.segment
            ) from None
        with self._tx():
            serial = self._next_serial(prefix)
        return ProjectCode.from_prefix(prefix, serial)

    def _next_serial(self, prefix: str) -> int:
        try:
            cur = self._execute(
                "INSERT INTO ymt_serials (prefix, last_serial, updated_at) VALUES (?, 1, ?) "
                "ON CONFLICT (prefix) DO UPDATE SET last_serial = ymt_serials.last_serial + 1, "
                "updated_at = excluded.updated_at RETURNING last_serial",
                (prefix, now_iso()),
            )
            return int(cur.fetchone()[0])
        except LibraryError as exc:
            if exc.kind != "constraint":  # CHECK (last_serial <= 999999) failed
                raise
            raise LibraryError(
                tr(
                    "All serials 000001-999999 of prefix {prefix} are used; no further code can be "
                    "issued in it (use another year or type)"
                ).format(prefix=prefix),
                "serials_exhausted",
                prefix,
            ) from None

    # --- projects ------------------------------------------------------------------------
    def add_project(self, code: CodeLike, name: str = "", source: str = "", **attrs) -> int:
        """Add a project under an allocated (or imported) code; returns its fid.

        ``attrs``: applicant, declared_area_m2, agreed_handover, agreed_start, agreed_completion
        (dates as date or 'YYYY-MM-DD'), investment_code (GB/T 40058), status, note.
        """
        pcode = self._code(code, strict=True)
        values = self._clean_attrs(
            dict(attrs, name=name, source=source), ("name", "source") + PROJECT_ATTRS, str(code)
        )
        values.update(pcode.segments())
        values["code"] = str(pcode)
        stamp = now_iso()
        values.update(created_at=stamp, updated_at=stamp, updated_by=self.user)
        with self._tx():
            existing = self._one(
                "SELECT name, archived FROM ymt_projects WHERE code = ?", (str(pcode),)
            )
            if existing is not None:
                raise LibraryError(
                    tr("Project code {code} is already in the library ('{name}'{archived})").format(
                        code=pcode.display(),
                        name=existing["name"],
                        archived=tr(", archived") if existing["archived"] else "",
                    ),
                    "duplicate_code",
                    str(pcode),
                )
            # the insert trigger moves the prefix counter up to this serial (imported codes)
            return self._insert("ymt_projects", values)

    def new_project(self, name: str, source: str, segments: dict, **attrs) -> ProjectCode:
        """Allocate a code from ``segments`` (allocate_code's keywords) and add the project, in one
        transaction. Returns the code."""
        values = self._clean_attrs(
            dict(attrs, name=name, source=source), ("name", "source") + PROJECT_ATTRS, name
        )
        try:
            prefix = build_prefix(dictionaries=self.dictionaries, **segments)
        except (CodeError, TypeError) as exc:
            raise LibraryError(
                tr("Cannot allocate a code: {error}").format(error=exc), "bad_code"
            ) from None
        with self._tx():
            pcode = ProjectCode.from_prefix(prefix, self._next_serial(prefix))
            values.update(pcode.segments())
            stamp = now_iso()
            values.update(code=str(pcode), created_at=stamp, updated_at=stamp, updated_by=self.user)
            self._insert("ymt_projects", values)
        return pcode

    def update_project(self, code: CodeLike, **changes) -> None:
        """Change project fields (name, source, applicant, declared_area_m2, agreed dates,
        investment_code, status, note). The code and its segments never change."""
        pcode = self._code(code)
        values = self._clean_attrs(changes, PROJECT_UPDATABLE, str(code))
        if not values:
            return
        with self._tx():
            self._require_project(pcode)
            self._update("ymt_projects", "code = ?", (str(pcode),), values)

    def archive_project(self, code: CodeLike, reason: str = "") -> None:
        """Archive a project (never deleted; its code is never issued again)."""
        pcode = self._code(code)
        with self._tx():
            self._require_project(pcode)
            self._update(
                "ymt_projects",
                "code = ?",
                (str(pcode),),
                {"archived": True, "archived_at": now_iso(), "archive_reason": reason or None},
            )

    def project(self, code: CodeLike) -> Optional[dict]:
        """The project row as a dict (None if the code is not in the library)."""
        pcode = self._code(code)
        return self._one("SELECT * FROM ymt_projects WHERE code = ?", (str(pcode),))

    def projects(self, include_archived: bool = False, limit: Optional[int] = None) -> list[dict]:
        sql = "SELECT * FROM ymt_projects" + ("" if include_archived else " WHERE archived = ?")
        params: list = [] if include_archived else [False]
        sql += " ORDER BY code"
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._rows(sql, params)

    def find(self, text: str, limit: int = 50, include_archived: bool = True) -> list[dict]:
        """Projects matching ``text``: a full code (bare or grouped), a code prefix (any leading
        digits), an investment code (GB/T 40058), or a part of the name or applicant."""
        # NFKC: full-width digits and hyphens typed with a Chinese input method become ASCII
        text = unicodedata.normalize("NFKC", text or "").strip()
        if not text:
            return []
        limit = max(1, int(limit))
        arch = "" if include_archived else " AND archived = ?"
        arch_p: tuple = () if include_archived else (False,)
        digits = re.sub(r"[\s\-\u3000]", "", text)
        if digits.isdigit():
            if _INVESTMENT_RE.match(text) and "-" in text:
                rows = self._rows(
                    "SELECT * FROM ymt_projects WHERE investment_code = ?" + arch + " LIMIT ?",
                    (normalise_investment_code(text),) + arch_p + (limit,),
                )
                if rows:
                    return rows
            if len(digits) <= 28:
                upper = _prefix_upper(digits)
                rows = self._rows(
                    "SELECT * FROM ymt_projects WHERE code >= ? AND code < ?"
                    + arch
                    + " ORDER BY code LIMIT ?",
                    (digits, upper) + arch_p + (limit,),
                )
                if rows or len(digits) >= 8:
                    return rows
        return self._text_search(text, limit, include_archived)

    # --- parcels -------------------------------------------------------------------------
    def add_parcel(
        self,
        code: CodeLike,
        geometry,
        crs="EPSG:4490",
        stage: Optional[str] = None,
        label: Optional[str] = None,
        source_file: Optional[str] = None,
    ) -> int:
        """Add a parcel (WKT, WKB, shapely, or anything with ``asWkb()`` such as QgsGeometry) in
        ``crs`` (reprojected to EPSG:4490, validated, repaired if needed); returns its fid."""
        pcode = self._code(code)
        check_stage(stage, allow_none=True)
        prepared = prepare_parcel(geometry, crs, where=label or str(source_file or ""))
        with self._tx():
            self._require_project(pcode)
            return self._insert_parcel(pcode, prepared, stage, label, source_file, None)

    def _insert_parcel(self, pcode, prepared, stage, label, source_file, replaces) -> int:
        stamp = now_iso()
        values = {
            "code": str(pcode),
            "stage": stage,
            "label": label,
            "area_m2": round(prepared.area_m2, 3),
            "repaired": prepared.repaired,
            "repair_note": prepared.repair_note,
            "retired": False,
            "replaces": replaces,
            "source_file": None if source_file is None else str(source_file),
            "source_crs": prepared.source_crs,
            "created_at": stamp,
            "updated_at": stamp,
            "updated_by": self.user,
        }
        return self._insert("ymt_parcels", values, geom=prepared.geometry)

    def _live_parcel(self, parcel_id: int) -> dict:
        row = self._one(
            "SELECT fid, code, stage, label, retired, replaced_by FROM ymt_parcels WHERE fid = ?",
            (int(parcel_id),),
        )
        if row is None:
            raise LibraryError(
                tr("No parcel with id {id}").format(id=parcel_id), "not_found", str(parcel_id)
            )
        if row["retired"]:
            raise LibraryError(
                tr("Parcel {id} is already retired (replaced by {new})").format(
                    id=parcel_id, new=row["replaced_by"] or "-"
                ),
                "archived",
                str(parcel_id),
            )
        return row

    def replace_parcel(
        self,
        old_parcel_id: int,
        geometry,
        crs="EPSG:4490",
        reason: str = "",
        stage: Optional[str] = None,
        label: Optional[str] = None,
        source_file: Optional[str] = None,
    ) -> int:
        """Replace a parcel by a new geometry: the old one is retired (kept, with ``replaced_by``),
        the new one records ``replaces``. Returns the new parcel's fid."""
        check_stage(stage, allow_none=True)
        prepared = prepare_parcel(geometry, crs, where=label or str(source_file or ""))
        with self._tx():
            old = self._live_parcel(old_parcel_id)
            pcode = self._code(old["code"])
            self._require_project(pcode)
            new_id = self._insert_parcel(
                pcode,
                prepared,
                stage or old["stage"],
                label if label is not None else old["label"],
                source_file,
                int(old_parcel_id),
            )
            self._update(
                "ymt_parcels",
                "fid = ?",
                (int(old_parcel_id),),
                {
                    "retired": True,
                    "retired_at": now_iso(),
                    "retire_reason": reason or None,
                    "replaced_by": new_id,
                },
            )
        return new_id

    def retire_parcel(self, parcel_id: int, reason: str = "") -> None:
        """Retire a parcel without replacement (kept in the library, shown as retired)."""
        with self._tx():
            self._live_parcel(parcel_id)
            self._update(
                "ymt_parcels",
                "fid = ?",
                (int(parcel_id),),
                {"retired": True, "retired_at": now_iso(), "retire_reason": reason or None},
            )

    def parcels(self, code: CodeLike, include_retired: bool = True) -> list[dict]:
        """Parcels of a project, oldest first; ``geometry`` is WKB in EPSG:4490."""
        pcode = self._code(code)
        sql = f"SELECT *, {self._geom_select_sql()} AS geom_out FROM ymt_parcels WHERE code = ?"
        params: list = [str(pcode)]
        if not include_retired:
            sql += " AND retired = ?"
            params.append(False)
        rows = self._rows(sql + " ORDER BY fid", params)
        for row in rows:
            row.pop("geom", None)
            row["geometry"] = self._geom_to_wkb(row.pop("geom_out"))
        return rows

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
            n = self._update(
                "ymt_events",
                "fid = ? AND archived = ?",
                (int(event_id), False),
                {"archived": True, "archived_at": now_iso(), "archive_reason": reason or None},
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


def _structural_code(text: str) -> ProjectCode:
    bare = re.sub(r"[\s\-\u3000]", "", text)
    if len(bare) != 28 or not (bare.isascii() and bare.isdigit()):
        return parse_code(text)  # raises the precise CodeError
    values, start = {}, 0
    for name, width in SEGMENTS:
        values[name] = bare[start : start + width]
        start += width
    return ProjectCode(**values)


def _prefix_upper(digits: str) -> str:
    """Smallest string greater than every string starting with ``digits`` (a digit string)."""
    return digits + ":"  # ':' sorts right after '9'


def check_source(source) -> None:
    if source not in SOURCES:
        raise LibraryError(
            tr("Unknown project source '{source}'; one of: {choices}").format(
                source=source, choices=", ".join(SOURCES)
            ),
            "bad_value",
            "source",
        )


def check_stage(stage, allow_none: bool = False) -> None:
    if stage is None and allow_none:
        return
    if stage not in STAGES:
        raise LibraryError(
            tr("Unknown stage '{stage}'; one of: {choices}").format(
                stage=stage, choices=", ".join(STAGES)
            ),
            "bad_value",
            "stage",
        )


def check_name(name) -> str:
    name = "" if name is None else str(name).strip()
    if not name:
        raise LibraryError(tr("A project needs a name"), "bad_value", "name")
    return name


def normalise_investment_code(value) -> str:
    """GB/T 40058 investment project code in its hyphenated form (4-6-2-2-6)."""
    text = re.sub(r"\s", "", str(value)).upper()
    match = _INVESTMENT_RE.match(text)
    if not match:
        raise LibraryError(
            tr(
                "investment_code: '{value}' is not a national investment project code "
                "(GB/T 40058: YYYY-RRRRRR-MM-TT-NNNNNC)"
            ).format(value=value),
            "bad_value",
            "investment_code",
        )
    return "-".join(match.groups())
