"""What the compliance review (``yimatong:complianceoverlay``) shares with site selection and
the report: the control rules (recognised from names, or written by the user), the output
fields, the zoning classification parameter and detection, and the control and zoning inputs
both algorithms declare and check (:class:`ControlInputs`)."""

from __future__ import annotations

import re

from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterVectorLayer,
)

from ..core import overlay as engine
from ..core import zoning_scheme
from ..core.i18n import tr_noop
from ..gis import shapely_io as io
from ..gis.qgis_compat import FIELD_DOUBLE, FIELD_INT, FIELD_STRING

#: the name of the zoning classification parameter (ComplianceOverlayAlgorithm's and
#: SiteSelectionAlgorithm's)
ZONING_CLASSIFICATION = "ZONING_CLASSIFICATION"

INSIDE_NAMES = ("城镇开发边界", "开发边界", "UDB", "URBAN DEVELOPMENT BOUNDARY")
AVOID_NAMES = ("红线", "生态保护", "基本农田", "永久基本农田", "RED LINE", "FARMLAND")


def default_rule(name: str) -> str | None:
    """inside / avoid recognised from a control layer's name, or None when unknown."""
    upper = name.upper()
    if any(key in upper for key in INSIDE_NAMES):
        return engine.INSIDE
    if any(key in upper for key in AVOID_NAMES):
        return engine.AVOID
    return None


def layer_rule(overrides, name: str, layer_name: str, feedback, tr, unknown: str = "") -> str:
    """The rule of control layer ``name`` (its layer called ``layer_name``): the override, else
    recognised from the name, else avoid with the warning ``unknown`` (``{layer}`` the name;
    default: the one naming the control rules override)."""
    rule = overrides.get(name) or overrides.get(layer_name) or default_rule(name)
    if rule is None:
        unknown = unknown or tr(
            "Control layer '{layer}': rule not recognised from its name, using "
            "'avoid' (set the control rules override to change)"
        )
        feedback.pushWarning(unknown.format(layer=name))
        rule = engine.AVOID
    return rule


#: the value of the overlap table's layer column for zoning rows (a data value, like the verdicts)
ZONING_LAYER = "规划分区"

#: the words a user may write for a rule in the control rules override
RULE_WORDS = {
    word: rule
    for rule, words in (
        (engine.AVOID, ("avoid", "避让", "避开")),
        (engine.INSIDE, ("inside", "在内", "之内", "落入")),
    )
    for word in words
}
#: how the log names a rule
RULE_NAMES = {
    engine.AVOID: tr_noop("avoid (the overlap is the conflict)"),
    engine.INSIDE: tr_noop("inside (the area outside is the conflict)"),
}


def name_value_items(text: str):
    """The ``name=value`` items of ``text`` separated by ; (or ； or a line break; ＝ works
    as =), stripped, empty ones skipped; an item without = raises ValueError(item)."""
    for item in re.split(r"[;；\n]", text or ""):
        item = item.strip().replace("＝", "=")
        if not item:
            continue
        if "=" not in item:
            raise ValueError(item)
        yield item


def parse_rules(text: str) -> dict[str, str]:
    """``"城镇开发边界=inside;洪涝风险控制线=避让"`` -> {name: rule}; raises ValueError.
    A rule is written avoid/避让/避开 or inside/在内/之内/落入; ＝ and ； work too."""
    rules = {}
    for item in name_value_items(text):
        name, rule = (s.strip() for s in item.rsplit("=", 1))
        rule = RULE_WORDS.get(rule.lower())
        if rule is None or not name:
            raise ValueError(item)
        rules[name] = rule
    return rules


# the fields of OUTPUT (then one ``<control line>_ratio`` per control layer) and OUTPUT_TABLE:
# the algorithm's public interface, read by the report, models and scripts
OUTPUT_FIELDS = (
    ("parcel_id", FIELD_STRING),
    ("area_m2", FIELD_DOUBLE),
    ("repaired", FIELD_INT),
    ("verdict", FIELD_STRING),
    ("verdict_rule", FIELD_STRING),
    ("project_code", FIELD_STRING),
)
TABLE_FIELDS = (
    ("parcel_id", FIELD_STRING),
    ("layer", FIELD_STRING),
    ("class_code", FIELD_STRING),
    ("overlap_m2", FIELD_DOUBLE),
    ("overlap_ratio", FIELD_DOUBLE),
    ("outside_m2", FIELD_DOUBLE),
    ("role", FIELD_STRING),
)


def ratio_field(name: str) -> str:
    """OUTPUT's field with the share of the parcel inside control line ``name``."""
    return f"{name}_ratio"


def output_fields(control_names) -> QgsFields:
    """The fields of OUTPUT for control lines ``control_names``."""
    fields = QgsFields()
    for fname, ftype in OUTPUT_FIELDS:
        fields.append(QgsField(fname, ftype))
    for name in control_names:
        fields.append(QgsField(ratio_field(name), FIELD_DOUBLE))
    return fields


