"""统计简报 as PDF: the brief's HTML (``core/statistics/brief.py``) printed on A4 landscape pages
with a CJK font by Qt's text document and PDF printer — as the project file's PDF is
(``gis/projectbox_report.py``); the charts are the same matplotlib PNGs, as files.

Every table fits the page: numbers never wrap, and each table gets the largest type (8 pt down
to :data:`MIN_POINTS`) at which its columns fit the text width, measured with the font's own
metrics. A table too wide even then keeps the smallest type and lets its numbers wrap in their
cells (never a column cut off at the page edge); :func:`overflowing_tables` checks the laid-out
document.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from qgis.PyQt.QtCore import QSizeF, QUrl
from qgis.PyQt.QtGui import QFont, QFontMetricsF, QImage, QTextDocument, QTextTable

from ..core.statistics import charts
from ..core.statistics.brief import brief_html
from ..core.statistics.tables import display_text
from .projectbox_report import CJK_FONT, print_a4_pdf

#: the text width of A4 landscape with 12 mm margins, in points (the document's units)
TEXT_WIDTH = (297 - 24) / 25.4 * 72
CHART_WIDTH = 560  # points
SIZES = (8.0, 7.5, 7.0, 6.5, 6.0, 5.5)
MIN_POINTS = SIZES[-1]
PADDING = 2  # cellpadding, each side
CELL_EXTRA = 2 * PADDING + 2  # padding and borders of one cell
SLACK = 0.97  # of the text width the columns may take (the layout's own rounding)


READABLE = 24  # characters a line at least, for a column of long text
HEADER_LINE = 6  # characters a header line at most, when there is room
SHORT = 8  # characters: a name this short (武陵区, 闲置土地) stays on one line


def _breakable(text: str) -> bool:
    """Text that may wrap: with spaces, or longer than :data:`SHORT` with Chinese characters."""
    return any(ch.isspace() for ch in text) or (
        len(text) > SHORT and any(ord(ch) > 0x2E80 for ch in text)
    )


def _min_width(
    metrics: QFontMetricsF, texts: list[str], wraps: bool, header: bool = False
) -> float:
    """The narrowest a column can be: its widest unbreakable text (a number, a code, a word,
    a short name; longer Chinese text, and any header, breaks between characters)."""
    widest = 0.0
    for text in texts:
        pieces = text.split() if wraps else [text]
        for piece in pieces:
            if wraps and (header or _breakable(piece)):
                piece = max(piece, key=metrics.horizontalAdvance)
            widest = max(widest, metrics.horizontalAdvance(piece))
    return widest + CELL_EXTRA


def _columns(table):
    return [(c, [row[i] for row in table.rows]) for i, c in enumerate(table.columns)]


def _metrics(points: float) -> QFontMetricsF:
    font = QFont(CJK_FONT)
    font.setPointSizeF(points)
    return QFontMetricsF(font)


def _widths(table, points: float) -> list[tuple[float, float]]:
    """Each column's (narrowest, natural) width at ``points``: numbers, codes and dates on one
    line; text with spaces or Chinese may wrap."""
    metrics = _metrics(points)
    out = []
    for column, values in _columns(table):
        texts = [display_text(v, column) for v in values]
        wraps = column.kind == "text"
        narrow = max(
            _min_width(metrics, texts, wraps),
            _min_width(metrics, [column.header], wraps=True, header=True),
        )
        char = metrics.horizontalAdvance("中")
        # a header wraps in lines of HEADER_LINE characters at most
        head = min(metrics.horizontalAdvance(column.header), HEADER_LINE * char) + CELL_EXTRA
        natural = max([metrics.horizontalAdvance(t) + CELL_EXTRA for t in texts] + [narrow, head])
        if wraps:  # long text keeps a readable width: READABLE characters a line
            narrow = max(narrow, min(natural, READABLE * char))
        out.append((narrow, natural))
    return out


def fitting_points(table, width: float = TEXT_WIDTH) -> float | None:
    """The largest type size of :data:`SIZES` at which ``table`` fits ``width`` with its
    numbers on one line, else None."""
    for points in SIZES:
        if sum(narrow for narrow, _ in _widths(table, points)) <= width * SLACK:
            return points
    return None


def _shares(widths: list[tuple[float, float]], width: float) -> list[float]:
    """Column widths in % of the table: the natural widths when they fit, else the narrowest
    plus the room left, given to the columns that wrap by how much more they would take."""
    natural = sum(n for _, n in widths)
    if natural <= width:
        return [100.0 * n / natural for _, n in widths]
    room = width - sum(m for m, _ in widths)
    want = sum(n - m for m, n in widths) or 1.0
    return [100.0 * (m + max(room, 0.0) * (n - m) / want) / width for m, n in widths]


def pdf_table(table, width: float = TEXT_WIDTH) -> str:
    """``table`` as HTML for the PDF, in the type that fits ``width`` (see the module doc)."""
    points = fitting_points(table, width)
    nowrap = points is not None
    points = points or MIN_POINTS
    size = f"font-size: {points}pt;"  # on each cell: Qt's cells do not inherit it
    one_line = size + " white-space: nowrap;"
    shares = _shares(_widths(table, points), width)
    head = "".join(
        f"<th width='{share:.1f}%' style='{size}'>{html.escape(c.header)}</th>"
        for c, share in zip(table.columns, shares)
    )
    rows = []
    for row in table.rows:
        cells = []
        for value, column in zip(row, table.columns):
            text = html.escape(display_text(value, column))
            if column.kind == "text" and value is not None:
                # a code, a date, a short name: kept on one line (it was measured so)
                keep = nowrap and not _breakable(str(value))
                cells.append(f"<td style='{one_line if keep else size}'>{text}</td>")
            else:
                cells.append(
                    f"<td align='right' style='{one_line if nowrap else size}'>{text}</td>"
                )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table width='100%' cellspacing='0' cellpadding='{PADDING}' border='1' "
        f"style='border-collapse: collapse'><tr>{head}</tr>{''.join(rows)}</table>"
    )


def brief_document(stats, description, folder: Path) -> QTextDocument:
    """The brief laid out on the PDF's page (chart PNGs written to ``folder``)."""
    doc = QTextDocument()
    doc.setDefaultFont(QFont(CJK_FONT, 9))

    def image(table) -> str:
        png = Path(folder) / f"{table.key}.png"
        charts.render_png(table, str(png))
        picture = QImage(str(png))
        url = f"charts/{table.key}.png"
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), picture)
        # QTextDocument does not scale max-width: give the charts their width
        height = int(round(picture.height() * CHART_WIDTH / max(1, picture.width())))
        return f"<p><img src='{url}' width='{CHART_WIDTH}' height='{height}'></p>"

    text = brief_html(stats, description, image, pdf_table)
    # the page has its margins; the head table (date, filters) takes the text width
    text = (
        text.replace("margin: 2em;", "margin: 0;")
        .replace("padding: 2px 6px;", f"padding: {PADDING}px;")
        .replace("<table>", "<table width='100%' cellspacing='0' cellpadding='2'>")
    )
    doc.setHtml(text)
    doc.setPageSize(QSizeF(TEXT_WIDTH, (210 - 24) / 25.4 * 72))
    return doc


def overflowing_tables(doc: QTextDocument) -> list[float]:
    """The widths of the laid-out tables wider than the page's text width (none: all fit)."""
    layout = doc.documentLayout()
    out = []
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            width = layout.frameBoundingRect(frame).width()
            if width > doc.textWidth() + 0.5:
                out.append(width)
    return out


def write_brief_pdf(stats, pdf_path, description: list[tuple[str, str]]) -> None:
    """Write the brief of ``stats`` to ``pdf_path`` (A4 landscape)."""
    pdf_path = Path(pdf_path)
    with tempfile.TemporaryDirectory(prefix="ymt-brief-") as folder:
        doc = brief_document(stats, description, Path(folder))
        print_a4_pdf(doc, pdf_path, landscape=True)
