"""Approval-system sync (审批系统同步): the national 工改 staging tables (``SPGL_*``) into the
project library by investment code. See README.md in this folder.

``read_staging`` (staging.py) reads the tables, ``load_vocabulary`` (vocabulary.py) the status
and item→stage vocabularies, ``build_records`` (records.py) makes one record per valid handling
row, and ``plan_and_apply`` (sync.py) matches and writes them in one transaction.
"""

from __future__ import annotations

from .records import Record, build_records
from .staging import StagingError, read_staging
from .sync import ORIGIN_SYSTEM, SyncResult, plan_and_apply
from .vocabulary import MappingError, Vocabulary, load_vocabulary

__all__ = [
    "approval_summary",
    "ORIGIN_SYSTEM",
    "MappingError",
    "Record",
    "StagingError",
    "SyncResult",
    "Vocabulary",
    "build_records",
    "load_vocabulary",
    "plan_and_apply",
    "read_staging",
]


def approval_summary(project: dict) -> str:
    """The project's approval status as one line (``办结（通过） 2024-03-14 竣工联合验收``), ""
    when the approval system reported none."""
    status = project.get("approval_status")
    if not status:
        return ""
    parts = [str(status), str(project.get("approval_status_at") or "")[:10]]
    parts.append(str(project.get("approval_item") or ""))
    return " ".join(p for p in parts if p)


def run_sync(
    lib, source: str, mapping=None, since=None, dry_run=False, dsn=None, **kw
) -> SyncResult:
    """Read ``source``, build the records and apply them to ``lib`` (see ``plan_and_apply``)."""
    vocab = load_vocabulary(mapping)
    tables = read_staging(source, dsn=dsn)
    records, skipped = build_records(tables, vocab, since)
    result = plan_and_apply(lib, records, dry_run=dry_run, **kw)
    result.skipped = skipped
    return result
