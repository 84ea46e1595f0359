"""The library fields an import fills: titles, kinds, segments, code lists.

No Qt/QGIS imports here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import tr_label, tr_noop


@dataclass(frozen=True)
class FieldSpec:
    name: str  # library field name
    label: str  # English label (translated by tr() where shown: field_label)
    kind: str  # text | code | segment | year | date | area | number
    synonyms: tuple[str, ...] = ()  # header spellings (normalised, see _norm_header)


SEGMENT_FIELDS = (
    "region",
    "admin",
    "year",
    "approval_type",
    "project_type",
    "supply_type",
    "land_use",
)
#: segments checked against a code list (load_dictionaries keys)
DICTIONARY_FIELDS = ("region", "admin", "approval_type", "project_type", "supply_type", "land_use")
DATE_FIELDS = ("agreed_handover", "agreed_start", "agreed_completion", "approval_date")

FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in (
        FieldSpec(
            "code",
            tr_noop("Project code"),
            "code",
            (
                "项目代码",
                "项目编码",
                "一码通编码",
                "一码通代码",
                "统一编码",
                "项目编号",
                "28位代码",
                "28位编码",
                "code",
                "projectcode",
            ),
        ),
        FieldSpec(
            "name",
            tr_noop("Project name"),
            "text",
            ("项目名称", "名称", "项目", "地块名称", "name", "projectname"),
        ),
        FieldSpec(
            "applicant",
            tr_noop("Applicant"),
            "text",
            (
                "用地单位",
                "申请人",
                "申请单位",
                "建设单位",
                "项目单位",
                "受让人",
                "受让单位",
                "竞得人",
                "项目业主",
                "业主单位",
                "applicant",
            ),
        ),
        FieldSpec(
            "region",
            tr_noop("Region code"),
            "segment",
            ("地区特色编码", "地区编码", "地区代码", "region"),
        ),
        FieldSpec(
            "admin",
            tr_noop("Administrative division"),
            "segment",
            (
                "行政区",
                "行政区划",
                "行政区划代码",
                "行政区代码",
                "区县",
                "所在区县",
                "县市区",
                "所在行政区",
                "admin",
                "division",
            ),
        ),
        FieldSpec(
            "year", tr_noop("Year"), "year", ("年度", "年份", "计划年度", "项目年度", "year")
        ),
        FieldSpec(
            "approval_type",
            tr_noop("Approval type"),
            "segment",
            (
                "批准类型",
                "项目批准类型",
                "批准类型编码",
                "项目批准类型编码",
                "立项类型",
                "approvaltype",
            ),
        ),
        FieldSpec(
            "project_type",
            tr_noop("Project type"),
            "segment",
            ("项目类型", "项目类型编码", "项目类别", "projecttype"),
        ),
        FieldSpec(
            "supply_type",
            tr_noop("Supply type"),
            "segment",
            ("供地方式", "供地类型", "供地类型代码", "供应方式", "土地供应方式", "supplytype"),
        ),
        FieldSpec(
            "land_use",
            tr_noop("Land use"),
            "segment",
            (
                "用途",
                "土地用途",
                "出让用途",
                "用地性质",
                "用地类型",
                "规划用途",
                "出让用途编码",
                "用地用海分类",
                "landuse",
            ),
        ),
        FieldSpec(
            "declared_area_m2",
            tr_noop("Declared area (m²)"),
            "area",
            (
                "面积",
                "申报面积",
                "用地面积",
                "出让面积",
                "供地面积",
                "储备面积",
                "土地面积",
                "总面积",
                "area",
                "aream2",
            ),
        ),
        FieldSpec(
            "agreed_handover",
            tr_noop("Agreed hand-over date"),
            "date",
            ("约定交地时间", "约定交地日期", "交地时间", "交地日期"),
        ),
        FieldSpec(
            "agreed_start",
            tr_noop("Agreed start date"),
            "date",
            ("约定开工时间", "约定开工日期", "开工时间", "计划开工时间", "开工日期"),
        ),
        FieldSpec(
            "agreed_completion",
            tr_noop("Agreed completion date"),
            "date",
            ("约定竣工时间", "约定竣工日期", "竣工时间", "计划竣工时间", "竣工日期"),
        ),
        FieldSpec(
            "approval_date",
            tr_noop("Approval date"),
            "date",
            ("批准时间", "批准日期", "立项时间", "立项日期", "批复日期"),
        ),
        FieldSpec(
            "approval_number",
            tr_noop("Approval document number"),
            "text",
            ("批准文号", "文号", "批复文号", "立项文号"),
        ),
        FieldSpec(
            "investment_code",
            tr_noop("Investment project code"),
            "text",
            (
                "投资项目代码",
                "投资项目统一代码",
                "项目统一代码",
                "全国投资项目代码",
                "审批监管平台代码",
                "investmentcode",
            ),
        ),
        FieldSpec(
            "location",
            tr_noop("Location"),
            "text",
            ("项目位置", "位置", "坐落", "土地坐落", "地块位置", "建设地点", "location"),
        ),
        FieldSpec(
            "investment",
            tr_noop("Investment (10k yuan)"),
            "number",
            ("总投资", "总投资万元", "投资额", "计划投资"),
        ),
        FieldSpec("note", tr_noop("Note"), "text", ("备注", "说明", "remarks", "note")),
    )
}


_LABELS = {name: spec.label for name, spec in FIELDS.items()}


def field_label(name: str) -> str:
    """The translated label of an importer field (the field name when unknown)."""
    return tr_label(_LABELS, name)


#: the fields that must have a value in every row (besides: a code OR all segments)
REQUIRED_FIELDS = ("name",)


class ImporterError(ValueError):
    """Raised for an unreadable file or a commit of a plan that has problems."""
