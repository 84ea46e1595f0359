"""The import dialog: mapping guessed and remembered, dry run lists problems, import is
all-or-nothing and runs as a QgsTask."""

import sqlite3
import time

import pytest
from qgis.PyQt.QtCore import QCoreApplication

from yimatong_plugin.core.library import open_library
from yimatong_plugin.ui.import_dialog import ImportDialog

HEADERS = "序号,地块名称,用地单位,行政区,年度,批准类型,项目类型,供地方式,用途,面积（公顷）"
ROWS = [
    "1,德山电子产业园,湖南某电子,鼎城区,2024,05,01,挂牌出让,工业用地,2.5",
    "2,武陵安置房,常德城投,武陵区,2024,05,03,划拨,城镇住宅用地,4",
    "3,柳叶湖商业综合体,某置业,武陵区,2024,05,04,拍卖出让,火星用地,1.2",
]


def _wait(predicate, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.01)
    return False


def _count(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM ymt_projects").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def setup(qgis_app, tmp_path):
    lib_path = str(tmp_path / "lib.gpkg")
    open_library(lib_path).close()
    csv = tmp_path / "plan.csv"
    csv.write_bytes(("\r\n".join([HEADERS, *ROWS]) + "\r\n").encode("gbk"))
    store = tmp_path / "mappings.json"
    return lib_path, str(csv), store


def test_map_dry_run_fix_and_import(setup):
    lib_path, csv, store = setup
    dlg = ImportDialog(lib_path, parent=None, store_path=store)
    dlg.file.setFilePath(csv)  # loads the file and guesses the mapping
    mapping = dlg.current_mapping()
    assert mapping["地块名称"] == "name"  # guessed from the header
    assert mapping["面积（公顷）"] == "declared_area_m2"
    assert mapping["序号"] == ""
    assert dlg.mapping.item(0, 1).text() == "1"  # first value shown

    dlg.run(dry=True)  # a QgsTask
    assert _wait(lambda: dlg.plan is not None)
    assert [(p.row, p.column) for p in dlg.plan.problems] == [(4, "用途")]
    assert dlg.problems.item(0, 2).text().find("火星用地") >= 0
    assert not dlg.import_button.isEnabled()
    assert _count(lib_path) == 0

    # ignoring the land-use column is not a fix: it is needed to allocate codes
    dlg.set_field("用途", "")
    dlg.run(dry=True, background=False)
    assert len(dlg.plan.problems) == 1 and dlg.plan.problems[0].row == 0
    dlg.set_field("用途", "land_use")

    # fix the file, reload, dry run clean, import
    fixed = open(csv, "rb").read().decode("gbk").replace("火星用地", "商业用地")
    open(csv, "wb").write(fixed.encode("gbk"))
    dlg.load_file(csv)
    dlg.set_field("用地单位", "")  # a choice the guess would not make: remembered below
    dlg.run(dry=True, background=False)
    assert dlg.plan.ok and dlg.import_button.isEnabled()
    imported = []
    dlg.finishedImport.connect(imported.append)
    dlg.run(dry=False)
    assert _wait(lambda: imported)
    assert imported == [3]
    assert _count(lib_path) == 3
    with open_library(lib_path) as lib:
        p = lib.find("武陵安置房")[0]
        assert p["declared_area_m2"] == pytest.approx(40000)
        assert p["supply_type"] == "10"
    # the mapping is remembered for the source
    again = ImportDialog(lib_path, parent=None, store_path=store)
    again.file.setFilePath(csv)
    assert again.current_mapping() == {
        "序号": "",
        "地块名称": "name",
        "用地单位": "",  # the user's choice, not the guess "applicant"
        "行政区": "admin",
        "年度": "year",
        "批准类型": "approval_type",
        "项目类型": "project_type",
        "供地方式": "supply_type",
        "用途": "land_use",
        "面积（公顷）": "declared_area_m2",
    }


def _offered(dlg, column):
    """The field label shown (current) and the labels offered for ``column``."""
    for i in range(dlg.mapping.rowCount()):
        if dlg.mapping.item(i, 0).text() == column:
            combo = dlg.mapping.cellWidget(i, 2)
            return combo.currentText(), [combo.itemText(k) for k in range(combo.count())]
    raise AssertionError(column)


def test_mapping_shows_the_area_unit_the_importer_converts(qgis_app, tmp_path):
    """A column in 亩 (or 公顷) mapped to the declared area says it is converted to m²; a
    column without unit is taken as m² and says nothing more."""
    lib_path = str(tmp_path / "lib.gpkg")
    open_library(lib_path).close()
    csv = tmp_path / "plan.csv"
    csv.write_text(
        "地块名称,用地单位,行政区,年度,批准类型,项目类型,供地方式,用途,"
        "出让面积（亩）,用地面积（公顷）,面积\n"
        "德山电子产业园,湖南某电子,鼎城区,2024,05,01,挂牌出让,工业用地,30,2,20000\n",
        encoding="utf-8",
    )
    dlg = ImportDialog(lib_path, parent=None, store_path=tmp_path / "mappings.json")
    dlg.file.setFilePath(str(csv))
    assert dlg.current_mapping()["出让面积（亩）"] == "declared_area_m2"
    shown, offered = _offered(dlg, "出让面积（亩）")
    assert shown == "Declared area (m², converted from mu)"
    assert "Declared area (m²)" not in offered
    dlg.set_field("用地面积（公顷）", "declared_area_m2")
    assert _offered(dlg, "用地面积（公顷）")[0] == "Declared area (m², converted from hectares)"
    dlg.set_field("面积", "declared_area_m2")
    assert _offered(dlg, "面积")[0] == "Declared area (m²)"
    # and the importer does convert what the label says: 30 亩 = 20,000 m²
    dlg.set_field("用地面积（公顷）", "")
    dlg.set_field("面积", "")
    dlg.run(dry=True, background=False)
    assert dlg.plan.ok, dlg.plan.summary()
    assert dlg.plan.rows[0].values["declared_area_m2"] == pytest.approx(20000)


def _bureau_plan(path):
    """An annual plan as a bureau keeps it: merged title, 填报单位/单位 line, 行政区 merged down,
    a 小计 row, no year / approval type / project type columns."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [
        ["常德市2024年度国有建设用地供应计划", None, None, None, None, None],
        ["填报单位：常德市自然资源和规划局    单位：公顷", None, None, None, None, None],
        ["序号", "行政区", "项目名称", "用地面积", "供地方式", "用途"],
        [1, "武陵区", "武陵安置房", 4, "划拨", "城镇住宅用地"],
        [2, None, "柳叶湖商业综合体", "18亩", "拍卖", "商业"],
        ["小计", None, None, 5.2, None, None],
    ]:
        ws.append(row)
    for rng in ("A1:F1", "A2:F2", "B4:B5"):
        ws.merge_cells(rng)
    wb.save(path)
    return str(path)


def test_bureau_plan_header_row_defaults_and_notes(qgis_app, tmp_path):
    lib_path = str(tmp_path / "lib.gpkg")
    open_library(lib_path).close()
    path = _bureau_plan(tmp_path / "供应计划.xlsx")
    store = tmp_path / "mappings.json"
    dlg = ImportDialog(lib_path, parent=None, store_path=store)
    dlg.file.setFilePath(path)
    # the header row is found below the title block and shown in the preview
    assert dlg.header_picker.header_row() == 3
    assert dlg.header_picker.preview.item(0, 0).text() == "常德市2024年度国有建设用地供应计划"
    assert dlg.header_picker.preview.item(2, 2).font().bold()
    mapping = dlg.current_mapping()
    assert mapping["项目名称"] == "name" and mapping["行政区"] == "admin"
    # the table's unit note is what the area column is converted from
    assert _offered(dlg, "用地面积")[0] == "Declared area (m², converted from hectares)"
    # the year of the title is offered as the default year
    assert dlg.defaults.values() == {"region": "43", "year": "2024"}  # region: the settings
    assert "2024年度" in dlg.defaults.year_hint.text()

    dlg.run(dry=True, background=False)
    assert [p.field for p in dlg.plan.problems] == ["segments"]
    assert "Approval type" in dlg.plan.problems[0].message
    assert "Year" not in dlg.plan.problems[0].message
    assert dlg.tabs.currentWidget() is dlg.defaults  # where to give them
    assert not dlg.import_button.isEnabled()

    assert dlg.defaults.set_value("approval_type", "05")
    assert dlg.defaults.set_value("project_type", "03")
    dlg.run(dry=True, background=False)
    assert dlg.plan.ok, dlg.plan.summary()
    assert dlg.import_button.isEnabled()
    notes = [dlg.problems.item(i, 2).text() for i in range(dlg.problems.rowCount())]
    assert any("Year 2024 taken from the default in 2 rows (4–5)" in n for n in notes), notes
    assert any("Approval type 05 taken from the default" in n for n in notes), notes
    assert any("小计" in n for n in notes), notes
    assert any("亩" in n and "公顷" in n for n in notes), notes  # 18亩 in a 公顷 table
    by_row = {r.row: r.values for r in dlg.plan.rows}
    assert by_row[5]["admin"] == "430702"  # merged cell filled
    assert by_row[4]["declared_area_m2"] == pytest.approx(40000)
    assert by_row[5]["declared_area_m2"] == pytest.approx(12000)
    assert by_row[5]["supply_type"] == "12"  # 拍卖

    dlg.run(dry=False, background=False)
    assert dlg.imported and _count(lib_path) == 2
    # defaults are remembered with the mapping for the source
    again = ImportDialog(lib_path, parent=None, store_path=store)
    again.file.setFilePath(path)
    assert again.defaults.values() == {"region": "43", "year": "2024", "approval_type": "05",
                                       "project_type": "03"}  # fmt: skip


def test_user_picks_the_header_row(qgis_app, tmp_path):
    lib_path = str(tmp_path / "lib.gpkg")
    open_library(lib_path).close()
    path = _bureau_plan(tmp_path / "plan.xlsx")
    dlg = ImportDialog(lib_path, parent=None, store_path=tmp_path / "m.json")
    dlg.file.setFilePath(path)
    dlg.set_header_row(2)
    assert dlg.table_data.headers[0].startswith("填报单位")
    assert dlg.header_picker.preview.item(1, 0).font().bold()
    assert "name" not in dlg.current_mapping().values()
    dlg.set_header_row(3)
    assert dlg.current_mapping()["项目名称"] == "name"
    assert [r for r, _ in dlg.table_data.rows] == [4, 5]


def test_the_title_year_wins_over_a_remembered_year(qgis_app, tmp_path):
    """Last year's remembered default must not give this year's plan last year's codes."""
    from yimatong_plugin.core.importer import MappingStore

    lib_path = str(tmp_path / "lib.gpkg")
    open_library(lib_path).close()
    store = tmp_path / "m.json"
    MappingStore(store).set("annual_transfer_plan", {}, {"year": "2023", "approval_type": "05"})
    dlg = ImportDialog(lib_path, parent=None, store_path=store)
    dlg.file.setFilePath(_bureau_plan(tmp_path / "plan.xlsx"))
    assert dlg.defaults.values()["year"] == "2024"
    assert dlg.defaults.values()["approval_type"] == "05"
    assert "2023" in dlg.defaults.year_hint.text()
