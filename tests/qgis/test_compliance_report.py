"""The compliance report: HTML content (parsed), the PDF's pages (rendered to PNG)."""

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsMemoryProviderUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QImage

from tests.tools import require
from yimatong_plugin.core.units import m2_to_hectares, m2_to_mu
from yimatong_plugin.gis.compliance_report import ReportError, display_code, write_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "yimatong_plugin" / "data" / "sample" / "changde_sample.gpkg"

# what a fake engine "found" for three parcels of the sample data (values chosen by hand; the
# report must print exactly these, in m², 公顷 and 亩)
FAKE = {
    "DK-2024-001": dict(
        area=35200.0,
        verdict="合规",
        rule="no conflict with the control lines and the planned use",
        code="4343070220240301120701000001",
        rows=[("城镇开发边界", "", 35200.0, 1.0, 0.0), ("zoning", "0701", 35200.0, 1.0, None)],
    ),
    "DK-2024-005": dict(
        area=52000.0,
        verdict="冲突",
        rule="生态保护红线: 17,518.97 m² overlap (avoid)",
        code="4343070220240301120901000005",
        rows=[
            ("生态保护红线", "", 17518.97, 17518.97 / 52000.0, None),
            ("城镇开发边界", "", 34481.03, 34481.03 / 52000.0, 17518.97),
            ("zoning", "0702", 34481.03, 34481.03 / 52000.0, None),
        ],
    ),
    "DK-2024-011": dict(
        area=78000.0,
        verdict="需论证",
        rule="planned use 0702 differs from the project use 0701",
        code="",
        rows=[
            ("城镇开发边界", "", 78000.0, 1.0, 0.0),
            ("zoning", "0701", 39000.0, 0.5, None),
            ("zoning", "05H1", 27000.0, 27000.0 / 78000.0, None),
        ],
    ),
}


def _sample_layer(name):
    layer = QgsVectorLayer(f"{SAMPLE}|layername={name}", name, "ogr")
    assert layer.isValid(), name
    return layer


def _fake_outputs():
    """OUTPUT and OUTPUT_TABLE with exactly the fields yimatong:complianceoverlay writes
    (its OUTPUT_FIELDS/TABLE_FIELDS and one <line>_ratio per control line), filled with FAKE."""
    from yimatong_plugin.processing.algorithms.complianceoverlay import (
        TABLE_FIELDS,
        output_fields,
        ratio_field,
    )

    parcels = _sample_layer("项目地块")
    lines = [name for name, _layer, _rule in _controls()]
    fields = output_fields(lines)
    output = QgsMemoryProviderUtils.createMemoryLayer(
        "OUTPUT", fields, QgsWkbTypes.MultiPolygon, parcels.crs()
    )
    features = []
    for src in parcels.getFeatures():
        fake = FAKE.get(src["dkbh"])
        if fake is None:
            continue
        values = {
            "parcel_id": src["dkbh"],
            "area_m2": fake["area"],
            "repaired": 0,
            "verdict": fake["verdict"],
            "verdict_rule": fake["rule"],
            "project_code": fake["code"],
        }
        for layer, _cls, _m2, ratio, _outside in fake["rows"]:
            if layer in lines:
                values[ratio_field(layer)] = ratio
        f = QgsFeature(fields)
        f.setGeometry(QgsGeometry(src.geometry()))
        f.setAttributes([values.get(fields.at(i).name(), 0.0) for i in range(fields.count())])
        features.append(f)
    output.dataProvider().addFeatures(features)
    tfields = QgsFields()
    for name, kind in TABLE_FIELDS:
        tfields.append(QgsField(name, kind))
    table = QgsMemoryProviderUtils.createMemoryLayer(
        "OUTPUT_TABLE", tfields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
    )
    rows = []
    for pid, fake in FAKE.items():
        for layer, cls, m2, ratio, outside in fake["rows"]:
            role = "zoning" if layer == "zoning" else "control"
            values = dict(
                parcel_id=pid,
                layer=layer,
                class_code=cls,
                overlap_m2=m2,
                overlap_ratio=ratio,
                outside_m2=outside,
                role=role,
            )
            f = QgsFeature(tfields)
            f.setAttributes([values[name] for name, _kind in TABLE_FIELDS])
            rows.append(f)
    table.dataProvider().addFeatures(rows)
    return output, table


