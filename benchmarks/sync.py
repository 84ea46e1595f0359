#!/usr/bin/env python
"""Benchmark: the nightly approval sync (``core/approval_sync``) on PostGIS.

Run: ``.venv/bin/python benchmarks/sync.py [--n 100000]``

A throw-away PostgreSQL/PostGIS server (``tests/postgis_server.py``, durable settings: fsync
on) holds a library of ``n`` projects, each with an investment code, and, in another database,
the 工改 staging tables with ``n`` valid handling records (one per project; 40 % 办结（通过）/
办结（容缺通过） of a mapped item with its approval document, the rest other statuses) plus
``n / 10`` rows with SJYXBS = 0. Timed: the first sync (events added, approval statuses set),
a second sync of the same tables (nothing to change) and a dry run. Goal: 100,000 records in
under 60 s. The numbers go to stdout (copy them into benchmarks/RESULTS.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ITEMS = [
    ("SX001", "建设项目用地预审与选址意见书核发"),
    ("SX003", "建设用地规划许可证核发"),
    ("SX004", "建设工程规划许可证核发"),
    ("SX005", "建筑工程施工许可证核发"),
    ("SX006", "竣工联合验收"),
]
STAMP = "2025-01-01T00:00:00.000Z"


def investment_code(i: int) -> str:
    return f"2024-430702-47-01-{i:06d}"


def build_library(lib, n: int) -> None:
    from psycopg2.extras import execute_values

    rows = []
    for i in range(n):
        code = "4343070220240301120701" + f"{i + 1:06d}"
        rows.append(
            (
                code,
                f"项目{i + 1}",
                "municipal_key",
                "43",
                "430702",
                "2024",
                "03",
                "01",
                "12",
                "0701",
                code[-6:],
                investment_code(i),
                "active",
                False,
                STAMP,
                STAMP,
                "benchmark",
            )
        )
    cur = lib.connection.cursor()
    execute_values(
        cur,
        "INSERT INTO ymt_projects (code, name, source, region, admin, year, approval_type, "
        "project_type, supply_type, land_use, serial, investment_code, status, archived, "
        "created_at, updated_at, updated_by) VALUES %s",
        rows,
        page_size=5000,
    )
    cur.execute("ANALYZE")
    lib.connection.commit()


def build_staging(uri: str, n: int, seed: int = 7) -> None:
    import psycopg2
    from psycopg2.extras import execute_values

    rng = random.Random(seed)
    conn = psycopg2.connect(uri)
    cur = conn.cursor()
    cur.execute("CREATE SCHEMA spgl")
    cur.execute(
        "CREATE TABLE spgl.spgl_xmspsxblxxb (dfsjzj text, xmdm text, spsxslbm text, "
        "spsxbm text, spsxmc text, sjyxbs int)"
    )
    cur.execute(
        "CREATE TABLE spgl.spgl_xmspsxblxxxxb (dfsjzj text, lsh text, spsxslbm text, blzt int, "
        "blsj timestamp, blcs text, sjyxbs int)"
    )
    cur.execute(
        "CREATE TABLE spgl.spgl_xmspsxpfwjxxb (dfsjzj text, spsxslbm text, pfwh text, "
        "pfrq date, pfwjbt text, pfwjyxqx date, sjyxbs int)"
    )
    items, details, docs = [], [], []
    start = dt.datetime(2024, 1, 1, 9)
    for i in range(n):
        code, name = ITEMS[i % len(ITEMS)]
        inst = f"I{i}"
        items.append((f"S{i}", investment_code(i), inst, code, name, 1))
        when = start + dt.timedelta(minutes=i)
        approved = rng.random() < 0.4
        blzt = rng.choice((11, 12)) if approved else rng.choice((1, 3, 6, 7, 8, 13))
        details.append((f"D{i}", f"L{i}", inst, blzt, when, "规划科", 1))
        if approved:
            expiry = dt.date(9999, 1, 1) if i % 3 else dt.date(2027, 1, 1)
            docs.append((f"F{i}", inst, f"常规字〔2024〕{i}号", when.date(), name, expiry, 1))
        if i % 10 == 0:
            details.append((f"D{i}", f"L{i}", inst, 5, when, "窗口", 0))  # SJYXBS = 0
    for table, rows in (
        ("spgl_xmspsxblxxb", items),
        ("spgl_xmspsxblxxxxb", details),
        ("spgl_xmspsxpfwjxxb", docs),
    ):
        execute_values(cur, f"INSERT INTO spgl.{table} VALUES %s", rows, page_size=5000)
    conn.commit()
    conn.close()


def main() -> None:
    from tests.postgis_server import PostgisServer
    from yimatong_plugin.core.approval_sync import run_sync
    from yimatong_plugin.core.library import open_library

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    n = args.n
    server = PostgisServer(durable=True).start()
    try:
        lib = open_library(server.new_database(), user="benchmark")
        t0 = time.perf_counter()
        build_library(lib, n)
        staging = server.new_database(prefix="spgl", postgis=False)
        build_staging(staging, n)
        print(f"setup ({n} projects, {n} records): {time.perf_counter() - t0:.1f} s")
        source = staging + "?options=-csearch_path%3Dspgl"
        for label, kwargs in (
            ("dry run", {"dry_run": True}),
            ("first sync", {}),
            ("second sync (no change)", {}),
        ):
            t = time.perf_counter()
            result = run_sync(lib, source, **kwargs)
            secs = time.perf_counter() - t
            counts: dict[str, int] = {}
            for r in result.records:
                counts[r.action] = counts.get(r.action, 0) + 1
            print(
                f"{label}: {secs:.1f} s for {len(result.records)} records "
                f"({secs / len(result.records) * 10_000:.2f} s per 10,000); {counts}"
            )
            assert result.failed is None, result.error
        events = lib.query("SELECT count(*) AS n FROM ymt_events")[0]["n"]
        print(f"events in the library: {events}")
        lib.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
