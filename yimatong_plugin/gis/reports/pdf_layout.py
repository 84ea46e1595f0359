"""PDF layout pieces of the reports: A4 page geometry, fonts, labels, table cells and the
manual tables with row heights set (a QgsPrintLayout, exported by QgsLayoutExporter)."""

from __future__ import annotations

import math
import os

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemManualTable,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsProject,
    QgsTableCell,
    QgsTextFormat,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

FONT_FAMILY = "Noto Sans CJK SC"

HEADER_BG = QColor(232, 238, 248)

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
    from ..layout_text import TextItem

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


def _em_units(ch: str) -> float:
    return _EM.get(ch, 1.0 if ord(ch) > 0x2E80 else 0.6)


def _lines_needed(text: str, width_mm: float, size_pt: float) -> int:
    """Rough line count of ``text`` wrapped at ``width_mm`` (CJK glyphs ≈ 1 em wide); each
    line break in ``text`` starts a new line."""
    em_mm = size_pt * 0.3528
    total = 0
    for line in str(text).split("\n"):
        units = sum(_em_units(ch) for ch in line)
        total += max(1, int(math.ceil(units * em_mm / max(width_mm, 1.0))))
    return total


_NO_LINE_START = "，。；：、）》」』！？,.;:)"


def wrap_text(text: str, width_mm: float, size_pt: float, fill: float = 0.94) -> str:
    """``text`` with line breaks where it reaches ``fill`` of ``width_mm``: layout tables wrap
    only at spaces, so Chinese text without spaces would run out of its cell."""
    em_mm = size_pt * 0.3528
    room = max(width_mm, 1.0) * fill / em_mm
    lines, line, used = [], "", 0.0
    for ch in str(text):
        if ch == "\n":
            lines.append(line)
            line, used = "", 0.0
            continue
        w = _em_units(ch)
        if used + w > room and line and ch not in _NO_LINE_START:
            cut = line.rfind(" ")
            if ch != " " and cut > len(line) // 2 and all(ord(c) < 0x2E80 for c in line[cut:]):
                lines.append(line[:cut])  # break a word-wrapped (Latin) line at its last space
                line = line[cut + 1 :]
                used = sum(_em_units(c) for c in line)
            else:
                lines.append(line)
                line, used = "", 0.0
            if ch == " ":
                continue
        line += ch
        used += w
    lines.append(line)
    return "\n".join(lines)


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
