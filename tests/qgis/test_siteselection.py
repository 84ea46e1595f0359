"""``yimatong:siteselection`` through processing.run; every candidate passes the compliance
review against the same layers."""

import numpy as np
import processing
import pytest
import shapely
from qgis.core import QgsProcessingException
from shapely.geometry import LineString, box

from tests.qgis.test_complianceoverlay import Feedback, memory_layer, shift


def run(params, feedback=None):
    base = {"OUTPUT": "TEMPORARY_OUTPUT", "MIN_AREA_M2": 1000.0, "MIN_WIDTH_M": 0.0}
    base.update(params)
    return processing.run("yimatong:siteselection", base, feedback=feedback or Feedback())


def sites(result):
    feats = sorted(result["OUTPUT"].getFeatures(), key=lambda f: f["rank"])
    return feats


def geom(feat):
    return shapely.from_wkb(bytes(feat.geometry().asWkb()))


def review(candidates_layer, controls, zoning=None, use="1001", zoning_field="code"):
    """Verdicts of yimatong:complianceoverlay for the candidates, as a planner would run it."""
    layer = candidates_layer
    layer.startEditing()
    from qgis.core import QgsField
    from qgis.PyQt.QtCore import QVariant

    layer.addAttribute(QgsField("use", QVariant.String))
    idx = layer.fields().lookupField("use")
    for f in layer.getFeatures():
        layer.changeAttributeValue(f.id(), idx, use)
    layer.commitChanges()
    params = {
        "PARCELS": layer,
        "PARCEL_ID": "rank",
        "CONTROL_LAYERS": controls,
        "PROJECT_USE_FIELD": "use",
        "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
    }
    if zoning is not None:
        params.update({"ZONING": zoning, "ZONING_FIELD": zoning_field, "ZONING_CLASSIFICATION": 1})
    res = processing.run("yimatong:complianceoverlay", params, feedback=Feedback())
    return {f["parcel_id"]: (f["verdict"], f["verdict_rule"]) for f in res["OUTPUT"].getFeatures()}


def test_candidate_touching_red_line_passes_compliance(processing_ready):
    search = memory_layer("search", [shift(box(0, 0, 1000, 1000))])
    bowtie = shapely.Polygon([(0, 0), (60, 60), (60, 0), (0, 60)])  # invalid, inside the line
    red = memory_layer("生态保护红线", [shift(box(-50, -50, 400, 1050)), shift(bowtie)])
    fb = Feedback()
    res = run({"SEARCH_AREA": search, "CONTROL_LAYERS": [red], "LAND_USE": "1001"}, fb)
    assert any("生态保护红线" in w and "repaired" in w for w in fb.warnings), fb.warnings
    (site,) = sites(res)
    assert site["rank"] == 1 and site["area_m2"] == pytest.approx(600_000, abs=0.01)
    assert shapely.distance(geom(site), shift(box(-50, -50, 400, 1050))) < 1e-6
    assert site["reasons"]
    verdicts = review(res["OUTPUT"], [red])
    assert [v for v, _rule in verdicts.values()] == ["合规"]


