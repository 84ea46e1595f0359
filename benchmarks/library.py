# ruff: noqa: E501  (long SQL and report lines)
"""Project library benchmark: allocations/s, parse_code/s and find latency.

    .venv/bin/python benchmarks/library.py [--quick] [--no-postgis] [--rebuild]

* allocations/s with 1 and 8 processes on one prefix, GeoPackage and PostGIS (a durable
  throw-away cluster started here: fsync on). Peer: a bare INSERT-per-allocation loop on the same
  backend without our checks (no prefix validation, no counter row, no audit), measured in the
  same run.
* parse_code/s. Peer: a bare ``re.fullmatch`` + slicing of the 28 digits (no code lists).
* find latency on a library of 100,000 projects / 300,000 parcels / 1,000,000 events
  (GeoPackage, built once with bulk inserts and cached in benchmarks/_data/, gitignored; the
  triggers run during the build, so the audit log holds 1.4 M rows too). Peer: the plain
  ``LIKE`` scan a naive implementation would run for the same question.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import library_workers  # noqa: E402
from yimatong_plugin.core.code import parse_code  # noqa: E402
from yimatong_plugin.core.library import open_library  # noqa: E402
from yimatong_plugin.core.library.base import now_iso  # noqa: E402
from yimatong_plugin.core.library.geometry import gpkg_blob  # noqa: E402

DATA = ROOT / "benchmarks" / "_data"
SEG = library_workers.SEG
N_PROJECTS, N_PARCELS, N_EVENTS = 100_000, 300_000, 1_000_000
REPEAT = 3
ADMINS = ["430702", "430703", "430721", "430722", "430723", "430724", "430725", "430726", "430781"]
YEARS = ["2019", "2020", "2021", "2022", "2023", "2024"]
PLACES = [
    "武陵",
    "鼎城",
    "安乡",
    "汉寿",
    "澧县",
    "临澧",
    "桃源",
    "石门",
    "津市",
    "柳叶湖",
    "德山",
    "西洞庭",
]
KINDS = [
    "安置房",
    "中学",
    "小学",
    "工业园",
    "物流园",
    "道路",
    "污水处理厂",
    "医院",
    "商业综合体",
    "公园",
]
APPLICANTS = [
    "城投公司",
    "交投集团",
    "教育局",
    "卫健委",
    "经开区管委会",
    "住建局",
    "水利局",
    "文旅集团",
]
STAGES = ["preliminary_review", "conversion_approval", "reserve", "supply", "planning_permit",
          "construction_start", "completion", "registration", "supervision", "supply"]  # fmt: skip


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


# --- allocation ------------------------------------------------------------------------------
def _bare_insert_worker(args):
    """Peer: one INSERT per allocation in its own transaction, no checks, no audit."""
    uri, n, start_at = args
    if "://" in uri:
        import psycopg2

        conn = psycopg2.connect(uri)
        conn.autocommit = True
        cur = conn.cursor()
        while time.time() < start_at:
            time.sleep(0.001)
        for _ in range(n):
            cur.execute(
                "INSERT INTO bare_alloc (prefix) VALUES (%s) RETURNING id",
                ("4343070220240301120701",),
            )
            cur.fetchone()
        conn.close()
    else:
        conn = sqlite3.connect(uri, timeout=60, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        while time.time() < start_at:
            time.sleep(0.001)
        for _ in range(n):
            conn.execute("INSERT INTO bare_alloc (prefix) VALUES (?)", ("4343070220240301120701",))
        conn.close()
    return n


def _prepare_bare(uri: str) -> None:
    if "://" in uri:
        import psycopg2

        conn = psycopg2.connect(uri)
        conn.autocommit = True
        conn.cursor().execute(
            "CREATE TABLE IF NOT EXISTS bare_alloc (id serial PRIMARY KEY, prefix text)"
        )
        conn.close()
    else:
        conn = sqlite3.connect(uri)
        conn.execute("CREATE TABLE IF NOT EXISTS bare_alloc (id INTEGER PRIMARY KEY, prefix TEXT)")
        conn.commit()
        conn.close()


def timed_pool(worker, uri: str, processes: int, per_process: int) -> float:
    """Seconds from the common start until every process finished (spawn start excluded)."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(processes) as pool:
        start_at = time.time() + 2.5
        pool.map(worker, [(uri, per_process, start_at)] * processes)
        return time.time() - start_at


