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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely

from ..i18n import tr
from ..landuse_compat import COMPATIBLE, compatibility, normalise_land_use
from ..overlay import AVOID, INSIDE, RULES, ControlLayer, PreparedLayer, ZoningLayer, repair

_EMPTY = shapely.Polygon()


@dataclass
class AllowedLand:
    """The allowed land and what each constraint removed (m², for the report and the log)."""

    geometry: object
    search_m2: float
    search_bounds: tuple = (0.0, 0.0, 0.0, 0.0)
    removed_m2: dict = field(default_factory=dict)  # step name -> m² removed by that step
    compatible_codes: list = field(default_factory=list)
    other_codes: list = field(default_factory=list)
    repaired: dict = field(default_factory=dict)  # layer name -> number of repaired polygons


def search_geometry(geoms) -> object:
    """One valid (multi)polygon: the union of the repaired search-area polygons."""
    fixed, _repaired, unusable = repair(np.asarray(geoms, dtype=object))
    fixed = fixed[~unusable]
    if not len(fixed):
        raise ValueError(tr("The search area has no polygon with an area"))
    return shapely.union_all(fixed)


def layer_union(prepared: PreparedLayer, area, mask: np.ndarray | None = None):
    """``(union, repaired_count)``: the repaired polygons of ``prepared`` whose box meets
    ``area``'s box (only those where ``mask`` is True), clipped to that box, unioned."""
    if prepared.n == 0:
        return _EMPTY, 0
    _a, ids = prepared.query(np.array([area], dtype=object))
    ids = np.unique(ids)
    if mask is not None:
        ids = ids[mask[ids]]
    if not len(ids):
        return _EMPTY, 0
    prepared.load(ids)
    fixed, repaired, unusable = repair(prepared.geoms[ids])
    fixed = fixed[~unusable]
    if not len(fixed):
        return _EMPTY, 0
    # clip to the search box first: exact for what follows, and cheap for huge red-line polygons
    fixed = shapely.clip_by_rect(fixed, *area.bounds)
    fixed = fixed[~shapely.is_empty(fixed)]
    return (shapely.union_all(fixed) if len(fixed) else _EMPTY), int(repaired.sum())


def allowed_land(
    search,
    layers: Sequence[ControlLayer] = (),
    zoning: ZoningLayer | None = None,
    land_use: str | None = None,
    exclude: Sequence = (),
    is_canceled=lambda: False,
) -> AllowedLand:
    """The land where a project of ``land_use`` complies with every line and the zoning.

    ``search``: shapely polygons (the search area); ``exclude``: shapely polygons of land not to
    offer (e.g. parcels already supplied). Raises ValueError for an unknown rule or use code.
    """
    from ..overlay import OverlayCanceledError

    area = search_geometry(search)
    result = AllowedLand(area, float(area.area), tuple(area.bounds))
    current = area

    def step(name, new):
        nonlocal current
        if is_canceled():
            raise OverlayCanceledError()
        result.removed_m2[name] = max(0.0, float(current.area - new.area))
        current = new

    for layer in layers:
        if layer.rule not in RULES:
            raise ValueError(
                tr(
                    "Unknown rule '{rule}' for control layer '{layer}' (use avoid or inside)"
                ).format(rule=layer.rule, layer=layer.name)
            )
    for layer in layers:
        union, nrep = layer_union(layer.prepared(), area)
        result.repaired[layer.name] = nrep
        if layer.rule == AVOID:
            step(layer.name, shapely.difference(current, union) if not union.is_empty else current)
        elif layer.rule == INSIDE:
            step(layer.name, shapely.intersection(current, union))
    if zoning is not None:
        if normalise_land_use(land_use) is None:
            raise ValueError(
                tr("Land-use code '{code}' is unknown: give a 用地用海 code such as 1001").format(
                    code=land_use
                )
            )
        prep = zoning.prepared()
        codes = prep.codes if prep.codes is not None else np.array([""] * prep.n)
        verdicts = {c: compatibility(c, land_use) for c in np.unique(codes).tolist()}
        ok = np.array([verdicts[c] == COMPATIBLE for c in codes.tolist()], dtype=bool)
        result.compatible_codes = sorted(c for c, v in verdicts.items() if v == COMPATIBLE)
        result.other_codes = sorted(c for c, v in verdicts.items() if v != COMPATIBLE)
        good, nrep = layer_union(prep, area, ok)
        bad, nrep2 = layer_union(prep, area, ~ok)
        result.repaired[zoning.name] = nrep + nrep2
        zoned = shapely.difference(good, bad) if not bad.is_empty else good
        step(zoning.name, shapely.intersection(current, zoned))
    if len(exclude):
        fixed, _rep, unusable = repair(np.asarray(exclude, dtype=object))
        fixed = fixed[~unusable]
        if len(fixed):
            step("exclude", shapely.difference(current, shapely.union_all(fixed)))
    result.geometry = current
    return result
