"""The notes of an import dry run: what the user should know but that does not block the import
(a table unit applied, rows filled from merged cells, total rows left out, values taken from
defaults). Each note is ``(row, column, message, field, value)``; the importer makes them
:class:`~.importer.Problem` objects in ``ImportPlan.notes``.

No Qt/QGIS imports here.
"""

from __future__ import annotations

from typing import Any, Callable

from .i18n import tr

Note = tuple[int, str, str, str, Any]


def row_ranges(rows: list[int]) -> str:
    """``2–5, 8`` for rows 2, 3, 4, 5, 8."""
    parts: list[str] = []
    start = prev = rows[0]
    for r in [*rows[1:], None]:
        if r is not None and r == prev + 1:
            prev = r
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if r is not None:
            start = prev = r
    return ", ".join(parts)


def layout_notes(layout, headers: list[str], mapped: set[str], area_column: str | None,
                 area_unit) -> list[Note]:  # fmt: skip
    """Notes on what :mod:`.table_layout` found: the table unit applied to ``area_column`` (when
    its header names no unit: ``area_unit`` is None), filled merged cells of ``mapped`` columns
    and the total rows left out."""
    notes: list[Note] = []
    if layout is None:
        return notes
    if area_column and layout.unit is not None and area_unit is None:
        message = tr(
            "column {column} names no unit: read in {unit} as the table says ({note})"
        ).format(column=area_column, unit=layout.unit.label, note=layout.unit_text)
        notes.append((0, area_column, message, "declared_area_m2", None))
    filled: dict[int, list[int]] = {}
    for rownum, col, _value in layout.filled:
        filled.setdefault(col, []).append(rownum)
    for col, rows in sorted(filled.items()):
        if col < len(headers) and headers[col] in mapped:
            message = tr(
                "column {column}: rows {rows} take the value of the cell merged above them"
            ).format(column=headers[col], rows=row_ranges(sorted(rows)))
            notes.append((0, headers[col], message, "", None))
    for rownum, label in layout.skipped:
        notes.append((rownum, "", tr("a total row ({label}): left out").format(label=label), "",
                      None))  # fmt: skip
    return notes


def defaults_notes(
    used: dict[str, list[int]], defaults: dict[str, Any], label: Callable[[str], str],
    text: Callable[[Any], str],
) -> list[Note]:  # fmt: skip
    """One note per field whose default filled rows: which value, how many rows, which."""
    return [
        (
            0,
            "",
            tr("{field} {value} taken from the default in {n} rows ({rows})").format(
                field=label(f), value=text(defaults[f]), n=len(rows), rows=row_ranges(rows)
            ),
            f,
            defaults[f],
        )
        for f, rows in used.items()
    ]


#: a land project under this many m² (median) is implausible: the column is in 公顷 or 亩
IMPLAUSIBLE_M2 = 100.0


def area_unit_notes(areas_m2: list[float], area_column: str | None) -> list[Note]:
    """A warning when an area column that names no unit (read in m²) holds values that look
    like 公顷 or 亩 (median under 100 m²)."""
    if not area_column or not areas_m2:
        return []
    ordered = sorted(areas_m2)
    median = ordered[len(ordered) // 2]
    if median >= IMPLAUSIBLE_M2:
        return []
    message = tr(
        "column {column} names no unit and is read in m², but its areas (median {median} m²) "
        "look like 公顷 or 亩: name the unit in the header, e.g. 面积（公顷）"
    ).format(column=area_column, median=f"{median:g}")
    return [(0, area_column, message, "declared_area_m2", None)]