def bench_allocation(label: str, make_uri, total: int) -> list[tuple]:
    rows = []
    for processes in (1, 8):
        uri = make_uri()
        open_library(uri).close()
        per = total // processes
        _prepare_bare(uri)
        ours_runs, bare_runs = [], []
        for run in range(REPEAT):  # interleaved, best of REPEAT: the machine is shared
            ours_runs.append(timed_pool(library_workers.allocate_many, uri, processes, per))
            lib = open_library(uri)
            expected = per * processes * (run + 1) + run + 1  # distinct and consecutive
            assert lib.allocate_code(**SEG).serial == f"{expected:06d}"
            lib.close()
            bare_runs.append(timed_pool(_bare_insert_worker, uri, processes, per))
        ours, bare = min(ours_runs), min(bare_runs)
        r_ours, r_bare = rate(per * processes, ours), rate(per * processes, bare)
        rows.append(
            (f"{label}, {processes} process{'es' if processes > 1 else ''}", r_ours, r_bare)
        )
        print(
            f"  allocate_code {label:<9} x{processes}: {r_ours:8.0f}/s   bare INSERT loop: {r_bare:8.0f}/s"
            f"   ratio ours/bare = {r_ours / r_bare:.2f}"
        )
    return rows


# --- parse_code ------------------------------------------------------------------------------
_BARE_RE = re.compile(r"[0-9]{28}")


def bare_parse(text: str):
    if not _BARE_RE.fullmatch(text):
        raise ValueError(text)
    return (
        text[0:2],
        text[2:8],
        text[8:12],
        text[12:14],
        text[14:16],
        text[16:18],
        text[18:22],
        text[22:],
    )


def bench_parse(n: int) -> tuple[float, float]:
    codes = [
        f"43{random.choice(ADMINS)}{random.choice(YEARS)}030112{random.choice(['0701', '1001', '0804'])}"
        f"{random.randint(1, 999999):06d}"
        for _ in range(n)
    ]
    parse_code(codes[0])  # warm the code lists
    t0 = time.perf_counter()
    for c in codes:
        parse_code(c)
    ours = rate(n, time.perf_counter() - t0)
    t0 = time.perf_counter()
    for c in codes:
        bare_parse(c)
    bare = rate(n, time.perf_counter() - t0)
    print(
        f"  parse_code: {ours:10.0f}/s   bare regex + slicing: {bare:10.0f}/s   ratio = {ours / bare:.3f}"
    )
    return ours, bare


