"""Control sets through Processing, on a GeoPackage and a PostGIS library: ``yimatong:
publishcontrolset`` stores a set and its whole preparation; ``yimatong:complianceoverlay`` and
``yimatong:siteselection`` with ``CONTROL_SET`` use it (the same numbers as with the layers
themselves), name the set, its version and 批复文号, and a second process reviewing against the
published set does no repair and no cutting; a changed feature is a new data version."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import processing
import pytest
import shapely
from qgis.core import QgsProcessingException
from shapely.geometry import Polygon, box

from tests.qgis.test_complianceoverlay import Feedback, memory_layer, shift
from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.library.control_sets import ControlSets

ROOT = Path(__file__).resolve().parents[2]
DOC = "湘政函〔2023〕12号"


def _star(n=3000, r=400.0):
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    rr = r * (1 + 0.2 * np.sin(7 * t))
    return Polygon(np.c_[500 + rr * np.cos(t), 500 + rr * np.sin(t)])


def _layers(red_shift=0.0):
    """A huge red line (3,000 vertices: cut into cells), a bowtie (repaired) and a UDB."""
    bowtie = Polygon([(1200, 0), (1400, 200), (1400, 0), (1200, 200)])
    red = [shift(shapely.transform(_star(), lambda c: c + [red_shift, 0])), shift(bowtie)]
    udb = [shift(box(-100, -100, 1500, 1500))]
    return memory_layer("生态保护红线", red), memory_layer("城镇开发边界", udb)


def _parcels():
    geoms = [shift(box(x, y, x + 150, y + 150)) for x in (0, 450, 1250) for y in (50, 450)]
    ids = [f"P{i}" for i in range(len(geoms))]
    return memory_layer("parcels", geoms, fields={"pid": ids})


@pytest.fixture(params=["gpkg", "postgis"])
def library(request, tmp_path):
    if request.param == "gpkg":
        uri = str(tmp_path / "lib.gpkg")
    else:
        uri = request.getfixturevalue("postgis_server").new_database()
    open_library(uri, user="alice").close()
    return uri


def publish(uri, layers, **extra):
    params = {
        "LIBRARY": uri,
        "NAME": "三区三线",
        "LAYERS": layers,
        "DOC_NO": DOC,
        "EFFECTIVE_DATE": "2023-10-12",
        "SET_DATE": "2023-10-12",
        "AREA_CRS": "EPSG:4546",
    }
    params.update(extra)
    return processing.run("yimatong:publishcontrolset", params, feedback=Feedback())


def review(params, feedback=None):
    base = {
        "PARCELS": _parcels(),
        "PARCEL_ID": "pid",
        "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
    }
    base.update(params)
    return processing.run("yimatong:complianceoverlay", base, feedback=feedback or Feedback())


def overlaps(result):
    return {
        (f["parcel_id"], f["layer"]): (round(f["overlap_m2"], 6), f["outside_m2"])
        for f in result["OUTPUT_TABLE"].getFeatures()
    }


def test_publish_then_review_against_the_set(processing_ready, library):
    red, udb = _layers()
    res = publish(library, [red, udb])
    assert res["SET"] == "三区三线@1" and res["VERSION"] == 1 and res["PREPARED"] == 2
    direct = review({"CONTROL_LAYERS": [red, udb], "AREA_CRS": "EPSG:4546"})
    fb = Feedback()
    by_set = review({"LIBRARY": library, "CONTROL_SET": "三区三线"}, fb)
    assert overlaps(by_set) == overlaps(direct)
    assert any(v[0] > 0 for (_p, layer), v in overlaps(by_set).items() if layer == "生态保护红线")
    assert any("published preparation is used" in m for m in fb.infos), fb.infos
    assert not any("preparing it now" in m for m in fb.warnings)
    assert any("repaired" in m for m in fb.warnings), fb.warnings  # the bowtie, from the set
    feats = list(by_set["OUTPUT"].getFeatures())
    verdicts = {f["parcel_id"]: f["verdict"] for f in review({"CONTROL_LAYERS": [red, udb]})[
        "OUTPUT"].getFeatures()}  # fmt: skip
    assert {f["parcel_id"]: f["verdict"] for f in feats} == verdicts
    assert {f["control_set"] for f in feats} == {"三区三线 v1"}
    assert all(DOC in f["approval_docs"] and "生态保护红线" in f["approval_docs"] for f in feats)
    # empty CONTROL_SET, no CONTROL_LAYERS, a library: the current set
    current = review({"LIBRARY": library})
    assert overlaps(current) == overlaps(direct)


def test_versions_and_a_changed_feature(processing_ready, library):
    red, udb = _layers()
    publish(library, [red, udb])
    moved, udb2 = _layers(red_shift=120.0)  # one feature of one layer changed
    res = publish(library, [moved, udb2], DOC_NO="湘政函〔2024〕3号")
    # the unchanged UDB's preparation is reused; the changed red line is prepared again
    assert res["SET"] == "三区三线@2" and res["PREPARED"] == 1
    v1 = overlaps(review({"LIBRARY": library, "CONTROL_SET": "三区三线@1"}))
    fb = Feedback()
    v2 = overlaps(review({"LIBRARY": library, "CONTROL_SET": "三区三线"}, fb))
    assert v1 != v2
    assert v2 == overlaps(review({"CONTROL_LAYERS": [moved, udb2], "AREA_CRS": "EPSG:4546"}))
    lib = open_library(library, user="bob")
    try:
        sets = ControlSets(lib)
        rows = {r["key"]: r for r in sets.sets()}
        assert rows["三区三线@2"]["is_current"] and not rows["三区三线@1"]["is_current"]
        old, new = (sets.get("三区三线", v)["layers"] for v in (1, 2))
        assert old[0]["data_sha256"] != new[0]["data_sha256"]  # red line: new data version
        assert old[1]["data_sha256"] == new[1]["data_sha256"]  # UDB unchanged
        assert new[0]["doc_no"] == "湘政函〔2024〕3号" and old[0]["doc_no"] == DOC
        assert [h["action"] for h in sets.history("三区三线@1")] == ["insert", "update"]
    finally:
        lib.close()


def test_bad_choices_are_refused(processing_ready, library):
    red, udb = _layers()
    publish(library, [red, udb])
    with pytest.raises(QgsProcessingException, match="not both"):
        review({"LIBRARY": library, "CONTROL_SET": "三区三线", "CONTROL_LAYERS": [red]})
    with pytest.raises(QgsProcessingException, match="No control set named '城镇@3'"):
        review({"LIBRARY": library, "CONTROL_SET": "城镇@3"})
    with pytest.raises(QgsProcessingException, match="EPSG:4546"):
        review({"LIBRARY": library, "CONTROL_SET": "三区三线", "AREA_CRS": "EPSG:4545"})


def test_site_selection_with_the_set(processing_ready, library):
    red, udb = _layers()
    publish(library, [red, udb])
    area = memory_layer("area", [shift(box(0, 0, 1400, 1400))])
    base = {
        "SEARCH_AREA": area,
        "LAND_USE": "1001",
        "MIN_AREA_M2": 5000,
        "MIN_WIDTH_M": 0,
        "OUTPUT": "TEMPORARY_OUTPUT",
    }
    direct = processing.run(
        "yimatong:siteselection", dict(base, CONTROL_LAYERS=[red, udb], AREA_CRS="EPSG:4546")
    )
    report = Path(tempfile.mkdtemp()) / "siting.html"
    by_set = processing.run(
        "yimatong:siteselection",
        dict(base, LIBRARY=library, CONTROL_SET="三区三线", REPORT=str(report)),
    )
    # the site-selection report names the set (and version) and the 批复文号 for its layers
    html = report.read_text(encoding="utf-8")
    assert "三区三线" in html and DOC in html

    def areas(res):
        return sorted(round(f["area_m2"], 3) for f in res["OUTPUT"].getFeatures())

    assert areas(by_set) == areas(direct) and areas(direct)
    star = shift(_star())
    for f in by_set["OUTPUT"].getFeatures():
        geom = shapely.from_wkb(bytes(f.geometry().asWkb()))
        assert geom.intersection(star).area < 1.0


SCRIPT = r"""
import json, os, sys
sys.path[:0] = [sys.argv[1], "/usr/share/qgis/python/plugins"]
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from processing.core.Processing import Processing
Processing.initialize()
import processing
from yimatong_plugin.processing.provider import YimatongProvider
provider = YimatongProvider()
QgsApplication.processingRegistry().addProvider(provider)
from yimatong_plugin.core.overlay import cells, prepared
counts = {"repair": 0, "split": 0}
def counting(name, fn):
    def wrapper(*a, **k):
        counts[name] += 1
        return fn(*a, **k)
    return wrapper
