"""Shapely must work when QGIS's own GEOS is already loaded, as in the QGIS desktop.

The QGIS executable links the system GEOS (3.11 on Debian 12) into the global symbol scope;
shapely's calls then resolve there. A shapely wheel built for a newer GEOS returned NaN Z
coordinates and refused WKB/WKT output in that situation. This test reproduces the desktop
by preloading the system GEOS into a fresh interpreter.
"""

import glob
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import shapely
from shapely.geometry import Polygon
from yimatong_plugin.core.shapely_compat import geos_self_test
from yimatong_plugin.core.overlay import __name__ as _overlay  # imports cleanly
problem = geos_self_test()
assert problem is None, problem
bowtie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
fixed = shapely.make_valid(bowtie)
assert abs(fixed.area - 2.0) < 1e-9, fixed.area
assert list(shapely.box(0, 0, 1, 1).exterior.coords)[0] == (1.0, 0.0)
print("ok", shapely.__version__)
"""


def _system_geos():
    found = sorted(glob.glob("/usr/lib/*/libgeos_c.so.1")) + sorted(
        glob.glob("/usr/lib/libgeos_c.so.1")
    )
    return found[0] if found else None


def test_shapely_works_with_qgis_geos_preloaded():
    geos = _system_geos()
    if geos is None:
        pytest.fail("the system GEOS (a QGIS dependency) is not installed")
    env = dict(os.environ, LD_PRELOAD=geos, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok")
