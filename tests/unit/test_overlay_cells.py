"""Huge control polygons: the whole polygon decides most parcels, pieces are cut only when met.

A review on layers intersects the parcels crossing a huge polygon's boundary with the whole
(valid) polygon; a published set's preparation has every piece cut (exactly, never GEOS's
``clip_by_rect``) and the review uses them. Both must give the reference areas.
"""

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from yimatong_plugin.core.overlay import (
    HUGE_VERTICES,
    ControlLayer,
    PreparedLayer,
    _Cells,
    compliance_overlay,
)
from yimatong_plugin.core.overlay.publish import prepare_fully

from .test_overlay import close, random_parcels, star


def areas(res, name="红线"):
    out = []
    for p in res.parcels:
        ov = p.overlap(name)
        out.append(ov.overlap_m2 if ov else 0.0)
    return out


def notched(notch, n_left):
    """The square 0–1000 m with ``notch`` cut into its bottom edge and ``n_left`` collinear
    vertices on its left edge (tests/qgis/test_compliance_clip.py: where clip_by_rect fails)."""
    left = [(0.0, y) for y in np.linspace(1000.0, 0.0, n_left)][:-1]
    return Polygon([(0.0, 0.0), *notch, (1000.0, 0.0), (1000.0, 1000.0), *left])


def test_whole_polygon_and_published_pieces_both_match_the_reference():
    big = star(0, 0, 5000, 20000, 3)
    other = star(2500, 0, 4000, 5000, 4)  # overlaps the first: unioned
    parcels = [shapely.affinity.translate(p, -6000, -6000) for p in random_parcels(300, 5, 12_000)]
    fresh = PreparedLayer([big, other])
    published = prepare_fully(PreparedLayer([big, other]))
    by_whole = compliance_overlay(parcels, [ControlLayer("红线", fresh)])
    by_pieces = compliance_overlay(parcels, [ControlLayer("红线", published)])
    assert all(len(c.pieces) == 0 for c in fresh._cells.values())  # nothing cut on layers
    assert all(len(c.pieces) >= 4 for c in published._cells.values())  # all cut
    layer = shapely.union_all([big, other])
    crossing = 0
    for i, p in enumerate(parcels):
        ref = shapely.intersection(p, layer).area
        assert close(areas(by_whole)[i], ref), i
        assert close(areas(by_pieces)[i], ref), i
        crossing += 0 < ref < p.area - 1.0
    assert crossing > 20  # the boundary cases were exercised, not only misses and holds


@pytest.mark.parametrize(
    "notch",
    [
        [(500.0, 0.0), (520.0, 30.0), (580.0, 30.0), (600.0, 0.0)],
        [(500.0, 0.0), (550.0, 250_000 / 445), (950.0, 250_000 / 445), (990.0, 0.0)],
    ],
    ids=["small-notch", "areas-balance"],
)
def test_published_pieces_of_a_notched_red_line_hold_the_parcels_inside(notch):
    line = notched(notch, 1100)
    assert line.is_valid and shapely.get_num_coordinates(line) > HUGE_VERTICES
    inside = [box(600, 800, 900, 950), box(100, 100, 400, 400)]
    snapped = shapely.intersection(line, box(100, 0, 500, 500))  # drawn along the red line
    parcels = inside + [snapped, box(450, -50, 650, 100)]  # the last crosses the notch
    for prepared in (PreparedLayer([line]), prepare_fully(PreparedLayer([line]))):
        got = areas(compliance_overlay(parcels, [ControlLayer("红线", prepared)]))
        for i, p in enumerate(parcels):
            assert close(got[i], shapely.intersection(p, line).area), (i, got[i])
        assert got[0] == pytest.approx(inside[0].area) and got[2] == pytest.approx(snapped.area)


def test_a_split_box_cuts_only_the_half_a_parcel_meets():
    cells = _Cells(star(0, 0, 5000, 20000, 6))
    loc, piece = cells.query(np.array([[4000.0, -50.0, 4100.0, 50.0]]))
    assert len(loc) == 1 and len(cells.pieces) == 1
    cut = [
        node
        for node, (g, leaf) in enumerate(zip(cells._geom, cells._leaf))
        if node and g is not None
    ]
    assert [cells._leaf[node] for node in cut] == [0]  # the met piece only, no sibling cut
    assert shapely.intersection(cells.pieces[0], box(4000, -50, 4100, 50)).area == pytest.approx(
        shapely.intersection(cells._geom[0], box(4000, -50, 4100, 50)).area
    )
