"""Shapely helpers that behave the same on shapely 2.0 and 2.1+.

QGIS 3.22 on Debian 12 runs GEOS 3.11 and loads it into the process before any plugin; a
shapely wheel built for a newer GEOS then calls GEOS 3.11 and silently misbehaves (NaN Z
coordinates, "WKB output dimension must be 2 or 3"). Yimatong therefore pins shapely 2.0.x
(bundled GEOS 3.11) and uses only APIs shapely 2.0 has; :func:`geos_self_test` tells whether
the shapely in this process works with the GEOS actually loaded.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import shapely


def transform_xy(geom, func: Callable[[np.ndarray, np.ndarray], tuple]):
    """Apply ``func(x, y) -> (x', y')`` (arrays) to every 2D coordinate of ``geom``.

    ``shapely.transform(..., interleaved=False)`` exists only from shapely 2.1.
    """

    def _apply(coords: np.ndarray) -> np.ndarray:
        x, y = func(coords[:, 0], coords[:, 1])
        return np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])

    return shapely.transform(geom, _apply)


def geos_self_test() -> str | None:
    """None when shapely works with the GEOS loaded in this process, else what is wrong."""
    try:
        square = shapely.box(0.0, 0.0, 1.0, 1.0)
        coords = list(square.exterior.coords)
        if any(len(c) != 2 for c in coords):
            return "coordinates come back with a Z value"
        if shapely.from_wkb(shapely.to_wkb(square, output_dimension=2)).area != 1.0:
            return "WKB round trip changed the geometry"
        if not shapely.to_wkt(square, output_dimension=2).startswith("POLYGON"):
            return "WKT output is wrong"
    except Exception as exc:
        return str(exc)
    return None
