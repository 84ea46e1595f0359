"""The surveyors' coordinate file (坐标 TXT) through processing.run (yimatong:importcoordinates,
yimatong:exportcoordinates) and through the parcel attach dialog."""

import processing
import pytest
import shapely
from pyproj import Transformer
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)
from shapely.ops import transform

from yimatong_plugin.core.coordfile import read_coordfile
from yimatong_plugin.core.library import open_library

CODE = "4343070220240501131001000001"

META = """[属性描述]
格式版本号=1.01版本
数据产生单位=常德市勘测院
数据产生日期=2024-05-01
坐标系=2000国家大地坐标系
几度分带=3
投影类型=高斯克吕格
计量单位=米
带号=37
精度=0.001
转换参数=,,,,,,
[地块坐标]
"""


def _square(x0, y0, size, ring=1, first=1, prefix=37_000_000):
    pts = [(x0, y0), (x0, y0 + size), (x0 - size, y0 + size), (x0 - size, y0), (x0, y0)]
    return [
        f"J{first + (i if i < 4 else 0)},{ring},{x:.3f},{y + prefix:.3f}"
        for i, (x, y) in enumerate(pts)
    ]


# near Changde (111°E, 29°N): a 120 m square with a 20 m hole, and a 50 m square
GOOD = "\n".join(
    ["10,1.4000,DK-1,一号地块,面,,工业用地,1001,@"]
    + _square(3211000, 500000, 120)
    + _square(3210980, 500020, 20, ring=2, first=5)
    + ["5,0.2600,DK-2,二号地块,面,,商业用地,0901,@"]  # declared 2,600 m², drawn 2,500 m²
    + _square(3210500, 500300, 50)
)


def _write(path, body, encoding="gbk"):
    path.write_bytes((META + body + "\n").encode(encoding))
    return str(path)


@pytest.fixture
def library_path(tmp_path):
    path = str(tmp_path / "library.gpkg")
    lib = open_library(path)
    lib.add_project(CODE, name="德山电子产业园", source="municipal_key")
    lib.close()
    return path


def _parcels(path):
    lib = open_library(path)
    try:
        return lib.parcels(CODE)
    finally:
        lib.close()


def test_import_gives_polygons_in_the_file_crs_with_the_area_check(processing_ready, tmp_path):
    result = processing.run(
        "yimatong:importcoordinates",
        {"INPUT": _write(tmp_path / "坐标.txt", GOOD), "OUTPUT": "memory:"},
    )
    layer = result["OUTPUT"]
    assert layer.crs().authid() == "EPSG:4525"
    rows = {f["parcel_no"]: f for f in layer.getFeatures()}
    assert set(rows) == {"DK-1", "DK-2"}
    one, two = rows["DK-1"], rows["DK-2"]
    assert one["parcel_name"] == "一号地块" and one["land_class"] == "1001"
    assert one.geometry().area() == pytest.approx(14_000.0)  # the hole is a hole
    assert (one["holes"], one["parts"], one["area_check"]) == (1, 1, "ok")
    assert two["area_check"] == "mismatch"
    assert two["area_diff_m2"] == pytest.approx(-100.0)
    assert result["AREA_MISMATCHES"] == 1 and result["ATTACHED"] == 0


def test_a_malformed_file_is_refused_with_line_numbers_and_nothing_attached(
    processing_ready, tmp_path, library_path
):
    bad = GOOD.replace("5,0.2600", "6,0.2600")  # 界址点数 6, five point lines (header: line 24)
    with pytest.raises(QgsProcessingException) as info:
        processing.run(
            "yimatong:importcoordinates",
            {
                "INPUT": _write(tmp_path / "bad.txt", bad),
                "LIBRARY": library_path,
                "PROJECT_CODE": CODE,
                "OUTPUT": "memory:",
            },
        )
    assert "line 24: 界址点数 is 6 but 5 point lines follow" in str(info.value)
    assert _parcels(library_path) == []


