"""``yimatong:checkparcels`` (地块质量检查): geometry problems of a parcel layer, one row each."""

from __future__ import annotations

from qgis.core import (
    QgsCsException,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsWkbTypes,
)

from ...core import units
from ...core.parcelcheck import check_parcels
from ...gis import shapely_io as io
from ...gis.qgis_compat import FIELD_DOUBLE, FIELD_LONGLONG, FIELD_STRING
from ..base import ComplianceGroup, RepairingAlgorithm

UNITS = ("m2", "ha", "mu")
#: the columns of the problems layer
OUTPUT_FIELDS = (
    ("parcel_id", FIELD_STRING),
    ("fid_in", FIELD_LONGLONG),
    ("problem", FIELD_STRING),
    ("detail", FIELD_STRING),
    ("value", FIELD_DOUBLE),
    ("other_id", FIELD_STRING),
)


class CheckParcelsAlgorithm(ComplianceGroup, RepairingAlgorithm):
    NAME = "checkparcels"
    DISPLAY_NAME = "Check parcel geometries"
    HELP = (
        "Checks the geometry quality of a parcel layer and writes one row per problem: "
        "empty/NULL geometry, invalid geometry (with the reason), repeated consecutive vertices, "
        "slivers (area below SLIVER_M2 or thinness 4πA/P² below THINNESS), parts of a "
        "multipolygon overlapping each other, parcels overlapping each other (only parcels of "
        "the same stage when STAGE_FIELD is given), and a drawn area differing from "
        "DECLARED_AREA_FIELD by more than AREA_TOLERANCE percent. Areas are planar in AREA_CRS "
        "(default: the CGCS2000 3-degree Gauss-Kruger zone of the parcels)."
    )

    def add_parameters(self, tr):
        self.add_polygon_source(self.INPUT, tr("Parcels"), tr("Polygon layer of parcels to check."))
        self.add_field(
            self.PARCEL_ID,
            tr("Parcel id field"),
            tr("Field identifying each parcel in the output; default the feature id."),
            self.INPUT,
        )
        self.add_field(
            self.STAGE_FIELD,
            tr("Stage field"),
            tr("When given, only parcels of the same stage are checked for overlaps."),
            self.INPUT,
        )
        self.add_field(
            self.DECLARED_AREA_FIELD,
            tr("Declared area field"),
            tr("Field with the declared (surveyed) area to compare with the drawn area."),
            self.INPUT,
            numeric=True,
        )
        self.add(
            QgsProcessingParameterEnum(
                self.DECLARED_AREA_UNIT,
                tr("Unit of the declared area"),
                options=[tr("square metres (m²)"), tr("hectares (公顷)"), tr("mu (亩)")],
                defaultValue=0,
            ),
            tr("Unit in which DECLARED_AREA_FIELD is given."),
        )
        for name, label, help_text, default, maximum in (
            (
                self.AREA_TOLERANCE,
                tr("Area tolerance (%)"),
                tr("Largest accepted difference between drawn and declared area, in percent."),
                5.0,
                None,
            ),
            (
                self.SLIVER_M2,
                tr("Sliver area (m²)"),
                tr("Parcels smaller than this are slivers."),
                1.0,
                None,
            ),
            (
                self.THINNESS,
                tr("Thinness threshold (4πA/P²)"),
                tr("Parcels with 4πA/P² below this (1 = circle) are thin slivers."),
                0.05,
                1.0,
            ),
        ):
            self.add_number(name, label, help_text, default, minimum=0.0, maximum=maximum)
        self.add_area_crs(
            tr("CRS for areas"), tr("Projected CRS in which areas are computed (planar).")
        )
        self.add_polygon_output(
            self.OUTPUT, tr("Parcel problems"), tr("One row per problem, with where it is.")
        )

    def process_repairing(self, parameters, context, feedback):
        tr = self.tr
        source = self.polygon_source(parameters, self.INPUT, context, tr("INPUT: the parcel layer"))
        name = source.sourceName()
        tctx = context.transformContext()
        area_crs = self.area_crs(parameters, self.AREA_CRS, context, source, feedback)
        id_field = self.parameterAsString(parameters, self.PARCEL_ID, context)
        stage_field = self.parameterAsString(parameters, self.STAGE_FIELD, context)
        area_field = self.parameterAsString(parameters, self.DECLARED_AREA_FIELD, context)
        unit = UNITS[self.parameterAsEnum(parameters, self.DECLARED_AREA_UNIT, context)]
        attrs = [f for f in (id_field, stage_field, area_field) if f]
        try:
            fids, geoms, values = io.read_geometries(
                source,
                area_crs,
                tctx,
                attributes=attrs,
                feedback=feedback,
                progress_span=(0, 40),
            )
        except QgsCsException as exc:
            raise QgsProcessingException(
                tr("Layer '{layer}' cannot be transformed to {crs}: {error}").format(
                    layer=name, crs=area_crs.authid(), error=exc
                )
            ) from exc
        if feedback.isCanceled():
            return {}
        ids = (
            [io.attribute_text(v) for v in values[id_field]] if id_field else [str(f) for f in fids]
        )
        stages = [io.attribute_text(v) for v in values[stage_field]] if stage_field else None
        declared = None
        if area_field:
            factor = units.AreaUnit.from_key(unit).m2
            declared = []
            for v in values[area_field]:
                text = io.attribute_text(v)
                try:
                    declared.append(float(text) * factor if text else None)
                except ValueError:
                    declared.append(text)
        problems = check_parcels(
            geoms,
            stages=stages,
            declared_m2=declared,
            sliver_m2=self.parameterAsDouble(parameters, self.SLIVER_M2, context),
            thinness=self.parameterAsDouble(parameters, self.THINNESS, context),
            area_tolerance=self.parameterAsDouble(parameters, self.AREA_TOLERANCE, context) / 100.0,
        )
        feedback.setProgress(80)
        writer, dest = self.table_sink(
            parameters, self.OUTPUT, context, OUTPUT_FIELDS, QgsWkbTypes.MultiPolygon, area_crs
        )
        for k, p in enumerate(problems):
            if feedback.isCanceled():
                break
            g = None
            if p.geometry is not None and not p.geometry.is_empty:
                g = io.from_shapely(p.geometry)
                g.convertToMultiType()
            other = ids[p.other] if p.other is not None else None
            writer.add([ids[p.index], int(fids[p.index]), p.kind, p.detail, p.value, other], g)
            feedback.setProgress(80 + 20 * k / max(1, len(problems)))
        feedback.pushInfo(
            tr("Layer '{layer}': {n} problems in {m} parcels").format(
                layer=name, n=len(problems), m=len({p.index for p in problems})
            )
        )
        return {self.OUTPUT: dest}
