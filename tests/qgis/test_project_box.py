"""Project box: click the map tool on a library built here, check projects, events, timeline."""

import datetime as dt

import pytest
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QDate, QEvent, QPoint, Qt

from tests.tools import require
from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core.library import open_library
from yimatong_plugin.ui.project_box import ProjectBoxDock, display_code

SEGMENTS = dict(
    region="43",
    admin="430702",
    year=2021,
    approval_type="01",
    project_type="01",
    supply_type="13",
    land_use="0701",
)
CLICK = QgsPointXY(111.6920, 29.0350)


def square(x0, y0, size=0.01):
    x1, y1 = x0 + size, y0 + size
    return f"POLYGON(({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))"


@pytest.fixture
def library(tmp_path):
    lib = open_library(str(tmp_path / "box.gpkg"))
    idle = lib.allocate_code(**SEGMENTS)
    lib.add_project(idle, name="武陵区闲置住宅用地项目", source="annual_transfer_plan")
    lib.add_parcel(idle, square(111.69, 29.03), stage="supply")
    lib.add_event(
        idle, "conversion_approval", "2020-03-15", doc_no="湘政地〔2020〕12号", batch="2020-3"
    )
    lib.add_event(
        idle,
        "supply",
        "2021-01-05",
        doc_no="常国土出〔2021〕1号",
        origin_system="土地市场动态监测系统",
        agreed_start="2021-07-01",
        agreed_completion="2023-07-01",
    )
    contract = tmp_path / "出让合同.pdf"
    contract.write_bytes(b"%PDF-1.4 test")
    lib.add_result(idle, "supply", contract, kind="出让合同")

    moved = lib.allocate_code(**{**SEGMENTS, "project_type": "04"})
    lib.add_project(moved, name="边界调整的商业项目", source="municipal_key")
    old = lib.add_parcel(moved, square(111.688, 29.033, 0.006))
    lib.replace_parcel(old, square(111.72, 29.05), reason="红线调整")
    lib.add_event(moved, "supply", "2022-05-01", agreed_start="2022-09-01")
    lib.add_event(moved, "construction_start", "2022-08-20", doc_no="施-3")

    far = lib.allocate_code(**{**SEGMENTS, "project_type": "02"})
    lib.add_project(far, name="远处的仓储项目", source="municipal_key")
    lib.add_parcel(far, square(111.80, 29.10))
    yield lib, str(idle), str(moved), str(far)
    lib.close()


@pytest.fixture
def dock(qgis_iface, qgis_canvas, library):
    lib = library[0]
    qgis_canvas.resize(600, 600)
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4490"))
    qgis_canvas.setExtent(QgsRectangle(111.68, 29.02, 111.74, 29.08))
    qgis_canvas.refresh()
    d = ProjectBoxDock(qgis_iface)
    d.set_library(lib)
    d.as_of_edit.setDate(QDate(2024, 6, 1))
    yield d
    d.unload()
    d.deleteLater()


def click(canvas, tool, point):
    pixel = canvas.getCoordinateTransform().transform(point)
    event = QgsMapMouseEvent(
        canvas,
        QEvent.Type.MouseButtonRelease,
        QPoint(round(pixel.x()), round(pixel.y())),
        Qt.MouseButton.LeftButton,
    )
    tool.canvasReleaseEvent(event)


def test_pick_button_shows_its_state_and_follows_the_map_tool(dock, qgis_canvas):
    from qgis.gui import QgsMapToolPan

    assert dock.pick_button.isCheckable() and not dock.pick_button.isChecked()
    assert ":checked" in dock.pick_button.styleSheet()  # the on state is drawn
    dock.pick_button.click()
    assert dock.pick_button.isChecked() and qgis_canvas.mapTool() is dock.map_tool
    pan = QgsMapToolPan(qgis_canvas)
    qgis_canvas.setMapTool(pan)  # the user picks another tool: the button goes off
    assert not dock.pick_button.isChecked()
    dock.activate_tool()
    assert dock.pick_button.isChecked() and qgis_canvas.mapTool() is dock.map_tool
    dock.pick_button.click()  # off again
    assert not dock.pick_button.isChecked() and qgis_canvas.mapTool() is not dock.map_tool
    qgis_canvas.unsetMapTool(pan)


