"""Compliance engine: parcels overlaid on control lines and zoning, on shapely 2 arrays.

No Qt/QGIS here; :mod:`yimatong_plugin.gis` converts layers to shapely arrays in the area CRS.

Contract (what a planner signs): for every parcel *P* and control layer *L*::

    overlap_m2 == area(make_valid(P) ∩ union(polygons of L near P))

within 1e-6 relative + 0.01 m². Polygons that overlap inside one layer are never counted twice;
invalid geometries on either side are repaired (``make_valid``, polygonal parts kept) and
reported, never dropped.

How it is fast (each step measured in ``benchmarks/compliance.py``, see benchmarks/RESULTS.md):

* one ``STRtree`` per layer, bulk bounding-box query of all parcels at once; a layer may be
  *lazy* (boxes + a loader, e.g. a GeoPackage R-tree): geometries are read only for the boxes
  parcels meet;
* validity is checked (and repaired) only for the layer polygons a parcel's box touches, once
  per polygon, and remembered in the :class:`PreparedLayer`;
* polygons with more than :data:`HUGE_VERTICES` vertices are cut lazily (a binary tree of
  ``clip_by_rect`` halves, split only where parcels are) into cells of at most
  :data:`MAX_VERTICES` vertices, each validated/repaired when first met; a cell is clipped to the
  parcel's box before the intersection;
* containment shortcuts: a piece holding the whole parcel, or lying wholly inside it, needs no
  intersection;
* intersections run vectorised in chunks on threads (shapely releases the GIL);
* the pieces of one (parcel, layer) are unioned only when one of their source polygons overlaps
  another polygon of the layer (checked once per polygon); otherwise their areas add up;
* the layers run side by side on threads, each with its own prepared copy of the parcels
  (GEOS builds a prepared geometry's indexes lazily, which is not thread-safe);
* a lazy layer indexes only the boxes near the parcels asked about (:class:`_BoxGrid`);
* :data:`CACHE` keeps prepared layers (trees, validity, cells) keyed by the caller's key
  (source + modification time) so later reviews in the same session skip all of that;
  :mod:`.overlay_cache` writes them to disk for later sessions.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import shapely

from . import zoning_scheme
from .dictionaries import land_use_name
from .i18n import tr
from .landuse_compat import ARGUE, COMPATIBLE, CONFLICT, compatibility, normalise_land_use

AVOID = "avoid"
INSIDE = "inside"
RULES = (AVOID, INSIDE)
# what an overlap is with: a control line or the planning zoning (a role, never a layer name)
CONTROL_ROLE = "control"
ZONING_ROLE = "zoning"

HUGE_VERTICES = 1024  # polygons with more vertices are subdivided
MAX_VERTICES = 1024  # … into pieces of at most this many vertices (measured: 256-1024 best)
CLIP_VERTICES = 64  # pieces with more vertices are clipped to the parcel's box first
CHUNK = 4096  # pairs per vectorised intersection call

NONE, HOLDS_PARCEL, INSIDE_PARCEL = 0, 1, 2  # containment of a (parcel, piece) pair
_POLY_TYPES = (3, 6)  # Polygon, MultiPolygon
_EMPTY = shapely.Polygon()

# Verdicts (the Chinese words are the values written into the output fields)
VERDICT_OK = COMPATIBLE  # 合规
VERDICT_CONFLICT = CONFLICT  # 冲突
VERDICT_ARGUE = ARGUE  # 需论证


class OverlayCanceledError(Exception):
    """Raised when the caller's ``is_canceled`` returns True."""


# ----------------------------------------------------------------------------- geometry helpers
def polygonal(geoms):
    """Keep only the polygonal parts of each geometry (None stays None; no polygon → empty)."""
    arr = np.asarray(geoms, dtype=object)
    scalar = arr.ndim == 0
    arr = np.atleast_1d(arr).copy()
    types = shapely.get_type_id(arr)
    for i in np.nonzero((types >= 0) & ~np.isin(types, _POLY_TYPES))[0]:
        parts = shapely.get_parts(arr[i])
        ptypes = shapely.get_type_id(parts)
        if ptypes.size and np.any(ptypes == 7):  # nested collections
            parts = shapely.get_parts(parts)
            ptypes = shapely.get_type_id(parts)
        polys = parts[np.isin(ptypes, _POLY_TYPES)]
        polys = shapely.get_parts(polys) if len(polys) else polys
        if len(polys) == 0:
            arr[i] = _EMPTY
        elif len(polys) == 1:
            arr[i] = polys[0]
        else:
            arr[i] = shapely.multipolygons(polys)
    return arr[0] if scalar else arr