def _controls():
    return [
        ("生态保护红线", _sample_layer("生态保护红线"), "avoid"),
        ("永久基本农田", _sample_layer("永久基本农田"), "avoid"),
        ("城镇开发边界", _sample_layer("城镇开发边界"), "inside"),
    ]


def _info(zoning):
    return {
        "area_crs": "EPSG:4546",
        "area_crs_name": "CGCS2000 / 3-degree Gauss-Kruger CM 111E",
        "method": "planar intersection of the repaired parcel with the union of each layer",
        "inputs": [
            ("项目地块", 3),
            ("生态保护红线", 4),
            ("永久基本农田", 416),
            ("城镇开发边界", 8),
        ],
        "date": "2026-11-21",
        "sliver_m2": 1.0,
        "zoning_layer": zoning,
        "zoning_field": "ydyhdm",
    }


class _Collector(HTMLParser):
    """Text of the whole page, of each parcel section, and the numeric cells by class."""

    def __init__(self):
        super().__init__()
        self.text = []
        self.sections = {}
        self.current = None
        self.depth = 0
        self.cells = []  # (parcel, css class, text)
        self.cell_class = None
        self.images = []
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("data-parcel-id"):
            self.current = attrs["data-parcel-id"]
            self.sections[self.current] = []
        if tag == "td":
            self.cell_class = attrs.get("class", "")
        if tag == "img":
            self.images.append(attrs["src"])
        if tag == "title":
            self.in_title = True

    def handle_endtag(self, tag):
        if tag == "section":
            self.current = None
        if tag == "td":
            self.cell_class = None
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self.in_title:
            self.title += data
        if self.current is not None:
            self.sections[self.current].append(data)
            if self.cell_class and "num" in self.cell_class:
                self.cells.append((self.current, self.cell_class, data.strip()))


@pytest.fixture(scope="module")
def report(qgis_app, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    output, table = _fake_outputs()
    zoning = _sample_layer("国土空间规划分区")
    result = write_report(
        output, table, _controls(), _info(zoning), out / "report.html", out / "report.pdf"
    )
    return out, result


def test_html_has_every_parcel_verdict_and_crs(report):
    out, result = report
    parser = _Collector()
    parser.feed(Path(result["html"]).read_text(encoding="utf-8"))
    text = "".join(parser.text)
    assert parser.title == "规划符合性审查报告"
    assert "EPSG:4546" in text and "CGCS2000 / 3-degree Gauss-Kruger CM 111E" in text
    assert "2026-11-21" in text
    assert set(parser.sections) == set(FAKE)
    for pid, fake in FAKE.items():
        section = "".join(parser.sections[pid])
        assert fake["verdict"] in section, pid
        assert fake["rule"] in section, pid
        if fake["code"]:
            assert display_code(fake["code"]) in section
            assert (
                display_code(fake["code"])
                == "43 430702 2024 03 01 12 " + fake["code"][-10:-6] + " " + fake["code"][-6:]
            )
        else:
            assert "尚未赋码" in section
    # the signature block
    assert "审查人" in text and "审核人" in text and "日期" in text
    # the inputs and their feature counts, the sliver tolerance
    assert "永久基本农田" in text and "416" in text
    assert "1 m²" in text


def test_html_areas_in_three_units_match_the_inputs(report):
    _, result = report
    parser = _Collector()
    parser.feed(Path(result["html"]).read_text(encoding="utf-8"))
    cells = {}
    for pid, css, value in parser.cells:
        if css.split()[-1] not in ("m2", "ha", "mu"):
            continue
        cells.setdefault((pid, css.split()[-1]), []).append(float(value.replace(",", "")))
    for pid, fake in FAKE.items():
        expected = []
        for _layer, _cls, m2, _ratio, outside in fake["rows"]:
            expected.append(m2)
            if outside is not None:
                expected.append(outside)
        assert cells[(pid, "m2")] == pytest.approx(expected, abs=0.005)
        assert cells[(pid, "ha")] == pytest.approx([m2_to_hectares(v) for v in expected], abs=5e-5)
        assert cells[(pid, "mu")] == pytest.approx([m2_to_mu(v) for v in expected], abs=0.005)
    # zoning classes by code and name, 三调 codes mapped to their 用地用海 class name
    section = "".join(_Collector_sections(result)["DK-2024-011"])
    assert "0701 城镇住宅用地" in section
    assert "05H1 商业服务业用地" in section


def _Collector_sections(result):
    parser = _Collector()
    parser.feed(Path(result["html"]).read_text(encoding="utf-8"))
    return parser.sections


def test_html_map_images_exist_and_are_not_blank(report):
    out, result = report
    parser = _Collector()
    parser.feed(Path(result["html"]).read_text(encoding="utf-8"))
    assert len(parser.images) == 3
    for src in parser.images:
        image = QImage(str(out / src))
        assert not image.isNull(), src
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)
        }
        assert len(colours) > 10, src  # a drawn map, not an empty canvas


