"""WGS84 <-> GCJ-02 ("Mars coordinates" used by AMap, Tencent and other Chinese web maps).

GCJ-02 is WGS84 plus a deliberate, smooth, position-dependent offset of a few hundred metres
(the published "evil transform"; the formula below is the one every open implementation uses).
:func:`wgs84_to_gcj02` is the exact forward formula. :func:`gcj02_to_wgs84` inverts it by
fixed-point iteration, to better than 1e-9 degrees (≈ 0.1 mm) by default, far below the
0.5–1 m error of the common one-step approximation.

For this plugin WGS84 and CGCS2000 (EPSG:4490) are treated as the same datum: the two differ by
a few centimetres, far below the accuracy of any web-map data.

Everything is vectorised: arguments may be scalars or numpy arrays (any shape); scalars in,
floats out. Points outside China are returned unchanged (the offset is not applied there).
No Qt/QGIS imports.
"""

from __future__ import annotations

import math

import numpy as np

# Krasovsky 1940 ellipsoid as used by the GCJ-02 formula
_A = 6378245.0
_EE = 0.00669342162296594323

# the conventional bounding box outside of which GCJ-02 is not applied
CHINA_LON = (72.004, 137.8347)
CHINA_LAT = (0.8293, 55.8271)


def _as_arrays(lon, lat):
    scalar = np.ndim(lon) == 0 and np.ndim(lat) == 0
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    lon, lat = np.broadcast_arrays(lon, lat)
    return lon, lat, scalar


def _out(lon, lat, scalar):
    if scalar:
        return float(lon), float(lat)
    return lon, lat


def in_china(lon, lat):
    """True where the GCJ-02 offset applies (the conventional rectangle around China)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    return (
        (lon >= CHINA_LON[0])
        & (lon <= CHINA_LON[1])
        & (lat >= CHINA_LAT[0])
        & (lat <= CHINA_LAT[1])
    )


def _transform_lat(x, y):
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * math.pi) + 20.0 * np.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * math.pi) + 40.0 * np.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * math.pi) + 320.0 * np.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x, y):
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * math.pi) + 20.0 * np.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * math.pi) + 40.0 * np.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * math.pi) + 300.0 * np.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def _delta(lon, lat):
    """The GCJ-02 offset (dlon, dlat) in degrees at WGS84 position (lon, lat); 0 outside China."""
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = np.sin(radlat)
    magic = 1.0 - _EE * magic * magic
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * math.pi)
    inside = in_china(lon, lat)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02(lon, lat):
    """WGS84 (≈ CGCS2000) longitude/latitude in degrees -> GCJ-02. Scalars or arrays."""
    lon, lat, scalar = _as_arrays(lon, lat)
    dlon, dlat = _delta(lon, lat)
    return _out(lon + dlon, lat + dlat, scalar)


def gcj02_to_wgs84(lon, lat, tolerance=1e-9, max_iterations=30):
    """GCJ-02 -> WGS84 by fixed-point iteration of the forward formula.

    Iterates ``w <- w - (forward(w) - g)`` until every point's residual is below ``tolerance``
    degrees (the offset's derivative is ~1e-4, so each step gains about four digits; two to
    three steps reach 1e-9). Raises ``ValueError`` if it fails to converge, which would mean
    non-finite input.
    """
    g_lon, g_lat, scalar = _as_arrays(lon, lat)
    dlon, dlat = _delta(g_lon, g_lat)
    w_lon = g_lon - dlon
    w_lat = g_lat - dlat
    for _ in range(max_iterations):
        f_lon, f_lat = wgs84_to_gcj02(w_lon, w_lat)
        e_lon = np.asarray(f_lon) - g_lon
        e_lat = np.asarray(f_lat) - g_lat
        w_lon = w_lon - e_lon
        w_lat = w_lat - e_lat
        if e_lon.size == 0 or max(np.max(np.abs(e_lon)), np.max(np.abs(e_lat))) < tolerance:
            return _out(w_lon, w_lat, scalar)
    raise ValueError("GCJ-02 inverse did not converge (non-finite coordinates?)")


def offset_m(lon, lat):
    """Length in metres of the GCJ-02 offset at WGS84 (lon, lat) (≈ 100–700 m inside China)."""
    lon, lat, scalar = _as_arrays(lon, lat)
    dlon, dlat = _delta(lon, lat)
    metres_per_deg = math.pi * 6378137.0 / 180.0
    dist = np.hypot(dlon * metres_per_deg * np.cos(np.radians(lat)), dlat * metres_per_deg)
    return float(dist) if scalar else dist


def looks_like_gcj02_offset(lon, lat, ref_lon, ref_lat, tolerance_m=30.0):
    """Do points (lon, lat) look like GCJ-02 versions of reference WGS84 points (ref_lon, ref_lat)?

    Idea for the surveyors'-parcel check: given a few points digitised from a web map and the
    same features from trusted CGCS2000 data (e.g. division-boundary vertices or control points),
    return True when the median misfit after undoing GCJ-02 is within ``tolerance_m`` and clearly
    smaller than the raw misfit — i.e. the data were shifted by the GCJ-02 offset.
    """
    lon = np.asarray(lon, dtype=float).ravel()
    lat = np.asarray(lat, dtype=float).ravel()
    ref_lon = np.asarray(ref_lon, dtype=float).ravel()
    ref_lat = np.asarray(ref_lat, dtype=float).ravel()
    if lon.size == 0 or lon.size != ref_lon.size:
        return False
    metres_per_deg = math.pi * 6378137.0 / 180.0
    coslat = np.cos(np.radians(ref_lat))

    def misfit(x, y):
        return float(
            np.median(
                np.hypot((x - ref_lon) * metres_per_deg * coslat, (y - ref_lat) * metres_per_deg)
            )
        )

    raw = misfit(lon, lat)
    w_lon, w_lat = gcj02_to_wgs84(lon, lat)
    fixed = misfit(np.asarray(w_lon), np.asarray(w_lat))
    return fixed <= tolerance_m and fixed < raw / 3.0
