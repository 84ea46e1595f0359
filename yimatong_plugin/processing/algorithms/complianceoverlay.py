"""``yimatong:complianceoverlay`` (合规性审查): parcels against control lines and zoning."""

from __future__ import annotations

import datetime
import os

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCsException,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from ...core import crs as gk
from ...core import overlay as engine
from ...core import overlay_cache as cache_file
from ...core.area_check import AreaCheckError
from ...gis import review_guards as guards
from ...gis import shapely_io as io
from ...gis.gdal_errors import close_table_sink
from ...toolbelt.i18n import CONTEXT
from ...toolbelt.log import log
from ..base import RepairingAlgorithm

# moved to compliance_support; still importable from here
from ..compliance_support import AVOID_NAMES as AVOID_NAMES
from ..compliance_support import INSIDE_NAMES as INSIDE_NAMES
from ..compliance_support import OUTPUT_FIELDS as OUTPUT_FIELDS
from ..compliance_support import (
    RULE_NAMES,
    TABLE_FIELDS,
    ZONING_CLASSIFICATION,
    ZONING_LAYER,
    default_rule,
    output_fields,
    parse_rules,
    zoning_scheme_of,
    zoning_scheme_parameter,
)
from ..compliance_support import RULE_WORDS as RULE_WORDS
from ..compliance_support import ratio_field as ratio_field


