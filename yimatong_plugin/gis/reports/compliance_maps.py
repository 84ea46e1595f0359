"""The compliance report's maps: styled memory copies of the layers near the parcels, the
location inset, and rendering to images."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsLinePatternFillSymbolLayer,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsMemoryProviderUtils,
    QgsPalLayerSettings,
    QgsRectangle,
    QgsSimpleFillSymbolLayer,
    QgsSimpleLineSymbolLayer,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QPoint, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter

from .compliance_data import INSIDE, ReportError, _Parcel
from .pdf_layout import (
    CONTENT_W,
    FONT_FAMILY,
    IMAGE_H,
    IMAGE_W,
    LOCATION_H,
    LOCATION_W,
    MAP_H,
    _font,
)


# ----------------------------------------------------------------------------- layers & styles
def _control_style(name: str, rule: str, index: int) -> QgsFillSymbol:
    lowered = name.lower()
    if rule == INSIDE:
        colour = QColor(128, 0, 160)
        symbol = QgsFillSymbol()
        symbol.deleteSymbolLayer(0)
        line = QgsSimpleLineSymbolLayer(colour, 0.7)
        line.setPenStyle(Qt.PenStyle.DashLine)
        fill = QgsSimpleFillSymbolLayer(QColor(0, 0, 0, 0), Qt.BrushStyle.NoBrush)
        fill.setStrokeStyle(Qt.PenStyle.NoPen)
        symbol.appendSymbolLayer(fill)
        # a dashed purple outline (drawn as an outline symbol layer of the fill)
        outline = QgsSimpleFillSymbolLayer(QColor(0, 0, 0, 0), Qt.BrushStyle.NoBrush)
        outline.setStrokeColor(colour)
        outline.setStrokeWidth(0.7)
        outline.setStrokeStyle(Qt.PenStyle.DashLine)
        symbol.appendSymbolLayer(outline)
        return symbol
    if "红线" in name or "red" in lowered or index == 0 and "农田" not in name:
        colour = QColor(220, 20, 30)
    elif "农田" in name or "farm" in lowered:
        colour = None
    else:
        colour = QColor(230, 110, 0)
    if colour is None:  # farmland: yellow fill
        return QgsFillSymbol.createSimple(
            {
                "color": "255,214,0,150",
                "outline_color": "176,140,0,255",
                "outline_width": "0.25",
                "outline_width_unit": "MM",
            }
        )
    symbol = QgsFillSymbol()
    symbol.deleteSymbolLayer(0)
    tint = QColor(colour)
    tint.setAlpha(45)
    base = QgsSimpleFillSymbolLayer(tint, Qt.BrushStyle.SolidPattern)
    base.setStrokeStyle(Qt.PenStyle.NoPen)
    symbol.appendSymbolLayer(base)
    hatch = QgsLinePatternFillSymbolLayer()
    hatch.setLineAngle(45)
    hatch.setDistance(1.6)
    hatch.setLineWidth(0.3)
    hatch.setColor(colour)
    sub = hatch.subSymbol()
    if sub is not None:
        sub.setColor(colour)
        sub.setWidth(0.3)
    symbol.appendSymbolLayer(hatch)
    edge = QgsSimpleFillSymbolLayer(QColor(0, 0, 0, 0), Qt.BrushStyle.NoBrush)
    edge.setStrokeColor(colour)
    edge.setStrokeWidth(0.5)
    symbol.appendSymbolLayer(edge)
    return symbol


def _zoning_style(layer: QgsVectorLayer, field_name: str | None) -> None:
    layer.setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple(
                {
                    "color": "235,235,235,90",
                    "outline_color": "140,140,140,255",
                    "outline_width": "0.15",
                    "outline_width_unit": "MM",
                }
            )
        )
    )
    if field_name and layer.fields().lookupField(field_name) >= 0:
        pal = QgsPalLayerSettings()
        pal.fieldName = field_name
        pal.placement = QgsPalLayerSettings.Placement.OverPoint
        # codes only where they can be read: hidden when the map is zoomed out (multipart…)
        pal.scaleVisibility = True
        pal.minimumScale = 7000.0
        pal.setFormat(_halo_format(QFont(FONT_FAMILY), 7.5, QColor(70, 70, 70), 0.6))
        layer.setLabeling(QgsVectorLayerSimpleLabeling(pal))
        layer.setLabelsEnabled(True)


def _halo_format(font: QFont, size: float, colour: QColor, halo: float) -> QgsTextFormat:
    """Label text of ``size`` pt in ``colour`` with a white halo ``halo`` mm wide."""
    fmt = QgsTextFormat()
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setColor(colour)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(halo)
    buffer.setColor(QColor(255, 255, 255))
    fmt.setBuffer(buffer)
    return fmt


def _parcel_symbol(current: bool) -> QgsFillSymbol:
    symbol = QgsFillSymbol()
    symbol.deleteSymbolLayer(0)
    if current:
        halo = QgsSimpleFillSymbolLayer(QColor(0, 0, 0, 0), Qt.BrushStyle.NoBrush)
        halo.setStrokeColor(QColor(255, 255, 255))
        halo.setStrokeWidth(1.6)
        symbol.appendSymbolLayer(halo)
        line = QgsSimpleFillSymbolLayer(QColor(20, 70, 200, 40), Qt.BrushStyle.SolidPattern)
        line.setStrokeColor(QColor(20, 70, 200))
        line.setStrokeWidth(0.9)
        symbol.appendSymbolLayer(line)
    else:
        line = QgsSimpleFillSymbolLayer(QColor(0, 0, 0, 0), Qt.BrushStyle.NoBrush)
        line.setStrokeColor(QColor(60, 60, 60))
        line.setStrokeWidth(0.35)
        symbol.appendSymbolLayer(line)
    return symbol


def _copy_layer(source: QgsVectorLayer, name: str, extent_map: QgsRectangle, map_crs, ctx):
    """A memory copy of ``source``'s features inside ``extent_map`` (given in the map CRS)."""
    crs = source.crs()
    rect = QgsRectangle(extent_map)
    if crs.isValid() and crs != map_crs:
        try:
            rect = QgsCoordinateTransform(map_crs, crs, ctx).transformBoundingBox(extent_map)
        except Exception:
            rect = source.extent()
    layer = QgsMemoryProviderUtils.createMemoryLayer(
        name, source.fields(), QgsWkbTypes.MultiPolygon, crs
    )
    features = []
    request = QgsFeatureRequest().setFilterRect(rect)
    for feature in source.getFeatures(request):
        geometry = feature.geometry()
        if geometry is None or geometry.isNull():
            continue
        copy = QgsFeature(layer.fields())
        copy.setAttributes(feature.attributes())
        geometry = QgsGeometry(geometry)
        geometry.convertToMultiType()
        copy.setGeometry(geometry)
        features.append(copy)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


