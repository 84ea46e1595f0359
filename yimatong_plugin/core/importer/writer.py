"""Commit: a clean plan written into the library in one transaction.

No Qt/QGIS imports here.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable

from ..i18n import tr
from ..library.base import PROJECT_ATTRS as LIBRARY_PROJECT_ATTRS
from .fields import SEGMENT_FIELDS, ImporterError, field_label
from .validation import ImportPlan, ImportRow
from .values import _as_text

#: importer fields written as project columns: the library's PROJECT_ATTRS but the status (not
#: imported) and the note (composed from NOTE_FIELDS)
PROJECT_ATTRS = tuple(a for a in LIBRARY_PROJECT_ATTRS if a not in ("status", "note"))
#: importer fields the library has no column for: kept in the project's note
NOTE_FIELDS = ("location", "investment", "approval_number", "approval_date")


def project_values(row: ImportRow) -> dict[str, Any]:
    """Keyword arguments of ``library.add_project`` (besides code/name/source) for ``row``."""
    v = row.values
    attrs = {k: v[k] for k in PROJECT_ATTRS if v.get(k) not in (None, "")}
    attrs = {k: (x.isoformat() if isinstance(x, _dt.date) else x) for k, x in attrs.items()}
    note = [str(v["note"])] if v.get("note") else []
    for k in NOTE_FIELDS:
        if v.get(k) not in (None, ""):
            x = v[k]
            x = x.isoformat() if isinstance(x, _dt.date) else _as_text(x)
            note.append(f"{field_label(k)}: {x}")
    if note:
        attrs["note"] = "; ".join(note)
    return attrs


def commit(plan: ImportPlan, library, progress: Callable[[float], bool] | None = None) -> list[str]:
    """Write every row of a clean ``plan`` into ``library`` in one transaction.

    Returns the 28-digit codes (given or allocated), in row order. Raises :class:`ImporterError`
    when the plan has problems, or when any row fails to write (nothing is then left in the
    library: the transaction is rolled back, allocated serials included).
    """
    if not plan.ok:
        raise ImporterError(
            tr("The import has {n} problem(s); nothing was written:\n{problems}").format(
                n=len(plan.problems), problems=plan.summary()
            )
        )
    codes: list[str] = []
    n = len(plan.rows)
    with library.transaction():
        for i, row in enumerate(plan.rows):
            if progress is not None and i % 100 == 0 and progress(i / max(n, 1)):
                raise ImporterError(tr("Cancelled; nothing was written."))
            try:
                codes.append(_write_row(library, plan.source, row))
            except ImporterError:
                raise
            except Exception as exc:  # name the row, roll everything back
                raise ImporterError(
                    tr("Row {row}: {error}; nothing was written.").format(row=row.row, error=exc)
                ) from exc
    if progress is not None:
        progress(1.0)
    return codes


def _write_row(library, source: str, row: ImportRow) -> str:
    v = row.values
    if row.code:
        code = row.code
    else:
        code = str(library.allocate_code(**{s: v[s] for s in SEGMENT_FIELDS}))
    library.add_project(code, name=v["name"], source=source, **project_values(row))
    return code
