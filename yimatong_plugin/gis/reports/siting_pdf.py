"""The 辅助选址 report as a PDF: a QGIS print layout on the compliance report's document layer
(:mod:`.pdf_layout`: A4 pages, Noto Sans CJK labels, tables with set row heights)."""

from __future__ import annotations

import math

from qgis.core import (
    QgsLayoutItemPage,
    QgsPrintLayout,
    QgsProject,
    QgsRenderContext,
)
from qgis.PyQt.QtGui import QColor

from ..qgis_compat import _qgis_enum
from . import pdf_items as items
from .pdf_layout import (
    CONTENT_W,
    HEADER_BG,
    MARGIN,
    PAGE_H,
    PAGE_W,
    _cell,
    _fit_widths,
    _label,
    _lines_needed,
    _table,
    wrap_text,
)

# text stays text in the PDF (searchable, copyable; the default draws table text as outlines)
TEXT_AS_TEXT = _qgis_enum(
    "TextRenderFormat", "AlwaysText", QgsRenderContext, "TextFormatAlwaysText"
)
MAP_H = 125.0  # mm
BOTTOM = PAGE_H - MARGIN - 6  # the page number sits below
LINE = 8.5 * 0.3528 * 1.45  # one table text line (mm) at 8.5 pt


class _Flow:
    """Items placed down the pages, a new page when the next one does not fit."""

    def __init__(self, layout):
        self.layout = layout
        self.pages = layout.pageCollection()
        self.page = 0
        self.y = MARGIN

    def new_page(self) -> None:
        page = QgsLayoutItemPage(self.layout)
        page.setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
        self.pages.addPage(page)
        self.page = self.pages.pageCount() - 1
        self.y = MARGIN

    def room(self, height: float) -> None:
        if self.y + height > BOTTOM and self.y > MARGIN:
            self.new_page()

    def label(self, text, height, size=9.5, bold=False, colour=None, gap=1.0, center=False):
        lines = _lines_needed(text, CONTENT_W, size)
        h = max(height, lines * size * 0.3528 * 1.5 + 1)
        self.room(h)
        _label(
            self.layout, self.page, text, MARGIN, self.y, CONTENT_W, h, size, bold, colour, center
        )
        self.y += h + gap

    def heading(self, text) -> None:
        self.room(7 + 4 * LINE)  # never alone at the foot of a page
        self.y += 2
        self.label(text, 7, size=12, bold=True)

    def table(self, head, rows, widths, size=8.5, key_column=False) -> None:
        """``rows`` of strings over as many pages as they need, the header on each."""
        drawn = _fit_widths(widths, CONTENT_W, 1.0, 0.2)  # as _table draws them
        rows = [[wrap_text(t, w - 2.2, size) for t, w in zip(row, drawn)] for row in rows]
        if head:
            head = [wrap_text(t, w - 2.2, size) for t, w in zip(head, drawn)]

        def cells(row):
            out = []
            for k, text in enumerate(row):
                if key_column and k == 0:
                    out.append(_cell(text, bold=True, bg=HEADER_BG))
                else:
                    out.append(_cell(text, right=not key_column and _numeric(text)))
            return out

        def height(row):
            lines = max(_lines_needed(t, w - 2.2, size) for t, w in zip(row, drawn))
            return lines * size * 0.3528 * 1.45 + 2.6

        head_h = height(head) if head else 0.0
        remaining = list(rows)
        while remaining:
            room = BOTTOM - self.y - head_h - 4
            chunk, used = [], 0.0
            for row in remaining:
                if chunk and used + height(row) > room:
                    break
                chunk.append(row)
                used += height(row)
            if used > room and self.y > MARGIN:  # not even one row fits here
                self.new_page()
                continue
            remaining = remaining[len(chunk) :]
            h = _table(
                self.layout,
                self.page,
                MARGIN,
                self.y,
                CONTENT_W,
                used + head_h,
                head,
                [cells(r) for r in chunk],
                widths,
                size,
            )
            self.y += h + 3
            if remaining:
                self.new_page()


