"""The statistics tables as an .xlsx workbook (openpyxl): a first sheet with the date and
filters, then one sheet per table — header row with the units, numbers stored as numbers."""

from __future__ import annotations

from ..i18n import tr

_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _sheet_name(title: str, used: set) -> str:
    name = title.translate(_FORBIDDEN)[:31]
    base, n = name, 2
    while name in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def _format(column) -> str | None:
    if column.kind == "ratio":
        return "0.0%"
    if column.kind == "area":
        return "#,##0.00" if column.key.endswith(("_m2", "_mu")) else "#,##0.0000"
    return None


def write_xlsx(stats, path: str, description: list[tuple[str, str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    info = wb.active
    info.title = _sheet_name(tr("Scope of the statistics"), set())
    used = {info.title}
    for label, value in description:
        info.append([label, value])
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 60
    bold = Font(bold=True)
    for table in stats.tables:
        ws = wb.create_sheet(_sheet_name(table.title, used))
        ws.append([c.header for c in table.columns])
        for cell in ws[1]:
            cell.font = bold
        formats = [_format(c) for c in table.columns]
        for row in table.rows:
            ws.append(list(row))
            for cell, fmt in zip(ws[ws.max_row], formats):
                if fmt and isinstance(cell.value, (int, float)):
                    cell.number_format = fmt
        if table.note:
            ws.append([])
            ws.append([table.note])
        for i, column in enumerate(table.columns, start=1):
            width = max(10, min(40, len(column.header) * 2))
            ws.column_dimensions[ws.cell(1, i).column_letter].width = width
        ws.freeze_panes = "A2"
    wb.save(path)