def test_corridor_zoning_exclude_and_criteria(processing_ready, tmp_path):
    search = memory_layer("search", [shift(box(0, 0, 1000, 1000))])
    # 城镇开发边界: two squares joined by a 10 m corridor, and a third square east
    udb_geom = shapely.union_all(
        [box(0, 0, 200, 200), box(300, 0, 500, 200), box(200, 95, 300, 105), box(700, 0, 900, 200)]
    )
    udb = memory_layer("城镇开发边界", [shift(udb_geom)])
    zoning = memory_layer(
        "zoning",
        [shift(box(0, 0, 600, 1000)), shift(box(600, 0, 1000, 1000))],
        fields={"code": ["1001", "0101"]},
    )
    supplied = memory_layer("supplied", [shift(box(0, 150, 200, 200))])
    road = memory_layer(
        "道路", [shift(LineString([(510, -50), (510, 1050)]))], geometry="LineString"
    )
    fb = Feedback()
    report = tmp_path / "选址报告.html"
    res = run(
        {
            "REPORT": str(report),
            "SEARCH_AREA": search,
            "CONTROL_LAYERS": [udb],
            "ZONING": zoning,
            "ZONING_CLASSIFICATION": 1,  # 2023 用地用海 (1001 is also a 三调 code)
            "ZONING_FIELD": "code",
            "EXCLUDE": [supplied],
            "LAND_USE": "1001",
            "MIN_WIDTH_M": 20.0,
            "CRITERIA": [road],
            "CRITERIA_RULES": "道路=near:2",
        },
        fb,
    )
    got = sites(res)
    # corridor removed (two sites, not one), the 耕地-zoned square not offered, supplied land cut
    assert len(got) == 2
    first, second = got
    assert 500_290 < geom(first).bounds[0] < 500_300  # the square nearer the road
    assert first["道路_m"] == pytest.approx(10) and first["道路_score"] == 1.0
    assert second["道路_score"] == 0.0 and first["score"] > second["score"]
    assert geom(second).bounds[3] == pytest.approx(150 + 3_200_000)
    assert "道路" in first["reasons"]
    assert any("城镇开发边界" in m for m in fb.infos)
    assert "Zoning offered for 1001: 1001; not offered: 0101" in fb.infos
    verdicts = review(res["OUTPUT"], [udb], zoning)
    assert {v for v, _rule in verdicts.values()} == {"合规"}
    page = report.read_text(encoding="utf-8")
    assert res["REPORT"] == str(report)
    assert "data:image/png;base64," in page  # the map
    assert page.count("<td>道路</td>") == 1  # the criteria table
    assert "加权和" in page and "城镇开发边界" in page and f"{first['score']:.3f}" in page


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_candidate_passes_compliance_on_random_layers(processing_ready, seed):
    rng = np.random.default_rng(seed)

    def boxes(n, size):
        out = []
        for _ in range(n):
            x, y = rng.random(2) * 2000
            w, h = 20 + rng.random(2) * size
            out.append(shift(shapely.affinity.rotate(box(x, y, x + w, y + h), rng.random() * 80)))
        return out

    search = memory_layer("search", [shift(box(0, 0, 2000, 2000))])
    red = memory_layer("生态保护红线", boxes(25, 300))
    farm = memory_layer("永久基本农田", boxes(40, 200))
    udb = memory_layer("城镇开发边界", boxes(10, 1500))
    classes = ["1001", "1001", "100101", "1101", "0701", "16", "0101"]
    codes = [str(rng.choice(classes)) for _ in range(40)]
    zoning = memory_layer("zoning", boxes(40, 800), fields={"code": codes})
    res = run(
        {
            "SEARCH_AREA": search,
            "CONTROL_LAYERS": [red, farm, udb],
            "ZONING": zoning,
            "ZONING_CLASSIFICATION": 1,  # 2023 用地用海 (1001 is also a 三调 code)
            "ZONING_FIELD": "code",
            "LAND_USE": "1001",
            "MIN_WIDTH_M": 15.0,
            "MIN_AREA_M2": 2000.0,
        }
    )
    got = sites(res)
    assert got, "the random layers leave allowed land for this seed"
    verdicts = review(res["OUTPUT"], [red, farm, udb], zoning)
    assert len(verdicts) == len(got)
    bad = {k: v for k, v in verdicts.items() if v[0] != "合规"}
    assert not bad


def test_division_code_as_search_area(processing_ready):
    red = memory_layer("生态保护红线", [box(111.70, 29.0, 111.75, 29.05)], crs="EPSG:4490")
    fb = Feedback()
    res = run(
        {
            "SEARCH_DIVISION": "430702",
            "CONTROL_LAYERS": [red],
            "LAND_USE": "1001",
            "MIN_AREA_M2": 1_000_000.0,
        },
        fb,
    )
    assert any("EPSG:4546" in m for m in fb.infos)  # CGCS2000 GK zone 37 (111° E)
    assert len(sites(res)) >= 1
    with pytest.raises(QgsProcessingException, match="999999"):
        run({"SEARCH_DIVISION": "999999", "CONTROL_LAYERS": [red], "LAND_USE": "1001"})


def test_bad_input_is_refused_with_the_reason(processing_ready):
    search = memory_layer("search", [shift(box(0, 0, 100, 100))])
    red = memory_layer("生态保护红线", [shift(box(0, 0, 10, 10))])
    with pytest.raises(QgsProcessingException, match="9999"):
        run({"SEARCH_AREA": search, "CONTROL_LAYERS": [red], "LAND_USE": "9999"})
    with pytest.raises(QgsProcessingException, match="CRITERIA_RULES"):
        run(
            {
                "SEARCH_AREA": search,
                "CONTROL_LAYERS": [red],
                "LAND_USE": "1001",
                "CRITERIA_RULES": "道路=closer",
            }
        )
    with pytest.raises(QgsProcessingException, match="either"):
        run({"CONTROL_LAYERS": [red], "LAND_USE": "1001"})