def repair(geoms):
    """``(fixed, repaired, unusable)``: make_valid where invalid, polygonal parts kept.

    ``repaired`` marks geometries that were invalid (or not purely polygonal) and changed;
    ``unusable`` marks None/empty geometries and those with no polygonal part.
    """
    arr = np.asarray(geoms, dtype=object).copy()
    missing = shapely.is_missing(arr)
    empty = missing.copy()
    empty[~missing] = shapely.is_empty(arr[~missing])
    types = shapely.get_type_id(arr)
    valid = np.ones(len(arr), dtype=bool)
    live = ~empty
    valid[live] = shapely.is_valid(arr[live])
    non_poly = live & ~np.isin(types, _POLY_TYPES)
    fix = live & (~valid | non_poly)
    repaired = np.zeros(len(arr), dtype=bool)
    if fix.any():
        idx = np.nonzero(fix)[0]
        fixed = arr[idx]
        bad = ~valid[idx]
        if bad.any():
            fixed[bad] = shapely.make_valid(fixed[bad])
        fixed = polygonal(fixed)
        arr[idx] = fixed
        repaired[idx] = True
    unusable = empty.copy()
    if fix.any():
        unusable[fix] = shapely.is_empty(arr[fix])
    repaired &= ~unusable
    return arr, repaired, unusable


def subdivide(geom, max_vertices: int = MAX_VERTICES, repair_pieces: bool = True) -> list:
    """Split a (valid) polygon by halving its box with ``clip_by_rect`` until every piece has
    at most ``max_vertices`` vertices. The pieces' interiors are disjoint; their union is ``geom``.
    """
    out = []
    stack = [(geom, 0)]
    while stack:
        g, depth = stack.pop()
        if g is None or g.is_empty:
            continue
        if shapely.get_num_coordinates(g) <= max_vertices or depth >= 40:
            out.append(g)
            continue
        xmin, ymin, xmax, ymax = g.bounds
        if xmax - xmin >= ymax - ymin:
            xm = (xmin + xmax) / 2.0
            rects = ((xmin, ymin, xm, ymax), (xm, ymin, xmax, ymax))
        else:
            ym = (ymin + ymax) / 2.0
            rects = ((xmin, ymin, xmax, ym), (xmin, ym, xmax, ymax))
        for rect in rects:
            stack.append((shapely.clip_by_rect(g, *rect), depth + 1))
    pieces = polygonal(np.array(out, dtype=object)) if out else np.array([], dtype=object)
    if len(pieces) and repair_pieces:
        fixed, _repaired, unusable = repair(pieces)
        pieces = fixed[~unusable]
    return list(pieces)


