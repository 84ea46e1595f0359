"""The surveyors' coordinate file (勘测定界 / 报部 坐标 TXT): reader and writer, Qt-free.

Layout (the ministry's format, usually GBK)::

    [属性描述]
    格式版本号=1.01版本
    数据产生单位=某某测绘院
    数据产生日期=2024-05-01
    坐标系=2000国家大地坐标系
    几度分带=3
    投影类型=高斯克吕格
    计量单位=米
    带号=37
    精度=0.001
    转换参数=,,,,,,
    [地块坐标]
    12,0.2000,DK-1,一号地块,面,H49G001001,工业用地,1001,@
    J1,1,3211000.000,37500000.000
    ...

A parcel header holds 界址点数 (the number of point lines that follow), 地块面积 (公顷),
地块编号, 地块名称, 图形属性 (面/线/点: only 面 is a parcel), 图幅号, 地块用途, 地类编码 and ``@``.
A point line holds 点号, 圈号 (ring number, 1 = the outer ring), X (the NORTHING) and Y (the
EASTING, with or without the zone number in front, e.g. 37500000.000). Every ring repeats its
first point. Rings other than 1 are holes or further parts, decided by containment.

:func:`read_coordfile` returns a :class:`CoordFile` or raises :class:`CoordFileError` listing
every problem with its line number: one bad parcel refuses the whole file, so nothing is ever
attached from a partly read file. Geometries are in the file's own CRS (x = easting as written,
y = northing): CGCS2000 3-degree GK EPSG:4513–4533 (zone prefix) / 4534–4554 (no prefix), or
6-degree EPSG:4491–4501 / 4502–4512. 西安80 and 北京54 are refused: converting them needs the
bureau's transformation parameters. :mod:`.coordfile_writer` writes the same format.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import shapely

from .i18n import tr
from .units import hectares_to_m2, m2_to_hectares

SECTION_META = "属性描述"
SECTION_PARCELS = "地块坐标"
META_KEYS = (
    "格式版本号",
    "数据产生单位",
    "数据产生日期",
    "坐标系",
    "几度分带",
    "投影类型",
    "计量单位",
    "带号",
    "精度",
    "转换参数",
)
#: declared and computed areas differing by more than both of these are reported
AREA_TOLERANCE_M2 = 1.0
AREA_TOLERANCE_REL = 0.001  # 0.1 %
SHAPE_POLYGON = "面"
SHAPES = ("面", "线", "点")


@dataclass
class Problem:
    line: int | None  # 1-based line in the file; None for the file as a whole
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return tr("line {line}: {message}").format(line=self.line, message=self.message)


class CoordFileError(ValueError):
    """The file cannot be used; ``problems`` lists every problem found (with line numbers)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class CoordParcel:
    line: int  # the header line
    point_count: int
    declared_ha: float | None
    number: str
    name: str
    shape: str
    sheet: str
    use: str
    class_code: str
    geometry: object = None  # shapely Polygon/MultiPolygon, x = easting as written, y = northing
    rings: int = 0
    holes: int = 0
    parts: int = 0
    area_m2: float = 0.0  # planar, in the file's CRS

    @property
    def label(self) -> str:
        return self.number or self.name or tr("parcel at line {line}").format(line=self.line)

    @property
    def area_diff_m2(self) -> float | None:
        if self.declared_ha is None:
            return None
        return self.area_m2 - hectares_to_m2(self.declared_ha)

    @property
    def area_ok(self) -> bool | None:
        """None without a declared area; False beyond the tolerance (see :func:`area_mismatch`)."""
        diff = self.area_diff_m2
        if diff is None:
            return None
        return not area_mismatch(self.area_m2, hectares_to_m2(self.declared_ha))


def area_mismatch(computed_m2: float, declared_m2: float) -> bool:
    """True when the areas differ by more than 1 m² AND more than 0.1 % of the declared area."""
    diff = abs(computed_m2 - declared_m2)
    return diff > AREA_TOLERANCE_M2 and diff > AREA_TOLERANCE_REL * abs(declared_m2)


@dataclass
class CoordFile:
    meta: dict
    parcels: list
    epsg: int
    zone: int
    zone_width: int
    prefixed: bool
    encoding: str
    decimals: int | None = None  # from 精度
    notes: list = field(default_factory=list)  # how the CRS was decided, etc.

    @property
    def authid(self) -> str:
        return f"EPSG:{self.epsg}"

    def area_warnings(self) -> list[Problem]:
        out = []
        for p in self.parcels:
            if p.area_ok is False:
                out.append(
                    Problem(
                        p.line,
                        tr(
                            "parcel {label}: declared {declared} ha, computed {computed} ha "
                            "(difference {diff} m², tolerance 1 m² and 0.1 %)"
                        ).format(
                            label=p.label,
                            declared=f"{p.declared_ha:.4f}",
                            computed=f"{m2_to_hectares(p.area_m2):.4f}",
                            diff=f"{p.area_diff_m2:+.2f}",
                        ),
                    )
                )
        return out


