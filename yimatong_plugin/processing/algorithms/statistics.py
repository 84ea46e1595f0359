"""``yimatong:statistics``: the library's statistics as an .xlsx workbook and a Chinese HTML
brief (统计简报) with charts — for scheduled runs; the 统计 dock shows the same tables."""

from __future__ import annotations

import re

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
)

from ...core.library.constants import SOURCES
from ..base import LibraryGroup
from .lifecyclemonitor import AsOfAlgorithm

SOURCE_KEYS = [None, *SOURCES]


class StatisticsAlgorithm(LibraryGroup, AsOfAlgorithm):
    NAME = "statistics"
    DISPLAY_NAME = "Statistics and brief (统计简报)"
    ICON = "projectbox.svg"
    HELP = (
        "Summarises the project library as of a date: projects and area (m², 公顷, 亩) by "
        "division, year, source, current stage, supply type and land use (levels 1 and 2); "
        "批而未供 per approval batch, per division and by approval year (the batches and ratios "
        "of the lifecycle monitor); 闲置土地 by stage (fee / repossession) and 供而未用; the "
        "annual transfer plan against the land supplied, by division and month. With a town "
        "layer (TOWNS, TOWN_FIELD): projects and area by town, each parcel cut by the towns (a "
        "parcel crossing a boundary is split by area; the area outside every town is its own "
        "row). Filters: division, year, source. Writes an .xlsx workbook (one sheet per table, "
        "numbers as numbers, units in the headers) and a Chinese brief with the charts, as "
        "HTML and as PDF. A project's area is the sum of its current parcels, else its "
        "declared area; each table says how many projects were counted so."
    )

    def add_parameters(self, tr):
        self.add_string(self.ADMIN, tr("Division (6-digit code or name; empty: all)"), "", True)
        self.add_string(self.YEAR, tr("Year (empty: all; the plan year is AS_OF's)"), "", True)
        labels = [tr("All sources")] + [f"{label} ({key})" for key, label in SOURCES.items()]
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SOURCE, tr("Source"), options=labels, defaultValue=0, optional=True
            )
        )
        self.add_polygon_source(
            self.TOWNS,
            tr("Town boundaries (乡镇; optional: the breakdown by town)"),
            tr(
                "A polygon layer of the towns: each current parcel is cut by the towns and the "
                "area of each piece counted in its town."
            ),
            optional=True,
        )
        self.add_field(
            self.TOWN_FIELD,
            tr("Town field (code or name)"),
            tr("The field of the town layer that names or codes each town."),
            self.TOWNS,
        )
        for name, label, file_filter in (
            (self.OUTPUT_XLSX, tr("Statistics workbook"), "Excel (*.xlsx)"),
            (self.OUTPUT_HTML, tr("Statistics brief (HTML)"), "HTML (*.html)"),
            (self.OUTPUT_PDF, tr("Statistics brief (PDF)"), "PDF (*.pdf)"),
        ):
            self.addParameter(
                QgsProcessingParameterFileDestination(name, label, file_filter, optional=True)
            )
        self.addOutput(QgsProcessingOutputNumber(self.PROJECTS, tr("Projects")))

    # -- parameters -----------------------------------------------------------------------
    def _filter(self, parameters, context):
        from ...core.dictionaries import default_dictionaries
        from ...core.statistics import StatsFilter

        admin = self.parameterAsString(parameters, self.ADMIN, context).strip()
        if admin and not re.fullmatch(r"\d{6}", admin):
            names = {v: k for k, v in default_dictionaries()["admin"].items()}
            if admin not in names:
                raise QgsProcessingException(
                    self.tr("Unknown division {value}: give its 6-digit code or its name.").format(
                        value=admin
                    )
                )
            admin = names[admin]
        year = self.parameterAsString(parameters, self.YEAR, context).strip()
        if year and not re.fullmatch(r"\d{4}", year):
            raise QgsProcessingException(
                self.tr("The year must have 4 digits: {value}").format(value=year)
            )
        index = self.parameterAsEnum(parameters, self.SOURCE, context)
        return StatsFilter(admin=admin or None, year=year or None, source=SOURCE_KEYS[index])

    def check_more_parameters(self, parameters, context) -> None:
        self._filter(parameters, context)
        if parameters.get(self.TOWNS) and not self.parameterAsString(
            parameters, self.TOWN_FIELD, context
        ):
            raise ValueError(self.tr("Choose the town field (TOWN_FIELD) of the town layer."))

    def _towns(self, parameters, context):
        """The town layer (``TownLayer``) or None; a layer that cannot be used is refused."""
        from ...core.statistics.towns import TownLayerError
        from ...gis.statistics_towns import read_towns

        source = self.parameterAsSource(parameters, self.TOWNS, context)
        if source is None:
            return None
        # invalid town polygons are repaired (with a warning) by the breakdown, not refused
        source.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
        field = self.parameterAsString(parameters, self.TOWN_FIELD, context)
        layer = self.parameterAsVectorLayer(parameters, self.TOWNS, context)
        name = layer.name() if layer is not None else source.sourceName()
        try:
            return read_towns(source, field, context.transformContext(), name)
        except TownLayerError as exc:
            raise QgsProcessingException(str(exc)) from exc

    # -- run ------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):
        from ...core.statistics import compute, xlsx
        from ...core.statistics.brief import write_brief
        from ...core.statistics.towns import add_town_breakdown

        as_of = self._as_of(parameters, context)
        flt = self._filter(parameters, context)
        xlsx_path = self.parameterAsFileOutput(parameters, self.OUTPUT_XLSX, context)
        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        pdf_path = self.parameterAsFileOutput(parameters, self.OUTPUT_PDF, context)
        towns = self._towns(parameters, context)
        lib = self.open_library_parameter(parameters, context, self.LIBRARY)
        try:
            feedback.setProgressText(self.tr("Counting (GROUP BY in the library)…"))
            try:
                stats = compute(lib, as_of, flt, canceled=feedback.isCanceled)
                if stats is not None and towns is not None:
                    feedback.setProgressText(self.tr("Cutting the parcels by the towns…"))
                    figures = add_town_breakdown(stats, lib, towns, feedback.isCanceled)
                    if figures is None:
                        return {}
                    for warning in figures.warnings:
                        feedback.pushWarning(warning)
            except ValueError as exc:  # a bad date in an event, an unusable town layer
                raise QgsProcessingException(str(exc)) from exc
        finally:
            lib.close()
        if stats is None:
            return {}
        feedback.setProgress(70)
        results = {self.PROJECTS: sum(stats.table("by_admin").column("projects"))}
        description = stats.description()
        if xlsx_path:
            xlsx.write_xlsx(stats, xlsx_path, description)
            results[self.OUTPUT_XLSX] = xlsx_path
        feedback.setProgress(80)
        if html_path:
            feedback.setProgressText(self.tr("Drawing the charts…"))
            write_brief(stats, html_path, description)
            results[self.OUTPUT_HTML] = html_path
        if pdf_path:
            from ...gis.statistics_pdf import write_brief_pdf

            feedback.setProgressText(self.tr("Printing the brief to PDF…"))
            write_brief_pdf(stats, pdf_path, description)
            results[self.OUTPUT_PDF] = pdf_path
        feedback.pushInfo(
            self.tr("As of {date}: {n} projects.").format(
                date=as_of.isoformat(), n=results[self.PROJECTS]
            )
        )
        return results
