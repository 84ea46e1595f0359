"""Area units used in Chinese planning: m², 公顷 (hectare) and 亩 (mu).

1 公顷 = 10,000 m²; 1 亩 = 10,000/15 m² ≈ 666.67 m².
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

M2_PER_HECTARE = 10_000.0
M2_PER_MU = 10_000.0 / 15.0


def m2_to_hectares(m2: float) -> float:
    return float(m2) / M2_PER_HECTARE


def m2_to_mu(m2: float) -> float:
    return float(m2) / M2_PER_MU


def hectares_to_m2(ha: float) -> float:
    return float(ha) * M2_PER_HECTARE


def mu_to_m2(mu: float) -> float:
    return float(mu) * M2_PER_MU


def format_m2(m2: float, decimals: int = 2) -> str:
    """``12,345.68 m²``."""
    return f"{float(m2):,.{decimals}f} m²"


def format_hectares(m2: float, decimals: int = 4) -> str:
    """An area given in m², written in 公顷: ``1.2346 公顷``."""
    return f"{m2_to_hectares(m2):,.{decimals}f} 公顷"


def format_mu(m2: float, decimals: int = 2) -> str:
    """An area given in m², written in 亩: ``18.52 亩``."""
    return f"{m2_to_mu(m2):,.{decimals}f} 亩"


def format_area(m2: float) -> str:
    """All three units, as reports show them: ``12,345.68 m² (1.2346 公顷, 18.52 亩)``."""
    return f"{format_m2(m2)} ({format_hectares(m2)}, {format_mu(m2)})"


# --------------------------------------------------------------------------------------------
# Units written in spreadsheets: one type, parsed from text, never recovered from a factor


class AreaUnit(Enum):
    """An area unit as written in a cell or a header; ``m2`` is its size in m²."""

    M2 = ("m2", 1.0, "平方米")
    HECTARE = ("ha", M2_PER_HECTARE, "公顷")
    MU = ("mu", M2_PER_MU, "亩")
    KM2 = ("km2", 1_000_000.0, "平方公里")
    TEN_THOUSAND_M2 = ("10k_m2", 10_000.0, "万平方米")

    def __init__(self, key: str, m2: float, label: str):
        self.key = key
        self.m2 = m2
        self.label = label

    @classmethod
    def from_key(cls, key: str) -> AreaUnit:
        """The unit of a stored key (``"m2"``, ``"ha"``, ``"mu"``…); KeyError for another."""
        for unit in cls:
            if unit.key == key:
                return unit
        raise KeyError(key)

    def to_m2(self, value: float) -> float:
        return float(value) * self.m2

    def format(self, m2: float, decimals: int = 4) -> str:
        """``m2`` written in this unit: ``1.5000 公顷``."""
        return f"{float(m2) / self.m2:,.{decimals}f} {self.label}"


#: spellings (after NFKC, lower case, spaces removed), longest first when matched
_UNIT_SPELLINGS: dict[str, AreaUnit] = {
    "平方米": AreaUnit.M2,
    "万平方米": AreaUnit.TEN_THOUSAND_M2,
    "万平米": AreaUnit.TEN_THOUSAND_M2,
    "万m2": AreaUnit.TEN_THOUSAND_M2,
    "平米": AreaUnit.M2,
    "m2": AreaUnit.M2,
    "米2": AreaUnit.M2,
    "sqm": AreaUnit.M2,
    "公顷": AreaUnit.HECTARE,
    "hm2": AreaUnit.HECTARE,
    "ha": AreaUnit.HECTARE,
    "亩": AreaUnit.MU,
    "市亩": AreaUnit.MU,
    "平方公里": AreaUnit.KM2,
    "平方千米": AreaUnit.KM2,
    "km2": AreaUnit.KM2,
}
_SPELLING_RE = "|".join(sorted(map(re.escape, _UNIT_SPELLINGS), key=len, reverse=True))
_NUMBER_RE = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(.*)$")
#: words that are not area units but are found in headers (万元 is money)
_NOT_AREA = re.compile(r"万元|元")


def _normalise(text: str) -> str:
    """Full-width forms, ㎡/㏊ and superscripts folded (NFKC), lower case, no spaces/commas."""
    text = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"[\s,，]", "", text)


def parse_area_unit(text: str) -> AreaUnit | None:
    """The unit a text names exactly (``公顷``, ``ha``, ``㎡``, ``ｍ²``…), None otherwise."""
    return _UNIT_SPELLINGS.get(_normalise(text).strip("()（）[]【】"))


class AreaUnitError(ValueError):
    """A cell holds a number followed by text that is not an area unit (or no number)."""


def unit_in_header(header: str) -> AreaUnit | None:
    """The area unit a column header names (``面积（公顷）``, ``出让面积/亩``), None if none.

    Raises :class:`AreaUnitError` for a header naming a unit this type does not know
    (``面积（万亩）``, ``面积(英亩)``, ``面积（平方英尺）``): read as another unit it would be
    wrong.
    """
    text = _NOT_AREA.sub("", _normalise(header))
    m = re.search(_SPELLING_RE, text)
    if m is None:
        if re.search(r"平方|英亩|英尺|acre|sqft", text):
            raise AreaUnitError(header)
        return None
    if m.group(0) == "ha" and re.search(r"[a-z]ha|ha[a-z]", text):
        return None  # "hash", "phase": not a unit
    if m.start() > 0 and text[m.start() - 1] in "万千百十英市":
        raise AreaUnitError(header)  # 万亩, 英亩, 千平方米 …
    return _UNIT_SPELLINGS[m.group(0)]


def parse_area_text(text: str) -> tuple[float, AreaUnit | None]:
    """``"1.5公顷"`` → (1.5, HECTARE); ``"30 亩"`` → (30.0, MU); ``"1,200"`` → (1200.0, None).

    Raises :class:`AreaUnitError` for a unit it does not know (``"2.5英亩"``) or no number.
    """
    norm = _normalise(text)
    m = _NUMBER_RE.match(norm)
    if m is None:
        raise AreaUnitError(text)
    value = float(m.group(1))
    rest = m.group(2)
    if not rest:
        return value, None
    unit = parse_area_unit(rest)
    if unit is None:
        raise AreaUnitError(text)
    return value, unit
