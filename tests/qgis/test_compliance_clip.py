"""Parcels drawn snapped to a control line, where GEOS's rectangle clipping goes wrong.

``shapely.clip_by_rect`` (GEOS 3.11 and 3.13) returns the box *minus* the polygon when the
polygon's ring runs along the line of a box edge outside the box and turns into it at the box's
corner. The review clipped many-vertex red lines to each parcel's box and cut huge ones into
halves of their box that way: a parcel wholly inside a red line came out 合规 with 0 m².
"""

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from tests.qgis.test_complianceoverlay import memory_layer, outputs, run, shift, table
from yimatong_plugin.core.overlay import HUGE_VERTICES

MANY = 64  # pieces with more vertices were clipped to the parcel's box (clip_by_rect)


def red_line(notch, n_left):
    """The square 0–1000 m with ``notch`` (points from and back to y = 0) cut into its bottom
    edge, its left edge carrying ``n_left`` collinear vertices (a many-vertex polygon)."""
    left = [(0.0, y) for y in np.linspace(1000.0, 0.0, n_left)][:-1]
    ring = [(0.0, 0.0), *notch, (1000.0, 0.0), (1000.0, 1000.0), *left]
    line = Polygon(ring)
    assert line.is_valid
    return line


def review(parcels, line, rules=""):
    params = {
        "PARCELS": memory_layer("地块", [shift(p) for p in parcels]),
        "CONTROL_LAYERS": [memory_layer("生态保护红线", [shift(line)])],
    }
    if rules:
        params["CONTROL_RULES"] = rules
    res = run(params)
    return outputs(res), table(res)


def test_parcel_snapped_to_a_many_vertex_red_line_is_not_compliant(processing_ready):
    # the notch starts at (100, 0), the corner of the parcel's box: the box's bottom edge runs
    # along the red line's bottom edge left of the box
    line = red_line([(100.0, 0.0), (120.0, 30.0), (180.0, 30.0), (200.0, 0.0)], 100)
    assert MANY < shapely.get_num_coordinates(line) <= HUGE_VERTICES
    parcel = shapely.intersection(line, box(100, 0, 500, 500))  # drawn snapped to the line
    assert parcel.bounds == (100.0, 0.0, 500.0, 500.0)
    out, rows = review([parcel], line)
    assert out["1"]["verdict"] == "冲突"
    assert rows[("1", "生态保护红线", "")][0] == pytest.approx(parcel.area, abs=0.01)
    assert rows[("1", "生态保护红线", "")][1] == pytest.approx(1.0)


def test_parcel_snapped_inside_a_many_vertex_boundary_is_compliant(processing_ready):
    line = red_line([(100.0, 0.0), (120.0, 30.0), (180.0, 30.0), (200.0, 0.0)], 100)
    parcel = shapely.intersection(line, box(100, 0, 500, 500))
    out, rows = review([parcel], line, "生态保护红线=inside")
    assert out["1"]["verdict"] == "合规"
    overlap, ratio, outside = rows[("1", "生态保护红线", "")]
    assert overlap == pytest.approx(parcel.area, abs=0.01)
    assert outside == pytest.approx(0.0, abs=0.01)


@pytest.mark.parametrize(
    "notch",
    [
        # a small notch where the red line's box is cut in halves (x = 500)
        [(500.0, 0.0), (520.0, 30.0), (580.0, 30.0), (600.0, 0.0)],
        # a notch of exactly half the right half: the halves' areas still add up to the red
        # line's, so an area balance would not have caught the wrong half
        [(500.0, 0.0), (550.0, 250_000 / 445), (950.0, 250_000 / 445), (990.0, 0.0)],
    ],
    ids=["small-notch", "areas-balance"],
)
def test_parcels_inside_a_huge_red_line_cut_into_cells_conflict(processing_ready, notch):
    line = red_line(notch, 1100)
    assert shapely.get_num_coordinates(line) > HUGE_VERTICES  # cut into cells
    parcels = [box(600, 800, 900, 950), box(100, 100, 400, 400)]  # right half, left half
    assert all(line.contains(p) for p in parcels)
    out, rows = review(parcels, line)
    for pid, p in (("1", parcels[0]), ("2", parcels[1])):
        assert out[pid]["verdict"] == "冲突", pid
        assert rows[(pid, "生态保护红线", "")][0] == pytest.approx(p.area, abs=0.01)
