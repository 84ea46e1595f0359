"""``yimatong:complianceoverlay`` through processing.run (and once through qgis_process.bin)."""

import json
import subprocess
from pathlib import Path

import numpy as np
import processing
import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant
from shapely.geometry import MultiPolygon, Polygon, box

from tests.tools import qgis_process_env, require
from yimatong_plugin.core.overlay import polygonal

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "yimatong_plugin" / "data" / "sample" / "changde_sample.gpkg"
X0, Y0 = 500_000.0, 3_200_000.0  # EPSG:4546 near Changde
NULL_TEXT = QVariant()


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings, self.infos = [], []

    def pushWarning(self, text):
        self.warnings.append(text)

    def pushInfo(self, text):
        self.infos.append(text)


def memory_layer(name, geoms, crs="EPSG:4546", geometry="MultiPolygon", fields=None):
    uri = f"{geometry}?crs={crs}" if crs else geometry
    layer = QgsVectorLayer(uri, name, "memory")
    if not crs:
        layer.setCrs(QgsCoordinateReferenceSystem())
    fields = fields or {}
    layer.dataProvider().addAttributes([QgsField(k, QVariant.String) for k in fields])
    layer.updateFields()
    feats = []
    for i, g in enumerate(geoms):
        f = QgsFeature(layer.fields())
        if g is not None:
            qg = QgsGeometry()
            qg.fromWkb(shapely.to_wkb(g))
            f.setGeometry(qg)
        f.setAttributes([vals[i] for vals in fields.values()])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


def shift(g, dx=X0, dy=Y0):
    return shapely.transform(g, lambda c: c + [dx, dy])


def run(params, feedback=None):
    base = {"OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_TABLE": "TEMPORARY_OUTPUT"}
    base.update(params)
    return processing.run("yimatong:complianceoverlay", base, feedback=feedback or Feedback())


def table(result):
    rows = {}
    for f in result["OUTPUT_TABLE"].getFeatures():
        rows[(f["parcel_id"], f["layer"], f["class_code"])] = (
            f["overlap_m2"],
            f["overlap_ratio"],
            f["outside_m2"],
        )
    return rows


def outputs(result):
    return {f["parcel_id"]: f for f in result["OUTPUT"].getFeatures()}


BOWTIE = Polygon([(0, 0), (100, 100), (100, 0), (0, 100), (0, 0)])
TOUCHING = MultiPolygon([box(200, 0, 300, 100), box(300, 0, 400, 100)])


def reference(parcel, polys):
    p = polygonal(shapely.make_valid(parcel))
    layer = shapely.union_all(polygonal(shapely.make_valid(np.array(polys, dtype=object))))
    return shapely.intersection(p, layer).area


def test_area_contract_invalid_parcels_overlapping_control_polygons(processing_ready):
    rng = np.random.default_rng(5)
    parcels = [BOWTIE, TOUCHING]
    for _ in range(30):
        x, y = rng.random(2) * 2000
        parcels.append(shapely.affinity.rotate(box(x, y, x + 150, y + 90), rng.random() * 60))
    farmland = []
    for _ in range(300):
        x, y = rng.random(2) * 2000
        farmland.append(box(x, y, x + 120, y + 120))  # many overlap each other
    red = [Polygon([(0, 0), (60, 60), (60, 0), (0, 60)]), box(-50, 40, 2100, 70)]  # 1 invalid
    parcels = [shift(g) for g in parcels]
    farmland = [shift(g) for g in farmland]
    red = [shift(g) for g in red]
    fb = Feedback()
    res = run(
        {
            "PARCELS": memory_layer("地块", parcels),
            "CONTROL_LAYERS": [
                memory_layer("永久基本农田", farmland),
                memory_layer("生态保护红线", red),
            ],
        },
        fb,
    )
    rows = table(res)
    out = outputs(res)
    nonzero = 0
    for i, p in enumerate(parcels):
        pid = str(i + 1)  # memory layer feature ids start at 1
        assert out[pid]["area_m2"] == pytest.approx(polygonal(shapely.make_valid(p)).area)
        for name, polys in (("永久基本农田", farmland), ("生态保护红线", red)):
            expected = reference(p, polys)
            got = rows.get((pid, name, ""), (0.0,))[0]
            assert abs(got - expected) <= 1e-6 * expected + 0.01, (pid, name, got, expected)
            nonzero += expected > 0
            ratio_field = f"{name}_ratio"
            assert out[pid][ratio_field] == pytest.approx(expected / out[pid]["area_m2"])
    assert nonzero > 10
    assert out["1"]["repaired"] == 1 and out["2"]["repaired"] == 1
    assert rows[("1", "生态保护红线", "")][0] > 0  # the bowtie is not a silent 0
    assert out["1"]["verdict"] == "冲突"
    assert any("feature 1" in w and "repaired" in w for w in fb.warnings)
    assert any("生态保护红线" in w and "repaired" in w for w in fb.warnings)  # the invalid line


