"""The project-library dock driven through its widgets: open, type, filter, sort, select, edit."""

import pytest
import shapely
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtTest import QTest

from tests.panel_data import make_library
from tests.qgis.waiting import wait_until
from yimatong_plugin.core import project_query as pq
from yimatong_plugin.ui.library_dock import DEBOUNCE_MS, LibraryDock

COL = {name: i for i, name in enumerate(pq.COLUMN_NAMES)}


_wait = wait_until


@pytest.fixture(scope="module")
def library_file(tmp_path_factory):
    # a folder name with spaces, "#" and Chinese: the count thread opens it as an SQLite URI
    folder = tmp_path_factory.mktemp("dock") / "常德 #1"
    return str(make_library(folder / "项目库.gpkg", n=3000, seed=11))


@pytest.fixture
def dock(qgis_app, qgis_iface, library_file, monkeypatch):
    saved = {}
    monkeypatch.setattr(
        "yimatong_plugin.toolbelt.settings.save_settings", lambda s: saved.update(vars(s))
    )
    d = LibraryDock(qgis_iface)
    d._saved_settings = saved
    d.open_uri(library_file)  # in a QgsTask
    assert _wait(lambda: d.library is not None), d.library_label.text()
    yield d
    d.unload()
    d.deleteLater()


def _rows(d):
    m = d.model
    return [
        [
            m.index(r, c).data(m.CodeRole if c == 0 else Qt.ItemDataRole.DisplayRole)
            for c in range(m.columnCount())
        ]
        for r in range(m.rowCount())
    ]


def test_open_lists_a_first_page_and_counts_in_background(dock, library_file):
    assert dock.model.rowCount() == 200  # one page, not the whole table
    headers = [
        dock.model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(pq.COLUMN_NAMES))
    ]
    assert headers[:3] == ["Code", "Name", "Applicant"] and headers[-1] == "Updated"
    assert dock.model.canFetchMore()
    assert _wait(lambda: dock.model.total is not None)
    live = dock.library.connection.execute(
        "SELECT count(*) FROM ymt_projects WHERE archived = 0"
    ).fetchone()[0]
    assert dock.model.total == live
    assert dock.count_label.text() == f"{live:,} projects"
    assert dock._saved_settings["library_uri"] == library_file  # remembered
    codes = [r[0] for r in _rows(dock)]
    assert codes == sorted(codes)
    dock.model.fetchMore()
    assert dock.model.rowCount() == 400
    more = [dock.model.code_at(i) for i in range(400)]
    assert len(set(more)) == 400 and more == sorted(more)


def test_typing_filters_after_the_debounce(dock):
    for ch in "德山":  # typed one character at a time (QTest.keyClicks is Latin-1 only)
        dock.search.insert(ch)
    assert dock.model.filter.text == ""  # not yet: the debounce waits for the next key
    # the debounce fires (waited for by condition: under load a fixed qWait can end before the
    # timer is processed)
    assert _wait(lambda: dock.model.filter.text == "德山")
    rows = _rows(dock)
    assert rows and all("德山" in r[COL["name"]] or "德山" in r[COL["applicant"]] for r in rows)
    # a division filter on top
    combo = dock.filters["admin"]
    combo.setCurrentIndex(combo.findData("430703"))
    assert _wait(lambda: dock.model.filter.admin == "430703")
    rows = _rows(dock)
    assert rows and all(r[COL["admin"]].startswith("430703 鼎城区") for r in rows)
    assert _wait(lambda: dock.model.total is not None)
    assert dock.model.total == len(rows) or dock.model.canFetchMore()


def test_division_code_and_name_find_their_projects(dock):
    """ "430702" (a division code, not the start of a code) and "武陵区" find the projects of
    that division; a search finding nothing says what can be searched."""
    live = dock.library.connection.execute(
        "SELECT count(*) FROM ymt_projects WHERE archived = 0 AND admin = '430702'"
    ).fetchone()[0]
    assert live > 0
    dock.search.setText("430702")
    dock.apply_filter()
    rows = _rows(dock)
    assert rows and all(r[COL["admin"]] == "430702 武陵区" for r in rows)
    assert _wait(lambda: dock.model.total is not None)
    assert dock.model.total == live
    # the name finds the division's projects, and those naming 武陵区 elsewhere
    dock.search.setText("武陵区")
    dock.apply_filter()
    assert _wait(lambda: dock.model.total is not None)
    while dock.model.canFetchMore():
        dock.model.fetchMore()
    rows = _rows(dock)
    in_division = [r for r in rows if r[COL["admin"]] == "430702 武陵区"]
    assert len(in_division) == live
    assert all(r in in_division or "武陵区" in r[COL["name"]] + r[COL["applicant"]] for r in rows)
    dock.search.setText("没有这个项目")
    dock.apply_filter()
    assert _wait(lambda: dock.model.total == 0)
    assert "430702" in dock.count_label.text() and "武陵区" in dock.count_label.text()
    dock.search.clear()
    dock.apply_filter()


