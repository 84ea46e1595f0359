"""Reading a spreadsheet (.xlsx through openpyxl, .csv in UTF-8 or GBK) into a table.

No Qt/QGIS imports here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import tr
from ..import_values import TextEncodingError, detect_text_encoding
from ..table_layout import analyse as analyse_layout
from ..table_layout import total_label
from .fields import ImporterError
from .mapping import guess_mapping


@dataclass
class SourceTable:
    path: str
    headers: list[str]
    #: (spreadsheet row number, values aligned with headers)
    rows: list[tuple[int, list[Any]]]
    encoding: str | None = None  # CSV only
    sheet: str | None = None  # xlsx only
    #: what the rows above the header say (see core/table_layout.py)
    layout: Any = None


def detect_encoding(data: bytes) -> str:
    """The encoding of CSV bytes (see :func:`.import_values.detect_text_encoding`): UTF-8 with
    or without BOM, UTF-16 (Excel "Unicode text") or GBK/GB18030; Big5 and other bytes that
    would decode into nonsense raise :class:`ImporterError` naming the line."""
    try:
        return detect_text_encoding(data)
    except TextEncodingError as exc:
        raise ImporterError(str(exc)) from exc


def _clean_cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _finish(path, headers, raw_rows, header_row=1, layout=None, **kw) -> SourceTable:
    headers = [str(h).strip() if h is not None else "" for h in headers]
    while headers and headers[-1] == "":
        headers.pop()
    if not any(headers):
        raise ImporterError(
            tr("{file}: row {row} holds no column names.").format(file=path, row=header_row)
        )
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):
        if h == "":
            headers[i] = h = tr("Column {n}").format(n=i + 1)
        if h in seen:
            seen[h] += 1
            headers[i] = f"{h} ({seen[h]})"
        else:
            seen[h] = 1
    rows = []
    for offset, raw in enumerate(raw_rows, start=header_row + 1):
        values = [_clean_cell(v) for v in list(raw)[: len(headers)]]
        values += [None] * (len(headers) - len(values))
        if all(v is None for v in values):
            continue  # blank line
        label = total_label(values)
        if label is not None and layout is not None:
            layout.skipped.append((offset, label))
            continue
        rows.append((offset, values))
    return SourceTable(str(path), headers, rows, layout=layout, **kw)


def _header_score(cells: list[str]) -> int:
    """How many cells of a row name a known field (to find the header row)."""
    return len(guess_mapping([c for c in cells if c]))


def _from_grid(path: Path, grid: list[list[Any]], header_row: int | None, merged=None, **kw):
    if header_row is not None and not 1 <= header_row <= len(grid):
        raise ImporterError(
            tr("{file}: there is no row {row} to take the column names from.").format(
                file=path.name, row=header_row
            )
        )
    layout = analyse_layout(grid, _header_score, header_row, merged)
    if not layout.header_row:
        raise ImporterError(tr("{file}: the sheet is empty.").format(file=path.name))
    hr = layout.header_row
    return _finish(path, grid[hr - 1], grid[hr:], header_row=hr, layout=layout, **kw)


def read_table(
    path: str | Path, sheet: str | None = None, header_row: int | None = None
) -> SourceTable:
    """Read a ``.xlsx`` (first or named sheet) or ``.csv`` file.

    The header row is found below a title block (``…2024年度…计划``, ``填报单位：… 单位：公顷``)
    unless ``header_row`` (1-based) names it; what the title block says, the total rows left out
    and the cells filled from merged cells are in the table's ``layout``
    (:class:`.table_layout.TableLayout`).
    """
    path = Path(path)
    if not path.exists():
        raise ImporterError(tr("{file}: file not found.").format(file=path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet, header_row)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path, header_row)
    raise ImporterError(
        tr("{file}: unsupported file type (use .xlsx or .csv).").format(file=path.name)
    )


def _read_xlsx(path: Path, sheet: str | None, header_row: int | None = None) -> SourceTable:
    import openpyxl

    try:
        # not read-only: merged cells (a 行政区 spanning rows) are only known in full mode
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds
        raise ImporterError(
            tr("{file}: not a readable .xlsx file ({error}).").format(file=path.name, error=exc)
        ) from exc
    try:
        if sheet:
            if sheet not in wb.sheetnames:
                raise ImporterError(
                    tr("{file}: no sheet named {sheet}.").format(file=path.name, sheet=sheet)
                )
            ws = wb[sheet]
        else:
            ws = wb.worksheets[0]
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
        return _from_grid(path, grid, header_row, merged, sheet=ws.title)
    finally:
        wb.close()


def _read_csv(path: Path, header_row: int | None = None) -> SourceTable:
    data = path.read_bytes()
    encoding = detect_encoding(data)
    text = data.decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        raise ImporterError(tr("{file}: the file is empty.").format(file=path.name))
    return _from_grid(path, rows, header_row, encoding=encoding)
