"""Shared test set-up: headless Qt, Processing on sys.path, the repo importable."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if Path("/usr/share/proj/proj.db").exists():  # pyproj in a venv misses Debian's PROJ data
    os.environ.setdefault("PROJ_DATA", "/usr/share/proj")
ROOT = Path(__file__).resolve().parent.parent
for path in (str(ROOT), "/usr/share/qgis/python/plugins"):
    if path not in sys.path:
        sys.path.insert(0, path)

from tests.postgis_server import postgis_server  # noqa: E402, F401  (session fixture)