# -- reading ---------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-8 with or without BOM, UTF-16 with BOM, else GBK (GB18030)."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", "UTF-8")]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", "UTF-16")]
    else:
        candidates = [("utf-8", "UTF-8"), ("gb18030", "GBK")]
    error = None
    for codec, name in candidates:
        try:
            return data.decode(codec), name
        except UnicodeDecodeError as exc:
            error = exc
    line = data[: error.start].count(b"\n") + 1
    raise CoordFileError(
        [Problem(line, tr("the text is neither GBK nor UTF-8; save the file as GBK or UTF-8"))]
    )


_FIELD_SPLIT = re.compile(r"[,，]")


def _fields(text: str) -> list[str]:
    return [f.strip() for f in _FIELD_SPLIT.split(text)]


def _number(text: str):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def read_coordfile(source) -> CoordFile:
    """Read a coordinate file (a path, or its bytes); raises :class:`CoordFileError`."""
    data = source if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    text, encoding = decode(bytes(data))
    problems: list[Problem] = []
    meta: dict[str, str] = {}
    meta_lines: dict[str, int] = {}
    sections: set[str] = set()
    section = None
    headers: list[tuple[int, list[str]]] = []
    points: dict[int, list[tuple[int, list[str]]]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        m = re.fullmatch(r"[\[【]\s*(.+?)\s*[\]】]", line)
        if m:
            section = m.group(1)
            if section not in (SECTION_META, SECTION_PARCELS):
                problems.append(
                    Problem(number, tr("unknown section [{name}]").format(name=section))
                )
            sections.add(section)
            continue
        if section == SECTION_META:
            key, sep, value = line.replace("＝", "=").partition("=")
            if not sep:
                problems.append(
                    Problem(
                        number, tr("expected 'name=value' in [属性描述]: {text}").format(text=line)
                    )
                )
                continue
            meta[key.strip()] = value.strip()
            meta_lines[key.strip()] = number
        elif section == SECTION_PARCELS:
            fields = _fields(line)
            if fields[-1] == "@":
                # a header splits on ASCII commas, unless the whole line uses full-width ones:
                # names may hold a full-width comma (the writer writes one for ",")
                ascii_fields = [f.strip() for f in line.split(",")]
                if len(ascii_fields) >= 6 and ascii_fields[-1] == "@":
                    fields = ascii_fields
                headers.append((number, fields[:-1]))
                points[number] = []
            elif not headers:
                problems.append(
                    Problem(number, tr("a point line before the first parcel header (… ,@)"))
                )
            else:
                points[headers[-1][0]].append((number, fields))
        elif section is None:
            problems.append(
                Problem(
                    number, tr("text before the first section [属性描述]: {text}").format(text=line)
                )
            )
    for name in (SECTION_META, SECTION_PARCELS):
        if name not in sections:
            problems.append(Problem(None, tr("the section [{name}] is missing").format(name=name)))
    if SECTION_PARCELS in sections and not headers:
        problems.append(Problem(None, tr("the section [地块坐标] holds no parcel")))
    parcels = []
    eastings: list[tuple[int, float]] = []
    for line, head in headers:
        parcel = _parcel(line, head, points[line], problems, eastings)
        if parcel is not None:
            parcels.append(parcel)
    from .coordfile_crs import file_crs  # it uses Problem, defined here

    crs = file_crs(meta, meta_lines, eastings, problems)
    if problems:
        raise CoordFileError(sorted(problems, key=lambda p: p.line or 0))
    epsg, zone, width, prefixed, notes = crs
    decimals = None
    precision = _number(meta.get("精度", ""))
    if precision and 0 < precision < 1:
        decimals = max(0, round(-math.log10(precision)))
    return CoordFile(meta, parcels, epsg, zone, width, prefixed, encoding, decimals, notes)


def _parcel(line, head, rows, problems, eastings) -> CoordParcel | None:
    """The parcel of header ``head`` (at ``line``) with its point ``rows``; None when broken."""
    start = len(problems)
    if len(head) < 5 or len(head) > 8:
        problems.append(
            Problem(
                line,
                tr(
                    "a parcel header needs 界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,"
                    "地块用途,地类编码,@ ({n} fields found before @)"
                ).format(n=len(head)),
            )
        )
        return None
    head = head + [""] * (8 - len(head))
    count_text, area_text, number, name, shape, sheet, use, class_code = head
    count = int(count_text) if count_text.isdigit() else None
    if count is None:
        problems.append(
            Problem(line, tr("界址点数 '{text}' is not a whole number").format(text=count_text))
        )
    declared = None
    if area_text:
        declared = _number(area_text)
        if declared is None or declared < 0:
            problems.append(
                Problem(
                    line, tr("地块面积 '{text}' is not a number of 公顷").format(text=area_text)
                )
            )
    if shape not in SHAPES:
        problems.append(
            Problem(line, tr("unknown 图形属性 '{shape}' (面, 线 or 点)").format(shape=shape))
        )
    elif shape != SHAPE_POLYGON:
        problems.append(
            Problem(
                line,
                tr("图形属性 '{shape}': only 面 (polygon) records are parcels").format(shape=shape),
            )
        )
    if count is not None and count != len(rows):
        problems.append(
            Problem(
                line,
                tr("界址点数 is {count} but {n} point lines follow (lines {first}-{last})").format(
                    count=count,
                    n=len(rows),
                    first=rows[0][0] if rows else line,
                    last=rows[-1][0] if rows else line,
                ),
            )
        )
    rings: list[tuple[int, list]] = []  # (ring number, [(line, x_east, y_north)])
    closed = True
    for number_line, fields in rows:
        if len(fields) != 4:
            problems.append(
                Problem(
                    number_line,
                    tr("a point line needs 点号,圈号,X,Y ({n} fields found)").format(n=len(fields)),
                )
            )
            continue
        _pt, ring_text, x_text, y_text = fields
        x, y = _number(x_text), _number(y_text)
        if not ring_text.isdigit() or x is None or y is None:
            bad = ring_text if not ring_text.isdigit() else (x_text if x is None else y_text)
            problems.append(Problem(number_line, tr("'{text}' is not a number").format(text=bad)))
            continue
        ring_no = int(ring_text)
        if not 1_000_000 <= x <= 6_500_000:
            problems.append(
                Problem(
                    number_line,
                    tr(
                        "X {x} is not a northing in China (X is the northing, Y the easting; "
                        "are X and Y swapped?)"
                    ).format(x=x_text),
                )
            )
            continue
        eastings.append((number_line, y))
        if rings and not closed and rings[-1][0] != ring_no:
            _open_ring(rings[-1], problems)
            closed = True
        if closed:
            rings.append((ring_no, []))
            closed = False
        ring = rings[-1][1]
        ring.append((number_line, y, x))
        if len(ring) > 1 and ring[0][1:] == (y, x):
            closed = True
    if rings and not closed:
        _open_ring(rings[-1], problems)
    if len(problems) > start:
        return None
    if not rings:
        problems.append(Problem(line, tr("the parcel has no points")))
        return None
    geometry, n_holes, n_parts = _build(line, rings, problems)
    if geometry is None:
        return None
    return CoordParcel(
        line,
        count,
        declared,
        number,
        name,
        shape,
        sheet,
        use,
        class_code,
        geometry,
        len(rings),
        n_holes,
        n_parts,
        float(geometry.area),
    )


def _open_ring(ring, problems) -> None:
    ring_no, pts = ring
    problems.append(
        Problem(
            pts[-1][0],
            tr(
                "ring {ring} is left open: its last point does not repeat its first point "
                "(line {first})"
            ).format(ring=ring_no, first=pts[0][0]),
        )
    )


def _build(line, rings, problems):
    """(geometry, holes, parts) from closed rings; holes vs parts by containment."""
    polys = []
    for ring_no, pts in rings:
        if len(pts) < 4:
            problems.append(
                Problem(
                    pts[0][0],
                    tr("ring {ring} has {n} points; a closed ring needs at least 4").format(
                        ring=ring_no, n=len(pts)
                    ),
                )
            )
            return None, 0, 0
        shell = shapely.Polygon([(p[1], p[2]) for p in pts])
        polys.append((ring_no, pts[0][0], shell))
    order = sorted(range(len(polys)), key=lambda i: -polys[i][2].area)
    depth: dict[int, int] = {}
    parent: dict[int, int] = {}
    for k, i in enumerate(order):
        containers = [j for j in order[:k] if polys[j][2].covers(polys[i][2])]
        depth[i] = len(containers)
        if containers:
            parent[i] = containers[-1]  # the smallest
    if polys[0][0] == 1 and depth[0] % 2:
        problems.append(
            Problem(polys[0][1], tr("ring 1 (the outer ring) lies inside another ring"))
        )
        return None, 0, 0
    shells = [i for i in range(len(polys)) if depth[i] % 2 == 0]
    parts = []
    for s in shells:
        holes = [polys[h][2].exterior for h in parent if parent[h] == s and depth[h] % 2]
        parts.append(shapely.Polygon(polys[s][2].exterior, holes))
    geometry = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    if not geometry.is_valid:
        problems.append(
            Problem(
                line,
                tr("the parcel's rings do not form a valid polygon: {reason}").format(
                    reason=shapely.is_valid_reason(geometry)
                ),
            )
        )
        return None, 0, 0
    return geometry, len(polys) - len(shells), len(shells)