def test_import_attaches_every_parcel_in_one_transaction(processing_ready, tmp_path, library_path):
    path = _write(tmp_path / "dk.txt", GOOD)
    result = processing.run(
        "yimatong:importcoordinates",
        {
            "INPUT": path,
            "LIBRARY": library_path,
            "PROJECT_CODE": CODE,
            "STAGE": 0,
            "OUTPUT": "memory:",
        },
    )
    assert result["ATTACHED"] == 2
    parcels = _parcels(library_path)
    assert [p["label"] for p in parcels] == ["DK-1", "DK-2"]
    assert parcels[0]["source_file"] == path and parcels[0]["source_crs"] == "EPSG:4525"
    # ellipsoidal area in the library, planar in the file: 0.05 % apart near the meridian
    assert parcels[0]["area_m2"] == pytest.approx(14_000.0, rel=0.001)


def test_one_parcel_failing_the_library_checks_attaches_nothing(
    processing_ready, tmp_path, library_path
):
    tiny = "\n".join(["5,0.0000,DK-3,,面,,,,@"] + _square(3210000, 500000, 0.5))  # 0.25 m²
    with pytest.raises(QgsProcessingException) as info:
        processing.run(
            "yimatong:importcoordinates",
            {
                "INPUT": _write(tmp_path / "tiny.txt", GOOD + "\n" + tiny),
                "LIBRARY": library_path,
                "PROJECT_CODE": CODE,
                "OUTPUT": "memory:",
            },
        )
    assert "nothing was attached" in str(info.value)
    assert _parcels(library_path) == []


def _library_with_parcels(library_path):
    """Two parcels stored from EPSG:4546 squares (one with a hole); their geometries in 4490."""
    lib = open_library(library_path)
    try:
        hole = shapely.Polygon(
            [(500000.1234, 3211000.9876), (500120.5, 3211000.2), (500119.7, 3210880.3),
             (500000, 3210881)],
            [[(500020, 3210980), (500040, 3210980), (500040, 3210960), (500020, 3210960)]],
        )  # fmt: skip
        lib.add_parcel(CODE, hole, crs="EPSG:4546", label="DK-1")
        lib.add_parcel(CODE, shapely.box(500300, 3210450, 500350, 3210500), "EPSG:4546")
        return [shapely.from_wkb(bytes(p["geometry"])) for p in lib.parcels(CODE)]
    finally:
        lib.close()


def test_export_from_the_library_round_trips_to_the_file_precision(
    processing_ready, tmp_path, library_path
):
    stored = _library_with_parcels(library_path)
    out = str(tmp_path / "报批坐标.txt")
    result = processing.run(
        "yimatong:exportcoordinates",
        {"LIBRARY": library_path, "PROJECT_CODE": CODE, "OUTPUT": out},
    )
    assert result["CRS"] == "EPSG:4525" and result["PARCELS"] == 2  # zone 37 from 111.x°E
    raw = open(out, "rb").read()
    assert "德山电子产业园".encode("gbk") in raw  # GBK, the project name as 地块名称
    cf = read_coordfile(out)
    assert cf.encoding == "GBK" and cf.authid == "EPSG:4525" and cf.decimals == 3
    assert [p.number for p in cf.parcels][0] == "DK-1"
    assert cf.parcels[0].class_code == "1001" and cf.parcels[0].use == "工业用地"
    assert all(p.area_ok for p in cf.parcels)
    to_gk = Transformer.from_crs("EPSG:4490", "EPSG:4525", always_xy=True)
    for geom_4490, parcel in zip(stored, cf.parcels):
        expected = transform(to_gk.transform, geom_4490)
        assert shapely.hausdorff_distance(expected, parcel.geometry) <= 0.0005 * 2**0.5 + 1e-6
    assert cf.parcels[0].holes == 1
    # and back in through the import algorithm
    back = processing.run("yimatong:importcoordinates", {"INPUT": out, "OUTPUT": "memory:"})
    assert back["OUTPUT"].featureCount() == 2 and back["AREA_MISMATCHES"] == 0