@dataclass
class _MapLayers:
    """The styled memory layers drawn under every parcel, top first."""

    control: list  # [(name, rule, layer)]
    zoning: QgsVectorLayer | None
    parcels: QgsVectorLayer

    def stack(self, current: QgsVectorLayer) -> list:
        layers = [current, self.parcels]
        # inside-type lines (dashed outlines) above the avoid-type fills
        layers += [lyr for _, rule, lyr in self.control if rule == INSIDE]
        layers += [lyr for _, rule, lyr in self.control if rule != INSIDE]
        if self.zoning is not None:
            layers.append(self.zoning)
        return layers


DIVISIONS = Path(__file__).resolve().parents[2] / "data" / "changde_counties.geojson"


def _division_layer(info: dict, map_crs, ctx, parcels_extent: QgsRectangle, lang):
    """The division boundaries for the location map: ``info["division_layer"]`` or the bundled
    Changde counties when the parcels lie inside them; None otherwise."""
    source = info.get("division_layer")
    if source is None and DIVISIONS.exists():
        source = QgsVectorLayer(str(DIVISIONS), "divisions", "ogr")
    if source is None or not source.isValid():
        return None
    try:
        extent = QgsCoordinateTransform(source.crs(), map_crs, ctx).transformBoundingBox(
            source.extent()
        )
    except Exception:
        return None
    if not extent.intersects(parcels_extent):
        return None
    layer = _copy_layer(source, lang.tr("Administrative divisions"), extent, map_crs, ctx)
    layer.setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple(
                {
                    "color": "250,250,245,255",
                    "outline_color": "110,110,110,255",
                    "outline_width": "0.3",
                    "outline_width_unit": "MM",
                }
            )
        )
    )
    name_field = next(
        (f for f in ("name", "NAME", "名称", "xzqmc") if layer.fields().lookupField(f) >= 0), None
    )
    if name_field:
        pal = QgsPalLayerSettings()
        pal.fieldName = name_field
        pal.placement = QgsPalLayerSettings.Placement.Horizontal  # inside, avoiding the star
        fmt = QgsTextFormat()
        fmt.setFont(QFont(FONT_FAMILY))
        fmt.setSize(7.5)
        fmt.setColor(QColor(60, 60, 60))
        pal.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(pal))
        layer.setLabelsEnabled(True)
    return layer