def test_a_click_on_nothing_says_so(dock, qgis_iface, qgis_canvas):
    dock.activate_tool()
    bar = qgis_iface.messageBar()  # pytest-qgis's: it records what is pushed
    bar.clear_messages()
    nowhere = QgsPointXY(111.735, 29.075)
    click(qgis_canvas, dock.map_tool, nowhere)
    assert dock.project_codes() == []
    assert "No library project" in dock.message.text() and dock.message.styleSheet()
    pushed = bar.get_messages(Qgis.MessageLevel.Info)
    assert len(pushed) == 1 and "No library project" in pushed[0]
    bar.clear_messages()


def test_click_lists_current_and_retired_projects(dock, library, qgis_canvas):
    _lib, idle, moved, far = library
    dock.activate_tool()
    assert qgis_canvas.mapTool() is dock.map_tool
    click(qgis_canvas, dock.map_tool, CLICK)
    assert dock.project_codes() == [idle, moved]  # current hit first, then retired-only
    first = dock.project_list.topLevelItem(0)
    assert first.text(0) == display_code(idle) == "43 430702 2021 01 01 13 0701 000001"
    assert first.text(1) == "武陵区闲置住宅用地项目"
    assert first.text(2) == "active"
    retired_row = dock.project_list.topLevelItem(1)
    assert "retired" in retired_row.text(3) and retired_row.text(3).startswith("0")
    assert far not in dock.project_codes()


def test_selected_project_shows_timeline_findings_and_highlight(dock, library, qgis_canvas):
    _lib, idle, moved, _far = library
    click(qgis_canvas, dock.map_tool, CLICK)
    # the first project is selected automatically
    assert dock.current["project"]["code"] == idle
    timeline = dock.timeline
    stages = [e.stage for e in timeline.events]
    assert stages == ["conversion_approval", "supply"]
    assert len(timeline.event_items) == 2
    tip = timeline.event_items[1].toolTip()
    assert "常国土出〔2021〕1号" in tip and "土地市场动态监测系统" in tip and "出让合同.pdf" in tip
    assert [(f.rule, f.stage) for f in timeline.findings] == [(lc.RULE_IDLE, "repossession")]
    assert len(timeline.finding_items) == 1
    assert dock.finding_list.topLevelItemCount() == 1
    assert dock.finding_list.topLevelItem(0).text(0) == "闲置土地"
    assert dock.finding_list.topLevelItem(0).text(2) == "2023-07-01"
    assert dock.highlighted() == {"current": 1, "retired": 0}
    band = dock._bands[1].asGeometry().boundingBox()
    assert band.xMinimum() == pytest.approx(111.69) and band.yMaximum() == pytest.approx(29.04)
    # the canvas CRS changes: the highlight follows (map coordinates in metres now)
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4546"))
    band = dock._bands[1].asGeometry().boundingBox()
    assert 500_000 < band.xMinimum() < 600_000 and 3_000_000 < band.yMinimum() < 3_300_000
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4490"))

    # the moved project: current and retired parcel highlighted, started on time: no finding
    dock.select_project(moved)
    assert dock.current["project"]["code"] == moved
    assert dock.highlighted() == {"current": 1, "retired": 1}
    assert [e.stage for e in dock.timeline.events] == ["supply", "construction_start"]
    assert dock.timeline.findings == []
    assert dock.finding_list.topLevelItemCount() == 0


def test_as_of_changes_the_findings(dock, library, qgis_canvas):
    click(qgis_canvas, dock.map_tool, CLICK)
    dock.as_of_edit.setDate(QDate(2022, 1, 1))
    assert [f.rule for f in dock.timeline.findings] == [lc.RULE_UNUSED]
    assert dock.timeline.as_of == dt.date(2022, 1, 1)