# ----------------------------------------------------------------------------- prepared layers
class PreparedLayer:
    """A layer's polygons with a tree, lazy validity/repair and cached subdivisions.

    ``codes`` (optional, zoning) holds one class code per polygon. ``meta`` is free for the
    caller (the QGIS glue keeps the extent it read and the feature ids there).
    """

    UNKNOWN, VALID, REPAIRED, UNUSABLE = 0, 1, 2, 3

    def __init__(
        self,
        geometries,
        codes: Sequence | None = None,
        meta: dict | None = None,
        boxes: np.ndarray | None = None,
        loader: Callable[[np.ndarray], np.ndarray] | None = None,
    ):
        """``geometries``: shapely array; or, with ``loader``, ``boxes`` (n×4: xmin, ymin,
        xmax, ymax; may be larger than the geometries) and ``loader(indices)`` returning the
        geometries at those indices, read only when a parcel's box meets their box.
        """
        self._loader = loader
        self.boxes = None
        if loader is not None:
            boxes = self.boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
            self.n = len(boxes)
            self.geoms = np.full(self.n, None, dtype=object)
            self.loaded = np.zeros(self.n, dtype=bool)
            self.nverts = np.zeros(self.n, dtype=np.int64)
            self.state = np.zeros(self.n, dtype=np.int8)
        else:
            self.geoms = np.array(geometries, dtype=object)
            if self.geoms.ndim != 1:
                self.geoms = self.geoms.reshape(-1)
            self.n = len(self.geoms)
            self.loaded = np.ones(self.n, dtype=bool)
            self.state = np.zeros(self.n, dtype=np.int8)
            self._mark_unusable(np.arange(self.n))
            self.nverts = shapely.get_num_coordinates(self.geoms)
        self._tree = None  # built on first use, inside the engine's parallel part
        self._grid = None  # lazy layers: boxes indexed where asked (built on first use)
        self.codes = None if codes is None else np.asarray([_code_text(c) for c in codes])
        self.meta = dict(meta or {})
        self.overlapping = np.zeros(self.n, dtype=np.int8)  # 0 unknown, 1 no, 2 yes
        self._cells: dict[int, _Cells] = {}
        # one review at a time mutates a cached layer (QGIS may run two reviews in parallel)
        self._lock = threading.RLock()

    @property
    def tree(self) -> shapely.STRtree:
        """STRtree of the polygons (eager layers; lazy layers use :meth:`query`)."""
        tree = self._tree
        if tree is None:
            with self._lock:
                if self._tree is None:
                    self._tree = shapely.STRtree(self.geoms)
                tree = self._tree
        return tree

    def query(self, geoms: np.ndarray):
        """``(geometry_index, polygon_index)`` for the layer polygons whose box meets each
        geometry's box (STRtree semantics).

        A lazy layer indexes only the boxes near what was asked so far (see :class:`_BoxGrid`):
        a review of a few thousand parcels does not build a tree of a million boxes.
        """
        if self.boxes is None:
            return self.tree.query(geoms)
        with self._lock:
            if self._grid is None:
                self._grid = _BoxGrid(self.boxes)
            return self._grid.query(geoms)

    def _mark_unusable(self, ids: np.ndarray) -> None:
        g = self.geoms[ids]
        missing = shapely.is_missing(g)
        empty = missing.copy()
        empty[~missing] = shapely.is_empty(g[~missing])
        self.state[ids[empty]] = self.UNUSABLE

    def load(self, ids: np.ndarray) -> None:
        """Read the geometries ``ids`` not read yet (lazy layers only)."""
        if self._loader is None:
            return
        ids = np.unique(ids)
        todo = ids[~self.loaded[ids]]
        if not len(todo):
            return
        with self._lock:
            todo = todo[~self.loaded[todo]]
            if not len(todo):
                return
            geoms = np.asarray(self._loader(todo), dtype=object)
            self.geoms[todo] = geoms
            self.nverts[todo] = shapely.get_num_coordinates(geoms)
            self._mark_unusable(todo)
            self.loaded[todo] = True

    @property
    def loaded_count(self) -> int:
        return int(np.count_nonzero(self.loaded))

    # validity -----------------------------------------------------------------------------
    def ensure_valid(self, ids: np.ndarray) -> None:
        with self._lock:
            self._ensure_valid(ids)

    def _ensure_valid(self, ids: np.ndarray) -> None:
        """Check (once) and repair the polygons ``ids``."""
        ids = np.unique(ids)
        self.load(ids)
        todo = ids[self.state[ids] == self.UNKNOWN]
        if not len(todo):
            return
        fixed, repaired, unusable = repair(self.geoms[todo])
        self.geoms[todo] = fixed
        st = np.full(len(todo), self.VALID, dtype=np.int8)
        st[repaired] = self.REPAIRED
        st[unusable] = self.UNUSABLE
        self.state[todo] = st

    @property
    def repaired_ids(self) -> np.ndarray:
        return np.nonzero(self.state == self.REPAIRED)[0]

    @property
    def unusable_ids(self) -> np.ndarray:
        """Empty/NULL polygons and those checked and found without a polygonal part."""
        return np.nonzero(self.state == self.UNUSABLE)[0]

    def checked_count(self) -> int:
        return int(np.count_nonzero(self.state != self.UNKNOWN))

    # subdivision ---------------------------------------------------------------------------
    def cells(self, i: int) -> _Cells:
        got = self._cells.get(i)
        if got is None:
            with self._lock:
                got = self._cells.get(i)
                if got is None:
                    got = _Cells(self.geoms[i])
                    self._cells[i] = got
        return got

    # overlaps inside the layer ---------------------------------------------------------------
    def ensure_overlap_flags(self, ids: np.ndarray) -> None:
        with self._lock:
            self._ensure_overlap_flags(ids)

    def _ensure_overlap_flags(self, ids: np.ndarray) -> None:
        """Find (once) which of ``ids`` share interior with another polygon of the layer.

        Pieces of polygons that overlap nothing are interior-disjoint, so their areas add up
        without a union.
        """
        ids = np.unique(ids)
        todo = ids[self.overlapping[ids] == 0]
        huge = todo[self.nverts[todo] > HUGE_VERTICES]
        self.overlapping[huge] = 2  # not worth a search over their whole box: union instead
        todo = todo[self.nverts[todo] <= HUGE_VERTICES]
        if not len(todo):
            return
        try:
            a, b = self.query(self.geoms[todo])
            other = b != todo[a]
            a, b = a[other], b[other]
            self.load(b)
            hit = shapely.intersects(self.geoms[todo[a]], self.geoms[b])
            a, b = a[hit], b[hit]
            huge = (self.nverts[b] > HUGE_VERTICES) | (self.nverts[todo[a]] > HUGE_VERTICES)
            self.ensure_valid(b[~huge])
            interior = ~shapely.touches(self.geoms[todo[a]], self.geoms[b])
            flag = np.ones(len(todo), dtype=np.int8)
            flag[np.unique(a[interior | huge])] = 2
        except shapely.errors.GEOSException:  # invalid neighbours: take the safe path
            flag = np.full(len(todo), 2, dtype=np.int8)
        self.overlapping[todo] = flag

    # candidates ----------------------------------------------------------------------------
    def candidates(self, parcels: np.ndarray):
        with self._lock:
            return self._candidates(parcels)

    def _candidates(self, parcels: np.ndarray):
        """``(parcel_index, piece, source_index, containment)`` for every piece meeting a parcel.

        ``containment`` is HOLDS_PARCEL where the piece wholly contains the parcel,
        INSIDE_PARCEL where it lies wholly inside it (no intersection needed), else NONE.
        ``parcels`` must be valid, prepared polygons (see :func:`compliance_overlay`).
        """
        e = np.array([], dtype=np.int64)
        p_idx, s_idx = self.query(parcels)
        if not len(p_idx):
            return e, np.array([], dtype=object), e, np.array([], dtype=np.int8)
        self.load(s_idx)
        huge = self.nverts[s_idx] > HUGE_VERTICES
        self.ensure_valid(s_idx[~huge])
        keep = huge | (self.state[s_idx] != self.UNUSABLE)
        p_idx, s_idx, huge = p_idx[keep], s_idx[keep], huge[keep]
        # small polygons: exact predicate with the prepared parcels
        sp, ss = p_idx[~huge], s_idx[~huge]
        hit = shapely.intersects(parcels[sp], self.geoms[ss])
        sp, ss = sp[hit], ss[hit]
        sg = self.geoms[ss]
        # containment shortcuts: the polygon inside the parcel (prepared), or the parcel
        # inside the polygon (only where the polygon's box holds the parcel's box)
        cont = np.where(shapely.contains_properly(parcels[sp], sg), INSIDE_PARCEL, NONE)
        pb, gb = shapely.bounds(parcels[sp]), shapely.bounds(sg)
        maybe = (cont == NONE) & np.all(gb[:, :2] <= pb[:, :2], axis=1)
        maybe &= np.all(gb[:, 2:] >= pb[:, 2:], axis=1)
        if maybe.any():
            holds = shapely.contains_properly(sg[maybe], parcels[sp[maybe]])
            cont[np.nonzero(maybe)[0][holds]] = HOLDS_PARCEL
        out_p, out_g, out_s, out_c = [sp], [sg], [ss], [cont]
        # huge polygons: their subdivision cells, validated/repaired only where parcels are
        hp, hs = p_idx[huge], s_idx[huge]
        if len(hp):
            pbounds = shapely.bounds(parcels)
            order = np.argsort(hs, kind="stable")
            hp, hs = hp[order], hs[order]
            bounds = np.nonzero(np.diff(hs))[0] + 1
            for grp_p, grp_s in zip(np.split(hp, bounds), np.split(hs, bounds)):
                src = int(grp_s[0])
                cells = self.cells(src)
                try:
                    loc, cell = cells.query(pbounds[grp_p])
                except shapely.errors.GEOSException:  # clipping failed on an invalid polygon
                    fixed, _rep, _unusable = repair(np.array([self.geoms[src]], dtype=object))
                    self.geoms[src] = fixed[0]
                    self.state[src] = self.REPAIRED
                    cells = self._cells[src] = _Cells(fixed[0])
                    loc, cell = cells.query(pbounds[grp_p])
                if cells.ensure_valid(cell):
                    self.state[src] = self.REPAIRED
                ok = ~cells.unusable[cell]
                loc, cell = loc[ok], cell[ok]
                pp = grp_p[loc]
                hit = shapely.intersects(parcels[pp], cells.pieces[cell])
                pp, cell = pp[hit], cell[hit]
                out_p.append(pp)
                out_g.append(cells.pieces[cell])
                out_s.append(np.full(len(pp), src, dtype=np.int64))
                holds = shapely.contains_properly(cells.pieces[cell], parcels[pp])
                out_c.append(np.where(holds, HOLDS_PARCEL, NONE))
        return (
            np.concatenate(out_p).astype(np.int64),
            np.concatenate(out_g),
            np.concatenate(out_s).astype(np.int64),
            np.concatenate(out_c).astype(np.int8),
        )


