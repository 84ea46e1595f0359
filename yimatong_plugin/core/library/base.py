"""The library API, shared by the GeoPackage and PostGIS backends.

SQL here is written once with ``?`` placeholders; a backend adapts the few things that differ
(its :class:`~.dialect.Dialect`: placeholders, LIKE, flags; transactions, geometry encoding,
error translation, the text search).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Optional

from ..code import CodeError, ProjectCode, parse_code
from ..i18n import tr
from .constants import SCHEMA_VERSION
from .dialect import SQLITE, Dialect, like_pattern
from .errors import LibraryError
from .library_events import EventsResultsMixin
from .library_parcels import ParcelsMixin
from .library_projects import ProjectsMixin
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

#: the flag, time and reason columns that archive a row of a table (parcels are retired)
_ARCHIVING = {
    "ymt_projects": ("archived", "archived_at", "archive_reason"),
    "ymt_events": ("archived", "archived_at", "archive_reason"),
    "ymt_results": ("archived", "archived_at", "archive_reason"),
    "ymt_parcels": ("retired", "retired_at", "retire_reason"),
}


class Library(ProjectsMixin, ParcelsMixin, EventsResultsMixin):
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

    def _version(self) -> int:
        """The schema version written in ``ymt_meta``."""
        row = self._execute("SELECT value FROM ymt_meta WHERE key = 'schema_version'").fetchone()
        try:
            return int(row[0])
        except (TypeError, ValueError):
            raise LibraryError(
                tr("{where}: ymt_meta has no valid schema_version").format(where=self.where),
                "not_a_library",
                self.where,
            ) from None

    @property
    def schema_version(self) -> int:
        return self._version()

    def _refuse_partial_schema(self, present: list[str]) -> None:
        """Refuse a database holding some of our tables (``present``) but no ``ymt_meta``."""
        if present:
            raise LibraryError(
                tr(
                    "{where} has Yimatong tables ({tables}) but no ymt_meta: "
                    "not a library this version can open"
                ).format(where=self.where, tables=", ".join(present)),
                "not_a_library",
                self.where,
            )

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

    def reopen(self) -> Library:
        """Another connection to the same library, as the same user: for reads in another
        thread (a connection serves one thread). Close it when done."""
        return type(self)(self.uri, self.user, self.dictionaries, **getattr(self, "_options", {}))

    def tuples(self, sql: str, params=(), size: int = 20000) -> Iterator[tuple]:
        """Rows of a read-only query as the driver's tuples (no names, booleans as stored:
        0/1 on GeoPackage), ``size`` at a time where the backend can: for bulk reads that
        unpack each row by position (the lifecycle facts of the whole library)."""
        cur = self._execute(sql, params)
        if not hasattr(cur, "fetchmany"):
            yield from cur.fetchall()
            return
        for chunk in iter(lambda: cur.fetchmany(size), []):
            yield from chunk

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

    def _archive(self, table: str, where_sql: str, where_params, reason: str, **more) -> int:
        """Archive the rows ``where_sql`` of ``table`` now for ``reason`` (parcels: ``retired``;
        ``more``: other columns to set); they are never deleted."""
        flag, at, why = _ARCHIVING[table]
        values = {flag: True, at: now_iso(), why: reason or None, **more}
        return self._update(table, where_sql, where_params, values)

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
