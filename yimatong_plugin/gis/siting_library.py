"""Land already given out, from the project library: the default EXCLUDE of 辅助选址."""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsRectangle,
)

from ..core.library.constants import LIBRARY_EPSG

#: a project at one of these stages has had its land supplied (供地 or later)
SUPPLIED_STAGES = (
    "supply",
    "planning_permit",
    "construction_start",
    "completion",
    "registration",
    "supervision",
)


def supplied_parcels(lib, rect: QgsRectangle, area_crs, transform_context):
    """``(geometries in area_crs, project codes)``: the current (not retired) parcels whose box
    meets ``rect`` (in ``area_crs``) of projects whose current stage is supply or later."""
    lib_crs = QgsCoordinateReferenceSystem(f"EPSG:{LIBRARY_EPSG}")
    to_lib = QgsCoordinateTransform(area_crs, lib_crs, transform_context)
    box = to_lib.transformBoundingBox(rect)
    rows = lib.parcels_in_box(box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
    to_area = QgsCoordinateTransform(lib_crs, area_crs, transform_context)
    stages, geoms, codes = {}, [], set()
    for row in rows:
        if row.get("retired") or not row.get("geometry"):
            continue
        code = row["code"]
        if code not in stages:
            project = lib.project(code) or {}
            stages[code] = project.get("current_stage")
        if stages[code] not in SUPPLIED_STAGES:
            continue
        geom = QgsGeometry()
        geom.fromWkb(bytes(row["geometry"]))
        geom.transform(to_area)
        geoms.append(shapely.from_wkb(bytes(geom.asWkb())))
        codes.add(code)
    return np.array(geoms, dtype=object), sorted(codes)
