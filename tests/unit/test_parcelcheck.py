"""Parcel geometry checks: one problem per row, each kind found where it is."""

import pytest
from shapely.geometry import MultiPolygon, Polygon, box

from yimatong_plugin.core.parcelcheck import check_parcels


def kinds(problems, index):
    return sorted(p.kind for p in problems if p.index == index)


def test_each_problem_kind():
    geoms = [
        box(0, 0, 100, 100),  # 0 fine
        None,  # 1 empty
        Polygon([(5000, 0), (5010, 10), (5010, 0), (5000, 10)]),  # 2 bowtie: invalid
        Polygon([(500, 0), (600, 0), (600, 0), (600, 100), (500, 100)]),  # 3 duplicate vertex
        box(1000, 0, 1000.5, 1),  # 4 small sliver
        box(2000, 0, 2200, 1),  # 5 thin sliver (200 m × 1 m)
        MultiPolygon([box(3000, 0, 3100, 100), box(3050, 0, 3150, 100)]),  # 6 self-overlap
        box(50, 50, 150, 150),  # 7 overlaps parcel 0 by 2,500 m²
        box(4000, 0, 4100, 100),  # 8 declared area 12 % off
    ]
    declared = [10000, None, None, None, None, None, None, None, 11200]
    problems = check_parcels(geoms, declared_m2=declared, area_tolerance=0.05)
    assert kinds(problems, 0) == ["overlap"]
    assert kinds(problems, 1) == ["empty"]
    assert "invalid" in kinds(problems, 2)
    assert kinds(problems, 3) == ["duplicate_vertices"]
    assert kinds(problems, 4) == ["sliver"]
    assert kinds(problems, 5) == ["sliver"]
    assert "self_overlap" in kinds(problems, 6)
    assert kinds(problems, 7) == []  # the overlap is reported once, on the first parcel
    assert kinds(problems, 8) == ["area_mismatch"]
    overlap = next(p for p in problems if p.kind == "overlap")
    assert overlap.other == 7 and overlap.value == pytest.approx(2500)
    assert overlap.geometry.area == pytest.approx(2500)
    self_ov = next(p for p in problems if p.kind == "self_overlap")
    assert self_ov.value == pytest.approx(5000)
    mismatch = next(p for p in problems if p.kind == "area_mismatch")
    assert "-10.7%" in mismatch.detail


def test_overlaps_only_within_the_same_stage():
    geoms = [box(0, 0, 10, 10), box(5, 0, 15, 10), box(8, 0, 20, 10)]
    problems = check_parcels(geoms, stages=["供地", "规划许可", "供地"])
    pairs = [(p.index, p.other) for p in problems if p.kind == "overlap"]
    assert pairs == [(0, 2)]
