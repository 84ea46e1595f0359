"""A parcel's library area subtracts its holes whatever the winding of the rings."""

import pytest
import shapely

from yimatong_plugin.core.library.geometry import prepare_parcel

# a 120 m square with a 20 m square hole in EPSG:4546 (CGCS2000 GK CM 111E, Changde)
SHELL = shapely.box(500000, 3210880, 500120, 3211000).exterior.coords
HOLE = shapely.box(500020, 3210960, 500040, 3210980).exterior.coords  # wound like the shell


@pytest.mark.parametrize("hole", [list(HOLE), list(HOLE)[::-1]], ids=["same", "opposite"])
def test_hole_is_subtracted_whatever_its_winding(hole):
    polygon = shapely.Polygon(SHELL, [hole])
    assert polygon.area == 14_000.0
    for geom in (polygon, shapely.MultiPolygon([polygon])):
        # ellipsoidal versus planar near the central meridian: well within 0.1 %
        assert prepare_parcel(geom, "EPSG:4546").area_m2 == pytest.approx(14_000.0, rel=0.001)