def test_inside_rule_outside_area_and_rule_override(processing_ready):
    udb = [shift(box(0, 0, 1000, 1000))]
    parcels = [shift(box(900, 0, 1100, 100)), shift(box(10, 10, 110, 110))]
    fb = Feedback()
    res = run(
        {
            "PARCELS": memory_layer("地块", parcels),
            "CONTROL_LAYERS": [memory_layer("城镇开发边界", udb), memory_layer("洪涝风险区", udb)],
            "CONTROL_RULES": "洪涝风险区=inside",
        },
        fb,
    )
    rows = table(res)
    assert rows[("1", "城镇开发边界", "")] == pytest.approx((10000, 0.5, 10000))
    assert rows[("2", "城镇开发边界", "")] == pytest.approx((10000, 1.0, 0.0))
    assert rows[("1", "洪涝风险区", "")][2] == pytest.approx(10000)
    out = outputs(res)
    assert out["1"]["verdict"] == "冲突" and "outside" in out["1"]["verdict_rule"]
    assert out["2"]["verdict"] == "合规"
    assert not any("rule not recognised" in w for w in fb.warnings)


def test_control_rules_in_chinese_and_the_log_in_words(processing_ready):
    """The override accepts 避让/在内 (and full-width ＝；); the log names the rule in words
    (translated in a Chinese QGIS), not the bare keyword."""
    from yimatong_plugin.toolbelt import i18n

    udb = [shift(box(0, 0, 1000, 1000))]
    parcels = [shift(box(900, 0, 1100, 100))]
    assert i18n.install_translator("zh_CN")
    try:
        fb = Feedback()
        res = run(
            {
                "PARCELS": memory_layer("地块", parcels),
                "CONTROL_LAYERS": [memory_layer("洪涝风险区", udb), memory_layer("某控制线", udb)],
                "CONTROL_RULES": "洪涝风险区＝在内；某控制线=避让",
            },
            fb,
        )
    finally:
        i18n.remove_translator()
    rows = table(res)
    assert rows[("1", "洪涝风险区", "")][2] == pytest.approx(10000)  # inside: outside measured
    assert rows[("1", "某控制线", "")][2] is None or rows[("1", "某控制线", "")][2] == NULL_TEXT
    rule_lines = [i for i in fb.infos if "洪涝风险区" in i and "规则" in i]
    assert rule_lines and "inside" not in rule_lines[0] and "在内" in rule_lines[0]
    assert any("某控制线" in i and "避让" in i and "avoid" not in i for i in fb.infos)
    assert any("面积" in i and "中央经线 111°E" in i for i in fb.infos)  # the area CRS in words


def test_unknown_layer_name_defaults_to_avoid_with_a_warning(processing_ready):
    fb = Feedback()
    res = run(
        {
            "PARCELS": memory_layer("地块", [shift(box(0, 0, 10, 10))]),
            "CONTROL_LAYERS": [memory_layer("某控制线", [shift(box(0, 0, 5, 10))])],
        },
        fb,
    )
    assert any("某控制线" in w and "avoid" in w for w in fb.warnings)
    assert outputs(res)["1"]["verdict"] == "冲突"


