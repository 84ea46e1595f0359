"""统计简报 as PDF: the brief's HTML (``core/statistics/brief.py``) printed on A4 pages with a
CJK font by Qt's text document and PDF printer — as the project file's PDF is
(``gis/projectbox_report.py``); the charts are the same matplotlib PNGs, as files."""

from __future__ import annotations

import tempfile
from pathlib import Path

from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QFont, QImage, QTextDocument

from ..core.statistics import charts
from ..core.statistics.brief import brief_html
from .projectbox_report import CJK_FONT, print_a4_pdf

CHART_WIDTH = 470  # points: within the ~527 pt text width of A4 with 12 mm margins


def write_brief_pdf(stats, pdf_path, description: list[tuple[str, str]]) -> None:
    """Write the brief of ``stats`` to ``pdf_path`` (A4 portrait)."""
    pdf_path = Path(pdf_path)
    doc = QTextDocument()
    doc.setDefaultFont(QFont(CJK_FONT, 9))
    with tempfile.TemporaryDirectory(prefix="ymt-brief-") as folder:

        def image(table) -> str:
            png = Path(folder) / f"{table.key}.png"
            charts.render_png(table, str(png))
            picture = QImage(str(png))
            url = f"charts/{table.key}.png"
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), picture)
            # QTextDocument does not scale max-width: give the charts the text width
            height = int(round(picture.height() * CHART_WIDTH / max(1, picture.width())))
            return f"<p><img src='{url}' width='{CHART_WIDTH}' height='{height}'></p>"

        text = brief_html(stats, description, image)
    # the page has its margins; tables take the text width (QTextDocument sizes them tight)
    # and a smaller type, so that the numbers of the wide tables keep to one line
    text = (
        text.replace("margin: 2em;", "margin: 0;")
        .replace("font-size: 9.5pt;", "font-size: 7pt;")
        .replace("<table>", "<table width='100%' cellspacing='0' cellpadding='2'>")
    )
    doc.setHtml(text)
    print_a4_pdf(doc, pdf_path)
