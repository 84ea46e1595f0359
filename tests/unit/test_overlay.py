"""The compliance engine against an independent plain-shapely computation."""

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from yimatong_plugin.core import crs, units
from yimatong_plugin.core.landuse_compat import compatibility, normalise_land_use
from yimatong_plugin.core.overlay import (
    AVOID,
    HUGE_VERTICES,
    INSIDE,
    ControlLayer,
    LayerCache,
    PreparedLayer,
    ZoningLayer,
    compliance_overlay,
    polygonal,
)


def reference(parcel, polys):
    """area(make_valid(parcel) ∩ union(make_valid(polys))) with nothing clever."""
    p = polygonal(shapely.make_valid(parcel))
    layer = shapely.union_all(polygonal(shapely.make_valid(np.array(polys, dtype=object))))
    return shapely.intersection(p, layer).area


def close(a, b):
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b)) + 0.01


def star(cx, cy, r, n, seed=0):
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    rr = r * (1 + 0.3 * np.sin(7 * t) + 0.05 * rng.random(n))
    return Polygon(np.c_[cx + rr * np.cos(t), cy + rr * np.sin(t)])


def random_parcels(n, seed, extent=10_000):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        x, y = rng.random(2) * extent
        w, h = 50 + rng.random(2) * 400
        out.append(shapely.affinity.rotate(box(x, y, x + w, y + h), rng.random() * 90))
    return out


BOWTIE = Polygon([(0, 0), (100, 100), (100, 0), (0, 100), (0, 0)])
TOUCHING = MultiPolygon([box(0, 0, 100, 100), box(100, 0, 200, 100)])  # share an edge
OVERLAPPING_MULTI = MultiPolygon([box(0, 0, 100, 100), box(50, 0, 150, 100)])


def test_area_contract_random_data():
    parcels = random_parcels(300, 1)
    farmland = random_parcels(2000, 3)  # they overlap each other: never double counted
    red = [star(3000, 3000, 2000, 5000, 4), star(7000, 6000, 2500, 3000, 5)]
    res = compliance_overlay(
        parcels,
        [ControlLayer("基本农田", farmland, AVOID), ControlLayer("生态保护红线", red, AVOID)],
        workers=2,
    )
    farm_tree = shapely.STRtree(farmland)
    checked = conflicts = 0
    for i, p in enumerate(parcels):
        near = [farmland[j] for j in farm_tree.query(p)]
        worst = 0.0
        for name, polys in (("基本农田", near), ("生态保护红线", red)):
            expected = reference(p, polys) if polys else 0.0
            ov = res.parcels[i].overlap(name)
            got = ov.overlap_m2 if ov else 0.0
            assert close(got, expected), (i, name, got, expected)
            checked += expected > 0
            worst = max(worst, expected)
        assert res.parcels[i].area_m2 == pytest.approx(p.area)
        # the verdict users read: 冲突 exactly when an overlap exceeds the 1 m² sliver tolerance
        expected_verdict = "冲突" if worst > 1.0 + 1e-6 else "合规"
        assert res.parcels[i].verdict == expected_verdict, (i, worst, res.parcels[i].rules)
        conflicts += expected_verdict == "冲突"
    assert checked > 50  # the random data do overlap
    assert 0 < conflicts < len(parcels)


def test_overlapping_polygons_in_one_layer_not_double_counted():
    parcel = box(0, 0, 100, 100)
    layer = [box(0, 0, 60, 100), box(40, 0, 100, 50), box(0, 0, 60, 100)]  # duplicates too
    res = compliance_overlay([parcel], [ControlLayer("红线", layer, AVOID)])
    assert res.parcels[0].overlap("红线").overlap_m2 == pytest.approx(6000 + 40 * 50)
    assert res.parcels[0].ratio("红线") == pytest.approx(0.8)