def _marker_layer(parcel, map_crs, lang) -> QgsVectorLayer:
    layer = QgsMemoryProviderUtils.createMemoryLayer(
        lang.tr("Reviewed parcel"), QgsFields(), QgsWkbTypes.Point, map_crs
    )
    if not parcel.geometry.isNull() and not parcel.geometry.isEmpty():
        feature = QgsFeature()
        feature.setGeometry(parcel.geometry.pointOnSurface())
        layer.dataProvider().addFeatures([feature])
    layer.setRenderer(
        QgsSingleSymbolRenderer(
            QgsMarkerSymbol.createSimple(
                {
                    "name": "star",
                    "color": "220,20,30,255",
                    "outline_color": "255,255,255,255",
                    "outline_width": "0.3",
                    "size": "4.5",
                }
            )
        )
    )
    # an invisible label makes the star an obstacle the division names keep clear of
    pal = QgsPalLayerSettings()
    pal.fieldName = "' '"
    pal.isExpression = True
    layer.setLabeling(QgsVectorLayerSimpleLabeling(pal))
    layer.setLabelsEnabled(True)
    return layer


def _location_extent(divisions: QgsVectorLayer, parcel, aspect: float, map_crs, ctx):
    """The division containing the parcel (or all of them), with a margin, in the map CRS,
    shaped to ``aspect``."""
    if parcel.geometry.isNull() or parcel.geometry.isEmpty():
        return QgsRectangle()
    to_div = QgsCoordinateTransform(map_crs, divisions.crs(), ctx)
    to_map = QgsCoordinateTransform(divisions.crs(), map_crs, ctx)
    point = QgsGeometry(parcel.geometry.pointOnSurface())
    point.transform(to_div)
    box = None
    for feature in divisions.getFeatures():
        if feature.geometry().intersects(point):
            box = feature.geometry().boundingBox()
            break
    if box is None:
        box = divisions.extent()
    box = to_map.transformBoundingBox(box)
    box.grow(max(box.width(), box.height()) * 0.06)
    return _shaped(box.center(), box.width(), box.height(), aspect)


def _build_map_layers(output_layer, control_layers, info, extent, map_crs, ctx, lang):
    control = []
    for index, (name, layer, rule) in enumerate(control_layers):
        if layer is None or not layer.isValid():
            raise ReportError(
                lang.tr("Control layer '{name}' is missing or invalid.").format(name=name)
            )
        copy = _copy_layer(layer, name, extent, map_crs, ctx)
        copy.setRenderer(QgsSingleSymbolRenderer(_control_style(name, rule, index)))
        control.append((name, rule, copy))
    zoning = None
    zoning_layer = info.get("zoning_layer")
    if zoning_layer is not None and zoning_layer.isValid():
        zoning = _copy_layer(zoning_layer, lang.tr("Planning zoning"), extent, map_crs, ctx)
        _zoning_style(zoning, info.get("zoning_field"))
    parcels = _copy_layer(output_layer, lang.tr("Other parcels"), extent, map_crs, ctx)
    parcels.setRenderer(QgsSingleSymbolRenderer(_parcel_symbol(False)))
    return _MapLayers(control, zoning, parcels)


