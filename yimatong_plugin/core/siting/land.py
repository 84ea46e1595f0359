"""The allowed land of a site search, on shapely 2 arrays in the area CRS.

::

    allowed = search area
              − ⋃ avoid lines                      (红线, 永久基本农田 …: rule ``avoid``)
              ∩ ⋂ (⋃ polygons of each inside line)  (城镇开发边界 …: rule ``inside``)
              ∩ (⋃ zoning compatible with the use − ⋃ other zoning)
              − ⋃ excluded land                     (parcels already supplied …)

The layers are the compliance engine's :class:`~..overlay.ControlLayer` /
:class:`~..overlay.ZoningLayer` (the same rules), the geometries repaired as the compliance
review repairs them (``make_valid``, polygonal parts kept). Zoning counts as compatible only where
the compliance review's table says 合规 for the project's use (:func:`~..landuse_compat.
compatibility`); 需论证 classes (留白, 其他土地, unknown codes) are not offered. Land zoned both
compatible and otherwise (overlapping zoning polygons) is not offered either, and land with no
zoning polygon is not offered when a zoning layer is given.

The work runs per square tile of the search area (:func:`tile_land`): each tile gets only the
layer polygons that meet the land still allowed in it, so the GEOS operations stay small and the
tiles run on threads. Positive constraints (inside lines, zoning) go first, then the avoid
lines and the excluded land; ``removed_m2`` says how much each step removed in that order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from .. import zoning_scheme
from ..i18n import tr
from ..landuse_compat import ARGUE, COMPATIBLE, compatibility, normalise_land_use
from ..overlay import (
    AVOID,
    INSIDE,
    PreparedLayer,
    check_rules,
    clip_box,
    polygonal,
    repair,
)

_EMPTY = shapely.Polygon()


@dataclass
class AllowedLand:
    """The allowed land and what each constraint removed (m², for the report and the log)."""

    geometry: object  # the allowed land; with tiles a MultiPolygon of the tiles' parts
    search_m2: float
    search_bounds: tuple = (0.0, 0.0, 0.0, 0.0)
    removed_m2: dict = field(default_factory=dict)  # step name -> m² removed by that step
    compatible_codes: list = field(default_factory=list)
    other_codes: list = field(default_factory=list)


def search_geometry(geoms) -> object:
    """One valid (multi)polygon: the union of the repaired search-area polygons."""
    fixed, _repaired, unusable = repair(np.asarray(geoms, dtype=object))
    fixed = fixed[~unusable]
    if not len(fixed):
        raise ValueError(tr("The search area has no polygon with an area"))
    return shapely.union_all(fixed)


class Constraints:
    """The constraint layers of a search, checked and prepared once for all tiles."""

    def __init__(self, layers=(), zoning=None, land_use=None, exclude=()):
        check_rules(layers)
        self.inside = [(c.name, c.prepared()) for c in layers if c.rule == INSIDE]
        self.avoid = [(c.name, c.prepared(), None) for c in layers if c.rule == AVOID]
        self.zoning = None
        self.compatible_codes, self.other_codes = [], []
        if zoning is not None:
            if normalise_land_use(land_use) is None:
                raise ValueError(
                    tr(
                        "Land-use code '{code}' is unknown: give a 用地用海 code such as 1001"
                    ).format(code=land_use)
                )
            prep = zoning.prepared()
            codes = prep.codes if prep.codes is not None else np.array([""] * prep.n)
            scheme = getattr(zoning, "scheme", zoning_scheme.Y2023)

            def verdict(code):
                planned = zoning_scheme.normalise(code, scheme)
                return compatibility(planned, land_use) if planned else ARGUE

            verdicts = {c: verdict(c) for c in np.unique(codes).tolist()}
            ok = np.array([verdicts[c] == COMPATIBLE for c in codes.tolist()], dtype=bool)
            self.compatible_codes = sorted(c for c, v in verdicts.items() if v == COMPATIBLE)
            self.other_codes = sorted(c for c, v in verdicts.items() if v != COMPATIBLE)
            self.zoning = (zoning.name, prep, ok)
        if len(exclude):
            fixed, _rep, unusable = repair(np.asarray(exclude, dtype=object))
            self.avoid.append(("exclude", PreparedLayer(fixed[~unusable]), None))
        self.steps = [n for n, _p in self.inside]
        self.steps += [self.zoning[0]] if self.zoning else []
        self.steps += [n for n, _p, _m in self.avoid]


def layer_union(prepared: PreparedLayer, land, rect, mask: np.ndarray | None = None):
    """The union of the repaired polygons of ``prepared`` meeting ``land`` (a geometry whose
    parts are queried; only polygons where ``mask`` is True), clipped to ``rect``."""
    if prepared.n == 0 or land.is_empty:
        return _EMPTY
    _a, ids = prepared.query(shapely.get_parts(land))
    ids = np.unique(ids)
    if mask is not None:
        ids = ids[mask[ids]]
    if not len(ids):
        return _EMPTY
    prepared.ensure_valid(ids)  # once per polygon, remembered in the (cached) layer
    ids = ids[prepared.state[ids] != PreparedLayer.UNUSABLE]
    if not len(ids):
        return _EMPTY
    # clip to the tile first: exact for what follows, and cheap for huge red-line polygons
    fixed = polygonal(clip_box(prepared.geoms[ids], rect))
    fixed = fixed[~shapely.is_empty(fixed)]
    return shapely.union_all(fixed) if len(fixed) else _EMPTY


def tile_land(cons: Constraints, search, rect, core=None, is_canceled=lambda: False):
    """``(land, removed)``: the allowed land of ``search`` inside the box ``rect``, and per step
    the area it removed inside the box ``core`` (default ``rect``; tiles with a margin count
    only their core, so the tiles' counts add up)."""
    from ..overlay import OverlayCanceledError

    core = core or rect
    current = polygonal(clip_box(search, rect))
    removed = {}

    def core_area(g):
        return float(clip_box(g, core).area) if not g.is_empty else 0.0

    def step(name, new):
        nonlocal current
        if is_canceled():
            raise OverlayCanceledError()
        new = polygonal(new)
        removed[name] = max(0.0, core_area(current) - core_area(new))
        current = new

    for name, prep in cons.inside:
        step(name, shapely.intersection(current, layer_union(prep, current, rect)))
    if cons.zoning is not None:
        name, prep, ok = cons.zoning
        good = layer_union(prep, current, rect, ok)
        bad = layer_union(prep, current, rect, ~ok)
        zoned = shapely.difference(good, bad) if not bad.is_empty else good
        step(name, shapely.intersection(current, zoned))
    for name, prep, _m in cons.avoid:
        union = layer_union(prep, current, rect)
        step(name, shapely.difference(current, union) if not union.is_empty else current)
    return current, removed