class _BoxGrid:
    """An STRtree over the part of a large set of boxes near the places asked about.

    The layer's extent is cut into at most 1024 × 1024 grid cells about the size of a typical
    box; each box knows its cell range. A query first marks the cells its geometries' boxes
    cover; boxes touching a newly marked cell join the index (a summed-area table answers
    "does this box touch a new cell" for all boxes at once) and the tree is rebuilt over the
    indexed boxes. Two closed boxes that meet have overlapping cell ranges (``floor`` is
    monotonic), so every box meeting a query box is indexed before the tree is asked: the
    answer is the full tree's.
    """

    MAX_CELLS = 1024
    SPAN = 3  # boxes spanning fewer cells than this each way are bucketed
    MARGIN = 1  # cells around each query box indexed ahead (the neighbours' overlap check)

    def __init__(self, boxes: np.ndarray):
        self.boxes = boxes
        n = len(boxes)
        if n:
            x0, y0 = boxes[:, 0].min(), boxes[:, 1].min()
            x1, y1 = boxes[:, 2].max(), boxes[:, 3].max()
            size = np.median(np.maximum(boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]))
        else:
            x0 = y0 = 0.0
            x1 = y1 = size = 1.0
        size = max(float(size), 1e-9)
        self.origin = (float(x0), float(y0))
        self.g = (
            int(min(self.MAX_CELLS, max(1, np.ceil((x1 - x0) / size)))),
            int(min(self.MAX_CELLS, max(1, np.ceil((y1 - y0) / size)))),
        )
        self.step = (max((x1 - x0) / self.g[0], 1e-9), max((y1 - y0) / self.g[1], 1e-9))
        self.ranges = self._cells(boxes)  # n × 4: ix0, iy0, ix1, iy1 (clipped to the grid)
        self.covered = np.zeros((self.g[1], self.g[0]), dtype=bool)
        # boxes spanning at most SPAN cells each way, bucketed by their lower-left cell (CSR),
        # so a query looks only at the buckets near its new cells; the few wider boxes are
        # checked one by one
        r = self.ranges
        small = ((r[:, 2] - r[:, 0]) < self.SPAN) & ((r[:, 3] - r[:, 1]) < self.SPAN)
        self.wide = np.nonzero(~small)[0]
        narrow = np.nonzero(small)[0]
        cell = r[narrow, 1] * self.g[0] + r[narrow, 0]
        order = np.argsort(cell, kind="stable")
        self.bucket_ids = narrow[order]
        self.bucket_start = np.searchsorted(cell[order], np.arange(self.g[0] * self.g[1] + 1))
        self.indexed = np.zeros(n, dtype=bool)
        self.ids = np.zeros(0, dtype=np.int64)
        self.tree = None

    def _cells(self, b: np.ndarray) -> np.ndarray:
        ix = np.floor((b[:, [0, 2]] - self.origin[0]) / self.step[0])
        iy = np.floor((b[:, [1, 3]] - self.origin[1]) / self.step[1])
        ix = np.clip(ix, 0, self.g[0] - 1).astype(np.int64)
        iy = np.clip(iy, 0, self.g[1] - 1).astype(np.int64)
        return np.column_stack([ix[:, 0], iy[:, 0], ix[:, 1], iy[:, 1]])

    def _cover(self, qboxes: np.ndarray) -> None:
        qb = qboxes[np.isfinite(qboxes).all(axis=1)]
        if not len(qb) or not len(self.boxes):
            return
        ox, oy = self.origin
        outside = (qb[:, 2] < ox) | (qb[:, 3] < oy)
        outside |= qb[:, 0] > ox + self.g[0] * self.step[0]
        outside |= qb[:, 1] > oy + self.g[1] * self.step[1]
        qb = qb[~outside]
        if not len(qb):
            return
        r = self._cells(qb)
        gx, gy = self.g
        m = self.MARGIN
        r = np.column_stack(
            [
                np.maximum(r[:, 0] - m, 0),
                np.maximum(r[:, 1] - m, 0),
                np.minimum(r[:, 2] + m, gx - 1),
                np.minimum(r[:, 3] + m, gy - 1),
            ]
        )
        diff = np.zeros((gy + 1, gx + 1), dtype=np.int32)
        np.add.at(diff, (r[:, 1], r[:, 0]), 1)
        np.add.at(diff, (r[:, 1], r[:, 2] + 1), -1)
        np.add.at(diff, (r[:, 3] + 1, r[:, 0]), -1)
        np.add.at(diff, (r[:, 3] + 1, r[:, 2] + 1), 1)
        wanted = diff.cumsum(axis=0).cumsum(axis=1)[:gy, :gx] > 0
        new = wanted & ~self.covered
        if not new.any():
            return
        sat = np.zeros((gy + 1, gx + 1), dtype=np.int64)
        sat[1:, 1:] = new.cumsum(axis=0).cumsum(axis=1)
        # a bucketed box touching a new cell has its lower-left cell at most SPAN-1 cells
        # below/left of it: grow the new cells that way and take those buckets
        grown = new.copy()
        for dy in range(self.SPAN):
            for dx in range(self.SPAN):
                if dx or dy:
                    grown[: gy - dy, : gx - dx] |= new[dy:, dx:]
        cells = np.flatnonzero(grown)
        starts, ends = self.bucket_start[cells], self.bucket_start[cells + 1]
        lengths = ends - starts
        near = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        todo = np.concatenate([self.bucket_ids[near], self.wide])
        todo = todo[~self.indexed[todo]]
        c = self.ranges[todo]
        hits = (
            sat[c[:, 3] + 1, c[:, 2] + 1]
            - sat[c[:, 1], c[:, 2] + 1]
            - sat[c[:, 3] + 1, c[:, 0]]
            + sat[c[:, 1], c[:, 0]]
        ) > 0
        self.covered |= new
        if hits.any():
            self.indexed[todo[hits]] = True
            self.ids = np.nonzero(self.indexed)[0]
            self.tree = shapely.STRtree(shapely.box(*self.boxes[self.ids].T))

    def query(self, geoms: np.ndarray):
        geoms = np.asarray(geoms, dtype=object)
        live = ~shapely.is_missing(geoms)
        if live.any():
            self._cover(shapely.bounds(geoms[live]))
        if self.tree is None:
            e = np.array([], dtype=np.int64)
            return e, e
        a, b = self.tree.query(geoms)
        return a, self.ids[b]


