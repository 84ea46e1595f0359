"""A small library and town layer for the breakdown by town, and the expected figures computed
independently: pyproj to the Gauss-Krüger zone and shapely intersections, parcel by town."""

import numpy as np
import shapely
from pyproj import Transformer

from tests.statistics_data import WULING, seg

AREA_EPSG = 4546  # CGCS2000 3-degree GK, CM 111°E: the zone of the parcels (111.6–111.9°E)

#: towns as lon/lat boxes: 甲镇 west of 111.715°E, 乙镇 east of it (their shared boundary cuts
#: P2's parcel), both between 29.00 and 29.10°N
TOWNS = {
    "甲镇": (111.60, 29.00, 111.715, 29.10),
    "乙镇": (111.715, 29.00, 111.80, 29.10),
}


def box(x0, y0, size=0.002):
    return shapely.box(x0, y0, x0 + size, y0 + size)


def build(lib) -> dict:
    """Projects with current parcels in 甲镇, across 甲镇/乙镇, in 乙镇 and outside every town,
    one without parcels, one archived, and a retired parcel; returns {name: code}."""
    c = {}

    def project(name, year="2024", declared=None):
        code = lib.new_project(name, "municipal_key", seg(WULING, year), declared_area_m2=declared)
        c[name] = str(code)
        return code

    p1 = project("P1")
    lib.add_parcel(p1, box(111.69, 29.03).wkt)
    lib.add_parcel(p1, box(111.70, 29.05).wkt)
    p2 = project("P2")  # crosses the boundary: 1/2 in each town
    lib.add_parcel(p2, box(111.714, 29.03).wkt)
    p3 = project("P3", year="2025")
    old = lib.add_parcel(p3, box(111.74, 29.03, 0.01).wkt)
    lib.replace_parcel(old, box(111.74, 29.03).wkt, reason="resurvey")  # the old one retired
    p4 = project("P4")  # half in 乙镇, half north of every town
    lib.add_parcel(p4, box(111.75, 29.099).wkt)
    p5 = project("P5")  # outside every town
    lib.add_parcel(p5, box(111.90, 29.03).wkt)
    project("P6", declared=5000)  # no parcel: not in the table, said in the note
    p7 = project("P7")
    lib.add_parcel(p7, box(111.72, 29.06).wkt)
    lib.archive_project(p7, reason="合并")
    return c


def to_gk():
    return Transformer.from_crs("EPSG:4490", f"EPSG:{AREA_EPSG}", always_xy=True)


def town_geoms_gk() -> dict:
    """The towns in EPSG:4546 (corners transformed: the layer the tests give QGIS)."""
    t = to_gk()
    return {
        name: shapely.transform(shapely.box(*b), lambda xy: _xy(t, xy)) for name, b in TOWNS.items()
    }


def _xy(t, xy):
    x, y = t.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def expected(lib, year=None) -> dict:
    """{town or None (outside): (projects, parcels, m²)} by shapely over the raw rows."""
    t = to_gk()
    towns = town_geoms_gk()
    projects = {
        r["code"]: r
        for r in lib.query("SELECT code, year, archived FROM ymt_projects")
        if not r["archived"] and (year is None or str(r["year"]) == str(year))
    }
    out = {name: [set(), 0, 0.0] for name in towns}
    out[None] = [set(), 0, 0.0]
    for row in lib.query("SELECT code, geom, retired FROM ymt_parcels"):
        if row["retired"] or row["code"] not in projects:
            continue
        parcel = shapely.transform(shapely.from_wkb(lib.wkb(row["geom"])), lambda xy: _xy(t, xy))
        rest = parcel
        for name, town in towns.items():
            piece = parcel.intersection(town).area
            rest = rest.difference(town)
            if piece > 0.01:
                out[name][0].add(row["code"])
                out[name][1] += 1
                out[name][2] += piece
        if rest.area > 0.01:
            out[None][0].add(row["code"])
            out[None][1] += 1
            out[None][2] += rest.area
    return {k: (len(v[0]), v[1], v[2]) for k, v in out.items()}


def town_layer(geoms: dict, crs=f"EPSG:{AREA_EPSG}", name="乡镇界线"):
    """A memory layer of the towns ``{xzmc: polygon}`` (QGIS tests only)."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    layer = QgsVectorLayer(f"MultiPolygon?crs={crs}", name, "memory")
    layer.dataProvider().addAttributes([QgsField("xzmc", QVariant.String)])
    layer.updateFields()
    feats = []
    for key, geom in geoms.items():
        f = QgsFeature(layer.fields())
        g = QgsGeometry()
        g.fromWkb(shapely.to_wkb(geom))
        f.setGeometry(g)
        f.setAttributes([key])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


#: six towns over most of the demo library's parcels (tests/statistics_data.build_demo:
#: 111.5–112.1°E, 28.9–29.5°N), leaving its east and north edges outside every town
DEMO_TOWNS = ("丹洲乡", "芦荻山乡", "河洑镇", "东江街道", "南坪街道", "白鹤山乡")


def demo_towns() -> dict:
    """{town name: lon/lat polygon} for the screenshots and the brief's look."""
    out = {}
    for i, name in enumerate(DEMO_TOWNS):
        col, row = i % 3, i // 3
        x0, y0 = 111.5 + col * 0.18, 28.9 + row * 0.27
        out[name] = shapely.box(x0, y0, x0 + 0.18, y0 + 0.27)
    return out


def demo_town_layer():
    """:func:`demo_towns` as the core's TownLayer (field xzmc, feature ids 1…)."""
    from yimatong_plugin.core.statistics.towns import TownLayer

    towns = demo_towns()
    geoms = np.array(list(towns.values()), dtype=object)
    return TownLayer("乡镇界线", "xzmc", geoms, list(towns), list(range(1, len(towns) + 1)))