def test_pick_in_a_projected_canvas_crs(dock, library, qgis_canvas):
    _lib, idle, moved, _far = library
    gk = QgsCoordinateReferenceSystem("EPSG:4546")  # CGCS2000 GK CM 111E
    qgis_canvas.setDestinationCrs(gk)
    xform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4490"), gk, QgsProject.instance()
    )
    point = xform.transform(CLICK)
    dock.map_tool.pick(point)
    assert dock.project_codes() == [idle, moved]
    # an empty place
    dock.map_tool.pick(xform.transform(QgsPointXY(111.75, 29.2)))
    assert dock.project_codes() == []
    assert dock.highlighted() == {"current": 0, "retired": 0}
    assert "No library project" in dock.message.text()


def test_whole_feature_of_the_active_polygon_layer(dock, library, qgis_canvas, qgis_iface):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    _lib, idle, moved, far = library
    gk = QgsCoordinateReferenceSystem("EPSG:4546")
    xform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4490"), gk, QgsProject.instance()
    )
    layer = QgsVectorLayer("Polygon?crs=EPSG:4546", "规划地块", "memory")
    feat = QgsFeature()
    # a planned plot covering the far project's parcel and reaching the idle one
    plot = QgsGeometry.fromRect(QgsRectangle(111.699, 29.039, 111.805, 29.105))
    plot.transform(xform)
    feat.setGeometry(plot)
    layer.dataProvider().addFeatures([feat])
    QgsProject.instance().addMapLayer(layer, False)
    try:
        qgis_iface.setActiveLayer(layer)
        dock.by_feature.setChecked(True)
        click(qgis_canvas, dock.map_tool, QgsPointXY(111.735, 29.07))  # in the plot
        # the idle parcel's corner, moved's current parcel and the far parcel overlap it
        assert dock.project_codes() == [idle, far, moved]
        assert "规划地块" in dock.message.text()
        # outside any feature: the clicked point itself
        click(qgis_canvas, dock.map_tool, CLICK)
        assert dock.project_codes() == [idle, moved]
    finally:
        dock.by_feature.setChecked(False)
        QgsProject.instance().removeMapLayer(layer.id())


def test_without_a_library_the_dock_says_so(qgis_iface):
    d = ProjectBoxDock(qgis_iface, library_uri="")
    rows = d.lookup(CLICK, QgsCoordinateReferenceSystem("EPSG:4490"))
    assert rows == [] and "No project library" in d.message.text()
    d2 = ProjectBoxDock(qgis_iface, library_uri="/nonexistent/dir/x.gpkg")
    assert d2.lookup(CLICK, QgsCoordinateReferenceSystem("EPSG:4490")) == []
    assert "/nonexistent/dir/x.gpkg" in d2.message.text()
    d.unload()
    d2.unload()


# -- yimatong:lifecyclemonitor --------------------------------------------------------------

AS_OF = "2024-06-01"


