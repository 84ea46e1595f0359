"""``yimatong:complianceoverlay``'s disk cache of prepared control layers (between sessions)."""

import numpy as np
import processing
import pytest
import shapely
from qgis.core import QgsApplication, QgsProcessingFeedback, QgsVectorLayer
from shapely.geometry import Polygon, box

from yimatong_plugin.core import overlay

X0, Y0 = 500_000.0, 3_200_000.0  # EPSG:4546


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings, self.infos = [], []

    def pushWarning(self, text):
        self.warnings.append(text)

    def pushInfo(self, text):
        self.infos.append(text)


def shift(g):
    return shapely.transform(g, lambda c: c + [X0, Y0])


def write_gpkg(path, name, geoms, codes=None):
    from osgeo import ogr, osr

    drv = ogr.GetDriverByName("GPKG")
    ds = drv.Open(str(path), 1) if path.exists() else drv.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4546)
    lyr = ds.CreateLayer(name, srs, ogr.wkbMultiPolygon)
    if codes is not None:
        lyr.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    for i, g in enumerate(geoms):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(shapely.to_wkb(g))))
        if codes is not None:
            f.SetField("code", codes[i])
        lyr.CreateFeature(f)
    ds = None


def star(cx, cy, r, n):
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    rr = r * (1 + 0.25 * np.sin(7 * t))
    return Polygon(np.c_[cx + rr * np.cos(t), cy + rr * np.sin(t)])


@pytest.fixture
def data(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("YIMATONG_CACHE_DIR", str(cache))
    rng = np.random.default_rng(5)
    farm = [shift(box(x, y, x + 70, y + 70)) for x, y in rng.random((600, 2)) * 4000]
    farm.append(shift(Polygon([(0, 0), (90, 90), (90, 0), (0, 90)])))  # invalid: repaired
    red = [shift(star(2000, 2000, 1500, 5000))]  # a huge polygon: cut into cells
    parcels = [shift(box(x, y, x + 200, y + 150)) for x, y in rng.random((40, 2)) * 4000]
    parcels.append(shift(box(0, 0, 100, 100)))
    gpkg = tmp_path / "control.gpkg"
    write_gpkg(gpkg, "基本农田", farm)
    write_gpkg(gpkg, "生态保护红线", red)
    write_gpkg(gpkg, "zoning", [shift(box(0, 0, 4000, 4000))], codes=["0701"])
    pgpkg = tmp_path / "parcels.gpkg"
    write_gpkg(pgpkg, "parcels", parcels)
    overlay.CACHE.clear()
    yield {"gpkg": gpkg, "parcels": pgpkg, "cache": cache, "farm": farm, "parcel_geoms": parcels}
    overlay.CACHE.clear()


def layers(gpkg):
    return [
        QgsVectorLayer(f"{gpkg}|layername=基本农田", "基本农田", "ogr"),
        QgsVectorLayer(f"{gpkg}|layername=生态保护红线", "生态保护红线", "ogr"),
    ]


def review(data, feedback, area_crs="EPSG:4546"):
    gpkg = data["gpkg"]
    params = {
        "PARCELS": QgsVectorLayer(f"{data['parcels']}|layername=parcels", "地块", "ogr"),
        "CONTROL_LAYERS": layers(gpkg),
        "ZONING": QgsVectorLayer(f"{gpkg}|layername=zoning", "zoning", "ogr"),
        "ZONING_FIELD": "code",
        "AREA_CRS": area_crs,
        "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
    }
    res = processing.run("yimatong:complianceoverlay", params, feedback=feedback)
    return {
        (f["parcel_id"], f["layer"], f["class_code"]): f["overlap_m2"]
        for f in res["OUTPUT_TABLE"].getFeatures()
    }


def from_disk(feedback):
    return [i for i in feedback.infos if "disk cache" in i]


def test_a_new_session_reuses_the_disk_copy_with_the_same_results(processing_ready, data):
    first = review(data, Feedback())
    files = sorted(data["cache"].glob("*.npz"))
    assert len(files) == 3  # farmland, red line, zoning
    overlay.CACHE.clear()  # a new QGIS session / qgis_process run
    fb = Feedback()
    again = review(data, fb)
    assert len(from_disk(fb)) == 3
    assert again == first
    # what the first review learned comes back: the repaired farmland polygon is reported
    assert any("基本农田" in w and "repaired" in w for w in fb.warnings)
    red = next(p for p in overlay.CACHE._items.values() if p.n == 1)
    assert red.state[0] == red.VALID and 0 in red._cells  # checked whole before, not again
    # nothing new learned: the files are not rewritten
    assert sorted(data["cache"].glob("*.npz")) == files


def test_a_changed_source_is_prepared_again_and_its_old_file_removed(processing_ready, data):
    review(data, Feedback())
    before = {p.name for p in data["cache"].glob("*.npz")}
    # the bureau updates the farmland: one more polygon over the last parcel
    from osgeo import ogr

    ds = ogr.Open(str(data["gpkg"]), 1)
    lyr = ds.GetLayerByName("基本农田")
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(shift(box(0, 0, 100, 100)))))
    lyr.CreateFeature(f)
    ds = None
    overlay.CACHE.clear()
    fb = Feedback()
    got = review(data, fb)
    # every layer of the file is a new version (same file): none is read from the disk copy
    assert from_disk(fb) == []
    assert got[(str(len(data["parcel_geoms"])), "基本农田", "")] == pytest.approx(10000)
    after = {p.name for p in data["cache"].glob("*.npz")}
    assert len(after) == 3 and not (after & before)  # stale versions replaced, not kept


def test_another_area_crs_is_a_separate_entry(processing_ready, data):
    a = review(data, Feedback(), "EPSG:4546")
    b = review(data, Feedback(), "EPSG:4547")  # the neighbouring GK zone: other areas
    assert len(list(data["cache"].glob("*.npz"))) == 6
    overlay.CACHE.clear()
    fa, fb = Feedback(), Feedback()
    assert review(data, fa, "EPSG:4546") == a
    assert review(data, fb, "EPSG:4547") == b
    assert len(from_disk(fa)) == 3 and len(from_disk(fb)) == 3
    assert a != b


def test_a_corrupt_cache_file_is_ignored_logged_and_rebuilt(processing_ready, data):
    first = review(data, Feedback())
    files = sorted(data["cache"].glob("*.npz"))
    for path in files:
        path.write_bytes(b"\x00garbage" * 10)
    logged = []

    def on_message(message, tag, level):
        logged.append((tag, message))

    QgsApplication.messageLog().messageReceived.connect(on_message)
    try:
        overlay.CACHE.clear()
        fb = Feedback()
        again = review(data, fb)
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(on_message)
    assert again == first
    bad = [w for w in fb.warnings if "disk cache file" in w and "cannot be used" in w]
    assert len(bad) == 3
    assert any(tag == "Yimatong" and "cannot be used" in m for tag, m in logged)
    assert from_disk(fb) == []
    # rebuilt files are good again
    overlay.CACHE.clear()
    fb2 = Feedback()
    assert review(data, fb2) == first
    assert len(from_disk(fb2)) == 3
    # the corrupt files were replaced, none is left behind to be tried again
    rebuilt = sorted(data["cache"].glob("*.npz"))
    assert len(rebuilt) == 3
    assert not any(p.read_bytes().startswith(b"\x00garbage") for p in rebuilt)
