#!/usr/bin/env python
"""Benchmark: a full refresh of the statistics (``core/statistics.compute``) on a large library.

Run: ``.venv/bin/python benchmarks/stats_refresh.py [--repeat 3] [--postgis [--keep DIR]
[--verify] | --postgis-uri URI]``

Library: the project box benchmark's 100,000 projects / 300,000 parcels / 1,000,000 events
GeoPackage (``benchmarks/projectbox.py``, built once and cached under ``benchmarks/_data``).

Measured in the same run:

* ours: ``compute(lib, as_of)`` — the seven breakdowns as ``GROUP BY`` in the database, the
  lifecycle once for AS_OF and the trend's ten year ends
  (``lifecycle.facts.findings_and_year_ends``: one index-only read of the approvals and
  supplies, the batch rule at the eleven dates with arrays (``lifecycle.batch_dates``), the
  rule code over the facts of the batches found and of the projects the project rules may
  flag), the areas of the anomalies and of the trend's batches, the plan execution
  ``GROUP BY`` — and its parts;
* peer: load everything into pandas (projects, parcels, the rule columns of every event:
  ``pandas.read_sql``), then the same breakdowns with ``groupby`` and the same lifecycle rules
  over the loaded frames (``lifecycle.monitor``).

The breakdowns of both are compared (projects and m² per group must agree). With ``--postgis``
the library is copied into a throw-away PostGIS server (``tests/postgis_server.py``; the copy:
``benchmarks/pg_copy.py``, every column with COPY, then ``VACUUM ANALYZE``; a few minutes) and
measured the same way; ``--verify`` compares the copy with the GeoPackage first (row counts,
1,000 rows per table column by column). ``--keep DIR`` puts that server in DIR (a new or empty
folder) and leaves it there, stopped, printing the command that starts it again and the URI;
``--postgis-uri URI`` then measures that copy without copying again (start the server first):

    .venv/bin/python benchmarks/pg_copy.py --keep /work/pg_stats --verify   # copy only, or
    .venv/bin/python benchmarks/stats_refresh.py --postgis --keep /work/pg_stats --verify
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D /work/pg_stats/data \
        -l /work/pg_stats/server.log -w start     # as printed (runuser only as root)
    .venv/bin/python benchmarks/stats_refresh.py --no-gpkg --postgis-uri URI

Target (issue 13): full refresh ≤ 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AS_OF = dt.date(2025, 6, 30)


CPU = {}  # label -> CPU seconds of this process (the machine is shared: wall time varies)


def timed(func, repeat, label=None):
    times, cpus, result = [], [], None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = func()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    times.sort()
    cpus.sort()
    if label:
        CPU[label] = cpus[len(cpus) // 2]
    return times[len(times) // 2], result  # the median (this file shadows `statistics`)


def ours_parts(lib, repeat):
    from yimatong_plugin.core.lifecycle import facts
    from yimatong_plugin.core.statistics import StatsFilter, compute
    from yimatong_plugin.core.statistics.anomalies import compute as anomalies
    from yimatong_plugin.core.statistics.plan import plan_execution
    from yimatong_plugin.core.statistics.query import DIMENSIONS, grouped, materialise
    from yimatong_plugin.core.statistics.trend import trend_years, unsupplied_trend

    flt = StatsFilter()
    out = {}

    def breakdowns():
        materialise(lib, flt, AS_OF)
        return {d: grouped(lib, d) for d in DIMENSIONS}

    def rules():
        fetch = facts.library_fetch(lib)
        return facts.findings_and_year_ends(fetch, AS_OF, trend_years(AS_OF))

    name = "breakdowns (7 GROUP BY)"
    out[name], groups = timed(breakdowns, repeat, name)
    name = "lifecycle (AS_OF + 10 year ends)"
    out[name], refresh = timed(rules, repeat, name)
    name = "anomaly areas"
    out[name], _ = timed(lambda: anomalies(lib, AS_OF, flt, refresh), repeat, name)
    name = "trend batches"
    out[name], _ = timed(lambda: unsupplied_trend(flt, refresh), repeat, name)
    name = "plan (GROUP BY)"
    out[name], _ = timed(lambda: plan_execution(lib, flt, AS_OF, AS_OF.year), repeat, name)
    out["full refresh"], _ = timed(lambda: compute(lib, AS_OF), repeat, "full refresh")
    return out, groups


def peer(conn, repeat):
    """Everything loaded into pandas, then grouped there; the rules over the loaded events."""
    import pandas as pd

    from yimatong_plugin.core import lifecycle as lc

    def run():
        t0 = time.perf_counter()
        projects = pd.read_sql("SELECT * FROM ymt_projects", conn)
        parcels = pd.read_sql("SELECT code, area_m2, retired FROM ymt_parcels", conn)
        events = pd.read_sql(
            "SELECT " + ", ".join(lc.RULE_EVENT_COLUMNS) + ", archived FROM ymt_events", conn
        )
        load = time.perf_counter() - t0
        projects = projects[~projects["archived"].astype(bool)]
        events = events[~events["archived"].astype(bool)]
        current = parcels[~parcels["retired"].astype(bool)].groupby("code")["area_m2"].sum()
        p = projects.set_index("code")
        p["parcel_m2"] = current
        p["area_m2"] = p["parcel_m2"].fillna(p["declared_area_m2"]).fillna(0.0)
        ev = events.copy()
        ev["event_date"] = ev["event_date"].astype(str)
        ev = ev[ev["event_date"] <= AS_OF.isoformat()].sort_values(["code", "event_date", "fid"])
        p["stage"] = ev.groupby("code")["stage"].last()
        p["stage"] = p["stage"].fillna("")
        p["land_use_1"] = p["land_use"].str[:2]
        p["land_use_2"] = p["land_use"]
        groups = {}
        for dim in ("admin", "year", "source", "stage", "supply_type", "land_use_1", "land_use_2"):
            g = p.groupby(dim).agg(projects=("area_m2", "size"), area_m2=("area_m2", "sum"))
            groups[dim] = {str(k): (int(r.projects), float(r.area_m2)) for k, r in g.iterrows()}
        t1 = time.perf_counter()
        facts = p[["declared_area_m2", "agreed_handover", "agreed_start", "agreed_completion"]]
        facts = facts.to_dict("index")
        data = {}
        for code, rows in events.groupby("code"):
            if code in facts:
                recs = [
                    {k: v for k, v in r.items() if v is not None and v == v}
                    for r in rows.to_dict("records")
                ]
                data[code] = lc.with_project_defaults(facts[code], recs)
        lc.monitor(data, AS_OF)
        return load, t1 - t0 - load, time.perf_counter() - t1, groups

    times = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        load, group, rules, groups = run()
        times.append((time.perf_counter() - t0, load, group, rules))
        CPU["peer"] = time.process_time() - c0
    times.sort()
    return times[len(times) // 2], groups


def compare(ours, theirs) -> int:
    bad = 0
    for dim, rows in ours.items():
        mine = {r["key"]: (r["projects"], r["area_m2"]) for r in rows}
        other = theirs[dim]
        if set(mine) != set(other):
            print(f"  {dim}: groups differ {sorted(set(mine) ^ set(other))[:5]}")
            bad += 1
            continue
        for k, (n, a) in mine.items():
            if n != other[k][0] or abs(a - other[k][1]) > 1e-6 * max(1.0, a):
                print(f"  {dim} {k}: ours {n} {a:.2f}, peer {other[k][0]} {other[k][1]:.2f}")
                bad += 1
    return bad


def measure(label, lib, conn, repeat, with_peer=True):
    print(f"\n== {label}")
    parts, groups = ours_parts(lib, repeat)
    for name, seconds in parts.items():
        print(f"  ours {name}: {seconds * 1000:.0f} ms (CPU {CPU[name] * 1000:.0f} ms)")
    if not with_peer:
        return 0
    (total, load, group, rules), theirs = peer(conn, max(1, repeat - 1))
    print(
        f"  peer (pandas): {total * 1000:.0f} ms = load {load * 1000:.0f} + groupby "
        f"{group * 1000:.0f} + rules {rules * 1000:.0f} (CPU {CPU['peer'] * 1000:.0f} ms)"
    )
    bad = compare(groups, theirs)
    print(f"  breakdowns agree: {bad == 0}")
    print(
        f"  peer/ours: full refresh {total / parts['full refresh']:.2f}x, breakdowns "
        f"{(load + group) / parts['breakdowns (7 GROUP BY)']:.2f}x"
    )
    return bad


def with_agreed_dates(source: Path, target: Path) -> Path:
    """A copy of the library where every other supply (even fid) records an agreed start one
    year and an agreed completion three years after its date, as a transfer contract would:
    the project rules (供而未用, 闲置土地, 逾期开工/竣工) then read those projects' facts. Made
    once (the update goes through the library's triggers: audited like any edit)."""
    import shutil
    import sqlite3

    if target.exists():
        return target
    from yimatong_plugin.core.library import open_library

    open_library(str(source)).close()  # upgraded first: the copy starts current
    partial = target.with_suffix(".part")
    shutil.copyfile(source, partial)
    conn = sqlite3.connect(partial)
    try:
        with conn:
            conn.execute(
                "UPDATE ymt_events SET "
                "agreed_start = date(substr(event_date, 1, 10), '+1 year'), "
                "agreed_completion = date(substr(event_date, 1, 10), '+3 years') "
                "WHERE stage = 'supply' AND fid % 2 = 0"
            )
    finally:
        conn.close()
    partial.rename(target)
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgis", action="store_true")
    parser.add_argument("--no-peer", action="store_true", help="ours only (no pandas peer)")
    parser.add_argument("--no-gpkg", action="store_true", help="PostGIS only")
    parser.add_argument(
        "--postgis-uri", help="measure this PostGIS copy (e.g. one made with --keep; no new server)"
    )
    parser.add_argument(
        "--keep", metavar="DIR", help="with --postgis: leave the server in DIR (new or empty)"
    )
    parser.add_argument(
        "--verify", action="store_true", help="compare the PostGIS copy with the GeoPackage"
    )
    parser.add_argument(
        "--library", help="measure this copy of the benchmark library (opening upgrades it)"
    )
    parser.add_argument(
        "--agreed-dates",
        action="store_true",
        help="a copy whose every other supply records agreed start/completion (the project "
        "rules then have work; made once under benchmarks/_data)",
    )
    args = parser.parse_args(argv)
    if args.keep and not args.postgis:
        parser.error("--keep needs --postgis (or run benchmarks/pg_copy.py --keep DIR)")
    from benchmarks import pg_copy
    from benchmarks.projectbox import DATA, build_library
    from yimatong_plugin.core.library import open_library

    path = Path(args.library) if args.library else build_library(DATA / "projectbox_100000.gpkg")
    if args.agreed_dates:
        path = with_agreed_dates(path, DATA / "projectbox_100000_agreed.gpkg")
    lib = open_library(str(path))
    print(f"library: {lib.counts()}; as of {AS_OF}")
    bad = 0
    if not args.no_gpkg:
        bad = measure("GeoPackage", lib, lib.connection, args.repeat, not args.no_peer)
    lib.close()
    if args.postgis_uri:  # a copy made before (pg_copy.py / --keep), its server running
        if args.verify:
            bad += pg_copy.verify_copy(path, args.postgis_uri)
        lib = open_library(args.postgis_uri)
        bad += measure("PostGIS", lib, lib.connection, args.repeat, not args.no_peer)
        lib.close()
    elif args.postgis:
        server, uri, differ = pg_copy.copy_to_server(path, args.keep, args.verify)
        try:
            bad += differ or 0
            lib = open_library(uri)
            bad += measure("PostGIS", lib, lib.connection, args.repeat, not args.no_peer)
            lib.close()
        finally:
            server.stop()
        if args.keep:
            pg_copy.print_kept(server, uri)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