class _Cells:
    """The subdivision of one huge polygon, built lazily where parcels are.

    A binary tree of boxes: a node is split in two halves (``clip_by_rect``) only when a parcel
    box meets it and it has more than :data:`MAX_VERTICES` vertices; its leaves are the pieces.
    Pieces are validated/repaired once, when first met, and prepared for the containment test.
    Parts of the polygon far from every parcel reviewed so far are never clipped nor checked.
    """

    def __init__(self, geom):
        self._geom = [geom]
        self._rect = [tuple(geom.bounds)]
        self._children: list = [None]
        self._leaf = [-1]
        self._depth = [0]
        self.pieces = np.array([], dtype=object)
        self.checked = np.array([], dtype=bool)
        self.unusable = np.array([], dtype=bool)
        self._lock = threading.Lock()

    def _split(self, node: int) -> list:
        g = self._geom[node]
        xmin, ymin, xmax, ymax = self._rect[node]
        if xmax - xmin >= ymax - ymin:
            xm = (xmin + xmax) / 2.0
            rects = ((xmin, ymin, xm, ymax), (xm, ymin, xmax, ymax))
        else:
            ym = (ymin + ymax) / 2.0
            rects = ((xmin, ymin, xmax, ym), (xmin, ym, xmax, ymax))
        children = []
        for rect in rects:
            part = shapely.clip_by_rect(g, *rect)
            if part.is_empty:
                continue
            children.append(len(self._geom))
            self._geom.append(part)
            self._rect.append(rect)
            self._children.append(None)
            self._leaf.append(-1)
            self._depth.append(self._depth[node] + 1)
        self._geom[node] = None  # only the leaves keep geometry
        return children

    def query(self, boxes: np.ndarray):
        """``(box_index, piece_index)`` for pieces whose cell meets each box (n×4 bounds)."""
        with self._lock:
            out_b, out_p, new = [], [], []
            stack = [(0, np.arange(len(boxes)))]
            while stack:
                node, sel = stack.pop()
                r = self._rect[node]
                b = boxes[sel]
                sel = sel[
                    (b[:, 0] <= r[2]) & (b[:, 2] >= r[0]) & (b[:, 1] <= r[3]) & (b[:, 3] >= r[1])
                ]
                if not len(sel):
                    continue
                children = self._children[node]
                if children is None:
                    g = self._geom[node]
                    if self._leaf[node] >= 0 or (
                        shapely.get_num_coordinates(g) <= MAX_VERTICES or self._depth[node] >= 40
                    ):
                        if self._leaf[node] < 0:
                            self._leaf[node] = len(self.pieces) + len(new)
                            new.append(polygonal(g))
                        out_b.append(sel)
                        out_p.append(np.full(len(sel), self._leaf[node], dtype=np.int64))
                        continue
                    children = self._children[node] = self._split(node)
                for child in children:
                    stack.append((child, sel))
            if new:
                added = np.empty(len(new), dtype=object)
                added[:] = new
                self.pieces = np.concatenate([self.pieces, added])
                self.checked = np.concatenate([self.checked, np.zeros(len(new), dtype=bool)])
                self.unusable = np.concatenate([self.unusable, np.zeros(len(new), dtype=bool)])
        if not out_b:
            e = np.array([], dtype=np.int64)
            return e, e
        return np.concatenate(out_b), np.concatenate(out_p)

    def ensure_valid(self, ids: np.ndarray) -> bool:
        """Check and repair the pieces ``ids`` (once); True when one needed a repair."""
        ids = np.unique(ids)
        todo = ids[~self.checked[ids]]
        if not len(todo):
            return False
        with self._lock:
            fixed, repaired, unusable = repair(self.pieces[todo])
            self.pieces[todo] = fixed
            self.unusable[todo] = unusable
            self.checked[todo] = True
            shapely.prepare(self.pieces[todo[~unusable]])
        return bool(repaired.any())


