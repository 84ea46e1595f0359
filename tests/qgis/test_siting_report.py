"""The 辅助选址 report (``REPORT`` of ``yimatong:siteselection``): HTML or PDF by the file's
extension, in Chinese whatever QGIS's locale is; read back as a reader would (pdftotext)."""

import base64
import re
import shutil
import subprocess
import unicodedata

import pytest
import shapely
from shapely.geometry import LineString, box

from tests.qgis.test_complianceoverlay import Feedback, memory_layer, shift
from tests.qgis.test_siteselection import run, sites

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)


def pdf_text(path) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return out.stdout.decode("utf-8")


def squeeze(text: str) -> str:
    """The text without blanks (pdftotext breaks lines where the table wraps them), NFKC
    (the CJK font's glyphs map back to Kangxi radicals such as ⼀ for 一)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def N(text: str) -> str:  # a needle as squeeze() leaves the text
    return squeeze(text)


def two_sites_case():
    """Two squares in the urban development boundary (a 10 m corridor between them removed by
    the width), one zoned 1001, a road to the west of the first: known ranks."""
    search = memory_layer("search", [shift(box(0, 0, 1000, 1000))])
    udb_geom = shapely.union_all(
        [box(0, 0, 200, 200), box(300, 0, 500, 200), box(200, 95, 300, 105)]
    )
    udb = memory_layer("城镇开发边界", [shift(udb_geom)])
    red = memory_layer("生态保护红线", [shift(box(600, 600, 700, 700))])
    zoning = memory_layer("规划分区", [shift(box(0, 0, 1000, 1000))], fields={"code": ["1001"]})
    road = memory_layer(
        "道路", [shift(LineString([(-40, -50), (-40, 1050)]))], geometry="LineString"
    )
    protected = memory_layer("自然保护地", [shift(box(900, 0, 950, 50))])
    return {
        "SEARCH_AREA": search,
        "CONTROL_LAYERS": [udb, red],
        "ZONING": zoning,
        "ZONING_FIELD": "code",
        "ZONING_CLASSIFICATION": 1,
        "LAND_USE": "1001",
        "MIN_WIDTH_M": 20.0,
        "CRITERIA": [road, protected],
        "CRITERIA_RULES": "道路=near:3;自然保护地=far:1",
    }


@needs_poppler
def test_pdf_report_in_chinese_with_request_constraints_method_and_reasons(
    processing_ready, tmp_path
):
    pdf = tmp_path / "选址报告.pdf"
    res = run({**two_sites_case(), "REPORT": str(pdf)}, Feedback())
    assert res["REPORT"] == str(pdf)
    first, second = sites(res)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".ymt_siting_*"))  # the temporary file was moved into place
    text = pdf_text(pdf)
    flat = squeeze(text)
    assert N("辅助选址报告") in flat
    # the request
    # (poppler drops some digit runs of Qt's PDF text, e.g. the 4546 of EPSG:4546, which the
    # page shows: the tests look for what it extracts)
    assert N("1001工业用地") in flat and N("最小宽度(m)20") in flat and N("EPSG:") in flat
    # the constraints, their rules and where they come from (memory layers: the provider)
    assert N("城镇开发边界") in flat and N("生态保护红线") in flat and N("规划分区") in flat
    assert N("memory") in flat
    # the method with the weights: 3 of 4 for the road, 1 of 4 for the protected area
    assert N("加权") in flat and N("75.0%") in flat and N("25.0%") in flat
    # the map and the table
    assert N("候选地块（标注：排名）") in flat  # the map's legend
    # why each ranks where it does: the score as its terms, and the comparison with the next
    assert f"{first['score']:.3f}" in flat and f"{second['score']:.3f}" in flat
    assert N("道路3/4×1.00") in flat
    assert N("领先第2名") in flat
    assert N("辅助选址报告 · 第") in flat  # the page footer


@needs_poppler
def test_pdf_report_shows_the_control_set_and_its_approval_document(processing_ready, tmp_path):
    """The hook for control sets: ``info["constraints"]`` entries with ``set`` and
    ``document`` are printed beside the layer."""
    from yimatong_plugin.core.overlay import ControlLayer
    from yimatong_plugin.core.siting import select_sites
    from yimatong_plugin.gis.reports.siting import write_report

    red = ControlLayer("生态保护红线", [shift(box(600, 0, 1000, 1000))], "avoid")
    search = shift(box(0, 0, 1000, 1000))
    result = select_sites([search], [red], min_area=1000)
    info = {
        "search": "测试区",
        "land_use": "1001",
        "min_area": 1000.0,
        "max_area": None,
        "min_width": 0.0,
        "area_crs": "EPSG:4546",
        "date": "2026-11-29T12:00:00",
        "constraints": [
            {
                "name": "生态保护红线",
                "rule": "avoid",
                "source": "三区三线.gpkg | 生态保护红线",
                "set": "2024年三区三线划定成果",
                "document": "湘自然资函〔2024〕12号",
            }
        ],
    }
    pdf = tmp_path / "report.pdf"
    assert write_report(result, info, search, pdf, [red]) == str(pdf)
    flat = squeeze(pdf_text(pdf))
    assert N("2024年三区三线划定成果") in flat
    assert N("湘自然资函〔2024〕12号") in flat
    assert N("三区三线.gpkg") in flat
    assert N("唯一") in flat  # the only candidate
    html = tmp_path / "report.html"
    write_report(result, info, search, html, [red])
    page = html.read_text(encoding="utf-8")
    assert "湘自然资函〔2024〕12号" in page and "2024年三区三线划定成果" in page


def test_html_report_is_one_page_with_the_map_inline(processing_ready, tmp_path):
    html = tmp_path / "选址报告.html"
    res = run({**two_sites_case(), "REPORT": str(html)}, Feedback())
    first, second = sites(res)
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in page
    assert "辅助选址报告" in page and "约束条件及版本" in page
    match = re.search(r'src="data:image/png;base64,([^"]+)"', page)
    assert match, "the map is inline"
    png = base64.b64decode(match.group(1))
    assert png.startswith(b"\x89PNG")
    from qgis.PyQt.QtGui import QImage

    image = QImage.fromData(png, "PNG")
    assert image.width() > 500
    # orange candidates are drawn (the map is not blank)
    orange = sum(
        1
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
        if _is_orange(image.pixelColor(x, y))
    )
    assert orange > 50
    assert f"{first['score']:.3f}" in page and "领先第2名" in page
    assert "<td>道路</td>" in page and "75.0%" in page
    assert not list(tmp_path.glob("*_files"))  # nothing beside the page


def _is_orange(colour) -> bool:
    return colour.red() > 200 and 110 < colour.green() < 190 and colour.blue() < 120


def test_report_without_candidates_says_so(processing_ready, tmp_path):
    search = memory_layer("search", [shift(box(0, 0, 100, 100))])
    red = memory_layer("生态保护红线", [shift(box(-10, -10, 110, 110))])
    html = tmp_path / "none.html"
    res = run(
        {"SEARCH_AREA": search, "CONTROL_LAYERS": [red], "LAND_USE": "1001", "REPORT": str(html)}
    )
    assert sites(res) == []
    page = html.read_text(encoding="utf-8")
    assert "没有候选选址" in page
    assert "data:image/png" not in page


def test_map_draws_a_red_line_where_it_is_when_its_corner_meets_the_window(qgis_app):
    """The red line's ring runs along the window's bottom edge and turns in at its corner:
    GEOS's clip_by_rect drew the window *minus* the red line (the 24 m² notch) on the map."""
    from types import SimpleNamespace

    from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

    from yimatong_plugin.core.overlay import ControlLayer
    from yimatong_plugin.gis.reports.language import _Language
    from yimatong_plugin.gis.reports.siting_maps import SitingMap

    red = shapely.Polygon(
        [(0, 0), (10, 0), (12, 3), (18, 3), (20, 0), (100, 0), (100, 100), (0, 100)]
    )
    window = (10.0, 0.0, 50.0, 50.0)
    land = SimpleNamespace(land=SimpleNamespace(geometry=box(0, 0, 100, 100)))
    site_map = SitingMap(
        land,
        [],
        box(0, 0, 100, 100),
        [ControlLayer("生态保护红线", [red], "avoid")],
        QgsCoordinateReferenceSystem("EPSG:4546"),
        _Language("zh_CN"),
        QgsRectangle(*window),
    )
    ((_rule, layer),) = site_map.controls
    drawn = sum(f.geometry().area() for f in layer.getFeatures())
    assert drawn == pytest.approx(shapely.intersection(red, box(*window)).area, rel=1e-3)  # 1976
