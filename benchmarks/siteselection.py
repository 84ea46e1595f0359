#!/usr/bin/env python
"""Benchmark: the site-selection engine against the straightforward overlay peer.

Run: ``.venv/bin/python benchmarks/siteselection.py [--side-km 30] [--min-width 30]``

Data: the medium compliance data of ``benchmarks/compliance.py`` (170,000 farmland polygons,
16 red-line stars of 20,000 vertices, 400 zoning polygons; generated once under
``benchmarks/_data/``) and a square search area of ``--side-km`` km in its middle. The project
is industrial (1001): land must avoid the red lines and the farmland and be zoned 10xx.

* **ours** — :func:`yimatong_plugin.core.siting.select_sites` on PreparedLayers (tree query of
  the layer polygons meeting the search box, clip of huge polygons to the box, one union per
  layer, one difference/intersection per layer; zoning: compatible union minus the others);
* **peer** — what a geopandas ``overlay`` script does (geopandas is not installed here: the
  same calls in plain shapely): for each constraint layer the difference of the search area
  with the union of the layer's polygons that intersect it (``overlay(how="difference")``),
  then ``overlay(how="intersection")`` with the zoning, one intersection per zoning polygon,
  the compatible pieces dissolved; the same opening and size filter afterwards.

Both run in the same process on the same shapely arrays (reading the GeoPackage is not timed);
the candidate land is compared piece by piece (symmetric difference, m²). Prints one table row
for RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def read(path: Path, layer: str, field: str | None = None):
    from osgeo import ogr

    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName(layer)
    wkbs, values = [], []
    for feat in lyr:
        wkbs.append(bytes(feat.GetGeometryRef().ExportToWkb()))
        if field:
            values.append(feat.GetField(field))
    arr = np.empty(len(wkbs), dtype=object)
    arr[:] = wkbs
    return shapely.from_wkb(arr), values


def peer(search, avoid_layers, zoning, codes, land_use, min_width, min_area):
    from yimatong_plugin.core.landuse_compat import COMPATIBLE, compatibility
    from yimatong_plugin.core.overlay import polygonal
    from yimatong_plugin.core.siting.candidates import opening

    land = search
    for geoms in avoid_layers:
        valid = shapely.make_valid(geoms)
        hit = valid[shapely.intersects(valid, land)]
        land = land.difference(shapely.union_all(hit))
    zvalid = shapely.make_valid(zoning)
    pieces = []
    others = []
    for g, code in zip(zvalid, codes):
        inter = land.intersection(g)
        if inter.is_empty:
            continue
        (pieces if compatibility(code, land_use) == COMPATIBLE else others).append(inter)
    land = shapely.union_all(pieces) if pieces else shapely.Polygon()
    if others:
        land = land.difference(shapely.union_all(others))
    land = opening(polygonal(land), min_width)
    parts = shapely.get_parts(land)
    return [p for p in parts if p.area >= min_area]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--side-km", type=float, default=30.0)
    ap.add_argument("--min-width", type=float, default=30.0)
    ap.add_argument("--min-area", type=float, default=30000.0)
    ap.add_argument("--use", default="1001")
    ap.add_argument("--no-peer", action="store_true", help="time ours only")
    ap.add_argument(
        "--no-farmland", action="store_true", help="red lines and zoning only (land is left)"
    )
    args = ap.parse_args()

    import compliance as cbench  # benchmarks/compliance.py: the medium data

    from yimatong_plugin.core.overlay import ControlLayer, PreparedLayer, ZoningLayer
    from yimatong_plugin.core.siting import select_sites

    t = time.perf_counter()
    path = cbench.generate("medium")
    print(f"data {path.name}: ready in {time.perf_counter() - t:.1f} s")
    farmland, _ = read(path, "farmland")
    redline, _ = read(path, "redline")
    zoning, codes = read(path, "zoning", "code")
    xmin, ymin, xmax, ymax = shapely.total_bounds(zoning)
    cx, cy, half = (xmin + xmax) / 2, (ymin + ymax) / 2, args.side_km * 500.0
    search = shapely.box(cx - half, cy - half, cx + half, cy + half)
    print(
        f"farmland {len(farmland):,}, red lines {len(redline)}, zoning {len(zoning)}; "
        f"search area {args.side_km:g} × {args.side_km:g} km; use {args.use}, "
        f"≥ {args.min_area:,.0f} m², width ≥ {args.min_width:g} m"
    )

    t = time.perf_counter()
    layers = [ControlLayer("生态保护红线", PreparedLayer(redline), "avoid")]
    avoid = [redline]
    if not args.no_farmland:
        layers.append(ControlLayer("永久基本农田", PreparedLayer(farmland), "avoid"))
        avoid.append(farmland)
    zlayer = ZoningLayer(PreparedLayer(zoning, codes=codes), name="zoning")
    res = select_sites(
        [search],
        layers,
        zoning=zlayer,
        land_use=args.use,
        min_area=args.min_area,
        min_width=args.min_width,
    )
    ours_s = time.perf_counter() - t
    print(f"ours: {len(res.candidates)} candidates in {ours_s:.2f} s")

    if args.no_peer:
        return
    t = time.perf_counter()
    expected = peer(search, avoid, zoning, codes, args.use, args.min_width, args.min_area)
    peer_s = time.perf_counter() - t
    print(f"peer: {len(expected)} candidates in {peer_s:.2f} s")

    ours_geoms = [c.geometry for c in res.candidates]
    worst = 0.0
    if ours_geoms and expected:
        tree = shapely.STRtree(np.array(ours_geoms, dtype=object))
        for piece in expected:
            idx = tree.query(piece, predicate="intersects")
            match = shapely.union_all([ours_geoms[i] for i in idx]) if len(idx) else None
            diff = piece.area if match is None else shapely.symmetric_difference(piece, match).area
            worst = max(worst, diff)
    same = len(ours_geoms) == len(expected)
    label = ", no farmland" if args.no_farmland else ""
    print(
        f"| {args.side_km:g} km{label} | {len(res.candidates)} / {len(expected)} | "
        f"{ours_s:.2f} s | "
        f"{peer_s:.2f} s | {peer_s / max(ours_s, 1e-9):.1f}× | {worst:.4f} m² | "
        f"{'same count' if same else 'COUNT DIFFERS'} |"
    )


if __name__ == "__main__":
    main()
