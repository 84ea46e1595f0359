"""Staging rows → approval records: one record per valid handling-detail row (SJYXBS = 1), joined
to its item instance and approval document, with the reason it is refused when it is.

No library access here: matching to projects and writing are in ``sync.py``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Optional

from ..i18n import tr
from ..library.base import normalise_investment_code
from ..library.errors import LibraryError
from .vocabulary import NO_STAGE, Status, Vocabulary
from .vocabulary import cell_text as text

NO_EXPIRY_YEAR = 9999  # PFWJYXQX 9999-01-01: the document does not expire
_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y%m%d%H%M%S", "%Y%m%d")


@dataclass
class Record:
    row: int  # 1-based row of the detail table, as read
    key: str = ""  # DFSJZJ, else LSH: the record's identity in the approval system
    xmdm: str = ""  # 项目代码 as written
    investment_code: str = ""  # normalised (GB/T 40058, hyphenated)
    project_name: str = ""  # XMMC
    instance: str = ""  # SPSXSLBM
    item_code: str = ""  # SPSXBM
    item_name: str = ""  # SPSXMC
    blzt: str = ""  # as written
    status: Optional[Status] = None  # national
    when: Optional[_dt.datetime] = None  # BLSJ
    office: str = ""  # BLCS
    stage: Optional[str] = None  # the library stage of an approved record
    doc_no: str = ""  # PFWH
    doc_title: str = ""  # PFWJBT
    doc_date: Optional[_dt.date] = None  # PFRQ
    doc_expiry: Optional[_dt.date] = None  # PFWJYXQX (None: none given)
    doc_count: int = 0
    action: str = ""  # refused / duplicate / added / updated / unchanged / status …
    reason: str = ""
    codes: list = field(default_factory=list)  # library project codes it concerns
    event_id: Optional[int] = None

    @property
    def approved(self) -> bool:
        return bool(self.status and self.status.approved and self.stage not in (None, NO_STAGE))

    @property
    def item(self) -> str:
        return self.item_name or self.item_code

    def refuse(self, reason: str) -> None:
        self.action, self.reason = "refused", reason

    def event_date(self) -> Optional[_dt.date]:
        if self.doc_date is not None:
            return self.doc_date
        return self.when.date() if self.when else None

    def event_note(self) -> str:
        """The note stored with the event. Data, not UI text: never translated, so a re-run in
        another language changes nothing."""
        parts = [f"审批事项：{self.item}"]
        if self.doc_title:
            parts.append(f"批复文件：{self.doc_title}")
        if self.doc_expiry is not None:
            if self.doc_expiry.year >= NO_EXPIRY_YEAR:
                parts.append("有效期：长期有效")
            else:
                parts.append(f"有效期至：{self.doc_expiry.isoformat()}")
        if self.doc_count > 1:
            parts.append(f"批复文件 {self.doc_count} 份，取最新一份")
        if not self.doc_no:
            parts.append("无批复文件")
        if self.office:
            parts.append(f"办理处（科）室：{self.office}")
        parts.append(f"办理状态：{self.status.name if self.status else self.blzt}")
        return "；".join(parts)

    def signature(self) -> tuple:
        """What makes two rows with the same key the same record."""
        return (
            self.investment_code,
            self.instance,
            self.status.code if self.status else self.blzt,
            self.when,
            self.doc_no,
            self.doc_date,
            self.doc_expiry,
            self.doc_title,
        )


def parse_when(value) -> Optional[_dt.datetime]:
    """A timestamp from a date/datetime value or text (ISO, ``2024/5/1 10:00``, ``20240501``);
    None when it is not one."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    raw = text(value)
    try:
        return _dt.datetime.fromisoformat(raw).replace(tzinfo=None)
    except ValueError:
        pass
    for fmt in _FORMATS:
        try:
            return _dt.datetime.strptime(raw, fmt)
        except ValueError:
            continue
    return None


def is_valid(row: dict) -> bool:
    """SJYXBS = 1 (数据有效标识); anything else, also a missing flag, does not count."""
    return text(row.get("SJYXBS")) == "1"


def _latest_documents(rows: list[dict]) -> dict[str, list[dict]]:
    docs: dict[str, list[dict]] = {}
    for row in rows:
        if is_valid(row) and text(row.get("SPSXSLBM")):
            docs.setdefault(text(row.get("SPSXSLBM")), []).append(row)
    return docs


def _bad_date(what: str, value) -> str:
    return tr("{field}: '{value}' is not a date").format(field=what, value=value)


