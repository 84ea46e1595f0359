"""Read the national 工改 staging tables (前置库, ``SPGL_*``) from PostgreSQL, a GeoPackage/SQLite
file or a folder of CSV exports (UTF-8 or GBK).

Table and column names are matched case-insensitively; every row comes back as a dict keyed by
the upper-case national column name (``XMDM``, ``BLZT``…). Nothing is written to the source.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from pathlib import Path
from typing import Optional

from ..i18n import tr

#: role -> national table name
TABLES = {
    "projects": "SPGL_XMJBXXB",  # 项目基本信息 (XMDM, XMMC, XZQHDM)
    "items": "SPGL_XMSPSXBLXXB",  # 审批事项办理信息 (SPSXSLBM, XMDM, SPSXBM, SPSXMC)
    "details": "SPGL_XMSPSXBLXXXXB",  # 办理详细信息 (BLZT, BLSJ, BLCS, LSH, DFSJZJ, SJYXBS)
    "documents": "SPGL_XMSPSXPFWJXXB",  # 批复文件 (PFWH, PFRQ, PFWJBT, PFWJYXQX)
}
REQUIRED = ("items", "details")


class StagingError(ValueError):
    """The source cannot be read; the message says what and where."""


def _upper_keys(names, rows) -> list[dict]:
    keys = [str(n).strip().upper() for n in names]
    return [dict(zip(keys, row)) for row in rows]


def _missing(where: str, role: str) -> StagingError:
    return StagingError(
        tr("{where} has no table {table} (table names are matched ignoring case)").format(
            where=where, table=TABLES[role]
        )
    )


def read_postgres(dsn: str, where: str = "") -> dict[str, list[dict]]:
    """The staging tables visible in the connection's search_path (read only)."""
    import psycopg2
    from psycopg2 import sql

    where = where or tr("the PostgreSQL source")
    try:
        conn = psycopg2.connect(dsn, connect_timeout=15)
    except psycopg2.Error as exc:
        raise StagingError(
            tr("Cannot connect to {where}: {error}").format(
                where=where, error=str(exc).strip().splitlines()[0]
            )
        ) from None
    out: dict[str, list[dict]] = {}
    try:
        conn.set_session(readonly=True)
        cur = conn.cursor()
        for role, table in TABLES.items():
            cur.execute(
                "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c "
                "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND pg_table_is_visible(c.oid) "
                "AND lower(c.relname) = lower(%s)",
                (table,),
            )
            found = cur.fetchall()
            if len(found) > 1:
                raise StagingError(
                    tr("{where} has more than one table named {table} (ignoring case)").format(
                        where=where, table=table
                    )
                )
            if not found:
                if role in REQUIRED:
                    raise _missing(where, role)
                continue
            schema, name = found[0]
            cur.execute(
                sql.SQL("SELECT * FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(name))
            )
            out[role] = _upper_keys([d[0] for d in cur.description], cur.fetchall())
    except psycopg2.Error as exc:
        raise StagingError(
            tr("Reading {where} failed: {error}").format(
                where=where, error=str(exc).strip().splitlines()[0]
            )
        ) from None
    finally:
        conn.close()
    return out


def read_sqlite(path) -> dict[str, list[dict]]:
    """The staging tables of a GeoPackage or SQLite file (opened read-only)."""
    path = Path(path)
    uri = "file:" + path.resolve().as_posix() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise StagingError(
            tr("Cannot open {where}: {error}").format(where=path, error=exc)
        ) from None
    out: dict[str, list[dict]] = {}
    try:
        for role, table in TABLES.items():
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                    "AND lower(name) = lower(?)",
                    (table,),
                )
            ]
            if not names:
                if role in REQUIRED:
                    raise _missing(str(path), role)
                continue
            cur = conn.execute('SELECT * FROM "{}"'.format(names[0].replace('"', '""')))
            out[role] = _upper_keys([d[0] for d in cur.description], cur.fetchall())
    except sqlite3.Error as exc:
        raise StagingError(
            tr("Reading {where} failed: {error}").format(where=path, error=exc)
        ) from None
    finally:
        conn.close()
    return out


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # gb18030 is a superset of GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StagingError(tr("{file}: neither UTF-8 nor GBK text").format(file=path))


def read_csv_folder(folder) -> dict[str, list[dict]]:
    """``<table>.csv`` files of a folder (any case; UTF-8, UTF-8 with BOM or GBK)."""
    folder = Path(folder)
    files = {p.stem.upper(): p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".txt")}
    out: dict[str, list[dict]] = {}
    for role, table in TABLES.items():
        path = files.get(table)
        if path is None:
            if role in REQUIRED:
                raise _missing(str(folder), role)
            continue
        reader = csv.reader(io.StringIO(_decode(path.read_bytes(), path)))
        header = next(reader, None) or []
        rows = [[c if c != "" else None for c in row] for row in reader if any(row)]
        out[role] = _upper_keys(header, rows)
    return out


def is_sqlite_file(path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def read_staging(source: str, dsn: Optional[str] = None) -> dict[str, list[dict]]:
    """The staging tables of ``source``: a PostgreSQL connection string (or ``dsn``, the
    resolved connection string of a named connection), a GeoPackage/SQLite file or a folder of
    CSV exports."""
    from ..library import is_postgres_uri

    text = (source or "").strip()
    if dsn or is_postgres_uri(text):
        return read_postgres(dsn or text, where=text)
    if not text:
        raise StagingError(tr("Choose the staging source (a database or a folder of CSV files)"))
    if os.path.isdir(text):
        return read_csv_folder(text)
    if os.path.isfile(text):
        if is_sqlite_file(text):
            return read_sqlite(text)
        raise StagingError(
            tr("{where} is neither a GeoPackage/SQLite file nor a folder of CSV files").format(
                where=text
            )
        )
    raise StagingError(tr("The staging source {where} does not exist").format(where=text))