def test_pdf_pages_render_and_are_not_blank(report, tmp_path):
    require("pdftoppm")  # make setup installs poppler-utils: missing fails, never skips
    _, result = report
    pdf = Path(result["pdf"])
    assert pdf.exists() and pdf.stat().st_size > 10_000
    info = subprocess.run(
        [require("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == result["pages"] == 1 + len(FAKE)  # summary + one per parcel
    for page in (1, 2):
        prefix = tmp_path / f"page{page}"
        subprocess.run(
            [
                require("pdftoppm"),
                "-png",
                "-r",
                "60",
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf),
                str(prefix),
            ],
            check=True,
        )
        png = next(tmp_path.glob(f"page{page}*.png"))
        image = QImage(str(png))
        dark = 0
        for x in range(0, image.width(), 3):
            for y in range(0, image.height(), 3):
                colour = image.pixelColor(x, y)
                if colour.lightness() < 128:
                    dark += 1
        assert dark > 500, f"page {page} looks blank"


def test_a_missing_output_layer_is_a_clear_error(qgis_app, tmp_path):
    with pytest.raises(ReportError, match="输出图层|output layer"):
        write_report(None, None, [], {}, tmp_path / "r.html")
    assert not any(tmp_path.iterdir())  # nothing half-written


def test_many_parcels_flow_over_several_summary_pages(qgis_app, tmp_path):
    """30 parcels: the summary table continues on a second page, one page per parcel."""
    output, table = _fake_outputs()
    src = next(output.getFeatures())
    features = []
    for i in range(30):
        f = QgsFeature(output.fields())
        geometry = QgsGeometry(src.geometry())
        geometry.translate(0.004 * (i % 6), 0.004 * (i // 6))
        f.setGeometry(geometry)
        f.setAttributes([f"P{i:03d}", 1000.0 + i, 0, "合规", "ok", "", 0.0, 0.0, 0.0])
        features.append(f)
    many = QgsMemoryProviderUtils.createMemoryLayer(
        "OUTPUT", output.fields(), QgsWkbTypes.MultiPolygon, output.crs()
    )
    many.dataProvider().addFeatures(features)
    empty_table = QgsMemoryProviderUtils.createMemoryLayer(
        "OUTPUT_TABLE", table.fields(), QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
    )
    result = write_report(
        many, empty_table, _controls(), _info(None), tmp_path / "r.html", tmp_path / "r.pdf"
    )
    assert result["pages"] >= 2 + 30
    info = subprocess.run(
        [require("pdfinfo"), result["pdf"]], capture_output=True, text=True, check=True
    ).stdout
    pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
    assert int(pages) == result["pages"]
    text = Path(result["html"]).read_text(encoding="utf-8")
    assert text.count('class="parcel"') == 30
    assert "与各控制线及规划分区均无叠加" in text  # no table rows: said in words


def test_layout_shows_every_table_row_and_stays_on_its_pages(qgis_app):
    """No table frame drops rows (a too-short frame hides them silently) and nothing runs off
    the page, also with a parcel of many overlap rows and a long rule."""
    from qgis.core import QgsLayoutItemPage, QgsLayoutTable, QgsLayoutUtils

    from yimatong_plugin.gis.compliance_report import _Language, _Report

    output, table = _fake_outputs()
    long_rule = "；".join(f"规划用途 07{i:02d} 与项目用途 0901 需论证" for i in range(12))
    output.dataProvider().changeAttributeValues(
        {next(output.getFeatures()).id(): {output.fields().lookupField("verdict_rule"): long_rule}}
    )
    rows = []
    for i in range(20):  # more zoning classes than one page holds
        f = QgsFeature(table.fields())
        f.setAttributes(["DK-2024-001", "zoning", f"07{i:02d}", 100.0 + i, 0.01, None, "zoning"])
        rows.append(f)
    table.dataProvider().addFeatures(rows)
    report = _Report(
        output, table, _controls(), _info(_sample_layer("国土空间规划分区")), _Language(), None
    )
    report.prepare_maps()
    layout = report.build_layout()
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    tables = [m for m in layout.multiFrames() if isinstance(m, QgsLayoutTable)]
    assert len(tables) >= 2 + len(FAKE)
    for t in tables:
        first, last = t.rowRange(context, 0)
        assert (first, last) == (0, len(t.tableContents())), "a table frame drops rows"
    pages = layout.pageCollection()
    for item in layout.items():
        if isinstance(item, QgsLayoutItemPage) or not hasattr(item, "page"):
            continue
        page = pages.page(item.page())
        top = page.pos().y()
        rect = item.mapRectToScene(item.rect())
        assert rect.bottom() <= top + page.rect().height() + 0.01, type(item).__name__


def test_a_parcel_without_geometry_is_reported_without_a_map(qgis_app, tmp_path):
    output, table = _fake_outputs()
    f = QgsFeature(output.fields())
    f.setAttributes(["DK-EMPTY", 0.0, 0, "需论证", "empty or NULL geometry", "", 0.0, 0.0, 0.0])
    output.dataProvider().addFeatures([f])
    result = write_report(
        output, table, _controls(), _info(None), tmp_path / "r.html", tmp_path / "r.pdf"
    )
    parser = _Collector()
    parser.feed(Path(result["html"]).read_text(encoding="utf-8"))
    assert "DK-EMPTY" in parser.sections
    assert "empty or NULL geometry" in "".join(parser.sections["DK-EMPTY"])
    assert len(parser.images) == len(FAKE)  # no map for the empty parcel, one for each other
    assert result["pages"] == 1 + len(FAKE) + 1


def _pdf_page_mean(pdf, tmp_path, page=2):
    """Mean lightness of a rendered page: 1.0 is a blank page."""
    prefix = tmp_path / f"mean{page}"
    subprocess.run(
        [
            require("pdftoppm"),
            "-png",
            "-r",
            "30",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob(f"mean{page}*.png"))))
    values = [
        image.pixelColor(x, y).lightnessF()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    ]
    return sum(values) / len(values)


def test_report_from_a_background_task_like_processing(qgis_app, tmp_path):
    """Processing runs algorithms in a QgsTask thread in QGIS desktop: the PDF must be drawn."""
    from qgis.core import QgsApplication, QgsTask
    from qgis.PyQt.QtCore import QEventLoop, QTimer

    output, table = _fake_outputs()
    controls, info = _controls(), _info(_sample_layer("国土空间规划分区"))
    result = {}

    def work(task):
        result["r"] = write_report(
            output, table, controls, info, tmp_path / "r.html", tmp_path / "r.pdf"
        )
        return True

    logged = []

    def on_message(message, tag, level):
        logged.append(message)

    QgsApplication.messageLog().messageReceived.connect(on_message)
    task = QgsTask.fromFunction("report", work)
    loop = QEventLoop()
    task.taskCompleted.connect(loop.quit)
    task.taskTerminated.connect(loop.quit)
    QgsApplication.taskManager().addTask(task)
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    assert "r" in result, "the task did not finish"
    assert result["r"]["pages"] == 1 + len(FAKE)
    assert _pdf_page_mean(tmp_path / "r.pdf", tmp_path) < 0.985  # a drawn page, not blank
    QCoreApplication.processEvents()  # deliver messages queued from the task's thread
    QgsApplication.messageLog().messageReceived.disconnect(on_message)
    # no "Cannot load HTML based item label in background threads" (one per label: 100+ per
    # run in QGIS 3.22), so the user's message log shows real warnings
    assert not [m for m in logged if "HTML" in m], logged[:3]
    # and the texts are in the PDF, as text
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(tmp_path / "r.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # (pdftotext drops some digits; the fake OUTPUT holds the algorithm's fields, no name)
    assert "审查结论" in text and "合规" in text and "地块" in text


def test_plain_python_thread_is_refused_not_a_blank_pdf(qgis_app, tmp_path):
    import threading

    output, table = _fake_outputs()
    controls, info = _controls(), _info(None)
    errors = []

    def work():
        try:
            write_report(output, table, controls, info, tmp_path / "r.html", tmp_path / "r.pdf")
        except ReportError as err:
            errors.append(str(err))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert errors and "QThread" in errors[0]
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "r.html").exists()


def test_report_translations_survive_a_rebuild_of_the_qm(tmp_path):
    """QTranslator maps the .qm it loads: rebuilding the shared file under a running process
    killed it with SIGBUS (make demo crashed while tests ran lrelease). The report's
    translator reads a private copy: rewriting the original must not matter."""
    qm = ROOT / "yimatong_plugin" / "i18n" / "yimatong_zh_CN.qm"
    ts = ROOT / "yimatong_plugin" / "i18n" / "yimatong_zh_CN.ts"
    if not qm.exists():
        subprocess.run(["lrelease", "-silent", str(ts), "-qm", str(qm)], check=True)
    shutil.copy(qm, tmp_path / "yimatong_zh_CN.qm")
    script = f"""
import sys
from pathlib import Path
from qgis.PyQt.QtCore import QCoreApplication
app = QCoreApplication(sys.argv)
from yimatong_plugin.gis.compliance_report import load_private_translator
folder = Path({str(tmp_path)!r})
translator = load_private_translator("zh_CN", folder)
QCoreApplication.installTranslator(translator)
(folder / "yimatong_zh_CN.qm").write_bytes(b"\\0" * 16)  # rewritten in place, shorter
for _ in range(2000):
    text = QCoreApplication.translate("yimatong", "Planning compliance review report")
print(text)
"""
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert run.returncode == 0, run.stderr[-1000:]
    assert run.stdout.strip() == "规划符合性审查报告"


def test_duplicate_parcel_ids_are_refused_not_merged_into_one_section(qgis_app, tmp_path):
    """Two parcels 'A' (one 冲突, one 合规) were printed as one section "地块 A"."""
    output, table = _fake_outputs()
    features = list(output.getFeatures())
    output.dataProvider().changeAttributeValues({features[1].id(): {0: features[0]["parcel_id"]}})
    with pytest.raises(ReportError, match=features[0]["parcel_id"]):
        write_report(
            output, table, _controls(), _info(None), tmp_path / "r.html", tmp_path / "r.pdf"
        )
