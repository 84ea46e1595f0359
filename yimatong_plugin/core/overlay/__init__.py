"""Compliance engine: parcels overlaid on control lines and zoning, on shapely 2 arrays.

No Qt/QGIS here; :mod:`yimatong_plugin.gis` converts layers to shapely arrays in the area CRS.

Contract (what a planner signs): for every parcel *P* and control layer *L*::

    overlap_m2 == area(make_valid(P) ∩ union(polygons of L near P))

within 1e-6 relative + 0.01 m². Polygons that overlap inside one layer are never counted twice;
invalid geometries on either side are repaired (``make_valid``, polygonal parts kept) and
reported, never dropped.

How it is fast (each step measured in ``benchmarks/compliance.py``, see benchmarks/RESULTS.md):

* one ``STRtree`` per layer, bulk bounding-box query of all parcels at once; a layer may be
  *lazy* (boxes + a loader, e.g. a GeoPackage R-tree): geometries are read only for the boxes
  parcels meet;
* validity is checked (and repaired) only for the layer polygons a parcel's box touches, once
  per polygon, and remembered in the :class:`PreparedLayer`;
* polygons with more than :data:`HUGE_VERTICES` vertices are checked (and repaired) whole
  when a parcel first meets them and prepared: a parcel the whole polygon misses or holds
  needs nothing more; one crossing its boundary is intersected with the pieces a published
  set cut (a binary tree of halves, :func:`clip_box`: the exact overlay, never GEOS's
  ``clip_by_rect``, which can return a box's complement; only the halves met are cut) into
  cells of at most :data:`MAX_VERTICES` vertices, or else with the whole polygon (cheaper
  than cutting for one review);
* containment shortcuts: a piece holding the whole parcel, or lying wholly inside it, needs no
  intersection;
* intersections run vectorised in chunks on threads (shapely releases the GIL);
* the pieces of one (parcel, layer) are unioned only when one of their source polygons overlaps
  another polygon of the layer (checked once per polygon); otherwise their areas add up;
* the layers run side by side on threads, each with its own prepared copy of the parcels
  (GEOS builds a prepared geometry's indexes lazily, which is not thread-safe);
* a lazy layer indexes only the boxes near the parcels asked about (:class:`_BoxGrid`);
* :data:`CACHE` keeps prepared layers (trees, validity, cells) keyed by the caller's key
  (source + modification time) so later reviews in the same session skip all of that;
  :mod:`..overlay_cache` writes them to disk for later sessions.
"""

from .boxgrid import _BoxGrid
from .cache import CACHE, LayerCache
from .cells import MAX_VERTICES, _Cells
from .engine import CHUNK, compliance_overlay, default_workers, layer_overlaps
from .geometry import clip_box, polygonal, repair
from .model import (
    AVOID,
    CONTROL_ROLE,
    INSIDE,
    RULES,
    VERDICT_ARGUE,
    VERDICT_CONFLICT,
    VERDICT_OK,
    ZONING_ROLE,
    ControlLayer,
    Overlap,
    OverlayCanceledError,
    OverlayResult,
    ParcelResult,
    ZoningLayer,
    check_rules,
)
from .prepared import HOLDS_PARCEL, HUGE_VERTICES, INSIDE_PARCEL, NONE, PreparedLayer

__all__ = [
    "AVOID",
    "CACHE",
    "CHUNK",
    "CONTROL_ROLE",
    "HOLDS_PARCEL",
    "HUGE_VERTICES",
    "INSIDE",
    "INSIDE_PARCEL",
    "MAX_VERTICES",
    "NONE",
    "RULES",
    "check_rules",
    "VERDICT_ARGUE",
    "VERDICT_CONFLICT",
    "VERDICT_OK",
    "ZONING_ROLE",
    "ControlLayer",
    "LayerCache",
    "Overlap",
    "OverlayCanceledError",
    "OverlayResult",
    "ParcelResult",
    "PreparedLayer",
    "ZoningLayer",
    "_BoxGrid",
    "_Cells",
    "clip_box",
    "compliance_overlay",
    "default_workers",
    "layer_overlaps",
    "polygonal",
    "repair",
]