def _attach_document(rec: Record, docs: list[dict]) -> None:
    dated = []
    for doc in docs:
        when = parse_when(doc.get("PFRQ"))
        if when is None:
            rec.refuse(_bad_date("PFRQ", doc.get("PFRQ")))
            return
        dated.append((when, doc))
    dated.sort(key=lambda pair: pair[0])
    when, doc = dated[-1]
    expiry_raw = doc.get("PFWJYXQX")
    expiry = parse_when(expiry_raw)
    if expiry_raw not in (None, "") and expiry is None:
        rec.refuse(_bad_date("PFWJYXQX", expiry_raw))
        return
    rec.doc_no = text(doc.get("PFWH"))
    rec.doc_title = text(doc.get("PFWJBT"))
    rec.doc_date = when.date()
    rec.doc_expiry = expiry.date() if expiry else None
    rec.doc_count = len(dated)


def build_records(
    tables: dict[str, list[dict]], vocab: Vocabulary, since: Optional[_dt.date] = None
) -> tuple[list[Record], dict[str, int]]:
    """Records of the valid detail rows (changed on or after ``since`` by BLSJ) and counts of
    what was left out (``invalid``: SJYXBS ≠ 1, ``before_since``)."""
    names = {
        text(r.get("XMDM")): text(r.get("XMMC"))
        for r in tables.get("projects", [])
        if is_valid(r) and text(r.get("XMDM"))
    }
    items: dict[str, dict] = {}
    for row in tables.get("items", []):
        if is_valid(row) and text(row.get("SPSXSLBM")):
            items.setdefault(text(row.get("SPSXSLBM")), row)
    documents = _latest_documents(tables.get("documents", []))
    skipped = {"invalid": 0, "before_since": 0}
    records: list[Record] = []
    for number, row in enumerate(tables.get("details", []), start=1):
        if not is_valid(row):
            skipped["invalid"] += 1
            continue
        rec = Record(row=number)
        rec.when = parse_when(row.get("BLSJ"))
        if rec.when is not None and since is not None and rec.when.date() < since:
            skipped["before_since"] += 1
            continue
        records.append(rec)
        rec.key = text(row.get("DFSJZJ")) or text(row.get("LSH"))
        rec.instance = text(row.get("SPSXSLBM"))
        item = items.get(rec.instance, {})
        rec.xmdm = text(row.get("XMDM")) or text(item.get("XMDM"))
        rec.item_code = text(row.get("SPSXBM")) or text(item.get("SPSXBM"))
        rec.item_name = text(row.get("SPSXMC")) or text(item.get("SPSXMC"))
        rec.project_name = names.get(rec.xmdm, "")
        rec.blzt = text(row.get("BLZT"))
        rec.office = text(row.get("BLCS"))
        rec.status = vocab.status(row.get("BLZT"))
        if not rec.key:
            rec.refuse(
                tr("The record has neither DFSJZJ nor LSH: it could not be recognised again")
            )
        elif rec.instance and not item and not text(row.get("XMDM")):
            rec.refuse(
                tr("Item instance {id} (SPSXSLBM) is not in {table}").format(
                    id=rec.instance, table="SPGL_XMSPSXBLXXB"
                )
            )
        elif not rec.xmdm:
            rec.refuse(tr("The record names no project (XMDM is empty)"))
        elif rec.status is None:
            rec.refuse(tr("Unknown handling status BLZT '{value}'").format(value=rec.blzt))
        elif rec.when is None:
            rec.refuse(_bad_date("BLSJ", row.get("BLSJ")))
        if rec.action:
            continue
        try:
            rec.investment_code = normalise_investment_code(rec.xmdm)
        except LibraryError as exc:
            rec.refuse(str(exc))
            continue
        if rec.status.approved:
            rec.stage, _rule = vocab.stage(rec.item_code, rec.item_name)
            if rec.stage is None:
                rec.refuse(
                    tr(
                        "Approval item '{item}' maps to no library stage (add it to the MAPPING "
                        "file, with - for status only)"
                    ).format(item=rec.item or "?")
                )
                continue
            if rec.stage != NO_STAGE and documents.get(rec.instance):
                _attach_document(rec, documents[rec.instance])
    _mark_duplicates(records)
    return records, skipped


def _mark_duplicates(records: list[Record]) -> None:
    """Same key more than once: identical rows count once; differing rows are all refused
    (which one is right cannot be told)."""
    by_key: dict[str, list[Record]] = {}
    for rec in records:
        if not rec.action:
            by_key.setdefault(rec.key, []).append(rec)
    for key, group in by_key.items():
        if len(group) < 2:
            continue
        if len({r.signature() for r in group}) == 1:
            for rec in group[1:]:
                rec.action = "duplicate"
                rec.reason = tr("Same record as row {row}").format(row=group[0].row)
        else:
            rows = ", ".join(str(r.row) for r in group)
            for rec in group:
                rec.refuse(
                    tr(
                        "Rows {rows} share the key {key} but differ: which is right is unknown"
                    ).format(rows=rows, key=key)
                )