def _numeric(text) -> bool:
    t = str(text).replace(",", "").replace(".", "").replace("%", "").replace("-", "")
    return t.isdigit()


def export_pdf(content, site_map, crs, path: str) -> int:
    """Write the report to ``path``; returns the page count."""
    tr = content.tr
    items.require_event_loop(path, tr)
    project = QgsProject()
    project.setCrs(crs)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(content.title)
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
    flow = _Flow(layout)
    _build(flow, content, site_map, crs)
    items.page_numbers(layout, content.title, tr)
    pages = layout.pageCollection().pageCount()
    items.export_layout(layout, path, tr, TEXT_AS_TEXT)
    return pages


def _build(flow: _Flow, content, site_map, crs) -> None:
    tr = content.tr
    flow.label(content.title, 12, size=20, bold=True, center=True)
    flow.label(
        tr("Generated by Yimatong on {date}").format(date=content.date),
        6,
        size=9,
        colour=QColor(90, 90, 90),
        center=True,
        gap=4,
    )
    flow.heading(tr("Request"))
    flow.table(None, content.request_items(), [40.0, CONTENT_W - 40.0], key_column=True)
    flow.heading(tr("Constraints and their versions"))
    head = [tr("Layer"), tr("Rule"), tr("Source and version"), tr("Removed (m²)")]
    flow.table(head, content.constraint_rows(), [32.0, 40.0, 78.0, 30.0])
    flow.label(content.land_summary(), 6)
    flow.heading(tr("Method"))
    for k, line in enumerate(content.method_lines(), start=1):
        flow.label(f"{k}. {line}", 5, size=9)
    weights = content.weight_rows()
    if weights:
        head = [tr("Criterion"), tr("Direction"), tr("Weight"), tr("Share of the score")]
        flow.table(head, weights, [60.0, 50.0, 30.0, 40.0])
    flow.room(MAP_H + 30)  # the heading stays with its map
    flow.heading(tr("Map of the top candidates"))
    if site_map is None:
        flow.label(tr("No candidate site: no allowed land meets the size and width"), 6)
    else:
        _map(flow, site_map, crs, tr)
    flow.heading(tr("Candidates"))
    flow.label(
        tr("{n} candidate sites; the first {top} are listed.").format(
            n=len(content.candidates), top=len(content.top)
        ),
        5,
    )
    if content.top:
        head = content.candidate_head()
        widths = [12.0, 15.0, 27.0, 19.0, 19.0, 18.0]  # scaled to the page's width
        extra = len(head) - len(widths)  # one column per criterion
        if extra:
            widths += [(CONTENT_W - sum(widths)) / extra] * extra
        flow.table(head, [content.candidate_row(c) for c in content.top], widths, size=8)
        flow.heading(tr("Why each candidate ranks where it does"))
        why = [(str(c.rank), content.why(i)) for i, c in enumerate(content.top)]
        flow.table([tr("Rank"), tr("Reasons")], why, [12.0, CONTENT_W - 12.0], size=8)


def _map(flow: _Flow, site_map, crs, tr) -> None:
    layout = flow.layout
    legend_rows = math.ceil(len(site_map.layers()) / 3)
    flow.room(MAP_H + 8 * legend_rows + 4)
    y = flow.y
    item = items.map_item(
        layout, flow.page, crs, site_map.layers(), MARGIN, y, CONTENT_W, MAP_H, site_map.extent
    )
    items.scale_bar(layout, flow.page, item, MARGIN + 3, y + MAP_H - 13)
    items.north_arrow(layout, flow.page, PAGE_W - MARGIN - 12, y + 3)
    flow.y = y + MAP_H + 2
    items.legend(layout, flow.page, item, site_map.layers(), 3, MARGIN, flow.y)
    flow.y += 8 * legend_rows + 2
