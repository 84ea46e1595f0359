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

The package, one module per step: :mod:`.fields` (what an import fills), :mod:`.reading`,
:mod:`.mapping`, :mod:`.values` (dates, numbers, code lists), :mod:`.validation` (the dry run)
and :mod:`.writer` (the commit). Import from the package: ``from ..core import importer``.
No Qt/QGIS imports here.
"""

from .fields import (
    DATE_FIELDS,
    DICTIONARY_FIELDS,
    FIELDS,
    REQUIRED_FIELDS,
    SEGMENT_FIELDS,
    FieldSpec,
    ImporterError,
    field_label,
)
from .mapping import (
    DEFAULTS_KEY,
    MappingStore,
    area_factor,
    guess_mapping,
    merge_mapping,
    parse_defaults,
    parse_mapping,
)
from .reading import SourceTable, detect_encoding, read_table
from .validation import ImportPlan, ImportRow, Problem, dry_run
from .values import lookup_code, parse_date, parse_number
from .writer import NOTE_FIELDS, PROJECT_ATTRS, commit, project_values

__all__ = [
    "DATE_FIELDS",
    "DEFAULTS_KEY",
    "DICTIONARY_FIELDS",
    "FIELDS",
    "FieldSpec",
    "ImportPlan",
    "ImportRow",
    "ImporterError",
    "MappingStore",
    "NOTE_FIELDS",
    "PROJECT_ATTRS",
    "Problem",
    "REQUIRED_FIELDS",
    "SEGMENT_FIELDS",
    "SourceTable",
    "area_factor",
    "commit",
    "detect_encoding",
    "dry_run",
    "field_label",
    "guess_mapping",
    "lookup_code",
    "merge_mapping",
    "parse_date",
    "parse_defaults",
    "parse_mapping",
    "parse_number",
    "project_values",
    "read_table",
]
