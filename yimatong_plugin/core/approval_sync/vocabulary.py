"""The vocabularies of the approval sync, as data: 办理状态 BLZT and 审批事项 → library stage.

``blzt.csv`` is the national handling-status list (1–15, DOMAIN.md §7) with an ``outcome`` per
status (``approved`` for 办结（通过） and 办结（容缺通过）: those become stage events).
``item_stages.csv`` is the default mapping of approval items to library stages: a row matches an
item when its ``match`` text equals the item code (SPSXBM) or occurs in the item name (SPSXMC);
the first matching row wins.

A MAPPING file (CSV, UTF-8 or GBK) overrides both, one rule a row with the columns
``kind,key,value``:

- ``item,<match>,<stage>``: tried before the defaults; ``<stage>`` is a library stage key
  (``planning_permit``…) or ``-`` (the item never becomes a stage event: status only);
- ``status,<local number>,<national BLZT 1–15>``: a local system's status number, translated
  before anything else (numbers without a row are taken as national).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..i18n import tr
from ..lifecycle import STAGES

HERE = Path(__file__).resolve().parent
APPROVED = "approved"
NO_STAGE = "-"


class MappingError(ValueError):
    """A mapping file is broken; the message names the file and line."""


@dataclass(frozen=True)
class Status:
    code: int  # national BLZT
    name: str  # 办结（通过）…
    outcome: str  # approved, refused, accepted …

    @property
    def approved(self) -> bool:
        return self.outcome == APPROVED


@dataclass
class Vocabulary:
    statuses: dict[int, Status]
    items: list[tuple[str, str, str]]  # (match, stage or "-", note), in order
    local_status: dict[str, int] = field(default_factory=dict)  # local number -> national
    source: str = ""  # where overrides came from ("" = defaults only)

    def status(self, raw) -> Optional[Status]:
        """The national status of a BLZT value as the source wrote it (None: unknown)."""
        text = cell_text(raw)
        if text in self.local_status:
            return self.statuses.get(self.local_status[text])
        try:
            return self.statuses.get(int(text))
        except ValueError:
            return None

    def stage(self, item_code: str, item_name: str) -> tuple[Optional[str], str]:
        """(stage, matched rule) for an approval item; stage None when no rule matches,
        ``"-"`` when a rule says status only."""
        code, name = (item_code or "").strip(), (item_name or "").strip()
        for match, stage, _note in self.items:
            if (code and match == code) or (name and match in name):
                return stage, match
        return None, ""


def cell_text(raw) -> str:
    """A cell as text: ``None`` → empty, ``2.0`` → ``"2"`` (a spreadsheet's number), trimmed."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


def _decode(data: bytes, path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MappingError(tr("{file}: neither UTF-8 nor GBK text").format(file=path))


def _rows(path) -> list[tuple[int, dict]]:
    text = _decode(Path(path).read_bytes(), path)
    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    return [
        (i + 2, {k: (v or "").strip() for k, v in row.items() if k}) for i, row in enumerate(reader)
    ]


def _check_stage(stage: str, where: str) -> None:
    if stage != NO_STAGE and stage not in STAGES:
        raise MappingError(
            tr("{where}: unknown stage '{stage}'; one of: {choices} or -").format(
                where=where, stage=stage, choices=", ".join(STAGES)
            )
        )


def default_vocabulary() -> Vocabulary:
    statuses = {}
    for _line, row in _rows(HERE / "blzt.csv"):
        code = int(row["code"])
        statuses[code] = Status(code, row["name"], row["outcome"])
    items = []
    for line, row in _rows(HERE / "item_stages.csv"):
        _check_stage(row["stage"], f"item_stages.csv:{line}")
        items.append((row["match"], row["stage"], row.get("note", "")))
    return Vocabulary(statuses, items)


def load_vocabulary(mapping_path=None) -> Vocabulary:
    """The default vocabulary with the rules of ``mapping_path`` (see the module doc) first."""
    vocab = default_vocabulary()
    if not mapping_path:
        return vocab
    path = Path(mapping_path)
    if not path.is_file():
        raise MappingError(tr("The mapping file {file} does not exist").format(file=path))
    rows = _rows(path)
    extra_items = []
    for line, row in rows:
        kind, key, value = row.get("kind", ""), row.get("key", ""), row.get("value", "")
        where = f"{path.name}:{line}"
        if not kind and not key and not value:
            continue
        if not key or not value:
            raise MappingError(
                tr("{where}: a rule needs the columns kind, key and value").format(where=where)
            )
        if kind == "item":
            _check_stage(value, where)
            extra_items.append((key, value, where))
        elif kind == "status":
            try:
                national = int(value)
            except ValueError:
                national = -1
            if national not in vocab.statuses:
                raise MappingError(
                    tr("{where}: '{value}' is not a national BLZT status (1–15)").format(
                        where=where, value=value
                    )
                )
            vocab.local_status[cell_text(key)] = national
        else:
            raise MappingError(
                tr("{where}: kind must be 'item' or 'status', not '{kind}'").format(
                    where=where, kind=kind
                )
            )
    vocab.items = extra_items + vocab.items
    vocab.source = str(path)
    return vocab
