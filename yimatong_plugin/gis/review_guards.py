"""Checks of a compliance review's inputs that stop the run rather than give a wrong verdict.

* :func:`check_parcel_areas`: the area CRS and the parcels' transform, against GDAL/OGR
  (see :mod:`yimatong_plugin.core.area_check`);
* :func:`transform_signature`: what a prepared (cached) layer was made with: the layer's CRS,
  the area CRS and the coordinate operation the transform context picks between them.
"""

from __future__ import annotations

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

from ..core import area_check
from ..core import crs as gk
from . import shapely_io as io


def transform_signature(
    source_crs: QgsCoordinateReferenceSystem, dest_crs: QgsCoordinateReferenceSystem, tctx
) -> tuple:
    """(source CRS, destination CRS, operation, fallback allowed): equal signatures transform
    the same coordinates to the same place."""
    wkt = QgsCoordinateReferenceSystem.WKT_PREFERRED
    operation = ""
    fallback = True
    if source_crs.isValid() and dest_crs.isValid() and source_crs != dest_crs:
        ct = QgsCoordinateTransform(source_crs, dest_crs, tctx)
        operation = ct.coordinateOperation()
        try:
            operation = operation or ct.instantiatedCoordinateOperationDetails().proj
        except Exception:  # not instantiated (no operation found): the transform will fail
            pass
        fallback = ct.allowFallbackTransforms()
    return (source_crs.toWkt(wkt), dest_crs.toWkt(wkt), operation, fallback)


def check_parcel_areas(source, fids, planar, ids, area_crs, auto: bool, tctx) -> float:
    """Refuse (AreaCheckError) parcels whose planar areas in ``area_crs`` cannot be right.

    ``fids``/``planar`` are the parcels as the review read them in ``area_crs``; they are read
    again here in their own CRS and taken to lon/lat by GDAL/OGR, independently of QGIS's
    transform. Returns the largest relative planar/ellipsoidal difference."""
    own_fids, own, _ = io.read_geometries(source, source.sourceCrs(), tctx)
    order = {int(f): k for k, f in enumerate(own_fids.tolist())}
    keep = np.array([order.get(int(f), -1) for f in fids.tolist()], dtype=np.int64)
    mine = np.full(len(fids), None, dtype=object)
    mine[keep >= 0] = own[keep[keep >= 0]]
    lonlat = area_check.to_lonlat(mine, io.crs_text(source.sourceCrs()))
    name = source.sourceName()
    if auto:
        zone = gk.gk_zone_from_epsg(int(area_crs.authid().split(":")[1]))
        area_check.check_zone(zone, lonlat, name)
    target = io.crs_text(area_crs)
    area_check.check_position(planar, target, lonlat, name)
    return area_check.check_areas(planar, lonlat, area_crs.authid() or target, ids, name)


REPLACEMENT = "\ufffd"  # what a decoder puts for bytes it could not decode


def misdecoded(text: str) -> bool:
    """True when ``text`` was read in the wrong encoding: it holds the replacement character
    (GBK bytes read as UTF-8: '�ؿ�һ'), or it is Chinese text read byte by byte as Latin-1
    (GBK or UTF-8 bytes read as ISO-8859-1, GDAL's default for a .dbf without code page:
    'µØ¿éÒ»')."""
    if REPLACEMENT in text:
        return True
    if max(map(ord, text), default=0) > 0xFF or not any("\x80" <= c for c in text):
        return False
    raw = text.encode("latin-1")
    for encoding in ("utf-8", "gb18030"):
        try:
            decoded = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any("\u4e00" <= c <= "\u9fff" for c in decoded):
            return True
    return False


def undecodable(values) -> list[int]:
    """Positions of the text values read in the wrong encoding (:func:`misdecoded`)."""
    return [i for i, v in enumerate(values) if isinstance(v, str) and misdecoded(v)]


def duplicate_or_empty(ids: list[str]) -> tuple[dict[str, list[int]], list[int]]:
    """``({id: positions}, empty positions)`` of ids used more than once or empty."""
    seen: dict[str, list[int]] = {}
    empty = []
    for i, value in enumerate(ids):
        if not value.strip():
            empty.append(i)
        else:
            seen.setdefault(value, []).append(i)
    return {k: v for k, v in seen.items() if len(v) > 1}, empty