def test_invalid_parcels_are_repaired_and_counted():
    layer = [box(-1000, -1000, 1000, 50)]
    res = compliance_overlay([BOWTIE, TOUCHING, OVERLAPPING_MULTI], [ControlLayer("红线", layer)])
    bow, touch, multi = res.parcels
    assert bow.repaired and touch.repaired and multi.repaired
    assert bow.area_m2 == pytest.approx(5000)  # two triangles of 2,500
    assert bow.overlap("红线").overlap_m2 == pytest.approx(reference(BOWTIE, layer))
    assert bow.overlap("红线").overlap_m2 > 0
    assert touch.area_m2 == pytest.approx(20000)
    assert touch.overlap("红线").overlap_m2 == pytest.approx(10000)
    assert multi.area_m2 == pytest.approx(15000)  # the overlap of the parts counts once
    assert multi.overlap("红线").overlap_m2 == pytest.approx(7500)
    assert bow.verdict == touch.verdict == "冲突"
    assert any("repaired" in r for r in bow.rules)


def test_invalid_control_polygons_are_repaired_and_reported():
    bowtie_line = Polygon([(0, 0), (200, 200), (200, 0), (0, 200), (0, 0)])
    parcel = box(0, 0, 200, 50)
    res = compliance_overlay(
        [parcel], [ControlLayer("红线", [bowtie_line, None, box(5000, 0, 5001, 1)])]
    )
    assert res.parcels[0].overlap("红线").overlap_m2 == pytest.approx(
        reference(parcel, [bowtie_line])
    )
    assert res.parcels[0].overlap("红线").overlap_m2 > 0
    assert list(res.layer_repaired["红线"]) == [0]
    assert 1 in list(res.layer_unusable["红线"])


def test_huge_polygon_subdivided_matches_reference():
    big = star(0, 0, 5000, 20000, 7)
    assert shapely.get_num_coordinates(big) > HUGE_VERTICES  # the engine cuts it into cells
    parcels = random_parcels(200, 8, extent=12_000)
    parcels = [shapely.affinity.translate(p, -6000, -6000) for p in parcels]
    res = compliance_overlay(parcels, [ControlLayer("红线", [big])])
    for i, p in enumerate(parcels):
        ov = res.parcels[i].overlap("红线")
        assert close(ov.overlap_m2 if ov else 0.0, shapely.intersection(p, big).area)


def test_inside_rule_reports_outside_area_and_verdict():
    udb = [box(0, 0, 100, 100)]
    parcels = [box(50, 0, 150, 100), box(10, 10, 20, 20), box(500, 500, 600, 600)]
    res = compliance_overlay(parcels, [ControlLayer("城镇开发边界", udb, INSIDE)], sliver_m2=1.0)
    half, inside, outside = res.parcels
    assert half.overlap("城镇开发边界").outside_m2 == pytest.approx(5000)
    assert half.verdict == "冲突" and "outside" in half.verdict_rule
    assert inside.overlap("城镇开发边界").outside_m2 == pytest.approx(0)
    assert inside.verdict == "合规"
    assert outside.overlap("城镇开发边界").overlap_m2 == 0
    assert outside.overlap("城镇开发边界").outside_m2 == pytest.approx(10000)


def test_sliver_tolerance():
    res = compliance_overlay(
        [box(0, 0, 100, 100)], [ControlLayer("红线", [box(99.5, 0, 200, 1)])], sliver_m2=1.0
    )
    p = res.parcels[0]
    assert p.overlap("红线").overlap_m2 == pytest.approx(0.5)
    assert p.verdict == "合规" and "sliver" in p.verdict_rule


def test_empty_and_null_parcels_get_a_row_with_an_explaining_verdict():
    res = compliance_overlay(
        [None, Polygon(), box(0, 0, 2, 2)], [ControlLayer("红线", [box(0, 0, 5, 5)])]
    )
    assert [p.empty for p in res.parcels] == [True, True, False]
    assert res.parcels[0].verdict == "需论证" and "empty" in res.parcels[0].verdict_rule
    assert res.parcels[2].verdict == "冲突"


