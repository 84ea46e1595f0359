"""``yimatong:projectboxreport``: the project file (项目档案) of one project as HTML and PDF."""

from __future__ import annotations

import datetime as _dt

from qgis.core import QgsProcessingException, QgsProcessingOutputString

from ...core import lifecycle as lc
from ..base import LibraryAlgorithm, LibraryGroup


class ProjectBoxReportAlgorithm(LibraryGroup, LibraryAlgorithm):
    NAME = "projectboxreport"
    DISPLAY_NAME = "Project file report (项目档案)"
    ICON = "projectbox.svg"
    HELP = (
        "Writes the project file (项目档案) of one library project as HTML, and as PDF when a "
        "PDF path is given: the 28-digit code in display form and as a QR image, the project's "
        "facts, its drawn timeline (批 供 用 补 查, agreed dates beside actual ones), a map of its "
        "parcels and their lineage (retired versions dashed), its events, its results with "
        "their SHA-256 checked against the files now, its lifecycle findings as of the chosen "
        "date and the audit history. Images are written to a folder named after the HTML file."
    )

    def add_parameters(self, tr):
        self.add_string(
            self.CODE,
            tr("Project code"),
            tr("The 28-digit project code (bare or grouped with spaces)."),
        )
        self.add_string(
            self.AS_OF,
            tr("Findings as of (YYYY-MM-DD, empty: today)"),
            tr("The date the lifecycle rules are evaluated on."),
            optional=True,
        )
        self.add_file_output(
            self.OUTPUT_HTML,
            tr("Project file (HTML)"),
            tr("The HTML report; its images go to a folder beside it."),
            "HTML (*.html)",
        )
        self.add_file_output(
            self.OUTPUT_PDF,
            tr("Project file (PDF)"),
            tr("Optional: the same report as PDF (A4)."),
            "PDF (*.pdf)",
            optional=True,
        )
        self.addOutput(QgsProcessingOutputString("CODE_DISPLAY", tr("Code")))

    def check_more_parameters(self, parameters, context):
        if len(self.project_code(parameters, self.CODE, context)) != 28:
            raise ValueError(
                self.tr("A project code has 28 digits: {code}").format(
                    code=self.parameterAsString(parameters, self.CODE, context)
                )
            )
        as_of = self.parameterAsString(parameters, self.AS_OF, context).strip()
        if as_of:
            lc.to_date(as_of)

    def processAlgorithm(self, parameters, context, feedback):
        from ...gis.projectbox_report import ReportError, display_code, write_project_report

        code = self.project_code(parameters, self.CODE, context)
        as_of_text = self.parameterAsString(parameters, self.AS_OF, context).strip()
        as_of = lc.to_date(as_of_text) if as_of_text else _dt.date.today()
        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        pdf_path = self.parameterAsFileOutput(parameters, self.OUTPUT_PDF, context) or None
        try:
            with self.open_library_parameter(parameters, context, self.LIBRARY) as lib:
                feedback.setProgressText(self.tr("Writing the project file…"))
                summary = write_project_report(lib, code, html_path, pdf_path, as_of)
        except ReportError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.setProgress(100)
        feedback.pushInfo(
            self.tr("{code}: {n} findings, report {path}").format(
                code=display_code(code), n=len(summary["findings"]), path=html_path
            )
        )
        result = {self.OUTPUT_HTML: html_path, "CODE_DISPLAY": display_code(code)}
        if pdf_path:
            result[self.OUTPUT_PDF] = pdf_path
        return result
