"""Cells: the lazy subdivision of one huge polygon, built only where parcels are."""

from __future__ import annotations

import threading

import numpy as np
import shapely

from .geometry import clip_box, polygonal, repair

MAX_VERTICES = 1024  # … into pieces of at most this many vertices (measured: 256-1024 best)
MAX_DEPTH = 40  # … and at most this many halvings deep
EMPTY = -2  # a leaf the polygon misses (``_leaf``; -1: not a piece yet)


def _prime_envelopes(geom, rect) -> None:
    """Has GEOS compute the envelope of every ring of ``geom`` now, on this thread: GEOS before
    3.12 computes them on first use, without a lock (libgeos/geos#824), and the whole polygon is
    handed to the worker threads' intersections (a parcel crossing its boundary). An exact
    overlay with a tiny box in its middle visits every ring (~1 ms for 20,000 vertices)."""
    xmin, ymin, xmax, ymax = rect
    x, y = (xmin + xmax) / 2.0, (ymin + ymax) / 2.0
    dx, dy = max((xmax - xmin) * 1e-6, 1e-9), max((ymax - ymin) * 1e-6, 1e-9)
    try:
        shapely.intersection(geom, shapely.box(x - dx, y - dy, x + dx, y + dy))
    except shapely.errors.GEOSException:
        pass  # an invalid polygon: checked and repaired (a new, primed copy) before any use


class _Cells:
    """The subdivision of one huge polygon, built lazily where parcels are.

    A binary tree of boxes: a node is split in two halves only when a parcel box meets it and
    it has more than :data:`MAX_VERTICES` vertices; its leaves are the pieces. A piece is cut
    from the whole polygon (kept in node 0) by :func:`clip_box`, the exact overlay (GEOS's
    ``clip_by_rect`` can return a box's complement); the nodes between the root and the pieces
    are only boxes, split by counting the polygon's vertices in them (the exact overlay of each
    half at every level cost 60× ``clip_by_rect``). ``geom`` must be valid (the exact overlay of
    an invalid polygon is undefined): :class:`PreparedLayer` checks and repairs it whole first.
    Pieces are cut, checked once more and prepared for the containment test only when first
    met (the other half of a split box may never be); parts of the polygon far from every
    parcel are never clipped.
    """

    def __init__(self, geom):
        self._geom = [geom]
        self._rect = [tuple(geom.bounds)]
        _prime_envelopes(geom, self._rect[0])
        self._children: list = [None]
        self._leaf = [-1]
        self._depth = [0]
        self.pieces = np.array([], dtype=object)
        self.checked = np.array([], dtype=bool)
        self.unusable = np.array([], dtype=bool)
        self._lock = threading.Lock()

    @property
    def root(self):
        """The whole (valid) polygon the pieces are cut from."""
        return self._geom[0]

    def whole(self):
        """The whole polygon, prepared, for the predicates that spare most cuts (its own copy:
        the caller's array may hand the same object to another thread; under the layer's lock).
        """
        got = getattr(self, "_whole", None)  # not in __init__ only: the disk cache skips it
        if got is None:
            got = shapely.from_wkb(shapely.to_wkb(self._geom[0], output_dimension=2))
            shapely.prepare(got)
            self._whole = got
        return got

    def _vertices_in(self, rect) -> int:
        """How many of the polygon's vertices lie in the box ``rect`` (closed)."""
        xy = getattr(self, "_xy", None)  # not in __init__ only: the disk cache skips it
        if xy is None:
            xy = self._xy = shapely.get_coordinates(self._geom[0])
        xmin, ymin, xmax, ymax = rect
        x, y = xy[:, 0], xy[:, 1]
        return int(np.count_nonzero((x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)))

    def _split(self, node: int) -> list:
        """The two halves of ``node``'s box, as boxes: nothing is cut until a parcel meets one."""
        xmin, ymin, xmax, ymax = self._rect[node]
        if xmax - xmin >= ymax - ymin:
            xm = (xmin + xmax) / 2.0
            rects = ((xmin, ymin, xm, ymax), (xm, ymin, xmax, ymax))
        else:
            ym = (ymin + ymax) / 2.0
            rects = ((xmin, ymin, xmax, ym), (xmin, ym, xmax, ymax))
        depth = self._depth[node] + 1
        children = []
        for rect in rects:
            children.append(len(self._geom))
            self._geom.append(None)
            self._rect.append(rect)
            self._children.append(None)
            self._leaf.append(-1)
            self._depth.append(depth)
        if node:
            self._geom[node] = None  # the leaves and the root keep geometry
        return children

    def _cut(self, node: int) -> bool:
        """Cut the box ``node`` from the polygon when it is small enough to be a piece (False
        when the polygon misses it). A box with too many vertices stays a box (to split)."""
        if self._vertices_in(self._rect[node]) > MAX_VERTICES and self._depth[node] < MAX_DEPTH:
            return True
        part = polygonal(clip_box(self._geom[0], self._rect[node]))
        if part.is_empty:
            self._leaf[node] = EMPTY
            return False
        self._geom[node] = part
        return True

    def query(self, boxes: np.ndarray, cut: bool = True):
        """``(box_index, piece_index)`` for pieces whose cell meets each box (n×4 bounds).

        Only the pieces met are cut (the other half of a split box may never be). With ``cut``
        False nothing is cut: returns ``(box_index, piece_index, pending)``, ``pending`` marking
        the boxes that meet a part not cut yet (their pairs are left out).
        """
        pending = np.zeros(len(boxes), dtype=bool)
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
                if not len(sel) or self._leaf[node] == EMPTY:
                    continue
                children = self._children[node]
                if children is None:
                    g = self._geom[node]
                    ready = self._leaf[node] >= 0 or (
                        g is not None
                        and (
                            shapely.get_num_coordinates(g) <= MAX_VERTICES
                            or self._depth[node] >= MAX_DEPTH
                        )
                    )
                    if not ready and not cut:
                        pending[sel] = True
                        continue
                    if self._leaf[node] < 0 and g is None:
                        if not self._cut(node):
                            continue
                        g = self._geom[node]
                        ready = g is not None and (
                            shapely.get_num_coordinates(g) <= MAX_VERTICES
                            or self._depth[node] >= MAX_DEPTH
                        )
                    if ready:
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
        if out_b:
            got = np.concatenate(out_b), np.concatenate(out_p)
        else:
            got = np.array([], dtype=np.int64), np.array([], dtype=np.int64)
        if cut:
            return got
        keep = ~pending[got[0]]
        return got[0][keep], got[1][keep], pending

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
