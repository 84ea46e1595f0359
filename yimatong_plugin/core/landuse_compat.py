"""Planned use (用地用海 zoning) versus project use: the use-compatibility table.

Codes follow 用地用海分类 (自然资发〔2023〕234号). Third national land survey (三调) working codes
(``05H1``, ``08H1``, ``0508``, ``1104A``, ``0307K`` …) are mapped to the 2023 classes first.
A 4-digit code that exists in the 2023 list is read as a 2023 code (e.g. ``1001`` = 工业用地);
only codes the 2023 list does not have, or that carry the 三调 letters H/A/K, are read as 三调.

The table compares level-1 classes (the first two digits after normalising):

* same level-1 class → compatible (合规)
* planned 16 留白用地 or 23 其他土地 → needs a feasibility argument (需论证)
* planned agricultural/ecological land (01 耕地, 02 园地, 03 林地, 04 草地, 05 湿地, 17 陆地水域)
  with a construction project (07–15) → conflict (冲突); a linear infrastructure project
  (12 交通运输, 13 公用设施) or an agricultural facility (06) there → 需论证
* planned construction land (07–15) with another construction class → conflict, except the
  usual mixes that need an argument: 07 居住 ↔ 08 公共服务 ↔ 09 商业, 10 工矿 ↔ 11 仓储,
  12/13 infrastructure anywhere in construction land, 13 in 14 绿地
* anything else → 需论证 (the table does not decide; a planner must)
"""

from __future__ import annotations

import re

COMPATIBLE = "合规"
CONFLICT = "冲突"
ARGUE = "需论证"

LEVEL1 = {
    "01": "耕地",
    "02": "园地",
    "03": "林地",
    "04": "草地",
    "05": "湿地",
    "06": "农业设施建设用地",
    "07": "居住用地",
    "08": "公共管理与公共服务用地",
    "09": "商业服务业用地",
    "10": "工矿用地",
    "11": "仓储用地",
    "12": "交通运输用地",
    "13": "公用设施用地",
    "14": "绿地与开敞空间用地",
    "15": "特殊用地",
    "16": "留白用地",
    "17": "陆地水域",
    "18": "渔业用海",
    "19": "工矿通信用海",
    "20": "交通运输用海",
    "21": "游憩用海",
    "22": "特殊用海",
    "23": "其他土地",
    "24": "其他海域",
}

# number of level-2 classes in each level-1 class of the 2023 list (level 2 = 01..n)
_LEVEL2_COUNT = {
    "01": 3, "02": 5, "03": 4, "04": 3, "05": 7, "06": 2, "07": 4, "08": 7, "09": 4, "10": 3,
    "11": 2, "12": 9, "13": 12, "14": 3, "15": 7, "17": 6, "23": 7,
}  # fmt: skip

# 三调 working codes the 2023 list does not have (after the 2023 reading failed)
_SANDIAO = {
    "05H1": "09", "0508": "1101", "0601": "1001", "0602": "1002", "0603": "1003",
    "0702": "0703", "08H1": "0801", "08H2": "08", "0809": "13", "0810": "1401", "0810A": "1403",
    "09": "15", "1001": "1201", "1002": "1206", "1003": "1202", "1004": "1207", "1005": "1208",
    "1006": "0601", "1007": "1203", "1008": "1204", "1009": "1205", "1101": "1701",
    "1102": "1702", "1103": "1703", "1104": "1704", "1104A": "1704", "1104K": "1704",
    "1105": "0505", "1106": "0506", "1107": "1705", "1107A": "1705", "1108": "0504",
    "1109": "1311", "1110": "1706", "1201": "2301", "1202": "0602", "1203": "2303",
    "1204": "2304", "1205": "2305", "1206": "2306", "1207": "2307", "0204": "0205",
    "0303": "0507", "0304": "0501", "0305": "0303", "0306": "0502", "0307": "0304",
    "0402": "0503", "0403": "0402", "0404": "0403",
}  # fmt: skip

_CONSTRUCTION = {"07", "08", "09", "10", "11", "12", "13", "14", "15"}
_AGRI_ECO = {"01", "02", "03", "04", "05", "17"}
_INFRA = {"12", "13"}
_MIXES = [{"07", "08", "09"}, {"10", "11"}]


def _is_2023(code: str) -> bool:
    if len(code) == 2:
        return code in LEVEL1
    if len(code) in (4, 6) and code[:2] in LEVEL1:
        count = _LEVEL2_COUNT.get(code[:2], 0)
        return code[2:4].isdigit() and 1 <= int(code[2:4]) <= count
    return False


def normalise_land_use(code) -> str | None:
    """The 2023 code (level 1, 2 or 3) for a zoning/survey code, or None when unknown.

    The bureau's code lists (:func:`core.dictionaries.normalise_land_use`, with its 三调 alias
    list) decide first; the small built-in table above is the fallback.
    """
    if code is None:
        return None
    try:
        from .dictionaries import normalise_land_use as from_lists

        found = from_lists(code)
    except Exception:  # a broken administrator list must not stop a review
        found = None
    if found:
        return found
    text = re.sub(r"\s+", "", str(code)).upper()
    if text.endswith(".0"):  # numbers read from spreadsheets
        text = text[:-2]
    if len(text) in (1, 3) and text.isdigit():  # leading zero lost (e.g. 701)
        text = "0" + text
    if not text:
        return None
    if _is_2023(text):
        return text
    if text in _SANDIAO:
        return _SANDIAO[text]
    if text.endswith("K"):  # 三调 可调整地类: same class
        base = text[:-1]
        if _is_2023(base):
            return base
        if base in _SANDIAO:
            return _SANDIAO[base]
    return None


def level1(code) -> str | None:
    norm = normalise_land_use(code)
    return norm[:2] if norm else None


def compatibility(planned_code, project_code) -> str:
    """合规 / 冲突 / 需论证 for a project of use ``project_code`` on land planned
    ``planned_code``."""
    planned = level1(planned_code)
    project = level1(project_code)
    if planned is None or project is None:
        return ARGUE
    if planned == project:
        return COMPATIBLE
    if planned in ("16", "23"):
        return ARGUE
    if planned in _AGRI_ECO:
        if project in _INFRA or project == "06":
            return ARGUE
        if project in _CONSTRUCTION:
            return CONFLICT
        return ARGUE
    if planned in _CONSTRUCTION:
        if project in _INFRA:
            return ARGUE
        if any(planned in mix and project in mix for mix in _MIXES):
            return ARGUE
        if project in _CONSTRUCTION or project in _AGRI_ECO:
            return CONFLICT
    return ARGUE
