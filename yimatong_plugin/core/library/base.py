"""The library API, shared by the GeoPackage and PostGIS backends.

SQL here is written once with ``?`` placeholders; a backend adapts the few things that differ
(its :class:`~.dialect.Dialect`: placeholders, LIKE, flags; transactions, geometry encoding,
error translation, the text search).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Optional

from ..code import CodeError, ProjectCode, build_prefix, parse_code
from ..i18n import tr
from .constants import SCHEMA_VERSION
from .dialect import SQLITE, Dialect, like_pattern
from .errors import LibraryError
from .library_events import EventsResultsMixin
from .library_parcels import ParcelsMixin
from .library_values import (  # noqa: F401 (names of this module since the split)
    _INVESTMENT_RE,
    APPROVAL_ATTRS,
    AREA_FIELDS,
    BOOL_FIELDS,
    DATE_FIELDS,
    EVENT_ATTRS,
    MAX_SERIAL,
    PROJECT_ATTRS,
    PROJECT_UPDATABLE,
    CodeLike,
    _prefix_upper,
    _structural_code,
    check_name,
    check_source,
    check_stage,
    default_user,
    file_sha256,
    normalise_investment_code,
    now_iso,
)


class Library(ParcelsMixin, EventsResultsMixin):
    """A project library (use :func:`open_library`)."""

    backend = "abstract"
    #: how this backend takes the SQL written here (``?`` placeholders, LIKE, flags)
    dialect: Dialect = SQLITE

    def __init__(self, uri: str, user: Optional[str] = None, dictionaries=None):
        self.uri = uri
        self.user = user or default_user()
        self.dictionaries = dictionaries

    # --- backend hooks -------------------------------------------------------------------
    where = ""  # where the library is, for messages (a file, a database)

    def _version(self) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    def _check_version(self) -> None:
        """Refuse a library whose schema is newer than this code knows."""
        version = self._version()
        if version > SCHEMA_VERSION:
            raise LibraryError(
                tr(
                    "{where} uses library schema version {version}, newer than this Yimatong "
                    "understands ({mine}); update the plugin"
                ).format(where=self.where, version=version, mine=SCHEMA_VERSION),
                "schema_too_new",
                self.where,
            )

    def _execute(self, sql: str, params=()):  # pragma: no cover - abstract
        raise NotImplementedError

    @contextmanager
    def _tx(self) -> Iterator[None]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    @contextmanager
    def _savepoint(self, run) -> Iterator[None]:
        """A transaction inside a transaction: a savepoint (``run`` executes a statement), so a
        failed inner call leaves nothing behind even when the caller catches the error and
        carries on with the outer transaction."""
        name = f"ymt_sp{self._depth}"
        run("SAVEPOINT " + name)
        self._depth += 1
        try:
            yield
        except BaseException:
            run("ROLLBACK TO SAVEPOINT " + name)
            run("RELEASE SAVEPOINT " + name)
            raise
        finally:
            self._depth -= 1
        run("RELEASE SAVEPOINT " + name)

    def _geom_value(self, geom) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _geom_insert_sql(self) -> str:
        return "?"

    def _geom_select_sql(self) -> str:
        return "geom"

    def _geom_to_wkb(self, value) -> Optional[bytes]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _text_search(self, text: str, limit: int, include_archived: bool) -> list[dict]:
        like = like_pattern(text)
        d = self.dialect
        return self._rows(
            f"SELECT * FROM ymt_projects WHERE ({d.contains('name')} OR {d.contains('applicant')})"
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