def test_geographic_parcels_get_the_changde_gk_zone(processing_ready):
    lon0, lat0 = 111.7, 29.03
    square = box(lon0, lat0, lon0 + 0.002, lat0 + 0.002)
    line = box(lon0 + 0.001, lat0 - 0.01, lon0 + 0.01, lat0 + 0.01)
    res = run(
        {
            "PARCELS": memory_layer("地块", [square], crs="EPSG:4490"),
            "CONTROL_LAYERS": [memory_layer("生态保护红线", [line], crs="EPSG:4490")],
        }
    )
    assert res["OUTPUT"].crs().authid() == "EPSG:4546"
    ct = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4490"),
        QgsCoordinateReferenceSystem("EPSG:4546"),
        QgsProject.instance(),
    )
    g = QgsGeometry.fromWkt(square.wkt)
    g.transform(ct)
    out = outputs(res)["1"]
    assert out["area_m2"] == pytest.approx(g.area(), rel=1e-9)
    assert 190 * 220 < out["area_m2"] < 200 * 225  # 0.002° ≈ 195 m × 222 m at 29°N
    assert out["生态保护红线_ratio"] == pytest.approx(0.5, rel=1e-3)


def test_zoning_classes_sandiao_codes_and_use_verdict(processing_ready):
    zoning = [shift(box(0, 0, 50, 100)), shift(box(50, 0, 80, 100)), shift(box(80, 0, 100, 100))]
    res = run(
        {
            "PARCELS": memory_layer(
                "地块",
                [shift(box(0, 0, 100, 100)), shift(box(0, 0, 40, 40))],
                fields={"use": ["0701", "0901"], "code": ["43430702202403011207010000012", ""]},
            ),
            "PROJECT_USE_FIELD": "use",
            "PROJECT_CODE_FIELD": "code",
            "ZONING": memory_layer("规划", zoning, fields={"ydyhdm": ["0701", "0103", "05H1"]}),
            "ZONING_FIELD": "ydyhdm",
        }
    )
    rows = table(res)
    # the zoning rows' layer value is Chinese like the verdicts (was "zoning")
    assert rows[("1", "规划分区", "0701")][0] == pytest.approx(5000)
    assert rows[("1", "规划分区", "0103")][0] == pytest.approx(3000)
    assert rows[("1", "规划分区", "05H1")][0] == pytest.approx(2000)
    assert not any(key[1] == "zoning" for key in rows)
    out = outputs(res)
    assert out["1"]["verdict"] == "冲突" and "0103" in out["1"]["verdict_rule"]
    # the name of a code at its own level, as in the report's table (one lookup): 0103 is
    # 旱地, not its level-1 class 耕地
    assert "0103 旱地" in out["1"]["verdict_rule"] and "耕地" not in out["1"]["verdict_rule"]
    assert out["2"]["verdict"] == "需论证"  # commerce (09) on planned housing (07)
    assert out["1"]["project_code"] == "43430702202403011207010000012"


def test_pieces_output(processing_ready):
    res = run(
        {
            "PARCELS": memory_layer("地块", [shift(box(0, 0, 10, 10))]),
            "CONTROL_LAYERS": [memory_layer("红线", [shift(box(5, 0, 20, 10))])],
            "OUTPUT_PIECES": "TEMPORARY_OUTPUT",
        }
    )
    pieces = list(res["OUTPUT_PIECES"].getFeatures())
    assert len(pieces) == 1 and pieces[0].geometry().area() == pytest.approx(50)


def test_empty_and_null_parcels_are_kept_with_a_warning(processing_ready):
    fb = Feedback()
    res = run(
        {
            "PARCELS": memory_layer("地块", [None, shift(box(0, 0, 10, 10))]),
            "CONTROL_LAYERS": [memory_layer("红线", [shift(box(0, 0, 5, 10))])],
        },
        fb,
    )
    out = outputs(res)
    assert out["1"]["verdict"] == "需论证" and "empty" in out["1"]["verdict_rule"]
    assert any("'地块', feature 1" in w and "NULL" in w for w in fb.warnings)
    assert out["2"]["verdict"] == "冲突"


