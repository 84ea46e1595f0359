"""WGS84 <-> GCJ-02: published reference values, the inverse's accuracy, vectorisation."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yimatong_plugin.core import gcj02

# (WGS84 lon, lat) -> (GCJ-02 lon, lat): the reference values of the widely used open
# implementations' test suites (eviltransform: Shanghai, Beijing)
REFERENCE = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536208)),
]


@pytest.mark.parametrize(("wgs", "gcj"), REFERENCE)
def test_forward_matches_reference_values(wgs, gcj):
    lon, lat = gcj02.wgs84_to_gcj02(*wgs)
    assert lon == pytest.approx(gcj[0], abs=1e-9)
    assert lat == pytest.approx(gcj[1], abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), REFERENCE)
def test_inverse_recovers_wgs84_of_reference_values(wgs, gcj):
    lon, lat = gcj02.gcj02_to_wgs84(*gcj)
    assert lon == pytest.approx(wgs[0], abs=1e-8)
    assert lat == pytest.approx(wgs[1], abs=1e-8)


def test_offset_in_changde_is_hundreds_of_metres():
    # the offset is what makes raw AMap boundaries unusable over CGCS2000 imagery
    assert 300 < gcj02.offset_m(111.7, 29.0) < 900


def test_outside_china_is_unchanged():
    assert gcj02.wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)
    assert gcj02.gcj02_to_wgs84(-74.0, 40.7) == (-74.0, 40.7)


def test_vectorised_over_arrays_keeps_shape():
    rng = np.random.default_rng(0)
    lon = rng.uniform(110.5, 112.3, size=(50, 4))
    lat = rng.uniform(28.4, 30.1, size=(50, 4))
    g_lon, g_lat = gcj02.wgs84_to_gcj02(lon, lat)
    assert g_lon.shape == lon.shape and g_lat.shape == lat.shape
    w_lon, w_lat = gcj02.gcj02_to_wgs84(g_lon, g_lat)
    assert np.max(np.abs(w_lon - lon)) < 1e-9
    assert np.max(np.abs(w_lat - lat)) < 1e-9
    # element-wise identical to the scalar call
    one = gcj02.wgs84_to_gcj02(float(lon[3, 2]), float(lat[3, 2]))
    assert one == (pytest.approx(g_lon[3, 2], abs=1e-12), pytest.approx(g_lat[3, 2], abs=1e-12))


def test_empty_arrays():
    lon, lat = gcj02.gcj02_to_wgs84(np.array([]), np.array([]))
    assert lon.size == 0 and lat.size == 0


@settings(max_examples=300, deadline=None)
@given(
    st.floats(min_value=73.0, max_value=135.0),
    st.floats(min_value=18.0, max_value=53.0),
)
def test_round_trip_error_below_a_tenth_of_a_millimetre_anywhere_in_china(lon, lat):
    g = gcj02.wgs84_to_gcj02(lon, lat)
    w = gcj02.gcj02_to_wgs84(*g)
    # 1e-6 degrees ~ 0.1 m is the contract; the iteration does far better
    assert abs(w[0] - lon) < 1e-8 and abs(w[1] - lat) < 1e-8
    # and the inverse is much better than the one-step approximation g - delta(g)
    naive = (2 * g[0] - gcj02.wgs84_to_gcj02(*g)[0], 2 * g[1] - gcj02.wgs84_to_gcj02(*g)[1])
    assert math.hypot(w[0] - lon, w[1] - lat) <= math.hypot(naive[0] - lon, naive[1] - lat) + 1e-12


def test_looks_like_gcj02_offset():
    rng = np.random.default_rng(1)
    lon = rng.uniform(111.0, 112.0, 20)
    lat = rng.uniform(28.5, 29.5, 20)
    g_lon, g_lat = gcj02.wgs84_to_gcj02(lon, lat)
    assert gcj02.looks_like_gcj02_offset(g_lon, g_lat, lon, lat)
    # true CGCS2000 data (a few metres of survey noise) does not look shifted
    noisy_lon = lon + rng.normal(0, 2e-5, 20)
    noisy_lat = lat + rng.normal(0, 2e-5, 20)
    assert not gcj02.looks_like_gcj02_offset(noisy_lon, noisy_lat, lon, lat)
    assert not gcj02.looks_like_gcj02_offset([], [], [], [])
