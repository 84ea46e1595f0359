"""Import of project lists and annual plans (.xlsx / .csv) into the project library.

Three steps, each usable on its own (the Processing algorithm and the UI chain them):

1. :func:`read_table` reads the spreadsheet: ``.xlsx`` through openpyxl (Excel date cells come
   back as dates), ``.csv`` in UTF-8, UTF-8 with BOM or GBK/GB18030 (detected, see
   :func:`detect_encoding`). Row numbers are the ones the user sees in Excel (header = row 1).
2. A column mapping (source column → library field, :data:`FIELDS`): :func:`guess_mapping`
   proposes one from Chinese (or English) headers; :class:`MappingStore` remembers the user's
   choice per source in a JSON file.
3. :func:`dry_run` validates every row and lists every problem by row number and column name
   (missing required value, unknown code-list value, duplicate code in the file or in the
   library, bad date, bad number). :func:`commit` writes a clean plan into the library in ONE
   transaction: either every row is in the library afterwards or none is.

No Qt/QGIS imports here.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .i18n import tr
from .import_notes import area_unit_notes, defaults_notes, layout_notes
from .import_values import TextEncodingError, area_problem, area_to_m2, detect_text_encoding
from .table_layout import analyse as analyse_layout
from .table_layout import total_label
from .units import AreaUnit, AreaUnitError, parse_area_text, unit_in_header

# --------------------------------------------------------------------------------------------
# Fields


@dataclass(frozen=True)
class FieldSpec:
    name: str  # library field name
    label: str  # English label (translated by tr() where shown)
    kind: str  # text | code | segment | year | date | area | number
    synonyms: tuple[str, ...] = ()  # header spellings (normalised, see _norm_header)


SEGMENT_FIELDS = (
    "region",
    "admin",
    "year",
    "approval_type",
    "project_type",
    "supply_type",
    "land_use",
)
#: segments checked against a code list (load_dictionaries keys)
DICTIONARY_FIELDS = ("region", "admin", "approval_type", "project_type", "supply_type", "land_use")
DATE_FIELDS = ("agreed_handover", "agreed_start", "agreed_completion", "approval_date")

FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in (
        FieldSpec(
            "code",
            "Project code",
            "code",
            (
                "项目代码",
                "项目编码",
                "一码通编码",
                "一码通代码",
                "统一编码",
                "项目编号",
                "28位代码",
                "28位编码",
                "code",
                "projectcode",
            ),
        ),
        FieldSpec(
            "name",
            "Project name",
            "text",
            ("项目名称", "名称", "项目", "地块名称", "name", "projectname"),
        ),
        FieldSpec(
            "applicant",
            "Applicant",
            "text",
            (
                "用地单位",
                "申请人",
                "申请单位",
                "建设单位",
                "项目单位",
                "受让人",
                "受让单位",
                "竞得人",
                "项目业主",
                "业主单位",
                "applicant",
            ),
        ),
        FieldSpec(
            "region", "Region code", "segment", ("地区特色编码", "地区编码", "地区代码", "region")
        ),
        FieldSpec(
            "admin",
            "Administrative division",
            "segment",
            (
                "行政区",
                "行政区划",
                "行政区划代码",
                "行政区代码",
                "区县",
                "所在区县",
                "县市区",
                "所在行政区",
                "admin",
                "division",
            ),
        ),
        FieldSpec("year", "Year", "year", ("年度", "年份", "计划年度", "项目年度", "year")),
        FieldSpec(
            "approval_type",
            "Approval type",
            "segment",
            (
                "批准类型",
                "项目批准类型",
                "批准类型编码",
                "项目批准类型编码",
                "立项类型",
                "approvaltype",
            ),
        ),
        FieldSpec(
            "project_type",
            "Project type",
            "segment",
            ("项目类型", "项目类型编码", "项目类别", "projecttype"),
        ),
        FieldSpec(
            "supply_type",
            "Supply type",
            "segment",
            ("供地方式", "供地类型", "供地类型代码", "供应方式", "土地供应方式", "supplytype"),
        ),
        FieldSpec(
            "land_use",
            "Land use",
            "segment",
            (
                "用途",
                "土地用途",
                "出让用途",
                "用地性质",
                "用地类型",
                "规划用途",
                "出让用途编码",
                "用地用海分类",
                "landuse",
            ),
        ),
        FieldSpec(
            "declared_area_m2",
            "Declared area (m²)",
            "area",
            (
                "面积",
                "申报面积",
                "用地面积",
                "出让面积",
                "供地面积",
                "储备面积",
                "土地面积",
                "总面积",
                "area",
                "aream2",
            ),
        ),
        FieldSpec(
            "agreed_handover",
            "Agreed hand-over date",
            "date",
            ("约定交地时间", "约定交地日期", "交地时间", "交地日期"),
        ),
        FieldSpec(
            "agreed_start",
            "Agreed start date",
            "date",
            ("约定开工时间", "约定开工日期", "开工时间", "计划开工时间", "开工日期"),
        ),
        FieldSpec(
            "agreed_completion",
            "Agreed completion date",
            "date",
            ("约定竣工时间", "约定竣工日期", "竣工时间", "计划竣工时间", "竣工日期"),
        ),
        FieldSpec(
            "approval_date",
            "Approval date",
            "date",
            ("批准时间", "批准日期", "立项时间", "立项日期", "批复日期"),
        ),
        FieldSpec(
            "approval_number",
            "Approval document number",
            "text",
            ("批准文号", "文号", "批复文号", "立项文号"),
        ),
        FieldSpec(
            "investment_code",
            "Investment project code",
            "text",
            (
                "投资项目代码",
                "投资项目统一代码",
                "项目统一代码",
                "全国投资项目代码",
                "审批监管平台代码",
                "investmentcode",
            ),
        ),
        FieldSpec(
            "location",
            "Location",
            "text",
            ("项目位置", "位置", "坐落", "土地坐落", "地块位置", "建设地点", "location"),
        ),
        FieldSpec(
            "investment",
            "Investment (10k yuan)",
            "number",
            ("总投资", "总投资万元", "投资额", "计划投资"),
        ),
        FieldSpec("note", "Note", "text", ("备注", "说明", "remarks", "note")),
    )
}


def field_label(name: str) -> str:
    """The translated label of an importer field (the field name when unknown)."""
    labels = {
        "code": tr("Project code"),
        "name": tr("Project name"),
        "applicant": tr("Applicant"),
        "region": tr("Region code"),
        "admin": tr("Administrative division"),
        "year": tr("Year"),
        "approval_type": tr("Approval type"),
        "project_type": tr("Project type"),
        "supply_type": tr("Supply type"),
        "land_use": tr("Land use"),
        "declared_area_m2": tr("Declared area (m²)"),
        "agreed_handover": tr("Agreed hand-over date"),
        "agreed_start": tr("Agreed start date"),
        "agreed_completion": tr("Agreed completion date"),
        "approval_date": tr("Approval date"),
        "approval_number": tr("Approval document number"),
        "investment_code": tr("Investment project code"),
        "location": tr("Location"),
        "investment": tr("Investment (10k yuan)"),
        "note": tr("Note"),
    }
    return labels.get(name, name)


#: the fields that must have a value in every row (besides: a code OR all segments)
REQUIRED_FIELDS = ("name",)


class ImporterError(ValueError):
    """Raised for an unreadable file or a commit of a plan that has problems."""


# --------------------------------------------------------------------------------------------
# Reading


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


# --------------------------------------------------------------------------------------------
# Mapping

_HEADER_NOISE = re.compile(r"[\s_\-—·:：/\\（）()【】\[\]]|（[^）]*）|\([^)]*\)")
_UNIT_RE = re.compile(r"(平方米|㎡|m2|m²|公顷|hm2|hm²|ha|亩|万元|元)", re.I)


def _norm_header(text: str) -> str:
    text = str(text).lower()
    text = re.sub(r"（[^）]*）|\([^)]*\)|【[^】]*】|\[[^\]]*\]", "", text)  # "(公顷)" units
    text = _UNIT_RE.sub("", text)
    return _HEADER_NOISE.sub("", text)


def guess_mapping(headers: Iterable[str]) -> dict[str, str]:
    """A default mapping ``{source column: library field}`` from header names.

    Exact (normalised) synonyms win over partial matches; each field is used at most once.
    """
    headers = list(headers)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    normed = {h: _norm_header(h) for h in headers}
    # pass 1: exact synonyms
    for h in headers:
        for spec in FIELDS.values():
            if spec.name in used:
                continue
            if normed[h] in spec.synonyms or normed[h] == spec.name:
                mapping[h] = spec.name
                used.add(spec.name)
                break
    # pass 2: a synonym (of 2+ chars) contained in the header, longest synonym first
    candidates = sorted(
        ((len(s), s, spec.name) for spec in FIELDS.values() for s in spec.synonyms if len(s) >= 2),
        reverse=True,
    )
    for h in headers:
        if h in mapping or not normed[h]:
            continue
        for _, syn, name in candidates:
            if name not in used and syn in normed[h]:
                mapping[h] = name
                used.add(name)
                break
    return mapping


def area_factor(header: str) -> float:
    """m² per unit of an area column, from the unit in its header (公顷, 亩, 平方米…)."""
    try:
        return (unit_in_header(header) or AreaUnit.M2).m2
    except AreaUnitError:
        return float("nan")  # never a plausible factor: the dry run refuses the column


def merge_mapping(headers: Iterable[str], explicit: dict[str, str] | None) -> dict[str, str]:
    """The guess for ``headers`` overridden by ``explicit`` ``{column: field}``; an empty field
    means "ignore this column". A field chosen explicitly is not also guessed for another
    column. Explicit columns missing from ``headers`` are kept (the dry run reports them)."""
    mapping = guess_mapping(headers)
    explicit = explicit or {}
    chosen = {f: c for c, f in explicit.items() if f}
    mapping = {c: f for c, f in mapping.items() if f not in chosen or chosen[f] == c}
    for c, f in explicit.items():
        if f:
            mapping[c] = f
        else:
            mapping.pop(c, None)
    return mapping


#: the key under which MappingStore keeps segment defaults (not a source name)
DEFAULTS_KEY = "_defaults"


class MappingStore:
    """Column mappings remembered per source in one JSON file (``{source: {column: field}}``)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def _load_all(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def get(self, source: str) -> dict[str, str]:
        value = self._load_all().get(source) or {}
        return {str(k): str(v or "") for k, v in value.items() if not v or v in FIELDS}

    def mapping_for(self, source: str, headers: Iterable[str]) -> dict[str, str]:
        """The remembered mapping for the headers present, the guess for the others."""
        headers = list(headers)
        remembered = self.get(source)
        return merge_mapping(headers, {h: remembered[h] for h in headers if h in remembered})

    def defaults_for(self, source: str) -> dict[str, str]:
        """The segment defaults remembered with the mapping of ``source`` (``{"year": "2024"}``)."""
        value = (self._load_all().get(DEFAULTS_KEY) or {}).get(source) or {}
        return {str(k): str(v) for k, v in value.items() if k in FIELDS and v not in (None, "")}

    def set(
        self, source: str, mapping: dict[str, str], defaults: dict[str, str] | None = None
    ) -> None:
        data = self._load_all()
        data[source] = {str(k): str(v or "") for k, v in mapping.items()}
        if defaults is not None:
            all_defaults = data.get(DEFAULTS_KEY)
            all_defaults = all_defaults if isinstance(all_defaults, dict) else {}
            all_defaults[source] = {str(k): str(v) for k, v in defaults.items() if v}
            data[DEFAULTS_KEY] = all_defaults
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(self.path)


def parse_mapping(text_or_path: str | None) -> dict[str, str] | None:
    """A mapping given as a JSON string or a JSON file path (``None``/empty: no mapping)."""
    if not text_or_path or not str(text_or_path).strip():
        return None
    text = str(text_or_path).strip()
    if not text.startswith("{"):
        path = Path(text)
        if not path.exists():
            raise ImporterError(tr("Mapping file not found: {path}").format(path=text))
        text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ImporterError(tr("The mapping is not valid JSON: {error}").format(error=exc)) from exc
    if not isinstance(data, dict):
        raise ImporterError(tr("The mapping must be a JSON object {column: field}."))
    bad = [v for v in data.values() if v and v not in FIELDS]
    if bad:
        raise ImporterError(
            tr("Unknown library field(s) in the mapping: {fields}. Known: {known}").format(
                fields=", ".join(map(str, bad)), known=", ".join(FIELDS)
            )
        )
    return {str(k): str(v or "") for k, v in data.items()}


def parse_defaults(text: str | None) -> dict[str, str] | None:
    """Segment defaults given as a JSON object ``{"year": "2024"}`` (None when empty)."""
    if not text or not str(text).strip():
        return None
    try:
        data = json.loads(str(text))
    except ValueError as exc:
        raise ImporterError(
            tr("The defaults are not valid JSON: {error}").format(error=exc)
        ) from exc
    if not isinstance(data, dict) or any(k not in FIELDS for k in data):
        raise ImporterError(
            tr(
                "The defaults must be a JSON object {{field: value}} with fields of: {known}"
            ).format(known=", ".join(FIELDS))
        )
    return {str(k): _as_text(v) for k, v in data.items() if v not in (None, "")}


# --------------------------------------------------------------------------------------------
# Values

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]?\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_EXCEL_EPOCH = _dt.date(1899, 12, 30)


