"""The 统计简报 PDF's tables fit the page: laid out on A4 landscape, no table is wider than the
text width and no number wraps in its cell, even in the widest tables (13 columns); the PDF's
pages are A4 landscape."""

import datetime as dt
import re
import shutil
import subprocess

import pytest
from qgis.PyQt.QtGui import QTextTable

from tests import statistics_data as sd
from tests import statistics_towns_data as td
from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.statistics import compute
from yimatong_plugin.core.statistics.towns import add_town_breakdown
from yimatong_plugin.gis import statistics_pdf

NUMBER = re.compile(r"^[\d,.%—-]+$")


@pytest.fixture(scope="module")
def stats(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("brief") / "demo.gpkg")
    with open_library(path) as lib:
        sd.build_demo(lib)
        stats = compute(lib, dt.date(2026, 6, 30))
        add_town_breakdown(stats, lib, td.demo_town_layer())
    return stats


def _cells(table: QTextTable):
    for r in range(table.rows()):
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            block = cell.firstCursorPosition().block()
            yield r, c, block.text(), block.layout().lineCount()


def test_every_table_fits_and_no_number_wraps(qgis_app, stats, tmp_path):
    assert max(len(t.columns) for t in stats.tables) == 13  # the widest: 批而未供消化趋势
    doc = statistics_pdf.brief_document(stats, stats.description(), tmp_path)
    assert doc.textWidth() == pytest.approx(statistics_pdf.TEXT_WIDTH)
    assert statistics_pdf.overflowing_tables(doc) == []
    tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) == 1 + 15  # the scope, and the brief's tables (with the one by town)
    wrapped = [
        (i, r, c, text)
        for i, table in enumerate(tables)
        for r, c, text, lines in _cells(table)
        if NUMBER.match(text) and lines > 1
    ]
    assert wrapped == []
    numbers = sum(1 for t in tables for _, _, text, _ in _cells(t) if NUMBER.match(text))
    assert numbers > 500


def test_the_pdf_is_a4_landscape(qgis_app, stats, tmp_path):
    if not shutil.which("pdfinfo"):
        pytest.skip("poppler-utils (pdfinfo) not installed")
    pdf = tmp_path / "统计简报.pdf"
    statistics_pdf.write_brief_pdf(stats, pdf, stats.description())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width), round(height)) == (842, 595)
