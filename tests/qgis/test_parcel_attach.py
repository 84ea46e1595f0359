"""Surveyors' parcels end to end: a GBK Shapefile (no .cpg), checks, attach, replace, lineage."""

import os

import pytest
import shapely
from osgeo import ogr, osr
from pyproj import Transformer
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from yimatong_plugin.core.gcj02 import wgs84_to_gcj02
from yimatong_plugin.core.library import LibraryError, open_library
from yimatong_plugin.gis.parcel_attach import (
    attach,
    check_features,
    detect_dbf_encoding,
    open_parcel_layer,
)

CODE = "4343070220240501131001000001"
GK = "EPSG:4546"  # CGCS2000 3-degree GK, CM 111°E (Changde)
TO_GK = Transformer.from_crs("EPSG:4490", GK, always_xy=True)


def _square_gk(lon, lat, size_m):
    x, y = TO_GK.transform(lon, lat)
    return QgsGeometry.fromWkt(
        f"POLYGON(({x} {y}, {x + size_m} {y}, {x + size_m} {y + size_m}, "
        f"{x} {y + size_m}, {x} {y}))"
    )


def _write_shapefile(path, rows, crs=GK, encoding="GBK"):
    fields = QgsFields()
    fields.append(QgsField("dkbh", QVariant.String, len=20))
    fields.append(QgsField("xmmc", QVariant.String, len=80))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "ESRI Shapefile"
    options.fileEncoding = encoding
    writer = QgsVectorFileWriter.create(
        str(path),
        fields,
        QgsWkbTypes.Polygon,
        QgsCoordinateReferenceSystem(crs),
        QgsCoordinateTransformContext(),
        options,
    )
    assert writer.hasError() == QgsVectorFileWriter.NoError, writer.errorMessage()
    for dkbh, xmmc, geom in rows:
        f = QgsFeature(fields)
        f.setAttributes([dkbh, xmmc])
        f.setGeometry(geom)
        writer.addFeature(f)
    del writer
    # surveyors' files usually come without the .cpg: the encoding must be detected
    cpg = path.with_suffix(".cpg")
    if cpg.exists():
        os.remove(cpg)
    return path


@pytest.fixture
def lib(tmp_path):
    library = open_library(str(tmp_path / "library.gpkg"))
    library.add_project(CODE, name="德山电子产业园", source="municipal_key")
    yield library
    library.close()


def test_gbk_shapefile_attached_then_replaced_with_lineage(qgis_app, tmp_path, lib):
    shp = _write_shapefile(
        tmp_path / "地块.shp",
        [
            ("DK-001", "德山电子产业园一期", _square_gk(111.70, 29.00, 100)),
            ("DK-002", "德山电子产业园二期", _square_gk(111.71, 29.00, 50)),
        ],
    )
    raw = shp.with_suffix(".dbf").read_bytes()
    assert "德山".encode("gbk") in raw  # the attributes really are GBK
    assert detect_dbf_encoding(shp) == "GBK"

    layer = open_parcel_layer(str(shp))
    assert layer.isValid()
    names = sorted(f["xmmc"] for f in layer.getFeatures())
    assert names == ["德山电子产业园一期", "德山电子产业园二期"]  # decoded, not mojibake

    layer.selectAll()
    candidates = check_features(layer, label_field="dkbh", library=lib, code=CODE)
    assert [c.errors for c in candidates] == [[], []]
    assert [c.label for c in candidates] == ["DK-001", "DK-002"]
    assert candidates[0].area_m2 == pytest.approx(10000, rel=0.002)  # ellipsoidal ≈ planar

    ids = attach(lib, CODE, candidates, stage="supply", source_file=str(shp))
    parcels = lib.parcels(CODE)
    assert [p["fid"] for p in parcels] == ids
    first = parcels[0]
    assert first["label"] == "DK-001"
    assert first["stage"] == "supply"
    assert first["source_crs"] == GK
    assert first["area_m2"] == pytest.approx(10000, rel=0.002)
    geom = shapely.from_wkb(first["geometry"])
    assert 111.69 < geom.centroid.x < 111.71 and 28.99 < geom.centroid.y < 29.01  # in EPSG:4490

    # a corrected survey replaces DK-001: the old parcel is retired, never overwritten
    shp2 = _write_shapefile(
        tmp_path / "地块_修测.shp", [("DK-001", "一期修测", _square_gk(111.70, 29.00, 110))]
    )
    layer2 = open_parcel_layer(str(shp2))
    layer2.selectAll()
    cands = check_features(layer2, label_field="dkbh", library=lib, code=CODE, replace_id=ids[0])
    assert cands[0].ok, cands[0].errors
    (new_id,) = attach(lib, CODE, cands, replace_id=ids[0], reason="修测")
    by_id = {p["fid"]: p for p in lib.parcels(CODE)}
    assert by_id[ids[0]]["retired"] is True
    assert by_id[ids[0]]["replaced_by"] == new_id
    assert by_id[ids[0]]["retire_reason"] == "修测"
    assert by_id[new_id]["replaces"] == ids[0]
    assert by_id[new_id]["stage"] == "supply"  # kept from the replaced parcel
    assert by_id[new_id]["area_m2"] == pytest.approx(12100, rel=0.002)
    assert [p["fid"] for p in lib.parcels(CODE, include_retired=False)] == [ids[1], new_id]
    actions = [(h["table_name"], h["action"]) for h in lib.history(CODE)]
    assert ("ymt_parcels", "insert") in actions
    assert ("ymt_parcels", "archive") in actions or ("ymt_parcels", "update") in actions


