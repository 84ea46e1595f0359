"""PostgreSQL/PostGIS backend (psycopg2): the bureau-wide library, same schema and API.

Allocation: ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` on ymt_serials holds the row lock
until commit, so concurrent writers queue on the prefix and never get the same serial.
The audit trigger records ``current_user`` (the authenticated role) and the API's ``user`` from
the session setting ``yimatong.user``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Optional

from ..i18n import tr
from . import pg_bundle, schema
from .base import Library
from .constants import LIBRARY_EPSG, SCHEMA_VERSION
from .dialect import POSTGRES
from .errors import LibraryError

try:  # Debian python3-psycopg2 (a dependency of python3-qgis)
    import psycopg2
    import psycopg2.errors
    import psycopg2.extensions
except ImportError:  # pragma: no cover - depends on the installation
    psycopg2 = None

_INIT_LOCK = 7_100_412_028  # advisory lock key for schema creation/migration


def describe_dsn(dsn: str) -> str:
    """'user@host:port/dbname' (or service) of a DSN, without the password."""
    try:
        parts = psycopg2.extensions.parse_dsn(dsn)
    except Exception:
        return re.sub(r"(password\s*=\s*)\S+|(:)[^:@/]+(@)", r"\1\2***\3", dsn)
    if "service" in parts and "host" not in parts:
        return "service={}".format(parts["service"])
    return "{user}{host}:{port}/{db}".format(
        user=(parts["user"] + "@") if parts.get("user") else "",
        host=parts.get("host", "localhost"),
        port=parts.get("port", "5432"),
        db=parts.get("dbname", ""),
    )


class _Cursor:
    """Enough of a DB-API cursor for base.py (rows already fetched, cursor closed)."""

    def __init__(self, cur):
        self.description = cur.description
        self.rowcount = cur.rowcount
        self._rows = cur.fetchall() if cur.description is not None else []
        cur.close()

    def fetchone(self):
        return self._rows[0] if self._rows else None

    def fetchall(self):
        return self._rows


class PostgisLibrary(Library):
    backend = "postgis"
    dialect = POSTGRES

    def __init__(
        self,
        dsn: str,
        user: Optional[str] = None,
        dictionaries=None,
        connect_timeout: int = 10,
        timeout: float = 60.0,
    ):
        super().__init__(dsn, user, dictionaries)
        if psycopg2 is None:
            raise LibraryError(
                tr("PostgreSQL support needs psycopg2 (Debian package python3-psycopg2)"),
                "connection",
                dsn,
            )
        self.where = describe_dsn(dsn)
        self._depth = 0
        self._dsn, self._connect_timeout, self._timeout = dsn, connect_timeout, timeout
        self._options = {"connect_timeout": connect_timeout, "timeout": timeout}
        self.conn = None
        self._connect()
        try:
            self._ensure_schema()
        except BaseException:
            self.conn.close()
            raise

    def _connect(self) -> None:
        try:
            conn = psycopg2.connect(
                self._dsn, connect_timeout=self._connect_timeout, application_name="yimatong"
            )
        except psycopg2.OperationalError as exc:
            raise LibraryError(
                tr("Cannot connect to the PostgreSQL library {where}: {error}").format(
                    where=self.where, error=str(exc).strip()
                ),
                "connection",
                self.where,
            ) from None
        conn.autocommit = True
        try:
            cur = conn.cursor()
            # lock_timeout: a writer blocked longer than ``timeout`` (by a stuck transaction)
            # gets a clear "busy" error instead of waiting for ever, like the GeoPackage timeout
            cur.execute(
                "SELECT set_config('yimatong.user', %s, false), current_user, "
                "set_config('lock_timeout', %s, false)",
                (self.user, f"{int(self._timeout * 1000)}ms"),
            )
            self.role = cur.fetchone()[1]
            cur.close()
        except BaseException:
            conn.close()
            raise
        self.conn = conn

    def set_user(self, user: str) -> None:
        super().set_user(user)
        self._execute("SELECT set_config('yimatong.user', ?, false)", (self.user,))

    def close(self) -> None:
        if self.conn is not None and not self.conn.closed:
            self.conn.close()
        self.conn = None

    # --- schema --------------------------------------------------------------------------
    def _exists(self, name: str) -> bool:
        return self._execute("SELECT to_regclass(?)", (name,)).fetchone()[0] is not None

    def _ensure_schema(self) -> None:
        if self._exists("ymt_meta"):
            self._check_version()
            if self._version() == SCHEMA_VERSION:
                return
        with self._tx():
            self._execute("SELECT pg_advisory_xact_lock(?)", (_INIT_LOCK,))
            if self._exists("ymt_meta"):
                self._check_version()
                self._migrate()
                return
            present = [t for t in schema.COLUMNS if self._exists(t)]
            self._refuse_partial_schema(present)
            has_postgis = self._execute(
                "SELECT 1 FROM pg_extension WHERE extname = 'postgis'"
            ).fetchone()
            if not has_postgis:
                self._execute("CREATE EXTENSION IF NOT EXISTS postgis")
            for stmt in schema.pg_schema_v1():
                self._execute(stmt)
            self._execute(
                "INSERT INTO ymt_meta (key, value) VALUES ('schema_version', '1'), "
                "('created_by', 'yimatong')"
            )
            self._migrate()

    def _migrate(self) -> None:
        version = self._version()
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for stmt in schema.PG_MIGRATIONS.get(target, []):
                self._execute(stmt)
            self._execute(
                "UPDATE ymt_meta SET value = ? WHERE key = 'schema_version'", (str(target),)
            )

    # --- backend hooks -------------------------------------------------------------------
    def _execute(self, sql: str, params=()):
        if self.conn is None:
            raise LibraryError(
                tr("The library {where} is closed").format(where=self.where), "closed", self.where
            )
        if self.conn.closed and self._depth == 0:
            self._connect()  # the connection was lost between transactions: try once more
        params = [psycopg2.Binary(p) if isinstance(p, (bytes, bytearray)) else p for p in params]
        try:
            cur = self.conn.cursor()
            cur.execute(self.dialect.sql(sql), params)
            return _Cursor(cur)
        except psycopg2.Error as exc:
            raise self._database_error(exc) from None

    def _database_error(self, exc: psycopg2.Error) -> LibraryError:
        """The error a user reads for a failed statement (the first line of the server's)."""
        if isinstance(exc, psycopg2.errors.LockNotAvailable):
            text = tr("The library {where} is busy (a row is locked by another session): {error}")
            kind = "busy"
        elif isinstance(exc, psycopg2.errors.InsufficientPrivilege):
            text = tr("PostgreSQL role {role} lacks the rights for this on {where}: {error}")
            kind = "permission"
        elif isinstance(
            exc,
            (
                psycopg2.IntegrityError,
                psycopg2.errors.RaiseException,
                psycopg2.errors.RestrictViolation,
            ),
        ):
            text, kind = tr("The library {where} refused the change: {error}"), "constraint"
        elif isinstance(exc, (psycopg2.OperationalError, psycopg2.InterfaceError)):
            text = tr("Lost the connection to the PostgreSQL library {where}: {error}")
            kind = "connection"
        else:
            text, kind = tr("Library {where}: {error}"), "database"
        message = text.format(
            where=self.where, error=_first_line(exc), role=getattr(self, "role", "?")
        )
        return LibraryError(message, kind, self.where)

    @contextmanager
    def _tx(self) -> Iterator[None]:
        if self._depth:
            with self._savepoint(self._execute):
                yield
            return
        self._execute("BEGIN")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            if self.conn is not None and not self.conn.closed:
                try:
                    self.conn.cursor().execute("ROLLBACK")
                except psycopg2.Error:
                    pass
            raise
        self._depth = 0
        self._execute("COMMIT")

    def _geom_insert_sql(self) -> str:
        return f"ST_GeomFromWKB(?, {LIBRARY_EPSG})"

    def _geom_value(self, geom):
        import shapely

        return shapely.to_wkb(geom, byte_order=1, output_dimension=2, flavor="iso")

    def _geom_select_sql(self) -> str:
        return "ST_AsBinary(geom)"

    def _box_query(self, cols: str, box: tuple) -> tuple[str, tuple]:
        return (
            f"SELECT {cols}, ST_AsBinary(p.geom) AS g FROM ymt_parcels p "
            f"WHERE p.geom && ST_MakeEnvelope(?, ?, ?, ?, {LIBRARY_EPSG})",
            box,
        )

    def _geom_to_wkb(self, value):
        if value is None:
            return None
        if isinstance(value, str):  # a geometry column selected as is: hex EWKB
            import shapely

            return shapely.to_wkb(
                shapely.from_wkb(value), output_dimension=2, flavor="iso", include_srid=False
            )
        return bytes(value)

    def _normalise_row(self, row: dict) -> dict:
        for key, value in row.items():
            if isinstance(value, datetime.datetime):
                value = value.astimezone(datetime.timezone.utc)
                row[key] = (
                    value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
                )
            elif isinstance(value, datetime.date):
                row[key] = value.isoformat()
        return super()._normalise_row(row)

    def project_bundle(self, code) -> Optional[dict]:
        """As :meth:`Library.project_bundle`, in one round trip (see pg_bundle.py)."""
        pcode = str(self._code(code))
        out = pg_bundle.project_bundle(self, pcode)
        return super().project_bundle(pcode) if out is NotImplemented else out


def _first_line(exc) -> str:
    text = str(getattr(exc, "pgerror", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
