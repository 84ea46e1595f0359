"""Parcels' GeoJSON in the service's answers (models.wkb_geojson): read straight from the WKB
for 2D polygons and multipolygons, the same as shapely's mapping for every geometry."""

from __future__ import annotations

import json
import random

import pytest
import shapely
from shapely import wkt

from yimatong_plugin.service.models import parcels_json, wkb_geojson

ODD = [
    "POLYGON((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1))",
    "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)),"
    " ((5 5, 6 5, 6 6, 5 5), (5.1 5.1, 5.2 5.1, 5.2 5.2, 5.1 5.1)))",
    "POLYGON EMPTY",
    "MULTIPOLYGON EMPTY",
    "POLYGON Z((0 0 1, 1 0 1, 1 1 1, 0 0 1))",
    "MULTIPOLYGON Z(((0 0 1, 1 0 1, 1 1 1, 0 0 1)))",
    "POINT(1 2)",
    "LINESTRING(0 0, 1 1)",
    "POLYGON((111.60000000000001 29.000000000000004, -0.0 1e-300, 1e300 5,"
    " 111.60000000000001 29.000000000000004))",
]


def _random(seed: int, n: int = 60) -> list:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        at = shapely.Point(rng.uniform(108, 114), rng.uniform(24, 30))
        g = shapely.buffer(at, rng.uniform(1e-4, 1e-2), quad_segs=rng.randint(1, 40))
        if i % 3 == 0:
            g = g.difference(shapely.buffer(at, 5e-5))  # a hole
        if i % 2:
            g = shapely.MultiPolygon([g, shapely.box(at.x + 1, at.y, at.x + 1.001, at.y + 0.001)])
        out.append(g)
    return out


@pytest.mark.parametrize("byte_order", [0, 1], ids=["big-endian", "little-endian"])
def test_the_same_geojson_as_shapely(byte_order):
    for geom in [wkt.loads(w) for w in ODD] + _random(7):
        wkb = shapely.to_wkb(geom, byte_order=byte_order)
        expected = shapely.geometry.mapping(shapely.from_wkb(wkb))
        assert json.dumps(wkb_geojson(wkb)) == json.dumps(expected), geom.wkt[:80]


def test_parcels_json_reads_memoryview_and_no_geometry():
    square = shapely.to_wkb(shapely.box(111.6, 29.0, 111.61, 29.01))
    rows = [
        {"fid": 1, "geometry": memoryview(square), "stage": "supply", "area_m2": 1.5},
        {"fid": 2, "geometry": None},
    ]
    out = parcels_json(rows)
    expected = shapely.geometry.mapping(shapely.box(111.6, 29.0, 111.61, 29.01))
    assert json.dumps(out["features"][0]["geometry"]) == json.dumps(expected)
    assert out["features"][1]["geometry"] is None
    assert out["features"][0]["properties"]["area_m2"] == 1.5