def zoning_scheme_parameter(tr) -> QgsProcessingParameterEnum:
    """The ZONING_CLASSIFICATION parameter (compliance review and site selection)."""
    return QgsProcessingParameterEnum(
        ZONING_CLASSIFICATION,
        tr("Classification of the zoning codes"),
        [
            tr("Automatic (from the layer's codes)"),
            tr("2023 用地用海"),
            tr("三调 working classification"),
        ],
        defaultValue=0,
    )


def zoning_scheme_of(choice: int, layer, field, feedback, tr):
    """(scheme, text for the log and the report) of a zoning layer's codes: ``choice`` 1 / 2
    is the user's (2023 / 三调), 0 automatic from the layer's whole code set (every distinct
    value, not only those near the parcels); codes that cannot be told apart stop the run."""
    layer_name = layer.name()
    names = {
        zoning_scheme.Y2023: tr("2023 用地用海"),
        zoning_scheme.SANDIAO: tr("三调 working classification"),
    }
    if choice in (1, 2):
        scheme = zoning_scheme.Y2023 if choice == 1 else zoning_scheme.SANDIAO
        text = tr("{name} (chosen)").format(name=names[scheme])
    else:
        codes = layer.uniqueValues(layer.fields().lookupField(field))
        try:
            scheme, reason = zoning_scheme.detect(io.attribute_text(c) for c in codes)
        except zoning_scheme.ZoningSchemeError as exc:
            raise QgsProcessingException(
                tr("Zoning layer '{layer}': {error} (ZONING_CLASSIFICATION)").format(
                    layer=layer_name, error=exc
                )
            ) from exc
        text = tr("{name} (automatic: {reason})").format(name=names[scheme], reason=reason)
    feedback.pushInfo(
        tr("Zoning layer '{layer}': codes read as {scheme}").format(layer=layer_name, scheme=text)
    )
    return scheme, text


class ControlInputs:
    """The control lines, their rules and the planning zoning, as the compliance review and
    site selection ask for and check them (mixed into both, before the base algorithm)."""

    ZONING_CLASSIFICATION = ZONING_CLASSIFICATION

    def add_control_layers(self, layers_help: str, rules_help: str) -> None:
        """CONTROL_LAYERS (polygon layers, the layer name is the line's name) and
        CONTROL_RULES (name=rule pairs overriding the rules recognised from the names)."""
        tr = self.tr
        self.add(
            QgsProcessingParameterMultipleLayers(
                self.CONTROL_LAYERS,
                tr("Control lines (one polygon layer each; the layer name is the line's name)"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
            ),
            layers_help,
        )
        self.add_string(
            self.CONTROL_RULES,
            tr("Control rules override, e.g. 城镇开发边界=inside;洪涝风险控制线=avoid"),
            rules_help,
            optional=True,
        )

    def add_zoning(self, zoning_help: str, field_help: str, scheme_help: str) -> None:
        """ZONING (optional polygon layer), its code field and which code list it follows."""
        tr = self.tr
        self.add(
            QgsProcessingParameterVectorLayer(
                self.ZONING,
                tr("Planning zoning (用地用海)"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            ),
            zoning_help,
        )
        self.add_field(self.ZONING_FIELD, tr("Zoning land-use code field"), field_help, self.ZONING)
        self.add(zoning_scheme_parameter(tr), scheme_help)

    def open_controls(self, parameters, context, source, feedback):
        """(control layers, control set row or None, the set's controls, area CRS) of a run:
        the CRS is the set's when the run reads a control set (``set_crs``: AREA_CRS must then
        agree), else AREA_CRS or the automatic zone of ``source``."""
        from .control_sets import open_set, set_crs

        layers = self.parameterAsLayerList(parameters, self.CONTROL_LAYERS, context)
        cset, set_ctls = open_set(self, parameters, context, layers, feedback)
        if cset is None:
            area_crs = self.area_crs(parameters, self.AREA_CRS, context, source, feedback)
        else:
            chosen = self.parameterAsCrs(parameters, self.AREA_CRS, context)
            area_crs = set_crs(cset, chosen, self.tr)
        return layers, cset, set_ctls, area_crs

    def run_engine(self, feedback, span, function, *args, **kwargs):
        """``function(*args, **kwargs)``, an engine run (the overlay, the site selection), with
        its progress shown in ``span`` (start, width) of the progress bar and the Cancel button
        honoured: None when the user canceled."""
        start, width = span
        try:
            return function(
                *args,
                progress=lambda f: feedback.setProgress(start + width * f),
                is_canceled=feedback.isCanceled,
                **kwargs,
            )
        except engine.OverlayCanceledError:
            return None

    def check_control_inputs(self, parameters, context, zoning):
        """(ok, message): the control set chosen consistently with the layers, and at least
        one control layer, control set or zoning layer (``zoning``, the layer or None)."""
        from .control_sets import check_set_choice, wanted_set

        layers = self.parameterAsLayerList(parameters, self.CONTROL_LAYERS, context)
        ok, msg = check_set_choice(self, parameters, context, layers)
        if not ok:
            return ok, msg
        if not layers and zoning is None and wanted_set(self, parameters, context, []) is None:
            return False, self.tr("Give at least one control layer or a zoning layer")
        return True, ""
