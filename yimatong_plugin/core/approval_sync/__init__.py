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