def _code_text(code) -> str:
    if code is None:
        return ""
    text = str(code).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return "" if text.upper() in ("NULL", "NONE") else text


class LayerCache:
    """Prepared layers kept for the session, keyed by (source, modification time, …)."""

    def __init__(self, max_layers: int = 8):
        self.max_layers = max_layers
        self._items: OrderedDict[Hashable, PreparedLayer] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> PreparedLayer | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item

    def put(self, key: Hashable, layer: PreparedLayer) -> None:
        with self._lock:
            self._items[key] = layer
            self._items.move_to_end(key)
            while len(self._items) > self.max_layers:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


CACHE = LayerCache()


# ----------------------------------------------------------------------------- inputs / outputs
@dataclass
class ControlLayer:
    """One control line: ``source`` is an array of shapely geometries or a PreparedLayer."""

    name: str
    source: object
    rule: str = AVOID

    def prepared(self) -> PreparedLayer:
        if not isinstance(self.source, PreparedLayer):
            self.source = PreparedLayer(self.source)
        return self.source


@dataclass
class ZoningLayer:
    """Planning zoning: geometries (or a PreparedLayer built with ``codes``) and their codes."""

    source: object
    codes: Sequence | None = None
    name: str = "zoning"
    scheme: str = "2023"  # the codes' classification: "2023" 用地用海 or "sandiao" 三调

    def prepared(self) -> PreparedLayer:
        if not isinstance(self.source, PreparedLayer):
            self.source = PreparedLayer(self.source, codes=self.codes)
        if self.source.codes is None:
            self.source.codes = np.asarray([_code_text(c) for c in (self.codes or [])])
        return self.source