def _error(params):
    with pytest.raises(QgsProcessingException) as err:
        run(params)
    return str(err.value)


def test_bad_inputs_name_the_layer(processing_ready):
    parcel = memory_layer("地块", [shift(box(0, 0, 10, 10))])
    line = memory_layer(
        "道路中线", [shapely.LineString([(X0, Y0), (X0 + 9, Y0 + 9)])], geometry="LineString"
    )
    msg = _error({"PARCELS": parcel, "CONTROL_LAYERS": [line]})
    assert "道路中线" in msg and "polygon" in msg
    msg = _error({"PARCELS": line, "CONTROL_LAYERS": [parcel]})
    assert "道路中线" in msg and "polygon" in msg
    msg = _error({"PARCELS": parcel, "ZONING": line, "ZONING_FIELD": "x"})
    assert "道路中线" in msg and "polygon" in msg
    msg = _error({"PARCELS": parcel, "ZONING": parcel})
    assert "Zoning land-use code field" in msg and "ZONING_FIELD" not in msg
    no_crs = memory_layer("无坐标系", [shift(box(0, 0, 5, 5))], crs=None)
    msg = _error({"PARCELS": parcel, "CONTROL_LAYERS": [no_crs]})
    assert "无坐标系" in msg and "CRS" in msg
    wrong = memory_layer("坐标系不符", [shift(box(0, 0, 5, 5))], crs="EPSG:4490")  # metres
    msg = _error({"PARCELS": parcel, "CONTROL_LAYERS": [wrong]})
    assert "坐标系不符" in msg and "CRS" in msg
    prefixed = memory_layer("带带号", [shift(box(0, 0, 5, 5), dx=37_500_000)], crs="EPSG:4546")
    msg = _error({"PARCELS": parcel, "CONTROL_LAYERS": [prefixed]})
    assert "带带号" in msg and "EPSG:4525" in msg
    empty = memory_layer("空图层", [])
    msg = _error({"PARCELS": parcel, "CONTROL_LAYERS": [empty]})
    assert "空图层" in msg and "no features" in msg
    msg = _error({"PARCELS": memory_layer("空地块", []), "CONTROL_LAYERS": [parcel]})
    assert "空地块" in msg and "no features" in msg
    msg = _error({"PARCELS": parcel, "CONTROL_LAYERS": [parcel], "CONTROL_RULES": "红线=maybe"})
    assert "红线=maybe" in msg


def test_sample_data_with_report(processing_ready, tmp_path):
    gpkg = str(SAMPLE)

    def layer(name):
        return QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")

    report = tmp_path / "review.html"
    res = run(
        {
            "PARCELS": layer("项目地块"),
            "PARCEL_ID": "dkbh",
            "CONTROL_LAYERS": [layer("生态保护红线"), layer("永久基本农田"), layer("城镇开发边界")],
            "ZONING": layer("国土空间规划分区"),
            "ZONING_FIELD": "ydyhdm",
            "PROJECT_USE_FIELD": "ydxz",
            "PROJECT_CODE_FIELD": "xmdm",
            "REPORT": str(report),
        }
    )
    out = outputs(res)
    assert out["DK-2024-005"]["verdict"] == "冲突"
    assert 17000 < table(res)[("DK-2024-005", "生态保护红线", "")][0] < 18000
    assert out["DK-2024-006"]["生态保护红线_ratio"] > 0  # the sliver is reported …
    assert out["DK-2024-006"]["verdict"] != "冲突"  # … but is no conflict
    assert (
        "sliver" in out["DK-2024-006"]["verdict_rule"] or out["DK-2024-006"]["verdict"] == "需论证"
    )
    assert out["DK-2024-007"]["verdict"] == "冲突"
    assert out["DK-2024-009"]["repaired"] == 1 and out["DK-2024-009"]["area_m2"] > 0
    assert report.exists() and report.with_suffix(".pdf").exists()
    html = report.read_text(encoding="utf-8")
    # the report prints what the algorithm wrote: one section per parcel, its overlap in m²
    assert html.count('<section class="parcel"') == len(out)
    red = table(res)[("DK-2024-005", "生态保护红线", "")][0]
    section = html[html.index('id="parcel-DK-2024-005"') :]
    section = section[: section.index("</section>")]
    assert f"{red:,.2f}" in section and "冲突" in section
    # each section names the parcel's project (from the layer's xmmc: OUTPUT has no name field)
    names = {f["dkbh"]: f["xmmc"] for f in layer("项目地块").getFeatures()}
    assert names["DK-2024-005"] and names["DK-2024-005"] in section


