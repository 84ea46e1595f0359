"""Parcel geometry: reading (WKT, WKB, GPKG blob, shapely, QgsGeometry duck-typed), CRS checks,
reprojection to CGCS2000 (EPSG:4490), validity repair, GeoPackage geometry blobs, and the
``ST_*`` functions the GeoPackage R-tree triggers call.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

import shapely
from pyproj import CRS, Geod, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry.polygon import orient

from ..i18n import tr
from ..shapely_compat import transform_xy
from .constants import LIBRARY_EPSG
from .errors import LibraryError

# CGCS2000's area of use (mainland China and its seas), with a margin.
CHINA_BOUNDS = (72.0, 0.0, 137.0, 56.0)
_GEOD = Geod(ellps="GRS80")  # the CGCS2000 ellipsoid differs from GRS80 by 0.1 mm in b


@dataclass
class PreparedGeometry:
    geometry: Any  # shapely MultiPolygon in EPSG:4490
    repaired: bool
    repair_note: Optional[str]
    area_m2: float
    source_crs: str


def to_shapely(geometry, where: str = "") -> Any:
    """Read a geometry given as WKT/hex-WKB text, WKB/GPKG bytes, shapely, a ``__geo_interface__``
    object or a QgsGeometry-like object (anything with ``asWkb()``)."""
    try:
        if isinstance(geometry, shapely.Geometry):
            return geometry
        if hasattr(geometry, "asWkb"):
            data = geometry.asWkb()
            if hasattr(data, "data"):
                data = data.data()
            return shapely.from_wkb(bytes(data))
        if isinstance(geometry, (bytes, bytearray, memoryview)):
            data = bytes(geometry)
            if data[:2] == b"GP":
                data = gpkg_blob_wkb(data)
            return shapely.from_wkb(data)
        if isinstance(geometry, str):
            text = geometry.strip()
            if text and all(ch in "0123456789abcdefABCDEF" for ch in text):
                return shapely.from_wkb(bytes.fromhex(text))
            return shapely.from_wkt(text)
        if hasattr(geometry, "__geo_interface__"):
            return shapely.geometry.shape(geometry)
    except (shapely.errors.GEOSException, ValueError, TypeError) as exc:
        raise LibraryError(
            tr("The geometry{where} could not be read: {error}").format(where=where, error=exc),
            "bad_geometry",
            where,
        ) from None
    raise LibraryError(
        tr(
            "The geometry{where} has an unsupported type {type}; give WKT, WKB or a geometry"
        ).format(where=where, type=type(geometry).__name__),
        "bad_geometry",
        where,
    )


@lru_cache(maxsize=64)
def _crs(crs_text: str) -> CRS:
    return CRS.from_user_input(crs_text)


@lru_cache(maxsize=64)
def _transformer(crs_text: str) -> Transformer:
    return Transformer.from_crs(_crs(crs_text), CRS.from_epsg(LIBRARY_EPSG), always_xy=True)


def resolve_crs(crs) -> tuple[CRS, str]:
    """(pyproj CRS, its text) for ``crs`` given as "EPSG:n", an int, WKT, PROJ text or a CRS-like
    object with ``authid()`` (QgsCoordinateReferenceSystem)."""
    if crs is None or crs == "":
        crs = f"EPSG:{LIBRARY_EPSG}"
    if hasattr(crs, "authid"):
        text = crs.authid() or (crs.toWkt() if hasattr(crs, "toWkt") else "")
    elif isinstance(crs, int):
        text = f"EPSG:{crs}"
    else:
        text = str(crs)
    try:
        return _crs(text), text
    except CRSError:
        raise LibraryError(
            tr("Unknown coordinate reference system '{crs}'").format(crs=text), "unknown_crs", text
        ) from None


def _polygonal(geom) -> Any:
    """The polygonal part of ``geom`` as a MultiPolygon (may be empty)."""
    if geom.geom_type == "MultiPolygon":
        return geom
    if geom.geom_type == "Polygon":
        return shapely.MultiPolygon([geom])
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    polys = []
    for part in parts:
        polys.extend(shapely.get_parts(part) if part.geom_type == "MultiPolygon" else [part])
    return shapely.MultiPolygon([p for p in polys if not p.is_empty])


def prepare_parcel(geometry, crs="EPSG:4490", where: str = "") -> PreparedGeometry:
    """Read, check and reproject a parcel geometry to EPSG:4490; repair it if invalid.

    Refuses: unreadable input, empty geometries, non-polygonal geometries, unknown CRS, degree
    coordinates with a metre CRS (and metre coordinates with a degree CRS), coordinates outside
    the source CRS's area of use or outside China.
    """
    suffix = f" ({where})" if where else ""
    geom = to_shapely(geometry, suffix)
    if geom is None or geom.is_empty:
        raise LibraryError(
            tr("The geometry{where} is empty").format(where=suffix), "bad_geometry", where
        )
    if geom.geom_type not in ("Polygon", "MultiPolygon", "GeometryCollection"):
        raise LibraryError(
            tr(
                "The geometry{where} is a {type}; a parcel must be a polygon or multipolygon"
            ).format(where=suffix, type=geom.geom_type),
            "bad_geometry",
            where,
        )
    geom = shapely.force_2d(geom)
    source, crs_text = resolve_crs(crs)
    minx, miny, maxx, maxy = geom.bounds
    if not all(map(_finite, (minx, miny, maxx, maxy))):
        raise LibraryError(
            tr("The geometry{where} has non-finite coordinates").format(where=suffix),
            "bad_geometry",
            where,
        )
    looks_degrees = -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90
    if source.is_geographic and not looks_degrees:
        wrong_units = tr(
            "The geometry{where} has coordinates like ({x:.0f}, {y:.0f}), which look like "
            "metres, but its CRS {crs} is in degrees; give the projected CRS the coordinates "
            "are in"
        )
    elif source.is_projected and looks_degrees:
        wrong_units = tr(
            "The geometry{where} has coordinates like ({x:.4f}, {y:.4f}), which look like "
            "degrees, but its CRS {crs} is in metres; give EPSG:4490 (or the geographic CRS "
            "used)"
        )
    else:
        wrong_units = None
    if wrong_units:
        message = wrong_units.format(where=suffix, x=minx, y=miny, crs=crs_text)
        raise LibraryError(message, "units", where)
    if source.to_epsg() != LIBRARY_EPSG:
        try:
            geom = transform_xy(geom, _transform_xy(crs_text))
        except Exception as exc:  # pyproj raises ProjError and friends
            raise LibraryError(
                tr("The geometry{where} could not be reprojected from {crs}: {error}").format(
                    where=suffix, crs=crs_text, error=exc
                ),
                "units",
                where,
            ) from None
    lon0, lat0, lon1, lat1 = geom.bounds
    if not all(map(_finite, (lon0, lat0, lon1, lat1))):
        raise LibraryError(
            tr("The geometry{where} falls outside the valid range of {crs}").format(
                where=suffix, crs=crs_text
            ),
            "units",
            where,
        )
    area = source.area_of_use
    if area is not None and source.to_epsg() != LIBRARY_EPSG:
        margin = 1.0
        if (
            lon0 < area.west - margin
            or lon1 > area.east + margin
            or lat0 < area.south - margin
            or lat1 > area.north + margin
        ):
            raise LibraryError(
                tr(
                    "The geometry{where} lies at {lon:.3f}E {lat:.3f}N after reprojection, "
                    "outside the area of use of {crs} ({name}); wrong CRS or Gauss-Kruger zone?"
                ).format(where=suffix, lon=lon0, lat=lat0, crs=crs_text, name=area.name),
                "units",
                where,
            )
    cx0, cy0, cx1, cy1 = CHINA_BOUNDS
    if lon0 < cx0 or lon1 > cx1 or lat0 < cy0 or lat1 > cy1:
        raise LibraryError(
            tr(
                "The geometry{where} lies at {lon:.3f}, {lat:.3f}, outside China (CGCS2000 expects "
                "longitude 72-137E, latitude 0-56N; are x and y swapped?)"
            ).format(where=suffix, lon=lon0, lat=lat0),
            "units",
            where,
        )
    repaired = False
    note = None
    if not geom.is_valid:
        note = shapely.is_valid_reason(geom)
        geom = shapely.make_valid(geom)
        repaired = True
    geom = _polygonal(geom)
    if geom.is_empty or geom.area == 0:
        raise LibraryError(
            tr("The geometry{where} has no area (after repair: {reason})").format(
                where=suffix, reason=note or tr("degenerate polygon")
            ),
            "bad_geometry",
            where,
        )
    return PreparedGeometry(geom, repaired, note, ellipsoidal_area(geom), crs_text)


def _finite(v: float) -> bool:
    return v == v and v not in (float("inf"), float("-inf"))


def _transform_xy(crs_text: str):
    transformer = _transformer(crs_text)

    def fn(x, y):
        return transformer.transform(x, y, errcheck=True)

    return fn


def ellipsoidal_area(geom) -> float:
    """Area in m² on the CGCS2000 (GRS80) ellipsoid of a lon/lat polygon."""
    # pyproj adds signed ring areas: a hole wound like its shell (valid WKB, common in files)
    # would be added instead of subtracted, so every polygon is oriented first
    if geom.geom_type == "Polygon":
        geom = orient(geom, 1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = shapely.MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    area, _perimeter = _GEOD.geometry_area_perimeter(geom)
    return abs(area)


# ---------------------------------------------------------------------------------------------
# GeoPackage geometry blobs (GeoPackage 1.3, clause 2.1.3)
# ---------------------------------------------------------------------------------------------
_ENVELOPE_SIZES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_blob(geom, srs_id: int = LIBRARY_EPSG) -> bytes:
    """Standard GeoPackage binary: header with XY envelope + little-endian ISO WKB."""
    wkb = shapely.to_wkb(geom, byte_order=1, output_dimension=2, flavor="iso")
    if geom.is_empty:
        return b"GP\x00" + bytes([0x11]) + struct.pack("<i", srs_id) + wkb
    minx, miny, maxx, maxy = geom.bounds
    return b"GP\x00\x03" + struct.pack("<i4d", srs_id, minx, maxx, miny, maxy) + wkb


def _header(blob: bytes) -> tuple[int, int, bool]:
    """(flags, header length, empty) of a GPKG blob."""
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    flags = blob[3]
    env = (flags >> 1) & 0x07
    if env not in _ENVELOPE_SIZES:
        raise ValueError(f"bad envelope indicator {env}")
    return flags, 8 + _ENVELOPE_SIZES[env], bool(flags & 0x10)


def gpkg_blob_wkb(blob: bytes) -> bytes:
    _flags, length, _empty = _header(bytes(blob))
    return bytes(blob[length:])


def gpkg_blob_geometry(blob) -> Any:
    if blob is None:
        return None
    return shapely.from_wkb(gpkg_blob_wkb(bytes(blob)))


def _envelope(blob) -> Optional[tuple[float, float, float, float]]:
    """(minx, maxx, miny, maxy) of a GPKG blob, from its header if present, else from the WKB."""
    if blob is None:
        return None
    blob = bytes(blob)
    flags, length, empty = _header(blob)
    if empty:
        return None
    env = (flags >> 1) & 0x07
    if env:
        order = "<" if flags & 0x01 else ">"
        return struct.unpack(order + "4d", blob[8:40])
    geom = shapely.from_wkb(blob[length:])
    if geom.is_empty:
        return None
    minx, miny, maxx, maxy = geom.bounds
    return minx, maxx, miny, maxy


def st_is_empty(blob):
    if blob is None:
        return None
    try:
        flags, length, empty = _header(bytes(blob))
    except ValueError:
        return None
    if empty:
        return 1
    return 0 if _envelope(blob) is not None else 1


def _env_index(i: int):
    def fn(blob):
        try:
            env = _envelope(blob)
        except (ValueError, shapely.errors.GEOSException):
            return None
        return None if env is None else env[i]

    return fn


SQL_FUNCTIONS = {
    "ST_IsEmpty": st_is_empty,
    "ST_MinX": _env_index(0),
    "ST_MaxX": _env_index(1),
    "ST_MinY": _env_index(2),
    "ST_MaxY": _env_index(3),
}
