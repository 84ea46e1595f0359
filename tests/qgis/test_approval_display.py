"""The approval status the sync sets shows in the project box list and the library panel."""

from __future__ import annotations

import time

import pytest
from qgis.PyQt.QtCore import QCoreApplication

from tests.qgis.test_project_box import CLICK, click, dock, library  # noqa: F401 (fixtures)
from yimatong_plugin.ui.library_dock import LibraryDock


def test_project_box_lists_the_approval_status(dock, library, qgis_canvas):  # noqa: F811
    lib, idle, moved, _far = library
    lib.update_project(
        idle,
        approval_status="办结（通过）",
        approval_status_at="2024-03-14",
        approval_item="竣工联合验收",
    )
    click(qgis_canvas, dock.map_tool, CLICK)
    first = dock.project_list.topLevelItem(0)
    assert first.text(2) == "active · 办结（通过） 2024-03-14 竣工联合验收"
    assert "办结（通过）" in first.toolTip(2)
    assert dock.project_list.topLevelItem(1).text(2) == "active"  # none reported: as before


def test_library_panel_shows_the_approval_status(qgis_iface, library, monkeypatch):  # noqa: F811
    lib, idle, moved, _far = library
    lib.update_project(moved, approval_status="补正（开始）", approval_status_at="2024-02-01")
    monkeypatch.setattr("yimatong_plugin.toolbelt.settings.save_settings", lambda s: None)
    panel = LibraryDock(qgis_iface)
    try:
        panel.open_uri(lib.uri)
        end = time.monotonic() + 10
        while panel.library is None and time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        assert panel.library is not None
        rows = [panel.model.code_at(r) for r in range(panel.model.rowCount())]
        panel.table.selectRow(rows.index(moved))
        assert panel.approval_label.text() == "补正（开始） 2024-02-01"
        panel.table.selectRow(rows.index(idle))
        assert panel.approval_label.text() == ""
    finally:
        panel.unload()
        panel.deleteLater()


@pytest.fixture(autouse=True)
def _no_dialogs(monkeypatch):
    monkeypatch.setattr("qgis.PyQt.QtWidgets.QMessageBox.warning", lambda *a, **k: None)
