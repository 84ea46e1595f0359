"""Projects and area by town (乡镇), from parcel geometry and a town-boundary polygon layer.

The library's parcels carry no town, so the breakdown is an overlay: each current parcel of the
projects matching the filter is cut by the town polygons, and the exact area of each piece is
counted in its town. A parcel crossing a town boundary is split by area, and its project counts
in every town it touches (so the projects of the rows do not add up to the total). The parcel
area outside every town is its own row, "Not in any town", so that the rows add up to the area
of the parcels. Areas are planar in the CGCS2000 3-degree Gauss-Krüger zone of the parcels'
centre longitude (``core/crs.py``, as the compliance review computes its areas), transformed by
GDAL (``core/area_check.py``) from the library CRS (EPSG:4490).

Town polygons that are invalid are repaired (``make_valid``) with a warning naming them; a
feature without a usable polygon or without a town value is refused, naming it; towns that
overlap where parcels lie (land that would be counted twice) are refused, naming both.

No Qt: the dock and ``yimatong:statistics`` read the town layer (``gis/statistics_towns.py``)
and pass its lon/lat polygons here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from .. import crs as gk
from ..area_check import _transform as gdal_transform
from ..area_check import check_longitude
from ..i18n import tr
from ..overlay.geometry import repair
from .query import StatsFilter
from .tables import Column, Table, area_columns, area_values

TABLE_KEY = "by_town"
#: below this (m²) a piece is a rounding sliver: its area counts, its project is not listed
SLIVER_M2 = 0.01
#: towns overlapping on more parcel land than this (m²) are refused
OVERLAP_TOLERANCE_M2 = 1.0


class TownLayerError(ValueError):
    """The town layer cannot be used; ``str(exc)`` is the message for the user."""


@dataclass
class TownLayer:
    """Town polygons in lon/lat (EPSG:4490), their town value and their feature ids."""

    name: str  # the layer's name, for messages
    field: str  # the town field (code or name)
    geoms: np.ndarray
    keys: list[str]
    ids: list = field(default_factory=list)


@dataclass
class TownFigures:
    rows: list[dict]  # {key, projects, parcels, area_m2}, the towns then the unplaced row
    epsg: int
    total_m2: float
    without_parcels: int  # matching projects with no current parcel (not in the table)
    warnings: list[str]


def library_parcels(lib, flt: StatsFilter) -> tuple[np.ndarray, list[str], int]:
    """``(lon/lat geometries, project codes, projects without parcels)``: the current parcels
    of the live projects matching ``flt``, read from the library (EPSG:4490)."""
    where, params = flt.where()
    sql = (
        "SELECT pc.code AS code, pc.geom AS geom FROM ymt_parcels pc "
        f"JOIN ymt_projects p ON p.code = pc.code WHERE pc.retired = ? AND {where} "
        "ORDER BY pc.fid"
    )
    codes, wkbs = [], []
    for row in lib.stream(sql, [False, *params]):
        wkb = lib.wkb(row["geom"])
        if wkb:
            codes.append(str(row["code"]))
            wkbs.append(bytes(wkb))
    geoms = shapely.from_wkb(np.array(wkbs, dtype=object)) if wkbs else np.array([], dtype=object)
    sql = (
        "SELECT COUNT(*) AS n FROM ymt_projects p WHERE "
        f"{where} AND NOT EXISTS (SELECT 1 FROM ymt_parcels pc "
        "WHERE pc.code = p.code AND pc.retired = ?)"
    )
    without = int(lib.query(sql, [*params, False])[0]["n"] or 0)
    return np.asarray(geoms, dtype=object), codes, without


def _feature(towns: TownLayer, i: int) -> str:
    fid = towns.ids[i] if i < len(towns.ids) else i
    return tr("feature {fid} ({field} = {value})").format(
        fid=fid, field=towns.field, value=towns.keys[i] or "NULL"
    )


def _checked_towns(towns: TownLayer, to_planar) -> tuple[np.ndarray, list[str]]:
    """The town polygons in the area CRS, repaired; warnings. Refuses unusable features."""
    for i, key in enumerate(towns.keys):
        if not str(key or "").strip():
            raise TownLayerError(
                tr("Town layer '{layer}': {feature} has no town value.").format(
                    layer=towns.name, feature=_feature(towns, i)
                )
            )
    planar = shapely.transform(np.asarray(towns.geoms, dtype=object), to_planar)
    fixed, repaired, unusable = repair(planar)
    if unusable.any():
        i = int(np.flatnonzero(unusable)[0])
        raise TownLayerError(
            tr(
                "Town layer '{layer}': {feature} has no usable polygon (empty or not a "
                "polygon); fix or remove it."
            ).format(layer=towns.name, feature=_feature(towns, i))
        )
    warnings = []
    if repaired.any():
        names = ", ".join(_feature(towns, int(i)) for i in np.flatnonzero(repaired)[:5])
        warnings.append(
            tr("Town layer '{layer}': {n} invalid polygon(s) repaired: {features}.").format(
                layer=towns.name, n=int(repaired.sum()), features=names
            )
        )
    return fixed, warnings


def town_figures(
    parcels_lonlat: np.ndarray,
    parcel_codes: list[str],
    towns: TownLayer,
    without_parcels: int = 0,
    canceled=None,
) -> TownFigures | None:
    """The figures per town (see the module doc). ``canceled()`` True stops (returns None)."""
    parcels_lonlat = np.asarray(parcels_lonlat, dtype=object)
    if not len(towns.keys):
        raise TownLayerError(tr("Town layer '{layer}' has no feature.").format(layer=towns.name))
    centre_from = parcels_lonlat if len(parcels_lonlat) else np.asarray(towns.geoms)
    xmin, _, xmax, _ = shapely.total_bounds(centre_from)
    lon = (xmin + xmax) / 2.0
    check_longitude(lon, towns.name)
    zone = gk.gk_crs_for_longitude(lon)
    to_planar = gdal_transform(f"EPSG:{gk.GEOGRAPHIC_EPSG}", zone.authid)
    town_geoms, warnings = _checked_towns(towns, to_planar)
    parcels, parcel_repaired, _ = repair(shapely.transform(parcels_lonlat, to_planar))
    if parcel_repaired.any():
        warnings.append(
            tr("{n} parcel(s) were invalid in {crs} and were repaired.").format(
                n=int(parcel_repaired.sum()), crs=zone.authid
            )
        )
    areas = np.nan_to_num(shapely.area(parcels)) if len(parcels) else np.zeros(0)
    tree = shapely.STRtree(town_geoms)
    pi, ti = tree.query(parcels, predicate="intersects") if len(parcels) else ([], [])
    pi, ti = np.asarray(pi, dtype=int), np.asarray(ti, dtype=int)
    if canceled is not None and canceled():
        return None
    # a parcel well inside its town is its own piece; only the others are cut (most are inside)
    shapely.prepare(town_geoms)
    pieces = parcels[pi].copy()
    cut = ~shapely.contains_properly(town_geoms[ti], pieces) if len(pi) else np.zeros(0, bool)
    if cut.any():
        pieces[cut] = shapely.intersection(pieces[cut], town_geoms[ti[cut]])
    piece_m2 = np.nan_to_num(shapely.area(pieces)) if len(pi) else np.zeros(0)
    inside = np.bincount(pi, weights=piece_m2, minlength=len(parcels))
    _refuse_overlaps(towns, parcel_codes, pi, ti, pieces, inside, areas)
    if canceled is not None and canceled():
        return None
    outside = np.maximum(areas - inside, 0.0)
    by_town: dict[str, list] = {}
    for p, t, m2 in zip(pi.tolist(), ti.tolist(), piece_m2.tolist()):
        acc = by_town.setdefault(str(towns.keys[t]), [set(), 0, 0.0])
        acc[2] += m2
        if m2 > SLIVER_M2:
            acc[0].add(parcel_codes[p])
            acc[1] += 1
    for key in {str(k) for k in towns.keys} - set(by_town):
        by_town[key] = [set(), 0, 0.0]
    rows = [
        {"key": key, "projects": len(acc[0]), "parcels": acc[1], "area_m2": acc[2]}
        for key, acc in sorted(by_town.items())
    ]
    out = outside > SLIVER_M2
    rows.append(
        {
            "key": tr("Not in any town"),
            "projects": len({parcel_codes[i] for i in np.flatnonzero(out)}),
            "parcels": int(out.sum()),
            "area_m2": float(outside.sum()),
        }
    )
    return TownFigures(rows, zone.epsg, float(areas.sum()), without_parcels, warnings)


def _refuse_overlaps(towns, codes, pi, ti, pieces, inside, areas) -> None:
    """Towns overlapping on a parcel would count its land twice: refuse, naming them."""
    over = np.flatnonzero(inside - areas > OVERLAP_TOLERANCE_M2)
    if not len(over):
        return
    p = int(over[0])
    mine = np.flatnonzero(pi == p)
    for a in range(len(mine)):
        for b in range(a + 1, len(mine)):
            both = shapely.area(shapely.intersection(pieces[mine[a]], pieces[mine[b]]))
            if both > OVERLAP_TOLERANCE_M2:
                raise TownLayerError(
                    tr(
                        "Town layer '{layer}': {first} and {second} overlap on {m2:,.2f} m² of "
                        "a parcel of project {code}; that land would be counted in both towns. "
                        "Fix the town boundaries."
                    ).format(
                        layer=towns.name,
                        first=_feature(towns, int(ti[mine[a]])),
                        second=_feature(towns, int(ti[mine[b]])),
                        m2=float(both),
                        code=codes[p],
                    )
                )


def town_table(figures: TownFigures, towns: TownLayer) -> Table:
    """The ``by_town`` table of ``figures``."""
    table = Table(
        TABLE_KEY,
        tr("Projects and area by town"),
        [
            Column("key", tr("Town"), "text"),
            Column("projects", tr("Projects"), "int"),
            Column("parcels", tr("Parcels"), "int"),
            *area_columns("area", tr("Area")),
        ],
    )
    for r in figures.rows:
        table.rows.append([r["key"], r["projects"], r["parcels"], *area_values(r["area_m2"])])
    note = tr(
        "Towns: layer '{layer}', field {field}. Area: the part of each current parcel inside "
        "each town, planar in EPSG:{epsg}; a parcel crossing a town boundary is split by area "
        "and its project is counted in each town it touches, so the projects do not add up. "
        "The rows add up to the area of the parcels, {total} m²."
    ).format(
        layer=towns.name, field=towns.field, epsg=figures.epsg, total=f"{figures.total_m2:,.2f}"
    )
    if figures.without_parcels:
        note += " " + tr(
            "{n} project(s) without current parcels are not in this table: their declared "
            "area cannot be placed in a town."
        ).format(n=figures.without_parcels)
    table.note = " ".join([note, *figures.warnings])
    return table


def add_town_breakdown(stats, lib, towns: TownLayer, canceled=None):
    """Put the ``by_town`` table of the library's parcels (``stats.filter``) in ``stats``,
    after the breakdown by division; returns its figures (None when canceled)."""
    geoms, codes, without = library_parcels(lib, stats.filter)
    figures = town_figures(geoms, codes, towns, without, canceled)
    if figures is None:
        return None
    at = next((i + 1 for i, t in enumerate(stats.tables) if t.key == "by_admin"), 0)
    stats.tables.insert(at, town_table(figures, towns))
    return figures
