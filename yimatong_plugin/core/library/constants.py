"""Fixed vocabularies of the library: project sources, stages and stage groups."""

from __future__ import annotations

from .. import lifecycle as _lifecycle

# schema.py: 1 initial, 2 search indexes, 3 inserts reserve their serial,
# 4 stage supplementary_farmland, event area_m2/stopped_on, batch index, projects.current_stage,
# 5 events.origin_key (unique per origin_system), projects.approval_status/_at/approval_item,
#   service tables ymt_api_clients, ymt_blobs, ymt_blob_chunks,
# 6 the 一张图 catalog: ymt_catalog_topics, ymt_catalog_layers
# 7 control sets: ymt_control_sets, ymt_control_set_layers, ymt_control_prepared
# 8 covering index ymt_parcels_area_idx (code, retired, area_m2): the statistics' parcel areas
# 9 covering event indexes ymt_events_facts_idx, ymt_events_code_idx (+ fid, archived, stage)
SCHEMA_VERSION = 9
LIBRARY_EPSG = 4490  # CGCS2000 geographic: every parcel is stored in it

SOURCES = {
    "national_key": "国家级重点项目",
    "provincial_key": "省级重点项目",
    "municipal_key": "市级重点项目",
    "investment_platform": "投资项目在线审批监管平台",
    "annual_reserve_plan": "年度储备计划",
    "annual_transfer_plan": "年度出让计划",
}

#: stage key -> Chinese name: the domain's stage model (core/lifecycle.py) is the one source
STAGES = dict(_lifecycle.STAGES)
#: stages the library accepts only from this schema version on (older files are migrated)
STAGE_SINCE_VERSION = {"supplementary_farmland": 4}

# 批 供 用 补 查: the stage groups of the life of the land (label -> stages).
STAGE_GROUPS = {g.label: g.stages for g in _lifecycle.STAGE_GROUPS}

SUPPLY_ONLY_FIELDS = ("agreed_handover", "agreed_start", "agreed_completion")
