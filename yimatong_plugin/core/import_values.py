"""Cell values of imported spreadsheets that need more than ``float()``: areas written with a
unit inside the cell, and the text encoding of a CSV file.

No Qt/QGIS imports here (the importer and the dialog use it).
"""

from __future__ import annotations

import codecs
from typing import Any

from .i18n import tr
from .units import AreaUnit, AreaUnitError, parse_area_text


class TextEncodingError(ValueError):
    """A CSV file's bytes cannot be decoded with confidence; the message names the line."""


def area_to_m2(
    raw: Any, column_unit: AreaUnit | None, table_unit: AreaUnit | None = None
) -> tuple[float, str | None]:
    """The area in m² of one cell, and a note when the cell's own unit overrides the column's.

    ``column_unit`` is the unit the header names, ``table_unit`` the table's note
    (``单位：公顷``) used when the header names none; with neither, a bare number is in m².
    A unit written in the cell (``1.5公顷``, ``30亩``, ``200㎡``) always wins. Raises
    :class:`~.units.AreaUnitError` for a unit that is not understood and ValueError for a
    value that is not a positive number.
    """
    if isinstance(raw, bool):
        raise ValueError(raw)
    declared = column_unit or table_unit
    note = None
    if isinstance(raw, (int, float)):
        value, unit = float(raw), declared or AreaUnit.M2
    else:
        value, cell_unit = parse_area_text(str(raw))
        unit = cell_unit or declared or AreaUnit.M2
        if cell_unit is not None and declared is not None and cell_unit is not declared:
            note = tr("the cell says {cell}, the column {column}: converted from {cell}").format(
                cell=cell_unit.label, column=declared.label
            )
    m2 = unit.to_m2(value)
    if not m2 > 0:
        raise ValueError(raw)
    return m2, note


def area_problem(raw: Any) -> str:
    """The row problem for an area cell that :func:`area_to_m2` refused."""
    try:
        parse_area_text(str(raw))
    except AreaUnitError:
        text = str(raw).strip()
        if text[:1].isdigit() or text[:1] in "+-.":
            return tr("unknown area unit in {value} (use 平方米, 公顷, 亩 or 平方公里)").format(
                value=text
            )
    return tr("not a positive area: {value}").format(value=raw)


# --------------------------------------------------------------------------------------------
# Text encodings

#: characters that do not occur in Chinese plan tables but do occur when Big5 (or other) bytes
#: are decoded as GBK: kana, bopomofo, box drawing, vertical forms, private-use area
_ODD_RANGES = (
    (0x3040, 0x30FF),
    (0x3100, 0x312F),
    (0x2500, 0x257F),
    (0xFE10, 0xFE4F),
    (0xE000, 0xF8FF),
    (0xFF61, 0xFF9F),
)


def _odd(ch: str) -> bool:
    o = ord(ch)
    return o > 0xFFFF or any(a <= o <= b for a, b in _ODD_RANGES)


def _first_odd(text: str, controls: bool = False) -> int | None:
    for i, ch in enumerate(text):
        if _odd(ch) or (controls and ord(ch) < 32 and ch not in "\t\r\n"):
            return i
    return None


def _gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _first_rare_line(text: str) -> int | None:
    """The offset of the first line whose Chinese characters are mostly outside GB2312 (what
    Shift-JIS bytes become in GBK; a Chinese table uses common characters)."""
    start = 0
    for line in text.split("\n"):
        han = [ch for ch in line if "\u4e00" <= ch <= "\u9fff"]
        rare = sum(1 for ch in han if not _gb2312(ch))
        if rare >= 3 and rare > 0.6 * len(han):
            return start
        start += len(line) + 1
    return None


def _line_of(text: str, index: int) -> tuple[int, str]:
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return line, text[start : end if end >= 0 else len(text)].strip()[:40]


def _plain(ch: str) -> bool:
    """A character of a Chinese table: ASCII, Chinese, CJK or full-width punctuation."""
    o = ord(ch)
    return (
        32 <= o < 127
        or ch in "\t\r\n"
        or 0x4E00 <= o <= 0x9FFF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0x2000 <= o <= 0x206F  # — … “ ”
        or 0x00B0 <= o <= 0x00B7  # ° ² ·
        or 0x3300 <= o <= 0x33FF  # ㎡
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` for bytes with NULs that read as plain text in one of them."""
    if len(data) < 4 or len(data) % 2 or b"\0" not in data:
        return None
    best, best_share = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = sum(1 for ch in text if _plain(ch)) / max(len(text), 1)
        if share > best_share:
            best, best_share = enc, share
    return best if best_share >= 0.95 else None


def detect_text_encoding(data: bytes) -> str:
    """The encoding of CSV bytes: ``utf-8-sig``, ``utf-16`` (a BOM: Excel "Unicode text"),
    ``utf-16-le``/``-be`` (no BOM), ``utf-8`` or ``gb18030`` (GBK).

    Bytes that decode as GBK only into characters no Chinese table holds (what Big5 or
    Shift-JIS bytes become) are refused with :class:`TextEncodingError` naming the line, and
    naming Big5 when the bytes read cleanly as Big5; so is anything else undecodable.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TextEncodingError(
                tr("The file starts as UTF-16 text but breaks at byte {pos}.").format(pos=exc.start)
            ) from exc
        odd = _first_odd(text, controls=True)
        if odd is not None:
            raise TextEncodingError(
                tr("The file starts as UTF-16 text but line {line} is not text.").format(
                    line=_line_of(text, odd)[0]
                )
            )
        return "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        nul = text.find("\0")
        if nul < 0:
            return "utf-8"
        raise TextEncodingError(
            tr(
                "Line {line} of the file holds NUL bytes: it is not UTF-8 or GBK text (UTF-16 "
                "without a byte-order mark?). Save it as CSV UTF-8 and import again."
            ).format(line=_line_of(text, nul)[0])
        )
    if b"\0" in data:
        line = data.count(b"\n", 0, data.find(b"\0")) + 1
        raise TextEncodingError(
            tr(
                "Line {line} of the file holds NUL bytes: it is not UTF-8 or GBK text (UTF-16 "
                "without a byte-order mark?). Save it as CSV UTF-8 and import again."
            ).format(line=line)
        )
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TextEncodingError(
            tr(
                "The file is neither UTF-8 nor GBK text (line {line}, byte {pos}); save it as "
                "CSV UTF-8 and import again."
            ).format(line=line, pos=exc.start)
        ) from exc
    odd = _first_odd(text)
    if odd is None:
        odd = _first_rare_line(text)
    if odd is None:
        return "gb18030"
    line, shown = _line_of(text, odd)
    try:
        big5 = data.decode("big5")
    except UnicodeDecodeError:
        big5 = None
    if big5 is not None and _first_odd(big5) is None:
        raise TextEncodingError(
            tr(
                "The file looks like Big5 (traditional Chinese) text, not GBK: line {line} "
                "reads as “{text}” in GBK. Save it as CSV UTF-8 and import again."
            ).format(line=line, text=shown)
        )
    raise TextEncodingError(
        tr(
            "The file is not UTF-8, UTF-16 or GBK text: line {line} reads as “{text}” in GBK. "
            "Save it as CSV UTF-8 and import again."
        ).format(line=line, text=shown)
    )
