"""Cells: the lazy subdivision of one huge polygon, built only where parcels are."""

from __future__ import annotations

import threading

import numpy as np
import shapely

from .geometry import clip_box, polygonal, repair

MAX_VERTICES = 1024  # … into pieces of at most this many vertices (measured: 256-1024 best)
MAX_DEPTH = 40  # … and at most this many halvings deep


class _Cells:
    """The subdivision of one huge polygon, built lazily where parcels are.

    A binary tree of boxes: a node is split in two halves only when a parcel box meets it and
    it has more than :data:`MAX_VERTICES` vertices; its leaves are the pieces. A piece is cut
    from the whole polygon (kept in node 0) by :func:`clip_box`, the exact overlay (GEOS's
    ``clip_by_rect`` can return a box's complement); the nodes between the root and the pieces
    are only boxes, split by counting the polygon's vertices in them (the exact overlay of each
    half at every level cost 60× ``clip_by_rect``). ``geom`` must be valid (the exact overlay of
    an invalid polygon is undefined): :class:`PreparedLayer` checks and repairs it whole first.
    Pieces are checked once more when first met, and prepared for the containment test. Parts
    of the polygon far from every parcel are never clipped.
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

    def _vertices_in(self, rect) -> int:
        """How many of the polygon's vertices lie in the box ``rect`` (closed)."""
        xy = getattr(self, "_xy", None)  # not in __init__ only: the disk cache skips it
        if xy is None:
            xy = self._xy = shapely.get_coordinates(self._geom[0])
        xmin, ymin, xmax, ymax = rect
        x, y = xy[:, 0], xy[:, 1]
        return int(np.count_nonzero((x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)))

    def _split(self, node: int) -> list:
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
            if self._vertices_in(rect) > MAX_VERTICES and depth < MAX_DEPTH:
                part = None  # a box to split further: no geometry cut for it
            else:
                part = polygonal(clip_box(self._geom[0], rect))
                if part.is_empty:
                    continue
            children.append(len(self._geom))
            self._geom.append(part)
            self._rect.append(rect)
            self._children.append(None)
            self._leaf.append(-1)
            self._depth.append(depth)
        if node:
            self._geom[node] = None  # the leaves and the root keep geometry
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
                        g is not None
                        and (
                            shapely.get_num_coordinates(g) <= MAX_VERTICES
                            or self._depth[node] >= MAX_DEPTH
                        )
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
