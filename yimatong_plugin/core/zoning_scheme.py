"""Which classification a zoning layer's codes follow: 2023 用地用海 or the 三调 working codes.

Many codes exist in both lists with different meanings (三调 ``1001`` 铁路用地 is 2023 ``1001``
工业用地; 三调 ``0601`` 工业用地 is 2023 ``0601`` 农村道路). A code alone cannot tell; the layer's
whole code set can:

* a code only the 2023 list has (``1301``, ``0704``, a level-3 ``070101``) → a 2023 layer (三调
  working codes such as ``08H1`` that real zoning carries are still read as 三调);
* a code only the 三调 list has (``0810``, ``1104A``, ``0508``) and none only 2023 → a 三调 layer;
* neither: if one of the codes means something else in the two lists, the layer is refused
  until the user chooses (:class:`ZoningSchemeError`), else it does not matter (2023).
"""

from __future__ import annotations

import re

from .i18n import tr
from .landuse_compat import _SANDIAO, _is_2023, normalise_land_use

AUTO = "auto"
Y2023 = "2023"
SANDIAO = "sandiao"
SCHEMES = (AUTO, Y2023, SANDIAO)

# level-1 classes of the 三调 working classification and their 2023 counterparts
_SANDIAO_LEVEL1 = {
    "01": "01", "02": "02", "03": "03", "04": "04", "05": "09", "06": "10", "07": "07",
    "08": "08", "09": "15", "10": "12", "11": "17", "12": "23",
}  # fmt: skip
# level-2 codes of the 三调 working classification (GB/T 21010-2017 with the 三调 merges)
_SANDIAO_CODES = (
    {"0101", "0102", "0103", "0201", "0202", "0203", "0204"}
    | {f"03{i:02d}" for i in range(1, 8)}
    | {"0401", "0402", "0403", "0404", "05H1", "0508", "0601", "0602", "0603", "0701", "0702"}
    | {"08H1", "08H2", "0809", "0810", "0810A"}
    | {f"10{i:02d}" for i in range(1, 10)}
    | {f"11{i:02d}" for i in range(1, 11)}
    | {"1104A", "1104K", "1107A"}
    | {f"12{i:02d}" for i in range(1, 8)}
)


class ZoningSchemeError(ValueError):
    """The classification of a zoning layer cannot be told from its codes."""


def _clean(code) -> str:
    text = re.sub(r"\s+", "", str(code or "")).upper()
    if text.endswith(".0"):
        text = text[:-2]
    if len(text) in (1, 3) and text.isdigit():
        text = "0" + text
    return text


def is_sandiao(text: str) -> bool:
    if text.endswith("K") and text[:-1] in _SANDIAO_CODES | set(_SANDIAO_LEVEL1):
        return True
    return text in _SANDIAO_CODES or text in _SANDIAO_LEVEL1


def normalise(code, scheme: str) -> str | None:
    """The 2023 code for a zoning code read in ``scheme`` (2023 or sandiao), or None."""
    if scheme != SANDIAO:
        return normalise_land_use(code)
    text = _clean(code)
    if text.endswith("K") and text not in _SANDIAO:
        text = text[:-1]
    if text in _SANDIAO:
        return _SANDIAO[text]
    if len(text) == 2:
        return _SANDIAO_LEVEL1.get(text)
    if text in _SANDIAO_CODES:
        return text  # same code and meaning in both lists (0101 水田, 0701 城镇住宅用地 …)
    return None


def detect(codes) -> tuple[str, str]:
    """``(scheme, reason)`` for a layer's codes; ZoningSchemeError when it cannot be told."""
    texts = sorted({_clean(c) for c in codes if _clean(c)})
    only_2023 = [t for t in texts if _is_2023(t) and not is_sandiao(t)]
    only_sandiao = [t for t in texts if is_sandiao(t) and not _is_2023(t)]
    if only_2023:
        return Y2023, tr("codes only the 2023 list has: {codes}").format(
            codes=", ".join(only_2023[:5])
        )
    if only_sandiao:
        return SANDIAO, tr("codes only the 三调 list has: {codes}").format(
            codes=", ".join(only_sandiao[:5])
        )
    differ = [t for t in texts if t in _SANDIAO and _is_2023(t) and _SANDIAO[t] != t]
    if differ:
        raise ZoningSchemeError(
            tr(
                "the codes {codes} mean different land uses in the 2023 用地用海 list and in "
                "the 三调 list, and no other code tells which list the layer follows: choose "
                "the zoning classification"
            ).format(codes=", ".join(differ[:5]))
        )
    return Y2023, tr("every code means the same in both lists")
