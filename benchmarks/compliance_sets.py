"""The published-control-set part of ``benchmarks/compliance.py`` (run inside its child process).

Publishing (``yimatong:publishcontrolset``: the farmland and red-line layers stored in a fresh
GeoPackage library and prepared whole) is timed on its own. Then the review against the
published set (``CONTROL_SET``): *first* = the memory cache cleared and an empty disk-cache
directory, as on a machine that never saw the data (it reads the preparation from the library;
the zoning layer, not part of the set, is prepared cold); *warm* = the same review again in the
session. Both against the native time of the same run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path


def _review(layers, library, context):
    import processing
    from qgis.core import QgsProcessingFeedback

    params = {
        "PARCELS": layers["parcels"],
        "PARCEL_ID": "pid",
        "LIBRARY": str(library),
        "CONTROL_SET": "三区三线",
        "ZONING": layers["zoning"],
        "ZONING_FIELD": "code",
        "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
    }
    t0 = time.perf_counter()
    res = processing.run(
        "yimatong:complianceoverlay", params, context=context, feedback=QgsProcessingFeedback()
    )
    return time.perf_counter() - t0, res


def _table(res):
    return {(f["parcel_id"], f["layer"], f["class_code"]): f["overlap_m2"]
            for f in res["OUTPUT_TABLE"].getFeatures()}  # fmt: skip


def run_published(layers, context_factory, epsg, reference, native, repeat=1):
    """Print publishing time, first and warm review against the published set, ratios to
    ``native`` (seconds) and the worst difference to ``reference`` (a review on the layers)."""
    import processing
    from qgis.core import QgsProcessingFeedback

    from yimatong_plugin.core import overlay
    from yimatong_plugin.core.library import open_library

    work = Path(tempfile.mkdtemp(prefix="yimatong_bench_set_"))
    library = work / "library.gpkg"
    old_cache = os.environ.get("YIMATONG_CACHE_DIR")
    try:
        open_library(str(library), user="bench").close()
        overlay.CACHE.clear()
        t0 = time.perf_counter()
        pub = processing.run(
            "yimatong:publishcontrolset",
            {
                "LIBRARY": str(library),
                "NAME": "三区三线",
                "LAYERS": [layers["farmland"], layers["redline"]],
                "RULES": "farmland=avoid;redline=avoid",
                "DOC_NO": "benchmark",
                "AREA_CRS": f"EPSG:{epsg}",
            },
            context=context_factory(),
            feedback=QgsProcessingFeedback(),
        )
        publish = time.perf_counter() - t0
        size_mb = library.stat().st_size / 1e6
        firsts, warms = [], []
        for k in range(repeat):
            cache = work / f"cache{k}"
            os.environ["YIMATONG_CACHE_DIR"] = str(cache)  # empty: never saw the data
            overlay.CACHE.clear()
            t, res = _review(layers, library, context_factory())
            firsts.append(t)
            t, res = _review(layers, library, context_factory())
            warms.append(t)
        first, warm = min(firsts), min(warms)
        ours, ref = _table(res), _table(reference)
        keys = set(ours) | set(ref)
        worst = max((abs((ours.get(k) or 0.0) - (ref.get(k) or 0.0)) for k in keys), default=0.0)
        print(
            f"published set: publishing {publish:.2f} s ({pub['PREPARED']} layers prepared, "
            f"library {size_mb:.0f} MB); review against it: first {first:.2f} s (no cache on "
            f"this machine), warm {warm:.2f} s  (best of {repeat})"
        )
        print(
            f"ratio native/ours against the published set: first {native / first:6.1f}x   "
            f"warm {native / warm:6.1f}x   (goal: first >= 20x, warm >= 30x); worst |set - "
            f"layers| overlap {worst:.6f} m² over {len(keys)} rows"
        )
    finally:
        if old_cache is None:
            os.environ.pop("YIMATONG_CACHE_DIR", None)
        else:
            os.environ["YIMATONG_CACHE_DIR"] = old_cache
        shutil.rmtree(work, ignore_errors=True)


def add_duplicates(farmland, rng, n_dup=600, n_over=600):
    """Real data's trouble: exact duplicates of ``n_dup`` farmland polygons and ``n_over``
    more grown to overlap their neighbours (appended / replaced; returns the new array)."""
    import numpy as np
    import shapely

    idx = np.arange(len(farmland))
    over = rng.choice(idx, n_over, replace=False)
    farmland = farmland.copy()
    farmland[over] = shapely.buffer(farmland[over], 20.0, quad_segs=2)
    dups = farmland[rng.choice(idx, n_dup, replace=False)]
    return np.concatenate([farmland, dups])
