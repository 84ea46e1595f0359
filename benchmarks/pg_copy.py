#!/usr/bin/env python
"""Copy a GeoPackage library into PostGIS, fast and column for column, and check the copy.

Run: ``.venv/bin/python benchmarks/pg_copy.py [--library GPKG] [--keep DIR] [--verify]``

Without ``--library`` the project box benchmark's library is used (100,000 projects / 300,000
parcels / 1,000,000 events, ``benchmarks/_data/projectbox_100000.gpkg``, built once by
``benchmarks/projectbox.py``). ``--keep DIR`` puts the PostgreSQL cluster in DIR (a new or empty
folder), stops it cleanly at the end and prints the command that starts it again and the
library's URI, for ``benchmarks/stats_refresh.py --postgis-uri URI`` (or any benchmark taking a
URI). Without ``--keep`` the throw-away cluster is removed at the end (a dry run of the copy).

How :func:`copy_library` copies (see its docstring): the library is created through the
plugin's own PostGIS schema code (``open_library`` on the URI), then every row of every library
table is bulk-loaded with ``COPY … FROM STDIN`` in chunks, every column as stored (fid, booleans,
dates, timestamps, geometry as hex EWKB with the GeoPackage header's SRID), with the library's
row triggers off during the load (``session_replication_role = replica``) and their effects
made afterwards: ``current_stage`` set with the library's own ``ymt_latest_stage()``, the fid
sequences moved past the copied fids, the foreign keys the triggers would have checked checked
in one query each; then ``VACUUM (ANALYZE)``. **The audit log (``ymt_audit``) is not copied**
and no audit rows are written for the load: a benchmark copy, not a migration.
``--verify`` (:func:`verify_copy`) compares the row counts of every table and 1,000 random
rows per table column by column, plus every project's ``current_stage`` against the
GeoPackage's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sqlite3
import struct
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = "ymt_bench"
CHUNK = 50_000
#: not copied: the audit log (see the module docstring); ymt_meta is written by open_library
SKIPPED = ("ymt_audit", "ymt_meta")
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_EWKB_SRID = 0x20000000


def _library_tables(pg) -> list[str]:
    """The plain tables of the PostGIS library (ymt_*), in dependency order."""
    cur = pg.cursor()
    cur.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
        "AND table_type = 'BASE TABLE' AND table_name LIKE 'ymt%' ORDER BY table_name"
    )
    names = [r[0] for r in cur.fetchall() if r[0] not in SKIPPED]
    first = ["ymt_projects", "ymt_parcels", "ymt_events", "ymt_serials"]
    return [t for t in first if t in names] + [t for t in names if t not in first]


def _pg_columns(pg, table: str) -> dict[str, str]:
    cur = pg.cursor()
    cur.execute(
        "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = "
        "'public' AND table_name = %s ORDER BY ordinal_position",
        (table,),
    )
    return dict(cur.fetchall())


def _gpkg_columns(src: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in src.execute(f'PRAGMA table_info("{table}")')]


def gpkg_ewkb_hex(blob) -> str | None:
    """A GeoPackage geometry blob as hex EWKB with the header's SRID: the WKB bytes as stored,
    only the SRID flag and the SRID put into the outer geometry's header."""
    if blob is None:
        return None
    blob = bytes(blob)
    flags = blob[3]
    order = "<" if flags & 0x01 else ">"
    srid = struct.unpack(order + "i", blob[4:8])[0]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0x07]
    wkb = blob[8 + envelope :]
    worder = "<" if wkb[0] == 1 else ">"
    kind = struct.unpack(worder + "I", wkb[1:5])[0]
    if kind > 7:  # ISO Z/M codes (1000+) or EWKB flags: let shapely write EWKB
        import shapely

        geom = shapely.set_srid(shapely.from_wkb(wkb), srid)
        return shapely.to_wkb(geom, hex=True, include_srid=True)
    return (wkb[:1] + struct.pack(worder + "II", kind | _EWKB_SRID, srid) + wkb[5:]).hex()


