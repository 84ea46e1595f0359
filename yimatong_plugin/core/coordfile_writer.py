"""Writing the surveyors' coordinate file (坐标 TXT, see :mod:`.coordfile`), Qt-free."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

import shapely
from shapely.geometry.polygon import orient

from .coordfile import SECTION_META, SECTION_PARCELS, SHAPE_POLYGON, CoordFileError, Problem
from .i18n import tr
from .units import m2_to_hectares


@dataclass
class ExportParcel:
    geometry: object  # shapely (Multi)Polygon in the target CRS: x = easting as written, y = north
    number: str = ""
    name: str = ""
    sheet: str = ""
    use: str = ""
    class_code: str = ""


def _clean(text) -> str:
    """A header field: no commas (they separate fields), no @, one line."""
    text = "" if text is None else str(text)
    return re.sub(r"\s+", " ", text.replace(",", "，").replace("@", "＠")).strip()


def write_coordfile(
    parcels,
    zone: int,
    prefixed: bool = True,
    zone_width: int = 3,
    decimals: int = 3,
    producer: str = "",
    date: _dt.date | None = None,
) -> str:
    """The coordinate file text for ``parcels`` (:class:`ExportParcel`, coordinates already in
    the zone's CRS). Points J1… per parcel, every ring closed, 圈号 1 the first outer ring then
    its holes then further parts; 地块面积 in 公顷 from the rounded coordinates. Encode with
    :func:`encode_gbk`. Raises :class:`CoordFileError` for a parcel that cannot be written."""
    date = date or _dt.date.today()
    lines = [
        f"[{SECTION_META}]",
        "格式版本号=1.01版本",
        f"数据产生单位={_clean(producer)}",
        f"数据产生日期={date.isoformat()}",
        "坐标系=2000国家大地坐标系",
        f"几度分带={zone_width}",
        "投影类型=高斯克吕格",
        "计量单位=米",
        f"带号={zone}",
        f"精度={10.0**-decimals:.{decimals}f}",
        "转换参数=,,,,,,",
        f"[{SECTION_PARCELS}]",
    ]
    problems = []
    for k, parcel in enumerate(parcels, start=1):
        geom = parcel.geometry
        label = parcel.number or parcel.name or str(k)
        rings, rounded_parts = _rounded(geom, decimals)
        if not rounded_parts:
            problems.append(
                Problem(
                    None,
                    tr("parcel {label} has no polygon to write (empty or too small)").format(
                        label=label
                    ),
                )
            )
            continue
        rounded = shapely.MultiPolygon(rounded_parts)
        if not rounded.is_valid:
            problems.append(
                Problem(
                    None,
                    tr(
                        "parcel {label} is not a valid polygon with {decimals} decimals: {reason}"
                    ).format(
                        label=label, decimals=decimals, reason=shapely.is_valid_reason(rounded)
                    ),
                )
            )
            continue
        area = sum(p.area for p in rounded_parts)
        total = sum(len(r) for r in rings)
        lines.append(
            ",".join(
                [
                    str(total),
                    f"{m2_to_hectares(area):.4f}",
                    _clean(parcel.number),
                    _clean(parcel.name),
                    SHAPE_POLYGON,
                    _clean(parcel.sheet),
                    _clean(parcel.use),
                    _clean(parcel.class_code),
                    "@",
                ]
            )
        )
        n = 0
        for ring_no, ring in enumerate(rings, start=1):
            first = n + 1
            for i, (x, y) in enumerate(ring):
                if i == len(ring) - 1:
                    point = first  # the closing point repeats the first point's number
                else:
                    n += 1
                    point = n
                lines.append(f"J{point},{ring_no},{y:.{decimals}f},{x:.{decimals}f}")
    if problems:
        raise CoordFileError(problems)
    return "\r\n".join(lines) + "\r\n"


def _rounded(geom, decimals):
    """(rings, polygons) of ``geom`` with coordinates rounded to ``decimals``, repeated points
    dropped; ([], []) when a ring collapses. Outer rings clockwise, holes anticlockwise."""
    if geom is None or geom.is_empty:
        return [], []
    rings, polygons = [], []
    for part in shapely.get_parts(geom):
        part = orient(part, sign=-1.0)
        part_rings = []
        for ring in [part.exterior, *part.interiors]:
            # numpy coordinates, not .coords: inside QGIS shapely may run on QGIS's older GEOS
            xy = [
                (round(x, decimals), round(y, decimals)) for x, y in shapely.get_coordinates(ring)
            ]
            dedup = [p for i, p in enumerate(xy) if i == 0 or p != xy[i - 1]]
            if len(dedup) < 4:
                return [], []
            part_rings.append(dedup)
        rings.extend(part_rings)
        polygons.append(shapely.Polygon(part_rings[0], part_rings[1:]))
    return rings, polygons


def encode_gbk(text: str) -> bytes:
    """``text`` in GBK; a character GBK lacks is named with its line."""
    try:
        return text.encode("gbk")
    except UnicodeEncodeError as exc:
        line = text[: exc.start].count("\n") + 1
        raise CoordFileError(
            [
                Problem(
                    line,
                    tr("the character '{char}' cannot be written in GBK").format(
                        char=text[exc.start : exc.end]
                    ),
                )
            ]
        ) from None
