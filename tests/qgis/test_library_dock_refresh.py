"""Regressions found in the real desktop (technician workflow, scripts/screenshot_scenes.py
scene_technician): finding the project already shown (locator bar, select_code) must reload it —
parcels attached meanwhile appear in its parcels and history — and the history shows stage names
in the user's language, not the stored keys."""

import shapely

from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.library.constants import STAGES
from yimatong_plugin.ui.library_dock import LibraryDock

SEGMENTS = dict(
    region="43",
    admin="430703",
    year=2025,
    approval_type="05",
    project_type="01",
    supply_type="13",
    land_use="1001",
)


def test_selecting_the_shown_project_again_reloads_it(qgis_app, qgis_iface, tmp_path):
    path = str(tmp_path / "项目库.gpkg")
    lib = open_library(path)
    code = str(lib.new_project("德山电子信息产业园二期", "annual_transfer_plan", SEGMENTS))
    lib.close()
    dock = LibraryDock(qgis_iface)
    try:
        dock.open_uri(path, background=False)
        assert dock.select_code(code)
        assert dock.history_tree.topLevelItemCount() == 1
        assert dock.parcels_tree.topLevelItemCount() == 0
        # a parcel attached through the library (as the attach dialog does), then found again
        dock.library.add_parcel(
            code, shapely.box(111.70, 29.00, 111.702, 29.0018), stage="supply", label="DK-01"
        )
        assert dock.select_code(code)
        assert dock.parcels_tree.topLevelItemCount() == 1
        history = [
            dock.history_tree.topLevelItem(i).text(4)
            for i in range(dock.history_tree.topLevelItemCount())
        ]
        assert len(history) == 2
        assert STAGES["supply"] in history[1]
        assert "=supply" not in history[1]
    finally:
        dock.unload()
        dock.deleteLater()


def test_a_search_cleared_before_opening_another_library_is_applied(qgis_app, qgis_iface, tmp_path):
    """Seen in the desktop: search "德山标准厂房" in one library, clear the search box, open a new
    library and import into it — the list stayed empty, still filtered by the old text."""
    first = tmp_path / "一.gpkg"
    second = tmp_path / "二.gpkg"
    for path, name in ((first, "德山标准厂房一期"), (second, "柳叶湖片区商住地块")):
        lib = open_library(str(path))
        lib.new_project(name, "annual_transfer_plan", SEGMENTS)
        lib.close()
    dock = LibraryDock(qgis_iface)
    try:
        dock.open_uri(str(first), background=False)
        dock.search.setText("德山标准厂房")
        dock.apply_filter()
        assert dock.model.rowCount() == 1
        dock.search.clear()  # starts the debounce …
        dock.open_uri(str(second), background=False)  # … which opening stops
        assert dock.search.text() == ""
        assert dock.model.rowCount() == 1
        assert dock.model.code_at(0) is not None
    finally:
        dock.unload()
        dock.deleteLater()
