"""Project box (项目盒) queries over a library: which projects touched a point, and one
project's whole file (events, parcels, results, findings). Qt-free.

:func:`projects_at` asks the library for the candidate parcels through its spatial index
(``Library.parcels_in_box``: the GeoPackage R-tree or the PostGIS GiST index), then tests the
exact geometry with shapely. Only the library's public API is used (``query``, ``stream``,
``parcels_in_box``, ``events``, ``parcels``…).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer

from . import lifecycle as lc

LIBRARY_CRS = "EPSG:4490"


@lru_cache(maxsize=16)
def _to_library(crs: str) -> Transformer | None:
    source = CRS.from_user_input(crs)
    if source == CRS.from_epsg(4490):
        return None
    return Transformer.from_crs(source, CRS.from_epsg(4490), always_xy=True)


def _search_box(x: float, y: float, crs: str, tolerance: float) -> tuple[float, float, float]:
    """(lon, lat, tolerance in degrees) of a point given in ``crs``."""
    transformer = _to_library(str(crs) or LIBRARY_CRS)
    if transformer is None:
        return float(x), float(y), float(tolerance)
    lon, lat = transformer.transform(x, y)
    if tolerance <= 0:
        return lon, lat, 0.0
    corners = [transformer.transform(x + dx, y + dy) for dx, dy in ((tolerance, 0), (0, tolerance))]
    tol = max(max(abs(cx - lon), abs(cy - lat)) for cx, cy in corners)
    return lon, lat, tol


def _hit_rows(rows: list[dict], hit) -> list[dict]:
    """The parcel rows where ``hit`` is true, without their geometry, ``retired`` as a bool."""
    out = []
    for row, ok in zip(rows, hit):
        if ok:
            row.pop("geometry", None)
            row["retired"] = bool(row["retired"])
            out.append(row)
    return out


def parcels_at(lib, x: float, y: float, crs: str = LIBRARY_CRS, tolerance: float = 0.0):
    """Parcels (current and retired) whose geometry is within ``tolerance`` of the point.

    ``tolerance`` is in the units of ``crs``. Rows: fid, code, retired, replaces, replaced_by.
    """
    lon, lat, tol = _search_box(x, y, crs, tolerance)
    rows = lib.parcels_in_box(lon - tol, lat - tol, lon + tol, lat + tol)
    if not rows:
        return []
    geoms = shapely.from_wkb([r["geometry"] for r in rows])
    point = shapely.Point(lon, lat)
    hit = shapely.dwithin(geoms, point, tol) if tol > 0 else shapely.intersects(geoms, point)
    return _hit_rows(rows, hit)


def parcels_in(lib, geometry, crs: str = LIBRARY_CRS):
    """Parcels (current and retired) overlapping the interior of ``geometry`` (shapely, in
    ``crs``): parcels that only touch its boundary are left out."""
    transformer = _to_library(str(crs) or LIBRARY_CRS)
    if transformer is not None:

        def to_library(coords):
            x, y = transformer.transform(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        geometry = shapely.transform(geometry, to_library)
    if geometry is None or geometry.is_empty:
        return []
    rows = lib.parcels_in_box(*geometry.bounds)
    if not rows:
        return []
    geoms = shapely.from_wkb([r["geometry"] for r in rows])
    shapely.prepare(geometry)
    hit = shapely.intersects(geometry, geoms) & ~shapely.touches(geometry, geoms)
    return _hit_rows(rows, hit)


def _projects_of(lib, parcels: list[dict], include_archived: bool) -> list[dict]:
    if not parcels:
        return []
    by_code: dict[str, dict[str, list]] = {}
    for p in parcels:
        entry = by_code.setdefault(p["code"], {"parcel_ids": [], "retired_parcel_ids": []})
        entry["retired_parcel_ids" if p["retired"] else "parcel_ids"].append(p["fid"])
    codes = sorted(by_code)
    if hasattr(lib, "projects_by_code"):  # a library reached over HTTP: no SQL
        rows = lib.projects_by_code(codes)
    else:
        marks = ", ".join("?" for _ in codes)
        rows = lib.query("SELECT * FROM ymt_projects WHERE code IN (" + marks + ")", tuple(codes))
    out = []
    for row in rows:
        if row.get("archived") and not include_archived:
            continue
        row.update(by_code[row["code"]])
        out.append(row)
    out.sort(key=lambda r: (not r["parcel_ids"], r["code"]))
    return out


def projects_in(lib, geometry, crs: str = LIBRARY_CRS, include_archived: bool = True):
    """Every project whose parcels (current or retired) overlap ``geometry`` (shapely, in
    ``crs``), as :func:`projects_at` returns them."""
    return _projects_of(lib, parcels_in(lib, geometry, crs), include_archived)


def projects_at(
    lib,
    x: float,
    y: float,
    crs: str = LIBRARY_CRS,
    tolerance: float = 0.0,
    include_archived: bool = True,
) -> list[dict]:
    """Every project whose parcels (current or retired) touch the point ``(x, y)`` in ``crs``.

    Each row is the project row plus ``parcel_ids`` (current parcels hit) and
    ``retired_parcel_ids`` (retired ones hit). Projects hit by a current parcel come first,
    then by code.
    """
    return _projects_of(lib, parcels_at(lib, x, y, crs, tolerance), include_archived)


# -- one project's file ---------------------------------------------------------------------


def batch_peers(lib, events: Iterable[dict]) -> dict[str, list[dict]]:
    """Events of every project sharing an approval batch with ``events`` (for 批而未供)."""
    batches = sorted(
        {
            str(e.get("batch"))
            for e in events
            if e.get("stage") == "conversion_approval" and e.get("batch")
        }
    )
    if not batches:
        return {}
    marks = ", ".join("?" for _ in batches)
    # the ymt_events_batch_idx index (schema v4) answers this
    rows = lib.query(
        "SELECT code FROM ymt_events WHERE batch IN (" + marks + ") AND stage = ? AND archived = ?",
        (*batches, "conversion_approval", False),
    )
    codes = sorted({r["code"] for r in rows})
    return {code: lib.events(code) for code in codes}


def project_file(
    lib,
    code: str,
    as_of: _dt.date | None = None,
    thresholds: lc.Thresholds | None = None,
) -> dict:
    """Everything the project box shows for one project.

    Keys: project, events, parcels, results, findings (this project's, 批而未供 of its batches
    included), as_of.
    """
    as_of = lc.to_date(as_of) or _dt.date.today()
    th = thresholds or lc.Thresholds()
    if getattr(lib, "backend", "") == "remote":
        # the service computes the file (batch peers need its SQL), with the default thresholds
        if th != lc.Thresholds():
            from .i18n import tr
            from .library import LibraryError

            raise LibraryError(
                tr("The library service evaluates the rules with the default thresholds only"),
                "unsupported",
            )
        return lib.project_file(code, as_of)
    bundle = lib.project_bundle(code)  # one round trip on PostGIS
    if bundle is None:
        return {}
    project = bundle["project"]
    code = project["code"]
    events = bundle["events"]
    peers = batch_peers(lib, events)
    if peers:
        peers[code] = events
        # the same loader, rules and archive policy as the monitor (library_findings)
        from .lifecycle import facts

        found = facts.library_findings(lib, as_of, th, peers)
    else:
        # no approval batch: the rules over the bundle's live events, as the monitor's
        # per-event evaluation (the facts loader gives the same findings,
        # tests/unit/test_lifecycle_facts.py) — without two more queries per lookup
        archived = [code] if project.get("archived") else []
        found = lc.monitor({code: lc.with_project_defaults(project, events)}, as_of, th, archived)
    findings = [f for f in found if code in f.codes]
    return {
        "project": project,
        "events": events,
        "parcels": bundle["parcels"],
        "results": bundle["results"],
        "findings": findings,
        "as_of": as_of,
    }


# -- the whole library ---------------------------------------------------------------------


def library_findings(
    lib,
    as_of: _dt.date,
    thresholds: lc.Thresholds | None = None,
    progress: Callable[[float], Any] | None = None,
    canceled: Callable[[], bool] | None = None,
) -> list[lc.Finding]:
    """Every finding over the library's live (not archived) projects as of ``as_of``.

    The lifecycle facts loader (``core/lifecycle/facts.py``) reads only the events the rules
    read, set-based in the database. Archived projects follow the policy of
    ``core/batches.py``: no finding of their own, left out of (and named in) their batches'
    ratios — as in :func:`project_file`.
    """
    from .lifecycle import facts

    if progress:
        progress(0.0)
    out = facts.library_findings(lib, as_of, thresholds, canceled=canceled)
    if progress:
        progress(90.0)
    return out


def current_geometry(lib, codes: Iterable[str]):
    """Union (shapely, EPSG:4490) of the current parcels of ``codes``; None without any."""
    geoms = []
    for code in codes:
        for parcel in lib.parcels(code, include_retired=False):
            if parcel.get("geometry"):
                geoms.append(shapely.from_wkb(parcel["geometry"]))
    if not geoms:
        return None
    return shapely.union_all(geoms) if len(geoms) > 1 else geoms[0]
