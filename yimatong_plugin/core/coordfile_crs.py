"""The CRS of a coordinate file (see :mod:`.coordfile`) from 坐标系, 几度分带, 带号 and Y."""

from __future__ import annotations

import re

from .coordfile import Problem
from .i18n import tr

# (zone range, EPSG with zone prefix, EPSG without prefix) per zone width
_EPSG = {3: ((25, 45), 4513, 4534), 6: ((13, 23), 4491, 4502)}


def file_crs(meta, meta_lines, eastings, problems):
    """(epsg, zone, zone width, prefixed, notes), or None with ``problems`` appended.

    ``eastings``: (line, Y) of every point. 西安80 / 北京54 are refused, not converted.
    """
    notes = []
    name = meta.get("坐标系", "")
    where = meta_lines.get("坐标系")
    upper = name.upper()
    if not name:
        problems.append(Problem(where, tr("坐标系 is missing from [属性描述]")))
    elif "西安" in name or "1980" in name or ("80" in upper and "2000" not in name):
        problems.append(
            Problem(
                where,
                tr(
                    "坐标系 {name} (西安80) is not converted: converting it to CGCS2000 needs the "
                    "bureau's transformation parameters; give the file in 2000国家大地坐标系"
                ).format(name=name),
            )
        )
    elif "北京" in name or "1954" in name or ("54" in upper and "2000" not in name):
        problems.append(
            Problem(
                where,
                tr(
                    "坐标系 {name} (北京54) is not converted: converting it to CGCS2000 needs the "
                    "bureau's transformation parameters; give the file in 2000国家大地坐标系"
                ).format(name=name),
            )
        )
    elif "2000" not in name and "CGCS" not in upper:
        problems.append(
            Problem(
                where,
                tr("unknown 坐标系 '{name}' (expected 2000国家大地坐标系)").format(name=name),
            )
        )
    unit = meta.get("计量单位", "")
    if unit and unit.lower() not in ("米", "m", "metre", "meter", "公尺"):
        problems.append(
            Problem(
                meta_lines.get("计量单位"),
                tr("计量单位 '{unit}': coordinates must be in metres (米)").format(unit=unit),
            )
        )
    projection = meta.get("投影类型", "")
    if projection and not re.search(r"高斯|gauss|gk", projection, re.I):
        problems.append(
            Problem(
                meta_lines.get("投影类型"),
                tr("投影类型 '{name}': only Gauss-Kruger (高斯克吕格) is supported").format(
                    name=projection
                ),
            )
        )
    width = None
    width_text = meta.get("几度分带", "")
    if width_text:
        digits = re.sub(r"[^0-9三六]", "", width_text).replace("三", "3").replace("六", "6")
        width = int(digits) if digits in ("3", "6") else None
        if width is None:
            problems.append(
                Problem(
                    meta_lines.get("几度分带"),
                    tr("几度分带 '{text}': expected 3 or 6").format(text=width_text),
                )
            )
            return None
    zone_text = meta.get("带号", "")
    declared_zone = int(zone_text) if zone_text.isdigit() else None
    if zone_text and declared_zone is None:
        problems.append(
            Problem(
                meta_lines.get("带号"), tr("带号 '{text}' is not a number").format(text=zone_text)
            )
        )
    if not eastings:
        return None
    prefixed_flags = [y >= 1_000_000 for _l, y in eastings]
    prefixed = prefixed_flags[0]
    for (line, y), flag in zip(eastings, prefixed_flags):
        if flag != prefixed:
            problems.append(
                Problem(
                    line,
                    tr(
                        "Y {y} mixes eastings with and without the zone number in one file "
                        "(line {first} is {kind})"
                    ).format(
                        y=f"{y:.3f}",
                        first=eastings[0][0],
                        kind=tr("with zone number") if prefixed else tr("without zone number"),
                    ),
                )
            )
            return None
    zone = declared_zone
    if prefixed:
        zones = {int(y // 1_000_000) for _l, y in eastings}
        if len(zones) > 1:
            problems.append(
                Problem(
                    eastings[0][0],
                    tr("the Y values carry several zone numbers: {zones}").format(
                        zones=", ".join(str(z) for z in sorted(zones))
                    ),
                )
            )
            return None
        prefix = zones.pop()
        if declared_zone is not None and declared_zone != prefix:
            problems.append(
                Problem(
                    meta_lines.get("带号"),
                    tr("带号 {zone} contradicts the zone number {prefix} in front of Y").format(
                        zone=declared_zone, prefix=prefix
                    ),
                )
            )
            return None
        zone = prefix
    elif zone is None:
        problems.append(
            Problem(
                meta_lines.get("带号"),
                tr("带号 is missing and Y has no zone number in front: the zone is unknown"),
            )
        )
        return None
    if width is None:  # the zone ranges of 3- and 6-degree zones over China do not overlap
        width = 3 if 25 <= zone <= 45 else 6 if 13 <= zone <= 23 else None
        if width is None:
            problems.append(Problem(None, tr("几度分带 is missing")))
            return None
        notes.append(
            tr("几度分带 missing: {width}-degree zones from zone {zone}").format(
                width=width, zone=zone
            )
        )
    (first, last), base_prefixed, base_plain = _EPSG[width]
    if not first <= zone <= last:
        problems.append(
            Problem(
                meta_lines.get("带号", eastings[0][0]),
                tr(
                    "zone {zone} is not a CGCS2000 {width}-degree zone over China ({first}-{last})"
                ).format(zone=zone, width=width, first=first, last=last),
            )
        )
        return None
    epsg = (base_prefixed if prefixed else base_plain) + zone - first
    for line, y in eastings:
        e = y - zone * 1_000_000 if prefixed else y
        if not 0 < e < 1_000_000:
            problems.append(
                Problem(
                    line,
                    tr("Y {y} is not an easting of zone {zone}").format(y=f"{y:.3f}", zone=zone),
                )
            )
            return None
    notes.append(
        tr("{name}, {width}-degree zone {zone}, Y {kind}: EPSG:{epsg}").format(
            name=name,
            width=width,
            zone=zone,
            kind=tr("with zone number") if prefixed else tr("without zone number"),
            epsg=epsg,
        )
    )
    return epsg, zone, width, prefixed, notes
