"""Cell values: dates, numbers and code-list lookups.

No Qt/QGIS imports here.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..code import SEGMENT_WIDTHS

#: units written in a header or a cell (dropped before matching)
_UNIT_RE = re.compile(r"(平方米|㎡|m2|m²|公顷|hm2|hm²|ha|亩|万元|元)", re.I)

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]?\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_EXCEL_EPOCH = _dt.date(1899, 12, 30)


def parse_date(value: Any) -> _dt.date:
    """A date from ``2024-03-01``, ``2024/3/1``, ``2024年3月1日``, ``20240301``, an Excel date
    cell (datetime) or an Excel serial number; raises ValueError otherwise."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 19000101 <= value <= 21001231:  # 20240301 as a number
            return parse_date(str(int(value)))
        if 20000 <= value <= 80000:  # an Excel serial day number (1954..2119)
            return _EXCEL_EPOCH + _dt.timedelta(days=int(value))
        raise ValueError(value)
    text = str(value).strip().replace(" ", "")
    text = text.replace("／", "/").replace("－", "-").replace("．", ".")
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return _dt.date(y, mo, d)  # ValueError for 2024-02-30
    raise ValueError(value)


def parse_number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(",", "").replace("，", "")
    text = _UNIT_RE.sub("", text).strip()
    return float(text)


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    return str(value).strip()


def _segment_width(name: str) -> int:
    return SEGMENT_WIDTHS[name]


_NAME_SPLIT = re.compile(r"[\s（）()【】\[\]、,，/·\-]+")


def lookup_code(value: Any, entries: dict[str, str], width: int) -> str | None:
    """The code of a code-list entry given its code (``"02"``, ``2``) or its Chinese name
    (``"出让（挂牌）"``, ``"挂牌出让"``, ``"常德市武陵区"``, ``"0701 城镇住宅用地"``).

    ``None`` when unknown or ambiguous (``"出让"`` alone matches four supply types). Only
    entries whose code has ``width`` digits count (a land-use list also holds level-1 codes).
    """
    text = _as_text(value)
    if not text:
        return None
    entries = {c: str(n).strip() for c, n in entries.items() if len(str(c)) == width}
    head = re.match(r"^(\d+)(?:[\s\-_.、:：]+(.*))?$", text)
    if head:
        digits = head.group(1)
        if len(digits) < width:
            digits = digits.zfill(width)
        if digits in entries:
            return digits
        if not head.group(2):
            return None
        text = head.group(2).strip()

    def unique(codes):
        codes = set(codes)
        return codes.pop() if len(codes) == 1 else None

    exact = [c for c, n in entries.items() if n == text]
    if exact:
        return unique(exact)
    # the name inside the text (常德市武陵区 → 武陵区); the longest such name when unique
    contained = [(len(n), c) for c, n in entries.items() if n and n in text]
    if contained:
        longest = max(k for k, _ in contained)
        return unique(c for k, c in contained if k == longest)
    # every token of the name in the text (挂牌出让 → 出让（挂牌）)
    tokens = {c: [t for t in _NAME_SPLIT.split(n) if t] for c, n in entries.items()}
    hits = [c for c, ts in tokens.items() if len(ts) > 1 and all(t in text for t in ts)]
    if hits:
        return unique(hits)
    # the start of one name only (工业 → 工业用地; but 耕地 is not 后备耕地)
    return unique(c for c, n in entries.items() if len(text) >= 2 and n.startswith(text))
