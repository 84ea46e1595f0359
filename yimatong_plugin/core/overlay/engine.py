"""The engine: overlap areas of parcels with each layer, on threads, and the review of a set."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import numpy as np
import shapely

from .geometry import polygonal, repair
from .model import (
    INSIDE,
    ZONING_ROLE,
    ControlLayer,
    Overlap,
    OverlayCanceledError,
    OverlayResult,
    ParcelResult,
    ZoningLayer,
    check_rules,
)
from .prepared import HOLDS_PARCEL, INSIDE_PARCEL, NONE, PreparedLayer
from .verdict import _decide

COST_VERTICES = 256  # a piece's vertices count in a chunk's cost up to this many
CHUNK = 4096  # pairs per vectorised intersection call


def _chunk_bounds(n: int, workers: int, cost: np.ndarray | None = None) -> list:
    """``[(start, end), …]`` covering ``range(n)``: chunks of at most :data:`CHUNK` items and,
    with several workers, about ``4 × workers`` chunks of equal ``cost`` (e.g. vertex counts),
    so one 500-vertex red-line cell pair does not sit in the same chunk as 4,000 cheap ones.
    """
    if n == 0:
        return []
    if workers <= 1 or cost is None or n < 64:
        return [(s, min(n, s + CHUNK)) for s in range(0, n, CHUNK)]
    csum = np.cumsum(np.asarray(cost, dtype=float))
    parts = max(4 * workers, int(np.ceil(n / CHUNK)))
    cuts = np.searchsorted(csum, csum[-1] * np.arange(1, parts) / parts)
    edges = np.unique(np.concatenate([[0], cuts, [n]]))
    out = []
    for a, b in zip(edges[:-1].tolist(), edges[1:].tolist()):
        out.extend((s, min(b, s + CHUNK)) for s in range(a, b, CHUNK))
    return out


def _run_chunks(func, n: int, workers: int, is_canceled, cost=None) -> list:
    bounds = _chunk_bounds(n, workers, cost)
    if workers <= 1 or len(bounds) <= 1:
        out = []
        for a, b in bounds:
            if is_canceled():
                raise OverlayCanceledError()
            out.append(func(a, b))
        return out
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return results_in_order([pool.submit(func, a, b) for a, b in bounds], is_canceled)


def results_in_order(futures: list, is_canceled, done: Callable[[int], None] | None = None):
    """The results of ``futures`` in their order; when ``is_canceled()`` turns True the rest
    are cancelled and :class:`OverlayCanceledError` raised. ``done(k)`` after the k-th result."""
    out = []
    for fut in futures:
        if is_canceled():
            for f in futures:
                f.cancel()
            raise OverlayCanceledError()
        out.append(fut.result())
        if done is not None:
            done(len(out))
    return out


def layer_overlaps(
    prepared: PreparedLayer,
    parcels: np.ndarray,
    group_of_source: np.ndarray | None = None,
    want_pieces: bool = False,
    workers: int = 1,
    is_canceled: Callable[[], bool] = lambda: False,
):
    """Overlap areas of valid, prepared ``parcels`` with a layer, per (parcel, group).

    ``group_of_source`` maps each layer polygon to a group number (zoning class); default: one
    group. Returns ``(parcel_index, group, area, geometry_or_None)`` arrays, one entry per
    (parcel, group) with a non-empty intersection.
    """
    p_idx, pieces, s_idx, contained = prepared.candidates(parcels)
    if is_canceled():
        raise OverlayCanceledError()
    n = len(p_idx)
    if n == 0:
        e = np.array([], dtype=np.int64)
        return e, e, np.array([], dtype=float), np.array([], dtype=object)
    groups = np.zeros(n, dtype=np.int64) if group_of_source is None else group_of_source[s_idx]
    left = parcels[p_idx]

    def work(a, b):
        lp, pc, cn = left[a:b], pieces[a:b], contained[a:b]
        inter = np.empty(b - a, dtype=object)
        inter[cn == HOLDS_PARCEL] = lp[cn == HOLDS_PARCEL]  # the piece holds the whole parcel
        inter[cn == INSIDE_PARCEL] = pc[cn == INSIDE_PARCEL]  # the piece lies in the parcel
        rest = np.nonzero(cn == NONE)[0]
        # no clipping of many-vertex pieces to the parcel's box first: GEOS's clip_by_rect can
        # return the box minus the piece (a parcel snapped to a red line met none of it; see
        # geometry.clip_box), and the exact clipping costs more than it saves (the overlay
        # already skips the edges outside the parcel's box)
        inter[rest] = shapely.intersection(lp[rest], pc[rest])
        return inter, shapely.area(inter)

    cost = 16 + np.minimum(shapely.get_num_coordinates(pieces), COST_VERTICES)
    cost[contained != NONE] = 1
    results = _run_chunks(work, n, workers, is_canceled, cost)
    inter = np.concatenate([r[0] for r in results])
    areas = np.concatenate([r[1] for r in results])
    ngroups = int(groups.max()) + 1
    key = p_idx * ngroups + groups
    # how many distinct source polygons contribute to each key
    pair = np.unique(np.stack([key, s_idx]), axis=1)
    ukey, nsrc = np.unique(pair[0], return_counts=True)
    total = np.zeros(len(ukey), dtype=float)
    pos = np.searchsorted(ukey, key)
    np.add.at(total, pos, areas)
    geoms = np.full(len(ukey), None, dtype=object)
    # pieces of sources that overlap nothing else in the layer add up: union only the others
    multi = nsrc[pos] > 1
    prepared.ensure_overlap_flags(s_idx[multi])
    overlapping = np.zeros(len(ukey), dtype=bool)
    np.logical_or.at(overlapping, pos[multi], prepared.overlapping[s_idx[multi]] == 2)
    need_union = (nsrc > 1) & overlapping
    need_union_area = need_union.copy()
    if want_pieces:
        need_union = np.ones(len(ukey), dtype=bool)
    if need_union.any():
        order = np.argsort(pos, kind="stable")
        spos = pos[order]
        starts = np.searchsorted(spos, np.arange(len(ukey)))
        ends = np.searchsorted(spos, np.arange(len(ukey)), side="right")
        todo = np.nonzero(need_union)[0]

        def union_work(a, b):
            res = []
            for k in todo[a:b]:
                members = inter[order[starts[k] : ends[k]]]
                if len(members) == 1:
                    u = members[0]
                else:
                    u = shapely.union_all(members)
                res.append((k, u))
            return res

        for chunk in _run_chunks(union_work, len(todo), workers, is_canceled):
            for k, u in chunk:
                if need_union_area[k]:
                    total[k] = shapely.area(u)
                if want_pieces:
                    geoms[k] = polygonal(u)
    nonzero = total > 0.0
    return (
        (ukey // ngroups)[nonzero],
        (ukey % ngroups)[nonzero],
        total[nonzero],
        geoms[nonzero],
    )


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def compliance_overlay(
    parcels,
    layers: Sequence[ControlLayer],
    zoning: ZoningLayer | None = None,
    sliver_m2: float = 1.0,
    project_uses: Sequence | None = None,
    want_pieces: bool = False,
    workers: int | None = None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> OverlayResult:
    """Overlay ``parcels`` (shapely geometries in the area CRS) on control layers and zoning.

    ``project_uses`` gives each parcel's project land-use code (or None) for the
    use-compatibility verdict. ``progress`` receives 0..1; ``is_canceled`` stops the run by
    raising :class:`OverlayCanceledError`.
    """
    progress = progress or (lambda f: None)
    is_canceled = is_canceled or (lambda: False)
    workers = workers or default_workers()
    check_rules(layers)
    fixed, repaired, empty = repair(parcels)
    n = len(fixed)
    areas = np.zeros(n, dtype=float)
    live = np.nonzero(~empty)[0]
    live_geoms = fixed[live]
    areas[live] = shapely.area(live_geoms)
    shapely.prepare(live_geoms)
    results = [
        ParcelResult(
            index=i, area_m2=float(areas[i]), repaired=bool(repaired[i]), empty=bool(empty[i])
        )
        for i in range(n)
    ]
    steps = len(layers) + (1 if zoning is not None else 0)
    layer_repaired, layer_unusable = {}, {}

    def ratio(a, i):
        return float(min(1.0, a / areas[i])) if areas[i] > 0 else 0.0

    def noise(i):  # rounding noise of the intersection arithmetic, not an area
        return 1e-9 * float(areas[i]) + 1e-6

    # the layers run side by side (their GEOS work releases the GIL; a cold red-line layer
    # spends its time cutting and validating while the farmland layer intersects), each also
    # spreading its intersections over ``workers`` threads; results are taken in layer order
    jobs = []
    for layer in layers:
        jobs.append((layer, layer.prepared(), None))
    if zoning is not None:
        zprep = zoning.prepared()
        codes = zprep.codes if zprep.codes is not None else np.array([""] * zprep.n)
        uniq, group_of_source = np.unique(codes, return_inverse=True)
        jobs.append((zoning, zprep, group_of_source.astype(np.int64)))

    def run(job, parcels_copy):
        _layer, prep, groups = job
        return layer_overlaps(
            prep,
            parcels_copy,
            group_of_source=groups,
            want_pieces=want_pieces,
            workers=workers,
            is_canceled=is_canceled,
        )

    if is_canceled():
        raise OverlayCanceledError()
    if workers <= 1 or len(jobs) <= 1:
        outcomes = (run(job, live_geoms) for job in jobs)
        pool = None
    else:
        # GEOS builds a prepared geometry's indexes lazily on first use, which is not safe from
        # two threads at once: each layer gets its own (exact, WKB round-tripped) parcel copies
        copies = [live_geoms]
        for _ in jobs[1:]:
            copy = shapely.from_wkb(shapely.to_wkb(live_geoms, output_dimension=2))
            shapely.prepare(copy)
            copies.append(copy)
        pool = ThreadPoolExecutor(max_workers=min(workers, len(jobs)))
        futures = [pool.submit(run, job, copy) for job, copy in zip(jobs, copies)]
        outcomes = (f.result() for f in futures)
    try:
        for step, (layer, prep, _groups) in enumerate(jobs):
            outcome = next(outcomes)
            if layer is zoning:
                zp, zg, za, zgeom = outcome
                for j, g, a, geom in zip(zp.tolist(), zg.tolist(), za.tolist(), zgeom):
                    i = int(live[j])
                    a = min(a, float(areas[i]))
                    if a <= noise(i):
                        continue
                    results[i].overlaps.append(
                        Overlap(zoning.name, str(uniq[g]), a, ratio(a, i), None, geom, ZONING_ROLE)
                    )
            else:
                lp, _g, la, lg = outcome
                got = dict(zip(lp.tolist(), range(len(lp))))
                for j, i in enumerate(live.tolist()):
                    k = got.get(j)
                    area = min(float(la[k]), float(areas[i])) if k is not None else 0.0
                    if area <= noise(i):
                        area, k = 0.0, None
                    if layer.rule == INSIDE:
                        outside = max(0.0, float(areas[i]) - area)
                        if outside <= noise(i):
                            outside = 0.0
                        geom = lg[k] if k is not None else None
                        results[i].overlaps.append(
                            Overlap(layer.name, "", area, ratio(area, i), outside, geom)
                        )
                    elif k is not None:
                        results[i].overlaps.append(
                            Overlap(layer.name, "", area, ratio(area, i), None, lg[k])
                        )
            layer_repaired[layer.name] = prep.repaired_ids
            layer_unusable[layer.name] = prep.unusable_ids
            progress((step + 1) / steps)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    for res in results:
        use = None if project_uses is None else project_uses[res.index]
        _decide(res, layers, zoning, sliver_m2, use)
    return OverlayResult(results, layer_repaired, layer_unusable)
