"""``yimatong:importprojects``: import a project list or annual plan (.xlsx/.csv) into the library.

A dry run lists every problem (row, column, problem) in OUTPUT_PROBLEMS and writes nothing; a
real run writes every row in one transaction, or fails naming the first problems.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
)

from ...core import importer
from ...gis.gdal_errors import close_table_sink
from ...gis.import_sources import SOURCE_KEYS, mapping_store_path, source_labels
from ...gis.qgis_compat import FIELD_INT, FIELD_STRING
from ..base import LibraryGroup, YimatongAlgorithm

#: the columns of the problems table
PROBLEM_FIELDS = (
    ("row", FIELD_INT),
    ("column", FIELD_STRING),
    ("field", FIELD_STRING),
    ("problem", FIELD_STRING),
    ("value", FIELD_STRING),
)


class ImportProjectsAlgorithm(LibraryGroup, YimatongAlgorithm):
    NAME = "importprojects"
    DISPLAY_NAME = "Import projects from a spreadsheet"
    HELP = (
        "Imports a project list or an annual plan (reserve or transfer plan) from an Excel "
        "(.xlsx) or CSV file (UTF-8 or GBK) into the project library. Columns are mapped to "
        "library fields by their Chinese headers (项目名称, 项目代码, 用地单位, 行政区, 年度, "
        "供地方式, 用途, 面积, 约定开工时间 …), by the mapping remembered for the source, or by "
        'the MAPPING parameter ({"column": "field"} as JSON text or a .json file). A dry run '
        "lists every problem by row and column (missing value, unknown code-list value, "
        "duplicate code, bad date) and writes nothing. A real import writes all rows in one "
        "transaction, or none when any row has a problem. Rows without a code get one "
        "allocated from their segments; segments the file does not give (年度, 批准类型…) "
        'can be given as defaults ({"year": "2024", "approval_type": "05"}). The column '
        "names are found below a title block (…2024年度…计划, 单位：公顷) unless their row is "
        "given; total rows (合计/小计) are left out and cells merged down a column are filled."
    )

    def add_parameters(self, tr):
        self.add(
            QgsProcessingParameterFile(
                self.INPUT,
                tr("Spreadsheet (.xlsx or .csv)"),
                fileFilter=tr("Spreadsheets (*.xlsx *.csv)"),
            ),
            tr("The project list or annual plan; the first row holds column names."),
        )
        self.add_string(
            self.SHEET,
            tr("Sheet (xlsx; empty: the first)"),
            tr("Name of the worksheet to read from an .xlsx file."),
            optional=True,
        )
        self.add_library_parameter(self.LIBRARY)
        self.add(
            QgsProcessingParameterEnum(
                self.SOURCE, tr("Source"), options=source_labels(tr), defaultValue=5
            ),
            tr("Where the projects come from; recorded with every imported project."),
        )
        self.add_string(
            self.MAPPING,
            tr("Column mapping (JSON or .json file)"),
            tr(
                'A JSON object {"source column": "library field"}. Empty: the mapping '
                "remembered for this source, or a guess from the headers."
            ),
            optional=True,
        )
        self.add(
            QgsProcessingParameterNumber(
                self.HEADER_ROW,
                tr("Row of the column names (0: found automatically)"),
                type=QgsProcessingParameterNumber.Integer,
                minValue=0,
                defaultValue=0,
                optional=True,
            ),
            tr("The spreadsheet row holding the column names, as Excel numbers it."),
        )
        self.add_string(
            self.DEFAULTS,
            tr("Defaults for missing code segments (JSON)"),
            tr(
                'A JSON object {"field": "value"}, e.g. {"year": "2024", "approval_type": '
                '"05"}, used where the file gives no value. Empty: the defaults remembered for '
                "this source."
            ),
            optional=True,
        )
        self.add_bool(
            self.DRY_RUN,
            tr("Dry run (check only, write nothing)"),
            tr("List the problems without writing anything into the library."),
        )
        self.add_table_output(
            self.OUTPUT_PROBLEMS,
            tr("Problems"),
            tr("A table with one line per problem: row, column, field, problem."),
            optional=True,
        )
        self.add_counts(
            (self.IMPORTED, tr("Imported projects")), (self.PROBLEM_COUNT, tr("Problems found"))
        )

    def checkParameterValues(self, parameters, context):
        ok, msg = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, msg
        path = self.parameterAsFile(parameters, self.INPUT, context)
        if Path(path).suffix.lower() not in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv"):
            return False, self.tr("The input must be an .xlsx or .csv file: {path}").format(
                path=path
            )
        if not self.parameterAsString(parameters, self.LIBRARY, context).strip():
            return False, self.tr("Choose a project library.")
        try:
            importer.parse_mapping(self.parameterAsString(parameters, self.MAPPING, context))
            importer.parse_defaults(self.parameterAsString(parameters, self.DEFAULTS, context))
        except importer.ImporterError as exc:
            return False, str(exc)
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):
        from ...toolbelt.settings import load_settings

        path = self.parameterAsFile(parameters, self.INPUT, context)
        sheet = self.parameterAsString(parameters, self.SHEET, context) or None
        uri = self.parameterAsString(parameters, self.LIBRARY, context).strip()
        source = SOURCE_KEYS[self.parameterAsEnum(parameters, self.SOURCE, context)]
        dry = self.parameterAsBool(parameters, self.DRY_RUN, context)
        settings = load_settings()
        try:
            mapping = importer.parse_mapping(
                self.parameterAsString(parameters, self.MAPPING, context)
            )
            header_row = self.parameterAsInt(parameters, self.HEADER_ROW, context) or None
            table = importer.read_table(path, sheet=sheet, header_row=header_row)
            given_defaults = importer.parse_defaults(
                self.parameterAsString(parameters, self.DEFAULTS, context)
            )
        except importer.ImporterError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(
            self.tr("{file}: {n} data rows, columns: {columns}").format(
                file=Path(path).name, n=len(table.rows), columns=", ".join(table.headers)
            )
        )
        store = importer.MappingStore(mapping_store_path())
        given = mapping is not None
        if mapping is None:
            mapping = store.mapping_for(source, table.headers)
        else:
            mapping = importer.merge_mapping(table.headers, mapping)
        feedback.pushInfo(
            self.tr("Mapping: {mapping}").format(
                mapping=", ".join(f"{c} → {importer.field_label(f)}" for c, f in mapping.items())
            )
        )
        dictionaries = _dictionaries(settings.dictionary_dir)
        defaults = {"region": settings.region_code} if settings.region_code else {}
        defaults.update(
            given_defaults if given_defaults is not None else store.defaults_for(source)
        )
        layout = table.layout
        if layout is not None and layout.header_row > 1:
            feedback.pushInfo(
                self.tr("Column names read from row {row}.").format(row=layout.header_row)
            )
        if layout is not None and layout.year and "year" not in defaults:
            feedback.pushInfo(
                self.tr(
                    "The title gives the year {year}; without a year column, give it in "
                    '“Defaults for missing code segments”: {{"year": "{year}"}}.'
                ).format(year=layout.year)
            )

        library = self.open_library_parameter(parameters, context, self.LIBRARY)
        try:
            feedback.setProgressText(self.tr("Checking rows…"))
            plan = importer.dry_run(
                table,
                source,
                mapping,
                library=library,
                dictionaries=dictionaries,
                defaults=defaults,
                progress=lambda f: _progress(feedback, f * (100 if dry else 50)),
            )
            if feedback.isCanceled():
                return {}
            writer, dest = None, None
            if parameters.get(self.OUTPUT_PROBLEMS) is not None:
                writer, dest = self.table_sink(
                    parameters, self.OUTPUT_PROBLEMS, context, PROBLEM_FIELDS
                )
                for problem in plan.problems:
                    value = "" if problem.value is None else str(problem.value)
                    writer.add([problem.row, problem.column, problem.field, problem.message, value])
                close_table_sink(writer.sink)  # complete (no "No geometry column" on GPKG)
                writer = None
            for problem in plan.problems[:50]:
                feedback.reportError(str(problem))
            for note in plan.notes:
                feedback.pushInfo(self.tr("Note: {message}").format(message=str(note)))
            results = {self.PROBLEM_COUNT: len(plan.problems), self.IMPORTED: 0}
            if dest is not None:
                results[self.OUTPUT_PROBLEMS] = dest
            if dry:
                feedback.pushInfo(
                    self.tr("Dry run: {rows} rows ready, {n} problems; nothing was written.")
                    .format(rows=len(plan.rows), n=len(plan.problems))
                )  # fmt: skip
                return results
            if not plan.ok:
                raise QgsProcessingException(
                    self.tr(
                        "Import refused: {n} problems, nothing was written. First problems:\n"
                        "{problems}"
                    ).format(n=len(plan.problems), problems=plan.summary(limit=10))
                )
            feedback.setProgressText(self.tr("Writing into the library…"))
            try:
                codes = importer.commit(
                    plan, library, progress=lambda f: _progress(feedback, 50 + f * 50)
                )
            except importer.ImporterError as exc:
                raise QgsProcessingException(str(exc)) from exc
            if given or given_defaults is not None:
                store.set(
                    source,
                    {c: f for c, f in mapping.items() if c in table.headers},
                    given_defaults,
                )
            feedback.pushInfo(
                self.tr("Imported {n} projects into {uri}.").format(n=len(codes), uri=uri)
            )
            results[self.IMPORTED] = len(codes)
            return results
        finally:
            library.close()


def _progress(feedback, percent: float) -> bool:
    feedback.setProgress(percent)
    return feedback.isCanceled()


def _dictionaries(folder: str):
    try:
        from ...core.dictionaries import load_dictionaries
    except ImportError:
        return None
    return load_dictionaries(folder or None)
