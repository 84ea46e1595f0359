"""``yimatong:publishcontrolset`` (发布管控线版本): control layers as a new version of a set."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterMultipleLayers,
)

from ..base import ComplianceGroup, LibraryAlgorithm
from ..compliance_support import layer_rule, name_value_items, parse_rules
from ..control_sets import publish_set, set_label
from ..layer_prep import LayerPrep, unique_names


def parse_docs(text: str) -> dict[str, tuple[str, str]]:
    """``"生态保护红线=湘政函〔2023〕12号|2023-10-12;…"`` -> {name: (文号, date)}; ValueError."""
    out = {}
    for item in name_value_items(text):
        name, _, rest = item.partition("=")
        doc, _, date = rest.partition("|")
        if not name.strip():
            raise ValueError(item)
        out[name.strip()] = (doc.strip(), date.strip())
    return out


class PublishControlSetAlgorithm(ComplianceGroup, LibraryAlgorithm):
    NAME = "publishcontrolset"
    DISPLAY_NAME = "Publish control set"
    HELP = (
        "Publishes control layers (生态保护红线, 永久基本农田, 城镇开发边界, …) as a new version "
        "of a named control set in the project library (e.g. 三区三线: version 1, 2, …), each "
        "layer with its rule (avoid / inside), 批复文号 and effective date. The new version "
        "becomes the library's current set unless told otherwise; older versions stay "
        "readable and nothing is ever deleted (every change is audited).\n\n"
        "The layers' features are stored in the library in the set's CRS (AREA_CRS; default "
        "the CGCS2000 3-degree Gauss-Kruger zone of the first layer), and each layer is "
        "prepared once for review — invalid polygons repaired, huge polygons cut into cells, "
        "overlaps between neighbours found — and that preparation is stored too, keyed by the "
        "content hash of the features: a compliance review or a site selection against the "
        "set (CONTROL_SET) on any machine reads it instead of preparing again, and data with "
        "one feature changed is another version with its own preparation."
    )

    def add_parameters(self, tr):
        self.add_string(
            self.NAME_PARAM,
            tr("Set name, e.g. 三区三线"),
            tr("The control set's name; publishing again under it makes the next version."),
        )
        self.add(
            QgsProcessingParameterMultipleLayers(
                self.LAYERS,
                tr("Control layers (the layer name is the line's name)"),
                QgsProcessing.TypeVectorPolygon,
            ),
            tr("Polygon layers of the control lines."),
        )
        for name, label, help_text in (
            (
                self.RULES,
                tr("Control rules override, e.g. 城镇开发边界=inside;洪涝风险控制线=avoid"),
                tr("name=rule pairs; by default the rule is recognised from the layer name."),
            ),
            (
                self.DOC_NO,
                tr("批复文号 (approval document number)"),
                tr("The approval document number of every layer (LAYER_DOCS overrides)."),
            ),
            (
                self.EFFECTIVE_DATE,
                tr("Effective date (YYYY-MM-DD)"),
                tr("The date the layers take effect (LAYER_DOCS overrides)."),
            ),
            (
                self.LAYER_DOCS,
                tr("Per layer 批复文号 and date, e.g. 红线=湘政函〔2023〕12号|2023-10-12"),
                tr("name=文号|date pairs separated by ; for layers with their own approval."),
            ),
            (
                self.SET_DATE,
                tr("Set date (YYYY-MM-DD)"),
                tr("The date of this version of the set (e.g. its approval)."),
            ),
            (
                self.DESCRIPTION,
                tr("Description, e.g. 2023 批复版"),
                tr("Free text shown with the set."),
            ),
        ):
            self.add_string(name, label, help_text, optional=True)
        self.add_area_crs(
            tr("CRS of the set (default: CGCS2000 3-degree GK zone of the first layer)"),
            tr("Projected CRS the features are stored and prepared in; reviews use it."),
        )
        self.add_bool(
            self.MAKE_CURRENT,
            tr("Make it the current set"),
            tr("Reviews without CONTROL_SET use the current set."),
            default=True,
        )
        self.addOutput(QgsProcessingOutputString("SET", tr("Published set (name@version)")))
        self.addOutput(QgsProcessingOutputNumber("VERSION", tr("Version")))
        self.addOutput(
            QgsProcessingOutputNumber("PREPARED", tr("Preparations stored now (new data versions)"))
        )

    def check_more_parameters(self, parameters, context):
        for key, parser in ((self.RULES, parse_rules), (self.LAYER_DOCS, parse_docs)):
            try:
                parser(self.parameterAsString(parameters, key, context))
            except ValueError as exc:
                raise ValueError(
                    self.tr("{param}: cannot read '{item}'").format(param=key, item=exc)
                ) from exc

    def processAlgorithm(self, parameters, context, feedback):
        tr = self.tr
        lprep = LayerPrep(tr)
        layers = self.parameterAsLayerList(parameters, self.LAYERS, context)
        if not layers:
            raise QgsProcessingException(tr("Give at least one control layer"))
        names = unique_names(layers)
        rules = parse_rules(self.parameterAsString(parameters, self.RULES, context))
        docs = parse_docs(self.parameterAsString(parameters, self.LAYER_DOCS, context))
        doc_no = self.parameterAsString(parameters, self.DOC_NO, context).strip()
        date = self.parameterAsString(parameters, self.EFFECTIVE_DATE, context).strip()
        items = []
        for layer, name in zip(layers, names):
            lprep.check_layer(layer, name)
            rule = layer_rule(rules, name, layer.name(), feedback, tr)
            own_doc, own_date = docs.get(name, ("", ""))
            items.append(
                dict(
                    layer=layer,
                    name=name,
                    rule=rule,
                    doc_no=own_doc or doc_no or None,
                    effective_date=own_date or date or None,
                )
            )
        area_crs = self.area_crs(parameters, self.AREA_CRS, context, layers[0], feedback)
        lib = self.open_library_parameter(parameters, context, self.LIBRARY)
        try:
            row, made = publish_set(
                lib,
                self.parameterAsString(parameters, self.NAME_PARAM, context),
                items,
                area_crs,
                context.transformContext(),
                feedback,
                tr,
                set_date=self.parameterAsString(parameters, self.SET_DATE, context).strip() or None,
                description=self.parameterAsString(parameters, self.DESCRIPTION, context).strip()
                or None,
                make_current=self.parameterAsBoolean(parameters, self.MAKE_CURRENT, context),
            )
        finally:
            lib.close()
        feedback.pushInfo(
            tr("Control set {set} published ({key}){current}").format(
                set=set_label(row),
                key=row["key"],
                current=tr(", now the current set") if row["is_current"] else "",
            )
        )
        feedback.setProgress(100)
        return {"SET": row["key"], "VERSION": row["version"], "PREPARED": sum(made)}
