"""API differences between the QGIS versions Yimatong runs on (3.22 to 3.40 LTR), by feature.

Each name here is chosen by looking at what the running QGIS offers, never by its version
string: QGIS 3.30+ moved many enums into ``Qgis`` (and 3.40 refuses plain ints where it wants
one), and QGIS 3.38+ takes ``QMetaType.Type`` for field types and deprecates ``QVariant.Type``.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsField, QgsRectangle, QgsScaleBarSettings, QgsUnitTypes
from qgis.PyQt.QtCore import QMetaType


def _qgis_enum(enum_name: str, member: str, legacy_owner, legacy_name: str):
    """``Qgis.<enum_name>.<member>`` when this QGIS has that enum, else the older
    ``legacy_owner.<legacy_name>``."""
    enum = getattr(Qgis, enum_name, None)
    if enum is not None and hasattr(enum, member):
        return getattr(enum, member)
    return getattr(legacy_owner, legacy_name)


# scale bar: segment size "fit width" (an int on 3.22, Qgis.ScaleBarSegmentSizeMode on 3.30+)
SCALEBAR_FIT_WIDTH = _qgis_enum(
    "ScaleBarSegmentSizeMode", "FitWidth", QgsScaleBarSettings, "SegmentSizeFitWidth"
)
DISTANCE_METERS = _qgis_enum("DistanceUnit", "Meters", QgsUnitTypes, "DistanceMeters")
RENDER_POINTS = _qgis_enum("RenderUnit", "Points", QgsUnitTypes, "RenderPoints")


def _field_takes_metatype() -> bool:
    """True when ``QgsField`` takes ``QMetaType.Type`` (QGIS 3.38+; 3.22 raises TypeError)."""
    try:
        QgsField("probe", QMetaType.Type.Double)
    except TypeError:
        return False
    return True


if _field_takes_metatype():
    FIELD_STRING = QMetaType.Type.QString
    FIELD_INT = QMetaType.Type.Int
    FIELD_DOUBLE = QMetaType.Type.Double
    FIELD_DATE = QMetaType.Type.QDate
    FIELD_LONGLONG = QMetaType.Type.LongLong
else:
    from qgis.PyQt.QtCore import QVariant

    FIELD_STRING = QVariant.String  # qt5-fallback
    FIELD_INT = QVariant.Int  # qt5-fallback
    FIELD_DOUBLE = QVariant.Double  # qt5-fallback
    FIELD_DATE = QVariant.Date  # qt5-fallback
    FIELD_LONGLONG = QVariant.LongLong  # qt5-fallback


def empty_rectangle() -> QgsRectangle:
    """A rectangle that ``combineExtentWith`` grows from: ``setNull()`` (QGIS 3.34+) or the
    deprecated ``setMinimal()`` where ``setNull`` does not exist."""
    rect = QgsRectangle()
    if hasattr(rect, "setNull"):
        rect.setNull()
    else:
        rect.setMinimal()
    return rect


def polygon_or_line_layers():
    """Layer filter "polygon or line layers" for QgsMapLayerComboBox.setFilters: a
    ``Qgis.LayerFilters`` on QGIS 3.34+ (the QgsMapLayerProxyModel flags are deprecated)."""
    filters = getattr(Qgis, "LayerFilters", None)
    if filters is not None:
        return filters(Qgis.LayerFilter.PolygonLayer) | Qgis.LayerFilter.LineLayer
    from qgis.core import QgsMapLayerProxyModel

    return QgsMapLayerProxyModel.PolygonLayer | QgsMapLayerProxyModel.LineLayer  # qt5-fallback


def set_legend_font(legend, style, font) -> None:
    """Font of one legend component (``QgsLegendStyle.Title`` …) of a ``QgsLayoutItemLegend``:
    through the component's text format on QGIS 3.30+ (``setStyleFont`` is deprecated)."""
    component = legend.rstyle(style)
    if hasattr(component, "setTextFormat"):
        fmt = component.textFormat()
        fmt.setFont(font)
        fmt.setSize(font.pointSizeF())
        fmt.setSizeUnit(RENDER_POINTS)
        component.setTextFormat(fmt)
    else:
        legend.setStyleFont(style, font)