def test_bad_features_block_the_whole_attachment(qgis_app, tmp_path, lib):
    bowtie = QgsGeometry.fromWkt(
        "POLYGON((568000 3210000, 568100 3210100, 568100 3210000, 568000 3210100, 568000 3210000))"
    )
    tiny = _square_gk(111.70, 29.00, 0.5)  # 0.25 m²
    shp = _write_shapefile(
        tmp_path / "bad.shp",
        [
            ("OK", "好", _square_gk(111.70, 29.00, 100)),
            ("BOW", "自相交", bowtie),
            ("T", "小", tiny),
        ],
    )
    layer = open_parcel_layer(str(shp))
    layer.selectAll()
    cands = {c.label: c for c in check_features(layer, label_field="dkbh")}
    assert cands["OK"].ok
    assert "invalid geometry" in cands["BOW"].errors[0]
    assert "implausible area" in cands["T"].errors[0]
    with pytest.raises(LibraryError, match="nothing was attached"):
        attach(lib, CODE, list(cands.values()))
    assert lib.parcels(CODE) == []
    # with repair the bowtie is accepted with a warning
    layer.selectByIds([f.id() for f in layer.getFeatures() if f["dkbh"] == "BOW"])
    (bow,) = check_features(layer, label_field="dkbh", repair=True)
    assert bow.ok and "repaired" in bow.warnings[0]


def test_degrees_labelled_as_metres_and_missing_crs(qgis_app, tmp_path):
    # geographic coordinates in a layer that claims a GK CRS
    shp = _write_shapefile(tmp_path / "wrong.shp", [("A", "甲", _square_deg(111.7, 29.0))])
    layer = open_parcel_layer(str(shp))
    layer.selectAll()
    (cand,) = check_features(layer)
    assert "look like degrees" in cand.errors[0]
    mem = QgsVectorLayer("Polygon", "no crs", "memory")
    mem.setCrs(QgsCoordinateReferenceSystem())
    f = QgsFeature()
    f.setGeometry(_square_gk(111.7, 29.0, 10))
    mem.dataProvider().addFeatures([f])
    (cand,) = check_features(mem, features=list(mem.getFeatures()))
    assert "no coordinate reference system" in cand.errors[0]


def _square_deg(lon, lat, d=0.001):
    return QgsGeometry.fromWkt(
        f"POLYGON(({lon} {lat}, {lon + d} {lat}, {lon + d} {lat + d}, "
        f"{lon} {lat + d}, {lon} {lat}))"
    )


