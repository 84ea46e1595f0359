"""Candidate sites from the allowed land, scored and ranked.

Method (printed in the report and the algorithm's help):

1. **Minimum width** — a morphological opening of the allowed land: buffer by −w/2, then by
   +w/2 (round joins, :data:`QUAD_SEGS` segments per quarter circle), intersected with the
   allowed land again (so no candidate leaves the allowed land through the buffer's polygon
   approximation). What remains is the union of the discs of diameter ``MIN_WIDTH_M`` that fit
   in the allowed land: every point of a candidate lies in such a disc inside the candidate, so
   corridors and slivers narrower than ``MIN_WIDTH_M`` are removed.
2. **Pieces** — each connected polygon of the opened land is one candidate when its area is at
   least ``MIN_AREA_M2``.
3. **Cut** (only with ``MAX_AREA_M2``) — a piece larger than ``MAX_AREA_M2`` is cut by a square
   grid of side √MAX_AREA_M2 aligned on the search area's lower-left corner (reproducible); each
   cell's part is opened again and its connected parts of at least ``MIN_AREA_M2`` become
   candidates. Parts of cells below the minimum are dropped; their area is reported.
4. **Criteria** — for each criterion layer the distance (m) from the candidate polygon to the
   nearest feature (0 when they touch), normalised over the candidates by min–max: "near" scores
   (max − d) / (max − min), "far" (d − min) / (max − min); all equal → 1.
5. **Score** — the weighted sum Σ wᵢ·sᵢ / Σ wᵢ (0–1); without criteria the score is the
   compactness 4πA/P² (1 for a disc). Rank by score, then larger area, then the lower-left
   centroid: the same inputs always give the same ranking.

Steps 1–2 run per square tile of :data:`TILE_M` metres on threads: a tile computes the allowed
land of its box grown by the minimum width (+1 m), opens it and keeps what lies in its box (the
opening at a point depends only on the land within the minimum width of it); the tiles' parts
are then merged across tile edges.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import shapely

from ..i18n import tr
from ..overlay import (
    ControlLayer,
    OverlayCanceledError,
    ZoningLayer,
    clip_box,
    default_workers,
    polygonal,
)
from ..overlay.engine import results_in_order
from .land import AllowedLand, Constraints, search_geometry, tile_land

QUAD_SEGS = 16
TILE_M = 2000.0  # side of the square tiles the search area is processed in
MARGIN_WIDTHS = 2.0  # a tile's land is opened in its box grown by this many minimum widths
NEAR, FAR = "near", "far"


@dataclass
class Criterion:
    """A criterion layer: distance to its nearest feature, ``near`` or ``far`` is better."""

    name: str
    geometries: object  # shapely array in the area CRS (points, lines or polygons)
    direction: str = NEAR
    weight: float = 1.0


@dataclass
class Candidate:
    geometry: object
    area_m2: float
    compactness: float
    piece: int  # the connected piece of opened allowed land it comes from (1-based)
    cut: bool = False
    raw: list = field(default_factory=list)  # distance per criterion (m)
    norm: list = field(default_factory=list)  # normalised score per criterion (0–1)
    score: float = 0.0
    rank: int = 0
    reasons: str = ""


@dataclass
class SitingResult:
    candidates: list
    land: AllowedLand
    opened_m2: float
    small_m2: float  # opened land in pieces below the minimum area
    cut_dropped_m2: float  # land lost at grid cuts (parts of cells below the minimum)
    grid_m: float | None
    criteria: list


def opening(geom, min_width: float):
    """The allowed land without anything narrower than ``min_width`` (see the module doc)."""
    if min_width <= 0 or geom.is_empty:
        return geom
    r = min_width / 2.0
    geom = shapely.normalize(geom)  # canonical rings: the same land gives the same arcs
    inner = shapely.buffer(geom, -r, quad_segs=QUAD_SEGS)
    if inner.is_empty:
        return shapely.Polygon()
    # canonical rings again: GEOS starts the eroded rings anywhere, and the buffer's input
    # simplification never removes a ring's first vertex, so the start would move the arcs
    outer = shapely.buffer(shapely.normalize(inner), r, quad_segs=QUAD_SEGS)
    return polygonal(robust_intersection(outer, geom))


def robust_intersection(a, b):
    """``a ∩ b``; where GEOS's exact overlay gives up (GEOS 3.13: "Unable to determine overlay
    result geometry dimension", seen on buffered arcs meeting box edges), the same overlay
    snap-rounded to a 1 µm grid (areas change by far less than 0.01 m²)."""
    try:
        return shapely.intersection(a, b)
    except shapely.errors.GEOSException:
        return shapely.intersection(a, b, grid_size=1e-6)


def pieces(geom) -> np.ndarray:
    """The connected polygons of ``geom``, non-empty."""
    if geom is None or geom.is_empty:
        return np.array([], dtype=object)
    parts = shapely.get_parts(polygonal(geom))
    return parts[~shapely.is_empty(parts)]


def compactness(geoms) -> np.ndarray:
    perim = shapely.length(geoms)
    area = shapely.area(geoms)
    return np.where(perim > 0, 4.0 * math.pi * area / np.maximum(perim, 1e-12) ** 2, 0.0)


def grid_cut(piece, side: float, origin, min_width: float, min_area: float):
    """``(parts, dropped_m2)``: ``piece`` cut by the grid of ``side`` from ``origin``."""
    x0, y0 = origin
    xmin, ymin, xmax, ymax = piece.bounds
    i0, i1 = math.floor((xmin - x0) / side), math.ceil((xmax - x0) / side)
    j0, j1 = math.floor((ymin - y0) / side), math.ceil((ymax - y0) / side)
    out, dropped = [], 0.0
    for i in range(i0, i1):
        for j in range(j0, j1):
            cell = polygonal(
                clip_box(
                    piece,
                    (x0 + i * side, y0 + j * side, x0 + (i + 1) * side, y0 + (j + 1) * side),
                )
            )
            if cell.is_empty:
                continue
            kept = 0.0
            for part in pieces(opening(cell, min_width)):
                if part.area >= min_area:
                    out.append(part)
                    kept += part.area
            dropped += max(0.0, cell.area - kept)
    return out, dropped


def distances(cands: np.ndarray, geoms) -> np.ndarray:
    """Distance from each candidate to the nearest of ``geoms`` (0 when they meet)."""
    geoms = np.asarray(geoms, dtype=object)
    live = geoms[~shapely.is_missing(geoms)]
    live = live[~shapely.is_empty(live)]
    if not len(live):
        raise ValueError("empty criterion layer")
    tree = shapely.STRtree(live)
    (ci, gi), dist = tree.query_nearest(cands, return_distance=True, all_matches=False)
    out = np.full(len(cands), np.inf)
    np.minimum.at(out, ci, dist)
    return out


def normalise(values: np.ndarray, direction: str) -> np.ndarray:
    lo, hi = float(values.min()), float(values.max())
    if hi - lo <= 1e-9 * max(1.0, abs(hi)):
        return np.ones(len(values))
    if direction == NEAR:
        return (hi - values) / (hi - lo)
    return (values - lo) / (hi - lo)


def _tiles(bounds, side: float) -> list:
    xmin, ymin, xmax, ymax = bounds
    nx = max(1, math.ceil((xmax - xmin) / side))
    ny = max(1, math.ceil((ymax - ymin) / side))
    out = []
    for j in range(ny):
        for i in range(nx):
            out.append(
                (
                    xmin + i * side,
                    ymin + j * side,
                    xmax if i == nx - 1 else xmin + (i + 1) * side,
                    ymax if j == ny - 1 else ymin + (j + 1) * side,
                )
            )
    return out


def opened_land(
    cons: Constraints,
    search,
    min_width: float,
    tile_m: float = TILE_M,
    workers: int = 1,
    progress=lambda f: None,
    is_canceled=lambda: False,
):
    """``(land_parts, opened_parts, removed)`` of the search area, tile by tile.

    A tile computes the allowed land of its box grown by ``min_width`` (+1 m), opens it and
    keeps the part inside its box: the opening at a point depends only on the land within
    ``min_width`` of it, so the tiles' parts together are the opening of the whole.
    """
    margin = MARGIN_WIDTHS * min_width + 1.0 if min_width > 0 else 0.0
    # only the tiles that meet the search area, asked here on one thread: GEOS builds a
    # prepared geometry's index lazily and not thread-safely (libgeos/geos#825; a run crashed
    # when the workers asked it at once)
    tiles = _tiles(search.bounds, tile_m)
    prepared_search = shapely.Polygon(search) if search.geom_type == "Polygon" else search
    shapely.prepare(prepared_search)
    hits = shapely.intersects(prepared_search, shapely.box(*np.asarray(tiles, dtype=float).T))
    tiles = [t for t, hit in zip(tiles, hits.tolist()) if hit]

    def work(tile):
        if is_canceled():
            raise OverlayCanceledError()
        grown = (tile[0] - margin, tile[1] - margin, tile[2] + margin, tile[3] + margin)
        land, removed = tile_land(cons, search, grown, core=tile, is_canceled=is_canceled)
        core_land = polygonal(clip_box(land, tile)) if margin else land
        opened = opening(land, min_width)
        if margin and not opened.is_empty:
            opened = polygonal(clip_box(opened, tile))
        return list(pieces(core_land)), list(pieces(opened)), removed

    land_parts, opened_parts, removed = [], [], {}
    if workers > 1 and len(tiles) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(work, t) for t in tiles]
            results = results_in_order(futures, is_canceled, lambda k: progress(k / len(tiles)))
    else:
        results = []
        for t in tiles:
            results.append(work(t))
            progress(len(results) / len(tiles))
    for lp, op, rm in results:
        land_parts += lp
        opened_parts += op
        for k, v in rm.items():
            removed[k] = removed.get(k, 0.0) + v
    return land_parts, opened_parts, removed


def select_sites(
    search,
    layers: Sequence[ControlLayer] = (),
    zoning: ZoningLayer | None = None,
    land_use: str | None = None,
    exclude: Sequence = (),
    min_area: float = 0.0,
    max_area: float | None = None,
    min_width: float = 0.0,
    criteria: Sequence[Criterion] = (),
    tile_m: float = TILE_M,
    workers: int | None = None,
    progress=lambda f: None,
    is_canceled=lambda: False,
) -> SitingResult:
    """Candidate sites, ranked (see the module doc for the method)."""
    for crit in criteria:
        if crit.direction not in (NEAR, FAR):
            raise ValueError(
                tr("Criterion '{name}': direction must be near or far").format(name=crit.name)
            )
        if not crit.weight > 0:
            raise ValueError(
                tr("Criterion '{name}': the weight must be positive").format(name=crit.name)
            )
    if max_area is not None and max_area < min_area:
        raise ValueError(tr("MAX_AREA_M2 is smaller than MIN_AREA_M2"))
    cons = Constraints(layers, zoning, land_use, exclude)
    area = search_geometry(search)
    land_parts, opened_parts, removed = opened_land(
        cons,
        area,
        min_width,
        tile_m,
        workers or default_workers(),
        lambda f: progress(0.7 * f),
        is_canceled,
    )
    removed = {name: removed.get(name, 0.0) for name in cons.steps}
    land_geom = (
        shapely.multipolygons(np.array(land_parts, dtype=object))
        if land_parts
        else shapely.MultiPolygon()
    )
    land = AllowedLand(
        land_geom,
        float(area.area),
        tuple(area.bounds),
        removed,
        cons.compatible_codes,
        cons.other_codes,
    )
    if is_canceled():
        raise OverlayCanceledError()
    # the tiles' parts merged across tile edges
    opened = (
        shapely.union_all(np.array(opened_parts, dtype=object))
        if opened_parts
        else shapely.Polygon()
    )
    progress(0.75)
    parts = pieces(opened)
    areas = shapely.area(parts)
    big = areas >= min_area
    small_m2 = float(areas[~big].sum())
    geoms, piece_ids, cut = [], [], []
    cut_dropped, side = 0.0, None
    if max_area:
        side = math.sqrt(max_area)
    origin = land.search_bounds[:2]  # the grid is aligned on the search area's corner
    for k in np.nonzero(big)[0].tolist():
        if is_canceled():
            raise OverlayCanceledError()
        piece = parts[k]
        if side is not None and areas[k] > max_area:
            got, dropped = grid_cut(piece, side, origin, min_width, min_area)
            cut_dropped += dropped
            geoms.extend(got)
            piece_ids.extend([k + 1] * len(got))
            cut.extend([True] * len(got))
        else:
            geoms.append(piece)
            piece_ids.append(k + 1)
            cut.append(False)
    progress(0.85)
    garr = np.array(geoms, dtype=object) if geoms else np.array([], dtype=object)
    cands = []
    if len(garr):
        carea = shapely.area(garr)
        comp = compactness(garr)
        raw = [distances(garr, c.geometries) for c in criteria]
        norm = [normalise(r, c.direction) for r, c in zip(raw, criteria)]
        if criteria:
            wsum = sum(c.weight for c in criteria)
            score = sum(c.weight * s for c, s in zip(criteria, norm)) / wsum
        else:
            score = comp.copy()
        cent = shapely.get_coordinates(shapely.centroid(garr))
        order = sorted(
            range(len(garr)),
            key=lambda i: (-round(float(score[i]), 12), -float(carea[i]), cent[i, 0], cent[i, 1]),
        )
        for rank, i in enumerate(order, start=1):
            cands.append(
                Candidate(
                    geometry=garr[i],
                    area_m2=float(carea[i]),
                    compactness=float(comp[i]),
                    piece=piece_ids[i],
                    cut=cut[i],
                    raw=[float(r[i]) for r in raw],
                    norm=[float(s[i]) for s in norm],
                    score=float(score[i]),
                    rank=rank,
                )
            )
    for cand in cands:
        cand.reasons = reasons(cand, len(cands), layers, zoning, land_use, criteria, side)
    progress(1.0)
    opened_m2 = float(shapely.area(opened))
    return SitingResult(cands, land, opened_m2, small_m2, cut_dropped, side, criteria)


def _m(value: float) -> str:
    return f"{value:,.0f}"


def reasons(cand, n, layers, zoning, land_use, criteria, side) -> str:
    """Why the candidate is allowed and why it ranks where it does, in the user's language."""
    out = [
        tr("rank {rank} of {n}, score {score}").format(
            rank=cand.rank, n=n, score=f"{cand.score:.3f}"
        ),
        tr("area {area} m², compactness {c}").format(
            area=_m(cand.area_m2), c=f"{cand.compactness:.2f}"
        ),
    ]
    if criteria:
        wsum = sum(c.weight for c in criteria)
        for crit, d, s in zip(criteria, cand.raw, cand.norm):
            better = tr("nearer is better") if crit.direction == NEAR else tr("farther is better")
            out.append(
                tr("{name}: {d} m ({better}), normalised {s}, weight {w}, adds {part}").format(
                    name=crit.name,
                    d=_m(d),
                    better=better,
                    s=f"{s:.2f}",
                    w=f"{crit.weight:g}",
                    part=f"{crit.weight * s / wsum:.3f}",
                )
            )
    else:
        out.append(tr("no criteria given: the score is the compactness"))
    avoid = [c.name for c in layers if c.rule == "avoid"]
    inside = [c.name for c in layers if c.rule == "inside"]
    if avoid:
        out.append(tr("clear of {names}").format(names="、".join(avoid)))
    if inside:
        out.append(tr("inside {names}").format(names="、".join(inside)))
    if zoning is not None:
        out.append(tr("on zoning compatible with use {use}").format(use=land_use))
    if cand.cut:
        out.append(
            tr("cut from allowed piece {piece} by a {side} m grid").format(
                piece=cand.piece, side=f"{side:,.0f}"
            )
        )
    return "；".join(out)
