"""A code's segments checked against the code lists (区划, 批准类型, 项目类型, 供地类型, 用地用海
…) and the plausible years, with an error that names the segment and says what is wrong.

Part of :mod:`yimatong_plugin.core.code` (import the public names from there).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Optional

from .code_segments import (
    SEGMENT_NAMES,
    SEGMENT_WIDTHS,
    YEAR_MAX_AHEAD,
    YEAR_MIN,
    CodeError,
    segment_title,
    year_range,
)
from .i18n import tr


def dictionaries_or_default(dictionaries: Optional[Mapping]) -> Mapping:
    if dictionaries is not None:
        return dictionaries
    from .dictionaries import default_dictionaries

    return default_dictionaries()


def _check_one(name: str, value: str, dicts: Mapping) -> None:
    """Validate one segment value (digits of the right width) against the code lists."""
    if name == "region":
        if value not in dicts["region"]:
            raise CodeError(
                tr("Unknown region feature code {code}: it is not in the region code list.").format(
                    code=value
                ),
                "region",
            )
    elif name == "admin":
        if value not in dicts["admin"]:
            raise CodeError(
                tr(
                    "Unknown administrative division {code}: not a county-level GB/T 2260 code "
                    "in the division list."
                ).format(code=value),
                "admin",
            )
    elif name == "year":
        first, last = year_range()
        if not first <= int(value) <= last:
            raise CodeError(
                tr("Implausible year {year}: expected {first} to {last}.").format(
                    year=value, first=first, last=last
                ),
                "year",
            )
    elif name == "approval_type":
        if value not in dicts["approval_type"]:
            raise CodeError(tr("Unknown approval type {code}.").format(code=value), name)
    elif name == "project_type":
        if value not in dicts["project_type"]:
            raise CodeError(tr("Unknown project type {code}.").format(code=value), name)
    elif name == "supply_type":
        if value not in dicts["supply_type"]:
            raise CodeError(tr("Unknown land-supply type {code}.").format(code=value), name)
    elif name == "land_use":
        if value not in dicts["land_use"]:
            if value.endswith("00") and value[:2] in dicts["land_use"]:
                message = tr(
                    "Transfer use {code} is not a level-2 用地用海 code ({level1} is a level-1 "
                    "class; pick one of its level-2 classes)."
                ).format(code=value, level1=value[:2])
            else:
                message = tr("Transfer use {code} is not a level-2 用地用海 code.").format(
                    code=value
                )
            raise CodeError(message, "land_use")
    elif name == "serial":
        if int(value) == 0:
            raise CodeError(
                tr("Serial number 000000 is never issued: serials start at 000001."), "serial"
            )


def check_segments(values: Mapping[str, str], dictionaries: Optional[Mapping]) -> None:
    """Validate segment values (already digit strings of the right width) against code lists,
    in segment order; ``values`` may lack ``serial`` (prefix validation)."""
    dicts = dictionaries_or_default(dictionaries)
    for name in SEGMENT_NAMES:
        if name in values:
            _check_one(name, values[name], dicts)


def segment_errors(values: Mapping, dictionaries: Optional[Mapping] = None) -> dict:
    """Every failing segment of ``values`` (``{name: value}``, any subset of the segments;
    values as in :func:`build_prefix`) as ``{name: CodeError}`` — for forms that mark all
    failing segments at once."""
    dicts = dictionaries_or_default(dictionaries)
    errors: dict[str, CodeError] = {}
    for name in SEGMENT_NAMES:
        if name not in values:
            continue
        try:
            _check_one(name, segment_value(name, values[name]), dicts)
        except CodeError as exc:
            errors[name] = exc
    return errors


def all_known(bare: str, dicts: Mapping) -> bool:
    """Quick check of the 28 digits against the lists (errors are explained by the slow path)."""
    return (
        bare[0:2] in dicts["region"]
        and bare[2:8] in dicts["admin"]
        and YEAR_MIN <= int(bare[8:12]) <= datetime.date.today().year + YEAR_MAX_AHEAD
        and bare[12:14] in dicts["approval_type"]
        and bare[14:16] in dicts["project_type"]
        and bare[16:18] in dicts["supply_type"]
        and bare[18:22] in dicts["land_use"]
        and bare[22:28] != "000000"
    )


def segment_value(name: str, value) -> str:
    width = SEGMENT_WIDTHS[name]
    if isinstance(value, bool) or value is None:
        raise CodeError(tr("The {segment} is missing.").format(segment=segment_title(name)), name)
    if isinstance(value, int):
        if value < 0:
            raise CodeError(
                tr("The {segment} must be {width} digits, not '{value}'.").format(
                    segment=segment_title(name), width=width, value=value
                ),
                name,
            )
        value = str(value).zfill(width) if name == "year" else str(value)
    value = str(value).strip()
    if not value:
        raise CodeError(tr("The {segment} is missing.").format(segment=segment_title(name)), name)
    if len(value) != width or not (value.isascii() and value.isdigit()):
        raise CodeError(
            tr("The {segment} must be {width} digits, not '{value}'.").format(
                segment=segment_title(name), width=width, value=value
            ),
            name,
        )
    return value