def test_gcj02_offset_warned_and_converted(qgis_app, tmp_path, lib):
    # the library already holds the true parcel; a technician redraws it on a web map (GCJ-02)
    true = shapely.box(111.700, 29.000, 111.702, 29.002)
    pid = lib.add_parcel(CODE, true.wkt, crs="EPSG:4490")
    xs, ys = zip(*true.exterior.coords)
    gx, gy = wgs84_to_gcj02(list(xs), list(ys))
    shifted = shapely.Polygon(list(zip(gx, gy)))
    mem = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "amap", "memory")
    f = QgsFeature(mem.fields())
    f.setAttributes(["高德描绘"])
    f.setGeometry(QgsGeometry.fromWkt(shifted.wkt))
    mem.dataProvider().addFeatures([f])
    feats = list(mem.getFeatures())
    (cand,) = check_features(mem, feats, library=lib, code=CODE)
    assert cand.ok and cand.gcj02_suspect
    assert "GCJ-02" in cand.warnings[0]
    (fixed,) = check_features(mem, feats, library=lib, code=CODE, undo_gcj02=True)
    assert not fixed.gcj02_suspect
    (new_id,) = attach(lib, CODE, [fixed], replace_id=pid, reason="GCJ-02 纠正")
    new = shapely.from_wkb([p for p in lib.parcels(CODE) if p["fid"] == new_id][0]["geometry"])
    assert shapely.intersection(new, true).area / shapely.union(new, true).area > 0.99


def test_dxf_closed_polylines_become_parcels(qgis_app, tmp_path, lib):
    path = str(tmp_path / "survey.dxf")
    ds = ogr.GetDriverByName("DXF").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4546)
    layer = ds.CreateLayer("entities", srs, ogr.wkbLineString)
    x, y = TO_GK.transform(111.7, 29.0)
    ring = f"LINESTRING({x} {y}, {x + 80} {y}, {x + 80} {y + 80}, {x} {y + 80}, {x} {y})"
    feat = ogr.Feature(layer.GetLayerDefn())
    feat.SetGeometry(ogr.CreateGeometryFromWkt(ring))
    layer.CreateFeature(feat)
    ds = None
    dxf = open_parcel_layer(path)
    assert dxf.isValid()
    dxf.setCrs(QgsCoordinateReferenceSystem())  # DXF carries no CRS
    feats = list(dxf.getFeatures())
    assert "no coordinate reference system" in check_features(dxf, feats)[0].errors[0]
    # the user says which CRS the surveyor used
    cands = [c for c in check_features(dxf, feats, crs=QgsCoordinateReferenceSystem(GK)) if c.ok]
    assert len(cands) == 1
    assert cands[0].area_m2 == pytest.approx(6400, rel=0.002)
    (pid,) = attach(lib, CODE, cands, stage="planning_permit")
    assert lib.parcels(CODE)[0]["fid"] == pid


def test_dialog_checks_then_attaches(qgis_app, tmp_path, lib):
    from yimatong_plugin.ui.parcel_attach_dialog import ParcelAttachDialog

    shp = _write_shapefile(tmp_path / "dlg.shp", [("DK-9", "九号", _square_gk(111.72, 29.01, 40))])
    layer = open_parcel_layer(str(shp))
    from qgis.core import QgsProject

    QgsProject.instance().addMapLayer(layer)
    try:
        layer.selectAll()
        dlg = ParcelAttachDialog(lib, code=CODE, layer=layer)
        assert dlg.project_label.text() == "德山电子产业园"
        dlg.label_field.setField("dkbh")
        dlg.stage_combo.setCurrentIndex(dlg.stage_combo.findData("supply"))
        cands = dlg.run_checks()
        assert len(cands) == 1 and cands[0].ok
        assert dlg.attach_button.isEnabled()
        assert dlg.results.topLevelItem(0).text(0) == "DK-9"
        ids = dlg.do_attach()
        assert len(ids) == 1
        parcel = lib.parcels(CODE)[0]
        assert parcel["label"] == "DK-9" and parcel["stage"] == "supply"
        assert parcel["source_file"].endswith("dlg.shp")
        # the new parcel is offered for replacement next time
        dlg2 = ParcelAttachDialog(lib, code=CODE, layer=layer)
        assert dlg2.replace_combo.count() == 2
        assert dlg2.replace_combo.itemData(1) == ids[0]
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
