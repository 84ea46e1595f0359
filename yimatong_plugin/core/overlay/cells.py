"""Cells: the lazy subdivision of one huge polygon, built only where parcels are."""

from __future__ import annotations

import threading

import numpy as np
import shapely

from .geometry import polygonal, repair

MAX_VERTICES = 1024  # … into pieces of at most this many vertices (measured: 256-1024 best)


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