@pytest.mark.slow
def test_runs_through_qgis_process(tmp_path):
    """qgis_process.bin with the plugin on QGIS_PLUGINPATH, enabled in a throw-away profile."""
    exe = require("qgis_process.bin")  # make setup installs it: missing fails, never skips
    env = qgis_process_env(tmp_path)
    enable = subprocess.run(
        [exe, "plugins", "enable", "yimatong_plugin"], env=env, capture_output=True, text=True
    )
    assert enable.returncode == 0, enable.stdout + enable.stderr
    out = tmp_path / "out.gpkg"
    table_out = tmp_path / "table.csv"
    gpkg = str(SAMPLE)
    proc = subprocess.run(
        [
            exe,
            "--json",
            "run",
            "yimatong:complianceoverlay",
            "--",
            f"PARCELS={gpkg}|layername=项目地块",
            "PARCEL_ID=dkbh",
            f"CONTROL_LAYERS={gpkg}|layername=生态保护红线",
            f"CONTROL_LAYERS={gpkg}|layername=城镇开发边界",
            "CONTROL_RULES=生态保护红线=avoid;城镇开发边界=inside",
            f"OUTPUT={out}",
            f"OUTPUT_TABLE={table_out}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert result["results"]["OUTPUT"]
    layer = QgsVectorLayer(str(out), "out", "ogr")
    verdicts = {f["parcel_id"]: f["verdict"] for f in layer.getFeatures()}
    assert len(verdicts) == 12 and verdicts["DK-2024-005"] == "冲突"


def test_checkparcels_rows(processing_ready):
    geoms = [
        shift(box(0, 0, 100, 100)),
        shift(Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])),
        shift(box(50, 50, 150, 150)),
        None,
    ]
    layer = memory_layer(
        "地块",
        geoms,
        fields={"dkbh": ["A", "B", "C", "D"], "sbmj": ["1.5", "", "1.5", ""], "jd": ["1"] * 4},
    )
    res = processing.run(
        "yimatong:checkparcels",
        {
            "INPUT": layer,
            "PARCEL_ID": "dkbh",
            "STAGE_FIELD": "jd",
            "DECLARED_AREA_FIELD": "sbmj",
            "DECLARED_AREA_UNIT": 2,  # 亩: 1.5 亩 = 1,000 m², drawn 10,000 m²
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    rows = sorted(
        (f["parcel_id"], f["problem"], f["other_id"]) for f in res["OUTPUT"].getFeatures()
    )
    assert ("A", "overlap", "C") in rows
    assert ("B", "invalid", None) in rows or ("B", "invalid", NULL_TEXT) in rows
    assert ("D", "empty", None) in rows or ("D", "empty", NULL_TEXT) in rows
    assert sum(1 for r in rows if r[1] == "area_mismatch") == 2


def test_checkparcels_explains_invalid_geometry_in_chinese(processing_ready):
    """GEOS's "Self-intersection[x y]" reaches the user in words: 自相交，位置 x, y."""
    from yimatong_plugin.toolbelt import i18n

    bowtie = shift(Polygon([(0, 0), (10, 10), (10, 0), (0, 10)]))
    assert i18n.install_translator("zh_CN")
    try:
        res = processing.run(
            "yimatong:checkparcels",
            {"INPUT": memory_layer("地块", [bowtie]), "OUTPUT": "TEMPORARY_OUTPUT"},
        )
    finally:
        i18n.remove_translator()
    details = [f["detail"] for f in res["OUTPUT"].getFeatures() if f["problem"] == "invalid"]
    assert details == ["自相交，位置 500005, 3200005"], details


def _write_gpkg(path, name, geoms):
    from osgeo import ogr, osr

    drv = ogr.GetDriverByName("GPKG")
    ds = drv.Open(str(path), 1) if path.exists() else drv.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4546)
    lyr = ds.CreateLayer(name, srs, ogr.wkbMultiPolygon)
    for g in geoms:
        f = ogr.Feature(lyr.GetLayerDefn())
        if g is not None:
            f.SetGeometry(ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(shapely.to_wkb(g))))
        lyr.CreateFeature(f)
    ds = None


