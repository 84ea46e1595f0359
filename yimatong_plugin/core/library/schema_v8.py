"""Schema version 8: a covering index of the parcels' current areas per project.

The statistics (``core/statistics/query.py``) sum the current parcels' ``area_m2`` per project
(``SUM(area_m2) … WHERE retired = ? GROUP BY code``). With the code index alone each row is
read from the parcel table, whose rows carry the geometry blobs (1.6 GB on 300,000 parcels);
``ymt_parcels_area_idx (code, retired, area_m2)`` answers the sum from the index alone, on
GeoPackage and PostGIS (an index-only scan). Nothing else changes: an index, no data.
"""

from __future__ import annotations

from .schema_render import gpkg_index, pg_index

#: (name, table, columns)
PARCEL_AREA_INDEX = ("ymt_parcels_area_idx", "ymt_parcels", "code, retired, area_m2")


def gpkg_v8() -> list[str]:
    return [gpkg_index(*PARCEL_AREA_INDEX)]


def pg_v8() -> list[str]:
    # PostGIS: VACUUM (outside the migration's transaction) lets the planner use an
    # index-only scan; without it the index still serves, reading the heap for visibility
    return [pg_index(*PARCEL_AREA_INDEX)]
