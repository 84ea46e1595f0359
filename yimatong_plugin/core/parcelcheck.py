"""Geometry quality of a parcel layer (Qt-free): one :class:`Problem` per problem found.

Problems (``kind``):

* ``empty``: NULL or empty geometry
* ``invalid``: not valid (GEOS's reason in words in ``detail``)
* ``duplicate_vertices``: consecutive repeated vertices in a ring (``value`` = how many)
* ``sliver``: area below the sliver area, or thinness 4πA/P² below the thinness threshold
* ``self_overlap``: parts of one multipolygon overlap each other (``value`` = overlap m²)
* ``overlap``: two parcels (of the same stage when stages are given) overlap (``value`` = m²)
* ``area_mismatch``: drawn area differs from the declared area beyond the tolerance
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely

from .i18n import tr, tr_noop
from .overlay import polygonal, repair

#: the problem kinds, in the order a parcel's problems are listed, with their words (translated
#: where shown: the check's output layer shows the words, its ``problem`` field keeps the keys)
KINDS = {
    "empty": tr_noop("empty geometry"),
    "invalid": tr_noop("invalid geometry"),
    "duplicate_vertices": tr_noop("repeated vertices"),
    "sliver": tr_noop("sliver"),
    "self_overlap": tr_noop("parts overlap each other"),
    "overlap": tr_noop("parcels overlap"),
    "area_mismatch": tr_noop("area differs from the declared area"),
}


#: GEOS's reasons for an invalid geometry (shapely.is_valid_reason), in words a user reads
#: (functions: translated when called)
GEOS_REASONS = {
    "Self-intersection": lambda: tr("self-intersection"),
    "Ring Self-intersection": lambda: tr("ring self-intersection"),
    "Too few points in geometry component": lambda: tr("too few points in a ring"),
    "Hole lies outside shell": lambda: tr("hole outside its outer ring"),
    "Holes are nested": lambda: tr("nested holes"),
    "Interior is disconnected": lambda: tr("interior is disconnected"),
    "Nested shells": lambda: tr("nested outer rings"),
    "Duplicate Rings": lambda: tr("duplicate rings"),
    "Invalid Coordinate": lambda: tr("invalid coordinate"),
    "Ring is not closed": lambda: tr("ring not closed"),
}


def invalid_reason_text(reason: str) -> str:
    """``Self-intersection[569690.21 3214286.99]`` -> ``自相交，位置 569690.21, 3214286.99``
    (translated); an unknown reason is kept as GEOS wrote it."""
    name, _, where = str(reason).partition("[")
    words = GEOS_REASONS.get(name.strip())
    if words is None:
        return str(reason)
    coords = where.rstrip("]").split()
    if len(coords) >= 2:
        return tr("{reason} at {x}, {y}").format(reason=words(), x=coords[0], y=coords[1])
    return words()


@dataclass
class Problem:
    index: int  # position of the parcel in the input
    kind: str
    detail: str
    value: float | None = None
    other: int | None = None  # the other parcel (overlaps)
    geometry: object = None  # where: the parcel, or the overlap


def check_parcels(
    geoms,
    stages: Sequence | None = None,
    declared_m2: Sequence | None = None,
    sliver_m2: float = 1.0,
    thinness: float = 0.05,
    overlap_m2: float = 0.01,
    area_tolerance: float = 0.05,
) -> list[Problem]:
    """Problems of ``geoms`` (shapely, in a projected CRS with metres).

    ``area_tolerance`` is relative (0.05 = 5 %); ``declared_m2`` holds None where unknown.
    """
    arr = np.asarray(geoms, dtype=object)
    fixed, repaired, unusable = repair(arr)
    problems: list[Problem] = []
    for i in np.nonzero(unusable)[0]:
        problems.append(Problem(int(i), "empty", tr("empty or NULL geometry")))
    live = np.nonzero(~unusable)[0]
    if not len(live):
        return problems
    raw = arr[live]
    valid = shapely.is_valid(raw)
    for j in np.nonzero(~valid)[0]:
        i = int(live[j])
        reason = invalid_reason_text(shapely.is_valid_reason(raw[j]))
        problems.append(Problem(i, "invalid", reason, geometry=fixed[i]))
    # duplicate consecutive vertices
    for j, g in enumerate(raw):
        rings = shapely.get_rings(polygonal(g)) if shapely.get_type_id(g) in (3, 6) else []
        dup = 0
        for ring in rings:
            xy = shapely.get_coordinates(ring)
            if len(xy) > 1:
                dup += int(np.count_nonzero(np.all(xy[1:] == xy[:-1], axis=1)))
        if dup:
            i = int(live[j])
            problems.append(
                Problem(
                    i,
                    "duplicate_vertices",
                    tr("{n} repeated consecutive vertices").format(n=dup),
                    float(dup),
                    geometry=fixed[i],
                )
            )
    good = fixed[live]
    area = shapely.area(good)
    perim = shapely.length(good)
    thin = np.where(perim > 0, 4 * np.pi * area / np.maximum(perim, 1e-12) ** 2, 0.0)
    for j in np.nonzero((area < sliver_m2) | (thin < thinness))[0]:
        i = int(live[j])
        detail = tr("sliver: area {area} m², thinness {thin} (4πA/P²)").format(
            area=f"{area[j]:.2f}", thin=f"{thin[j]:.3f}"
        )
        problems.append(Problem(i, "sliver", detail, float(area[j]), geometry=good[j]))
    # parts of one multipolygon overlapping each other
    for j in np.nonzero(shapely.get_type_id(raw) == 6)[0]:
        parts = shapely.get_parts(raw[j])
        if len(parts) < 2:
            continue
        parts = polygonal(shapely.make_valid(parts))
        total = float(np.sum(shapely.area(parts)))
        union = float(shapely.area(shapely.union_all(parts)))
        if total - union > overlap_m2:
            i = int(live[j])
            problems.append(
                Problem(
                    i,
                    "self_overlap",
                    tr("parts of the multipolygon overlap by {m2} m²").format(
                        m2=f"{total - union:.2f}"
                    ),
                    total - union,
                    geometry=fixed[i],
                )
            )
    # overlaps between parcels (of the same stage)
    tree = shapely.STRtree(good)
    a, b = tree.query(good, predicate="intersects")
    keep = a < b
    if stages is not None:
        st = np.asarray([None if s is None else str(s) for s in stages], dtype=object)[live]
        keep &= st[a] == st[b]
    a, b = a[keep], b[keep]
    if len(a):
        inter = shapely.intersection(good[a], good[b])
        inter_area = shapely.area(inter)
        for k in np.nonzero(inter_area > overlap_m2)[0]:
            i, o = int(live[a[k]]), int(live[b[k]])
            problems.append(
                Problem(
                    i,
                    "overlap",
                    tr("overlaps another parcel by {m2} m²").format(m2=f"{inter_area[k]:.2f}"),
                    float(inter_area[k]),
                    other=o,
                    geometry=polygonal(inter[k]),
                )
            )
    # drawn versus declared area
    if declared_m2 is not None:
        for j, i in enumerate(live.tolist()):
            declared = declared_m2[i]
            if declared is None:
                continue
            try:
                declared = float(declared)
            except (TypeError, ValueError):
                problems.append(
                    Problem(
                        i,
                        "area_mismatch",
                        tr("declared area '{value}' is not a number").format(value=declared),
                    )
                )
                continue
            drawn = float(area[j])
            if abs(drawn - declared) > area_tolerance * max(abs(declared), 1e-9):
                diff = (drawn - declared) / declared * 100 if declared else float("inf")
                problems.append(
                    Problem(
                        i,
                        "area_mismatch",
                        tr("drawn {drawn} m², declared {declared} m² ({diff}%)").format(
                            drawn=f"{drawn:.2f}", declared=f"{declared:.2f}", diff=f"{diff:+.1f}"
                        ),
                        drawn - declared,
                        geometry=good[j],
                    )
                )
    order = list(KINDS)
    problems.sort(key=lambda p: (p.index, order.index(p.kind)))
    return problems
