"""Map pieces and export of the reports' PDFs, shared by the compliance and the 辅助选址 report:
the framed map item, its scale bar, north arrow and legend, and the export of the print layout
(refused from a plain Python thread, where QgsLayoutExporter writes blank pages)."""

from __future__ import annotations

from qgis.core import (
    QgsLayoutExporter,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsTextFormat,
)
from qgis.PyQt.QtCore import QThread
from qgis.PyQt.QtGui import QColor, QFont

from ..qgis_compat import DISTANCE_METERS, SCALEBAR_FIT_WIDTH, set_legend_font
from .compliance_data import ReportError
from .pdf_layout import CONTENT_W, FONT_FAMILY, MARGIN, PAGE_H, _font, _label, _north_arrow


def map_item(layout, page: int, crs, layers, x: float, y: float, w: float, h: float, extent):
    """A framed map of ``layers`` (kept as set) at ``x, y`` zoomed to ``extent``."""
    item = QgsLayoutItemMap(layout)
    item.setCrs(crs)
    item.setLayers(layers)
    item.setKeepLayerSet(True)
    item.setFrameEnabled(True)
    item.setFrameStrokeWidth(QgsLayoutMeasurement(0.3))
    layout.addLayoutItem(item)
    item.attemptResize(QgsLayoutSize(w, h))
    item.attemptMove(QgsLayoutPoint(x, y), page=page)
    item.zoomToExtent(extent)
    return item


def scale_bar(layout, page: int, item, x: float, y: float) -> None:
    """A metre scale bar of map ``item`` (two segments, 20-45 mm) on a white background."""
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
    fmt = QgsTextFormat()
    fmt.setFont(_font(8))
    fmt.setSize(8)
    scale.setTextFormat(fmt)
    scale.setBackgroundEnabled(True)
    scale.setBackgroundColor(QColor(255, 255, 255, 220))
    layout.addLayoutItem(scale)
    scale.attemptMove(QgsLayoutPoint(x, y), page=page)
    scale.update()


def north_arrow(layout, page: int, x: float, y: float) -> None:
    """QGIS's north arrow (9 × 13 mm) at ``x, y``; nothing where its SVG is not installed."""
    arrow_svg = _north_arrow()
    if arrow_svg:
        arrow = QgsLayoutItemPicture(layout)
        arrow.setPicturePath(arrow_svg)
        arrow.setBackgroundEnabled(False)
        layout.addLayoutItem(arrow)
        arrow.attemptResize(QgsLayoutSize(9, 13))
        arrow.attemptMove(QgsLayoutPoint(x, y), page=page)


def legend(layout, page: int, item, layers, columns: int, x: float, y: float) -> None:
    """A legend of ``layers`` in ``columns`` columns, untitled, 8 pt, linked to map ``item``."""
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("")
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for lyr in layers:
        root.addLayer(lyr)
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
    legend.attemptMove(QgsLayoutPoint(x, y), page=page)


def page_numbers(layout, title: str, tr) -> None:
    """ "<title> · page n of N" at the foot of every page of ``layout``."""
    total = layout.pageCollection().pageCount()
    for index in range(total):
        _label(
            layout,
            index,
            tr("{title} · page {page} of {total}").format(title=title, page=index + 1, total=total),
            MARGIN,
            PAGE_H - MARGIN + 4,
            CONTENT_W,
            5,
            size=8,
            colour=QColor(110, 110, 110),
            center=True,
        )


def require_event_loop(path: str, tr) -> None:
    """Refuse a PDF from a plain Python thread: measured, QgsLayoutExporter writes blank pages
    there; the main thread and QThreads (QgsTask, Processing's background runs) work."""
    if QThread.currentThread().eventDispatcher() is None:
        raise ReportError(
            tr(
                "{path}: the PDF can only be written from the main thread or a QThread "
                "(QgsTask, Processing), not from a plain Python thread"
            ).format(path=path)
        )


def export_layout(layout, path: str, tr, text_render_format=None) -> None:
    """Export ``layout`` to the PDF ``path`` at 200 dpi, vector; a failure is a ReportError."""
    exporter = QgsLayoutExporter(layout)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 200
    settings.rasterizeWholeImage = False
    if text_render_format is not None:
        settings.textRenderFormat = text_render_format
    result = exporter.exportToPdf(path, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise ReportError(
            tr("{path}: the PDF could not be written (error {code}: {message})").format(
                path=path, code=int(result), message=exporter.errorMessage()
            )
        )