def test_wuling_industrial_sites_on_the_sample_all_pass_compliance(processing_ready):
    """The planner's case: 武陵区, use 1001, ≥ 30,000 m², on the bundled Changde sample."""
    from qgis.core import QgsVectorLayer

    from tests.qgis.test_complianceoverlay import SAMPLE

    def sample(name):
        layer = QgsVectorLayer(f"{SAMPLE}|layername={name}", name, "ogr")
        assert layer.isValid()
        return layer

    controls = [sample(n) for n in ("生态保护红线", "永久基本农田", "城镇开发边界")]
    zoning = sample("国土空间规划分区")
    res = run(
        {
            "SEARCH_DIVISION": "430702",
            "LAND_USE": "1001",
            "MIN_AREA_M2": 30000.0,
            "MIN_WIDTH_M": 30.0,
            "CONTROL_LAYERS": controls,
            "ZONING": zoning,
            "ZONING_CLASSIFICATION": 1,  # 2023 用地用海 (1001 is also a 三调 code)
            "ZONING_FIELD": "ydyhdm",
        }
    )
    got = sites(res)
    assert len(got) >= 5
    assert [f["rank"] for f in got] == list(range(1, len(got) + 1))
    assert all(f["area_m2"] >= 30000.0 for f in got)
    scores = [f["score"] for f in got]
    assert all(a >= b - 1e-9 for a, b in zip(scores, scores[1:]))  # ties: larger area first
    verdicts = review(res["OUTPUT"], controls, zoning, zoning_field="ydyhdm")
    assert len(verdicts) == len(got)
    assert {v for v, _rule in verdicts.values()} == {"合规"}, verdicts


class CancelDuringSearch(Feedback):
    """Reports progress and cancels once the search proper (past reading, 30 %) has begun."""

    def __init__(self):
        super().__init__()
        self.seen = []

    def setProgress(self, value):
        self.seen.append(value)
        if value > 31:
            self.cancel()
        super().setProgress(value)


def test_progress_and_cancel(processing_ready):
    search = memory_layer("search", [shift(box(0, 0, 9000, 9000))])  # 25 tiles
    red = memory_layer("生态保护红线", [shift(box(100, 100, 200, 200))])
    fb = Feedback()
    done = run({"SEARCH_AREA": search, "CONTROL_LAYERS": [red], "LAND_USE": "1001"}, fb)
    assert "OUTPUT" in done
    fb = CancelDuringSearch()
    res = run({"SEARCH_AREA": search, "CONTROL_LAYERS": [red], "LAND_USE": "1001"}, fb)
    assert "OUTPUT" not in res  # stopped: no partial candidate layer
    assert fb.seen and max(fb.seen) < 90


@pytest.mark.parametrize("storage", ["gpkg", "postgis"])
def test_library_supplied_land_is_not_offered_by_default(
    processing_ready, tmp_path, request, storage
):
    from tests.library_data import SEG
    from yimatong_plugin.core.library import open_library

    x0, y0 = 500_000.0, 3_212_000.0  # EPSG:4546, Changde
    if storage == "gpkg":
        path = str(tmp_path / "lib.gpkg")
    else:
        path = request.getfixturevalue("postgis_server").new_database()
    lib = open_library(path, user="alice")
    try:
        supplied = lib.allocate_code(**SEG)
        lib.add_project(supplied, name="已供地项目", source="municipal_key")
        lib.add_parcel(supplied, box(x0, y0, x0 + 200, y0 + 1000), crs="EPSG:4546", stage="supply")
        lib.add_event(supplied, "supply", "2025-03-01")
        planned = lib.allocate_code(**SEG)
        lib.add_project(planned, name="预审中项目", source="municipal_key")
        lib.add_parcel(planned, box(x0 + 600, y0, x0 + 800, y0 + 1000), crs="EPSG:4546")
        lib.add_event(planned, "preliminary_review", "2025-03-01")
    finally:
        lib.close()
    search = memory_layer("search", [box(x0, y0, x0 + 1000, y0 + 1000)])
    red = memory_layer("生态保护红线", [box(x0 + 2000, y0, x0 + 2100, y0 + 100)])
    fb = Feedback()
    res = run(
        {
            "SEARCH_AREA": search,
            "CONTROL_LAYERS": [red],
            "LAND_USE": "1001",
            "LIBRARY": path,
            "MIN_WIDTH_M": 1.0,  # no 1e-7 m sliver left by the parcel's EPSG:4490 round trip
        },
        fb,
    )
    (site,) = sites(res)
    # the supplied parcel (200 × 1000 m, stored in EPSG:4490 and back) is not offered; the
    # parcel of the project still in preliminary review is
    assert site["area_m2"] == pytest.approx(800_000, abs=1.0)  # 4 corners rounded by 0.5 m
    assert geom(site).bounds[0] == pytest.approx(x0 + 200, abs=0.01)
    assert any("1 parcels of 1 projects" in m for m in fb.infos)
    # EXCLUDE layers given: they replace the library default
    none = memory_layer("nothing", [box(x0 + 5000, y0, x0 + 5100, y0 + 100)])
    res = run(
        {
            "SEARCH_AREA": search,
            "CONTROL_LAYERS": [red],
            "LAND_USE": "1001",
            "LIBRARY": path,
            "EXCLUDE": [none],
        }
    )
    (site,) = sites(res)
    assert site["area_m2"] == pytest.approx(1_000_000, abs=0.01)
