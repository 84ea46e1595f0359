"""Core site selection (yimatong_plugin.core.siting) on hand-made and random layers."""

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, box

from yimatong_plugin.core.overlay import ControlLayer, ZoningLayer
from yimatong_plugin.core.siting import Criterion, select_sites
from yimatong_plugin.core.siting.candidates import QUAD_SEGS

SEARCH = [box(0, 0, 1000, 1000)]


def test_candidate_touches_red_line_without_entering_it():
    red = ControlLayer("生态保护红线", [box(-50, -50, 400, 1050)], "avoid")
    res = select_sites(SEARCH, [red], min_area=1000)
    assert len(res.candidates) == 1
    cand = res.candidates[0]
    assert cand.area_m2 == pytest.approx(600_000, abs=0.01)
    assert shapely.intersection(cand.geometry, red.source.geoms[0]).area < 1e-6
    assert shapely.distance(cand.geometry, red.source.geoms[0]) == 0
    assert res.land.removed_m2["生态保护红线"] == pytest.approx(400_000, abs=0.01)


def dumbbell(corridor_width):
    half = corridor_width / 2
    return shapely.union_all(
        [box(0, 0, 200, 200), box(300, 0, 500, 200), box(200, 100 - half, 300, 100 + half)]
    )


def test_narrow_corridor_removed_by_min_width():
    udb = ControlLayer("城镇开发边界", [dumbbell(10)], "inside")
    wide = select_sites(SEARCH, [udb], min_area=1000, min_width=20)
    assert len(wide.candidates) == 2
    for cand in wide.candidates:
        assert cand.area_m2 == pytest.approx(40_000, abs=100)  # corners rounded by the opening
        assert not cand.geometry.intersects(box(205, 95, 295, 105))  # the corridor
    narrow = select_sites(SEARCH, [udb], min_area=1000, min_width=5)
    assert len(narrow.candidates) == 1
    assert narrow.candidates[0].area_m2 == pytest.approx(81_000, abs=100)


def test_only_zoning_compatible_with_the_use_is_offered():
    zoning = ZoningLayer(
        np.array([box(0, 0, 300, 1000), box(300, 0, 600, 1000), box(600, 0, 1000, 1000)]),
        codes=["1001", "0101", "16"],
        name="zoning",
    )
    res = select_sites(SEARCH, [], zoning=zoning, land_use="1001", min_area=1000)
    assert [round(c.area_m2, 2) for c in res.candidates] == [300_000.0]
    assert res.land.compatible_codes == ["1001"]
    housing = select_sites(SEARCH, [], zoning=zoning, land_use="0701", min_area=1000)
    assert housing.candidates == []  # 工业 conflicts, 耕地 conflicts, 留白 needs an argument


def test_overlapping_incompatible_zoning_is_not_offered():
    zoning = ZoningLayer(
        np.array([box(0, 0, 500, 1000), box(400, 0, 600, 1000)]), codes=["1001", "0101"]
    )
    res = select_sites(SEARCH, [], zoning=zoning, land_use="1001", min_area=1000)
    assert [round(c.area_m2, 2) for c in res.candidates] == [400_000.0]


def test_supplied_land_is_excluded():
    res = select_sites(
        SEARCH,
        [ControlLayer("生态保护红线", [box(2000, 2000, 2100, 2100)], "avoid")],
        exclude=[box(0, 0, 1000, 500)],
        min_area=1000,
    )
    assert len(res.candidates) == 1
    assert res.candidates[0].geometry.equals(box(0, 500, 1000, 1000))
    assert res.land.removed_m2["exclude"] == pytest.approx(500_000)


def test_unknown_land_use_refused():
    zoning = ZoningLayer(np.array([box(0, 0, 10, 10)]), codes=["1001"])
    with pytest.raises(ValueError, match="9999"):
        select_sites(SEARCH, [], zoning=zoning, land_use="9999")


def two_sites():
    red = ControlLayer("生态保护红线", [box(300, -10, 700, 1010)], "avoid")
    road = Criterion("道路", [LineString([(-100, 0), (-100, 1000)])], "near", 2.0)
    return red, road


def test_criteria_rank_by_weighted_normalised_distance():
    red, road = two_sites()
    res = select_sites(SEARCH, [red], min_area=1000, criteria=[road])
    first, second = res.candidates
    assert (first.rank, second.rank) == (1, 2)
    assert first.geometry.bounds[0] == 0  # the western site, next to the road
    assert first.raw == [pytest.approx(100)] and second.raw == [pytest.approx(800)]
    assert first.norm == [1.0] and second.norm == [0.0]
    assert first.score == 1.0 and second.score == 0.0
    assert "道路" in first.reasons and "rank 1 of 2" in first.reasons
    far = Criterion("道路", road.geometries, "far", 1.0)
    res = select_sites(SEARCH, [red], min_area=1000, criteria=[far, road])
    # far (w 1) scores the eastern site 1, near (w 2) the western: 2/3 beats 1/3
    assert res.candidates[0].geometry.bounds[0] == 0
    assert res.candidates[0].score == pytest.approx(2 / 3)
    assert res.candidates[1].score == pytest.approx(1 / 3)


def test_large_piece_cut_to_about_max_area_on_a_grid():
    res = select_sites(SEARCH, [], exclude=[box(5000, 5000, 5001, 5001)], max_area=250_000)
    areas = sorted(round(c.area_m2, 6) for c in res.candidates)
    assert areas == [250_000.0] * 4
    assert all(c.cut for c in res.candidates)
    assert res.grid_m == 500.0