@dataclass
class Overlap:
    layer: str
    class_code: str  # zoning code; "" for control lines
    overlap_m2: float
    ratio: float
    outside_m2: float | None = None  # inside-type lines only
    geometry: object = None  # the overlap geometry when pieces were asked for
    role: str = CONTROL_ROLE  # CONTROL_ROLE or ZONING_ROLE


@dataclass
class ParcelResult:
    index: int
    area_m2: float
    repaired: bool
    empty: bool
    verdict: str = VERDICT_OK
    rules: list = field(default_factory=list)
    overlaps: list = field(default_factory=list)

    @property
    def verdict_rule(self) -> str:
        return "; ".join(self.rules)

    def overlap(self, layer: str, class_code: str = "", role: str = CONTROL_ROLE) -> Overlap | None:
        for ov in self.overlaps:
            if ov.layer == layer and ov.class_code == class_code and ov.role == role:
                return ov
        return None

    def ratio(self, layer: str) -> float:
        ov = self.overlap(layer)
        return ov.ratio if ov is not None else 0.0


@dataclass
class OverlayResult:
    parcels: list
    layer_repaired: dict  # layer name -> indices of its polygons that were repaired
    layer_unusable: dict  # layer name -> indices of empty/NULL/non-polygonal polygons met
    warnings: list