# --- the 100k library ------------------------------------------------------------------------
def build_library(path: Path) -> None:
    """100k projects, 300k parcels, 1M events through bulk INSERTs (triggers active)."""
    tmp = path.with_suffix(".building")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        if p.exists():
            p.unlink()
    rng = random.Random(20241121)
    lib = open_library(tmp, user="bench")
    conn = lib.conn
    stamp = now_iso()
    counters: dict[str, int] = {}
    projects = []
    for i in range(N_PROJECTS):
        admin, year = ADMINS[i % len(ADMINS)], YEARS[(i // len(ADMINS)) % len(YEARS)]
        land_use = ("0701", "1001", "0804", "1207", "0901")[i % 5]
        prefix = f"43{admin}{year}0301" + "12" + land_use
        serial = counters.get(prefix, 0) + 1
        counters[prefix] = serial
        code = f"{prefix}{serial:06d}"
        name = f"{rng.choice(PLACES)}{rng.choice(KINDS)}{i % 97}号项目"
        applicant = f"常德市{rng.choice(APPLICANTS)}"
        projects.append(
            (
                code,
                name,
                "municipal_key",
                "43",
                admin,
                year,
                "03",
                "01",
                "12",
                land_use,
                f"{serial:06d}",
                applicant,
                float(rng.randint(1000, 200000)),
                stamp,
                stamp,
                "bench",
            )  # fmt: skip
        )
    import shapely

    t0 = time.time()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO ymt_projects (code, name, source, region, admin, year, approval_type, project_type, "
        "supply_type, land_use, serial, applicant, declared_area_m2, created_at, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        projects,
    )
    # ymt_serials: filled by the projects insert trigger (schema v3)

    def parcels():
        for j in range(N_PARCELS):
            code = projects[j // 3][0]
            x = 110.5 + rng.random() * 1.8
            y = 28.5 + rng.random() * 1.5
            d = 0.001 + rng.random() * 0.004
            geom = shapely.MultiPolygon([shapely.box(x, y, x + d, y + d)])
            yield (gpkg_blob(geom), code, "supply", d * d * 1.1e10, stamp, stamp, "bench")

    conn.executemany(
        "INSERT INTO ymt_parcels (geom, code, stage, area_m2, created_at, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        parcels(),
    )

    def events():
        for k in range(N_EVENTS):
            code = projects[k // 10][0]
            stage = STAGES[k % 10]
            day = f"20{19 + (k % 6)}-{1 + k % 12:02d}-{1 + k % 28:02d}"
            agreed = "2025-06-01" if stage == "supply" else None
            yield (code, stage, day, f"常自然资〔2024〕{k % 1000}号", agreed, stamp, stamp, "bench")

    conn.executemany(
        "INSERT INTO ymt_events (code, stage, event_date, doc_no, agreed_start, created_at, updated_at, "
        "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        events(),
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    lib.close()
    tmp.rename(path)
    print(f"  built {path.name} in {time.time() - t0:.0f} s ({path.stat().st_size / 1e6:.0f} MB)")


def latency_ms(fn, repeat: int = 30) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def bench_find(path: Path) -> list[tuple]:
    lib = open_library(path)
    counts = lib.counts()
    print(
        f"  library: {counts['ymt_projects']} projects, {counts['ymt_parcels']} parcels, "
        f"{counts['ymt_events']} events, {counts['ymt_audit']} audit rows"
    )
    raw = sqlite3.connect(path)
    some = lib.projects(limit=50_000)[-1]["code"]
    cases = [
        ("full code", some, lambda: raw.execute("SELECT * FROM ymt_projects WHERE code LIKE ?", (some,)).fetchall()),
        ("grouped code", parse_code(some).display(),
         lambda: raw.execute("SELECT * FROM ymt_projects WHERE code LIKE ?", (some,)).fetchall()),
        ("code prefix (admin+year)", some[:12],
         lambda: raw.execute("SELECT * FROM ymt_projects WHERE code LIKE ? ORDER BY code LIMIT 50",
                             (some[:12] + "%",)).fetchall()),
        ("name part (3 chars)", "工业园",
         lambda: raw.execute("SELECT * FROM ymt_projects WHERE name LIKE ? OR applicant LIKE ? ORDER BY code "
                             "LIMIT 50", ("%工业园%", "%工业园%")).fetchall()),
        ("rare name part", "石门医院7",
         lambda: raw.execute("SELECT * FROM ymt_projects WHERE name LIKE ? OR applicant LIKE ? ORDER BY code "
                             "LIMIT 50", ("%石门医院7%", "%石门医院7%")).fetchall()),
        ("no match", "不存在的名称",
         lambda: raw.execute("SELECT * FROM ymt_projects WHERE name LIKE ? OR applicant LIKE ? ORDER BY code "
                             "LIMIT 50", ("%不存在的名称%", "%不存在的名称%")).fetchall()),
        ("2-char name part", "中学",
         lambda: raw.execute("SELECT * FROM ymt_projects WHERE name LIKE ? OR applicant LIKE ? ORDER BY code "
                             "LIMIT 50", ("%中学%", "%中学%")).fetchall()),
        ("2-char name, no match", "学校",
         lambda: raw.execute("SELECT * FROM ymt_projects WHERE name LIKE ? OR applicant LIKE ? ORDER BY code "
                             "LIMIT 50", ("%学校%", "%学校%")).fetchall()),
    ]  # fmt: skip
    rows = []
    for label, text, peer in cases:
        ours = latency_ms(lambda text=text: lib.find(text))
        bare = latency_ms(peer)
        n = len(lib.find(text))
        rows.append((label, text, n, ours, bare))
        print(
            f"  find {label:<26} ({n:>2} hits): {ours:7.2f} ms   plain LIKE scan: {bare:7.2f} ms   "
            f"speed-up = {bare / ours:6.1f}x"
        )
    events = latency_ms(lambda: lib.events(some))
    history = latency_ms(lambda: lib.history(some))
    parcels = latency_ms(lambda: lib.parcels(some))
    project = latency_ms(lambda: lib.project(some))
    print(
        f"  project(code) {project:.2f} ms, events(code) {events:.2f} ms, parcels(code) {parcels:.2f} ms, "
        f"history(code) {history:.2f} ms"
    )
    lib.close()
    raw.close()
    return rows + [("project/events/parcels/history", project, events, parcels, history)]


def build_postgis(uri: str, gpkg: Path) -> None:
    """Copy the cached GeoPackage's projects, parcels and events into a fresh PostGIS library
    with COPY (the audit and fill triggers run, as for any insert)."""
    import io

    import numpy as np
    import shapely

    lib = open_library(uri, user="bench")
    src = sqlite3.connect(gpkg)
    cur = lib.conn.cursor()
    t0 = time.time()

    def copy(table, columns, rows):
        buf = io.StringIO()
        for row in rows:
            buf.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
        buf.seek(0)
        cur.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buf)

    pcols = ["code", "name", "source", "region", "admin", "year", "approval_type", "project_type",
             "supply_type", "land_use", "serial", "applicant", "declared_area_m2", "updated_by"]  # fmt: skip
    cur.execute("BEGIN")
    copy("ymt_projects", pcols, src.execute(f"SELECT {', '.join(pcols)} FROM ymt_projects"))
    # ymt_serials: filled by the projects insert trigger (schema v3)
    rows = src.execute("SELECT geom, code, stage, area_m2, updated_by FROM ymt_parcels").fetchall()
    wkb = np.array(
        [bytes(r[0][40:]) for r in rows], dtype=object
    )  # GPKG header with XY envelope: 40 bytes
    geoms = shapely.set_srid(shapely.from_wkb(wkb), 4490)
    hexes = shapely.to_wkb(geoms, hex=True, include_srid=True)
    copy("ymt_parcels", ["geom", "code", "stage", "area_m2", "updated_by"],
         ((h, r[1], r[2], r[3], r[4]) for h, r in zip(hexes, rows)))  # fmt: skip
    ecols = ["code", "stage", "event_date", "doc_no", "agreed_start", "updated_by"]
    copy("ymt_events", ecols, src.execute(f"SELECT {', '.join(ecols)} FROM ymt_events"))
    cur.execute("COMMIT")
    cur.execute("ANALYZE")
    src.close()
    lib.close()
    print(f"  built the PostGIS library in {time.time() - t0:.0f} s")


def bench_find_postgis(uri: str) -> None:
    import psycopg2

    lib = open_library(uri)
    counts = lib.counts()
    print(
        f"  PostGIS library: {counts['ymt_projects']} projects, {counts['ymt_parcels']} parcels, "
        f"{counts['ymt_events']} events, {counts['ymt_audit']} audit rows"
    )
    raw = psycopg2.connect(uri)
    raw.autocommit = True
    rc = raw.cursor()
    rc.execute(
        "SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off"
    )

    def scan(sql, params):
        rc.execute(sql, params)
        return rc.fetchall()

    some = lib.projects(limit=50_000)[-1]["code"]
    name_sql = "SELECT * FROM ymt_projects WHERE name ILIKE %s OR applicant ILIKE %s ORDER BY code LIMIT 50"
    cases = [
        ("full code", some, lambda: scan("SELECT * FROM ymt_projects WHERE code LIKE %s", (some,))),
        ("code prefix (admin+year)", some[:12],
         lambda: scan("SELECT * FROM ymt_projects WHERE code LIKE %s ORDER BY code LIMIT 50", (some[:12] + "%",))),
        ("name part (3 chars)", "工业园", lambda: scan(name_sql, ("%工业园%", "%工业园%"))),
        ("rare name part", "石门医院7", lambda: scan(name_sql, ("%石门医院7%", "%石门医院7%"))),
        ("no match", "不存在的名称", lambda: scan(name_sql, ("%不存在的名称%", "%不存在的名称%"))),
        ("2-char name part", "中学", lambda: scan(name_sql, ("%中学%", "%中学%"))),
    ]  # fmt: skip
    for label, text, peer in cases:
        ours = latency_ms(lambda text=text: lib.find(text))
        bare = latency_ms(peer)
        n = len(lib.find(text))
        print(
            f"  PostGIS find {label:<26} ({n:>2} hits): {ours:7.2f} ms   sequential scan: {bare:7.2f} ms   "
            f"speed-up = {bare / ours:6.1f}x"
        )
    print(
        f"  PostGIS project(code) {latency_ms(lambda: lib.project(some)):.2f} ms, events(code) "
        f"{latency_ms(lambda: lib.events(some)):.2f} ms, history(code) {latency_ms(lambda: lib.history(some)):.2f} ms"
    )
    raw.close()
    lib.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer allocations (smoke run)")
    parser.add_argument("--no-postgis", action="store_true", help="skip the PostGIS measurements")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached 100k library")
    parser.add_argument("--find-only", action="store_true", help="only the find latencies")
    args = parser.parse_args()
    total = 800 if args.quick else 4000
    print(f"library benchmark ({os.cpu_count()} CPUs)")
    tmp = Path(tempfile.mkdtemp(prefix="ymt-bench-"))
    counter = iter(range(1000))
    server = None
    if not args.no_postgis:
        from tests.postgis_server import PostgisServer

        server = PostgisServer(durable=True).start()
    try:
        if not args.find_only:
            bench_allocation("GeoPackage", lambda: str(tmp / f"alloc{next(counter)}.gpkg"), total)
            if server:
                bench_allocation("PostGIS", server.new_database, total)
            bench_parse(20_000 if args.quick else 200_000)
        DATA.mkdir(parents=True, exist_ok=True)
        path = DATA / "library_100k.gpkg"
        if args.rebuild or not path.exists():
            build_library(path)
        bench_find(path)
        if server:
            uri = server.new_database()
            build_postgis(uri, path)
            bench_find_postgis(uri)
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
