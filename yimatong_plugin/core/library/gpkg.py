"""GeoPackage backend (sqlite3; no GDAL needed, the file stays a standard GeoPackage).

Concurrency: WAL journal, ``BEGIN IMMEDIATE`` for every write (the write lock is taken at the
start, so read-then-write races cannot happen) and a busy timeout. WAL needs a local disk: on a
network share open with ``wal=False`` (rollback journal) or use PostGIS.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Optional

from ..i18n import tr
from . import schema
from .base import Library
from .constants import SCHEMA_VERSION
from .dialect import like_pattern
from .errors import LibraryError
from .geometry import SQL_FUNCTIONS, gpkg_blob, gpkg_blob_wkb

SQLITE_MAGIC = b"SQLite format 3\x00"
GPKG_APPLICATION_IDS = (0x47504B47, 0x47503130, 0x47503131)  # GPKG, GP10, GP11
GPKG_USER_VERSION = 10300  # GeoPackage 1.3

# GeoPackages this process has open (real path -> count). SQLite's locks are POSIX locks, which
# belong to the process: closing ANY descriptor of the file drops every lock the process holds
# on it, also those of another open connection in the middle of a write. So the file header is
# read (open + close) only while no connection of this process has the file open.
_OPEN: dict[str, int] = {}
_OPEN_LOCK = threading.Lock()


def register_functions(conn: sqlite3.Connection) -> None:
    """Give a plain sqlite3 connection the ST_* functions the GeoPackage R-tree triggers call
    (GDAL/QGIS provide them natively)."""
    for name, fn in SQL_FUNCTIONS.items():
        conn.create_function(name, 1, fn, deterministic=True)


#: the memory-mapped part of a library file (address space, not memory: pages are read as used)
MMAP_BYTES = 1 << 30


class GeoPackageLibrary(Library):
    backend = "gpkg"
    fts_cap = 2000  # more name matches than this: scan in code order instead (stops early)

    def __init__(
        self, path, user: Optional[str] = None, dictionaries=None, timeout: float = 60.0, wal=True
    ):
        super().__init__(os.fspath(path), user, dictionaries)
        self.path = os.path.abspath(self.uri)
        self._real = os.path.realpath(self.path)
        self._depth = 0
        self._options = {"timeout": timeout, "wal": wal}
        self.conn = self._connect(timeout, wal)
        try:
            self._ensure_schema()
            # WAL only after the schema exists: the GeoPackage header (application_id) must be
            # in the main file, where GDAL reads it, not only in the write-ahead log
            if wal:
                self._enable_wal(timeout)
        except BaseException:
            self.close()
            raise

    def _enable_wal(self, timeout: float) -> None:
        """WAL journal (persistent in the file: only the first opener switches it). Switching
        needs an exclusive lock for which SQLite does not wait (its busy handler is not used):
        several processes opening a new library at once got "database is locked" — retried
        here until ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                mode = self.conn.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                return
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    # --- connection ----------------------------------------------------------------------
    def _connect(self, timeout: float, wal: bool) -> sqlite3.Connection:
        with _OPEN_LOCK:
            conn = self._connect_unlocked(timeout, wal, _OPEN.get(self._real, 0) > 0)
            _OPEN[self._real] = _OPEN.get(self._real, 0) + 1
        return conn

    def _connect_unlocked(self, timeout: float, wal: bool, open_here: bool) -> sqlite3.Connection:
        path = self.path
        exists = os.path.exists(path) and os.path.getsize(path) > 0
        if os.path.isdir(path):
            raise LibraryError(
                tr("{path} is a folder, not a GeoPackage file").format(path=path),
                "not_a_geopackage",
                path,
            )
        if exists and not open_here:  # already open here: checked, and must not be reopened
            try:
                with open(path, "rb") as fh:
                    magic = fh.read(16)
            except OSError as exc:
                raise LibraryError(
                    tr("Cannot read the library file {path}: {error}").format(
                        path=path, error=exc.strerror
                    ),
                    "io",
                    path,
                ) from None
            if magic != SQLITE_MAGIC:
                raise LibraryError(
                    tr("{path} is not a GeoPackage (not an SQLite database file)").format(
                        path=path
                    ),
                    "not_a_geopackage",
                    path,
                )
        else:
            folder = os.path.dirname(path) or "."
            if not os.path.isdir(folder):
                raise LibraryError(
                    tr("Cannot create the library {path}: folder {folder} does not exist").format(
                        path=path, folder=folder
                    ),
                    "io",
                    path,
                )
        try:
            conn = sqlite3.connect(
                path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            register_functions(conn)
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            # reads through memory-mapped pages instead of a read() call per page: index
            # probes over a large library (the statistics' stage as of a date: 100,000
            # probes) take half the time; the file stays local (WAL needs it anyway)
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        except sqlite3.Error as exc:
            raise LibraryError(
                tr("Cannot open the library {path}: {error}").format(path=path, error=exc),
                "io",
                path,
            ) from None
        return conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
            with _OPEN_LOCK:
                left = _OPEN.get(self._real, 1) - 1
                if left > 0:
                    _OPEN[self._real] = left
                else:
                    _OPEN.pop(self._real, None)

    # --- schema --------------------------------------------------------------------------
    def _tables(self) -> set:
        return {
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            )
        }

    def _ensure_schema(self) -> None:
        # foreign keys off while the schema is created or migrated (a migration may rebuild a
        # table that others reference; SQLite allows the switch only outside a transaction);
        # the migration checks the keys itself before it commits
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            self._ensure_schema_now()
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    def _ensure_schema_now(self) -> None:
        try:
            tables = self._tables()
        except sqlite3.DatabaseError as exc:
            raise LibraryError(
                tr("{path} is not a GeoPackage: {error}").format(path=self.path, error=exc),
                "not_a_geopackage",
                self.path,
            ) from None
        if "ymt_meta" in tables:
            self._check_version()
            if self._version() < SCHEMA_VERSION:
                self._migrate()
            return
        self._check_is_geopackage(tables)
        with self._tx():
            tables = self._tables()  # another process may have initialised it meanwhile
            if "ymt_meta" in tables:
                return
            present = sorted(t for t in tables if t.startswith("ymt_"))
            self._refuse_partial_schema(present)
            self.conn.execute(f"PRAGMA application_id = {GPKG_APPLICATION_IDS[0]}")
            self.conn.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
            for stmt in schema.GPKG_CORE:
                self.conn.execute(stmt)
            self.conn.executemany(
                "INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
                "organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)",
                schema.GPKG_SRS_ROWS,
            )
            for stmt in schema.gpkg_schema_v1():
                self.conn.execute(stmt)
            self.conn.execute(
                "INSERT INTO ymt_meta (key, value) VALUES ('schema_version', ?), ('created_by', ?)",
                (str(1), "yimatong"),
            )
            self._migrate(in_tx=True)

    def _check_is_geopackage(self, tables: set) -> None:
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        user_tables = {t for t in tables if not t.startswith("sqlite_")}
        if not user_tables:
            return  # empty database: becomes a GeoPackage now
        if "gpkg_contents" not in tables or app_id not in GPKG_APPLICATION_IDS:
            raise LibraryError(
                tr(
                    "{path} is an SQLite database but not a GeoPackage (application_id {app})"
                ).format(path=self.path, app=hex(app_id)),
                "not_a_geopackage",
                self.path,
            )

    @property
    def where(self) -> str:
        """Where the library is, for messages: its file."""
        return self.path

    def _migrate(self, in_tx: bool = False) -> None:
        def run():
            version = self._version()
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for table in schema.GPKG_REBUILDS.get(target, ()):
                    self._rebuild_table(table, target)
                for stmt in schema.GPKG_MIGRATIONS.get(target, []):
                    self.conn.execute(stmt)
                self.conn.execute(
                    "UPDATE ymt_meta SET value = ? WHERE key = 'schema_version'", (str(target),)
                )
            problems = self.conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise LibraryError(
                    tr("{path}: the schema migration would break references: {rows}").format(
                        path=self.path, rows=problems[:5]
                    ),
                    "database",
                    self.path,
                )

        if in_tx:
            run()
        else:
            with self._tx():
                run()

    def _rebuild_table(self, table: str, version: int) -> None:
        """Recreate ``table`` with its definition of schema ``version`` (SQLite cannot alter a
        CHECK constraint), inside the migration's transaction, foreign keys off.

        The rows are copied with their fids (so the R-tree, lineage links and the audit log
        still point at them) before any trigger exists on the new table: nothing is audited
        twice. Every index and trigger of the old table is recreated from its stored SQL —
        also ones added by other tools (e.g. GDAL's feature-count triggers) — except our own
        audit/refusal triggers, generated anew for the new columns. The AUTOINCREMENT counter
        is kept, gpkg_contents / gpkg_geometry_columns / gpkg_extensions name the table and
        stay as they are.
        """
        conn = self.conn
        old_cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        new_cols = schema.column_names(table, version)
        common = [c for c in old_cols if c in new_cols]
        lost = [c for c in old_cols if c not in new_cols]
        if lost:  # a column only a newer or foreign schema has: refuse rather than drop data
            raise LibraryError(
                tr("{path}: table {table} has columns this migration does not know: {cols}").format(
                    path=self.path, table=table, cols=", ".join(lost)
                ),
                "not_a_library",
                self.path,
            )
        ours = {
            f"{table}_audit_insert",
            f"{table}_audit_update",
            f"{table}_no_delete",
            f"{table}_code_immutable",
        }
        saved = [
            sql
            for kind, name, sql in conn.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? "
                "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
                (table,),
            )
            if not (kind == "trigger" and name in ours)
        ]
        seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        temp = f"{table}_ymt_rebuild"
        conn.execute(schema.gpkg_table_sql(table, version, name=temp))
        names = ", ".join(f'"{c}"' for c in common)
        conn.execute(f'INSERT INTO "{temp}" ({names}) SELECT {names} FROM "{table}"')
        conn.execute(f'DROP TABLE "{table}"')
        # legacy rename: do not rewrite (or re-check) other schema objects, which name the
        # table by its final name already
        conn.execute("PRAGMA legacy_alter_table = ON")
        try:
            conn.execute(f'ALTER TABLE "{temp}" RENAME TO "{table}"')
        finally:
            conn.execute("PRAGMA legacy_alter_table = OFF")
        for sql in saved:
            conn.execute(sql)
        for sql in schema.gpkg_trigger_sql(table, version):
            conn.execute(sql)
        top = conn.execute(f'SELECT max(fid) FROM "{table}"').fetchone()[0] or 0
        keep = max(top, seq[0] if seq is not None else 0)
        conn.execute("DELETE FROM sqlite_sequence WHERE name IN (?, ?)", (table, temp))
        if keep:
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, keep))
        conn.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
            "WHERE table_name = ?",
            (table,),
        )

    # --- backend hooks -------------------------------------------------------------------
    def _execute(self, sql: str, params=()):
        try:
            return self.conn.execute(sql, params)
        except sqlite3.IntegrityError as exc:
            text = tr("The library {path} refused the change: {error}")
            raise LibraryError(
                text.format(path=self.path, error=exc), "constraint", self.path
            ) from None
        except sqlite3.OperationalError as exc:
            kind = "busy" if "locked" in str(exc) or "busy" in str(exc) else "database"
            text = tr("Library {path}: {error}")
            raise LibraryError(text.format(path=self.path, error=exc), kind, self.path) from None

    @contextmanager
    def _tx(self) -> Iterator[None]:
        if self._depth:
            with self._savepoint(self.conn.execute):  # SQLite: SAVEPOINT keyword optional
                yield
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            text = tr("Library {path} is busy or read-only: {error}")
            raise LibraryError(text.format(path=self.path, error=exc), "busy", self.path) from None
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            text = tr("Library {path}: the change could not be saved: {error}")
            raise LibraryError(text.format(path=self.path, error=exc), "io", self.path) from None

    def _text_search(self, text: str, limit: int, include_archived: bool) -> list[dict]:
        arch = "" if include_archived else " AND archived = ?"
        arch_p: tuple = () if include_archived else (False,)
        if len(text) >= 3:  # FTS5 trigram index: substring match like LIKE '%text%'
            phrase = '"' + text.replace('"', '""') + '"'
            cap = max(self.fts_cap, limit + 1)
            fids = [
                r[0]
                for r in self._execute(
                    "SELECT rowid FROM ymt_projects_fts WHERE ymt_projects_fts MATCH ? LIMIT ?",
                    (phrase, cap),
                ).fetchall()
            ]
            if len(fids) < cap:  # few matches: fetch them and sort by code
                return self._rows(
                    "SELECT * FROM ymt_projects WHERE fid IN (SELECT value FROM json_each(?))"
                    + arch
                    + " ORDER BY code LIMIT ?",
                    (json.dumps(fids),) + arch_p + (limit,),
                )
            # very common text: the scan in code order below stops after `limit` hits, sooner
        like = like_pattern(text)
        return self._rows(
            "SELECT * FROM ymt_projects WHERE fid IN (SELECT fid FROM ymt_projects INDEXED BY "
            "ymt_projects_search_idx WHERE (name LIKE ? ESCAPE '\\' OR "
            "applicant LIKE ? ESCAPE '\\')" + arch + " ORDER BY code LIMIT ?) ORDER BY code",
            (like, like) + arch_p + (limit,),
        )

    def _box_query(self, cols: str, box: tuple) -> tuple[str, tuple]:
        minx, miny, maxx, maxy = box
        return (
            f"SELECT {cols}, p.geom AS g FROM rtree_ymt_parcels_geom r "
            "JOIN ymt_parcels p ON p.fid = r.id "
            "WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?",
            (maxx, minx, maxy, miny),
        )

    def _geom_value(self, geom):
        return gpkg_blob(geom)

    def _geom_to_wkb(self, value):
        return None if value is None else gpkg_blob_wkb(value)

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]
