"""The life of the land (批 供 用 补 查): stage model and the anomaly rules, as pure functions.

No Qt, no QGIS, no storage: the rules read a project's events as plain data (dicts as the
library returns them, or :class:`Event`) and an ``as_of`` date, and return :class:`Finding` s.

Events
------
Every event has a ``stage`` (a key of :data:`STAGES`) and a ``date``. The rules read these
attributes when present (flat keys of the dict, or inside a nested ``attrs`` dict):

========================  =====================================================================
stage                     attributes
========================  =====================================================================
conversion_approval       ``batch`` (批次 name/number; default: the document number),
                          ``area_m2`` (the library column; or ``area``): approved area, m²
supply                    ``agreed_start``, ``agreed_completion``, ``agreed_handover`` (dates),
                          ``batch`` (which approval batch it supplies), ``area_m2`` (or
                          ``area``): the area this supply hands over, m²
construction_start        the date is the actual start
completion                the date is the actual completion
supervision               ``stopped_on`` (the library column: date development stopped; without
                          it, ``status`` "stopped"/"停工" means stopped on the event date;
                          ``status`` "复工"/"resumed": development resumed on the event date),
                          ``developed_ratio`` or
                          ``developed_area`` + ``total_area``, ``invested_ratio`` or
                          ``invested`` + ``total_investment``
========================  =====================================================================

The date is ``date`` or ``event_date`` (the library's column). Document number (文号) and
originating system are read from ``doc_no`` / ``document_no`` and ``origin_system`` / ``system``.
:func:`with_project_defaults` fills agreed dates from the project row, and the approved area
from the project's ``declared_area_m2`` only where the approval event records no area.

Rules (DOMAIN.md section 4; thresholds in :class:`Thresholds`)
-------------------------------------------------------------
* **批而未供** — per approval batch: the batch (approved at date *A*) is not fully supplied on
  the anniversary ``A + unsupplied_years``. Reported with the supplied ratio: by area when every
  approval of the batch has one (its ``area_m2``, else the project's declared area) — a supply
  then counts with its recorded ``area_m2`` (several supplies add up, capped at the approved
  area), or as the whole project when a supply records none; by project count otherwise. A
  project counts once in its batch, however many approvals it has there. Archived projects are
  left out of the ratio and named in the evidence (one policy: ``core/batches.py``).
* **供而未用** — supplied with agreed start *S*, no start recorded: met on ``S + grace + 1 day``.
* **闲置土地** — not started one full year after *S* (idle-land fee stage, 20 % of the land
  price) and two full years after *S* (repossession stage); or started, the latest supervision
  record shows developed area < 1/3 or investment < 25 % and development stopped on *T* (its
  ``stopped_on``; without one, the record's date when its status says stopped): met one full
  year after *T* (fee) and two (repossession). **Resumption (复工)** ends the stall: record it
  as a supervision event whose ``status`` is one of :data:`RESUMED_STATUSES` (复工, 已复工,
  恢复施工, 恢复开发, resumed), dated the day work resumed — the latest record decides, so a
  later stop counts its years afresh; a 开工 event dated after *T* counts as resumption too.
* **逾期开工** — started after ``S + grace`` (the late start is recorded, days late).
* **逾期竣工** — completion later than the agreed completion *C* + grace, or none recorded by
  ``as_of`` although the project started.

A project that has not started is reported once, under the most advanced start rule met
(供而未用 → 闲置土地 fee → 闲置土地 repossession), and not also for 逾期竣工.

"One full year" (满一年)
------------------------
A period of *n* full years after date *D* is complete on the **anniversary date** ``D + n years``
(same month and day), and the rule is met from that day on. An anniversary that does not
exist — 29 February in a non-leap year — is **1 March**. See :func:`add_years`.
(Reading 民法典 art. 201 strictly, the year ends at 24:00 of the anniversary day; the bureau may
prefer the day after — the rule date is in one place, :func:`add_years`.)

``days`` of a finding: the days from the reference date (approval date, agreed start/completion
date, stop date) to ``as_of``, or to the actual start/completion for a late event already done.
Not from ``since`` (the day the rule was met): every finding carries ``reference``,
``reference_kind`` and ``until``, and every display shows :meth:`Finding.reference_text`
beside the days.

The package: :mod:`.model` (stages, rules, severities, thresholds, findings), :mod:`.events`
(dates, events, milestones) and :mod:`.rules` (the rules and the monitor); import from the
package: ``from ..core import lifecycle as lc``.
"""

from .events import (  # noqa: F401 (the package's names)
    _DOC_KEYS,
    _ID_KEYS,
    _SYSTEM_KEYS,
    Event,
    Milestone,
    _doc,
    _ids,
    _upto,
    add_years,
    as_event,
    as_events,
    milestones,
    to_date,
    with_project_defaults,
)
from .model import (  # noqa: F401 (the package's names)
    _GROUP_BY_KEY,
    _GROUP_OF_STAGE,
    IDLE_FEE,
    IDLE_REPOSSESSION,
    REF_AGREED_COMPLETION,
    REF_AGREED_START,
    REF_BATCH_APPROVAL,
    REF_STOPPED,
    REFERENCE_KINDS,
    RESUMED_STATUSES,
    RULE_EVENT_COLUMNS,
    RULE_GROUP,
    RULE_IDLE,
    RULE_LATE_COMPLETION,
    RULE_LATE_START,
    RULE_UNSUPPLIED,
    RULE_UNUSED,
    RULES,
    SEVERITIES,
    SEVERITY_CRITICAL,
    SEVERITY_INFO,
    SEVERITY_SERIOUS,
    SEVERITY_WARNING,
    STAGE_GROUPS,
    STAGES,
    STOPPED_STATUSES,
    Finding,
    StageGroup,
    Thresholds,
    group_by_key,
    reference_name,
    stage_group,
    stage_name,
)
from .rules import (  # noqa: F401 (the package's names)
    _STALL_KEYS,
    _has_stall_facts,
    _is_resumption,
    _is_stop,
    _ratio,
    _stalled,
    _start_rules,
    monitor,
    project_findings,
    unsupplied_findings,
)
