"""Guards of the compliance review's areas: a wrong area CRS or a wrong transform stops the run.

The review computes planar areas in a Gauss-Krüger zone, from parcels reprojected by QGIS. These
checks recompute what they depend on by an independent path (GDAL/OGR, from the parcels in their
own CRS) and refuse the run when the two disagree:

* :func:`check_zone`: the automatic zone must contain the parcels' centre longitude;
* :func:`check_position`: the parcels as read in the area CRS must lie where their own CRS puts
  them (a transform that was skipped or mixed up moves them by hundreds of kilometres);
* :func:`check_areas`: each parcel's planar area must match its ellipsoidal area within
  :data:`AREA_TOLERANCE` (0.5 %; the right 3-degree zone is within about 0.1 %).
"""

from __future__ import annotations

import numpy as np
import shapely
from osgeo import osr

from .crs import FIRST_ZONE, LAST_ZONE, GkZone
from .i18n import tr

AREA_TOLERANCE = 0.005  # relative planar / ellipsoidal area difference that stops a review
POSITION_TOLERANCE_DEG = 0.01  # ~1 km: datum operations differ by metres, a wrong zone by degrees


class AreaCheckError(ValueError):
    """A guard refused the review; ``str(exc)`` is the message for the user."""


def _srs(text: str) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    if srs.SetFromUserInput(text) != 0:
        raise AreaCheckError(tr("Unknown coordinate reference system: {crs}").format(crs=text))
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)  # x = easting / longitude
    return srs


def _transform(source_text: str, target_text: str):
    """A function of an (n, 2) coordinate array from ``source_text`` to ``target_text`` ("EPSG:n",
    WKT or a PROJ string), by GDAL/OGR: independent of QGIS's transforms, and made for each call
    in the thread that uses it. (Not pyproj: pyproj keeps a PROJ context per Python thread, and in
    QGIS 3.40 a review run on a new worker thread after the pool's idle threads expired crashed
    the desktop inside pyproj's CRS constructor.)"""
    transform = osr.CoordinateTransformation(_srs(source_text), _srs(target_text))

    def fn(coords):
        if not len(coords):
            return coords
        points = np.ascontiguousarray(coords[:, :2], dtype=float).tolist()
        return np.asarray(transform.TransformPoints(points), dtype=float)[:, :2]

    return fn


def to_lonlat(geoms: np.ndarray, crs_text: str) -> np.ndarray:
    """``geoms`` (shapely array in ``crs_text``: "EPSG:n" or WKT) as CGCS2000 lon/lat, by GDAL."""
    return shapely.transform(np.asarray(geoms, dtype=object), _transform(crs_text, "EPSG:4490"))


def _centre(geoms: np.ndarray) -> tuple[float, float] | None:
    live = geoms[~shapely.is_missing(geoms)]
    live = live[~shapely.is_empty(live)]
    if not len(live):
        return None
    xmin, ymin, xmax, ymax = shapely.total_bounds(live)
    return (xmin + xmax) / 2.0, (ymin + ymax) / 2.0


def centre_longitude(lonlat: np.ndarray) -> float | None:
    centre = _centre(lonlat)
    return None if centre is None else centre[0]


def check_longitude(lon: float, layer: str) -> None:
    """Refuse a centre longitude outside CGCS2000's 3-degree zones (the zone is never clamped)."""
    west, east = 3.0 * FIRST_ZONE - 1.5, 3.0 * LAST_ZONE + 1.5
    if not west <= lon <= east:
        raise AreaCheckError(
            tr(
                "Layer '{layer}': its centre longitude {lon:.4f}° lies outside the CGCS2000 "
                "3-degree Gauss-Kruger zones ({west}°E-{east}°E): check the layer's CRS, or "
                "choose AREA_CRS yourself"
            ).format(layer=layer, lon=lon, west=west, east=east)
        )


def check_zone(zone: GkZone, lonlat: np.ndarray, layer: str) -> None:
    """The automatic zone must contain the parcels' centre longitude (computed here by GDAL)."""
    lon = centre_longitude(lonlat)
    if lon is None:
        return
    check_longitude(lon, layer)
    if abs(lon - zone.central_meridian) > 1.5 + POSITION_TOLERANCE_DEG:
        raise AreaCheckError(
            tr(
                "The automatic area CRS {crs} (central meridian {cm}°E) does not contain the "
                "centre longitude {lon:.4f}° of layer '{layer}': the review was stopped; check "
                "the layer's CRS or choose AREA_CRS"
            ).format(crs=zone.authid, cm=int(zone.central_meridian), lon=lon, layer=layer)
        )


