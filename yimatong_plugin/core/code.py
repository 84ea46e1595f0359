"""The 28-digit project code (一码通项目代码): parse, compose, validate, format.

Segments (DOMAIN.md section 2), 2+6+4+2+2+2+4+6 = 28 digits::

    43 430702 2024 03 01 12 0701 000123
    |  |      |    |  |  |  |    serial 流水号 (000001-999999 within the 22-digit prefix)
    |  |      |    |  |  |  transfer use 出让用途编码 (level-2 用地用海 code)
    |  |      |    |  |  land-supply type 供地类型代码
    |  |      |    |  project type 项目类型编码
    |  |      |    approval type 项目批准类型编码
    |  |      year 年度
    |  administrative division 行政区划代码 (GB/T 2260, county level)
    region feature code 地区特色编码

Storage keeps the bare 28 digits (``str(code)``); :meth:`ProjectCode.display` groups them.
Every failure raises :class:`CodeError` (a ``ValueError``) whose ``segment`` names the failing
segment (``None`` for whole-code problems such as the length) and whose message is translated.

A real-estate unit number (不动产单元号, GB/T 37346) is also 28 characters long:
``430702 001002 GB 00001 F 00010001`` = 6-digit county division + 6-digit cadastral zone/subzone
(地籍区 + 地籍子区) + 2-letter parcel feature code (宗地/宗海特征码: G/J/Z then a letter such as
B, C, A, S, H) + 5-digit parcel serial (宗地/宗海顺序号) — 19 characters for the 宗地/宗海 code —
then a 1-letter fixture code (定着物特征码: F house, L forest, Q other, W none) + 8 digits. Such a
number is recognised and named as such (see :func:`looks_like_unit_number`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Optional, Union

from .code_lists import (
    all_known,
    check_segments,
    dictionaries_or_default,
    segment_errors,
    segment_value,
)
from .code_segments import (
    CODE_LENGTH,
    OFFSETS,
    PREFIX_LENGTH,
    SEGMENT_LABELS,
    SEGMENT_NAMES,
    SEGMENT_WIDTHS,
    SEGMENTS,
    YEAR_MAX_AHEAD,
    YEAR_MIN,
    CodeError,
    join_segments,
    segment_at,
    segment_key,
    segment_title,
    year_range,  # noqa: F401  (public, kept importable from here)
)
from .i18n import tr

#: characters accepted between segments of a grouped code
SEPARATORS = " -\u3000\u2010\u2011\u2012\u2013\u2014\uff0d\t"
_SEPARATOR_RE = re.compile("[" + re.escape(SEPARATORS) + "]+")
_DIGITS28_RE = re.compile(r"[0-9]{28}")
# the standard grouped form 2-6-4-2-2-2-4-6 (fast path of parse_code)
_GROUPED_RE = re.compile(
    r"\s*"
    + ("[" + re.escape(SEPARATORS) + "]+").join(f"([0-9]{{{w}}})" for w in SEGMENT_WIDTHS.values())
    + r"\s*"
)

# GB/T 37346 real-estate unit number: 6+6 digits, 宗地/宗海特征码 (2 letters), 5 digits,
# 定着物特征码 (F/L/Q/W), 8 digits
_UNIT_NUMBER_RE = re.compile(r"[0-9]{12}[GJZ][A-Z][0-9]{5}[FLQW][0-9]{8}")


def looks_like_unit_number(text: str) -> bool:
    """True when ``text`` looks like a 28-character real-estate unit number (不动产单元号,
    GB/T 37346), e.g. ``430702001002GB00001F00010001`` (spaces/hyphens ignored)."""
    if not isinstance(text, str):
        return False
    cleaned = _SEPARATOR_RE.sub("", text.strip()).upper()
    return len(cleaned) == CODE_LENGTH and _UNIT_NUMBER_RE.fullmatch(cleaned) is not None


@dataclass(frozen=True)
class ProjectCode:
    """A structurally valid 28-digit project code (each segment a string of its digits).

    Construction only checks widths and digits; :func:`parse_code`, :func:`build_prefix` and
    :meth:`validate` also check the code lists.
    """

    region: str
    admin: str
    year: str
    approval_type: str
    project_type: str
    supply_type: str
    land_use: str
    serial: str

    def __post_init__(self):
        for name, width in SEGMENTS:
            value = getattr(self, name)
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value).zfill(width)
                object.__setattr__(self, name, value)
            if (
                not isinstance(value, str)
                or len(value) != width
                or not (value.isascii() and value.isdigit())
            ):
                raise CodeError(
                    tr("The {segment} must be {width} digits, not '{value}'.").format(
                        segment=segment_title(name), width=width, value=value
                    ),
                    name,
                )

    def __str__(self) -> str:
        return "".join(getattr(self, name) for name in SEGMENT_NAMES)

    @property
    def code(self) -> str:
        """The bare 28 digits (same as ``str(code)``)."""
        return str(self)

    @property
    def prefix(self) -> str:
        """The first 22 digits: everything but the serial."""
        return str(self)[:PREFIX_LENGTH]

    def display(self, separator: str = " ") -> str:
        """The grouped form, e.g. ``43 430702 2024 03 01 12 0701 000123``."""
        return join_segments((getattr(self, name) for name in SEGMENT_NAMES), separator)

    def segments(self) -> dict[str, str]:
        """``{segment name: digits}`` in segment order."""
        return {name: getattr(self, name) for name in SEGMENT_NAMES}

    def segment(self, name: str) -> str:
        """One segment by name or Chinese label (see :func:`segment_key`)."""
        return getattr(self, segment_key(name))

    def validate(self, dictionaries: Optional[Mapping] = None) -> ProjectCode:
        """Check every segment against the code lists; returns ``self`` or raises CodeError."""
        check_segments(self.segments(), dictionaries)
        return self

    @classmethod
    def from_prefix(cls, prefix22: str, serial: int) -> ProjectCode:
        """The code with 22-digit ``prefix22`` and serial number ``serial`` (1..999999)."""
        prefix22 = str(prefix22)
        if len(prefix22) != PREFIX_LENGTH or not (prefix22.isascii() and prefix22.isdigit()):
            raise CodeError(
                tr("A code prefix has 22 digits; got '{prefix}'.").format(prefix=prefix22)
            )
        if isinstance(serial, str):
            if not (serial.isascii() and serial.isdigit()):
                raise CodeError(
                    tr("The serial number must be digits, not '{value}'.").format(value=serial),
                    "serial",
                )
            serial = int(serial)
        if not 1 <= int(serial) <= 999_999:
            raise CodeError(
                tr("Serial number {serial} is out of range 000001-999999.").format(serial=serial),
                "serial",
            )
        return _from_bare(prefix22 + f"{int(serial):06d}")


def _from_bare(bare: str) -> ProjectCode:
    return ProjectCode(*(bare[start:end] for start, end in OFFSETS.values()))


def _trusted(bare: str) -> ProjectCode:
    """A ProjectCode from 28 ASCII digits already checked (skips the per-segment checks)."""
    code = object.__new__(ProjectCode)
    code.__dict__.update(
        region=bare[0:2],
        admin=bare[2:8],
        year=bare[8:12],
        approval_type=bare[12:14],
        project_type=bare[14:16],
        supply_type=bare[16:18],
        land_use=bare[18:22],
        serial=bare[22:28],
    )
    return code


# -- parsing ---------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    """The bare character string of ``text``, checking the grouping of a grouped form."""
    stripped = text.strip()
    if not _SEPARATOR_RE.search(stripped):
        return stripped
    groups = [g for g in _SEPARATOR_RE.split(stripped) if g]
    # every group boundary must fall on a segment boundary
    boundaries = {end for _, end in OFFSETS.values()}
    position = 0
    for group in groups[:-1]:
        position += len(group)
        if position not in boundaries:
            seg = segment_at(position)
            if seg is None or sum(len(g) for g in groups) != CODE_LENGTH:
                break  # the length check below gives the clearer message
            raise CodeError(
                tr(
                    "The grouping splits the {segment}: groups must follow the segments "
                    "2-6-4-2-2-2-4-6."
                ).format(segment=segment_title(seg)),
                seg,
            )
    return "".join(groups)


def parse_code(
    text: Union[str, ProjectCode], dictionaries: Optional[Mapping] = None
) -> ProjectCode:
    """Parse and validate a project code in bare or grouped form (spaces or hyphens).

    Raises :class:`CodeError` saying what is wrong and, in ``segment``, where.
    """
    if isinstance(text, ProjectCode):
        return text.validate(dictionaries)
    if text is None:
        raise CodeError(tr("No project code given."))
    if not isinstance(text, str):
        text = str(text)
    if _DIGITS28_RE.fullmatch(text):
        bare = text  # fast path: bare digits
    elif (grouped := _GROUPED_RE.fullmatch(text)) is not None:
        bare = "".join(grouped.groups())  # fast path: standard grouping
    else:
        if not text.strip():
            raise CodeError(tr("No project code given."))
        if looks_like_unit_number(text):
            raise CodeError(
                tr(
                    "This is a real-estate unit number (不动产单元号, GB/T 37346), not a project "
                    "code: a project code has 28 digits and no letters."
                )
            )
        bare = _normalise(text)
        for position, char in enumerate("" if _DIGITS28_RE.fullmatch(bare) else bare):
            if not ("0" <= char <= "9"):
                seg = segment_at(position) if len(bare) == CODE_LENGTH else None
                if seg is not None:
                    message = tr(
                        "The code contains '{char}' at position {position} (in the {segment}): "
                        "a project code has digits only."
                    ).format(char=char, position=position + 1, segment=segment_title(seg))
                else:
                    message = tr(
                        "The code contains '{char}' at position {position}: a project code "
                        "has digits only."
                    ).format(char=char, position=position + 1)
                raise CodeError(message, seg)
        if len(bare) != CODE_LENGTH:
            raise CodeError(
                tr("A project code has 28 digits; this one has {n}.").format(n=len(bare))
            )
    if all_known(bare, dictionaries_or_default(dictionaries)):
        return _trusted(bare)
    code = _from_bare(bare)
    check_segments(code.segments(), dictionaries)  # raises the precise error
    return code  # pragma: no cover - all_known and check_segments agree


def is_valid_code(text, dictionaries: Optional[Mapping] = None) -> bool:
    """True when :func:`parse_code` accepts ``text``."""
    try:
        parse_code(text, dictionaries)
    except CodeError:
        return False
    return True


def build_prefix(
    *,
    region,
    admin,
    year,
    approval_type,
    project_type,
    supply_type,
    land_use,
    dictionaries: Optional[Mapping] = None,
) -> str:
    """The validated 22-digit prefix (all segments but the serial). ``year`` may be an int;
    other segments are strings of their digits. Raises :class:`CodeError`."""
    raw = {
        "region": region,
        "admin": admin,
        "year": year,
        "approval_type": approval_type,
        "project_type": project_type,
        "supply_type": supply_type,
        "land_use": land_use,
    }
    values = {name: segment_value(name, value) for name, value in raw.items()}
    check_segments(values, dictionaries)
    return "".join(values[name] for name in SEGMENT_NAMES[:-1])


def build_code(serial: int, dictionaries: Optional[Mapping] = None, **segments) -> ProjectCode:
    """A full validated code from the seven prefix segments and ``serial``."""
    return ProjectCode.from_prefix(build_prefix(dictionaries=dictionaries, **segments), serial)


def split_code(text: str) -> dict[str, str]:
    """Segments of a structurally sound code *without* code-list checks (for display of
    codes from other bureaus' lists). Raises CodeError on length/non-digit problems."""
    if looks_like_unit_number(text):
        return parse_code(text).segments()  # raises the unit-number error
    bare = _normalise(str(text))
    if len(bare) != CODE_LENGTH or not (bare.isascii() and bare.isdigit()):
        return parse_code(text, dictionaries=None).segments()  # raises the precise error
    return _from_bare(bare).segments()


def __getattr__(name: str):
    # format_code lives with the other display forms in core/presentation.py (which imports
    # this module); it stays importable from here
    if name == "format_code":
        from .presentation import format_code

        return format_code
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CODE_LENGTH",
    "PREFIX_LENGTH",
    "SEGMENTS",
    "SEGMENT_LABELS",
    "SEGMENT_NAMES",
    "YEAR_MAX_AHEAD",
    "YEAR_MIN",
    "CodeError",
    "ProjectCode",
    "build_code",
    "build_prefix",
    "is_valid_code",
    "looks_like_unit_number",
    "parse_code",
    "segment_errors",
    "segment_key",
    "segment_title",
    "split_code",
]
