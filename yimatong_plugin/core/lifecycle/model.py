"""The stage model (批 供 用 补 查), the rules, severities, thresholds and findings.

Part of :mod:`yimatong_plugin.core.lifecycle` (see there); no Qt, no QGIS, no storage.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from ..event_fields import EVENT_FACTS, NOT_FOR_RULES
from ..i18n import tr

#: the event columns the lifecycle rules read (the monitor and the panel load only these)
RULE_EVENT_COLUMNS = ("fid", "code", "stage", "event_date") + tuple(
    c for c in EVENT_FACTS if c not in NOT_FOR_RULES
)


# -- stage model ---------------------------------------------------------------------------

#: stage key -> Chinese name; the library (core/library/constants.py) takes its STAGES and
#: STAGE_GROUPS from here
STAGES: dict[str, str] = {
    "preliminary_review": "用地预审",
    "conversion_approval": "农转用/征收批准",
    "reserve": "土地储备",
    "supply": "供地",
    "planning_permit": "规划许可",
    "construction_start": "开工",
    "completion": "竣工",
    "registration": "不动产登记",
    "supplementary_farmland": "补充耕地/占补平衡",
    "supervision": "批后监管",
}


@dataclass(frozen=True)
class StageGroup:
    key: str
    label: str  # the one-character Chinese label 批 供 用 补 查
    name: str  # the Chinese name of the group
    stages: tuple[str, ...]


STAGE_GROUPS: tuple[StageGroup, ...] = (
    StageGroup("approve", "批", "审批", ("preliminary_review", "conversion_approval")),
    StageGroup("supply", "供", "供地", ("reserve", "supply")),
    StageGroup(
        "use", "用", "用地", ("planning_permit", "construction_start", "completion", "registration")
    ),
    StageGroup("supplement", "补", "补充耕地", ("supplementary_farmland",)),
    StageGroup("inspect", "查", "监管执法", ("supervision",)),
)
_GROUP_OF_STAGE = {stage: g for g in STAGE_GROUPS for stage in g.stages}
_GROUP_BY_KEY = {g.key: g for g in STAGE_GROUPS}


def stage_group(stage: str) -> StageGroup | None:
    """The group (批 供 用 补 查) of a stage key, None for an unknown stage."""
    return _GROUP_OF_STAGE.get(stage)


def group_by_key(key: str) -> StageGroup:
    return _GROUP_BY_KEY[key]


def stage_name(stage: str) -> str:
    """Chinese name of a stage (the key itself when unknown)."""
    return STAGES.get(stage, stage)


# -- rules, severities ---------------------------------------------------------------------

RULE_UNSUPPLIED = "批而未供"
RULE_UNUSED = "供而未用"
RULE_IDLE = "闲置土地"
RULE_LATE_START = "逾期开工"
RULE_LATE_COMPLETION = "逾期竣工"
RULES = (RULE_UNSUPPLIED, RULE_UNUSED, RULE_IDLE, RULE_LATE_START, RULE_LATE_COMPLETION)

#: lane (stage group key) where a finding of each rule is drawn
RULE_GROUP = {
    RULE_UNSUPPLIED: "approve",
    RULE_UNUSED: "use",
    RULE_IDLE: "use",
    RULE_LATE_START: "use",
    RULE_LATE_COMPLETION: "use",
}

SEVERITY_INFO = "info"  # a lateness already resolved (started/completed late)
SEVERITY_WARNING = "warning"
SEVERITY_SERIOUS = "serious"  # idle land, fee stage
SEVERITY_CRITICAL = "critical"  # idle land, repossession stage
SEVERITIES = (SEVERITY_INFO, SEVERITY_WARNING, SEVERITY_SERIOUS, SEVERITY_CRITICAL)

IDLE_FEE = "fee"
#: a supervision event with one of these statuses records that development stopped that day
STOPPED_STATUSES = ("stopped", "halted", "停工", "停止开发")
#: a supervision event with one of these statuses records that development resumed that day
#: (复工): it ends a stall recorded before it (so does a 开工 event dated after the stop)
RESUMED_STATUSES = ("resumed", "resumption", "复工", "已复工", "恢复开发", "恢复施工")
IDLE_REPOSSESSION = "repossession"


@dataclass(frozen=True)
class Thresholds:
    #: 批而未供: years after the batch approval
    unsupplied_years: int = 2
    #: 闲置土地: full years without start after the agreed start (fee stage)
    idle_fee_years: int = 1
    #: 闲置土地: full years (repossession stage)
    idle_repossess_years: int = 2
    #: days of grace after the agreed start before 供而未用 / 逾期开工
    start_grace_days: int = 0
    #: days of grace after the agreed completion before 逾期竣工
    completion_grace_days: int = 0
    #: stalled development: developed share of the total area below this
    stall_developed_ratio: float = 1.0 / 3.0
    #: stalled development: invested share of the total investment below this
    stall_investment_ratio: float = 0.25

    def validate(self) -> None:
        if self.unsupplied_years < 1:
            raise ValueError(tr("The 批而未供 threshold must be at least one year."))
        if self.idle_fee_years < 1 or self.idle_repossess_years <= self.idle_fee_years:
            raise ValueError(
                tr("Idle-land years must be at least 1, and repossession later than the fee.")
            )
        if self.start_grace_days < 0 or self.completion_grace_days < 0:
            raise ValueError(tr("Grace periods cannot be negative."))


@dataclass(frozen=True)
class Finding:
    code: str  # project code(s); several joined by ";" for a batch
    rule: str  # one of RULES
    severity: str  # one of SEVERITIES
    since: _dt.date  # the date the rule was first met
    days: int
    evidence: str
    stage: str = ""  # 闲置土地: "fee" or "repossession"
    batch: str = ""  # 批而未供: the batch
    supplied_ratio: float | None = None  # 批而未供
    codes: tuple[str, ...] = ()  # every project the finding concerns
    events: tuple[Any, ...] = ()  # ids of the events it rests on (when the events had ids)
    #: what ``days`` count: from ``reference`` (a date of kind ``reference_kind``, one of
    #: REFERENCE_KINDS) to ``until`` (as_of, or the actual start/completion of a late one)
    reference: _dt.date | None = None
    reference_kind: str = ""
    until: _dt.date | None = None

    @property
    def group(self) -> str:
        return RULE_GROUP[self.rule]

    def reference_text(self) -> str:
        """What ``days`` count, e.g. "agreed start 2025-09-30 to 2026-11-29" ("" unknown)."""
        if self.reference is None:
            return ""
        return tr("{what} {date} to {until}").format(
            what=reference_name(self.reference_kind),
            date=self.reference.isoformat(),
            until=(self.until or self.reference).isoformat(),
        )

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "since": self.since.isoformat(),
            "days": self.days,
            "evidence": self.evidence,
            "stage": self.stage,
            "batch": self.batch,
            "supplied_ratio": self.supplied_ratio,
            "reference": self.reference_kind,
            "reference_date": self.reference.isoformat() if self.reference else None,
            "days_until": self.until.isoformat() if self.until else None,
        }


REF_BATCH_APPROVAL = "batch_approval"
REF_AGREED_START = "agreed_start"
REF_AGREED_COMPLETION = "agreed_completion"
REF_STOPPED = "stopped"
REFERENCE_KINDS = (REF_BATCH_APPROVAL, REF_AGREED_START, REF_AGREED_COMPLETION, REF_STOPPED)


def reference_name(kind: str) -> str:
    """The name of a finding's reference date (what its days count from)."""
    names = {
        REF_BATCH_APPROVAL: tr("batch approval"),
        REF_AGREED_START: tr("agreed start"),
        REF_AGREED_COMPLETION: tr("agreed completion"),
        REF_STOPPED: tr("development stopped"),
    }
    return names.get(kind, kind)
