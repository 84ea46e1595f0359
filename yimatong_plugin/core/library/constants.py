"""Fixed vocabularies of the library: project sources, stages and stage groups."""

from __future__ import annotations

# schema.py: 1 initial, 2 search indexes, 3 inserts reserve their serial,
# 4 stage supplementary_farmland, event area_m2/stopped_on, batch index, projects.current_stage
SCHEMA_VERSION = 4
LIBRARY_EPSG = 4490  # CGCS2000 geographic: every parcel is stored in it

SOURCES = {
    "national_key": "国家级重点项目",
    "provincial_key": "省级重点项目",
    "municipal_key": "市级重点项目",
    "investment_platform": "投资项目在线审批监管平台",
    "annual_reserve_plan": "年度储备计划",
    "annual_transfer_plan": "年度出让计划",
}

STAGES = {
    "preliminary_review": "用地预审",
    "conversion_approval": "农转用/征收批准",
    "reserve": "土地储备",
    "supply": "供地",
    "planning_permit": "规划许可",
    "construction_start": "开工",
    "completion": "竣工",
    "registration": "不动产登记",
    # 耕地占补平衡: farmland supplemented for the farmland a project takes
    "supplementary_farmland": "补充耕地/占补平衡",
    "supervision": "批后监管",
}
#: stages the library accepts only from this schema version on (older files are migrated)
STAGE_SINCE_VERSION = {"supplementary_farmland": 4}

# 批 供 用 补 查: the stage groups of the life of the land.
STAGE_GROUPS = {
    "批": ("preliminary_review", "conversion_approval"),
    "供": ("reserve", "supply"),
    "用": ("planning_permit", "construction_start", "completion", "registration"),
    "补": ("supplementary_farmland",),  # 补充耕地 / 耕地占补平衡
    "查": ("supervision",),
}

SUPPLY_ONLY_FIELDS = ("agreed_handover", "agreed_start", "agreed_completion")

# Tables whose rows are never deleted (archive/retire instead) and whose edits are audited.
AUDITED_TABLES = ("ymt_projects", "ymt_parcels", "ymt_events", "ymt_results")
ALL_TABLES = AUDITED_TABLES + ("ymt_serials", "ymt_audit")