def test_zoning_classes_with_sandiao_codes_and_compatibility():
    zoning = [box(0, 0, 50, 100), box(50, 0, 80, 100), box(80, 0, 100, 100), box(0, 0, 10, 10)]
    codes = ["0701", "0103", "16", "07"]  # the last overlaps the first: class 07 counted apart
    parcel = box(0, 0, 100, 100)
    res = compliance_overlay(
        [parcel, parcel], [], zoning=ZoningLayer(zoning, codes), project_uses=["0701", "07"]
    )
    rows = {ov.class_code: ov.overlap_m2 for ov in res.parcels[0].overlaps}
    assert rows == pytest.approx({"0701": 5000, "0103": 3000, "16": 2000, "07": 100})
    assert res.parcels[0].verdict == "冲突"  # 0103 水田… 旱地 with a housing project
    z2 = compliance_overlay(
        [box(0, 0, 10, 10)],
        [],
        zoning=ZoningLayer([box(0, 0, 100, 100)], ["05H1"]),
        project_uses=["0901"],
    )
    assert z2.parcels[0].verdict == "合规"  # 三调 05H1 商服 = 09


def test_land_use_mapping_and_table():
    assert normalise_land_use("05H1") == "09"
    assert normalise_land_use("1104A") == "1704"
    assert normalise_land_use("0307K") == "0304"
    assert normalise_land_use("0508") == "1101"
    assert normalise_land_use("1001") == "1001"  # a 2023 code stays a 2023 code
    assert normalise_land_use("XYZ") is None
    assert compatibility("07", "0701") == "合规"
    assert compatibility("01", "0701") == "冲突"
    assert compatibility("16", "0701") == "需论证"
    assert compatibility("0102", "1202") == "需论证"  # a road across farmland needs an argument


def test_pieces_returned_when_asked():
    res = compliance_overlay(
        [box(0, 0, 10, 10)],
        [ControlLayer("红线", [box(5, 0, 20, 10), box(0, 0, 6, 10)])],
        want_pieces=True,
    )
    geom = res.parcels[0].overlap("红线").geometry
    assert geom.area == pytest.approx(100) and geom.geom_type in ("Polygon", "MultiPolygon")


def test_prepared_layer_reused_and_validity_checked_lazily():
    far = [box(10_000 + i, 0, 10_000 + i + 0.5, 1) for i in range(100)]
    layer = PreparedLayer([box(0, 0, 10, 10)] + far)
    cache = LayerCache(max_layers=1)
    cache.put(("file.gpkg", 123.0), layer)
    got = cache.get(("file.gpkg", 123.0))
    assert got is layer
    compliance_overlay([box(1, 1, 2, 2)], [ControlLayer("红线", got)])
    assert layer.checked_count() == 1  # only the polygon near the parcel was validated
    cache.put(("other", 1), PreparedLayer([box(0, 0, 1, 1)]))
    assert cache.get(("file.gpkg", 123.0)) is None  # evicted


def test_units_and_crs():
    assert units.m2_to_mu(666.6666667) == pytest.approx(1.0)
    assert units.m2_to_hectares(25_000) == 2.5
    assert "亩" in units.format_area(1000) and "公顷" in units.format_area(1000)
    assert crs.gk_crs_for_longitude(111.7).authid == "EPSG:4546"
    assert crs.gk_crs_for_longitude(111.7, prefixed=True).authid == "EPSG:4525"
    assert (
        crs.gk_crs_for_longitude(75.0).epsg == 4534 and crs.gk_crs_for_longitude(135).epsg == 4554
    )
    assert crs.gk_zone_from_epsg(4546).central_meridian == 111
    assert crs.gk_zone_from_epsg(4525).zone == 37
    assert crs.looks_geographic(110.5, 28.5, 112.3, 30.1)
    assert not crs.looks_geographic(500000, 3200000, 510000, 3210000)
    assert crs.looks_prefixed_gk(37_512_000, 37_540_000)


def test_invalid_huge_polygon_repaired_only_where_parcels_are():
    big = star(0, 0, 5000, 20000, 9)
    coords = np.array(big.exterior.coords)
    coords[100], coords[101] = coords[101].copy(), coords[100].copy()  # a twist: self-intersection
    twisted = Polygon(coords)
    assert not twisted.is_valid
    near_twist = shapely.Point(coords[100]).buffer(30)
    parcels = [near_twist] + random_parcels(100, 10, extent=12_000)
    parcels[1:] = [shapely.affinity.translate(p, -6000, -6000) for p in parcels[1:]]
    res = compliance_overlay(parcels, [ControlLayer("红线", [twisted])])
    fixed = polygonal(shapely.make_valid(twisted))
    for i, p in enumerate(parcels):
        ov = res.parcels[i].overlap("红线")
        assert close(ov.overlap_m2 if ov else 0.0, shapely.intersection(p, fixed).area), i
    assert list(res.layer_repaired["红线"]) == [0]