def seeded_library(path):
    """A library with one project per anomaly, a healthy one and an archived idle one."""
    lib = open_library(str(path))
    seq = iter(range(1, 100))
    expected = set()

    def project(name, area=None, parcel=True):
        code = lib.allocate_code(**SEGMENTS)
        lib.add_project(code, name=name, source="annual_transfer_plan", declared_area_m2=area)
        if parcel:
            n = next(seq)
            lib.add_parcel(code, square(111.60 + 0.02 * n, 29.00))
        return str(code)

    c = project("批而未供-整批", area=10000)
    lib.add_event(c, "conversion_approval", "2021-05-01", batch="B1", doc_no="湘政地〔2021〕5号")
    expected.add((c, lc.RULE_UNSUPPLIED, ""))

    a = project("批次B2-已供", area=6000)
    b = project("批次B2-未供", area=4000, parcel=False)
    lib.add_event(a, "conversion_approval", "2020-01-10", batch="B2")
    lib.add_event(b, "conversion_approval", "2020-01-10", batch="B2")
    lib.add_event(a, "supply", "2021-01-01")
    expected.add((b, lc.RULE_UNSUPPLIED, ""))

    c = project("供而未用")
    lib.add_event(c, "supply", "2024-01-10", agreed_start="2024-03-01")
    expected.add((c, lc.RULE_UNUSED, ""))

    c = project("闲置-征缴闲置费")
    lib.add_event(c, "supply", "2022-06-01", agreed_start="2023-01-15")
    expected.add((c, lc.RULE_IDLE, "fee"))

    c = project("闲置-无偿收回")
    lib.add_event(c, "supply", "2021-01-05", agreed_start="2021-07-01", doc_no="出-5")
    expected.add((c, lc.RULE_IDLE, "repossession"))

    c = project("开工后停工")
    lib.add_event(c, "supply", "2020-03-01", agreed_start="2020-10-01")
    lib.add_event(c, "construction_start", "2020-09-01")
    lib.add_event(c, "supervision", "2023-03-01", status="停工", developed_ratio=0.2)
    expected.add((c, lc.RULE_IDLE, "fee"))

    c = project("逾期开工")
    lib.add_event(c, "supply", "2022-01-01", agreed_start="2022-06-01")
    lib.add_event(c, "construction_start", "2022-09-01")
    expected.add((c, lc.RULE_LATE_START, ""))

    c = project("逾期竣工")
    lib.add_event(
        c, "supply", "2020-01-01", agreed_start="2020-06-01", agreed_completion="2023-06-01"
    )
    lib.add_event(c, "construction_start", "2020-05-20")
    expected.add((c, lc.RULE_LATE_COMPLETION, ""))

    c = project("按期建成", area=5000)
    lib.add_event(c, "conversion_approval", "2019-01-01", batch="B3")
    lib.add_event(
        c, "supply", "2019-06-01", agreed_start="2019-12-01", agreed_completion="2022-12-01"
    )
    lib.add_event(c, "construction_start", "2019-11-20")
    lib.add_event(c, "supervision", "2021-05-01", developed_ratio=0.6, invested_ratio=0.7)
    lib.add_event(c, "completion", "2022-10-01")
    lib.add_event(c, "registration", "2023-01-10")

    c = project("已归档的闲置项目")
    lib.add_event(c, "supply", "2020-01-05", agreed_start="2020-07-01")
    lib.archive_project(c, reason="合并")

    c = project("将来才批")
    lib.add_event(c, "conversion_approval", "2024-07-01", batch="B9")
    lib.close()
    return expected


def test_lifecycle_monitor_finds_every_seeded_anomaly_and_nothing_else(processing_ready, tmp_path):
    import processing

    path = tmp_path / "seeded.gpkg"
    expected = seeded_library(path)
    result = processing.run(
        "yimatong:lifecyclemonitor",
        {"LIBRARY": str(path), "AS_OF": AS_OF, "OUTPUT": "memory:"},
    )
    layer = result["OUTPUT"]
    rows = list(layer.getFeatures())
    found = {(f["code"], f["rule"], f["stage"] or "") for f in rows}
    assert found == expected
    assert result["FINDINGS"] == len(rows) == len(expected)
    assert layer.crs().authid() == "EPSG:4490"
    for f in rows:
        assert f["since"].isValid() and f["days"] >= 0 and f["evidence"]
        assert f["severity"] in lc.SEVERITIES
    by_rule = {(f["rule"], f["stage"] or ""): f for f in rows}
    repo = by_rule[(lc.RULE_IDLE, "repossession")]
    assert repo["since"].toString("yyyy-MM-dd") == "2023-07-01"
    assert "2021-07-01" in repo["evidence"] and "出-5" in repo["evidence"]
    assert not repo.geometry().isNull() and repo.geometry().area() > 0
    assert repo["name"] == "闲置-无偿收回"
    unsupplied = [f for f in rows if f["rule"] == lc.RULE_UNSUPPLIED]
    ratios = sorted(round(f["supplied_ratio"], 3) for f in unsupplied)
    assert ratios == [0.0, 0.6]
    b2 = next(f for f in unsupplied if f["batch"] == "B2")
    assert b2.geometry().isNull()  # that project has no parcel


