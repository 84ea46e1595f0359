"""The facts a stage event (ymt_events) carries besides its project code, stage and date, in
column order: one list for the library (what an event may be given) and the lifecycle rules
(what they read). Below both (core/library imports core/lifecycle), so it imports nothing."""

from __future__ import annotations

EVENT_FACTS = (
    "status",
    "doc_no",
    "origin_system",
    "agreed_handover",
    "agreed_start",
    "agreed_completion",
    "developed_ratio",
    "invested_ratio",
    "batch",
    "note",
    "area_m2",
    "stopped_on",
    "origin_key",
)
#: facts no lifecycle rule reads (free text, the source system's record id)
NOT_FOR_RULES = ("note", "origin_key")