prepared.repair = counting("repair", prepared.repair)
cells.repair = counting("repair", cells.repair)
cells._Cells._split = counting("split", cells._Cells._split)
from tests.qgis.test_control_sets import _layers, _parcels
params = {"PARCELS": _parcels(), "PARCEL_ID": "pid", "OUTPUT": "TEMPORARY_OUTPUT",
          "OUTPUT_TABLE": "TEMPORARY_OUTPUT"}
if sys.argv[3] == "set":
    params.update(LIBRARY=sys.argv[2], CONTROL_SET="三区三线")
else:
    params.update(CONTROL_LAYERS=list(_layers()), AREA_CRS="EPSG:4546")
res = processing.run("yimatong:complianceoverlay", params)
total = sum(f["overlap_m2"] for f in res["OUTPUT_TABLE"].getFeatures())
print(json.dumps(dict(counts, total=round(total, 6))))
"""


def _second_process(uri, mode, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", YIMATONG_CACHE_DIR=str(tmp_path / "c"))
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT), uri, mode],
        env=env, capture_output=True, text=True, timeout=300, cwd=str(ROOT),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_second_process_does_no_repair_or_cut_work(processing_ready, library, tmp_path):
    publish(library, list(_layers()))
    by_set = _second_process(library, "set", tmp_path)
    assert by_set["repair"] == 0 and by_set["split"] == 0, by_set
    # the same review on the layers themselves, in a fresh process: repairs counted (it cuts
    # no pieces: the parcels crossing a huge polygon are intersected with the whole of it)
    direct = _second_process(library, "layers", tmp_path)
    assert direct["repair"] > 0, direct
    assert abs(by_set["total"] - direct["total"]) < 1e-3


def test_publish_and_review_through_qgis_process(tmp_path):
    """qgis_process.bin: publish the sample control lines, then review the sample parcels
    against the set (the plugin enabled in a throw-away profile, as in test_complianceoverlay)."""
    from tests.tools import qgis_process_env, require

    exe = require("qgis_process.bin")
    env = qgis_process_env(tmp_path)

    def qgis_process(*args):
        proc = subprocess.run(
            [exe, *args], env=env, capture_output=True, text=True, timeout=300
        )  # fmt: skip
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
        return proc.stdout

    qgis_process("plugins", "enable", "yimatong_plugin")
    sample = ROOT / "yimatong_plugin" / "data" / "sample" / "changde_sample.gpkg"
    library = tmp_path / "lib.gpkg"
    open_library(str(library), user="alice").close()
    out = json.loads(
        qgis_process(
            "--json",
            "run",
            "yimatong:publishcontrolset",
            "--",
            f"LIBRARY={library}",
            "NAME=三区三线",
            f"LAYERS={sample}|layername=生态保护红线",
            f"LAYERS={sample}|layername=城镇开发边界",
            f"DOC_NO={DOC}",
        )  # fmt: skip
    )
    assert out["results"]["SET"] == "三区三线@1" and out["results"]["PREPARED"] == 2
    result = tmp_path / "out.gpkg"
    qgis_process(
        "--json", "run", "yimatong:complianceoverlay", "--", f"PARCELS={sample}|layername=项目地块",
        "PARCEL_ID=dkbh", f"LIBRARY={library}", "CONTROL_SET=三区三线", f"OUTPUT={result}",
        f"OUTPUT_TABLE={tmp_path / 'table.csv'}",
    )  # fmt: skip
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(str(result), "out", "ogr")
    rows = {f["parcel_id"]: (f["verdict"], f["control_set"]) for f in layer.getFeatures()}
    assert rows["DK-2024-005"] == ("冲突", "三区三线 v1") and len(rows) == 12


def test_approval_text_names_a_document_once_with_the_layers_it_approved():
    from yimatong_plugin.processing.control_sets import approval_text

    row = {
        "layers": [
            {
                "name": "生态保护红线",
                "doc_no": "湘政函〔2023〕12号",
                "effective_date": "2023-10-12",
            },
            {
                "name": "永久基本农田",
                "doc_no": "湘政函〔2023〕12号",
                "effective_date": "2023-10-12",
            },
            {"name": "城镇开发边界", "doc_no": "湘政函〔2024〕3号", "effective_date": "2024-01-05"},
            {"name": "历史文化保护线", "doc_no": None, "effective_date": None},
        ]
    }
    assert approval_text(row) == (
        "生态保护红线、永久基本农田 湘政函〔2023〕12号 (2023-10-12); "
        "城镇开发边界 湘政函〔2024〕3号 (2024-01-05); 历史文化保护线 —"
    )
