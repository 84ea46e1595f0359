"""``yimatong:complianceoverlay`` (合规性审查): parcels against control lines and zoning."""

from __future__ import annotations

import datetime
import os

import shapely
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QCoreApplication

from ...core import crs as gk
from ...core import overlay as engine
from ...core.area_check import AreaCheckError
from ...gis import review_guards as guards
from ...gis import shapely_io as io
from ...gis.reports.compliance_data import NAME_FIELDS
from ...toolbelt.i18n import CONTEXT
from ..base import ComplianceGroup, RepairingAlgorithm
from ..compliance_outputs import memory_copies, set_fields, set_info, write_review_outputs

# moved to compliance_support; still importable from here
from ..compliance_support import AVOID_NAMES as AVOID_NAMES
from ..compliance_support import INSIDE_NAMES as INSIDE_NAMES
from ..compliance_support import OUTPUT_FIELDS as OUTPUT_FIELDS
from ..compliance_support import (
    RULE_NAMES,
    ZONING_LAYER,
    ControlInputs,
    layer_rule,
    parse_rules,
)
from ..compliance_support import RULE_WORDS as RULE_WORDS
from ..compliance_support import TABLE_FIELDS as TABLE_FIELDS
from ..compliance_support import output_fields as output_fields
from ..compliance_support import ratio_field as ratio_field
from ..control_sets import (
    control_set_parameter,
    library_parameter,
    set_map_layers,
)
from ..layer_prep import LayerPrep, unique_names


