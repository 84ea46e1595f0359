"""The segments of the 28-digit project code: names, widths, offsets, Chinese labels and
translated titles, the error a wrong code raises, and the grouped form.

Part of :mod:`yimatong_plugin.core.code` (import the public names from there).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Optional

from .i18n import tr_label, tr_noop

#: (name, width) of each segment, in order
SEGMENTS: list[tuple[str, int]] = [
    ("region", 2),
    ("admin", 6),
    ("year", 4),
    ("approval_type", 2),
    ("project_type", 2),
    ("supply_type", 2),
    ("land_use", 4),
    ("serial", 6),
]
SEGMENT_NAMES: tuple[str, ...] = tuple(name for name, _ in SEGMENTS)
SEGMENT_WIDTHS: dict[str, int] = dict(SEGMENTS)
CODE_LENGTH = 28
PREFIX_LENGTH = 22

#: Chinese labels of the segments (also accepted by :func:`segment_key`)
SEGMENT_LABELS: dict[str, str] = {
    "region": "地区特色编码",
    "admin": "行政区划代码",
    "year": "年度",
    "approval_type": "项目批准类型编码",
    "project_type": "项目类型编码",
    "supply_type": "供地类型代码",
    "land_use": "出让用途编码",
    "serial": "流水号",
}
_SHORT_LABELS = {
    "地区": "region",
    "地区特色码": "region",
    "行政区划": "admin",
    "行政区": "admin",
    "区划": "admin",
    "年份": "year",
    "批准类型": "approval_type",
    "项目批准类型": "approval_type",
    "项目类型": "project_type",
    "供地类型": "supply_type",
    "供地方式": "supply_type",
    "出让用途": "land_use",
    "用途": "land_use",
    "用地用海": "land_use",
    "序号": "serial",
    "顺序号": "serial",
}

#: plausible project years: YEAR_MIN .. (current year + YEAR_MAX_AHEAD)
YEAR_MIN = 1949
YEAR_MAX_AHEAD = 5

#: offsets (start, end) of each segment in the bare code
OFFSETS: dict[str, tuple[int, int]] = {}
_pos = 0
for _name, _width in SEGMENTS:
    OFFSETS[_name] = (_pos, _pos + _width)
    _pos += _width
del _pos, _name, _width


class CodeError(ValueError):
    """A project code (or one of its segments) is wrong.

    ``segment`` is one of :data:`SEGMENT_NAMES`, or ``None`` when the code as a whole is wrong
    (length, a real-estate unit number…).
    """

    def __init__(self, message: str, segment: Optional[str] = None):
        super().__init__(message)
        self.segment = segment


_SEGMENT_TITLES = {
    "region": tr_noop("region feature code"),
    "admin": tr_noop("administrative division"),
    "year": tr_noop("year"),
    "approval_type": tr_noop("approval type"),
    "project_type": tr_noop("project type"),
    "supply_type": tr_noop("land-supply type"),
    "land_use": tr_noop("transfer use"),
    "serial": tr_noop("serial number"),
}


def segment_title(name: str) -> str:
    """The translated English title of segment ``name`` (for messages and forms)."""
    return tr_label(_SEGMENT_TITLES, name)


def segment_key(name: str) -> str:
    """Normalise a segment name: ``"admin"``, its Chinese label ``"行政区划代码"`` or a short
    Chinese form (``"行政区划"``) give ``"admin"``. Raises ``KeyError`` for anything else."""
    key = str(name).strip()
    lowered = key.lower()
    if lowered in SEGMENT_WIDTHS:
        return lowered
    for seg, label in SEGMENT_LABELS.items():
        if key == label:
            return seg
    if key in _SHORT_LABELS:
        return _SHORT_LABELS[key]
    raise KeyError(name)


def segment_at(position: int) -> Optional[str]:
    """The segment covering character ``position`` (0-based) of the bare code, if any."""
    for name, (start, end) in OFFSETS.items():
        if start <= position < end:
            return name
    return None


def year_range(today: Optional[datetime.date] = None) -> tuple[int, int]:
    """(first, last) plausible project year."""
    today = today or datetime.date.today()
    return YEAR_MIN, today.year + YEAR_MAX_AHEAD


def join_segments(values: Iterable[str], separator: str = " ") -> str:
    """Segment values joined into the grouped form: ``43 430702 2024 03 01 12 0701 000123``."""
    return separator.join(values)
