"""Issue 16 items 4 and 11: parcel ids a report can be signed on, and text read in the right
encoding (a GBK Shapefile without .cpg is refused, not reviewed with garbled ids)."""

import gc

import processing
import pytest
from osgeo import ogr, osr
from qgis.core import QgsField, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from yimatong_plugin.core import overlay

X0, Y0 = 500_000.0, 3_200_000.0  # EPSG:4546


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings = []

    def pushWarning(self, text):
        self.warnings.append(text)


def _wkt(x0, y0, x1, y1):
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def write_shp(path, rows, gbk=False, field="dkbh"):
    """A Shapefile of (value, box) rows. With ``gbk`` the text is stored as GBK bytes with no
    .cpg and no code page in the .dbf, as many Chinese tools write it (the bytes are patched
    in: GDAL's own recoding depends on settings QGIS changes at run time)."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4546)
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    lyr = ds.CreateLayer(path.stem, srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn(field, ogr.OFTString))
    patches = []
    for k, (value, box) in enumerate(rows):
        f = ogr.Feature(lyr.GetLayerDefn())
        if value is not None and gbk:
            raw = value.encode("gbk")
            placeholder = f"#{k:0{len(raw) - 1}d}".encode()
            patches.append((placeholder, raw))
            value = placeholder.decode()
        if value is not None:
            f.SetField(field, value)
        f.SetGeometry(ogr.CreateGeometryFromWkt(_wkt(*box)))
        lyr.CreateFeature(f)
    ds = None
    if gbk:
        path.with_suffix(".cpg").unlink(missing_ok=True)
        dbf = path.with_suffix(".dbf")
        data = dbf.read_bytes()
        for placeholder, raw in patches:
            assert data.count(placeholder) == 1
            data = data.replace(placeholder, raw)
        data = bytearray(data)
        data[29] = 0  # no language driver id: readers cannot know the code page
        dbf.write_bytes(bytes(data))
    return str(path)


def write_red(tmp_path):
    return write_shp(tmp_path / "红线.shp", [("r", (X0 + 150, Y0, X0 + 5000, Y0 + 50))])


def review(parcels, red, **extra):
    params = {
        "PARCELS": parcels,
        "PARCEL_ID": "dkbh",
        "CONTROL_LAYERS": [vector_layer(red, "生态保护红线", "ogr")],
        "AREA_CRS": "EPSG:4546",
        "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
    }
    params.update(extra)
    feedback = Feedback()
    result = processing.run("yimatong:complianceoverlay", params, feedback=feedback)
    return result, feedback


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


@pytest.fixture(autouse=True)
def no_cache(monkeypatch):
    monkeypatch.setenv("YIMATONG_CACHE_DIR", "")
    overlay.CACHE.clear()
    yield
    overlay.CACHE.clear()


ROWS = [
    ("A", (X0, Y0, X0 + 200, Y0 + 100)),  # on the red line: 冲突
    ("A", (X0 + 1000, Y0 + 500, X0 + 1200, Y0 + 600)),  # away from it: 合规
    ("", (X0 + 2000, Y0 + 500, X0 + 2100, Y0 + 600)),
    (None, (X0 + 3000, Y0 + 500, X0 + 3100, Y0 + 600)),
    ("B", (X0 + 4000, Y0 + 500, X0 + 4100, Y0 + 600)),
]


def test_duplicate_and_empty_parcel_ids_are_refused_with_the_features(processing_ready, tmp_path):
    path = write_shp(tmp_path / "parcels.shp", ROWS)
    with pytest.raises(QgsProcessingException) as err:
        review(vector_layer(path, "地块", "ogr"), write_red(tmp_path))
    message = str(err.value)
    assert "'A' (features 0, 1)" in message
    assert "empty (features 2, 3)" in message
    assert "地块" in message and "UNIQUE_IDS" in message


def test_unique_ids_option_gives_one_report_section_per_parcel(processing_ready, tmp_path):
    path = write_shp(tmp_path / "parcels.shp", ROWS)
    html = tmp_path / "report.html"
    result, feedback = review(
        vector_layer(path, "地块", "ogr"), write_red(tmp_path), UNIQUE_IDS=True, REPORT=str(html)
    )
    verdicts = {f["parcel_id"]: f["verdict"] for f in result["OUTPUT"].getFeatures()}
    assert verdicts == {
        "A (feature 0)": "冲突",
        "A (feature 1)": "合规",
        "(feature 2)": "合规",
        "(feature 3)": "合规",
        "B": "合规",
    }
    assert any("made unique" in w for w in feedback.warnings)
    text = html.read_text(encoding="utf-8")
    for pid in verdicts:
        assert text.count(f'<section class="parcel" id="parcel-{pid}"') == 1, pid


def test_gbk_shapefile_without_cpg_is_refused_naming_layer_and_encoding(processing_ready, tmp_path):
    rows = [("地块一", ROWS[0][1]), ("地块二", ROWS[1][1])]
    path = write_shp(tmp_path / "地块.shp", rows, gbk=True)
    layer = vector_layer(path, "地块", "ogr")
    layer.setProviderEncoding("UTF-8")  # QGIS's default encoding for a .dbf without code page
    assert "\ufffd" in next(layer.getFeatures())["dkbh"]  # as the user saw it: '�ؿ�һ'
    with pytest.raises(QgsProcessingException) as err:
        review(layer, write_red(tmp_path))
    message = str(err.value)
    assert "'地块'" in message and "dkbh" in message and "GBK" in message and ".cpg" in message
    # with its encoding set, the same file is reviewed with the right ids
    layer.setProviderEncoding("GBK")
    result, _ = review(layer, write_red(tmp_path))
    ids = sorted(f["parcel_id"] for f in result["OUTPUT"].getFeatures())
    assert ids == ["地块一", "地块二"]


def test_garbled_zoning_codes_are_refused(processing_ready, tmp_path):
    box = (X0 - 10, Y0 - 10, X0 + 500, Y0 + 500)
    path = write_shp(tmp_path / "规划.shp", [("城镇住宅用地", box)], gbk=True, field="dlmc")
    parcels = write_shp(tmp_path / "p.shp", [("A", ROWS[0][1])])
    zoning = vector_layer(path, "规划", "ogr")
    zoning.setProviderEncoding("UTF-8")
    with pytest.raises(QgsProcessingException) as err:
        review(
            vector_layer(parcels, "地块", "ogr"),
            write_red(tmp_path),
            ZONING=zoning,
            ZONING_FIELD="dlmc",
        )
    assert "'规划'" in str(err.value) and "dlmc" in str(err.value)


def test_control_layer_named_zoning_is_not_taken_for_the_zoning(processing_ready, tmp_path):
    """Item 5: zoning has its own role; a control line called 'zoning' stays a control line."""
    box = (X0 - 10, Y0 - 10, X0 + 500, Y0 + 500)
    zoning = write_shp(tmp_path / "规划.shp", [("0701", box)], field="ydyhdm")
    parcels = write_shp(tmp_path / "p.shp", [("A", ROWS[0][1])])
    layer = vector_layer(parcels, "地块", "ogr")
    layer.dataProvider().addAttributes([QgsField("use", QVariant.String)])
    layer.updateFields()
    layer.dataProvider().changeAttributeValues({next(layer.getFeatures()).id(): {1: "0701"}})
    html = tmp_path / "r.html"
    result, _ = review(
        layer,
        write_red(tmp_path),
        CONTROL_LAYERS=[vector_layer(write_red(tmp_path), "zoning", "ogr")],
        CONTROL_RULES="zoning=avoid",
        ZONING=vector_layer(zoning, "规划分区", "ogr"),
        ZONING_FIELD="ydyhdm",
        PROJECT_USE_FIELD="use",
        REPORT=str(html),
    )
    out = next(result["OUTPUT"].getFeatures())
    assert out["verdict"] == "冲突"
    assert "zoning: " in out["verdict_rule"] and "unknown" not in out["verdict_rule"]
    roles = sorted((f["role"], f["class_code"] or "") for f in result["OUTPUT_TABLE"].getFeatures())
    assert roles == [("control", ""), ("zoning", "0701")]
    text = html.read_text(encoding="utf-8")
    # the control line's row is labelled with its name, not as the planned use
    assert '<tr data-layer="zoning" data-class=""><td>zoning</td>' in text


def _railway_case(tmp_path, codes):
    """A parcel of a railway project (2023 code 1201) on a zone coded 1001 (三调 铁路用地),
    and further zones with ``codes``."""
    rows = [("1001", (X0 - 10, Y0 - 10, X0 + 500, Y0 + 500))]
    rows += [
        (c, (X0 + 1000 * (k + 1), Y0, X0 + 1000 * (k + 1) + 100, Y0 + 100))
        for k, c in enumerate(codes)
    ]
    zoning = write_shp(tmp_path / "三调.shp", rows, field="dlbm")
    parcels = write_shp(tmp_path / "p.shp", [("A", (X0, Y0 + 200, X0 + 200, Y0 + 300))])
    layer = vector_layer(parcels, "地块", "ogr")
    layer.dataProvider().addAttributes([QgsField("use", QVariant.String)])
    layer.updateFields()
    layer.dataProvider().changeAttributeValues({next(layer.getFeatures()).id(): {1: "1201"}})
    return layer, vector_layer(zoning, "三调现状", "ogr")


def test_sandiao_zoning_is_recognised_from_its_code_set_and_stated(processing_ready, tmp_path):
    """Item 6: 1001 in a layer that also holds 0810 (a code only 三调 has) is 铁路用地."""
    parcels, zoning = _railway_case(tmp_path, ["0810"])
    html = tmp_path / "r.html"
    result, _ = review(
        parcels,
        write_red(tmp_path),
        ZONING=zoning,
        ZONING_FIELD="dlbm",
        PROJECT_USE_FIELD="use",
        REPORT=str(html),
    )
    out = next(result["OUTPUT"].getFeatures())
    assert out["verdict"] == "合规", out["verdict_rule"]
    text = html.read_text(encoding="utf-8")
    assert "0810" in text and "三调" in text  # the classification and why, in the report


def test_zoning_codes_that_cannot_tell_their_list_are_refused_until_chosen(
    processing_ready, tmp_path
):
    parcels, zoning = _railway_case(tmp_path, ["0101"])
    params = dict(ZONING=zoning, ZONING_FIELD="dlbm", PROJECT_USE_FIELD="use")
    with pytest.raises(QgsProcessingException) as err:
        review(parcels, write_red(tmp_path), **params)
    assert "1001" in str(err.value) and "ZONING_CLASSIFICATION" in str(err.value)
    result, _ = review(parcels, write_red(tmp_path), ZONING_CLASSIFICATION=2, **params)
    assert next(result["OUTPUT"].getFeatures())["verdict"] == "合规"
    result, _ = review(parcels, write_red(tmp_path), ZONING_CLASSIFICATION=1, **params)
    out = next(result["OUTPUT"].getFeatures())
    assert out["verdict"] == "需论证" and "1001" in out["verdict_rule"]  # 2023: 工业用地
