"""The whole preparation of a control layer, done once when a control set is published.

A review prepares lazily, only where its parcels are (:class:`PreparedLayer`). Publishing does
all of it at once — every polygon checked and repaired, every huge polygon cut into its cells
(each checked and repaired), every polygon's overlap flag — so that a review against the
published set finds nothing left to do. :func:`to_bytes` / :func:`from_bytes` carry the result
(the :mod:`...overlay_cache` format) into and out of the library.
"""

from __future__ import annotations

import os
import tempfile
from typing import Callable, Optional

import numpy as np
import shapely

from .. import overlay_cache
from .cells import _Cells
from .geometry import repair
from .prepared import HUGE_VERTICES, PreparedLayer

#: what a preparation stored for a data version is written as (with the cache file format)
FORMAT = 100 + overlay_cache.FORMAT


def prepare_fully(
    layer: PreparedLayer,
    progress: Optional[Callable[[float], None]] = None,
    is_canceled: Optional[Callable[[], bool]] = None,
) -> PreparedLayer:
    """Do every repair, cut and overlap check a review could need on ``layer`` (in place)."""
    ids = np.arange(layer.n)
    huge = ids[layer.nverts > HUGE_VERTICES]
    small = ids[layer.nverts <= HUGE_VERTICES]
    layer.ensure_valid(small)
    if progress:
        progress(0.3)
    for k, i in enumerate(huge.tolist()):
        if is_canceled and is_canceled():
            return layer
        if layer.state[i] == PreparedLayer.UNUSABLE:
            continue
        cells = layer.cells(i)
        whole = np.array([cells._rect[0]], dtype=float)
        try:
            _loc, cell = cells.query(whole)
        except shapely.errors.GEOSException:  # clipping failed on an invalid polygon
            fixed, _rep, _unusable = repair(np.array([layer.geoms[i]], dtype=object))
            layer.geoms[i] = fixed[0]
            layer.state[i] = PreparedLayer.REPAIRED
            cells = layer._cells[i] = _Cells(fixed[0])
            _loc, cell = cells.query(whole)
        if cells.ensure_valid(cell):
            layer.state[i] = PreparedLayer.REPAIRED
        if progress:
            progress(0.3 + 0.4 * (k + 1) / max(1, len(huge)))
    layer.ensure_overlap_flags(ids)
    if progress:
        progress(1.0)
    return layer


def key_text(data_sha256: str, epsg: int) -> str:
    return f"control-set:{data_sha256}:{int(epsg)}"


def to_bytes(layer: PreparedLayer, data_sha256: str, epsg: int) -> bytes:
    """The prepared layer as bytes to store for this data version (with the polygons' boxes, so
    that a review decodes only the polygons near its parcels)."""
    if layer.boxes is None:
        boxes = np.full((layer.n, 4), np.nan)
        live = ~shapely.is_missing(layer.geoms)
        boxes[live] = shapely.bounds(layer.geoms[live])
        bad = ~np.isfinite(boxes).all(axis=1)  # NULL or empty: any real box (never matched:
        good = np.nonzero(~bad)[0]  # their geometry is found unusable when loaded)
        boxes[bad] = boxes[good[0]] if len(good) else 0.0
        layer.boxes = boxes
        layer._grid = None
    fd, path = tempfile.mkstemp(suffix=".npz", prefix="ymt_prepared_")
    os.close(fd)
    try:
        overlay_cache.save(layer, path, key_text(data_sha256, epsg), [])
        with open(path, "rb") as fh:
            return fh.read()
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass


def from_bytes(data: bytes, data_sha256: str, epsg: int) -> PreparedLayer:
    """The prepared layer stored for this data version; :class:`overlay_cache.CacheError` when
    the bytes belong to another version or cannot be read."""
    return overlay_cache.load(data, key_text(data_sha256, epsg), on_demand=True)
