"""How the domain's values are written for people, in one place: the grouped project code, the
names of stages and sources, and (from :mod:`.units`) the area units.

Lists, details, reports, map labels, the locator and expressions all use these, so a code reads
``43 430702 2024 03 01 12 0701 000123`` everywhere and a stage key is never shown where its
name is known. No Qt, no QGIS.
"""

from __future__ import annotations

from typing import Optional

from .code import CodeError, join_segments, split_code
from .library.constants import SOURCES, STAGES
from .units import AreaUnit, format_area, format_hectares, format_m2, format_mu, parse_area_unit


def grouped_code(text) -> Optional[str]:
    """``43 430702 2024 03 01 12 0701 000123`` for anything structurally a 28-digit code (also
    from another bureau's lists, bare or grouped); None for anything else."""
    if text is None:
        return None
    try:
        return join_segments(split_code(str(text)).values())
    except CodeError:
        return None


def format_code(text) -> str:
    """The one display form of a project code everywhere (lists, details, reports, labels):
    ``43 430702 2024 03 01 12 0701 000123`` for anything structurally a 28-digit code (also
    from another bureau's lists), else the text unchanged."""
    raw = "" if text is None else str(text)
    grouped = grouped_code(raw)
    return raw if grouped is None else grouped


#: the name the reports and docks use for the same formatter
display_code = format_code


def stage_label(stage) -> str:
    """The Chinese name of a stage key (``supply`` → 供地); an unknown key as it is; nothing
    for nothing."""
    return STAGES.get(stage, stage or "")


def source_label(source) -> str:
    """The Chinese name of a project source key (``municipal_key`` → 市级重点项目); an unknown
    key as it is; nothing for nothing."""
    return SOURCES.get(source, source or "")


__all__ = [
    "AreaUnit",
    "display_code",
    "format_area",
    "format_code",
    "format_hectares",
    "format_m2",
    "format_mu",
    "grouped_code",
    "parse_area_unit",
    "source_label",
    "stage_label",
]
