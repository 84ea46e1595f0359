"""Issue 16 item 0: a red-line conflict must never come out as 合规 because of a wrong area CRS
or a transform mix-up. The reviews run through processing.run with a context made like the
Processing dialog's (the project's transform context), several times in one QGIS session."""

import gc
from pathlib import Path

import processing
import pytest
from osgeo import ogr, osr
from pyproj import Transformer
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from yimatong_plugin.core import overlay

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "yimatong_plugin" / "data" / "sample" / "changde_sample.gpkg"
X0, Y0 = 500_000.0, 3_200_000.0  # EPSG:4546, 111°E 28.9°N (Changde)
PARCELS = [(X0, Y0, X0 + 200, Y0 + 100), (X0 + 1000, Y0, X0 + 1200, Y0 + 100)]
RED = [(X0 + 150, Y0 + 50, X0 + 250, Y0 + 150)]  # 50 × 50 m over parcel A's corner


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos = []

    def pushInfo(self, text):
        self.infos.append(text)


def _box_wkt(b, to=None):
    x0, y0, x1, y1 = b
    ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    if to is not None:
        ring = [to.transform(x, y) for x, y in ring]
    return "POLYGON((" + ",".join(f"{x!r} {y!r}" for x, y in ring) + "))"


def write_layer(path, boxes, ids, epsg=4546, esri_prj=False):
    """A Shapefile (.shp) or GeoPackage (.gpkg) of boxes given in EPSG:4546, stored in ``epsg``."""
    path = Path(path)
    driver = "ESRI Shapefile" if path.suffix == ".shp" else "GPKG"
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    lyr = ds.CreateLayer(path.stem, None if esri_prj else srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("dkbh", ogr.OFTString))
    to = Transformer.from_crs(4546, epsg, always_xy=True) if epsg != 4546 else None
    for b, i in zip(boxes, ids):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("dkbh", i)
        f.SetGeometry(ogr.CreateGeometryFromWkt(_box_wkt(b, to)))
        lyr.CreateFeature(f)
    ds = None
    if esri_prj:  # as ArcGIS writes it: no EPSG code, 'Gauss_Kruger'
        srs.MorphToESRI()
        path.with_suffix(".prj").write_text(srs.ExportToWkt())
    return str(path)


def dialog_context(transform_context=None):
    """A context as the Processing dialog makes it: the current project and its transforms."""
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    if transform_context is not None:
        context.setTransformContext(transform_context)
    return context


def review(parcels, controls, context=None, **extra):
    params = {
        "PARCELS": parcels,
        "PARCEL_ID": "dkbh",
        "CONTROL_LAYERS": controls,
        "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
    }
    params.update(extra)
    feedback = Feedback()
    result = processing.run(
        "yimatong:complianceoverlay",
        params,
        context=context or dialog_context(),
        feedback=feedback,
    )
    out = {f["parcel_id"]: f for f in result["OUTPUT"].getFeatures()}
    rows = {
        (f["parcel_id"], f["layer"]): f["overlap_m2"] for f in result["OUTPUT_TABLE"].getFeatures()
    }
    return result, out, rows, feedback


_LAYERS = []


def vector_layer(*args):
    """A QgsVectorLayer deleted at the end of the test (see :func:`delete_layers`)."""
    layer = QgsVectorLayer(*args)
    _LAYERS.append(layer)
    return layer


@pytest.fixture(autouse=True)
def delete_layers():
    """A review that stops raises through C++, and QGIS 3.22's bindings keep that exception's
    frames (with the input layers) to the end of the process; an OGR layer destroyed after QGIS
    has exited crashes the interpreter. Delete the test's layers while QGIS runs."""
    import sip

    yield
    gc.collect()
    while _LAYERS:
        layer = _LAYERS.pop()
        if not sip.isdeleted(layer):
            sip.delete(layer)


@pytest.fixture
def clean(monkeypatch):
    monkeypatch.setenv("YIMATONG_CACHE_DIR", "")
    overlay.CACHE.clear()
    yield
    QgsProject.instance().clear()
    overlay.CACHE.clear()


def test_sample_then_own_esri_shapefile_twice_keeps_the_red_line_conflict(
    processing_ready, clean, tmp_path
):
    """The issue's steps: the sample reviewed, the project cleared, an own EPSG:4546 Shapefile
    with an ESRI .prj and a Chinese file name reviewed twice with AREA_CRS on auto."""
    project = QgsProject.instance()
    names = ["项目地块", "生态保护红线", "永久基本农田", "城镇开发边界"]
    sample = {n: vector_layer(f"{SAMPLE}|layername={n}", n, "ogr") for n in names}
    project.addMapLayers(list(sample.values()))
    _, out, _, _ = review(sample["项目地块"], [sample[n] for n in names[1:]])
    assert out["DK-2024-005"]["verdict"] == "冲突"
    project.clear()

    parcels = vector_layer(
        write_layer(tmp_path / "地块.shp", PARCELS, ["A", "B"], esri_prj=True), "地块", "ogr"
    )
    red = vector_layer(
        write_layer(tmp_path / "生态保护红线.shp", RED, ["r"], esri_prj=True), "生态保护红线", "ogr"
    )
    project.addMapLayers([parcels, red])
    for _attempt in range(2):
        result, out, rows, feedback = review(parcels, [red])
        assert result["OUTPUT"].crs().authid() == "EPSG:4546"
        assert out["A"]["area_m2"] == pytest.approx(20_000.0, rel=2e-3)
        assert rows[("A", "生态保护红线")] == pytest.approx(2_500.0, rel=2e-3)
        assert out["A"]["verdict"] == "冲突" and out["B"]["verdict"] == "合规"
    assert any("reusing" in text for text in feedback.infos)  # the second run used the cache