def _current_layer(parcel: _Parcel, map_crs, lang) -> QgsVectorLayer:
    layer = QgsMemoryProviderUtils.createMemoryLayer(
        lang.tr("Reviewed parcel"), QgsFields(), QgsWkbTypes.MultiPolygon, map_crs
    )
    feature = QgsFeature()
    geometry = QgsGeometry(parcel.geometry)
    if not geometry.isNull():
        geometry.convertToMultiType()
        feature.setGeometry(geometry)
    layer.dataProvider().addFeatures([feature])
    layer.updateExtents()
    layer.setRenderer(QgsSingleSymbolRenderer(_parcel_symbol(True)))
    return layer


def _parcel_extent(parcel: _Parcel, aspect: float) -> QgsRectangle:
    """The parcel's box with room around it, shaped to ``aspect`` (width / height)."""
    if parcel.geometry.isNull() or parcel.geometry.isEmpty():
        return QgsRectangle()
    box = parcel.geometry.boundingBox()
    w, h = max(box.width(), 1.0), max(box.height(), 1.0)
    pad = max(0.6 * max(w, h), 80.0)
    return _shaped(box.center(), w + 2 * pad, h + 2 * pad, aspect)


def _shaped(centre, w: float, h: float, aspect: float) -> QgsRectangle:
    """A box of ``w`` × ``h`` around ``centre``, widened or heightened to ``aspect``
    (width / height)."""
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    return QgsRectangle(
        centre.x() - w / 2, centre.y() - h / 2, centre.x() + w / 2, centre.y() + h / 2
    )


def _render(layers: list, extent: QgsRectangle, map_crs, ctx, width: int, height: int) -> QImage:
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(map_crs)
    settings.setTransformContext(ctx)
    settings.setOutputSize(QSize(width, height))
    settings.setOutputDpi(150)
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setExtent(extent)
    image = QImage(QSize(width, height), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.renderSynchronously()
    painter.setPen(QColor(80, 80, 80))
    painter.drawRect(0, 0, width - 1, height - 1)
    painter.end()
    return image


def _render_png(layers, extent, map_crs, ctx, path: str, inset=None, caption="") -> None:
    """The parcel map as a PNG; ``inset`` = (layers, extent) of a location map drawn in the
    top-right corner, as on the PDF page."""
    image = _render(layers, extent, map_crs, ctx, IMAGE_W, IMAGE_H)
    if inset is not None and not inset[1].isEmpty():
        w = int(IMAGE_W * LOCATION_W / CONTENT_W)
        h = int(IMAGE_H * LOCATION_H / MAP_H)
        small = _render(inset[0], inset[1], map_crs, ctx, w, h)
        painter = QPainter(image)
        painter.drawImage(IMAGE_W - w, 0, small)
        if caption:
            painter.setFont(_font(10))
            box = painter.fontMetrics().boundingRect(caption).adjusted(-4, -3, 4, 3)
            box.moveTopLeft(QPoint(IMAGE_W - w + 1, 1))
            painter.fillRect(box, QColor(255, 255, 255, 235))
            painter.setPen(QColor(40, 40, 40))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), caption)
        painter.end()
    if not image.save(path, "PNG"):
        raise ReportError(f"{path}: could not write the map image")


def _scale_denominator(extent: QgsRectangle, width_mm: float) -> int:
    raw = extent.width() / (width_mm / 1000.0)
    nice = [500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000, 100000]
    return next((n for n in nice if n >= raw), int(math.ceil(raw / 1000.0) * 1000))
