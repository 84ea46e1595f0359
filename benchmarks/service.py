"""Exchange service load test: loopback only, bounded, stops by itself.

    .venv/bin/python benchmarks/service.py [--projects 100000] [--seconds 15] [--clients 50]
                                           [--workers 2] [--rate 500]

A throw-away durable PostGIS cluster (tests/postgis_server.py) holds a library of ``--projects``
projects (one parcel each, events for 60 %), loaded with COPY, then VACUUM (ANALYZE) and
CHECKPOINT (so that autovacuum and the checkpointer do not run during the measurement). The
real service runs with ``--workers`` uvicorn processes on 127.0.0.1. After ``--warmup`` seconds
of unmeasured lookups, ``--clients`` keep-alive connections (benchmarks/service_load.py: one
asyncio loop, raw sockets, pre-built requests) call, for ``--seconds`` each:

* ``GET /api/v1/projects/{code}`` (5,000 random existing codes: project, parcels as GeoJSON,
  events, results, findings), **closed loop**: each client sends its next request as soon as
  its answer is in — the most the service answers per second, latency from send;
* the same at a fixed offered load, **open loop** (``--rate`` requests/s scheduled evenly over
  the clients, latency from each request's *scheduled* time, so queueing is counted, as wrk2):
  the issue's goal (>= 500 lookups/s, p99 <= 100 ms, 0 errors) is checked on this run;
* ``GET /api/v1/projects?q=<text>`` (name parts, code prefixes), closed loop;
* and, alone, the library panel's first page over HTTP as the panel gets it (its list model,
  a worker thread, rows handed to the GUI thread; :func:`panel_first_page`).

Prints requests/s, p50/p99 latency, errors and the CPU per request of the service processes,
PostgreSQL and the load generator (psutil); nothing is written outside a temp folder.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import service_load  # noqa: E402
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
    # settle the freshly loaded tables before measuring: without this, autovacuum / analyze
    # and the checkpointer write out the 100k rows during the load test
    cur.execute("VACUUM (ANALYZE)")
    cur.execute("CHECKPOINT")
    cur.close()
    lib.close()
    return codes


class Cpu:
    """CPU seconds of the service's processes (uvicorn supervisor and workers) and of the
    PostgreSQL cluster (postmaster, backends, autovacuum, checkpointer), read with psutil."""

    def __init__(self, service_pid: int, pg_data: Path):
        self.service = psutil.Process(service_pid)
        pid = int((pg_data / "postmaster.pid").read_text().split()[0])
        self.postgres = psutil.Process(pid)

    @staticmethod
    def _tree(proc) -> float:
        total = 0.0
        for p in [proc, *proc.children(recursive=True)]:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.NoSuchProcess:
                pass
        return total

    def read(self) -> tuple[float, float]:
        return self._tree(self.service), self._tree(self.postgres)


def load(port, key, paths, clients, seconds, cpu: Cpu, rate=None) -> dict:
    """One run of the load generator (benchmarks/service_load.py); adds the CPU each side
    spent per answered request (ms): service, PostgreSQL, the generator itself."""
    svc0, pg0 = cpu.read()
    r = service_load.run(port, paths, key, clients, seconds, rate=rate)
    svc1, pg1 = cpu.read()
    n = max(1, r["requests"])
    r["cpu_ms"] = tuple(1000 * x / n for x in (svc1 - svc0, pg1 - pg0, r["client_cpu"]))
    return r


def show(label: str, r: dict) -> None:
    svc, pg, gen = r["cpu_ms"]
    print(
        f"  {label:<34} {r['rate']:7.1f} req/s  p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms"
        f"  errors {r['errors']}/{r['requests']}"
    )
    print(
        f"  {'':<34} CPU per request: service {svc:.2f} ms, PostgreSQL {pg:.2f} ms, "
        f"load generator {gen:.2f} ms"
    )
    if r["errors"]:
        print(f"  {'':<34} answers by status: {r['statuses']}")


def panel_first_page(api: str, key: str, runs: int = 20) -> dict:
    """What the library panel does for its first page: the panel's list model
    (``ui/library_remote_model.RemoteProjectModel``, in a QgsApplication) asks
    ``GET /projects?page=1&page_size=200`` on a worker thread with its own client, decodes the
    rows and hands them to the GUI thread; timed from the call until the rows are in the model
    (the event loop spinning, as in QGIS). Opening the list, and a search typed (``q=安置``)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # as `make bench` runs it
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
        "--rate", type=float, default=500.0, help="offered lookups/s of the open-loop run"
    )
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds first")
    parser.add_argument(
        "--panel-only", action="store_true", help="only the panel's first page (no load test)"
    )
    parser.add_argument("--no-panel", action="store_true", help="skip the panel's first page")
    parser.add_argument("--no-search", action="store_true", help="skip the ?q= search run")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ymt-svc-bench-"))
    os.environ["TMPDIR"] = str(tmp)
    server = PostgisServer(durable=True).start()
    svc = None
    try:
        uri = server.new_database()
        t0 = time.time()
        codes = build(uri, args.projects)
        print(
            f"PostGIS library: {args.projects} projects built in {time.time() - t0:.0f} s "
            "(then VACUUM (ANALYZE) and CHECKPOINT)"
        )
        key = add_client(uri, "bench", "read")
        svc = Service(uri, workers=args.workers)
        cpu = Cpu(svc.proc.pid, server.data)
        rng = random.Random(5)
        lookups = [f"/api/v1/projects/{c}" for c in rng.sample(codes, min(5000, len(codes)))]
        searches = [f"/api/v1/projects?q={quote(q)}" for q in QUERIES]
        print(
            f"service: {args.workers} uvicorn workers; {args.clients} keep-alive clients "
            f"(benchmarks/service_load.py), {args.seconds:g} s per run after "
            f"{args.warmup:g} s unmeasured warm-up; load average "
            f"{os.getloadavg()[0]:.1f} (2 cores)"
        )
        print(
            "  closed loop: each client sends its next request when the answer is in "
            "(the most the service answers; latency from send)"
        )
        print(
            f"  open loop: {args.rate:g} requests/s scheduled evenly over the clients; latency "
            "from each request's scheduled time (queueing counted)"
        )
        if not args.panel_only:
            load(svc.port, key, lookups, args.clients, args.warmup, cpu)  # warm-up
            r = load(svc.port, key, lookups, args.clients, args.seconds, cpu)
            show("GET /projects/{code}, closed loop", r)
            r = load(svc.port, key, lookups, args.clients, args.seconds, cpu, rate=args.rate)
            show(f"GET /projects/{{code}}, open {args.rate:g}/s", r)
            goal = r["rate"] >= 0.98 * args.rate and r["p99"] <= 100 and not r["errors"]
            print(
                f"  {'':<34} goal (>= 500/s answered, p99 <= 100 ms, 0 errors) at "
                f"{args.rate:g}/s offered: {'met' if goal else 'NOT met'}"
            )
            if not args.no_search:
                r = load(svc.port, key, searches, args.clients, args.seconds, cpu)
                show("GET /projects?q=, closed loop", r)
        if not args.no_panel:
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
