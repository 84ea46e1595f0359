"""Prepared layers: a layer's polygons with a tree, lazy validity/repair and subdivision cells."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Callable

import numpy as np
import shapely

from .boxgrid import _BoxGrid
from .cells import _Cells
from .geometry import repair

HUGE_VERTICES = 1024  # polygons with more vertices are subdivided

NONE, HOLDS_PARCEL, INSIDE_PARCEL = 0, 1, 2  # containment of a (parcel, piece) pair


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
        """The cells of the huge polygon ``i``, checked (and repaired) whole first: the exact
        clipping that cuts it is undefined on an invalid polygon."""
        got = self._cells.get(i)
        if got is None:
            with self._lock:
                got = self._cells.get(i)
                if got is None:
                    self._ensure_valid(np.array([i]))
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
                cells = self.cells(src)  # checks the polygon whole first
                if self.state[src] == self.UNUSABLE:
                    continue
                # the whole polygon (prepared) first: a parcel it misses or holds needs no
                # piece; only the parcels crossing its boundary (most are not) are intersected
                whole = cells.whole()
                grp_p = grp_p[shapely.intersects(whole, parcels[grp_p])]
                holds = shapely.contains_properly(whole, parcels[grp_p])
                # … with the pieces already cut (a published set); where a parcel meets a part
                # not cut yet, with the whole polygon: exact, and cheaper than cutting the
                # pieces (medium benchmark: ~1.6 ms a pair against ~6 ms a piece cut)
                crossing = grp_p[~holds]
                loc, cell, pending = cells.query(pbounds[crossing], cut=False)
                for sel, kind in ((grp_p[holds], HOLDS_PARCEL), (crossing[pending], NONE)):
                    out_p.append(sel)
                    out_g.append(np.full(len(sel), cells.root, dtype=object))
                    out_s.append(np.full(len(sel), src, dtype=np.int64))
                    out_c.append(np.full(len(sel), kind, dtype=np.int8))
                if not len(loc):
                    continue
                if cells.ensure_valid(cell):
                    self.state[src] = self.REPAIRED
                ok = ~cells.unusable[cell]
                loc, cell = loc[ok], cell[ok]
                pp = crossing[loc]
                hit = shapely.intersects(parcels[pp], cells.pieces[cell])
                pp, cell = pp[hit], cell[hit]
                out_p.append(pp)
                out_g.append(cells.pieces[cell])
                out_s.append(np.full(len(pp), src, dtype=np.int64))
                # a parcel crossing the polygon's boundary lies in none of its pieces
                out_c.append(np.full(len(pp), NONE, dtype=np.int8))
        return (
            np.concatenate(out_p).astype(np.int64),
            np.concatenate(out_g),
            np.concatenate(out_s).astype(np.int64),
            np.concatenate(out_c).astype(np.int8),
        )


def _code_text(code) -> str:
    if code is None:
        return ""
    text = str(code).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return "" if text.upper() in ("NULL", "NONE") else text