def check_position(planar: np.ndarray, area_crs_text: str, lonlat: np.ndarray, layer: str):
    """The parcels read in the area CRS must be where their own CRS puts them."""
    got = _centre(to_lonlat(planar, area_crs_text))
    want = _centre(lonlat)
    if got is None or want is None:
        return
    if max(abs(got[0] - want[0]), abs(got[1] - want[1])) > POSITION_TOLERANCE_DEG:
        raise AreaCheckError(
            tr(
                "Layer '{layer}' was not transformed correctly to {crs}: its parcels would lie "
                "at {got_lon:.4f}°E {got_lat:.4f}°N instead of {lon:.4f}°E {lat:.4f}°N; the "
                "review was stopped (check the project's datum transformations)"
            ).format(
                layer=layer,
                crs=area_crs_text,
                got_lon=got[0],
                got_lat=got[1],
                lon=want[0],
                lat=want[1],
            )
        )


def _polygonal_valid(geoms: np.ndarray) -> np.ndarray:
    from .overlay import polygonal

    out = np.asarray(geoms, dtype=object).copy()
    live = ~shapely.is_missing(out)
    if live.any():
        out[live] = polygonal(shapely.make_valid(out[live]))
    return out


def ellipsoidal_areas(lonlat: np.ndarray) -> np.ndarray:
    """Area in m² on the CGCS2000 ellipsoid of each lon/lat geometry (repaired; NULL → 0).

    Computed in a Lambert azimuthal *equal-area* projection of the GRS80 ellipsoid centred on
    the data (areas on the ellipsoid are kept exactly), vectorised: 20,000 parcels in a fraction
    of a second, where a geodesic polygon loop takes seconds."""
    lonlat = np.asarray(lonlat, dtype=object)
    areas = np.zeros(len(lonlat))
    centre = _centre(lonlat)
    if centre is None:
        return areas
    laea = _transform(
        "EPSG:4490", f"+proj=laea +lat_0={centre[1]} +lon_0={centre[0]} +ellps=GRS80 +units=m"
    )
    valid = _polygonal_valid(shapely.transform(lonlat, laea))
    live = ~shapely.is_missing(valid)
    areas[live] = shapely.area(valid[live])
    return np.nan_to_num(areas)


def check_areas(
    planar: np.ndarray, lonlat: np.ndarray, area_crs: str, ids: list, layer: str
) -> float:
    """Every parcel's planar area (repaired) against its ellipsoidal area; the largest relative
    difference, or :class:`AreaCheckError` naming the CRS and the parcels beyond tolerance."""
    flat = shapely.area(_polygonal_valid(planar))
    flat = np.where(np.isnan(flat), 0.0, flat)
    ell = ellipsoidal_areas(lonlat)
    diff = np.abs(flat - ell)
    rel = np.divide(diff, ell, out=np.zeros_like(diff), where=ell > 0)
    bad = np.flatnonzero(diff > np.maximum(AREA_TOLERANCE * ell, 0.01))
    if len(bad):
        shown = ", ".join(
            tr("{id}: {planar:,.2f} m² planar, {ell:,.2f} m² ellipsoidal").format(
                id=ids[i], planar=flat[i], ell=ell[i]
            )
            for i in bad[:5].tolist()
        )
        raise AreaCheckError(
            tr(
                "Planar areas in {crs} differ from the ellipsoidal areas by up to {pct:.2f} % "
                "(more than {tol:.1f} %) for {n} parcels of layer '{layer}' ({shown}): {crs} is "
                "not a suitable area CRS for these parcels; the review was stopped"
            ).format(
                crs=area_crs,
                pct=100.0 * float(rel[bad].max()),
                tol=100.0 * AREA_TOLERANCE,
                n=len(bad),
                layer=layer,
                shown=shown,
            )
        )
    return float(rel.max()) if len(rel) else 0.0