def test_lifecycle_monitor_thresholds_and_bad_input(processing_ready, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    path = tmp_path / "seeded.gpkg"
    seeded_library(path)
    result = processing.run(
        "yimatong:lifecyclemonitor",
        {
            "LIBRARY": str(path),
            "AS_OF": AS_OF,
            "UNSUPPLIED_YEARS": 5,
            "IDLE_FEE_YEARS": 3,
            "IDLE_REPOSSESS_YEARS": 4,
            "OUTPUT": "memory:",
        },
    )
    rules = sorted(f["rule"] for f in result["OUTPUT"].getFeatures())
    # no batch is 5 years old; nothing is idle 3 years: those become 供而未用
    assert lc.RULE_UNSUPPLIED not in rules and lc.RULE_IDLE not in rules
    assert rules.count(lc.RULE_UNUSED) == 3
    with pytest.raises(QgsProcessingException, match="does not exist"):
        processing.run(
            "yimatong:lifecyclemonitor",
            {"LIBRARY": str(tmp_path / "missing.gpkg"), "OUTPUT": "memory:"},
        )
    with pytest.raises(QgsProcessingException, match="repossession"):
        processing.run(
            "yimatong:lifecyclemonitor",
            {
                "LIBRARY": str(path),
                "IDLE_FEE_YEARS": 3,
                "IDLE_REPOSSESS_YEARS": 3,
                "OUTPUT": "memory:",
            },
        )


# -- yimatong:projectboxreport --------------------------------------------------------------


class _Collector(__import__("html.parser").parser.HTMLParser):
    """Text per table class and every <img> src."""

    def __init__(self):
        super().__init__()
        self.tables, self.images, self.ids = {}, [], {}
        self._table = None
        self._id = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = attrs.get("class") or attrs.get("id") or ""
            self.tables.setdefault(self._table, [])
        if tag == "tr" and self._table is not None:
            self.tables[self._table].append("")
        if tag == "img":
            self.images.append(attrs["src"])
        if attrs.get("id"):
            self._id = attrs["id"]

    def handle_endtag(self, tag):
        self._id = None
        if tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._table is not None and self.tables[self._table]:
            self.tables[self._table][-1] += data + "|"
        if self._id:
            self.ids[self._id] = self.ids.get(self._id, "") + data


def test_project_report_html_and_pdf(processing_ready, library, tmp_path):
    import hashlib
    import subprocess

    import processing

    lib, idle, moved, _far = library
    out = tmp_path / "report" / "idle.html"
    out.parent.mkdir()
    pdf = tmp_path / "report" / "idle.pdf"
    result = processing.run(
        "yimatong:projectboxreport",
        {
            "LIBRARY": lib.uri,
            "CODE": display_code(idle),
            "AS_OF": AS_OF,
            "OUTPUT_HTML": str(out),
            "OUTPUT_PDF": str(pdf),
        },
    )
    shown = "43 430702 2021 01 01 13 0701 000001"  # the code grouped by segment, stated here
    assert result["CODE_DISPLAY"] == shown
    page = _Collector()
    page.feed(out.read_text(encoding="utf-8"))
    assert page.ids["code"].strip() == shown
    files = out.parent / "idle_files"
    assert sorted(page.images) == sorted(
        f"idle_files/{n}" for n in ("qr.png", "timeline.png", "parcels.png")
    )
    for name in ("qr.png", "timeline.png", "parcels.png"):
        assert (files / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # the timeline's text prints at a readable size: the image is laid out about as wide as
    # the PDF's image width in points (at 1100 px its 12 px text printed at 4 pt)
    from qgis.PyQt.QtGui import QFontInfo, QImage
    from qgis.PyQt.QtWidgets import QGraphicsSimpleTextItem

    from yimatong_plugin.gis.projectbox_report import PDF_IMAGE_WIDTH, TIMELINE_SCALE

    image = QImage(str(files / "timeline.png"))
    laid_out = image.width() / TIMELINE_SCALE
    text_px = QFontInfo(QGraphicsSimpleTextItem().font()).pixelSize()
    assert text_px * PDF_IMAGE_WIDTH / laid_out >= 6.5
    # results with their SHA-256, checked against the file now
    contract = tmp_path / "出让合同.pdf"
    sha = hashlib.sha256(contract.read_bytes()).hexdigest()
    (row,) = page.tables["results"][1:]
    assert "出让合同.pdf" in row and sha in row and "file unchanged" in row
    # findings, events, parcels, history
    (finding,) = page.tables["findings"][1:]
    assert "闲置土地" in finding and "2023-07-01" in finding
    events = page.tables["events"][1:]
    assert len(events) == 2 and "常国土出〔2021〕1号" in events[1]
    assert len(page.tables["parcels"][1:]) == 1
    assert len(page.tables["history"][1:]) == len(lib.history(idle))
    # PDF: a real PDF that renders
    assert pdf.read_bytes()[:5] == b"%PDF-"
    pdftoppm = require("pdftoppm")  # make setup installs poppler-utils: missing fails
    subprocess.run(
        [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    assert list(tmp_path.glob("p*.png"))

    # a changed result file is flagged; lineage of a replaced parcel listed
    contract.write_bytes(b"tampered")
    out2 = tmp_path / "moved.html"
    processing.run(
        "yimatong:projectboxreport",
        {"LIBRARY": lib.uri, "CODE": moved, "AS_OF": AS_OF, "OUTPUT_HTML": str(out2)},
    )
    page2 = _Collector()
    page2.feed(out2.read_text(encoding="utf-8"))
    parcels = page2.tables["parcels"][1:]
    assert len(parcels) == 2
    assert "红线调整" in parcels[0] and "replaced by" in parcels[0] and "replaces" in parcels[1]
    out3 = tmp_path / "idle2.html"
    processing.run(
        "yimatong:projectboxreport",
        {"LIBRARY": lib.uri, "CODE": idle, "AS_OF": AS_OF, "OUTPUT_HTML": str(out3)},
    )
    page3 = _Collector()
    page3.feed(out3.read_text(encoding="utf-8"))
    assert "file changed" in page3.tables["results"][1]


def test_project_report_runs_in_a_background_task(processing_ready, library, tmp_path, monkeypatch):
    """The report draws its timeline without a widget, so QGIS runs it as a background task
    (no FlagNoThreading; the timeline is drawn off the main thread) and it still writes it."""
    import threading

    from qgis.core import (
        QgsApplication,
        QgsProcessingAlgorithm,
        QgsProcessingAlgRunnerTask,
        QgsProcessingContext,
        QgsProcessingFeedback,
    )
    from qgis.PyQt.QtCore import QEventLoop, QTimer

    from yimatong_plugin.gis import projectbox_report

    lib, idle, _moved, _far = library
    alg = QgsApplication.processingRegistry().createAlgorithmById("yimatong:projectboxreport")
    assert not alg.flags() & QgsProcessingAlgorithm.FlagNoThreading
    drawn_in = []
    original = projectbox_report.write_timeline

    def spy(*args, **kwargs):
        drawn_in.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(projectbox_report, "write_timeline", spy)
    out, pdf = tmp_path / "bg.html", tmp_path / "bg.pdf"
    params = {
        "LIBRARY": lib.uri,
        "CODE": idle,
        "AS_OF": AS_OF,
        "OUTPUT_HTML": str(out),
        "OUTPUT_PDF": str(pdf),
    }
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    task = QgsProcessingAlgRunnerTask(alg, params, context, feedback)
    done = {}
    task.executed.connect(lambda ok, results: done.update(ok=ok, results=results))
    loop = QEventLoop()
    task.taskCompleted.connect(loop.quit)
    task.taskTerminated.connect(loop.quit)
    QgsApplication.taskManager().addTask(task)
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    assert done.get("ok") is True, "the task did not finish"
    assert drawn_in == [False]  # drawn in the task's thread
    image = out.parent / "bg_files" / "timeline.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = _Collector()
    page.feed(out.read_text(encoding="utf-8"))
    assert "闲置土地" in page.tables["findings"][1]
    assert pdf.read_bytes()[:5] == b"%PDF-"  # the PDF is written in the task's thread too


def test_project_report_bad_code(processing_ready, library, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    lib = library[0]
    with pytest.raises(QgsProcessingException, match="28 digits"):
        processing.run(
            "yimatong:projectboxreport",
            {"LIBRARY": lib.uri, "CODE": "12345", "OUTPUT_HTML": str(tmp_path / "x.html")},
        )
    missing = "4343070220210101130701999999"
    with pytest.raises(QgsProcessingException, match="not in the library"):
        processing.run(
            "yimatong:projectboxreport",
            {"LIBRARY": lib.uri, "CODE": missing, "OUTPUT_HTML": str(tmp_path / "x.html")},
        )
    assert not (tmp_path / "x.html").exists()


def test_dock_follows_the_library_chosen_in_the_settings(qgis_iface, library, tmp_path):
    from yimatong_plugin.toolbelt.settings import load_settings, save_settings

    lib, idle, moved, _far = library
    saved = load_settings()
    try:
        settings = load_settings()
        settings.library_uri = lib.uri
        save_settings(settings)
        d = ProjectBoxDock(qgis_iface)
        crs = QgsCoordinateReferenceSystem("EPSG:4490")
        assert [r["code"] for r in d.lookup(CLICK, crs)] == [idle, moved]
        settings.library_uri = str(tmp_path / "other.gpkg")  # a new, empty library
        save_settings(settings)
        assert d.lookup(CLICK, crs) == []
        assert d.library().uri.endswith("other.gpkg")
        d.unload()
    finally:
        save_settings(saved)


def test_project_file_button_writes_a_pdf_in_the_last_folder_and_opens_it(
    processing_ready, qgis_iface, qgis_canvas, library, tmp_path, monkeypatch
):
    """项目档案…: no Processing dialog with a temporary HTML and an ignored PDF; a PDF named
    after the project in the folder used last, opened when written."""
    from qgis.core import QgsSettings
    from qgis.PyQt.QtGui import QDesktopServices
    from qgis.PyQt.QtWidgets import QFileDialog

    from yimatong_plugin.ui.project_file import LAST_FOLDER_KEY

    lib, idle, _moved, _far = library
    folder = tmp_path / "档案"
    folder.mkdir()
    QgsSettings().setValue(LAST_FOLDER_KEY, str(folder))
    asked, opened = {}, []

    def fake_save(parent, title, path, filters):
        asked.update(path=path, filters=filters)
        return path, filters.split(";;")[0]  # the user accepts the proposal

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4490"))
    qgis_canvas.setExtent(QgsRectangle(111.68, 29.02, 111.74, 29.08))
    d = ProjectBoxDock(qgis_iface, library_uri=lib.uri)
    try:
        d.as_of_edit.setDate(QDate(2024, 6, 1))
        click(qgis_canvas, d.map_tool, CLICK)
        assert d.current["project"]["code"] == idle and d.report_button.isEnabled()
        d.report_button.click()
        expected = folder / f"project file_{idle}.pdf"
        assert asked["path"] == str(expected) and asked["filters"].startswith("PDF")
        assert expected.read_bytes()[:5] == b"%PDF-"
        assert expected.with_suffix(".html").is_file()  # its HTML and images beside it
        assert [url.toLocalFile() for url in opened] == [str(expected)]
        assert QgsSettings().value(LAST_FOLDER_KEY) == str(folder)
    finally:
        QgsSettings().remove(LAST_FOLDER_KEY)
        d.unload()
        d.deleteLater()
