"""The dry run: every row validated, every problem listed by row and column.

No Qt/QGIS imports here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..i18n import tr
from ..import_notes import area_unit_notes, defaults_notes, layout_notes
from ..import_values import area_problem, area_to_m2
from ..units import AreaUnitError, parse_area_text, unit_in_header
from . import fields as field_specs
from .fields import SEGMENT_FIELDS, field_label
from .mapping import guess_mapping
from .reading import SourceTable
from .values import _as_text, _segment_width, lookup_code, parse_date, parse_number


@dataclass
class Problem:
    row: int  # spreadsheet row number (header = 1), 0 for file-level problems
    column: str  # source column name ("" when the problem is not tied to one column)
    message: str
    field: str = ""
    value: Any = None

    def __str__(self) -> str:
        if self.row and self.column:
            return tr("Row {row}, column {column}: {message}").format(
                row=self.row, column=self.column, message=self.message
            )
        if self.row:
            return tr("Row {row}: {message}").format(row=self.row, message=self.message)
        return self.message


@dataclass
class ImportRow:
    row: int
    values: dict[str, Any]  # library field -> clean value (dates as date, codes as str)
    code: str | None = None  # the 28 digits when the row carries a code


@dataclass
class ImportPlan:
    source: str
    path: str
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    #: what the user should know but that does not block the import (a unit converted from
    #: the cell's own unit, a total row skipped, values taken from defaults)
    notes: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self, limit: int = 10) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(tr("… and {n} more problems").format(n=len(self.problems) - limit))
        return "\n".join(lines)


def _default_dictionaries(folder=None) -> dict | None:
    try:
        from ..dictionaries import load_dictionaries
    except ImportError:  # the code lists package is not there yet
        return None
    return load_dictionaries(folder)


def dry_run(
    table: SourceTable,
    source: str,
    mapping: dict[str, str] | None = None,
    library=None,
    dictionaries: dict | None = None,
    defaults: dict[str, Any] | None = None,
    progress: Callable[[float], bool] | None = None,
) -> ImportPlan:
    """Validate every row of ``table``; nothing is written.

    ``mapping`` (source column → field) defaults to :func:`guess_mapping`. ``defaults`` fills
    fields missing from the file (e.g. ``{"region": "43"}`` from the settings, or a ``year``).
    ``library`` (optional) is asked whether a code already exists. ``progress(fraction)`` may
    return True to cancel (the plan then carries a "cancelled" problem).
    """
    from ..code import CodeError, parse_code

    if dictionaries is None:
        dictionaries = _default_dictionaries()
    mapping = dict(mapping) if mapping is not None else guess_mapping(table.headers)
    mapping = {c: f for c, f in mapping.items() if f}  # "" ignores a column
    defaults = dict(defaults or {})
    plan = ImportPlan(source=source, path=table.path, mapping=mapping)

    sources = _library_sources()
    if sources is not None and source not in sources:
        plan.problems.append(
            Problem(
                0,
                "",
                tr("Unknown source {source}; one of: {known}").format(
                    source=source, known=", ".join(sources)
                ),
            )
        )

    unknown_columns = [c for c in mapping if c not in table.headers]
    for c in unknown_columns:
        plan.problems.append(
            Problem(
                0,
                c,
                tr("The mapping names column {column}, which the file does not have.").format(
                    column=c
                ),
            )
        )
    col_index = {c: table.headers.index(c) for c in mapping if c in table.headers}
    field_column: dict[str, str] = {}
    for c, f in mapping.items():
        if c in col_index:
            if f in field_column:
                plan.problems.append(
                    Problem(
                        0,
                        c,
                        tr("Columns {a} and {b} are both mapped to the field {field}.").format(
                            a=field_column[f], b=c, field=field_label(f)
                        ),
                    )
                )
            else:
                field_column[f] = c
    if "name" not in field_column and "name" not in defaults:
        plan.problems.append(
            Problem(
                0,
                "",
                tr("No column is mapped to the required field {field}.").format(
                    field=field_label("name")
                ),
            )
        )
    if "code" not in field_column:
        missing = [s for s in SEGMENT_FIELDS if s not in field_column and s not in defaults]
        if missing:
            plan.problems.append(
                Problem(
                    0,
                    "",
                    tr(
                        "Without a code column, every segment needs a column or a default; "
                        "missing: {fields}"
                    ).format(fields=", ".join(field_label(m) for m in missing)),
                    "segments",
                )
            )
    area_unit = None
    if "declared_area_m2" in field_column:
        try:
            area_unit = unit_in_header(field_column["declared_area_m2"])
        except AreaUnitError:
            plan.problems.append(
                Problem(
                    0,
                    field_column["declared_area_m2"],
                    tr(
                        "the header of column {column} names an area unit that is not "
                        "understood (use 平方米, 公顷, 亩 or 平方公里)"
                    ).format(column=field_column["declared_area_m2"]),
                    "declared_area_m2",
                )
            )
    if plan.problems:
        return plan

    layout = table.layout
    table_unit = getattr(layout, "unit", None) if "declared_area_m2" in field_column else None
    area_column = field_column.get("declared_area_m2")
    for note in layout_notes(layout, table.headers, set(col_index), area_column, area_unit):
        plan.notes.append(Problem(*note))
    areas: list[float] = []  # m² of the area cells, to see whether "m²" is plausible
    from_defaults: dict[str, list[int]] = {}  # field -> rows that took the default
    seen_codes: dict[str, int] = {}
    lookups: dict[tuple[str, str], str | None] = {}  # (field, text) -> code: lists are long
    n = len(table.rows)
    for i, (rownum, values) in enumerate(table.rows):
        if progress is not None and i % 200 == 0 and progress(i / max(n, 1)):
            plan.problems.append(Problem(0, "", tr("Cancelled.")))
            return plan
        clean: dict[str, Any] = {}
        row_problems: list[Problem] = []

        def problem(f: str, msg: str, value=None, _row=rownum, _rp=row_problems):
            _rp.append(Problem(_row, field_column.get(f, ""), msg, f, value))

        for f, c in field_column.items():
            raw = values[col_index[c]]
            if raw is None:
                continue
            spec = field_specs.FIELDS[f]
            try:
                if spec.kind == "date":
                    clean[f] = parse_date(raw)
                elif spec.kind == "area":
                    clean[f], note = area_to_m2(raw, area_unit, table_unit)
                    if note:
                        plan.notes.append(Problem(rownum, c, note, f, raw))
                    if isinstance(raw, (int, float)) or parse_area_text(str(raw))[1] is None:
                        areas.append(clean[f])  # read in the column's (assumed) unit
                elif spec.kind == "number":
                    clean[f] = parse_number(raw)
                elif spec.kind == "year":
                    number = parse_number(raw)
                    if not number.is_integer() or not 1949 <= number <= 2100:
                        raise ValueError(raw)
                    clean[f] = str(int(number))
                else:
                    clean[f] = _as_text(raw)
            except (ValueError, TypeError):
                if spec.kind == "date":
                    msg = tr("bad date {value} (use 2024-03-01, 2024/3/1 or 2024年3月1日)")
                elif spec.kind == "year":
                    msg = tr("bad year {value} (four digits, 1949–2100)")
                elif spec.kind == "area":
                    msg = area_problem(raw)
                else:
                    msg = tr("not a number: {value}")
                problem(f, msg.format(value=_as_text(raw)), raw)
        for f, v in defaults.items():
            if (
                f not in clean
                and v not in (None, "")
                and not any(p.field == f for p in row_problems)
            ):
                clean[f] = v if f in field_specs.DATE_FIELDS else _as_text(v)
                from_defaults.setdefault(f, []).append(rownum)

        for f in field_specs.REQUIRED_FIELDS:
            if not clean.get(f) and not any(p.field == f for p in row_problems):
                problem(f, tr("missing required value {field}").format(field=field_label(f)))

        # code-list values
        for f in field_specs.DICTIONARY_FIELDS:
            if f not in clean:
                continue
            raw = clean[f]
            entries = (dictionaries or {}).get(f)
            if entries:
                key = (f, _as_text(raw))
                if key not in lookups:
                    lookups[key] = _lookup_segment(f, raw, entries, dictionaries)
                code, message = lookups[key]
                if code is None:
                    problem(f, message, raw)
                    del clean[f]
                else:
                    clean[f] = code
            else:
                text = _as_text(raw)
                if text.isdigit() and len(text) <= _segment_width(f):
                    clean[f] = text.zfill(_segment_width(f))
                else:
                    problem(
                        f,
                        tr("unknown {field} value {value}").format(field=field_label(f), value=raw),
                        raw,
                    )
                    del clean[f]

        code_str = None
        if clean.get("code"):
            try:
                pc = parse_code(clean["code"], dictionaries)
            except CodeError as exc:
                problem(
                    "code", tr("bad code {value}: {error}").format(value=clean["code"], error=exc)
                )
            else:
                code_str = str(pc)
                clean["code"] = code_str
                for seg in SEGMENT_FIELDS:
                    seg_value = getattr(pc, seg)
                    if seg in field_column and seg in clean and clean[seg] != seg_value:
                        problem(
                            seg,
                            tr(
                                "{field} {value} does not match the code's segment {segment}"
                            ).format(field=field_label(seg), value=clean[seg], segment=seg_value),
                        )
                    clean[seg] = seg_value
                first = seen_codes.get(code_str)
                if first is not None:
                    problem(
                        "code",
                        tr("duplicate code {code}: already in row {row}").format(
                            code=code_str, row=first
                        ),
                    )
                else:
                    seen_codes[code_str] = rownum
                    if library is not None and _library_has(library, code_str):
                        problem(
                            "code",
                            tr("code {code} is already in the library").format(code=code_str),
                        )
        elif not any(p.field == "code" for p in row_problems):
            missing = [s for s in SEGMENT_FIELDS if not clean.get(s)]
            failed = {p.field for p in row_problems}
            for s in missing:
                if s not in failed:
                    problem(
                        s,
                        tr("missing value {field} (needed to allocate a code)").format(
                            field=field_label(s)
                        ),
                    )
            if not missing:
                try:
                    from ..code import build_prefix

                    build_prefix(**{s: clean[s] for s in SEGMENT_FIELDS}, dictionaries=dictionaries)
                except CodeError as exc:
                    seg = exc.segment if exc.segment in SEGMENT_FIELDS else ""
                    problem(seg, tr("cannot compose a code: {error}").format(error=exc))
        plan.problems.extend(row_problems)
        if not row_problems:
            plan.rows.append(ImportRow(rownum, clean, code_str))
    if not table.rows:
        plan.problems.append(Problem(0, "", tr("The file has no data rows.")))
    if area_unit is None and table_unit is None:
        for note in area_unit_notes(areas, field_column.get("declared_area_m2")):
            plan.notes.append(Problem(*note))
    for note in defaults_notes(from_defaults, defaults, field_label, _as_text):
        plan.notes.append(Problem(*note))
    if progress is not None:
        progress(1.0)
    return plan


def _lookup_segment(f: str, raw: Any, entries, dictionaries) -> tuple[str | None, str]:
    """(code, "") for a code-list value, or (None, the row problem): an alias first (挂牌), a
    code or name, a 三调 code for land use; a term naming several entries asks for a choice."""
    from ..vocabulary import alias_codes, choice_message, unknown_message

    codes = alias_codes(f, raw, dictionaries)
    if codes is not None and len(codes) == 1:
        return codes[0], ""
    if codes:
        return None, choice_message(field_label(f), raw, codes, entries)
    code = lookup_code(raw, entries, _segment_width(f))
    if code is None and f == "land_use":
        code = _land_use_level2(raw, dictionaries)
    if code is not None:
        return code, ""
    return None, unknown_message(f, field_label(f), raw, entries, dictionaries)


def _land_use_level2(value: Any, dictionaries: dict) -> str | None:
    """The level-2 用地用海 code of a level-3 code (070101) or a 三调 working code (05H1)."""
    try:
        from ..dictionaries import normalise_land_use
    except ImportError:
        return None
    code = normalise_land_use(_as_text(value), dictionaries)
    if code and len(code) >= 4 and code[:4] in dictionaries.get("land_use", {}):
        return code[:4]
    return None


def _library_sources() -> dict | None:
    try:
        from ..library.constants import SOURCES
    except ImportError:
        return None
    return SOURCES


def _library_has(library, code: str) -> bool:
    try:
        return bool(library.project(code))
    except Exception:  # libraries raise LibraryError/KeyError for "not found"
        return False
