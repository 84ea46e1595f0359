"""A published preparation read from the library's bytes in place (no copy through the zip
reader): the same review as from a file; truncated or altered bytes refused."""

import numpy as np
import pytest

from yimatong_plugin.core import overlay_cache
from yimatong_plugin.core.overlay import PreparedLayer
from yimatong_plugin.core.overlay.publish import from_bytes, key_text, prepare_fully, to_bytes
from yimatong_plugin.core.overlay_cache import CacheError

from .test_overlay_cache import areas, layers, parcels, review

SHA = "ab" * 32


def published():
    farm, red, *_ = layers()
    out = []
    for geoms in (farm, red):
        layer = prepare_fully(PreparedLayer(geoms))
        layer.meta["fids"] = np.arange(layer.n)
        out.append((layer, to_bytes(layer, SHA, 4546)))
    return out


def test_bytes_read_in_place_review_like_the_preparation(tmp_path):
    (farm, farm_bytes), (red, red_bytes) = published()
    first = review(farm, red, None, parcels(80, seed=3))
    back_farm, back_red = from_bytes(farm_bytes, SHA, 4546), from_bytes(red_bytes, SHA, 4546)
    assert back_farm.loaded_count == 0  # decoded only where parcels are
    assert sorted(back_red._cells) == sorted(red._cells)
    again = review(back_farm, back_red, None, parcels(80, seed=3))
    assert areas(again) == areas(first)
    # the same bytes through a file give the same layer
    path = tmp_path / "red.npz"
    path.write_bytes(red_bytes)
    from_file = overlay_cache.load(str(path), key_text(SHA, 4546), on_demand=True)
    by_file = review(from_bytes(farm_bytes, SHA, 4546), from_file, None, parcels(80, seed=3))
    assert areas(by_file) == areas(first)


def test_truncated_or_altered_bytes_are_refused():
    (_farm, data), _red = published()
    with pytest.raises(CacheError, match="another layer version"):
        from_bytes(data, "cd" * 32, 4546)
    for bad in (data[: len(data) // 2], data[: len(data) - 40], b"not a preparation"):
        with pytest.raises(CacheError):
            from_bytes(bad, SHA, 4546)