def _converter(udt: str):
    """The COPY text of a GeoPackage value for a PostgreSQL column of type ``udt``."""
    if udt == "geometry":
        return gpkg_ewkb_hex
    if udt == "bool":
        return lambda v: None if v is None else ("t" if v else "f")
    if udt == "bytea":
        return lambda v: None if v is None else "\\x" + bytes(v).hex()
    if udt in ("float8", "float4", "numeric"):
        return lambda v: None if v is None else repr(float(v))
    return None  # str() of the stored value (text, dates, timestamps, integers, json)


def _copy_table(src, cur, table: str, cols: list[str], udts: dict[str, str]) -> int:
    convert = [_converter(udts[c]) for c in cols]
    select = ", ".join(f'"{c}"' for c in cols)
    rows = src.execute(f'SELECT {select} FROM "{table}" ORDER BY fid')
    sql = f"COPY {table} ({', '.join(cols)}) FROM STDIN"
    n = 0
    while True:
        chunk = rows.fetchmany(CHUNK)
        if not chunk:
            break
        buf = io.StringIO()
        for row in chunk:
            out = []
            for fn, v in zip(convert, row):
                if fn is not None:
                    v = fn(v)
                out.append("\\N" if v is None else str(v).translate(_ESCAPE))
            buf.write("\t".join(out))
            buf.write("\n")
        buf.seek(0)
        cur.copy_expert(sql, buf)
        n += len(chunk)
    return n


#: the foreign keys the load skipped (replica mode), checked after it: (table, column, target)
_REFERENCES = (
    ("ymt_parcels", "code", "ymt_projects (code)"),
    ("ymt_events", "code", "ymt_projects (code)"),
    ("ymt_results", "code", "ymt_projects (code)"),
    ("ymt_parcels", "replaces", "ymt_parcels (fid)"),
    ("ymt_parcels", "replaced_by", "ymt_parcels (fid)"),
)


def copy_library(gpkg: Path, uri: str, log=print) -> dict[str, int]:
    """Copy every row of the GeoPackage library ``gpkg`` into a new PostGIS library at ``uri``
    (an empty PostGIS database); returns the rows copied per table.

    * the schema is the plugin's own: ``open_library(uri)`` creates it (tables, triggers,
      indexes, migrations to the current version); the GeoPackage is upgraded first the same way
      (opened once with ``open_library``) so both have the same columns — a column of the
      PostGIS table the GeoPackage lacks (or the reverse) is an error, not a silent gap;
    * each table's rows go in with ``COPY`` in chunks of 50,000, ``fid`` included, every value
      as stored (the parcels' geometry as hex EWKB, WKB bytes unchanged, SRID from the header);
    * the row triggers are off for the load (``SET session_replication_role = replica``, as
      ``pg_restore`` does): the fill triggers (the GeoPackage's values are kept as they are:
      e.g. an event's NULL status stays NULL, where a PostGIS insert would fill 'active'), the
      serial reservation (``ymt_serials`` is copied as it is), the audit (**no audit rows: the
      audit log is not copied; a benchmark copy, not a migration**) and the ``current_stage``
      upkeep, which is done after the load with the library's ``ymt_latest_stage(code)`` for
      every project; the foreign keys (triggers too) are checked after the load, one query each,
      and the fid identity sequences set past the largest fid;
    * one transaction, then ``VACUUM (ANALYZE)`` (the statistics, and the visibility map a
      freshly loaded table lacks: autovacuum would set it in a library in use, and PostgreSQL
      answers from an index alone only on vacuumed pages).
    """
    import psycopg2

    from yimatong_plugin.core.library import open_library

    t0 = time.perf_counter()
    open_library(str(gpkg)).close()  # the source at the current schema version (no-op if so)
    open_library(uri, user="benchmark").close()  # creates the PostGIS library
    log(f"  schema created ({time.perf_counter() - t0:.1f} s)")
    src = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    pg = psycopg2.connect(uri)
    copied = {}
    try:
        cur = pg.cursor()
        cur.execute("SET session_replication_role = replica")
        for table in _library_tables(pg):
            udts = _pg_columns(pg, table)
            have = _gpkg_columns(src, table)
            if set(udts) != set(have):
                raise RuntimeError(
                    f"{table}: columns differ (PostGIS only: {sorted(set(udts) - set(have))}, "
                    f"GeoPackage only: {sorted(set(have) - set(udts))})"
                )
            t1 = time.perf_counter()
            copied[table] = _copy_table(src, cur, table, list(udts), udts)
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'fid'), "
                f"coalesce(max(fid), 0) + 1, false) FROM {table}"
            )
            if copied[table]:
                log(f"  {table}: {copied[table]:,} rows ({time.perf_counter() - t1:.1f} s)")
        t1 = time.perf_counter()
        cur.execute(
            "UPDATE ymt_projects SET current_stage = ymt_latest_stage(code) "
            "WHERE current_stage IS DISTINCT FROM ymt_latest_stage(code)"
        )
        log(
            f"  current_stage = ymt_latest_stage(code) for every project: {cur.rowcount:,} "
            f"differed from the GeoPackage's and were set ({time.perf_counter() - t1:.1f} s)"
        )
        t1 = time.perf_counter()
        for table, column, target in _REFERENCES:
            ref_table, ref_col = target.rstrip(")").split(" (")
            cur.execute(
                f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {ref_table} r WHERE r.{ref_col} = t.{column})"
            )
            orphans = cur.fetchone()[0]
            if orphans:
                raise RuntimeError(f"{table}.{column}: {orphans} rows name no {target}")
        cur.execute("SET session_replication_role = DEFAULT")
        pg.commit()
        log(f"  foreign keys checked, committed ({time.perf_counter() - t1:.1f} s)")
        t1 = time.perf_counter()
        pg.autocommit = True  # VACUUM too, as autovacuum does a library in use: PostgreSQL
        cur.execute("VACUUM (ANALYZE)")  # answers from an index alone only on vacuumed pages
        log(f"  VACUUM (ANALYZE) ({time.perf_counter() - t1:.1f} s)")
    finally:
        pg.close()
        src.close()
    log(f"copied into PostGIS in {time.perf_counter() - t0:.0f} s")
    return copied