# ----------------------------------------------------------------------------- the engine
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
        futures = [pool.submit(func, a, b) for a, b in bounds]
        out = []
        for fut in futures:
            if is_canceled():
                for f in futures:
                    f.cancel()
                raise OverlayCanceledError()
            out.append(fut.result())
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
        lp, pc, cn = left[a:b], pieces[a:b].copy(), contained[a:b]
        inter = np.empty(b - a, dtype=object)
        inter[cn == HOLDS_PARCEL] = lp[cn == HOLDS_PARCEL]  # the piece holds the whole parcel
        inter[cn == INSIDE_PARCEL] = pc[cn == INSIDE_PARCEL]  # the piece lies in the parcel
        rest = np.nonzero(cn == NONE)[0]
        # many-vertex pieces: clip to the parcel's box first (exact: P ∩ X = P ∩ (X ∩ box(P)))
        big = rest[shapely.get_num_coordinates(pc[rest]) > CLIP_VERTICES]
        for j in big:
            pc[j] = shapely.clip_by_rect(pc[j], *lp[j].bounds)
        inter[rest] = shapely.intersection(lp[rest], pc[rest])
        return inter, shapely.area(inter)

    cost = 16 + np.minimum(shapely.get_num_coordinates(pieces), 4 * CLIP_VERTICES)
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
    for layer in layers:
        if layer.rule not in RULES:
            raise ValueError(
                tr(
                    "Unknown rule '{rule}' for control layer '{layer}' (use avoid or inside)"
                ).format(rule=layer.rule, layer=layer.name)
            )
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
    layer_repaired, layer_unusable, warnings = {}, {}, []

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
    return OverlayResult(results, layer_repaired, layer_unusable, warnings)


def _fmt(m2: float) -> str:
    return f"{m2:,.2f}"


def _decide(res: ParcelResult, layers, zoning, sliver_m2: float, project_use) -> None:
    """Set the parcel's verdict and the rules that produced it."""
    if res.empty:
        res.verdict = VERDICT_ARGUE
        res.rules = [tr("empty or NULL geometry: the parcel could not be reviewed")]
        return
    conflicts, argue, minor = [], [], []
    for layer in layers:
        ov = res.overlap(layer.name)
        if layer.rule == AVOID:
            if ov is None or ov.overlap_m2 <= 0:
                continue
            if ov.overlap_m2 > sliver_m2:
                conflicts.append(
                    tr("{layer}: {m2} m² inside a line the project must stay out of").format(
                        layer=layer.name, m2=_fmt(ov.overlap_m2)
                    )
                )
            else:
                minor.append(
                    tr("{layer}: {m2} m² overlap within the sliver tolerance").format(
                        layer=layer.name, m2=_fmt(ov.overlap_m2)
                    )
                )
        else:
            outside = ov.outside_m2 if ov is not None else res.area_m2
            if outside > sliver_m2:
                conflicts.append(
                    tr("{layer}: {m2} m² outside a line the project must stay inside").format(
                        layer=layer.name, m2=_fmt(outside)
                    )
                )
            elif outside > 0:
                minor.append(
                    tr("{layer}: {m2} m² outside within the sliver tolerance").format(
                        layer=layer.name, m2=_fmt(outside)
                    )
                )
    if zoning is not None and project_use not in (None, ""):
        use_norm = normalise_land_use(project_use)
        if use_norm is None:
            argue.append(
                tr(
                    "project land-use code '{code}' is unknown: use compatibility not decided"
                ).format(code=project_use)
            )
        else:
            for ov in res.overlaps:
                if ov.role != ZONING_ROLE or ov.overlap_m2 <= sliver_m2:
                    continue
                planned = zoning_scheme.normalise(ov.class_code, zoning.scheme)
                verdict = compatibility(planned, project_use) if planned else ARGUE
                name = land_use_name(planned) if planned else ""
                if planned is None:
                    argue.append(
                        tr("planned use code '{code}' is unknown ({m2} m²)").format(
                            code=ov.class_code, m2=_fmt(ov.overlap_m2)
                        )
                    )
                elif verdict == CONFLICT:
                    conflicts.append(
                        tr(
                            "planned use {code} {name} ({m2} m²) does not allow project use {use}"
                        ).format(
                            code=ov.class_code, name=name, m2=_fmt(ov.overlap_m2), use=project_use
                        )
                    )
                elif verdict == ARGUE:
                    argue.append(
                        tr("planned {code} {name} ({m2} m²) vs project use {use}: to argue").format(
                            code=ov.class_code, name=name, m2=_fmt(ov.overlap_m2), use=project_use
                        )
                    )
    if conflicts:
        res.verdict, res.rules = VERDICT_CONFLICT, conflicts + argue
    elif argue:
        res.verdict, res.rules = VERDICT_ARGUE, argue
    else:
        res.verdict = VERDICT_OK
        res.rules = [tr("no conflict with the control lines and the planned use")] + minor
    if res.repaired:
        res.rules.append(tr("invalid parcel geometry was repaired (make_valid) before the overlay"))