class ComplianceOverlayAlgorithm(RepairingAlgorithm):
    NAME = "complianceoverlay"
    DISPLAY_NAME = "Compliance review"
    GROUP_ID = "compliance"
    GROUP_NAME = "Compliance review"
    ICON = "compliance.svg"
    HELP = (
        "Overlays project parcels on control lines (ecological red line, permanent basic "
        "farmland, urban development boundary, …) and on the planning zoning, and gives each "
        "parcel a verdict (合规 compliant / 冲突 conflict / 需论证 needs an argument) with "
        "the rule that produced it.\n\n"
        "Areas are planar in the CRS for areas (default: the CGCS2000 3-degree Gauss-Kruger "
        "zone, EPSG:4534-4554, whose central meridian is nearest the parcels). Every parcel's "
        "planar area is checked against its ellipsoidal area: a difference beyond 0.5 %, parcels "
        "not where their own CRS puts them, or an automatic zone that does not contain them stop "
        "the review. Parcel ids must be unique (or made unique by the option that appends the "
        "feature id). For every parcel "
        "and control layer the overlap is the area of the repaired parcel intersected with the "
        "union of the layer's polygons: overlapping polygons are not counted twice and invalid "
        "geometries on either side are repaired and reported.\n\n"
        "Control rules: a layer is 'avoid' (the overlap is the conflict: 红线, 生态保护, 基本农田) "
        "or 'inside' (the area outside is the conflict: 城镇开发边界, 开发边界, UDB), recognised "
        "from the layer name; unknown names default to 'avoid' with a warning. Override them in "
        "the control rules field, e.g. '城镇开发边界=inside;洪涝风险控制线=avoid' (avoid or "
        "避让, inside or 在内).\n\n"
        "With a planning zoning layer, its land-use code field and the project land-use code "
        "field, the planned use classes (用地用海 codes or 三调 working codes, as the zoning "
        "classification says) are compared with the project's use: same level-1 "
        "class compliant; 16 留白 and 23 其他土地 need an argument; construction on farmland, "
        "forest, grassland, wetland or water is a conflict (roads and utilities need an "
        "argument); other construction classes conflict except the usual mixes (居住/公共/商业, "
        "工矿/仓储) which need an argument.\n\n"
        "Overlaps at or below the sliver tolerance are reported but are not a conflict. Control "
        "layers read "
        "from files are cached for the QGIS session and on disk (folder yimatong_cache in the "
        "QGIS profile; keyed by every file of the layer and its content, the area CRS, the "
        "transform, the code field and the encoding), so later reviews "
        "against the same layers, also in a new session or a qgis_process run, are faster."
    )

    PARCELS = "PARCELS"
    PARCEL_ID = "PARCEL_ID"
    CONTROL_LAYERS = "CONTROL_LAYERS"
    CONTROL_RULES = "CONTROL_RULES"
    ZONING = "ZONING"
    ZONING_FIELD = "ZONING_FIELD"
    ZONING_CLASSIFICATION = ZONING_CLASSIFICATION
    PROJECT_USE_FIELD = "PROJECT_USE_FIELD"
    PROJECT_CODE_FIELD = "PROJECT_CODE_FIELD"
    AREA_CRS = "AREA_CRS"
    UNIQUE_IDS = "UNIQUE_IDS"
    SLIVER_M2 = "SLIVER_M2"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    OUTPUT_PIECES = "OUTPUT_PIECES"
    REPORT = "REPORT"

    def initAlgorithm(self, config=None):
        polygon = [QgsProcessing.TypeVectorPolygon]
        params = [
            QgsProcessingParameterFeatureSource(self.PARCELS, self.tr("Project parcels"), polygon),
            QgsProcessingParameterField(
                self.PARCEL_ID,
                self.tr("Parcel id field (default: feature id)"),
                parentLayerParameterName=self.PARCELS,
                optional=True,
            ),
            QgsProcessingParameterBoolean(
                self.UNIQUE_IDS,
                self.tr("Make duplicate or empty parcel ids unique (append the feature id)"),
                defaultValue=False,
            ),
            QgsProcessingParameterMultipleLayers(
                self.CONTROL_LAYERS,
                self.tr(
                    "Control lines (one polygon layer each; the layer name is the line's name)"
                ),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
            ),
            QgsProcessingParameterString(
                self.CONTROL_RULES,
                self.tr("Control rules override, e.g. 城镇开发边界=inside;洪涝风险控制线=avoid"),
                optional=True,
            ),
            QgsProcessingParameterVectorLayer(
                self.ZONING, self.tr("Planning zoning (用地用海)"), polygon, optional=True
            ),
            QgsProcessingParameterField(
                self.ZONING_FIELD,
                self.tr("Zoning land-use code field"),
                parentLayerParameterName=self.ZONING,
                optional=True,
            ),
            zoning_scheme_parameter(self.tr),
            QgsProcessingParameterField(
                self.PROJECT_USE_FIELD,
                self.tr("Project land-use code field (for the use-compatibility verdict)"),
                parentLayerParameterName=self.PARCELS,
                optional=True,
            ),
            QgsProcessingParameterField(
                self.PROJECT_CODE_FIELD,
                self.tr("Project code field (28-digit code)"),
                parentLayerParameterName=self.PARCELS,
                optional=True,
            ),
            QgsProcessingParameterCrs(
                self.AREA_CRS,
                self.tr("CRS for areas (default: CGCS2000 3-degree GK zone of the parcels)"),
                optional=True,
            ),
            QgsProcessingParameterNumber(
                self.SLIVER_M2,
                self.tr("Sliver tolerance (m²): smaller overlaps are not a conflict"),
                QgsProcessingParameterNumber.Double,
                defaultValue=1.0,
                minValue=0.0,
            ),
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Reviewed parcels"), QgsProcessing.TypeVectorPolygon
            ),
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_TABLE, self.tr("Overlap table"), QgsProcessing.TypeVector
            ),
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_PIECES,
                self.tr("Overlap pieces"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
                createByDefault=False,
            ),
            QgsProcessingParameterFileDestination(
                self.REPORT,
                self.tr("Report (HTML; a PDF is written beside it)"),
                self.tr("HTML files (*.html)"),
                optional=True,
                createByDefault=False,
            ),
        ]
        helps = {
            self.PARCELS: self.tr("Polygon layer of the project parcels to review."),
            self.PARCEL_ID: self.tr(
                "Field identifying each parcel in the outputs; default the feature id."
            ),
            self.UNIQUE_IDS: self.tr(
                "By default a review with duplicate or empty parcel ids is refused (the report "
                "must have one section per parcel); with this option such ids get the feature "
                "id appended, e.g. 'A (feature 7)', and the log lists them."
            ),
            self.CONTROL_LAYERS: self.tr(
                "Polygon layers of the control lines; each layer's name is the control line's "
                "name in the outputs."
            ),
            self.CONTROL_RULES: self.tr(
                "Semicolon-separated name=rule pairs (rule: avoid or 避让, inside or 在内) "
                "overriding the rules recognised from the layer names."
            ),
            self.ZONING: self.tr(
                "Optional planning zoning layer with a 用地用海 code per polygon."
            ),
            self.ZONING_FIELD: self.tr(
                "Field of the planning zoning layer holding the 用地用海 code (level 1, 2 or 3, or "
                "a 三调 working code)."
            ),
            self.ZONING_CLASSIFICATION: self.tr(
                "Which list the zoning codes follow: many codes mean different uses in the "
                "2023 用地用海 list and in the 三调 list (三调 1001 railway land, 2023 1001 "
                "industrial land). Automatic decides from the layer's whole code set and stops "
                "when it cannot tell; the choice is stated in the log and the report."
            ),
            self.PROJECT_USE_FIELD: self.tr(
                "Field of the project parcels holding the project's land-use code."
            ),
            self.PROJECT_CODE_FIELD: self.tr(
                "Field of the project parcels holding the project code, copied to the outputs "
                "and the report."
            ),
            self.AREA_CRS: self.tr("Projected CRS in which areas are computed (planar)."),
            self.SLIVER_M2: self.tr("Overlaps up to this area are reported but not a conflict."),
            self.OUTPUT: self.tr("One feature per input parcel with its area, verdict and ratios."),
            self.OUTPUT_TABLE: self.tr(
                "One row per parcel and control layer or zoning class with an overlap (and for "
                "inside-type lines the area outside)."
            ),
            self.OUTPUT_PIECES: self.tr("The overlap geometries, for the map."),
            self.REPORT: self.tr("HTML report in Chinese; a PDF is written beside it."),
        }
        for param in params:
            param.setHelp(helps[param.name()])
            self.addParameter(param)

    # ------------------------------------------------------------------------------ validation
    def checkParameterValues(self, parameters, context):
        ok, msg = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, msg
        try:
            parse_rules(self.parameterAsString(parameters, self.CONTROL_RULES, context))
        except ValueError as exc:
            return False, self.tr(
                "Control rules: cannot read '{item}' (write name=avoid or name=inside, separated "
                "by ;)"
            ).format(item=exc)
        zoning = self.parameterAsVectorLayer(parameters, self.ZONING, context)
        zfield = self.parameterAsString(parameters, self.ZONING_FIELD, context)
        if zoning is not None and not zfield:
            return False, self.tr(
                "Zoning land-use code field: choose the field of the zoning layer with the codes"
            )
        layers = self.parameterAsLayerList(parameters, self.CONTROL_LAYERS, context)
        if not layers and zoning is None:
            return False, self.tr("Give at least one control layer or a zoning layer")
        return True, ""

    # ------------------------------------------------------------------------------ run
    def process_repairing(self, parameters, context, feedback):
        tr = self.tr
        parcels = self.polygon_source(parameters, self.PARCELS, context, tr("Project parcels"))
        parcels_name = parcels.sourceName()
        self._check_coordinates(parcels.sourceCrs(), parcels.sourceExtent(), parcels_name)
        tctx = context.transformContext()
        area_crs = self.area_crs(parameters, self.AREA_CRS, context, parcels, feedback)
        sliver = self.parameterAsDouble(parameters, self.SLIVER_M2, context)
        id_field = self.parameterAsString(parameters, self.PARCEL_ID, context)
        use_field = self.parameterAsString(parameters, self.PROJECT_USE_FIELD, context)
        code_field = self.parameterAsString(parameters, self.PROJECT_CODE_FIELD, context)
        attrs = [f for f in (id_field, use_field, code_field) if f]

        # parcels -------------------------------------------------------------------------
        fids, pgeoms, pvalues = io.read_geometries(
            parcels, area_crs, tctx, attributes=attrs, feedback=feedback, progress_span=(0, 10)
        )
        self._check_canceled(feedback)
        parcel_ids = (
            [io.attribute_text(v) for v in pvalues[id_field]]
            if id_field
            else [str(f) for f in fids.tolist()]
        )
        for field in attrs:  # GBK text read as UTF-8 would give garbled ids and codes
            self._check_decoded(pvalues[field], fids, parcels_name, field)
        if id_field:
            parcel_ids = self._unique_ids(
                parcel_ids,
                fids,
                parcels_name,
                id_field,
                self.parameterAsBoolean(parameters, self.UNIQUE_IDS, context),
                feedback,
            )
        uses = [io.attribute_text(v) or None for v in pvalues[use_field]] if use_field else None
        codes = (
            [io.attribute_text(v) for v in pvalues[code_field]] if code_field else [""] * len(fids)
        )
        missing = shapely.is_missing(pgeoms)
        missing[~missing] = shapely.is_empty(pgeoms[~missing])
        for fid in fids[missing].tolist():
            feedback.pushWarning(
                tr("Layer '{layer}', feature {fid}: empty or NULL geometry").format(
                    layer=parcels_name, fid=fid
                )
            )
        try:  # never silently wrong: the area CRS and the transform, checked by pyproj
            worst = guards.check_parcel_areas(
                parcels,
                fids,
                pgeoms,
                parcel_ids,
                area_crs,
                not self.parameterAsCrs(parameters, self.AREA_CRS, context).isValid(),
                tctx,
            )
        except AreaCheckError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(
            tr(
                "Planar areas checked against ellipsoidal areas: largest difference {pct:.3f} %"
            ).format(pct=100.0 * worst)
        )
        live = pgeoms[~missing]
        rect = None
        if len(live):
            xmin, ymin, xmax, ymax = shapely.total_bounds(live)
            rect = QgsRectangle(xmin, ymin, xmax, ymax)

        # control layers ------------------------------------------------------------------
        layers = self.parameterAsLayerList(parameters, self.CONTROL_LAYERS, context)
        overrides = parse_rules(self.parameterAsString(parameters, self.CONTROL_RULES, context))
        names = _unique_names(layers)
        controls, report_controls, inputs = [], [], [(parcels_name, parcels.featureCount())]
        nlayers = len(layers) + 1
        for k, (layer, name) in enumerate(zip(layers, names)):
            self._check_layer(layer, name)
            rule = overrides.get(name) or overrides.get(layer.name()) or default_rule(name)
            if rule is None:
                feedback.pushWarning(
                    tr(
                        "Control layer '{layer}': rule not recognised from its name, using "
                        "'avoid' (set the control rules override to change)"
                    ).format(layer=name)
                )
                rule = engine.AVOID
            feedback.pushInfo(
                tr("Control layer '{layer}': rule {rule}").format(
                    layer=name, rule=QCoreApplication.translate(CONTEXT, RULE_NAMES[rule])
                )
            )
            prepared = self._prepared(
                layer, area_crs, tctx, rect, feedback, (10 + 30 * k / nlayers, 30 / nlayers)
            )
            controls.append(engine.ControlLayer(name, prepared, rule))
            report_controls.append((name, layer, rule))
            inputs.append((name, layer.featureCount()))
            self._check_canceled(feedback)

        zoning_layer = self.parameterAsVectorLayer(parameters, self.ZONING, context)
        zoning_field = self.parameterAsString(parameters, self.ZONING_FIELD, context)
        zoning = None
        if zoning_layer is not None:
            choice = self.parameterAsEnum(parameters, self.ZONING_CLASSIFICATION, context)
            zoning, scheme_text = self._prepared_zoning(
                zoning_layer,
                zoning_field,
                choice,
                ZONING_LAYER,
                area_crs,
                tctx,
                rect,
                feedback,
                (40, 5),
            )
            inputs.append((zoning_layer.name(), zoning_layer.featureCount()))

        # overlay ---------------------------------------------------------------------------
        want_pieces = (
            self.OUTPUT_PIECES in parameters and parameters[self.OUTPUT_PIECES] is not None
        )
        try:
            result = engine.compliance_overlay(
                pgeoms,
                controls,
                zoning=zoning,
                sliver_m2=sliver,
                project_uses=uses,
                want_pieces=want_pieces,
                progress=lambda f: feedback.setProgress(45 + 40 * f),
                is_canceled=feedback.isCanceled,
            )
        except engine.OverlayCanceledError:
            return {}
        for res in result.parcels:
            if res.repaired:
                feedback.pushWarning(
                    tr("Layer '{layer}', feature {fid}: invalid geometry repaired").format(
                        layer=parcels_name, fid=int(fids[res.index])
                    )
                )
        for ctl in controls + ([zoning] if zoning is not None else []):
            prep = ctl.prepared()
            shown = ctl.name if ctl is not zoning else zoning_layer.name()
            for label, ids in (
                (tr("invalid polygons repaired"), prep.repaired_ids),
                (tr("polygons without area skipped"), prep.unusable_ids),
            ):
                if len(ids):
                    lfids = prep.meta["fids"][ids][:20].tolist()
                    feedback.pushWarning(
                        tr("Layer '{layer}': {n} {what} (feature ids {fids})").format(
                            layer=shown, n=len(ids), what=label, fids=", ".join(map(str, lfids))
                        )
                    )

        # outputs ---------------------------------------------------------------------------
        out_fields = output_fields([c.name for c in controls])
        table_fields = QgsFields()
        for fname, ftype in TABLE_FIELDS:
            table_fields.append(QgsField(fname, ftype))
        poly_type = QgsWkbTypes.MultiPolygon
        sink, out_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, out_fields, poly_type, area_crs
        )
        tsink, table_id = self.parameterAsSink(
            parameters,
            self.OUTPUT_TABLE,
            context,
            table_fields,
            QgsWkbTypes.NoGeometry,
            QgsCoordinateReferenceSystem(),
        )
        if sink is None or tsink is None:
            raise QgsProcessingException(tr("Could not create the output layers"))
        psink, pieces_id = (None, None)
        if want_pieces:
            piece_fields = QgsFields(table_fields)
            psink, pieces_id = self.parameterAsSink(
                parameters, self.OUTPUT_PIECES, context, piece_fields, poly_type, area_crs
            )
        want_report = bool(self.parameterAsFileOutput(parameters, self.REPORT, context))
        mem_out = mem_table = None
        if want_report:
            mem_out = QgsVectorLayer(f"MultiPolygon?crs={area_crs.authid()}", "parcels", "memory")
            mem_out.dataProvider().addAttributes(out_fields.toList())
            mem_out.updateFields()
            mem_table = QgsVectorLayer("None", "table", "memory")
            mem_table.dataProvider().addAttributes(table_fields.toList())
            mem_table.updateFields()
        out_feats, table_feats, piece_feats = [], [], []
        n = len(result.parcels)
        out_wkb = np.full(len(pgeoms), None, dtype=object)  # one vectorised WKB conversion
        if (~missing).any():
            out_wkb[~missing] = shapely.to_wkb(pgeoms[~missing], output_dimension=2)
        for i, res in enumerate(result.parcels):
            if i % 500 == 0:
                self._check_canceled(feedback)
                feedback.setProgress(85 + 10 * i / max(1, n))
            feat = QgsFeature(out_fields)
            if out_wkb[i] is not None:
                qg = QgsGeometry()
                qg.fromWkb(out_wkb[i])
                qg.convertToMultiType()
                feat.setGeometry(qg)
            ratios = [res.ratio(c.name) for c in controls]
            feat.setAttributes(
                [
                    parcel_ids[i],
                    res.area_m2,
                    int(res.repaired),
                    res.verdict,
                    res.verdict_rule,
                    codes[i],
                ]
                + ratios
            )
            out_feats.append(feat)
            for ov in res.overlaps:
                row = QgsFeature(table_fields)
                row.setAttributes(
                    [
                        parcel_ids[i],
                        ov.layer,
                        ov.class_code,
                        ov.overlap_m2,
                        ov.ratio,
                        ov.outside_m2,
                        ov.role,
                    ]
                )
                table_feats.append(row)
                if psink is not None and ov.geometry is not None and not ov.geometry.is_empty:
                    piece = QgsFeature(table_fields)
                    piece.setAttributes(row.attributes())
                    pg = io.from_shapely(ov.geometry)
                    pg.convertToMultiType()
                    piece.setGeometry(pg)
                    piece_feats.append(piece)
        sink.addFeatures(out_feats, QgsFeatureSink.FastInsert)
        tsink.addFeatures(table_feats, QgsFeatureSink.FastInsert)
        close_table_sink(tsink)  # written now, without GDAL's "No geometry column" on GPKG
        tsink = None
        if psink is not None:
            psink.addFeatures(piece_feats, QgsFeatureSink.FastInsert)
        outputs = {self.OUTPUT: out_id, self.OUTPUT_TABLE: table_id}
        if pieces_id:
            outputs[self.OUTPUT_PIECES] = pieces_id
        counts = {}
        for res in result.parcels:
            counts[res.verdict] = counts.get(res.verdict, 0) + 1
        feedback.pushInfo(
            tr("{n} parcels reviewed: {counts}").format(
                n=n, counts=", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            )
        )

        if want_report:
            html_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
            mem_out.dataProvider().addFeatures(out_feats)
            mem_table.dataProvider().addFeatures(table_feats)
            info = {
                "area_crs": area_crs.authid(),
                "area_crs_name": gk.crs_display_name(area_crs.authid(), area_crs.description()),
                "method": tr(
                    "planar areas in {crs}; overlap = area(make_valid(parcel) ∩ union of the "
                    "layer's polygons); sliver tolerance {sliver} m²"
                ).format(crs=area_crs.authid(), sliver=sliver),
                "inputs": inputs,
                "date": datetime.datetime.now().isoformat(timespec="seconds"),
                "sliver_m2": sliver,
                "zoning_layer": zoning_layer,
                "zoning_field": zoning_field or None,
                "zoning_scheme": scheme_text if zoning is not None else None,
            }
            pdf_path = os.path.splitext(html_path)[0] + ".pdf"
            try:
                from ...gis.compliance_report import write_report
            except ImportError:
                feedback.reportError(
                    tr("The report module is not available: no report was written"), False
                )
            else:
                write_report(
                    mem_out,
                    mem_table,
                    report_controls,
                    info,
                    html_path,
                    pdf_path,
                    feedback=feedback,
                )
                outputs[self.REPORT] = html_path
        self._to_disk(
            [c.prepared() for c in controls] + ([zoning.prepared()] if zoning else []), feedback
        )
        feedback.setProgress(100)
        return outputs

    # ------------------------------------------------------------------------------ helpers
    def _prepared_zoning(self, layer, field, choice, name, area_crs, tctx, rect, feedback, span):
        """(engine.ZoningLayer, text of its classification for the log and the report) of the
        zoning ``layer`` with codes in ``field``, read as ``choice`` (ZONING_CLASSIFICATION);
        shared by the compliance review and site selection."""
        self._check_layer(layer, layer.name())
        if layer.fields().lookupField(field) < 0:
            raise QgsProcessingException(
                self.tr("Layer '{layer}' has no field '{field}'").format(
                    layer=layer.name(), field=field
                )
            )
        prepared = self._prepared(layer, area_crs, tctx, rect, feedback, span, code_field=field)
        scheme, text = zoning_scheme_of(choice, layer, field, feedback, self.tr)
        return engine.ZoningLayer(prepared, name=name, scheme=scheme), text

    def _check_decoded(self, values, fids, layer_name, field):
        bad = guards.undecodable(values)
        if bad:
            raise QgsProcessingException(
                self.tr(
                    "Layer '{layer}', field '{field}': {n} values hold characters that could not "
                    "be decoded (feature {fid}: '{value}'): the layer's text encoding is wrong, "
                    "typically a Shapefile with GBK text and no .cpg file. Set the encoding in "
                    "the layer's Properties ▸ Source ▸ Data source encoding (GBK), or put a .cpg "
                    "file containing GBK beside the .shp, and run again"
                ).format(
                    layer=layer_name,
                    field=field,
                    n=len(bad),
                    fid=int(fids[bad[0]]),
                    value=values[bad[0]],
                )
            )

    def _unique_ids(self, ids, fids, layer_name, field, make_unique, feedback):
        """The parcel ids, each once: duplicates and empties refused with the list of
        features, or with UNIQUE_IDS made unique visibly (the feature id appended)."""
        tr = self.tr
        dups, empty = guards.duplicate_or_empty(ids)
        if not dups and not empty:
            return ids
        listed = [
            tr("'{id}' (features {fids})").format(
                id=value, fids=", ".join(str(int(fids[i])) for i in pos)
            )
            for value, pos in list(dups.items())[:10]
        ]
        if empty:
            listed.append(
                tr("empty (features {fids})").format(
                    fids=", ".join(str(int(fids[i])) for i in empty[:20])
                )
            )
        if not make_unique:
            raise QgsProcessingException(
                tr(
                    "Layer '{layer}', field '{field}': each parcel needs its own id, but "
                    "{what}; correct the ids, or set UNIQUE_IDS to make them unique with the "
                    "feature id"
                ).format(layer=layer_name, field=field, what="; ".join(listed))
            )
        out = list(ids)
        for i in [i for pos in dups.values() for i in pos] + empty:
            out[i] = tr("{id} (feature {fid})").format(id=ids[i], fid=int(fids[i])).strip()
        feedback.pushWarning(
            tr(
                "Layer '{layer}', field '{field}': ids made unique with the feature id: {what}"
            ).format(layer=layer_name, field=field, what="; ".join(listed))
        )
        return out

    def _check_canceled(self, feedback):
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Canceled"))

    def _check_layer(self, layer, name):
        tr = self.tr
        if not isinstance(layer, QgsVectorLayer) or not io.is_polygon_layer(layer):
            raise QgsProcessingException(
                tr("Layer '{layer}' is not a polygon layer").format(layer=name)
            )
        if not layer.crs().isValid():
            raise QgsProcessingException(
                tr("Layer '{layer}' has no CRS: set its CRS and run again").format(layer=name)
            )
        if layer.featureCount() == 0:
            raise QgsProcessingException(tr("Layer '{layer}' has no features").format(layer=name))
        self._check_coordinates(layer.crs(), layer.extent(), name)

    def _check_coordinates(self, crs, ext, name):
        """Refuse layers whose coordinates cannot be in their CRS (a wrongly set CRS): metres in
        a degrees CRS, or Gauss-Kruger eastings with/without the zone prefix the CRS expects."""
        zone = None
        if crs.authid().upper().startswith("EPSG:"):
            try:
                zone = gk.gk_zone_from_epsg(int(crs.authid().split(":")[1]))
            except ValueError:
                zone = None
        if zone is not None and not ext.isEmpty():
            prefixed = gk.looks_prefixed_gk(ext.xMinimum(), ext.xMaximum())
            if prefixed != zone.prefixed:
                fitting = (
                    gk.zone_crs(gk.zone_from_prefixed_easting(ext.xMinimum()), prefixed=True)
                    if prefixed
                    else gk.zone_crs(zone.zone, prefixed=False)
                )
                raise QgsProcessingException(
                    self.tr(
                        "Layer '{layer}' has the CRS {crs} but its eastings {how}: it is probably "
                        "in {fitting}; set its real CRS and run again"
                    ).format(
                        layer=name,
                        crs=crs.authid(),
                        how=self.tr("carry a zone prefix")
                        if prefixed
                        else self.tr("have no zone prefix"),
                        fitting=fitting.authid,
                    )
                )
        if crs.isGeographic() and not ext.isEmpty():
            if not gk.looks_geographic(
                ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()
            ):
                raise QgsProcessingException(
                    self.tr(
                        "Layer '{layer}' has the geographic CRS {crs} but its coordinates are not "
                        "degrees: set its real CRS and run again"
                    ).format(layer=name, crs=crs.authid())
                )

    def _from_disk(self, layer, key, area_crs, feedback):
        """The layer's prepared copy from the disk cache, or None (missing, stale, unusable)."""
        directory = io.disk_cache_dir()
        if directory is None:
            return None
        path, _stale = io.disk_cache_files(key, directory)
        if not path.exists():
            return None
        try:
            prepared = cache_file.load(
                str(path), repr(key), lambda fids: io.gpkg_loader(layer, area_crs, fids)
            )
        except cache_file.CacheError as exc:
            message = self.tr(
                "Layer '{layer}': the disk cache file {path} cannot be used ({error}); "
                "preparing the layer again"
            ).format(layer=layer.name(), path=str(path), error=str(exc))
            feedback.pushWarning(message)
            log(message, "warning")
            try:
                path.unlink()
            except OSError:
                pass
            return None
        bounds = prepared.meta.get("rect_bounds")
        prepared.meta["rect"] = QgsRectangle(*bounds) if bounds is not None else None
        prepared.meta["disk_key"] = key
        return prepared

    def _to_disk(self, prepared_layers, feedback):
        """Write the prepared layers that learned something in this review to the disk cache."""
        directory = io.disk_cache_dir()
        if directory is None:
            return
        for prepared in prepared_layers:
            key = prepared.meta.get("disk_key")
            if key is None:
                continue
            sig = cache_file.signature(prepared)
            if prepared.meta.get("saved") == sig:
                continue
            path, stale = io.disk_cache_files(key, directory)
            try:
                cache_file.save(prepared, str(path), repr(key), [str(p) for p in stale])
            except (OSError, ValueError) as exc:
                message = self.tr("Could not write the disk cache file {path}: {error}").format(
                    path=str(path), error=str(exc)
                )
                feedback.pushWarning(message)
                log(message, "warning")
                continue
            prepared.meta["saved"] = sig
        cache_file.prune(str(directory))

    def _prepared(self, layer, area_crs, tctx, rect, feedback, span, code_field=None):
        """The layer as a PreparedLayer in ``area_crs``, from the session cache when current."""
        try:
            return self._prepared_layer(layer, area_crs, tctx, rect, feedback, span, code_field)
        except QgsCsException as exc:
            raise QgsProcessingException(
                self.tr("Layer '{layer}' cannot be transformed to {crs}: {error}").format(
                    layer=layer.name(), crs=area_crs.authid(), error=exc
                )
            ) from exc

    def _prepared_layer(self, layer, area_crs, tctx, rect, feedback, span, code_field):
        made_with = guards.transform_signature(layer.crs(), area_crs, tctx)
        encoding = layer.dataProvider().encoding() if code_field else ""
        key = io.layer_cache_key(layer, area_crs, extra=(code_field or "", encoding) + made_with)
        if key is not None:
            cached = engine.CACHE.get(key)
            if cached is not None and cached.meta.get("transform") != made_with:
                cached = None  # a copy made under another transform is never paired
            if cached is not None and _covers(cached, rect):
                feedback.pushInfo(
                    self.tr("Layer '{layer}': reusing the prepared copy from this session").format(
                        layer=layer.name()
                    )
                )
                return cached
            cached = self._from_disk(layer, key, area_crs, feedback)
            if cached is not None and _covers(cached, rect):
                feedback.pushInfo(
                    self.tr(
                        "Layer '{layer}': reusing the prepared copy from the disk cache"
                    ).format(layer=layer.name())
                )
                cached.meta["transform"] = made_with  # the key holds it: read back as made
                engine.CACHE.put(key, cached)
                return cached
        if not code_field:
            lazy = io.gpkg_lazy_source(layer, area_crs)
            if lazy is not None:  # only the R-tree now; geometries when a parcel needs them
                fids, boxes, loader = lazy
                prepared = engine.PreparedLayer(
                    None,
                    boxes=boxes,
                    loader=loader,
                    meta={
                        "fids": fids,
                        "rect": None,
                        "rect_bounds": None,
                        "disk_key": key,
                        "transform": made_with,
                    },
                )
                nulls = layer.featureCount() - len(fids)
                if nulls > 0:
                    feedback.pushWarning(
                        self.tr("Layer '{layer}': {n} features without geometry skipped").format(
                            layer=layer.name(), n=nulls
                        )
                    )
                if key is not None:
                    engine.CACHE.put(key, prepared)
                return prepared
        # read a little more than the parcels' extent so nearby later reviews hit the cache
        read_rect = None
        if rect is not None:
            full = io.source_extent(layer, area_crs, tctx)
            grown = QgsRectangle(rect)
            grown.grow(max(rect.width(), rect.height(), 1000.0) * 0.5)
            if not grown.contains(full):
                read_rect = grown
        attrs = [code_field] if code_field else []
        fids, geoms, values = io.read_geometries(
            layer,
            area_crs,
            tctx,
            rect=read_rect,
            attributes=attrs,
            feedback=feedback,
            progress_span=span,
        )
        codes = values[code_field] if code_field else None
        if codes is not None:
            self._check_decoded(codes, fids, layer.name(), code_field)
        bounds = None
        if read_rect is not None:
            bounds = (
                read_rect.xMinimum(),
                read_rect.yMinimum(),
                read_rect.xMaximum(),
                read_rect.yMaximum(),
            )
        meta = {
            "fids": fids,
            "rect": read_rect,
            "rect_bounds": bounds,
            "disk_key": key,
            "transform": made_with,
        }
        prepared = engine.PreparedLayer(geoms, codes=codes, meta=meta)
        if key is not None and not feedback.isCanceled():
            engine.CACHE.put(key, prepared)
        return prepared


def _covers(prepared, rect) -> bool:
    """True when ``prepared`` was read for an extent holding ``rect`` (or for everything)."""
    covered = prepared.meta.get("rect")
    return covered is None or (rect is not None and covered.contains(rect))


def _unique_names(layers) -> list[str]:
    names, seen = [], {}
    for layer in layers:
        name = layer.name()
        if name in seen:
            inner = io.layer_name_in_source(layer)
            if inner and inner not in seen:
                name = inner
        base, k = name, 2
        while name in seen:
            name = f"{base}_{k}"
            k += 1
        seen[name] = True
        names.append(name)
    return names