def test_export_a_layer_without_zone_prefix(processing_ready, tmp_path):
    layer = QgsVectorLayer("Polygon?crs=EPSG:4546&field=dkbh:string", "parcels", "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttributes(["A-1"])
    square = shapely.box(500000, 3210900, 500100, 3211000)
    feature.setGeometry(QgsGeometry.fromWkt(square.wkt))
    layer.dataProvider().addFeatures([feature])
    out = str(tmp_path / "layer.txt")
    result = processing.run(
        "yimatong:exportcoordinates",
        {"INPUT": layer, "ID_FIELD": "dkbh", "PREFIXED": False, "DECIMALS": 2, "OUTPUT": out},
    )
    assert result["CRS"] == "EPSG:4546"
    cf = read_coordfile(out)
    assert cf.authid == "EPSG:4546" and cf.decimals == 2
    (parcel,) = cf.parcels
    assert parcel.number == "A-1" and parcel.declared_ha == pytest.approx(1.0)
    assert parcel.point_count == 5  # J1…J4 and J1 again
    assert shapely.hausdorff_distance(parcel.geometry, square) <= 0.005 * 2**0.5


def test_export_refuses_a_zone_far_from_the_parcels(processing_ready, tmp_path, library_path):
    _library_with_parcels(library_path)
    with pytest.raises(QgsProcessingException) as info:
        processing.run(
            "yimatong:exportcoordinates",
            {
                "LIBRARY": library_path,
                "PROJECT_CODE": CODE,
                "ZONE": 40,
                "OUTPUT": str(tmp_path / "x.txt"),
            },
        )
    assert "more than 3° from the central meridian" in str(info.value)


def test_attach_dialog_reads_a_coordinate_file(qgis_app, tmp_path, library_path):
    from yimatong_plugin.ui.parcel_attach_dialog import ParcelAttachDialog, file_filter

    assert "*.txt" in file_filter()
    lib = open_library(library_path)
    try:
        dlg = ParcelAttachDialog(lib, code=CODE)
        # a malformed file: its problems by line, no layer, nothing to attach
        bad = _write(tmp_path / "bad.txt", GOOD.replace("J2,1,3211000.000", "J2,1,3211OOO.000", 1))
        assert dlg.open_file(bad) is None
        assert "line 15: '3211OOO.000' is not a number" in dlg.status.text()
        assert not dlg.attach_button.isEnabled()
        # a good one: every parcel checked, labelled by 地块编号, the area mismatch shown
        path = _write(tmp_path / "good.txt", GOOD)
        layer = dlg.open_file(path)
        try:
            assert dlg.layer_combo.currentLayer() is layer
            assert layer.crs().authid() == "EPSG:4525"
            cands = dlg.run_checks()
            assert [c.label for c in cands] == ["DK-1", "DK-2"]
            assert all(c.ok for c in cands)
            assert any("declared area 0.2600 ha" in w for w in cands[1].warnings)
            assert "declared area 0.2600 ha" in dlg.results.topLevelItem(1).text(2)
            ids = dlg.do_attach()
            assert len(ids) == 2
            assert [p["source_file"] for p in lib.parcels(CODE)] == [path, path]
        finally:
            QgsProject.instance().removeMapLayer(layer.id())
    finally:
        lib.close()


def test_import_attaches_to_a_postgis_library_all_or_nothing(
    processing_ready, tmp_path, postgis_server
):
    uri = postgis_server.new_database()
    lib = open_library(uri)
    try:
        lib.add_project(CODE, name="德山电子产业园", source="municipal_key")
    finally:
        lib.close()
    tiny = "\n".join(["5,0.0000,DK-3,,面,,,,@"] + _square(3210000, 500000, 0.5))
    params = {"LIBRARY": uri, "PROJECT_CODE": CODE, "OUTPUT": "memory:"}
    with pytest.raises(QgsProcessingException):
        processing.run(
            "yimatong:importcoordinates",
            {**params, "INPUT": _write(tmp_path / "tiny.txt", GOOD + "\n" + tiny)},
        )
    result = processing.run(
        "yimatong:importcoordinates", {**params, "INPUT": _write(tmp_path / "dk.txt", GOOD)}
    )
    assert result["ATTACHED"] == 2
    lib = open_library(uri)
    try:
        parcels = lib.parcels(CODE)
    finally:
        lib.close()
    assert [p["label"] for p in parcels] == ["DK-1", "DK-2"]  # the failed run left nothing
    assert parcels[0]["area_m2"] == pytest.approx(14_000.0, rel=0.001)


def test_output_aliases_leave_other_algorithms_fields_alone(processing_ready):
    from yimatong_plugin.processing import base
    from yimatong_plugin.processing.algorithms import importcoordinates  # noqa: F401

    assert base.FIELD_ALIASES["class_code"] == "Planned use code"  # compliance output
    assert base.FIELD_ALIASES["land_class"] == "Land class code (地类编码)"