def test_the_list_and_the_details_group_the_code_alike(dock):
    from yimatong_plugin.core.code import format_code

    code = dock.model.code_at(2)
    shown = dock.model.index(2, COL["code"]).data()
    assert shown == format_code(code) and shown.replace(" ", "") == code and " " in shown
    dock.table.selectRow(2)
    assert dock.code_label.text() == shown


def test_the_panel_opens_in_its_own_area_with_room(qgis_app):
    """Not stacked under 图层 (a left panel) with one row visible: the right area, tabified
    with a panel already open there, at a readable width."""
    from qgis.PyQt.QtWidgets import QDockWidget, QMainWindow, QTextEdit

    from yimatong_plugin.ui.library_dock import DOCK_WIDTH, place_dock

    window = QMainWindow()
    window.setCentralWidget(QTextEdit())
    window.resize(1600, 1000)
    layers = QDockWidget("图层", window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, layers)
    dock = LibraryDock(None, window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)  # as before: under 图层
    dock.hide()
    window.show()
    try:
        place_dock(window, dock)
        QCoreApplication.processEvents()
        assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
        assert dock.isVisible() and dock.height() > 0.8 * window.centralWidget().height()
        assert dock.width() >= DOCK_WIDTH - 10
        # a panel open on the right: tabified with it, not squeezed under it
        dock.hide()
        toolbox = QDockWidget("工具箱", window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, toolbox)
        toolbox.show()
        place_dock(window, dock)
        QCoreApplication.processEvents()
        assert toolbox in window.tabifiedDockWidgets(dock)
        assert dock.height() > 0.8 * window.centralWidget().height()
    finally:
        dock.unload()
        window.close()
        window.deleteLater()


def test_code_prefix_search_and_sorting_by_header(dock):
    code = dock.model.code_at(0)
    dock.search.setText(code[:12])
    dock.apply_filter()
    assert all(dock.model.code_at(r).startswith(code[:12]) for r in range(dock.model.rowCount()))
    dock.search.clear()
    dock.apply_filter()
    dock.table.horizontalHeader().sectionClicked.emit(COL["declared_area_m2"])
    dock.table.sortByColumn(COL["declared_area_m2"], Qt.SortOrder.DescendingOrder)
    areas = [float(r[COL["declared_area_m2"]].replace(",", "")) for r in _rows(dock)]
    assert areas == sorted(areas, reverse=True)


def test_selecting_a_row_shows_details_and_edits_are_audited(dock):
    lib = dock.library
    code = dock.model.code_at(3)
    lib.add_parcel(code, shapely.box(111.70, 29.00, 111.701, 29.001).wkt, stage="supply")
    lib.add_event(code, "reserve", "2023-05-01", doc_no="常储〔2023〕5号")
    dock.table.selectRow(3)
    project = lib.project(code)
    assert dock.code_label.text().replace(" ", "") == code
    assert dock.edits["name"].text() == project["name"]
    assert dock.parcels_tree.topLevelItemCount() == 1
    assert dock.parcels_tree.topLevelItem(0).text(2) == "供地"
    docs = [
        dock.events_tree.topLevelItem(i).text(2)
        for i in range(dock.events_tree.topLevelItemCount())
    ]
    assert "常储〔2023〕5号" in docs
    assert dock.history_tree.topLevelItemCount() >= 2
    assert dock.zoom_to_parcels()

    dock.edits["applicant"].setText("常德市新主体")
    assert dock.save_edits()
    assert lib.project(code)["applicant"] == "常德市新主体"
    last = lib.history(code)[-1]
    assert last["action"] == "update" and last["after"]["applicant"] == "常德市新主体"
    texts = [
        dock.history_tree.topLevelItem(i).text(4)
        for i in range(dock.history_tree.topLevelItemCount())
    ]
    assert any(t.startswith("Applicant: ") and t.endswith("→ 常德市新主体") for t in texts), texts
    assert any(
        "常德市新主体" in dock.history_tree.topLevelItem(i).text(4)
        for i in range(dock.history_tree.topLevelItemCount())
    )

    # a date set where there was none reads （空） → date in a Chinese QGIS, never "None"
    from yimatong_plugin.toolbelt import i18n

    assert not lib.project(code).get("agreed_completion")
    assert i18n.install_translator("zh_CN")
    try:
        dock.edits["agreed_completion"].setText("2027-09-25")
        assert dock.save_edits()
        texts = [
            dock.history_tree.topLevelItem(i).text(4)
            for i in range(dock.history_tree.topLevelItemCount())
        ]
    finally:
        i18n.remove_translator()
    assert "约定竣工时间: （空） → 2027-09-25" in texts, texts
    assert not any("None" in t for t in texts), texts


