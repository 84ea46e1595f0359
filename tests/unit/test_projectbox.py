"""Project box queries (core/projectbox.py) on GeoPackage and PostGIS libraries."""

import datetime as dt

import pytest
import shapely
from pyproj import Transformer

from tests.library_data import PROJECT_BOX_SEG as SEG
from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core import projectbox as pb
from yimatong_plugin.core.library import open_library


def square(x0, y0, size=0.01):
    return shapely.box(x0, y0, x0 + size, y0 + size).wkt


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def lib(request, tmp_path):
    if request.param == "gpkg":
        library = open_library(str(tmp_path / "pb.gpkg"))
    else:
        server = request.getfixturevalue("postgis_server")
        library = open_library(server.new_database())
    yield library
    library.close()


@pytest.fixture
def codes(lib):
    a = lib.allocate_code(**SEG)
    lib.add_project(a, name="A 现行地块", source="municipal_key", declared_area_m2=6000)
    lib.add_parcel(a, square(111.69, 29.03))
    lib.add_event(a, "conversion_approval", "2020-01-10", batch="B")
    lib.add_event(a, "supply", "2021-01-05", agreed_start="2021-07-01")

    b = lib.allocate_code(**{**SEG, "project_type": "02"})
    lib.add_project(b, name="B 旧地块在此", source="municipal_key", declared_area_m2=4000)
    old = lib.add_parcel(b, square(111.695, 29.035, 0.002))
    lib.replace_parcel(old, square(111.75, 29.05), reason="调整")
    lib.add_event(b, "conversion_approval", "2020-01-10", batch="B")

    c = lib.allocate_code(**{**SEG, "project_type": "03"})
    lib.add_project(c, name="C 已归档", source="municipal_key")
    lib.add_parcel(c, square(111.695, 29.035, 0.003))
    lib.archive_project(c, reason="合并")
    return str(a), str(b), str(c)


def test_projects_at_current_retired_archived(lib, codes):
    a, b, c = codes
    rows = pb.projects_at(lib, 111.696, 29.036)
    assert [r["code"] for r in rows] == [a, c, b]  # current hits first, then retired-only
    by_code = {r["code"]: r for r in rows}
    assert by_code[a]["parcel_ids"] and not by_code[a]["retired_parcel_ids"]
    assert by_code[b]["retired_parcel_ids"] and not by_code[b]["parcel_ids"]
    assert by_code[a]["name"] == "A 现行地块"
    live = pb.projects_at(lib, 111.696, 29.036, include_archived=False)
    assert [r["code"] for r in live] == [a, b]
    assert pb.projects_at(lib, 111.80, 29.20) == []


def test_projects_at_tolerance_and_projected_crs(lib, codes):
    a = codes[0]
    # 0.0001 deg (~10 m) east of A's edge
    assert pb.projects_at(lib, 111.7001, 29.035) == []
    assert [r["code"] for r in pb.projects_at(lib, 111.7001, 29.035, tolerance=0.0002)] == [a]
    to_gk = Transformer.from_crs("EPSG:4490", "EPSG:4546", always_xy=True)
    x, y = to_gk.transform(111.691, 29.031)
    assert [r["code"] for r in pb.projects_at(lib, x, y, crs="EPSG:4546")] == [a]
    x, y = to_gk.transform(111.7001, 29.035)
    assert pb.projects_at(lib, x, y, crs="EPSG:4546") == []
    assert [r["code"] for r in pb.projects_at(lib, x, y, crs="EPSG:4546", tolerance=20)] == [a]


def test_project_file_includes_batch_finding(lib, codes):
    a, b, _c = codes
    as_of = dt.date(2022, 1, 10)  # batch B approved 2020-01-10: 2 years
    data = pb.project_file(lib, b, as_of)
    assert data["project"]["code"] == b
    assert len(data["parcels"]) == 2 and sum(p["retired"] for p in data["parcels"]) == 1
    (f,) = data["findings"]
    assert f.rule == lc.RULE_UNSUPPLIED and f.codes == (b,)
    assert f.supplied_ratio == pytest.approx(0.6)  # A's 6000 of 10000 m² supplied
    a_file = pb.project_file(lib, a, as_of)
    assert [x.rule for x in a_file["findings"]] == [lc.RULE_UNUSED]
    assert pb.project_file(lib, "4343070220210101130701999999", as_of) == {}


def test_library_findings_skip_archived_and_geometry(lib, codes):
    a, b, _c = codes
    found = pb.library_findings(lib, dt.date(2022, 1, 10))
    assert sorted((f.code, f.rule) for f in found) == sorted(
        [(a, lc.RULE_UNUSED), (b, lc.RULE_UNSUPPLIED)]
    )
    geom = pb.current_geometry(lib, [b])
    assert geom.bounds == pytest.approx((111.75, 29.05, 111.76, 29.06))
    assert pb.current_geometry(lib, []) is None


def test_projects_in_a_feature_geometry(lib, codes):
    a, b, c = codes
    # a feature covering A's east half and B's old parcel
    feature = shapely.box(111.694, 29.034, 111.699, 29.039)
    assert [r["code"] for r in pb.projects_in(lib, feature)] == [a, c, b]
    assert [r["code"] for r in pb.projects_in(lib, feature, include_archived=False)] == [a, b]
    # a neighbour sharing only A's western edge does not count
    neighbour = shapely.box(111.68, 29.03, 111.69, 29.04)
    assert pb.projects_in(lib, neighbour) == []
    to_gk = Transformer.from_crs("EPSG:4490", "EPSG:4546", always_xy=True)
    x0, y0 = to_gk.transform(111.750, 29.050)
    x1, y1 = to_gk.transform(111.751, 29.051)
    assert [r["code"] for r in pb.projects_in(lib, shapely.box(x0, y0, x1, y1), "EPSG:4546")] == [b]