def _gpkg_geometry(blob):
    """(SRID, WKB bytes) of a GeoPackage blob, read with the library's own header parser."""
    from yimatong_plugin.core.library.geometry import gpkg_blob_wkb

    if blob is None:
        return None
    blob = bytes(blob)
    order = "<" if blob[3] & 0x01 else ">"
    return struct.unpack(order + "i", blob[4:8])[0], gpkg_blob_wkb(blob)


def _timestamp(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _same(udt: str, ours, theirs) -> bool:
    """Is the GeoPackage value ``ours`` the PostGIS value ``theirs`` (of type ``udt``)?"""
    if ours is None or theirs is None:
        return ours is None and theirs is None
    if udt == "geometry":
        return _gpkg_geometry(ours) == (theirs[0], bytes(theirs[1]))
    if udt == "bool":
        return bool(ours) == theirs and ours in (0, 1)
    if udt == "date":
        return ours == theirs.isoformat()
    if udt == "timestamptz":
        return _timestamp(ours) == theirs
    if udt in ("float8", "float4", "numeric"):
        return float(ours) == float(theirs)
    if udt == "bytea":
        return bytes(ours) == bytes(theirs)
    if udt in ("json", "jsonb"):
        import json

        return json.loads(ours) == (json.loads(theirs) if isinstance(theirs, str) else theirs)
    return ours == theirs and type(ours) is type(theirs)


def verify_copy(gpkg: Path, uri: str, sample: int = 1000, seed: int = 13, log=print) -> int:
    """Compare the PostGIS copy at ``uri`` with the GeoPackage ``gpkg``; returns the number of
    differences found (0: the copy is faithful as far as checked).

    Checked: the row count of every library table (the audit log is reported, not compared: it
    is not copied); ``sample`` random rows per table (by fid), every column, each value in its
    PostgreSQL type (booleans, dates, timestamps as instants, floats exactly, the geometry as
    SRID + WKB bytes read back with ``ST_SRID``/``ST_AsBinary``); every project's
    ``current_stage`` (the GeoPackage's, kept by its triggers, against the one computed on
    PostGIS)."""
    import psycopg2

    src = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    pg = psycopg2.connect(uri)
    cur = pg.cursor()
    bad = 0
    rng = random.Random(seed)
    try:
        for table in _library_tables(pg) + ["ymt_audit"]:
            n_src = src.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            cur.execute(f"SELECT count(*) FROM {table}")
            n_pg = cur.fetchone()[0]
            if table == "ymt_audit":
                log(f"  {table}: {n_src:,} rows in the GeoPackage, {n_pg:,} in PostGIS: not copied")
                continue
            if n_src != n_pg:
                bad += 1
            udts = _pg_columns(pg, table)
            cols = list(udts)
            fids = [r[0] for r in src.execute(f'SELECT fid FROM "{table}"')]
            picked = sorted(rng.sample(fids, min(sample, len(fids))))
            diffs: dict[str, int] = {}
            if picked:
                marks = ",".join("?" * len(picked))
                select = ", ".join(f'"{c}"' for c in cols)
                mine = {
                    r[0]: r
                    for r in src.execute(
                        f'SELECT {select} FROM "{table}" WHERE fid IN ({marks})', picked
                    )
                }
                pg_cols = ", ".join(
                    f"ST_SRID({c}), ST_AsBinary({c})" if udts[c] == "geometry" else c for c in cols
                )
                cur.execute(f"SELECT {pg_cols} FROM {table} WHERE fid = ANY(%s)", (picked,))
                theirs = {}
                for r in cur.fetchall():
                    row, i = [], 0
                    for c in cols:
                        if udts[c] == "geometry":
                            row.append(None if r[i] is None else (r[i], r[i + 1]))
                            i += 2
                        else:
                            row.append(r[i])
                            i += 1
                    theirs[row[0]] = row
                for fid in picked:
                    if fid not in theirs:
                        diffs["(row missing)"] = diffs.get("(row missing)", 0) + 1
                        continue
                    for c, a, b in zip(cols, mine[fid], theirs[fid]):
                        if not _same(udts[c], a, b):
                            diffs[c] = diffs.get(c, 0) + 1
            bad += sum(diffs.values())
            log(
                f"  {table}: rows {n_src:,} / {n_pg:,} (GeoPackage / PostGIS); "
                f"{len(picked)} sampled rows x {len(cols)} columns: "
                + (f"differences {diffs}" if diffs else "all equal")
            )
        stages = dict(src.execute("SELECT code, current_stage FROM ymt_projects"))
        cur.execute("SELECT code, current_stage FROM ymt_projects")
        other = dict(cur.fetchall())
        differ = sum(1 for code, s in stages.items() if other.get(code, "?") != s)
        bad += differ
        log(f"  current_stage of all {len(stages):,} projects: {differ} differ")
    finally:
        pg.close()
        src.close()
    log(f"verification: {'the copy is faithful' if bad == 0 else f'{bad} differences'}")
    return bad


def copy_to_server(gpkg: Path, keep: str | None = None, verify: bool = False, durable=True):
    """Start a cluster (in ``keep`` if given), copy ``gpkg`` into its database ``ymt_bench``;
    returns (server, uri, differences found by ``--verify`` or None). The caller stops it."""
    from tests.postgis_server import PostgisServer

    server = PostgisServer(durable=durable, keep=keep).start()
    try:
        uri = server.new_database(name=DB_NAME)
        copy_library(gpkg, uri)
        bad = verify_copy(gpkg, uri) if verify else None
    except BaseException:
        server.stop()
        raise
    return server, uri, bad


def print_kept(server, uri: str) -> None:
    print(
        f"kept cluster in {server.keep} (stopped). Start it again with:\n  "
        f"{server.ctl_command()}\nthen measure with:\n  "
        f".venv/bin/python benchmarks/stats_refresh.py --no-gpkg --postgis-uri {uri}\n"
        f"and stop it with:\n  {server.ctl_command('-m fast stop')}"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", help="the GeoPackage library (default: the benchmark's)")
    parser.add_argument("--keep", metavar="DIR", help="leave the cluster in DIR (new or empty)")
    parser.add_argument("--verify", action="store_true", help="compare the copy (see verify_copy)")
    args = parser.parse_args(argv)
    if args.library:
        gpkg = Path(args.library)
    else:
        from benchmarks.projectbox import DATA, N_PROJECTS, build_library

        gpkg = build_library(DATA / f"projectbox_{N_PROJECTS}.gpkg")
    server, uri, bad = copy_to_server(gpkg, args.keep, args.verify)
    server.stop()
    if args.keep:
        print_kept(server, uri)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