def test_touching_neighbours_add_up_and_overlapping_ones_are_unioned():
    grid = [box(x, y, x + 10, y + 10) for x in range(0, 100, 10) for y in range(0, 100, 10)]
    layer = PreparedLayer(grid + [box(0, 0, 10, 10)])  # one duplicate of the first square
    parcel = box(-5, -5, 25, 25)
    res = compliance_overlay([parcel], [ControlLayer("基本农田", layer)])
    assert res.parcels[0].overlap("基本农田").overlap_m2 == pytest.approx(625)
    assert layer.overlapping[0] == 2 and layer.overlapping[-1] == 2
    assert layer.overlapping[1] == 1  # touches its neighbours only


def test_lazy_layer_reads_only_polygons_near_parcels():
    polys = random_parcels(500, 11) + [star(5000, 5000, 3000, 4000, 12)]
    bounds = shapely.bounds(np.array(polys, dtype=object))
    asked = []

    def loader(indices):
        asked.extend(int(i) for i in indices)
        return np.array([polys[i] for i in indices], dtype=object)

    lazy = PreparedLayer(None, boxes=bounds, loader=loader)
    parcels = random_parcels(20, 13)
    res = compliance_overlay(parcels, [ControlLayer("基本农田", lazy)])
    eager = compliance_overlay(parcels, [ControlLayer("基本农田", polys)])
    for a, b in zip(res.parcels, eager.parcels):
        oa, ob = a.overlap("基本农田"), b.overlap("基本农田")
        assert (oa.overlap_m2 if oa else 0) == pytest.approx(ob.overlap_m2 if ob else 0)
    assert 0 < lazy.loaded_count < 200 and len(asked) == len(set(asked))


def test_cancel_and_progress():
    from yimatong_plugin.core.overlay import OverlayCanceledError

    seen = []
    compliance_overlay(
        [box(0, 0, 1, 1)], [ControlLayer("红线", [box(0, 0, 2, 2)])], progress=seen.append
    )
    assert seen and seen[-1] == pytest.approx(1.0)
    with pytest.raises(OverlayCanceledError):
        compliance_overlay(
            [box(0, 0, 1, 1)], [ControlLayer("红线", [box(0, 0, 2, 2)])], is_canceled=lambda: True
        )


def test_two_reviews_in_parallel_share_a_cached_layer():
    from concurrent.futures import ThreadPoolExecutor

    polys = random_parcels(800, 21) + [star(5000, 5000, 3000, 6000, 22)]
    expected = compliance_overlay(random_parcels(60, 23), [ControlLayer("基本农田", polys)])
    shared = PreparedLayer(polys)
    with ThreadPoolExecutor(4) as pool:
        runs = [
            pool.submit(
                compliance_overlay, random_parcels(60, 23), [ControlLayer("基本农田", shared)]
            )
            for _ in range(4)
        ]
        results = [r.result() for r in runs]
    for res in results:
        for a, b in zip(res.parcels, expected.parcels):
            oa, ob = a.overlap("基本农田"), b.overlap("基本农田")
            assert (oa.overlap_m2 if oa else 0) == pytest.approx(ob.overlap_m2 if ob else 0)


def test_an_unknown_rule_is_refused_naming_the_layer_by_review_and_site_selection():
    from yimatong_plugin.core.overlay import ControlLayer, compliance_overlay
    from yimatong_plugin.core.siting.land import Constraints

    bad = ControlLayer("红线", np.array([box(0, 0, 10, 10)], dtype=object), rule="maybe")
    with pytest.raises(ValueError, match="maybe.*红线"):
        compliance_overlay(np.array([box(1, 1, 2, 2)], dtype=object), [bad])
    with pytest.raises(ValueError, match="maybe.*红线"):
        Constraints([bad])