def test_add_to_map_with_styles_and_relations(dock):
    layers = dock.add_layers()
    try:
        assert set(layers) == {"ymt_parcels", "ymt_projects", "ymt_events"}
        assert all(lyr.isValid() for lyr in layers.values())
        assert layers["ymt_parcels"].crs().authid() == "EPSG:4490"
        rels = QgsProject.instance().relationManager().referencedRelations(layers["ymt_projects"])
        children = {r.referencingLayer().id() for r in rels}
        assert children == {layers["ymt_parcels"].id(), layers["ymt_events"].id()}
        assert layers["ymt_parcels"].renderer().type() == "RuleRenderer"  # QML style applied
        # parcel labels tell projects apart: the project's name, not only the 6-digit serial
        from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

        parcels = layers["ymt_parcels"]
        settings = parcels.labeling().settings()
        assert settings.isExpression
        expression = QgsExpression(settings.fieldName)
        context = QgsExpressionContext()
        context.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(parcels))
        labels = {}
        for feature in parcels.getFeatures():
            context.setFeature(feature)
            labels[feature["code"]] = expression.evaluate(context)
        assert len(labels) >= 1 and not expression.hasEvalError(), expression.evalErrorString()
        for code, text in labels.items():
            assert text.startswith(dock.library.project(code)["name"] + "\n")
            assert text.endswith(code[-6:])
        projects = layers["ymt_projects"]
        assert projects.attributeAlias(projects.fields().indexOf("name")) == "项目名称"
        # a second click re-uses the layers
        again = dock.add_layers()
        assert again["ymt_projects"].id() == layers["ymt_projects"].id()
    finally:
        for rel in QgsProject.instance().relationManager().relations():
            QgsProject.instance().relationManager().removeRelation(rel)
        QgsProject.instance().removeMapLayers([lyr.id() for lyr in layers.values()])


def test_bad_file_is_reported_not_raised(qgis_app, tmp_path):
    bad = tmp_path / "not_a_library.gpkg"
    bad.write_text("hello")
    d = LibraryDock(None)
    d.open_uri(str(bad), background=False)
    assert d.library is None
    assert not d.table.isEnabled()
    d.deleteLater()


def test_import_button_opens_the_import_dialog(dock, library_file):
    dlg = dock.open_import()
    try:
        assert dlg.isVisible()
        assert dlg.uri == library_file  # the library the dock opened
    finally:
        dlg.close()
        dlg.deleteLater()


def test_anomaly_filter_fills_in_the_background(dock):
    combo = dock.filters["anomaly"]
    assert _wait(lambda: combo.isEnabled() and combo.count() > 1, timeout=30)
    rule = "批而未供"  # the synthetic library has unsupplied approval batches
    codes = dock.anomalies.get(rule, set())
    assert codes
    combo.setCurrentIndex(combo.findData(rule))
    dock.apply_filter()
    shown = {dock.model.code_at(r) for r in range(dock.model.rowCount())}
    assert shown and shown <= codes
    assert _wait(lambda: dock.model.total is not None)
    assert dock.model.total == len(codes)
    assert combo.currentText() == f"{rule} ({len(codes):,})"


def test_stage_filter_lists_the_supplement_stage_and_uses_current_stage(dock):
    combo = dock.filters["stage"]
    assert combo.findData("supplementary_farmland") > 0
    assert combo.itemText(combo.findData("supplementary_farmland")) == "补充耕地/占补平衡"
    combo.setCurrentIndex(combo.findData("supply"))
    QTest.qWait(DEBOUNCE_MS + 100)
    codes = [r[COL["code"]] for r in _rows(dock)]
    assert codes
    marks = ", ".join("?" for _ in codes)
    stages = dock.library.query(
        f"SELECT DISTINCT current_stage FROM ymt_projects WHERE code IN ({marks})", codes
    )
    assert [r["current_stage"] for r in stages] == ["supply"]
    latest = dock.library.query(
        "SELECT stage FROM ymt_events WHERE code = ? AND archived = 0 "
        "ORDER BY event_date DESC, fid DESC LIMIT 1",
        (codes[0],),
    )
    assert latest[0]["stage"] == "supply"
