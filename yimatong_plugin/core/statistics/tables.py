"""A statistics table: titled columns (units in the headers) and rows of plain values.

The dock, the .xlsx export and the brief all show the same :class:`Table` objects, so what a
leader reads in the brief is what the dock shows. Areas are stored in m² and shown in m², 公顷
and 亩 with the library's unit factors (``core/units.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import units
from ..i18n import tr


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # with its unit, e.g. "面积（公顷）"
    kind: str = "text"  # "text", "int", "area" (m², ha, mu numbers), "ratio" (0–1), "float"


@dataclass
class Table:
    key: str  # stable id (sheet order, tests)
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""

    def column(self, key: str) -> list[Any]:
        i = [c.key for c in self.columns].index(key)
        return [r[i] for r in self.rows]

    def as_dicts(self) -> list[dict]:
        keys = [c.key for c in self.columns]
        return [dict(zip(keys, r)) for r in self.rows]

    def row_by(self, key_column: str, value: Any) -> dict | None:
        for row in self.as_dicts():
            if row[key_column] == value:
                return row
        return None


def area_columns(prefix: str, title: str) -> list[Column]:
    """Three columns for one area: m², 公顷, 亩 (``prefix_m2``, ``prefix_ha``, ``prefix_mu``)."""
    return [
        Column(f"{prefix}_m2", title + tr(" (m²)"), "area"),
        Column(f"{prefix}_ha", title + tr(" (ha)"), "area"),
        Column(f"{prefix}_mu", title + tr(" (mu)"), "area"),
    ]


def area_values(m2: float | None) -> list[float | None]:
    if m2 is None:
        return [None, None, None]
    m2 = float(m2)
    return [m2, units.m2_to_hectares(m2), units.m2_to_mu(m2)]


def display_text(value, column: Column) -> str:
    """A cell as shown in the dock and the brief: — for none, ratios in %, 公顷 with 4 decimals,
    m² and 亩 with 2, thousands separated."""
    if value is None:
        return "—"
    if column.kind == "ratio":
        return f"{value:.1%}"
    if column.kind == "area":
        return f"{value:,.{4 if column.key.endswith('_ha') else 2}f}"
    return str(value)


# -- sums of 批而未供 batches (by division, by approval year, the trend) ------------------------


def batch_sum_columns(change: list[Column] = ()) -> list[Column]:
    """The columns of a sum of 批而未供 batches (``change``: before the last one)."""
    return [
        Column("batches", tr("Batches"), "int"),
        *area_columns("approved", tr("Approved area")),
        *area_columns("unsupplied", tr("Unsupplied area")),
        Column("ratio", tr("Supplied ratio"), "ratio"),
        *change,
        Column("unknown", tr("Batches without area"), "int"),
    ]


def add_batch(acc: list, approved: float | None, unsupplied: float | None) -> None:
    """Adds one batch to ``acc`` = [batches, approved m², unsupplied m², without area]."""
    acc[0] += 1
    if approved is None:
        acc[3] += 1
    else:
        acc[1] += approved
        acc[2] += unsupplied


def batch_sum_values(acc: list, change: list = (), empty_unknown: bool = True) -> list:
    """The row values of :func:`batch_sum_columns` for ``acc`` (see :func:`add_batch`); the
    areas are empty when every batch is without area (``empty_unknown``), else their sum."""
    n, approved, unsupplied, unknown = acc
    known = unknown < n or not empty_unknown
    return [
        n,
        *area_values(approved if known else None),
        *area_values(unsupplied if known else None),
        (1.0 - unsupplied / approved) if approved else None,
        *change,
        unknown,
    ]