def parse_date(value: Any) -> _dt.date:
    """A date from ``2024-03-01``, ``2024/3/1``, ``2024年3月1日``, ``20240301``, an Excel date
    cell (datetime) or an Excel serial number; raises ValueError otherwise."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 19000101 <= value <= 21001231:  # 20240301 as a number
            return parse_date(str(int(value)))
        if 20000 <= value <= 80000:  # an Excel serial day number (1954..2119)
            return _EXCEL_EPOCH + _dt.timedelta(days=int(value))
        raise ValueError(value)
    text = str(value).strip().replace(" ", "")
    text = text.replace("／", "/").replace("－", "-").replace("．", ".")
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return _dt.date(y, mo, d)  # ValueError for 2024-02-30
    raise ValueError(value)


def parse_number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(",", "").replace("，", "")
    text = _UNIT_RE.sub("", text).strip()
    return float(text)


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    return str(value).strip()


def _segment_width(name: str) -> int:
    return {
        "region": 2,
        "admin": 6,
        "year": 4,
        "approval_type": 2,
        "project_type": 2,
        "supply_type": 2,
        "land_use": 4,
    }[name]


_NAME_SPLIT = re.compile(r"[\s（）()【】\[\]、,，/·\-]+")


def lookup_code(value: Any, entries: dict[str, str], width: int) -> str | None:
    """The code of a code-list entry given its code (``"02"``, ``2``) or its Chinese name
    (``"出让（挂牌）"``, ``"挂牌出让"``, ``"常德市武陵区"``, ``"0701 城镇住宅用地"``).

    ``None`` when unknown or ambiguous (``"出让"`` alone matches four supply types). Only
    entries whose code has ``width`` digits count (a land-use list also holds level-1 codes).
    """
    text = _as_text(value)
    if not text:
        return None
    entries = {c: str(n).strip() for c, n in entries.items() if len(str(c)) == width}
    head = re.match(r"^(\d+)(?:[\s\-_.、:：]+(.*))?$", text)
    if head:
        digits = head.group(1)
        if len(digits) < width:
            digits = digits.zfill(width)
        if digits in entries:
            return digits
        if not head.group(2):
            return None
        text = head.group(2).strip()

    def unique(codes):
        codes = set(codes)
        return codes.pop() if len(codes) == 1 else None

    exact = [c for c, n in entries.items() if n == text]
    if exact:
        return unique(exact)
    # the name inside the text (常德市武陵区 → 武陵区); the longest such name when unique
    contained = [(len(n), c) for c, n in entries.items() if n and n in text]
    if contained:
        longest = max(k for k, _ in contained)
        return unique(c for k, c in contained if k == longest)
    # every token of the name in the text (挂牌出让 → 出让（挂牌）)
    tokens = {c: [t for t in _NAME_SPLIT.split(n) if t] for c, n in entries.items()}
    hits = [c for c, ts in tokens.items() if len(ts) > 1 and all(t in text for t in ts)]
    if hits:
        return unique(hits)
    # the start of one name only (工业 → 工业用地; but 耕地 is not 后备耕地)
    return unique(c for c, n in entries.items() if len(text) >= 2 and n.startswith(text))


# --------------------------------------------------------------------------------------------
# Dry run


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
        from .dictionaries import load_dictionaries
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
    from .code import CodeError, parse_code

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
            spec = FIELDS[f]
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
                clean[f] = v if f in DATE_FIELDS else _as_text(v)
                from_defaults.setdefault(f, []).append(rownum)

        for f in REQUIRED_FIELDS:
            if not clean.get(f) and not any(p.field == f for p in row_problems):
                problem(f, tr("missing required value {field}").format(field=field_label(f)))

        # code-list values
        for f in DICTIONARY_FIELDS:
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
                    from .code import build_prefix

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
    from .vocabulary import alias_codes, choice_message, unknown_message

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
        from .dictionaries import normalise_land_use
    except ImportError:
        return None
    code = normalise_land_use(_as_text(value), dictionaries)
    if code and len(code) >= 4 and code[:4] in dictionaries.get("land_use", {}):
        return code[:4]
    return None


def _library_sources() -> dict | None:
    try:
        from .library.constants import SOURCES
    except ImportError:
        return None
    return SOURCES


def _library_has(library, code: str) -> bool:
    try:
        return bool(library.project(code))
    except Exception:  # libraries raise LibraryError/KeyError for "not found"
        return False


# --------------------------------------------------------------------------------------------
# Commit

#: importer fields written as project columns (the library's PROJECT_ATTRS)
PROJECT_ATTRS = (
    "applicant",
    "declared_area_m2",
    "agreed_handover",
    "agreed_start",
    "agreed_completion",
    "investment_code",
)
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
    from .library_ops import transaction

    codes: list[str] = []
    n = len(plan.rows)
    with transaction(library):
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
