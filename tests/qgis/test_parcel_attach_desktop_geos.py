"""Found in the real desktop (scene parcel_attach): with QGIS's GEOS loaded, the GCJ-02 check's
un-shifted geometry carried NaN Z values and its overlays warned "invalid value encountered in
intersection". Reproduced by preloading the system GEOS into a fresh interpreter, warnings as
errors."""

import glob
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import warnings
import shapely
from yimatong_plugin.core.gcj02 import wgs84_to_gcj02
from yimatong_plugin.gis.parcel_attach import _gcj02_unshift, gcj02_check

true = shapely.box(111.700, 29.000, 111.702, 29.0018)
xy = shapely.get_coordinates(true)
gx, gy = wgs84_to_gcj02(xy[:, 0], xy[:, 1])
shifted = shapely.Polygon(list(zip(gx, gy)))
warnings.simplefilter("error")
assert not shapely.has_z(_gcj02_unshift(shifted))
suspect, metres, ref = gcj02_check(shifted, [(1, true)])
assert suspect and ref == 1 and 300 < metres < 1000, (suspect, metres, ref)
assert gcj02_check(shapely.box(111.703, 29.0, 111.704, 29.0008), [(1, true)])[0] is False
print("ok")
"""


def test_gcj02_check_with_qgis_geos_preloaded():
    geos = sorted(glob.glob("/usr/lib/*/libgeos_c.so.1"))
    assert geos, "the system GEOS (a QGIS dependency) is not installed"
    env = dict(
        os.environ,
        LD_PRELOAD=geos[0],
        PYTHONPATH=f"{ROOT}:/usr/share/qgis/python/plugins",
        PROJ_DATA=os.environ.get("PROJ_DATA", "/usr/share/proj"),
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")