class ComplianceOverlayAlgorithm(ComplianceGroup, ControlInputs, RepairingAlgorithm):
    NAME = "complianceoverlay"
    DISPLAY_NAME = "Compliance review"
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

    def add_parameters(self, tr):
        self.add_polygon_source(
            self.PARCELS,
            tr("Project parcels"),
            tr("Polygon layer of the project parcels to review."),
        )
        self.add_field(
            self.PARCEL_ID,
            tr("Parcel id field (default: feature id)"),
            tr("Field identifying each parcel in the outputs; default the feature id."),
            self.PARCELS,
        )
        self.add_bool(
            self.UNIQUE_IDS,
            tr("Make duplicate or empty parcel ids unique (append the feature id)"),
            tr(
                "By default a review with duplicate or empty parcel ids is refused (the report "
                "must have one section per parcel); with this option such ids get the feature "
                "id appended, e.g. 'A (feature 7)', and the log lists them."
            ),
        )
        self.add_control_layers(
            tr(
                "Polygon layers of the control lines; each layer's name is the control line's "
                "name in the outputs."
            ),
            tr(
                "Semicolon-separated name=rule pairs (rule: avoid or 避让, inside or 在内) "
                "overriding the rules recognised from the layer names."
            ),
        )
        self.add_zoning(
            tr("Optional planning zoning layer with a 用地用海 code per polygon."),
            tr(
                "Field of the planning zoning layer holding the 用地用海 code (level 1, 2 or 3, or "
                "a 三调 working code)."
            ),
            tr(
                "Which list the zoning codes follow: many codes mean different uses in the "
                "2023 用地用海 list and in the 三调 list (三调 1001 railway land, 2023 1001 "
                "industrial land). Automatic decides from the layer's whole code set and stops "
                "when it cannot tell; the choice is stated in the log and the report."
            ),
        )
        self.add_field(
            self.PROJECT_USE_FIELD,
            tr("Project land-use code field (for the use-compatibility verdict)"),
            tr("Field of the project parcels holding the project's land-use code."),
            self.PARCELS,
        )
        self.add_field(
            self.PROJECT_CODE_FIELD,
            tr("Project code field (28-digit code)"),
            tr(
                "Field of the project parcels holding the project code, copied to the outputs "
                "and the report."
            ),
            self.PARCELS,
        )
        self.add_area_crs(
            tr("CRS for areas (default: CGCS2000 3-degree GK zone of the parcels)"),
            tr("Projected CRS in which areas are computed (planar)."),
        )
        self.add_number(
            self.SLIVER_M2,
            tr("Sliver tolerance (m²): smaller overlaps are not a conflict"),
            tr("Overlaps up to this area are reported but not a conflict."),
            1.0,
            minimum=0.0,
        )
        self.add_polygon_output(
            self.OUTPUT,
            tr("Reviewed parcels"),
            tr("One feature per input parcel with its area, verdict and ratios."),
        )
        self.add_table_output(
            self.OUTPUT_TABLE,
            tr("Overlap table"),
            tr(
                "One row per parcel and control layer or zoning class with an overlap (and for "
                "inside-type lines the area outside)."
            ),
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_PIECES,
                tr("Overlap pieces"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
                createByDefault=False,
            ),
            tr("The overlap geometries, for the map."),
        )
        self.add_file_output(
            self.REPORT,
            tr("Report (HTML; a PDF is written beside it)"),
            tr("HTML report in Chinese; a PDF is written beside it."),
            tr("HTML files (*.html)"),
            optional=True,
        )
        for param, help_text in (control_set_parameter(tr), library_parameter(tr)):
            self.add(param, help_text)

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
        return self.check_control_inputs(parameters, context, zoning)

    # ------------------------------------------------------------------------------ run
    def process_repairing(self, parameters, context, feedback):
        tr = self.tr
        lprep = LayerPrep(tr)
        parcels = self.polygon_source(parameters, self.PARCELS, context, tr("Project parcels"))
        parcels_name = parcels.sourceName()
        lprep.check_coordinates(parcels.sourceCrs(), parcels.sourceExtent(), parcels_name)
        tctx = context.transformContext()
        layers, cset, set_ctls, area_crs = self.open_controls(
            parameters, context, parcels, feedback
        )
        if cset is not None:
            feedback.pushInfo(tr("Areas are planar in {crs}").format(crs=area_crs.authid()))
        sliver = self.parameterAsDouble(parameters, self.SLIVER_M2, context)
        id_field = self.parameterAsString(parameters, self.PARCEL_ID, context)
        use_field = self.parameterAsString(parameters, self.PROJECT_USE_FIELD, context)
        code_field = self.parameterAsString(parameters, self.PROJECT_CODE_FIELD, context)
        attrs = [f for f in (id_field, use_field, code_field) if f]
        # the report names each parcel's project from the layer's name field, if it has one
        name_field = next((f for f in NAME_FIELDS if parcels.fields().lookupField(f) >= 0), "")

        # parcels -------------------------------------------------------------------------
        fids, pgeoms, pvalues = io.read_geometries(
            parcels,
            area_crs,
            tctx,
            attributes=attrs + ([name_field] if name_field not in ("", *attrs) else []),
            feedback=feedback,
            progress_span=(0, 10),
        )
        self._check_canceled(feedback)
        parcel_ids = (
            [io.attribute_text(v) for v in pvalues[id_field]]
            if id_field
            else [str(f) for f in fids.tolist()]
        )
        for field in attrs:  # GBK text read as UTF-8 would give garbled ids and codes
            lprep.check_decoded(pvalues[field], fids, parcels_name, field)
        if id_field:
            parcel_ids = lprep.unique_ids(
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
                cset is None
                and not self.parameterAsCrs(parameters, self.AREA_CRS, context).isValid(),
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
        overrides = parse_rules(self.parameterAsString(parameters, self.CONTROL_RULES, context))
        names = unique_names(layers)
        controls, report_controls, inputs = [], [], [(parcels_name, parcels.featureCount())]
        nlayers = len(layers) + 1
        for k, (layer, name) in enumerate(zip(layers, names)):
            lprep.check_layer(layer, name)
            rule = layer_rule(overrides, name, layer.name(), feedback, tr)
            feedback.pushInfo(
                tr("Control layer '{layer}': rule {rule}").format(
                    layer=name, rule=QCoreApplication.translate(CONTEXT, RULE_NAMES[rule])
                )
            )
            prepared = lprep.prepared(
                layer, area_crs, tctx, rect, feedback, (10 + 30 * k / nlayers, 30 / nlayers)
            )
            controls.append(engine.ControlLayer(name, prepared, rule))
            report_controls.append((name, layer, rule))
            inputs.append((name, layer.featureCount()))
            self._check_canceled(feedback)
        if cset is not None:
            controls = set_ctls
            if self.parameterAsFileOutput(parameters, self.REPORT, context):
                report_controls = set_map_layers(cset, controls, rect, area_crs)
            inputs += [(lyr["name"], lyr["feature_count"]) for lyr in cset["layers"]]

        zoning_layer, zoning_field, zoning, scheme_text = lprep.zoning_parameters(
            self, parameters, context, ZONING_LAYER, area_crs, tctx, rect, feedback, (40, 5)
        )
        if zoning_layer is not None:
            inputs.append((zoning_layer.name(), zoning_layer.featureCount()))

        # overlay ---------------------------------------------------------------------------
        want_pieces = (
            self.OUTPUT_PIECES in parameters and parameters[self.OUTPUT_PIECES] is not None
        )
        result = self.run_engine(
            feedback,
            (45, 40),
            engine.compliance_overlay,
            pgeoms,
            controls,
            zoning=zoning,
            sliver_m2=sliver,
            project_uses=uses,
            want_pieces=want_pieces,
        )
        if result is None:
            return {}
        for res in result.parcels:
            if res.repaired:
                feedback.pushWarning(
                    tr("Layer '{layer}', feature {fid}: invalid geometry repaired").format(
                        layer=parcels_name, fid=int(fids[res.index])
                    )
                )
        lprep.report_repairs(
            [(c.name, c.prepared()) for c in controls]
            + ([(zoning_layer.name(), zoning.prepared())] if zoning is not None else []),
            feedback,
        )

        # outputs ---------------------------------------------------------------------------
        outputs, out_feats, table_feats, out_fields, table_fields = write_review_outputs(
            self, parameters, context, feedback, result, controls, pgeoms, missing,
            (parcel_ids, codes), area_crs, want_pieces, set_fields(cset),
        )  # fmt: skip
        n = len(result.parcels)
        counts = {}
        for res in result.parcels:
            counts[res.verdict] = counts.get(res.verdict, 0) + 1
        feedback.pushInfo(
            tr("{n} parcels reviewed: {counts}").format(
                n=n, counts=", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            )
        )

        if self.parameterAsFileOutput(parameters, self.REPORT, context):
            html_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
            mem_out, mem_table = memory_copies(
                area_crs, out_fields, table_fields, out_feats, table_feats
            )
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
                "control_set": set_info(cset),
                "project_names": (
                    dict(zip(parcel_ids, map(io.attribute_text, pvalues[name_field])))
                    if name_field
                    else {}
                ),
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
        lprep.save(
            [c.prepared() for c in controls] + ([zoning.prepared()] if zoning else []), feedback
        )
        feedback.setProgress(100)
        return outputs

    # ------------------------------------------------------------------------------ helpers
    def _check_canceled(self, feedback):
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Canceled"))
