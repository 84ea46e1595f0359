"""Exchange service load test: loopback only, bounded, stops by itself.

    .venv/bin/python benchmarks/service.py [--projects 100000] [--seconds 15] [--clients 50]
                                           [--workers 2]

A throw-away durable PostGIS cluster (tests/postgis_server.py) holds a library of ``--projects``
projects (one parcel each, events for 60 %), loaded with COPY. The real service runs with
``--workers`` uvicorn processes on 127.0.0.1; ``--clients`` concurrent clients (2 processes of
keep-alive ``http.client`` connections) call, for ``--seconds`` each:

* ``GET /api/v1/projects/{code}`` (random existing codes: project, parcels as GeoJSON, events,
  results, findings);
* ``GET /api/v1/projects?q=<text>`` (name parts, code prefixes);
* and, alone, the library panel's first page over HTTP as the panel gets it (its list model,
  a worker thread, rows handed to the GUI thread; :func:`panel_first_page`).

Prints requests/s, p50/p99 latency and errors; nothing is written outside a temp folder.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import panel_data as pdata  # noqa: E402
from tests.postgis_server import PostgisServer  # noqa: E402
from tests.service_server import Service, add_client  # noqa: E402
from yimatong_plugin.core.library import open_library  # noqa: E402

QUERIES = ["安置", "工业园", "武陵", "中学", "4307022", "43070320", "物流园一期", "城投", "医院"]


def build(uri: str, n: int, seed: int = 11) -> list[str]:
    """A PostGIS library of ``n`` projects; returns their codes."""
    import shapely

    rng = random.Random(seed)
    lib = open_library(uri, user="bench")
    cur = lib.connection.cursor()
    serials: dict[str, int] = {}
    projects, events, parcels, codes = io.StringIO(), io.StringIO(), io.StringIO(), []
    for i in range(n):
        seg = ("43", rng.choice(pdata.ADMINS), str(rng.randint(2015, 2025)))
        seg += (rng.choice(pdata.APPROVAL), rng.choice(pdata.PROJECT_TYPES))
        seg += (rng.choice(pdata.SUPPLY), rng.choice(pdata.LAND_USE))
        prefix = "".join(seg)
        serials[prefix] = serial = serials.get(prefix, 0) + 1
        code = f"{prefix}{serial:06d}"
        codes.append(code)
        name = f"{rng.choice(pdata.PLACES)}{rng.choice(pdata.KINDS)}（{i + 1}号）"
        row = (code, name, rng.choice(pdata.SOURCES), *seg, f"{serial:06d}")
        row += (rng.choice(pdata.COMPANIES), "bench")
        projects.write("\t".join(row) + "\n")
        x, y = 111.5 + rng.random() * 0.8, 28.8 + rng.random() * 0.6
        square = shapely.set_srid(shapely.box(x, y, x + 0.002, y + 0.002), 4490)
        multi = shapely.multipolygons([square])
        multi = shapely.set_srid(multi, 4490)
        parcels.write(
            f"{shapely.to_wkb(multi, hex=True, include_srid=True)}\t{code}\t40000\tbench\n"
        )
        if rng.random() < 0.6:
            for j in range(rng.randint(1, 4)):
                day = f"{int(seg[2]) + j // 2}-{rng.randint(1, 12):02d}-15"
                events.write(f"{code}\t{pdata.STAGE_SEQ[j]}\t{day}\tbench\n")
    cols = "code, name, source, region, admin, year, approval_type, project_type, supply_type, "
    cols += "land_use, serial, applicant, updated_by"
    cur.execute("BEGIN")
    for table, columns, buf in (
        ("ymt_projects", cols, projects),
        ("ymt_parcels", "geom, code, area_m2, updated_by", parcels),
        ("ymt_events", "code, stage, event_date, updated_by", events),
    ):
        buf.seek(0)
        cur.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buf)
    cur.execute("COMMIT")
    cur.execute("ANALYZE")
    cur.close()
    lib.close()
    return codes


def _client(args) -> list:
    """One load process: ``threads`` keep-alive connections for ``seconds``; (latency, ok)."""
    port, key, paths, threads, seconds, seed = args
    out: list = []
    errors: list = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def run(i):
        rng = random.Random(seed * 1000 + i)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Authorization": f"Bearer {key}"}
        mine = []
        while time.monotonic() < stop:
            path = rng.choice(paths)
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                resp = conn.getresponse()
                body = resp.read()
                ok = resp.status == 200
                if not ok and len(errors) < 3:
                    errors.append(f"{resp.status} {path}: {body[:300]!r}")
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - t0, ok))
        with lock:
            out.extend(mine)

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for line in errors:
        print("    error:", line)
    return out


def load(port: int, key: str, paths: list, clients: int, seconds: float) -> dict:
    procs = 2
    per = [clients // procs + (1 if i < clients % procs else 0) for i in range(procs)]
    with multiprocessing.Pool(procs) as pool:
        t0 = time.monotonic()
        parts = pool.map(_client, [(port, key, paths, per[i], seconds, i) for i in range(procs)])
        wall = time.monotonic() - t0
    samples = [s for part in parts for s in part]
    lat = sorted(s[0] * 1000 for s in samples)
    errors = sum(1 for s in samples if not s[1])
    return {
        "requests": len(samples),
        "rate": len(samples) / wall,
        "p50": statistics.median(lat),
        "p99": lat[int(len(lat) * 0.99) - 1],
        "errors": errors,
    }


def panel_first_page(api: str, key: str, runs: int = 20) -> dict:
    """What the library panel does for its first page: the panel's list model
    (``ui/library_remote_model.RemoteProjectModel``, in a QgsApplication) asks
    ``GET /projects?page=1&page_size=200`` on a worker thread with its own client, decodes the
    rows and hands them to the GUI thread; timed from the call until the rows are in the model
    (the event loop spinning, as in QGIS). Opening the list, and a search typed (``q=安置``)."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication

    from yimatong_plugin.core import project_query as pq
    from yimatong_plugin.ui.library_remote_model import RemoteProjectModel

    app = QgsApplication([], False)
    app.initQgis()
    out = {}
    try:
        remote = open_library(api, token=key)
        model = RemoteProjectModel()
        for label, flt in (("opening", pq.ProjectFilter()), ("search 安置", None)):
            times, total = [], 0
            for i in range(runs + 1):  # the first one warms up
                t = time.perf_counter()
                if flt is not None:
                    model._filter = flt
                    model.set_library(remote)
                else:
                    model.set_filter(pq.ProjectFilter(text="安置"))
                while model.busy():
                    QCoreApplication.processEvents()
                    time.sleep(0.0005)
                if i:
                    times.append((time.perf_counter() - t) * 1000)
                shown = model.rowCount()
                total = f"{model.count_floor}{'' if model.total is not None else '+'}"
            out[label] = (statistics.median(times), max(times), shown, total)
        model.clear()
        remote.close()
    finally:
        app.exitQgis()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--panel-only", action="store_true", help="only the panel's first page (no load test)"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ymt-svc-bench-"))
    os.environ["TMPDIR"] = str(tmp)
    server = PostgisServer(durable=True).start()
    svc = None
    try:
        uri = server.new_database()
        t0 = time.time()
        codes = build(uri, args.projects)
        print(f"PostGIS library: {args.projects} projects built in {time.time() - t0:.0f} s")
        key = add_client(uri, "bench", "read")
        svc = Service(uri, workers=args.workers)
        rng = random.Random(5)
        lookups = [f"/api/v1/projects/{c}" for c in rng.sample(codes, min(5000, len(codes)))]
        searches = [f"/api/v1/projects?q={quote(q)}" for q in QUERIES]
        print(f"service: {args.workers} workers; {args.clients} clients, {args.seconds:.0f} s each")
        scenarios = [("GET /projects/{code}", lookups), ("GET /projects?q=", searches)]
        for label, paths in [] if args.panel_only else scenarios:
            r = load(svc.port, key, paths, args.clients, args.seconds)
            print(
                f"  {label:<22} {r['rate']:7.1f} req/s  p50 {r['p50']:6.1f} ms  "
                f"p99 {r['p99']:6.1f} ms  errors {r['errors']}/{r['requests']}"
            )
        for label, (median, worst, shown, total) in panel_first_page(svc.api, key).items():
            print(
                f"  panel's first page over HTTP, {label} ({shown} of {total} rows shown): "
                f"median {median:.1f} ms, worst {worst:.1f} ms"
            )
        print(f"  load average {os.getloadavg()[0]:.1f} (2 shared cores)")
        print(json.dumps({"done": True}))
    finally:
        if svc is not None:
            svc.stop()
        server.stop()


if __name__ == "__main__":
    main()
