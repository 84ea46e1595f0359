"""The layout of a plan table as bureaus keep it: where the header row is, what the rows above
it say (a title "…2024年度…计划", a line "填报单位：… 单位：公顷"), cells merged down a column
(a 行政区 spanning several rows) and total rows (合计/小计/总计) between the projects.

Works on a plain grid (a list of rows of cell values, as read from .xlsx or .csv) so that it is
tested without files; no Qt/QGIS imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .units import AreaUnit, parse_area_unit

#: how far down a title block may go before the header row
HEADER_SEARCH_ROWS = 20

#: 合计, 小计（3宗）, 合计：5宗, 武陵区小计, 全市合计 — a label ending in a total word (a project
#: named 合计划… is not: the word must end the label or be followed by a bracket or colon)
_TOTAL_RE = re.compile(r"^[^\d]{0,12}?(合计|小计|总计|共计|累计)([（(:：].*)?$")
_UNIT_NOTE_RE = re.compile(r"单位\s*[:：]\s*([^\s,，;；、]+)")
_YEAR_RE = (
    re.compile(r"((?:19|20)\d{2})\s*年度"),
    re.compile(r"((?:19|20)\d{2})\s*年[^\d月]*计划"),
)


@dataclass
class TableLayout:
    header_row: int  # 1-based, as Excel shows it
    #: the text of the rows above the header (title, 填报单位…), one string per row
    title_lines: list[str] = field(default_factory=list)
    unit: AreaUnit | None = None  # the table's 单位：公顷 note
    unit_text: str = ""  # the note as written
    year: str | None = None  # 2024 from "…2024年度…"
    #: (row, text of the label cell) of total rows left out of the data
    skipped: list[tuple[int, str]] = field(default_factory=list)
    #: (row, column index, value) of cells filled from a cell merged down a column
    filled: list[tuple[int, int, Any]] = field(default_factory=list)
    #: the first rows of the sheet as text, for a preview (row number, cells)
    preview: list[tuple[int, list[str]]] = field(default_factory=list)
    #: the header row chosen automatically (``header_row`` may be the user's choice)
    detected_header_row: int = 1


def _filled(row) -> list[Any]:
    return [c for c in row if c not in (None, "") and str(c).strip()]


def find_header_row(grid: list[list[Any]], score: Callable[[list[str]], int]) -> int:
    """The 1-based row holding the column names: among the first rows, the one whose cells
    ``score`` best (how many name a known field), ties to the first; without any row of two
    known names, the first row of at least two filled cells (a title row has one), else the
    first non-empty row."""
    best, best_score = 0, 1
    for i, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        if len(_filled(row)) < 2:
            continue
        s = score([str(c).strip() if c is not None else "" for c in row])
        if s > best_score:
            best, best_score = i + 1, s
    if best:
        return best
    for least in (2, 1):  # a one-column list has no row of two
        for i, row in enumerate(grid):
            if len(_filled(row)) >= least:
                return i + 1
    return 0


def title_year(lines: list[str]) -> str | None:
    """The year of a title such as 常德市2024年度国有建设用地供应计划."""
    for pattern in _YEAR_RE:
        for line in lines:
            m = pattern.search(line)
            if m:
                return m.group(1)
    return None


def unit_note(lines: list[str]) -> tuple[AreaUnit | None, str]:
    """The area unit of a note such as ``填报单位：某局 单位：公顷`` (填报单位 is not a unit)."""
    for line in lines:
        for m in _UNIT_NOTE_RE.finditer(line):
            unit = parse_area_unit(m.group(1))
            if unit is not None:
                return unit, m.group(0)
    return None, ""


def total_label(values: list[Any]) -> str | None:
    """The label (合计, 小计…) when ``values`` is a total row, None otherwise."""
    for v in values:
        if isinstance(v, str):
            text = re.sub(r"\s+", "", v)
            if _TOTAL_RE.match(text):
                return text
    return None


def fill_merged(
    grid: list[list[Any]], merged: list[tuple[int, int, int, int]], header_row: int
) -> list[tuple[int, int, Any]]:
    """Copy the value of each cell merged down a column below the header into the rows it
    spans (Excel keeps it in the top cell only). ``merged`` holds 1-based
    (min_row, min_col, max_row, max_col); returns (row, column index, value) of filled cells."""
    filled = []
    for min_row, min_col, max_row, _max_col in merged:
        if min_row <= header_row or max_row == min_row:
            continue
        top = grid[min_row - 1] if min_row - 1 < len(grid) else []
        col = min_col - 1
        value = top[col] if col < len(top) else None
        if value in (None, ""):
            continue
        for r in range(min_row + 1, min(max_row, len(grid)) + 1):
            row = grid[r - 1]
            if len(row) <= col:
                row.extend([None] * (col + 1 - len(row)))
            if row[col] in (None, ""):
                row[col] = value
                filled.append((r, col, value))
    return filled


def analyse(
    grid: list[list[Any]],
    score: Callable[[list[str]], int],
    header_row: int | None = None,
    merged: list[tuple[int, int, int, int]] | None = None,
) -> TableLayout:
    """Find the header (or take ``header_row``), read the title block, fill merged cells."""
    detected = find_header_row(grid, score)
    chosen = header_row or detected
    layout = TableLayout(header_row=chosen, detected_header_row=detected)
    layout.preview = [
        (i + 1, ["" if c is None else str(c) for c in row])
        for i, row in enumerate(grid[:HEADER_SEARCH_ROWS])
    ]
    layout.title_lines = [
        " ".join(str(c).strip() for c in _filled(row)) for row in grid[: max(chosen - 1, 0)]
    ]
    layout.title_lines = [t for t in layout.title_lines if t]
    layout.year = title_year(layout.title_lines)
    layout.unit, layout.unit_text = unit_note(layout.title_lines)
    if merged:
        layout.filled = fill_merged(grid, merged, chosen)
    return layout
