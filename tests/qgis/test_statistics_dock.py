"""The 统计 dock through its public behaviour: refresh in a QgsTask, the tables and charts
shown, a click on the 闲置土地 bar listing its project, a click on the project opening it in
the library panel and zooming the map to it, and the export."""

import time

import pytest
from openpyxl import load_workbook
from qgis.core import QgsCoordinateReferenceSystem
from qgis.PyQt.QtCore import QCoreApplication, QDate, QPoint, Qt
from qgis.PyQt.QtTest import QTest

from tests import statistics_data as sd
from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.statistics import StatsFilter
from yimatong_plugin.ui.library_dock import LibraryDock
from yimatong_plugin.ui.statistics_dock import StatisticsDock


def _wait(predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def docks(qgis_app, qgis_iface, tmp_path, monkeypatch):
    monkeypatch.setattr("yimatong_plugin.toolbelt.settings.save_settings", lambda s: None)
    path = str(tmp_path / "统计.gpkg")
    with open_library(path) as lib:
        codes = sd.build(lib)
    panel = LibraryDock(qgis_iface)
    panel.open_uri(path, background=False)
    dock = StatisticsDock(qgis_iface, source=lambda: (path, ""), panel=lambda: panel)
    dock.resize(900, 700)
    dock.show()
    dock.as_of_edit.setDate(QDate(sd.AS_OF.year, sd.AS_OF.month, sd.AS_OF.day))
    yield dock, panel, codes
    dock.unload()
    panel.unload()
    dock.deleteLater()
    panel.deleteLater()


def _cells(dock):
    t = dock.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_refresh_in_background_shows_tables_and_charts(docks):
    dock, _, _ = docks
    dock.refresh()  # a QgsTask
    assert not dock.refresh_button.isEnabled()
    assert _wait(lambda: dock.stats is not None), dock.status.text()
    assert dock.status.text() == "As of 2026-06-30: 7 projects."
    # every table, and the entry by town that asks for a town layer (tests: *_dock_towns.py)
    assert dock.table_combo.count() == len(dock.stats.tables) + 1
    dock.show_table("by_admin")
    rows = _cells(dock)
    assert [r[:3] for r in rows] == [[sd.WULING, "武陵区", "4"], [sd.DINGCHENG, "鼎城区", "3"]]
    assert dock.figure.axes and len(dock.figure.axes[0].patches) == 2  # one bar per division
    # the filters offer the library's divisions; choosing one counts only it
    dock.admin_combo.setCurrentIndex(dock.admin_combo.findData(sd.DINGCHENG))
    dock.refresh(background=False)
    assert [r[0] for r in _cells(dock)] == [sd.DINGCHENG]


def test_click_idle_bar_lists_project_and_opens_it(docks, qgis_iface):
    dock, panel, codes = docks
    dock.refresh(background=False)
    dock.show_table("idle_by_stage")
    QCoreApplication.processEvents()
    bars = dock.figure.axes[0].patches
    assert len(bars) == 3
    # the repossession-stage bar, clicked where it is drawn (matplotlib y grows upwards)
    x, y = bars[1].get_x() + bars[1].get_width() / 2, bars[1].get_height() / 2
    px, py = dock.figure.axes[0].transData.transform((x, y))
    ratio = dock.canvas.device_pixel_ratio
    point = QPoint(int(px / ratio), int(dock.canvas.height() - py / ratio))
    QTest.mouseClick(dock.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert dock.table_combo.currentData() == "anomaly_projects"
    assert dock.shown_codes() == [codes["P1"]]
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4490"))
    dock.table.cellClicked.emit(0, 0)
    assert panel.code_label.text().replace(" ", "") == codes["P1"]
    extent = canvas.extent()
    assert extent.xMinimum() <= 111.691 <= extent.xMaximum()
    assert extent.yMinimum() <= 29.031 <= extent.yMaximum()
    assert extent.width() < 0.05


def test_export_writes_what_the_dock_shows(docks, tmp_path):
    dock, _, _ = docks
    dock.refresh(background=False)
    html = dock.export(str(tmp_path / "简报"))
    wb = load_workbook(str(tmp_path / "简报.xlsx"))
    ws = wb["Projects and area by division"]
    assert [ws.cell(r, 3).value for r in (2, 3)] == [4, 3]
    assert "data:image/png" in open(html, encoding="utf-8").read()


def test_menu_entry_opens_the_dock_and_unload_removes_it(
    qgis_app, qgis_iface, qgis_processing, monkeypatch
):
    import qgis.utils
    from qgis.PyQt.QtCore import QEvent
    from qgis.PyQt.QtWidgets import QMenu

    import yimatong_plugin
    from yimatong_plugin.plugin import YimatongPlugin

    monkeypatch.setattr("yimatong_plugin.ui.locator.default_source", lambda: ("", ""))
    plugin = yimatong_plugin.classFactory(qgis_iface)
    plugin.initGui()
    qgis.utils.plugins["yimatong_plugin"] = plugin
    window = qgis_iface.mainWindow()
    try:
        (menu,) = window.findChildren(QMenu, YimatongPlugin.MENU_OBJECT_NAME)
        (action,) = [a for a in menu.actions() if a.text() == "Statistics (统计)"]
        action.trigger()
        dock = window.findChild(StatisticsDock, "YimatongStatisticsDock")
        assert dock is not None and not dock.isHidden()
        assert _wait(lambda: dock._task is None)  # no library configured: says so
        assert "No project library is configured" in dock.status.text()
    finally:
        plugin.unload()
        del qgis.utils.plugins["yimatong_plugin"]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    assert window.findChild(StatisticsDock, "YimatongStatisticsDock") is None


def test_filters_taken_from_the_library_panel(docks):
    dock, panel, _ = docks
    for key, value in (("admin", sd.DINGCHENG), ("year", "2024")):
        combo = panel.filters[key]
        combo.setCurrentIndex(combo.findData(value))
    assert panel.current_filter().admin == sd.DINGCHENG  # what a user chose in the panel
    assert dock.take_panel_filter(background=False)
    assert dock.current_filter() == StatsFilter(admin=sd.DINGCHENG, year="2024")
    # 鼎城区 2024: P7 only (P6 is archived and in 武陵区)
    dock.show_table("by_admin")
    assert [r[:3] for r in _cells(dock)] == [[sd.DINGCHENG, "鼎城区", "1"]]
