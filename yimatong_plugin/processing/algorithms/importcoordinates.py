"""``yimatong:importcoordinates`` (导入坐标文件): a surveyors' coordinate file (坐标 TXT) → polygons
in the file's CRS, optionally attached to a project in one transaction."""

from __future__ import annotations

from qgis.core import (
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsWkbTypes,
)

from ...core.coordfile import CoordFileError, read_coordfile
from ...core.library.constants import STAGES
from ...core.library.errors import LibraryError
from ...gis import coordfile_layer as cl
from ...gis import parcel_attach
from ..base import FIELD_ALIASES, LibraryGroup, YimatongAlgorithm

# the display names of the output fields (applied when the layer is loaded); names other
# algorithms write keep their aliases
for _name, _type, _alias in cl.FIELD_SPECS:
    FIELD_ALIASES.setdefault(_name, _alias)


class ImportCoordinatesAlgorithm(LibraryGroup, YimatongAlgorithm):
    NAME = "importcoordinates"
    DISPLAY_NAME = "Import a coordinate file (坐标 TXT)"
    ICON = "yimatong.svg"
    HELP = (
        "Reads a surveyors' coordinate file (勘测定界 / 报部 坐标 TXT: [属性描述] and [地块坐标], "
        "GBK or UTF-8) and writes one polygon per parcel in the file's own CRS: CGCS2000 "
        "3-degree Gauss-Kruger EPSG:4513-4533 when Y carries the zone number, EPSG:4534-4554 "
        "otherwise (6-degree zones likewise); 西安80 and 北京54 files are refused. X is the "
        "northing, Y the easting. Ring 1 is the outer ring; other rings are holes or further "
        "parts, by containment. Every malformed line is named by its line number and nothing "
        "is written when any parcel fails. The declared 地块面积 (公顷) is compared with the "
        "planar area computed from the coordinates: a difference of more than 1 m² and more "
        "than 0.1 % is reported (area_check = mismatch). With PROJECT_CODE the parcels are "
        "also attached to that project of LIBRARY in one transaction (all or none)."
    )

    def add_parameters(self, tr):
        self.stage_keys = list(STAGES)
        self.add_file(
            self.INPUT,
            tr("Coordinate file (坐标 TXT)"),
            tr("The surveyors' coordinate file, GBK or UTF-8."),
            extension="txt",
        )
        self.add_project_code(
            tr("Attach to project code"),
            tr("28-digit code of the project the parcels are attached to; empty: no attach."),
            tr(
                "Used only with PROJECT_CODE: a GeoPackage path, a PostgreSQL connection "
                "string / service, or the name of a saved QGIS PostgreSQL connection."
            ),
        )
        self.add(
            QgsProcessingParameterEnum(
                self.STAGE,
                tr("Stage of the attached parcels"),
                options=[STAGES[k] for k in self.stage_keys],
                optional=True,
            ),
            tr("Stage recorded with the attached parcels (optional)."),
        )
        self.add_polygon_output(
            self.OUTPUT,
            tr("Parcels of the coordinate file"),
            tr("One polygon per parcel, in the file's CRS, with its header and area check."),
        )
        self.add_counts(
            (self.ATTACHED, tr("Parcels attached")), (self.MISMATCHES, tr("Area mismatches"))
        )

    def checkParameterValues(self, parameters, context):
        ok, message = self.check_project_code(parameters, context)
        if not ok:
            return False, message
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context, feedback):
        tr = self.tr
        path = self.parameterAsFile(parameters, self.INPUT, context)
        try:
            cf = read_coordfile(path)
        except OSError as exc:
            raise QgsProcessingException(
                tr("Cannot read {path}: {error}").format(path=path, error=exc)
            ) from exc
        except CoordFileError as exc:
            for problem in exc.problems:
                feedback.reportError(str(problem))
            raise QgsProcessingException(
                tr(
                    "The coordinate file {path} has {n} problem(s); nothing was imported:\n{list}"
                ).format(path=path, n=len(exc.problems), list=str(exc))
            ) from exc
        for note in cf.notes:
            feedback.pushInfo(note)
        feedback.pushInfo(
            tr("{n} parcels read ({encoding}); areas are planar in {crs}").format(
                n=len(cf.parcels), encoding=cf.encoding, crs=cf.authid
            )
        )
        warnings = cf.area_warnings()
        for warning in warnings:
            feedback.pushWarning(str(warning))
        fields = cl.coordfile_fields()
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.MultiPolygon, cl.crs_of(cf)
        )
        if sink is None:
            raise QgsProcessingException(tr("Could not create the output layers"))
        for feature in cl.coordfile_features(cf, fields):
            feature.geometry().convertToMultiType()
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        results = {self.OUTPUT: dest, self.ATTACHED: 0, self.MISMATCHES: len(warnings)}
        code = self.project_code(parameters, self.PROJECT_CODE, context)
        if code:
            results[self.ATTACHED] = self._attach(parameters, context, feedback, path, code)
        return results

    def _attach(self, parameters, context, feedback, path, code) -> int:
        """Every parcel checked and attached in one transaction; nothing when any fails."""
        tr = self.tr
        layer = cl.coordfile_layer(path)
        stage = None
        if parameters.get(self.STAGE) is not None:
            stage = self.stage_keys[self.parameterAsEnum(parameters, self.STAGE, context)]
        with self.open_library_parameter(parameters, context, self.LIBRARY) as library:
            candidates = parcel_attach.check_features(
                layer,
                parcel_attach.features_of(layer, selected_only=False),
                label_field="parcel_no",
                library=library,
                code=code,
            )
            # the area mismatches were reported above already
            said = {cl.area_warning(layer, f) for f in layer.getFeatures()}
            for cand in candidates:
                for warning in cand.warnings:
                    if warning not in said:
                        feedback.pushWarning(f"{cand.label}: {warning}")
            try:
                ids = parcel_attach.attach(library, code, candidates, stage=stage, source_file=path)
            except LibraryError as exc:
                for cand in candidates:
                    for error in cand.errors:
                        feedback.reportError(f"{cand.label}: {error}")
                raise QgsProcessingException(
                    tr("Nothing was attached to {code}: {error}").format(code=code, error=exc)
                ) from exc
        feedback.pushInfo(tr("Attached {n} parcels to {code}.").format(n=len(ids), code=code))
        return len(ids)
