"""Issue 16 items 9 and 10: the overlay cache never serves a layer whose data changed, and
identifiers from a user's GeoPackage are quoted in every SQL statement."""

import os

import processing
import pytest
from osgeo import ogr, osr
from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingFeedback, QgsVectorLayer

from yimatong_plugin.core import overlay
from yimatong_plugin.gis import shapely_io as io

X0, Y0 = 500_000.0, 3_200_000.0  # EPSG:4546
PARCEL = (X0, Y0, X0 + 200, Y0 + 100)


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos = []

    def pushInfo(self, text):
        self.infos.append(text)


def _wkt(b):
    x0, y0, x1, y1 = b
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def write(path, name, boxes, fields=None):
    """A layer ``name`` of boxes (EPSG:4546) in ``path`` (.shp or .gpkg), string fields."""
    fields = fields or {}
    driver = ogr.GetDriverByName("ESRI Shapefile" if str(path).endswith(".shp") else "GPKG")
    ds = driver.Open(str(path), 1) if os.path.exists(path) else driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4546)
    lyr = ds.CreateLayer(name, srs, ogr.wkbPolygon)
    for field in fields:
        lyr.CreateField(ogr.FieldDefn(field, ogr.OFTString))
    for i, b in enumerate(boxes):
        f = ogr.Feature(lyr.GetLayerDefn())
        for field, values in fields.items():
            f.SetField(field, values[i])
        f.SetGeometry(ogr.CreateGeometryFromWkt(_wkt(b)))
        lyr.CreateFeature(f)
    ds = None
    return str(path)


def update_feature(path, name, fid, box=None, **values):
    """Change one feature in place (geometry of the same size, or attributes)."""
    ds = ogr.Open(str(path), 1)
    lyr = ds.GetLayerByName(name) if name else ds.GetLayer(0)
    f = lyr.GetFeature(fid)
    if box is not None:
        f.SetGeometry(ogr.CreateGeometryFromWkt(_wkt(box)))
    for k, v in values.items():
        f.SetField(k, v)
    assert lyr.SetFeature(f) == 0
    ds = None


def review(parcels, **params):
    base = {
        "PARCELS": QgsVectorLayer(parcels, "p", "ogr"),
        "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
        "AREA_CRS": "EPSG:4546",
    }
    base.update(params)
    feedback = Feedback()
    result = processing.run("yimatong:complianceoverlay", base, feedback=feedback)
    rows = {
        (f["layer"], f["class_code"]): f["overlap_m2"] for f in result["OUTPUT_TABLE"].getFeatures()
    }
    return rows, feedback


@pytest.fixture
def session(monkeypatch, tmp_path):
    monkeypatch.setenv("YIMATONG_CACHE_DIR", str(tmp_path / "cache"))
    overlay.CACHE.clear()
    yield write(tmp_path / "parcels.gpkg", "parcels", [PARCEL])
    overlay.CACHE.clear()


def test_geopackage_change_with_the_same_time_and_size_is_seen(processing_ready, session, tmp_path):
    path = tmp_path / "control.gpkg"
    write(path, "红线", [(X0 + 150, Y0, X0 + 250, Y0 + 100)])  # 50 × 100 m over the parcel
    red = QgsVectorLayer(f"{path}|layername=红线", "生态保护红线", "ogr")
    rows, _ = review(session, CONTROL_LAYERS=[red])
    assert rows[("生态保护红线", "")] == pytest.approx(5_000.0)
    st = os.stat(path)
    update_feature(path, "红线", 1, box=(X0 + 180, Y0, X0 + 280, Y0 + 100))  # now 20 × 100 m
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same time, same size
    assert os.stat(path).st_size == st.st_size
    red = QgsVectorLayer(f"{path}|layername=红线", "生态保护红线", "ogr")
    rows, feedback = review(session, CONTROL_LAYERS=[red])
    assert rows[("生态保护红线", "")] == pytest.approx(2_000.0)
    assert not any("reusing" in text for text in feedback.infos)


def test_shapefile_attribute_change_in_the_dbf_is_seen(processing_ready, session, tmp_path):
    path = write(
        tmp_path / "zoning.shp",
        "zoning",
        [(X0 - 10, Y0 - 10, X0 + 300, Y0 + 200)],
        {"ydyhdm": ["0701"]},
    )
    zoning = QgsVectorLayer(path, "规划分区", "ogr")
    rows, _ = review(session, ZONING=zoning, ZONING_FIELD="ydyhdm")
    assert ("zoning", "0701") in {(k[0] if k[0] != "规划分区" else "zoning", k[1]) for k in rows}
    shp = os.stat(path)
    update_feature(path, None, 0, ydyhdm="1301")  # a .dbf edit (e.g. in a table editor):
    os.utime(path, ns=(shp.st_atime_ns, shp.st_mtime_ns))  # the .shp as it was
    assert os.stat(path).st_size == shp.st_size
    zoning = QgsVectorLayer(path, "规划分区", "ogr")
    rows, _ = review(session, ZONING=zoning, ZONING_FIELD="ydyhdm")
    codes = {k[1] for k in rows}
    assert "1301" in codes and "0701" not in codes


def test_code_field_is_part_of_the_key(processing_ready, session, tmp_path):
    path = write(
        tmp_path / "z.gpkg",
        "zoning",
        [(X0 - 10, Y0 - 10, X0 + 300, Y0 + 200)],
        {"a": ["0701"], "b": ["0901"]},
    )
    zoning = QgsVectorLayer(path, "规划分区", "ogr")
    rows, _ = review(session, ZONING=zoning, ZONING_FIELD="a")
    assert {k[1] for k in rows} == {"0701"}
    rows, _ = review(session, ZONING=zoning, ZONING_FIELD="b")
    assert {k[1] for k in rows} == {"0901"}


def test_file_stamps_cover_every_shapefile_sidecar(tmp_path):
    path = write(tmp_path / "a.shp", "a", [PARCEL], {"name": ["x"]})
    before = io.file_stamps(path)
    (tmp_path / "a.cpg").write_text("GBK")
    with_cpg = io.file_stamps(path)
    assert with_cpg != before
    (tmp_path / "a.prj").write_text((tmp_path / "a.prj").read_text() + " ")
    assert io.file_stamps(path) != with_cpg


def test_geopackage_identifiers_are_quoted(processing_ready, session, tmp_path):
    """A table and a geometry column whose names hold a double quote are read lazily (R-tree)
    and give the right overlap."""
    path = tmp_path / "odd.gpkg"
    name = 'red"line'
    write(path, name, [(X0 + 150, Y0, X0 + 250, Y0 + 100)])
    layer = QgsVectorLayer(f"{path}|layername={name}", "生态保护红线", "ogr")
    assert layer.isValid() and layer.featureCount() == 1
    lazy = io.gpkg_lazy_source(layer, QgsCoordinateReferenceSystem("EPSG:4546"))
    assert lazy is not None
    fids, boxes, loader = lazy
    geoms = loader(list(range(len(fids))))
    assert geoms[0].area == pytest.approx(10_000.0)
    rows, _ = review(session, CONTROL_LAYERS=[layer])
    assert rows[("生态保护红线", "")] == pytest.approx(5_000.0)
    assert io.quote_ident('a"; DROP TABLE x; --') == '"a""; DROP TABLE x; --"'