def test_ranking_is_reproducible():
    red, road = two_sites()
    a = select_sites(SEARCH, [red], min_area=10, min_width=10, criteria=[road])
    b = select_sites(SEARCH, [red], min_area=10, min_width=10, criteria=[road])
    assert [c.geometry.wkb for c in a.candidates] == [c.geometry.wkb for c in b.candidates]
    assert [c.reasons for c in a.candidates] == [c.reasons for c in b.candidates]


# --- the guarantee on random layers ---------------------------------------------------------
coord = st.integers(min_value=-100, max_value=1100)


@st.composite
def boxes(draw, max_n):
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=max_n))):
        x, y = draw(coord), draw(coord)
        w = draw(st.integers(min_value=5, max_value=500))
        h = draw(st.integers(min_value=5, max_value=500))
        out.append(box(x, y, x + w, y + h))
    return out


def independent(search, avoid, inside, exclude, min_width, min_area):
    """The straightforward computation: one difference/intersection per polygon."""
    land = search
    for g in avoid:
        land = land.difference(g)
    if inside:
        land = land.intersection(shapely.union_all(inside))
    for g in exclude:
        land = land.difference(g)
    if min_width > 0:
        r = min_width / 2
        # canonical rings before each buffer, as the engine buffers them (GEOS never simplifies
        # a ring's first vertex away, so where a ring starts moves the arcs: 0.28 m² for a
        # square with a 6 m notch and a 40 m width)
        land = shapely.normalize(land)
        inner = shapely.normalize(land.buffer(-r, quad_segs=QUAD_SEGS))
        opened = inner.buffer(r, quad_segs=QUAD_SEGS)
        try:
            land = opened.intersection(land)
        except shapely.errors.GEOSException:  # GEOS 3.13's exact overlay can give up here
            land = shapely.intersection(opened, land, grid_size=1e-6)
    parts = [p for p in shapely.get_parts(land) if p.geom_type == "Polygon"]
    return [p for p in parts if p.area >= min_area]


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples in every run: CI judges the code, not the draw
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    avoid=boxes(8),
    inside=boxes(4),
    exclude=boxes(3),
    min_width=st.sampled_from([0.0, 10.0, 40.0]),
    min_area=st.sampled_from([1.0, 2000.0, 20000.0]),
    tile_m=st.sampled_from([2000.0, 333.0, 170.0]),  # one tile, or tiles merged across edges
)
# cases random runs found, kept so every run tries them:
# a whole tile lost (GEOS's rectangle clipping with the opened ring through the tile's corner)
@example([], [], [box(338, 0, 343, 5)], 10.0, 1.0, 333.0)
# where GEOS starts an eroded ring moved the arcs (0.28 m² with a 6 m notch)
@example([], [], [box(0, 0, 6, 6)], 40.0, 1.0, 333.0)
# a tile opened in its box grown by one width only: 0.014 m² off at a corner near its edge
@example([box(0, 172, 5, 177), box(0, 6, 23, 152), box(0, 0, 5, 5)], [], [], 40.0, 1.0, 170.0)
def test_no_allowed_piece_missing_and_no_candidate_outside(
    avoid, inside, exclude, min_width, min_area, tile_m
):  # the @example arguments are positional: avoid, inside, exclude, width, area, tile
    search = box(0, 0, 1000, 1000)
    layers = [ControlLayer("红线", np.array(avoid, dtype=object), "avoid")]
    if inside:
        layers.append(ControlLayer("开发边界", np.array(inside, dtype=object), "inside"))
    res = select_sites(
        [search], layers, exclude=exclude, min_area=min_area, min_width=min_width, tile_m=tile_m
    )
    got = shapely.union_all([c.geometry for c in res.candidates]) if res.candidates else None
    expected = independent(search, avoid, inside, exclude, min_width, min_area)
    # every piece the straightforward computation finds is a candidate, and no candidate has
    # land outside them, within 0.01 m² (the goal): the engine opens the land tile by
    # tile, each tile in its box grown by twice the minimum width, the reference opens it whole
    tolerance = 0.01
    for piece in expected:
        missing = piece.area if got is None else piece.difference(got).area
        assert missing < tolerance
    ref = shapely.union_all(expected) if expected else shapely.Polygon()
    for cand in res.candidates:
        assert cand.area_m2 >= min_area
        assert cand.geometry.difference(ref).area < tolerance
        # the hard constraints hold exactly: nothing in an avoid line, nothing outside an inside
        for g in avoid:
            assert cand.geometry.intersection(g).area < 0.01
        if inside:
            assert cand.geometry.difference(shapely.union_all(inside)).area < 0.01
    assert len(res.candidates) == len(expected)


def test_no_tile_of_allowed_land_is_lost_where_the_opened_ring_meets_its_corner():
    """Found by the property test: GEOS's clip_by_rect returned 36 m² of the 110,853 m² the
    tile (333–666 m, 0–333 m) holds when the opened land's ring passed through its corner."""
    res = select_sites(SEARCH, [], exclude=[box(338, 0, 343, 5)], min_width=10, tile_m=333)
    (cand,) = res.candidates
    # the 5 × 5 m notch, and 6 right-angled convex corners (the notch's 2, the search area's
    # 4) rounded by the 5 m radius: r²(1 − π/4) each (less a little for the polygonal arcs)
    lost = 25 + 6 * 25 * (1 - np.pi / 4)
    assert cand.area_m2 == pytest.approx(1_000_000 - lost, abs=0.5)
