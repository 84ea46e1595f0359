"""``yimatong:siteselection`` (辅助选址): where may a project of this use and size go?"""

from __future__ import annotations

import datetime

import shapely
from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsRectangle,
    QgsWkbTypes,
)

from ...core import overlay as engine
from ...core import siting
from ...core.landuse_compat import normalise_land_use
from ...gis import shapely_io as io
from ..base import ComplianceGroup, RepairingAlgorithm
from ..compliance_outputs import set_info
from ..compliance_support import ControlInputs, layer_rule, parse_rules
from ..control_sets import control_set_parameter
from ..layer_prep import LayerPrep
from ..siting_support import candidate_features, candidate_fields, parse_criteria, search_source


class SiteSelectionAlgorithm(ComplianceGroup, ControlInputs, RepairingAlgorithm):
    NAME = "siteselection"
    DISPLAY_NAME = "Site selection"
    HELP = (
        "Finds candidate sites for a project of a given land use and size: the land of the "
        "search area that complies with every control line and the zoning, in pieces of at "
        "least MIN_AREA_M2 and no narrower than MIN_WIDTH_M, ranked by the criteria.\n\n"
        "Allowed land = search area − avoid lines ∩ inside lines ∩ zoning whose use is "
        "compatible (合规) with LAND_USE by the compliance review's table − EXCLUDE. The rules "
        "are those of the compliance review (recognised from the layer names, CONTROL_RULES "
        "overrides). Zoning that needs an argument (留白, 其他土地, unknown codes) is not "
        "offered.\n\n"
        "Minimum width: a morphological opening (buffer by −w/2, then +w/2, intersected with "
        "the allowed land): every point of a candidate lies in a disc of diameter MIN_WIDTH_M "
        "inside it. Each connected piece of at least MIN_AREA_M2 is a candidate; with "
        "MAX_AREA_M2 larger pieces are cut by a square grid of side √MAX_AREA_M2 aligned on "
        "the search area's lower-left corner, each cell opened again.\n\n"
        "Criteria: the distance from the candidate to the nearest feature of each CRITERIA "
        "layer, normalised 0–1 over the candidates (min–max; near or far is better), score = "
        "weighted sum Σ w·s / Σ w (without criteria: the compactness 4πA/P²). Ties: larger "
        "area first, then the lower-left centroid. CRITERIA_RULES sets direction and weight, "
        "e.g. 道路=near:2;自然保护地=far:1 (default near, weight 1).\n\n"
        "Areas are planar in AREA_CRS (default: the CGCS2000 3-degree Gauss-Kruger zone of "
        "the search area). Every candidate passes the compliance review against the same "
        "layers as 合规 (within the sliver tolerance)."
    )

    def add_parameters(self, tr):
        self.add_polygon_source(
            self.SEARCH_AREA,
            tr("Search area (polygon layer)"),
            tr("Polygons of the area to search; or give SEARCH_DIVISION instead."),
            optional=True,
        )
        self.add_string(
            self.SEARCH_DIVISION,
            tr("Search area as a division code, e.g. 430702"),
            tr(
                "A county-level division code of the code lists whose boundary is bundled "
                "with the plugin (the districts and counties of Changde)."
            ),
            optional=True,
        )
        self.add_string(
            self.LAND_USE,
            tr("Project land-use code (用地用海), e.g. 1001"),
            tr("The 用地用海 code of the project's use."),
        )
        self.add_number(
            self.MIN_AREA_M2,
            tr("Minimum area (m²)"),
            tr("Candidates have at least this area."),
            10000.0,
            minimum=0.0,
        )
        self.add(
            QgsProcessingParameterNumber(
                self.MAX_AREA_M2,
                tr("Target maximum area (m²): larger pieces are cut"),
                QgsProcessingParameterNumber.Double,
                optional=True,
                minValue=0.0,
            ),
            tr("Pieces larger than this are cut by a square grid of this cell area."),
        )
        self.add_number(
            self.MIN_WIDTH_M,
            tr("Minimum width (m)"),
            tr("No part of a candidate is narrower than this (morphological opening)."),
            30.0,
            minimum=0.0,
        )
        self.add_control_layers(
            tr("Polygon layers of the control lines, as in the compliance review."),
            tr(
                "Semicolon-separated name=rule pairs (rule: avoid or inside) overriding the "
                "rules recognised from the layer names."
            ),
        )
        self.add(*control_set_parameter(tr))
        self.add_zoning(
            tr("Candidates lie on zoning compatible with the project's use."),
            tr("Field of ZONING holding the 用地用海 code."),
            tr(
                "Whether the zoning codes are 2023 用地用海 or 三调 codes (automatic: from "
                "the layer's whole code set; codes that mean different uses in the two lists "
                "and cannot be told apart stop the run)."
            ),
        )
        self.add(
            QgsProcessingParameterMultipleLayers(
                self.EXCLUDE,
                tr("Land not to offer (e.g. parcels already supplied)"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
            ),
            tr("Polygon layers of land that is not available."),
        )
        self.add_string(
            self.LIBRARY,
            tr("Project library (its supplied land is not offered when EXCLUDE is empty)"),
            tr(
                "Without EXCLUDE layers, the current parcels of the library's projects at "
                "the supply stage or later are not offered. A GeoPackage path, a PostgreSQL "
                "connection string or the name of a saved QGIS PostgreSQL connection."
            ),
            optional=True,
        )
        self.add(
            QgsProcessingParameterMultipleLayers(
                self.CRITERIA,
                tr("Criteria layers (distance to their nearest feature)"),
                QgsProcessing.TypeVectorAnyGeometry,
                optional=True,
            ),
            tr("Layers whose distance to a candidate makes it better or worse."),
        )
        self.add_string(
            self.CRITERIA_RULES,
            tr("Criteria direction and weight, e.g. 道路=near:2;自然保护地=far:1"),
            tr("name=near|far[:weight] per criteria layer; default near, weight 1."),
            optional=True,
        )
        self.add_area_crs(
            tr("CRS for areas (default: CGCS2000 3-degree GK zone of the search area)"),
            tr("Projected CRS in which areas and distances are computed (planar)."),
        )
        self.add_polygon_output(
            self.OUTPUT,
            tr("Candidate sites"),
            tr("Candidate polygons with rank, score, area, compactness, criteria, reasons."),
        )
        self.add_file_output(
            self.REPORT,
            tr("Report (HTML or PDF)"),
            tr(
                "Report in Chinese, HTML or PDF by the file's extension: request, "
                "constraints and their versions, method and weights, map, top candidates."
            ),
            tr("HTML files (*.html);;PDF files (*.pdf)"),
            optional=True,
        )

    # ------------------------------------------------------------------------------ validation
    def checkParameterValues(self, parameters, context):
        ok, msg = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, msg
        tr = self.tr
        for key, parser, hint in (
            (
                self.CONTROL_RULES,
                parse_rules,
                tr("write name=avoid or name=inside, separated by ;"),
            ),
            (
                self.CRITERIA_RULES,
                parse_criteria,
                tr("write name=near or name=far, optionally :weight, separated by ;"),
            ),
        ):
            try:
                parser(self.parameterAsString(parameters, key, context))
            except ValueError as exc:
                return False, tr("{param}: cannot read '{item}' ({hint})").format(
                    param=key, item=exc, hint=hint
                )
        use = self.parameterAsString(parameters, self.LAND_USE, context).strip()
        if normalise_land_use(use) is None:
            return False, tr(
                "LAND_USE: '{code}' is not a 用地用海 code (e.g. 1001 工业用地)"
            ).format(code=use)
        has_area = parameters.get(self.SEARCH_AREA) not in (None, "")
        division = self.parameterAsString(parameters, self.SEARCH_DIVISION, context).strip()
        if has_area == bool(division):
            return False, tr("Give the search area either as a layer or as a division code")
        zoning = self.parameterAsVectorLayer(parameters, self.ZONING, context)
        if zoning is not None and not self.parameterAsString(
            parameters, self.ZONING_FIELD, context
        ):
            return False, tr("ZONING_FIELD: choose the field of the zoning layer with the codes")
        ok, msg = self.check_control_inputs(parameters, context, zoning)
        if not ok:
            return ok, msg
        minimum = self.parameterAsDouble(parameters, self.MIN_AREA_M2, context)
        if parameters.get(self.MAX_AREA_M2) not in (None, ""):
            if self.parameterAsDouble(parameters, self.MAX_AREA_M2, context) < minimum:
                return False, tr("MAX_AREA_M2 is smaller than MIN_AREA_M2")
        return True, ""

    # ------------------------------------------------------------------------------ run
    def process_repairing(self, parameters, context, feedback):
        tr = self.tr
        lprep = LayerPrep(tr)  # the compliance review's layer checks and prepared layers
        source, search_name = search_source(self, parameters, context)
        lprep.check_coordinates(source.sourceCrs(), source.sourceExtent(), search_name)
        tctx = context.transformContext()
        layers, cset, set_ctls, area_crs = self.open_controls(parameters, context, source, feedback)
        land_use = self.parameterAsString(parameters, self.LAND_USE, context).strip()
        min_area = self.parameterAsDouble(parameters, self.MIN_AREA_M2, context)
        max_area = None
        if parameters.get(self.MAX_AREA_M2) not in (None, ""):
            max_area = self.parameterAsDouble(parameters, self.MAX_AREA_M2, context) or None
        min_width = self.parameterAsDouble(parameters, self.MIN_WIDTH_M, context)

        _fids, sgeoms, _v = io.read_geometries(source, area_crs, tctx, feedback=feedback)
        live = sgeoms[~shapely.is_missing(sgeoms)]
        live = live[~shapely.is_empty(live)]
        if not len(live):
            raise QgsProcessingException(tr("The search area has no polygon with an area"))
        rect = QgsRectangle(*shapely.total_bounds(live))
        feedback.setProgress(5)

        overrides = parse_rules(self.parameterAsString(parameters, self.CONTROL_RULES, context))
        controls = []
        for layer in layers:
            name = layer.name()
            lprep.check_layer(layer, name)
            rule = layer_rule(
                overrides,
                name,
                name,
                feedback,
                tr,
                tr(
                    "Control layer '{layer}': rule not recognised from its name, using "
                    "'avoid' (set CONTROL_RULES to change)"
                ),
            )
            feedback.pushInfo(
                tr("Control layer '{layer}': rule {rule}").format(layer=name, rule=rule)
            )
            prepared = lprep.prepared(layer, area_crs, tctx, rect, feedback, (5, 1))
            controls.append(engine.ControlLayer(name, prepared, rule))
            if feedback.isCanceled():
                return {}
        controls += set_ctls
        zoning_layer, zoning_field, zoning, _text = lprep.zoning_parameters(
            self, parameters, context, None, area_crs, tctx, rect, feedback, (20, 5)
        )
        exclude = []
        exclude_layers = self.parameterAsLayerList(parameters, self.EXCLUDE, context)
        for layer in exclude_layers:
            _f, geoms, _v = io.read_geometries(layer, area_crs, tctx, rect=rect)
            exclude.extend(g for g in geoms.tolist() if g is not None)
        library = self.parameterAsString(parameters, self.LIBRARY, context).strip()
        if library and not exclude_layers:
            from ...gis.siting_library import supplied_parcels

            lib = self.open_library_parameter(parameters, context, self.LIBRARY)
            try:
                geoms, codes = supplied_parcels(lib, rect, area_crs, tctx)
            finally:
                lib.close()
            exclude.extend(geoms.tolist())
            feedback.pushInfo(
                tr(
                    "Project library: {n} parcels of {m} projects supplied or later are not offered"
                ).format(n=len(geoms), m=len(codes))
            )
        crit_text = self.parameterAsString(parameters, self.CRITERIA_RULES, context)
        crit_rules = parse_criteria(crit_text)
        criteria = []
        for layer in self.parameterAsLayerList(parameters, self.CRITERIA, context):
            _f, geoms, _v = io.read_geometries(layer, area_crs, tctx)
            live_c = geoms[~shapely.is_missing(geoms)]
            if not len(live_c) or shapely.is_empty(live_c).all():
                raise QgsProcessingException(
                    tr("Criteria layer '{layer}' has no features").format(layer=layer.name())
                )
            direction, weight = crit_rules.get(layer.name(), (siting.candidates.NEAR, 1.0))
            criteria.append(siting.Criterion(layer.name(), live_c, direction, weight))
            feedback.pushInfo(
                tr("Criterion '{name}': {direction} is better, weight {weight}").format(
                    name=layer.name(), direction=direction, weight=f"{weight:g}"
                )
            )
        feedback.setProgress(30)

        try:
            result = self.run_engine(
                feedback,
                (30, 60),
                siting.select_sites,
                live,
                controls,
                zoning=zoning,
                land_use=land_use,
                exclude=exclude,
                min_area=min_area,
                max_area=max_area,
                min_width=min_width,
                criteria=criteria,
            )
        except ValueError as exc:
            raise QgsProcessingException(str(exc)) from exc
        if result is None:
            return {}

        land = result.land
        lprep.report_repairs(
            [(c.name, c.prepared()) for c in controls + ([zoning] if zoning is not None else [])],
            feedback,
        )
        if zoning is not None:
            feedback.pushInfo(
                tr("Zoning offered for {use}: {codes}; not offered: {others}").format(
                    use=land_use,
                    codes="、".join(land.compatible_codes) or "—",
                    others="、".join(land.other_codes) or "—",
                )
            )
        feedback.pushInfo(
            tr("Search area {name}: {area} m²").format(name=search_name, area=_m2(land.search_m2))
        )
        for step, removed in land.removed_m2.items():
            shown = tr("excluded land") if step == "exclude" else step
            feedback.pushInfo(
                tr("{step}: {area} m² not allowed").format(step=shown, area=_m2(removed))
            )
        feedback.pushInfo(
            tr(
                "Allowed land {allowed} m²; {opened} m² at least {width} m wide; {small} m² in "
                "pieces below {minimum} m²; {cut} m² lost at grid cuts"
            ).format(
                allowed=_m2(land.geometry.area),
                opened=_m2(result.opened_m2),
                width=f"{min_width:g}",
                small=_m2(result.small_m2),
                minimum=f"{min_area:g}",
                cut=_m2(result.cut_dropped_m2),
            )
        )
        if not result.candidates:
            feedback.pushWarning(tr("No candidate site: no allowed land meets the size and width"))

        fields = candidate_fields(criteria)
        sink, out_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.MultiPolygon, area_crs
        )
        if sink is None:
            raise QgsProcessingException(tr("Could not create the output layers"))
        feats = candidate_features(fields, result.candidates)
        sink.addFeatures(feats, QgsFeatureSink.FastInsert)
        feedback.pushInfo(tr("{n} candidate sites").format(n=len(feats)))
        outputs = {self.OUTPUT: out_id}
        html_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if html_path:
            from ...gis.reports.siting import write_report
            from ...gis.reports.siting_data import constraint_entries

            info = {
                "search": search_name,
                "land_use": land_use,
                "min_area": min_area,
                "max_area": max_area,
                "min_width": min_width,
                "area_crs": area_crs.authid(),
                "controls": [(c.name, c.rule) for c in controls],
                "control_set": set_info(cset),
                "zoning": (zoning_layer.name(), zoning_field) if zoning_layer else None,
                "date": datetime.datetime.now().isoformat(timespec="seconds"),
                "constraints": constraint_entries(
                    [(lyr, c.rule) for lyr, c in zip(layers, controls)],
                    zoning_layer,
                    zoning_field,
                    exclude_layers,
                    library,
                    set_info(cset),
                    [(c.name, c.rule) for c in controls] if cset is not None else (),
                ),
            }
            from ...core.siting.land import search_geometry

            write_report(result, info, search_geometry(live), html_path, controls, feedback)
            outputs[self.REPORT] = html_path
        feedback.setProgress(100)
        return outputs


def _m2(value: float) -> str:
    return f"{value:,.0f}"
