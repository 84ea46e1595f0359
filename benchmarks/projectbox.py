#!/usr/bin/env python
"""Benchmark: the project box lookup for one map click (``core/projectbox.projects_at``).

Run: ``.venv/bin/python benchmarks/projectbox.py [--clicks 1000] [--postgis]``

Library: 100,000 projects / 300,000 parcels / 1,000,000 events in a GeoPackage, cached under
``benchmarks/_data/projectbox_100000.gpkg`` (gitignored). It is built from the panel
benchmark's 100,000-project library (``tests/panel_data.py``, reused, not regenerated):
a copy gets 300,000 parcels (1–5 per project, clustered around Changde's county seats, 40–400 m
across; 10 % retired and replaced by a shifted version, so lineage is there) and events up to
1,000,000, all inserted through the library's own triggers (R-tree, audit).

Measured in the same run, per click (70 % of the clicks on a parcel, 30 % anywhere in the
city):

* ours: ``projects_at(lib, x, y)`` — R-tree candidates, exact shapely test, project rows;
* ours with a projected canvas CRS (EPSG:4546 input: one pyproj transform more);
* peer: a full scan — ``shapely.contains`` of the point over all 300,000 parcel geometries
  (already loaded in memory, load time reported apart) and the same project-row query.

With ``--postgis`` the same library is copied into a throw-away PostgreSQL/PostGIS server
(``tests/postgis_server.py``; the GiST index answers; the copy: ``benchmarks/pg_copy.py``) and
measured with the same clicks.
All must return the same projects for every click (checked). Target: ours < 100 ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import shapely
import shapely.affinity

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "benchmarks" / "_data"
N_PROJECTS = 100_000
N_PARCELS = 300_000
N_EVENTS = 1_000_000
CENTRES = [  # Changde's district and county seats (lon, lat)
    (111.69, 29.04),
    (111.68, 28.99),
    (111.60, 29.17),
    (111.89, 28.90),
    (111.75, 29.61),
    (111.66, 29.41),
    (111.49, 29.45),
    (111.37, 29.66),
    (111.88, 29.62),
    (112.18, 29.40),
]
STAMP = "2025-01-01T00:00:00.000Z"
M_PER_DEG = 111_000.0


def _parcel_geoms(rng: np.random.Generator, counts: np.ndarray):
    """Rectangles clustered per project around the county seats (EPSG:4490)."""
    n_projects = len(counts)
    centre_idx = rng.integers(0, len(CENTRES), n_projects)
    centres = np.array(CENTRES)[centre_idx]
    spread = rng.choice([0.02, 0.05, 0.12], n_projects, p=[0.5, 0.35, 0.15])
    px = centres[:, 0] + rng.normal(0, 1, n_projects) * spread
    py = centres[:, 1] + rng.normal(0, 1, n_projects) * spread * 0.8
    owner = np.repeat(np.arange(n_projects), counts)
    total = int(counts.sum())
    # parcels of a project lie within ~300 m of its centre
    ox = px[owner] + rng.uniform(-300, 300, total) / M_PER_DEG
    oy = py[owner] + rng.uniform(-300, 300, total) / M_PER_DEG
    w = rng.uniform(40, 400, total) / M_PER_DEG
    h = rng.uniform(40, 400, total) / M_PER_DEG
    boxes = shapely.box(ox, oy, ox + w, oy + h)
    return owner, boxes


def build_library(path: Path, seed: int = 20241122) -> Path:
    """Create (once) the benchmark library at ``path`` from the panel benchmark's library."""
    if path.exists():
        return path
    from tests.panel_data import benchmark_library
    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.core.library.geometry import ellipsoidal_area, gpkg_blob

    t0 = time.perf_counter()
    source = benchmark_library(N_PROJECTS)
    tmp = path.with_suffix(".tmp.gpkg")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        if p.exists():
            p.unlink()
    shutil.copyfile(source, tmp)
    print(f"copied the panel library ({time.perf_counter() - t0:.1f} s); adding parcels…")
    rng = np.random.default_rng(seed)
    lib = open_library(str(tmp), user="benchmark")
    try:
        conn = lib.connection
        codes = [r[0] for r in conn.execute("SELECT code FROM ymt_projects ORDER BY fid")]
        n = len(codes)
        # base parcels + a replacement for each retired one = exactly N_PARCELS rows
        n_base = -(-N_PARCELS * 10 // 11)
        counts = rng.integers(1, 6, n).astype(float)
        counts = np.maximum(1, np.floor(counts * n_base / counts.sum())).astype(int)
        counts[: n_base - counts.sum()] += 1
        owner, boxes = _parcel_geoms(rng, counts)
        retire = np.zeros(len(boxes), bool)
        retire[rng.choice(len(boxes), N_PARCELS - len(boxes), replace=False)] = True
        rows, updates = [], []
        fid = conn.execute("SELECT coalesce(max(fid), 0) FROM ymt_parcels").fetchone()[0]
        for i, geom in enumerate(boxes):
            multi = shapely.MultiPolygon([geom])
            fid += 1
            code = codes[owner[i]]
            area = ellipsoidal_area(geom)
            if retire[i]:
                rows.append((fid, gpkg_blob(multi), code, area, 1, None, STAMP, STAMP))
                old = fid
                fid += 1
                dx = rng.uniform(-30, 30) / M_PER_DEG
                shifted = shapely.MultiPolygon([shapely.affinity.translate(geom, dx, dx)])
                rows.append((fid, gpkg_blob(shifted), code, area, 0, old, STAMP, STAMP))
                updates.append((fid, old))
            else:
                rows.append((fid, gpkg_blob(multi), code, area, 0, None, STAMP, STAMP))
        # events up to N_EVENTS: supervision / planning / registration records, dated
        have = conn.execute("SELECT count(*) FROM ymt_events").fetchone()[0]
        stages = ["planning_permit", "supervision", "registration", "supply", "reserve"]
        extra = max(0, N_EVENTS - have)
        ev_codes = rng.integers(0, n, extra)
        ev_stage = rng.integers(0, len(stages), extra)
        ev_year = rng.integers(2015, 2026, extra)
        ev_month = rng.integers(1, 13, extra)
        events = [
            (
                codes[ev_codes[i]],
                stages[ev_stage[i]],
                f"{ev_year[i]}-{ev_month[i]:02d}-10",
                f"常自然资〔{ev_year[i]}〕{i % 997 + 1}号",
                "一体化审批系统",
                STAMP,
                STAMP,
                "benchmark",
            )
            for i in range(extra)
        ]
        with lib.transaction():
            conn.executemany(
                "INSERT INTO ymt_parcels (fid, geom, code, area_m2, retired, replaces, "
                "created_at, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,'benchmark')",
                rows,
            )
            conn.executemany(
                "UPDATE ymt_parcels SET replaced_by = ?, retire_reason = '红线调整' WHERE fid = ?",
                updates,
            )
            conn.executemany(
                "INSERT INTO ymt_events (code, stage, event_date, doc_no, origin_system, "
                "created_at, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?)",
                events,
            )
        conn.execute("ANALYZE")
        counts_now = lib.counts() if hasattr(lib, "counts") else {}
    finally:
        lib.close()
    for suffix in ("-wal", "-shm"):
        side = Path(str(tmp) + suffix)
        if side.exists():
            side.unlink()
    tmp.rename(path)
    print(f"built {path.name} in {time.perf_counter() - t0:.0f} s: {counts_now}")
    return path


def _pct(values, q):
    return float(np.percentile(np.array(values) * 1000.0, q))


def copy_to_postgis(path: Path, server) -> str:
    """A PostGIS library with the same rows as the GeoPackage at ``path``, in a new database of
    ``server``; returns its URI. The schema is the library's own, the rows go in with COPY
    (every column, fids kept; no audit rows: the audit log is not copied): see
    ``benchmarks/pg_copy.copy_library``."""
    from benchmarks.pg_copy import copy_library

    uri = server.new_database("ymt_bench")
    copy_library(path, uri)
    return uri


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=1000)
    parser.add_argument(
        "--postgis",
        action="store_true",
        help="also copy the library into a throw-away PostGIS server and measure it (slow)",
    )
    args = parser.parse_args(argv)

    from pyproj import Transformer

    from yimatong_plugin.core import projectbox as pb
    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.core.library.geometry import gpkg_blob_wkb

    path = build_library(DATA / f"projectbox_{N_PROJECTS}.gpkg")
    lib = open_library(str(path))
    conn = lib.connection
    counts = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("ymt_projects", "ymt_parcels", "ymt_events")
    }
    print(
        "library: {ymt_projects:,} projects, {ymt_parcels:,} parcels, {ymt_events:,} events".format(
            **counts
        )
    )

    # peer: every parcel geometry in memory
    t0 = time.perf_counter()
    pcodes, blobs = [], []
    for code, blob in conn.execute("SELECT code, geom FROM ymt_parcels"):
        pcodes.append(code)
        blobs.append(gpkg_blob_wkb(blob))
    all_geoms = shapely.from_wkb(blobs)
    pcodes = np.array(pcodes)
    load_s = time.perf_counter() - t0

    rng = np.random.default_rng(7)
    n_hit = int(args.clicks * 0.7)
    picks = rng.integers(0, len(all_geoms), n_hit)
    on_parcels = shapely.get_coordinates(shapely.point_on_surface(all_geoms[picks]))
    minx, miny, maxx, maxy = shapely.total_bounds(all_geoms)
    anywhere = np.c_[
        rng.uniform(minx, maxx, args.clicks - n_hit), rng.uniform(miny, maxy, args.clicks - n_hit)
    ]
    clicks = np.vstack([on_parcels, anywhere])
    rng.shuffle(clicks)
    to_gk = Transformer.from_crs("EPSG:4490", "EPSG:4546", always_xy=True)
    gk_clicks = np.c_[to_gk.transform(clicks[:, 0], clicks[:, 1])]

    def timed(fn, points):
        for x, y in points[:5]:  # warm-up (page cache, prepared statements)
            fn(float(x), float(y))
        times, answers = [], []
        for x, y in points:
            t = time.perf_counter()
            rows = fn(float(x), float(y))
            times.append(time.perf_counter() - t)
            answers.append(sorted(r["code"] for r in rows))
        return times, answers

    def peer_lookup(x, y):
        inside = shapely.contains(all_geoms, shapely.Point(x, y))
        codes = sorted(set(pcodes[inside].tolist()))
        if not codes:
            return []
        marks = ",".join("?" * len(codes))
        return lib.query(f"SELECT * FROM ymt_projects WHERE code IN ({marks})", codes)

    def report(name, times):
        return (
            f"{name}: median {statistics.median(times) * 1000:.2f} ms, "
            f"p95 {_pct(times, 95):.2f} ms, max {_pct(times, 100):.2f} ms"
        )

    for x, y in clicks:  # one untimed pass: every variant below runs on a warm page cache
        pb.projects_at(lib, float(x), float(y))
    ours, mine = timed(lambda x, y: pb.projects_at(lib, x, y), clicks)
    ours_gk, mine_gk = timed(lambda x, y: pb.projects_at(lib, x, y, crs="EPSG:4546"), gk_clicks)
    peer, theirs = timed(peer_lookup, clicks)
    lib.close()
    answers = [mine_gk]
    lines = [
        report("ours, GeoPackage, click in EPSG:4490", ours),
        report("ours, GeoPackage, click in EPSG:4546", ours_gk),
        report(f"peer full scan (shapely.contains over {len(all_geoms):,} parcels)", peer)
        + f" (+ {load_s:.1f} s once to load the geometries)",
    ]
    worst = _pct(ours, 100)
    if args.postgis:
        sys.path.insert(0, str(ROOT / "tests"))
        from postgis_server import PostgisServer

        server = PostgisServer(durable=True).start()
        try:
            pg = open_library(copy_to_postgis(path, server))
            for x, y in clicks:  # the same untimed warm-up pass
                pb.projects_at(pg, float(x), float(y))
            pg_times, pg_answers = timed(lambda x, y: pb.projects_at(pg, x, y), clicks)
            pg.close()
        finally:
            server.stop()
        answers.append(pg_answers)
        lines.append(report("ours, PostGIS, click in EPSG:4490", pg_times))
        worst = max(worst, _pct(pg_times, 100))
    hits = sum(1 for m in mine if m)
    mismatches = sum(
        1 for i, m in enumerate(mine) if m != theirs[i] or any(a[i] != m for a in answers)
    )
    lines.insert(
        0,
        f"clicks: {len(clicks)} ({hits} on at least one project); "
        f"results identical to the full scan: {len(clicks) - mismatches}/{len(clicks)}",
    )
    med, med_peer = statistics.median(ours), statistics.median(peer)
    lines.append(
        f"ratio peer/ours (median, GeoPackage): {med_peer / med:.0f}x; "
        "target < 100 ms per click: " + ("met" if worst < 100 else "NOT met")
    )
    print("\n".join(lines))
    return 0 if mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
