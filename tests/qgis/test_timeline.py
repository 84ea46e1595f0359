"""The project timeline drawn from plain data: lanes, dates, lateness, findings, files, zoom."""

import datetime as dt

import pytest
from qgis.PyQt.QtCore import QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QColor, QWheelEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.ui import timeline as tl

AS_OF = dt.date(2024, 6, 1)
EVENTS = [
    {
        "fid": 1,
        "stage": "conversion_approval",
        "event_date": "2020-03-15",
        "doc_no": "湘政地〔2020〕12号",
        "origin_system": "一体化审批系统",
        "batch": "2020年第3批次",
    },
    {
        "fid": 2,
        "stage": "supply",
        "event_date": "2021-01-05",
        "doc_no": "常国土出〔2021〕1号",
        "origin_system": "土地市场动态监测系统",
        "agreed_start": "2021-07-01",
        "agreed_completion": "2023-07-01",
    },
    {"fid": 3, "stage": "planning_permit", "event_date": "2021-04-01", "doc_no": "建字12号"},
    {"fid": 4, "stage": "supervision", "event_date": "2023-02-01", "doc_no": "监-1"},
]


@pytest.fixture
def view(qgis_app):
    v = tl.TimelineView()
    v.resize(900, 440)
    v.show()
    findings = lc.monitor({"P": EVENTS}, AS_OF)
    v.set_project(
        EVENTS,
        findings,
        [{"stage": "supply", "path": "/data/contract 1.pdf", "kind": "出让合同"}],
        as_of=AS_OF,
    )
    QApplication.processEvents()
    yield v
    v.close()
    v.deleteLater()


# expected values stated here, not read from the module under test
def is_red(color):
    return color.red() > 180 and color.green() < 90 and color.blue() < 90


def is_green(color):
    return color.green() > 120 and color.red() < 100 and color.blue() < 100


def is_dark_red(color):
    return 100 < color.red() < 180 and color.green() < 40 and color.blue() < 40


def x_by_events(v, day):
    """Where ``day`` lies on the time axis, from the first two event markers (dated in
    EVENTS), not from the view's own x_for."""
    (x0, d0), (x1, d1) = [
        (item.scenePos().x(), dt.date.fromisoformat(EVENTS[i]["event_date"]))
        for i, item in enumerate(v.event_items[:2])
    ]
    return x0 + (x1 - x0) * (day - d0).days / (d1 - d0).days


def lane_of(v, item):
    y = item.scenePos().y()
    for group in lc.STAGE_GROUPS:
        top = v.lane_top(group.key)
        if top <= y < top + tl.LANE_HEIGHT:
            return group.label
    return None


def test_events_in_their_lane_by_date(view):
    assert len(view.event_items) == 4
    lanes = [lane_of(view, item) for item in view.event_items]
    assert lanes == ["批", "供", "用", "查"]
    xs = [item.scenePos().x() for item in view.event_items]
    assert xs == sorted(xs)
    # linear in time: the later events lie where the first two put their dates
    for item, event in zip(view.event_items[2:], EVENTS[2:]):
        day = dt.date.fromisoformat(event["event_date"])
        assert item.scenePos().x() == pytest.approx(x_by_events(view, day), abs=0.5)
    supply_x = view.event_items[1].scenePos().x()
    assert view.date_at(supply_x) == dt.date(2021, 1, 5)


def test_tooltip_names_document_and_system(view):
    tip = view.event_items[1].toolTip()
    assert "常国土出〔2021〕1号" in tip and "土地市场动态监测系统" in tip
    assert "2021-07-01" in tip  # agreed start
    assert "contract 1.pdf" in tip
    assert "湘政地〔2020〕12号" in view.event_items[0].toolTip()


def test_agreed_dates_and_lateness_in_red(view):
    # agreed start and completion drawn; neither happened by AS_OF -> two red bars
    assert len(view.agreed_items) == 2
    assert [lane_of(view, d) for d in view.agreed_items] == ["用", "用"]
    assert len(view.lateness_items) == 2
    for bar in view.lateness_items:
        assert is_red(bar.brush().color())
        assert bar.rect().right() == pytest.approx(x_by_events(view, AS_OF), abs=0.5)
    start_bar = min(view.lateness_items, key=lambda b: b.rect().left())
    assert start_bar.rect().left() == pytest.approx(x_by_events(view, dt.date(2021, 7, 1)), abs=0.5)
    assert "days late" in start_bar.toolTip()


def test_on_time_start_is_green(qgis_app):
    v = tl.TimelineView()
    events = EVENTS[1:2] + [{"stage": "construction_start", "event_date": "2021-06-20"}]
    v.set_project(events, [], as_of=dt.date(2021, 12, 1))
    (bar,) = v.lateness_items
    assert is_green(bar.brush().color())
    assert v.findings == []