def test_geopackage_layers_read_lazily_cached_and_refreshed(processing_ready, tmp_path):
    from yimatong_plugin.core import overlay

    rng = np.random.default_rng(8)
    farmland = [shift(box(x, y, x + 80, y + 80)) for x, y in rng.random((400, 2)) * 3000]
    farmland.append(shift(Polygon([(0, 0), (90, 90), (90, 0), (0, 90)])))  # invalid bowtie
    parcels = [shift(box(x, y, x + 200, y + 150)) for x, y in rng.random((20, 2)) * 3000]
    parcels.append(shift(box(0, 0, 100, 100)))
    gpkg = tmp_path / "control.gpkg"
    _write_gpkg(gpkg, "基本农田", [*farmland, None])  # and one feature without geometry
    params = {"PARCELS": memory_layer("地块", parcels)}
    fb = Feedback()
    overlay.CACHE.clear()
    lazy = run(
        {**params, "CONTROL_LAYERS": [QgsVectorLayer(f"{gpkg}|layername=基本农田", "基本农田")]},
        fb,
    )
    (prepared,) = list(overlay.CACHE._items.values())
    assert prepared._loader is not None  # read through the R-tree …
    assert 0 < prepared.loaded_count < prepared.n  # … only the polygons near the parcels
    eager = run({**params, "CONTROL_LAYERS": [memory_layer("基本农田", farmland)]})
    got, want = table(lazy), table(eager)
    assert sorted(got) == sorted(want)
    for k in want:
        assert got[k][0] == pytest.approx(want[k][0], rel=1e-9, abs=1e-6), k
    assert table(lazy)[(str(len(parcels)), "基本农田", "")][0] == pytest.approx(
        reference(parcels[-1], farmland)
    )
    assert any("基本农田" in w and "repaired" in w and "401" in w for w in fb.warnings)
    assert any("基本农田" in w and "1 features without geometry" in w for w in fb.warnings)
    fb2 = Feedback()
    run(
        {**params, "CONTROL_LAYERS": [QgsVectorLayer(f"{gpkg}|layername=基本农田", "基本农田")]},
        fb2,
    )
    assert any("reusing" in i for i in fb2.infos)
    # the file changes: the cache must not serve the old polygons
    _write_gpkg(gpkg, "其他", [])  # touch the file (adds an empty layer beside it)
    extra = shift(box(0, 0, 100, 100))
    from osgeo import ogr

    ds = ogr.Open(str(gpkg), 1)
    lyr = ds.GetLayerByName("基本农田")
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(extra)))
    lyr.CreateFeature(f)
    ds = None
    fb3 = Feedback()
    fresh = run(
        {**params, "CONTROL_LAYERS": [QgsVectorLayer(f"{gpkg}|layername=基本农田", "基本农田")]},
        fb3,
    )
    assert not any("reusing" in i for i in fb3.infos)
    assert table(fresh)[(str(len(parcels)), "基本农田", "")][0] == pytest.approx(10000)
