"""core/overlay_cache: a prepared layer written to disk and read back reviews the same."""

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from yimatong_plugin.core import overlay_cache
from yimatong_plugin.core.overlay import (
    AVOID,
    ControlLayer,
    PreparedLayer,
    ZoningLayer,
    compliance_overlay,
)
from yimatong_plugin.core.overlay_cache import CacheError

BOWTIE = Polygon([(0, 0), (100, 100), (100, 0), (0, 100), (0, 0)])


def star(cx, cy, r, n, seed=0):
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    rr = r * (1 + 0.25 * np.sin(7 * t) + 0.03 * rng.random(n))
    return Polygon(np.c_[cx + rr * np.cos(t), cy + rr * np.sin(t)])


def parcels(n=120, seed=1, extent=3000):
    rng = np.random.default_rng(seed)
    out = [box(x, y, x + 150, y + 90) for x, y in rng.random((n, 2)) * extent]
    out.append(shapely.affinity.translate(BOWTIE, 4000, 4000))  # invalid parcel
    return out


def layers():
    rng = np.random.default_rng(3)
    farm = [box(x, y, x + 60, y + 60) for x, y in rng.random((1500, 2)) * 8000]
    farm.append(shapely.affinity.translate(BOWTIE, 4020, 4010))  # invalid control polygon
    red = [star(4000, 4000, 3000, 6000, 4), star(2000, 6000, 1500, 3000, 5)]
    zoning = [box(x, y, x + 2000, y + 2000) for x in range(0, 8000, 2000) for y in (0, 4000)]
    codes = ["0101", "0701"] * 8
    return farm, red, zoning, codes


def areas(result):
    return {
        (r.index, ov.layer, ov.class_code): ov.overlap_m2
        for r in result.parcels
        for ov in r.overlaps
    }


def review(farm, red, zoning, ps=None):
    return compliance_overlay(
        ps or parcels(),
        [ControlLayer("基本农田", farm, AVOID), ControlLayer("红线", red, AVOID)],
        zoning=zoning,
        workers=2,
    )


def test_round_trip_reviews_the_same_and_keeps_what_was_learned(tmp_path):
    farm, red, zoning, codes = layers()
    pf, pr = PreparedLayer(farm), PreparedLayer(red)
    pz = PreparedLayer(zoning, codes=codes)
    for p in (pf, pr, pz):
        p.meta["fids"] = np.arange(p.n)
    first = review(pf, pr, ZoningLayer(pz, name="zoning"))
    assert pr._cells  # the huge red lines were cut
    assert len(pf.repaired_ids) == 1
    files = {}
    for name, p in (("farm", pf), ("red", pr), ("zoning", pz)):
        files[name] = str(tmp_path / f"{name}.npz")
        overlay_cache.save(p, files[name], f"key-{name}")
    back = {n: overlay_cache.load(f, f"key-{n}") for n, f in files.items()}
    br = back["red"]
    assert sorted(br._cells) == sorted(pr._cells)
    for i, cells in pr._cells.items():
        assert len(br._cells[i].pieces) == len(cells.pieces)
        assert (br._cells[i].checked == cells.checked).all()
    assert (back["farm"].state == pf.state).all()
    assert list(back["farm"].repaired_ids) == list(pf.repaired_ids)
    assert (back["zoning"].codes == pz.codes).all()
    assert back["red"].meta["saved"] == overlay_cache.signature(back["red"])
    again = review(back["farm"], back["red"], ZoningLayer(back["zoning"], name="zoning"))
    assert areas(again) == areas(first)
    # the read-back copy goes on learning: parcels elsewhere cut more cells
    more = parcels(60, seed=9, extent=8000)
    fresh = review(PreparedLayer(farm), PreparedLayer(red), None, more)
    reused = review(back["farm"], back["red"], None, more)
    assert areas(reused) == pytest.approx(areas(fresh), rel=1e-12, abs=1e-9)
    assert overlay_cache.signature(back["red"]) != back["red"].meta["saved"]