def test_findings_marked(view):
    assert [f.rule for f in view.findings] == [lc.RULE_IDLE]
    (mark,) = view.finding_items
    assert mark.scenePos().x() == pytest.approx(x_by_events(view, dt.date(2023, 7, 1)), abs=0.5)
    assert lane_of(view, mark) == "用"
    assert "闲置土地" in mark.toolTip() and "2021-07-01" in mark.toolTip()
    assert is_dark_red(mark.brush().color())  # critical: repossession stage


def test_double_click_opens_results_of_the_stage(view, monkeypatch):
    opened = []

    class FakeDesktop:
        @staticmethod
        def openUrl(url):
            opened.append(url.toLocalFile())
            return True

    monkeypatch.setattr(tl, "QDesktopServices", FakeDesktop)
    signalled = []
    view.result_opened.connect(signalled.append)
    item = view.event_items[1]
    view.centerOn(item)
    QApplication.processEvents()
    pos = view.mapFromScene(item.scenePos())
    QTest.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos
    )
    assert opened == ["/data/contract 1.pdf"]
    assert signalled == ["/data/contract 1.pdf"]
    # an event of another stage has no files
    assert view.open_results(view.events[0]) == []


def test_wheel_zooms_around_the_mouse_and_drag_pans(view):
    before = view.px_per_day
    anchor = QPoint(400, 100)
    day_before = view.date_at(view.mapToScene(anchor).x())
    wheel = QWheelEvent(
        QPointF(anchor),
        QPointF(view.viewport().mapToGlobal(anchor)),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.px_per_day == pytest.approx(before * 1.25**2)
    day_after = view.date_at(view.mapToScene(anchor).x())
    assert abs((day_after - day_before).days) <= 2
    # zoomed in, the view scrolls in time
    bar = view.horizontalScrollBar()
    assert bar.maximum() > bar.minimum()
    assert view.dragMode() == view.DragMode.ScrollHandDrag
    # lane labels stay at the left edge while panning
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    label = view._labels[0]
    assert label.scenePos().x() == pytest.approx(view.mapToScene(0, 0).x(), abs=1)


def test_year_axis_and_render_image(view):
    years = {
        item.text()
        for item in view.scene().items()
        if hasattr(item, "text") and item.text().isdigit() and len(item.text()) == 4
    }
    assert {"2020", "2021", "2022", "2023", "2024"} <= years
    image = view.render_image(1200)
    assert image.width() >= 1200 and image.height() > 300
    reds = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if is_red(QColor(image.pixel(x, y)))
    )
    assert reds > 50


def test_empty_project(qgis_app):
    v = tl.TimelineView()
    v.set_project([], [], as_of=AS_OF)
    assert v.event_items == [] and v.finding_items == []
    v.clear_project()
    assert v.events == []


def test_fits_the_width_until_the_user_zooms(view):
    wide = view.px_per_day
    view.resize(450, 440)
    QApplication.processEvents()
    assert view.px_per_day < wide  # refitted to the narrower view
    view.zoom(2.0)
    view._user_zoomed = True
    zoomed = view.px_per_day
    view.resize(900, 440)
    QApplication.processEvents()
    assert view.px_per_day == zoomed


def test_finding_label_whole_and_visible(qgis_app):
    """The idle-land fee label (闲置土地 · 征缴闲置费阶段, on two lines) is shown whole:
    not under the lane names, not past the edge, also in a narrow panel and in print."""
    import dataclasses

    from yimatong_plugin.toolbelt import i18n

    assert i18n.install_translator("zh_CN")
    v = tl.TimelineView()
    try:
        v.resize(400, 440)  # the project box in a narrow side panel
        v.show()
        (finding,) = lc.monitor({"P": EVENTS}, AS_OF)
        fee = dataclasses.replace(finding, stage=lc.IDLE_FEE)
        v.set_project(EVENTS, [fee], as_of=AS_OF)
        QApplication.processEvents()
        (mark,) = v.finding_items
        (label,) = [c for c in mark.childItems() if c.text() != "!"]
        assert label.text() == "闲置土地 ·\n征缴闲置费阶段"
        box = label.sceneBoundingRect()
        visible = v.mapToScene(v.viewport().rect()).boundingRect()
        assert box.left() >= visible.left() + tl.LABEL_WIDTH  # right of the lane names
        assert box.right() <= visible.right()  # and not cut at the right edge
        image_rect = v.sceneRect()
        assert image_rect.contains(box)
    finally:
        i18n.remove_translator()
        v.close()
        v.deleteLater()
