"""Styles and display of the algorithms' output layers when they are loaded into the project.

* reviewed parcels (a ``verdict`` field): categorized by verdict 合规 / 冲突 / 需论证, labelled
  with the parcel id (``styles/ymt_review_parcels.qml``);
* overlap pieces (an ``overlap_m2`` field and a geometry): categorized by control line
  (``styles/ymt_review_pieces.qml`` for the usual lines, further lines get a colour of their own);
* numbers shown with a sensible precision: areas in m² with 2 decimals, ratios (shares of the
  parcel, 0–1) with 6, through the Range widget's precision (the stored values keep every digit);
* the parcel check's ``problem`` keys (``invalid``, ``sliver``…) shown in words (a value map: the
  stored keys stay the public interface).
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsEditorWidgetSetup,
    QgsFillSymbol,
    QgsMapLayer,
    QgsRendererCategory,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.i18n import tr_label
from ..core.parcelcheck import KINDS
from ..toolbelt.i18n import tr
from .qgis_compat import FIELD_DOUBLE

STYLES = Path(__file__).resolve().parent.parent / "styles"
REVIEW_PARCELS_QML = STYLES / "ymt_review_parcels.qml"
REVIEW_PIECES_QML = STYLES / "ymt_review_pieces.qml"

#: decimals shown for a numeric output field, by name (``*_ratio``: a share 0–1)
AREA_DECIMALS = 2
RATIO_DECIMALS = 6
#: colours for control lines the pieces style does not name
EXTRA_COLOURS = ("31,120,180", "51,160,44", "255,127,0", "106,61,154", "177,89,40", "0,150,150")


def show_problem_names(layer: QgsVectorLayer) -> None:
    index = layer.fields().indexOf("problem")
    if index < 0:
        return
    pairs = [{tr_label(KINDS, key, tr): key} for key in KINDS]
    layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("ValueMap", {"map": pairs}))


def _decimals(name: str):
    if name.endswith("_m2") or name == "area_m2":
        return AREA_DECIMALS
    if name.endswith("_ratio") or name == "ratio":
        return RATIO_DECIMALS
    return None


def set_display_precision(layer: QgsVectorLayer) -> None:
    """Show areas with 2 and ratios with 6 decimals in the attribute table and forms."""
    fields = layer.fields()
    for index in range(fields.count()):
        field = fields.at(index)
        decimals = _decimals(field.name())
        if decimals is None or field.type() != FIELD_DOUBLE:
            continue
        layer.setEditorWidgetSetup(
            index,
            QgsEditorWidgetSetup(
                "Range",
                {
                    "Precision": decimals,
                    "Min": -1e15,
                    "Max": 1e15,
                    "Step": 1.0,
                    "Style": "SpinBox",
                    "AllowNull": True,
                },
            ),
        )


def _is_polygon(layer: QgsVectorLayer) -> bool:
    return layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry


def style_review_pieces(layer: QgsVectorLayer) -> None:
    """The pieces categorized by control line: the QML's lines, then one colour per other."""
    layer.loadNamedStyle(str(REVIEW_PIECES_QML), QgsMapLayer.StyleCategory.Symbology)
    renderer = layer.renderer()
    if not isinstance(renderer, QgsCategorizedSymbolRenderer):
        return
    renderer = renderer.clone()
    known = {str(category.value()) for category in renderer.categories()}
    index = layer.fields().indexOf("layer")
    values = (
        sorted(str(v) for v in layer.uniqueValues(index) if v is not None) if index >= 0 else []
    )
    # drop the QML's lines this run did not use, so the legend lists only what is on the map
    for position in reversed(range(len(renderer.categories()))):
        if str(renderer.categories()[position].value()) not in values:
            renderer.deleteCategory(position)
    for k, value in enumerate(v for v in values if v not in known):
        colour = EXTRA_COLOURS[k % len(EXTRA_COLOURS)]
        symbol = QgsFillSymbol.createSimple(
            {"color": colour + ",110", "outline_color": colour + ",255", "outline_width": "0.4"}
        )
        renderer.addCategory(QgsRendererCategory(value, symbol, value))
    layer.setRenderer(renderer)


def style_output_layer(layer: QgsVectorLayer) -> None:
    """Style a loaded output layer by what it holds (see the module docstring)."""
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return
    names = set(layer.fields().names())
    if _is_polygon(layer) and "verdict" in names:
        layer.loadNamedStyle(
            str(REVIEW_PARCELS_QML),
            QgsMapLayer.StyleCategory.Symbology | QgsMapLayer.StyleCategory.Labeling,
        )
    elif _is_polygon(layer) and "overlap_m2" in names and "layer" in names:
        style_review_pieces(layer)
    set_display_precision(layer)
    show_problem_names(layer)
    layer.triggerRepaint()