def test_lazy_layer_needs_a_loader(tmp_path):
    farm, *_ = layers()
    geoms = np.asarray(farm, dtype=object)
    lazy = PreparedLayer(
        None,
        boxes=shapely.bounds(geoms),
        loader=lambda ids: geoms[ids],
        meta={"fids": np.arange(len(geoms)) + 1},
    )
    first = review(lazy, [star(4000, 4000, 3000, 6000, 4)], None)
    assert 0 < lazy.loaded_count < lazy.n
    path = str(tmp_path / "lazy.npz")
    overlay_cache.save(lazy, path, "k")
    with pytest.raises(CacheError):
        overlay_cache.load(path, "k")  # no loader: refused
    seen = []

    def make_loader(fids):
        seen.append(fids)
        return lambda ids: geoms[ids]

    back = overlay_cache.load(path, "k", make_loader)
    assert (seen[0] == np.arange(len(geoms)) + 1).all()
    # validity is kept; only repaired geometries are stored, the others are read again
    assert (back.state == lazy.state).all()
    assert back.loaded_count == len(np.intersect1d(back.repaired_ids, np.nonzero(lazy.loaded)[0]))
    assert back.loaded_count >= 1  # the repaired bowtie
    again = review(back, [star(4000, 4000, 3000, 6000, 4)], None)
    assert areas(again) == areas(first)


def test_other_key_corrupt_or_truncated_files_are_refused(tmp_path):
    farm, red, *_ = layers()
    p = PreparedLayer(red)
    review(PreparedLayer(farm), p, None)
    path = tmp_path / "red.npz"
    overlay_cache.save(p, str(path), "version-1", stale=[str(tmp_path / "old.npz")])
    with pytest.raises(CacheError, match="another layer version"):
        overlay_cache.load(str(path), "version-2")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CacheError):
        overlay_cache.load(str(path), "version-1")
    path.write_bytes(b"not a cache file")
    with pytest.raises(CacheError):
        overlay_cache.load(str(path), "version-1")
    # stale files of the same layer are removed when a new version is written
    old = tmp_path / "old.npz"
    old.write_bytes(b"x")
    overlay_cache.save(p, str(path), "version-1", stale=[str(old)])
    assert not old.exists()
    assert overlay_cache.load(str(path), "version-1").n == p.n
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize("seed, mean_size", [(11, 80), (12, 300), (13, 5)])
def test_box_grid_answers_like_a_full_tree(seed, mean_size):
    """Lazy layers index only the boxes near the queries; answers equal a tree of all boxes."""
    from yimatong_plugin.core.overlay import _BoxGrid

    rng = np.random.default_rng(seed)
    xy = rng.random((20_000, 2)) * 50_000
    wh = rng.exponential(mean_size, (20_000, 2))
    boxes = np.column_stack([xy, xy + wh])
    boxes[:5, 2:] += 40_000  # a few huge boxes (red-line polygons)
    boxes[5:10, 2:] = boxes[5:10, :2]  # and degenerate ones (points)
    full = shapely.STRtree(shapely.box(*boxes.T))
    grid = _BoxGrid(boxes)
    for k, (scale, offset) in enumerate(((5_000, 0), (5_000, 30_000), (80_000, -20_000))):
        q = rng.random((300, 2)) * scale + offset
        qs = shapely.box(q[:, 0], q[:, 1], q[:, 0] + 300, q[:, 1] + 200)
        if k == 2:
            qs[0] = None
            qs[1] = shapely.Polygon()
            qs[2] = shapely.box(*boxes[7, :2], *boxes[7, :2])  # touches a point box exactly
        got = grid.query(qs)
        want = full.query(qs)
        assert sorted(zip(*map(np.ndarray.tolist, got))) == sorted(
            zip(*map(np.ndarray.tolist, want))
        )
        if k == 0 and mean_size < 100:
            assert grid.indexed.sum() < len(boxes) / 4  # only the part near the queries


def test_prune_removes_old_then_least_recently_used_files(tmp_path):
    import os
    import time

    now = time.time()
    for name, age_days, size in (("old", 90, 10), ("a", 3, 400), ("b", 2, 400), ("c", 1, 400)):
        path = tmp_path / f"{name}.npz"
        path.write_bytes(b"x" * size)
        os.utime(path, (now - age_days * 86400, now - age_days * 86400))
    (tmp_path / "keep.txt").write_bytes(b"x" * 5000)  # not a cache file
    removed = overlay_cache.prune(str(tmp_path), max_bytes=900, max_age_days=60)
    assert sorted(os.path.basename(p) for p in removed) == ["a.npz", "old.npz"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.npz", "c.npz", "keep.txt"]
    assert overlay_cache.prune(str(tmp_path / "missing")) == []
