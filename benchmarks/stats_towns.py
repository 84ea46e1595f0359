#!/usr/bin/env python
"""Benchmark: the statistics' breakdown by town (``core/statistics/towns.town_figures``).

Run: ``nice -n 5 .venv/bin/python benchmarks/stats_towns.py [--parcels 300000] [--towns 36]``

Data (made here, seeded): square parcels of about 200 m spread over 111.5–112.1°E,
28.9–29.5°N (three parcels a project) and a grid of towns of 0.1° over the same area, in
EPSG:4490 as the library gives them. Measured in the same run:

* ours: ``town_figures`` — both layers to the GK zone (GDAL), one STRtree query, a parcel well
  inside its town counted whole (``contains_properly`` on prepared towns), only the others cut;
* peer: the same but every intersecting pair cut by ``shapely.intersection``.

Both must give the same m² per town (checked). Prints the times, their ratio and the load.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from yimatong_plugin.core.statistics import towns as tw


def data(n: int, n_towns: int):
    rng = np.random.default_rng(13)
    x, y = 111.5 + rng.random(n) * 0.6, 28.9 + rng.random(n) * 0.6
    parcels = shapely.box(x, y, x + 0.002, y + 0.002)
    codes = [str(i // 3) for i in range(n)]
    side = int(np.ceil(np.sqrt(n_towns)))
    step = 0.6 / side
    geoms, keys = [], []
    for i in range(n_towns):
        c, r = i % side, i // side
        x0, y0 = 111.5 + c * step, 28.9 + r * step
        geoms.append(shapely.box(x0, y0, x0 + step, y0 + step))
        keys.append(f"T{i:03d}")
    layer = tw.TownLayer("towns", "code", np.array(geoms, dtype=object), keys, list(range(n_towns)))
    return parcels, codes, layer


def main(argv) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parcels", type=int, default=300_000)
    ap.add_argument("--towns", type=int, default=36)
    args = ap.parse_args(argv)
    parcels, codes, layer = data(args.parcels, args.towns)
    t0 = time.perf_counter()
    ours = tw.town_figures(parcels, codes, layer)
    t_ours = time.perf_counter() - t0
    real = tw.shapely.contains_properly
    tw.shapely.contains_properly = lambda a, b: np.zeros(len(b), dtype=bool)  # peer: cut all
    try:
        t0 = time.perf_counter()
        peer = tw.town_figures(parcels, codes, layer)
        t_peer = time.perf_counter() - t0
    finally:
        tw.shapely.contains_properly = real
    for a, b in zip(ours.rows, peer.rows):
        assert a["key"] == b["key"] and abs(a["area_m2"] - b["area_m2"]) < 1e-6 * max(
            1.0, b["area_m2"]
        ), (a, b)
    print(f"breakdown by town: {args.parcels:,} parcels x {args.towns} towns (EPSG:{ours.epsg})")
    print(f"  ours (whole parcels not cut): {t_ours:6.2f} s")
    print(
        f"  peer (every pair cut):        {t_peer:6.2f} s   ratio peer/ours {t_peer / t_ours:.1f}"
    )
    print(f"  same m² per town: yes; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
