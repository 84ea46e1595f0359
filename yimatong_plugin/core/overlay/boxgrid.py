"""The box grid: an STRtree over the part of a lazy layer's boxes near the places asked about."""

from __future__ import annotations

import numpy as np
import shapely


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