def _shifted_context(dx):
    """A transform context whose EPSG:4490 → EPSG:4546 operation adds ``dx`` m to eastings."""
    tc = QgsCoordinateTransformContext()
    op = (
        "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=tmerc "
        f"+lat_0=0 +lon_0=111 +k=1 +x_0={500_000 + dx} +y_0=0 +ellps=GRS80"
    )
    assert tc.addCoordinateOperation(
        QgsCoordinateReferenceSystem("EPSG:4490"), QgsCoordinateReferenceSystem("EPSG:4546"), op
    )
    return tc


def test_cached_control_layer_is_not_paired_with_parcels_under_another_transform(
    processing_ready, clean, tmp_path
):
    """The red line prepared under the default transform must not be reused when the parcels
    are transformed with another operation (the project's datum transformation changed)."""
    parcels = vector_layer(
        write_layer(tmp_path / "parcels.gpkg", PARCELS, ["A", "B"], epsg=4490), "地块", "ogr"
    )
    red = vector_layer(
        write_layer(tmp_path / "red.gpkg", RED, ["r"], epsg=4490), "生态保护红线", "ogr"
    )
    _, out, rows, _ = review(parcels, [red], AREA_CRS="EPSG:4546")
    assert rows[("A", "生态保护红线")] == pytest.approx(2_500.0, rel=2e-3)
    # the same layers, with an operation that moves everything 100 m east: the overlap is the
    # same (both layers move), and the red line is prepared again, not taken from the cache
    context = dialog_context(_shifted_context(100.0))
    _, out, rows, feedback = review(parcels, [red], context=context, AREA_CRS="EPSG:4546")
    assert rows.get(("A", "生态保护红线")) == pytest.approx(2_500.0, rel=2e-3)
    assert out["A"]["verdict"] == "冲突"
    assert not any("reusing" in text for text in feedback.infos)


def _error(parcels, controls, context=None, **extra):
    """The message of the QgsProcessingException the review raises (only the text is kept)."""
    try:
        review(parcels, controls, context=context, **extra)
    except QgsProcessingException as exc:
        return str(exc)
    pytest.fail("the review did not stop")


def test_area_crs_far_from_the_data_stops_the_run_naming_the_crs(processing_ready, clean, tmp_path):
    """EPSG:4554 (CM 135°E) for parcels at 111°E gives areas 13.8 % too large: refused."""
    parcels = vector_layer(write_layer(tmp_path / "p.shp", PARCELS, ["A", "B"]), "地块", "ogr")
    red = vector_layer(write_layer(tmp_path / "r.shp", RED, ["r"]), "生态保护红线", "ogr")
    message = _error(parcels, [red], AREA_CRS="EPSG:4554")
    assert "EPSG:4554" in message and "A:" in message


def test_auto_zone_is_never_clamped_outside_the_cgcs2000_zones(processing_ready, clean, tmp_path):
    """Parcels at 150°E: no CGCS2000 zone contains them; the nearest (135°E) is not used."""
    path = tmp_path / "far.gpkg"
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("far", srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("dkbh", ogr.OFTString))
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetField("dkbh", "A")
    f.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON((150 30,150.01 30,150.01 30.01,150 30))"))
    lyr.CreateFeature(f)
    ds = None
    parcels = vector_layer(str(path), "far", "ogr")
    message = _error(parcels, [parcels])
    assert "150.00" in message


def test_a_transform_that_does_not_transform_is_refused(processing_ready, clean, tmp_path):
    """A transform context whose operation leaves degrees as they are would review parcels of
    a few square millimetres in 'EPSG:4546': the parcels are not where their CRS puts them."""
    parcels = vector_layer(
        write_layer(tmp_path / "parcels.gpkg", PARCELS, ["A", "B"], epsg=4490), "地块", "ogr"
    )
    red = vector_layer(
        write_layer(tmp_path / "red.gpkg", RED, ["r"], epsg=4490), "生态保护红线", "ogr"
    )
    tc = QgsCoordinateTransformContext()
    tc.addCoordinateOperation(
        QgsCoordinateReferenceSystem("EPSG:4490"),
        QgsCoordinateReferenceSystem("EPSG:4546"),
        "+proj=noop",
    )
    message = _error(parcels, [red], context=dialog_context(tc))
    assert "EPSG:4546" in message and "地块" in message
