#!/usr/bin/env python
"""Benchmark: the project-library panel's filter latency per keystroke on 100,000 projects.

Run: ``.venv/bin/python benchmarks/panel.py [--n 100000] [--repeat 5]``

Data: a synthetic GeoPackage library of N projects (``tests/panel_data.py``, cached in
``benchmarks/_data/``; realistic codes, Chinese names, events).

Measured per keystroke (median and worst of ``--repeat`` runs), in the same run:

* **ours** — ``ProjectTableModel.set_filter`` as the dock calls it after its debounce: the SQL
  page query (first 200 rows, sorted) + model reset. The total count runs on a worker thread and
  is reported separately ("count, background").
* **peer** — a plain Python filter over every row loaded in memory (the naive panel): filter
  all rows, sort by code, take the first 200 and the count. Its one-off load time is reported.

The target is ≤ 100 ms per keystroke for ours.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# (label, list of successive filters as a user types / clicks)
SCENARIOS = [
    ("type name 德山标准厂房", [dict(text="德山标准厂房"[:i]) for i in range(1, 7)]),
    ("type code 434307032020", [dict(text="434307032020"[:i]) for i in range(6, 13)]),
    ("type applicant 城投", [dict(text="城"), dict(text="城投")]),
    ("type no match 不存在的项目", [dict(text="不存在的项目"[:i]) for i in range(3, 7)]),
    ("division + year", [dict(admin="430703"), dict(admin="430703", year="2020")]),
    ("supply type + text", [dict(supply_type="13"), dict(supply_type="13", text="厂房")]),
    ("stage = supply", [dict(stage="supply")]),
    ("status archived", [dict(status="archived")]),
    ("anomaly 批而未供 + text", [dict(anomaly="批而未供"), dict(anomaly="批而未供", text="厂房")]),
]


def _peer_match(row, flt) -> bool:
    text = flt.text.strip()
    if not flt.include_archived and flt.status != "archived" and row["archived"]:
        return False
    if flt.status == "archived" and not row["archived"]:
        return False
    if text:
        digits = text.replace(" ", "").replace("-", "")
        if digits.isdigit() and len(digits) >= 6:
            if not row["code"].startswith(digits):
                return False
        else:
            for term in text.split():
                if not any(term in (row[k] or "") for k in ("name", "applicant", "code")):
                    return False
    for key in ("source", "year", "admin", "supply_type", "land_use"):
        value = getattr(flt, key)
        if value and row[key] != value:
            return False
    if flt.stage and row["stage"] != flt.stage:
        return False
    if flt.anomaly and row["code"] not in ANOMALIES.get(flt.anomaly, ()):
        return False
    return True


ANOMALIES: dict = {}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from tests.panel_data import benchmark_library
    from yimatong_plugin.core import project_query as pq
    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.ui.project_model import ProjectTableModel

    t0 = time.perf_counter()
    path = benchmark_library(args.n)
    print(f"library: {path} ({args.n:,} projects; ready in {time.perf_counter() - t0:.1f} s)")
    lib = open_library(str(path))
    conn = lib.connection

    # peer: load every row once
    t0 = time.perf_counter()
    cols = [*pq.COLUMN_NAMES, "archived"]
    rows = [dict(zip(cols, r)) for r in conn.execute(
        f"SELECT {', '.join(cols)} FROM ymt_projects")]  # fmt: skip
    latest = {}
    for code, stage in conn.execute(
        "SELECT code, stage FROM ymt_events WHERE archived = 0 ORDER BY code, event_date, fid"
    ):
        latest[code] = stage
    for r in rows:
        r["stage"] = latest.get(r["code"], "none")
    peer_load = time.perf_counter() - t0
    print(f"peer: loaded {len(rows):,} rows into memory in {peer_load * 1000:.0f} ms (once)\n")

    t0 = time.perf_counter()
    ANOMALIES.update(pq.anomaly_codes(conn))
    print(
        f"anomaly rules over all projects (background thread in the panel): "
        f"{time.perf_counter() - t0:.1f} s, "
        + ", ".join(f"{rule} {len(codes):,}" for rule, codes in ANOMALIES.items())
        + "\n"
    )

    model = ProjectTableModel()
    model.set_connection(conn, count_path=None)  # count measured separately below
    model.set_anomalies(ANOMALIES)

    header = f"{'scenario':30s} {'keys':>4s} {'ours med':>9s} {'ours max':>9s} "
    header += f"{'peer med':>9s} {'peer/ours':>9s} {'count (bg)':>10s}"
    print(header)
    print("-" * len(header))
    all_ours, all_peer, worst = [], [], 0.0
    for label, steps in SCENARIOS:
        ours, peer, counts = [], [], []
        for _ in range(args.repeat):
            for step in steps:
                flt = pq.ProjectFilter(**step)
                model._count_path = "/nonexistent"  # keep the count off this timing
                model._start_count = lambda: None
                t0 = time.perf_counter()
                model.set_filter(flt)
                ours.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                pq.count(conn, flt)
                counts.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                hits = [r for r in rows if _peer_match(r, flt)]
                hits.sort(key=lambda r: r["code"])
                page, total = hits[:200], len(hits)
                peer.append(time.perf_counter() - t0)
                assert [r["code"] for r in page][:50] == [
                    model.code_at(i) for i in range(min(50, model.rowCount()))
                ], (label, step)
                assert total >= model.rowCount()
        med_o, max_o = statistics.median(ours) * 1000, max(ours) * 1000
        med_p = statistics.median(peer) * 1000
        worst = max(worst, max_o)
        all_ours += ours
        all_peer += peer
        print(
            f"{label:30s} {len(steps):4d} {med_o:8.1f}ms {max_o:8.1f}ms {med_p:8.1f}ms "
            f"{med_p / med_o:8.1f}x {statistics.median(counts) * 1000:8.1f}ms"
        )
    med_o = statistics.median(all_ours) * 1000
    med_p = statistics.median(all_peer) * 1000
    print(
        f"\nall keystrokes: ours median {med_o:.1f} ms, worst {worst:.1f} ms; "
        f"peer median {med_p:.1f} ms (+{peer_load * 1000:.0f} ms load) → ours {med_p / med_o:.1f}x "
        f"faster; target ≤ 100 ms: {'met' if worst <= 100 else 'NOT met'}"
    )
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
