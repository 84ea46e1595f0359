"""Import fidelity (issue 16 items 1-3): units inside cells, numeric and serial dates, UTF-16 and
Big5 CSV, real plan tables (title block, table unit note, total rows, merged cells) built with
openpyxl the way Excel writes them."""

import datetime as dt

import openpyxl
import pytest

from yimatong_plugin.core.dictionaries import load_dictionaries
from yimatong_plugin.core.importer import ImporterError, dry_run, parse_date, read_table
from yimatong_plugin.core.units import AreaUnit, AreaUnitError, parse_area_text, unit_in_header

HEADERS = ["项目名称", "行政区", "年度", "批准类型", "项目类型", "供地方式", "用途"]
ROW = ["德山电子产业园", "鼎城区", "2024", "05", "01", "出让（挂牌）", "工业用地"]


@pytest.fixture(scope="module")
def dictionaries():
    return load_dictionaries()


def _plan(table, dictionaries, **kw):
    kw.setdefault("defaults", {"region": "43"})
    return dry_run(table, "annual_transfer_plan", dictionaries=dictionaries, **kw)


def _xlsx(path, rows, merged=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for rng in merged:
        ws.merge_cells(rng)  # Excel keeps the value in the top-left cell only
    wb.save(path)
    return path


# -- item 1: units inside cells ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1.5公顷", 1.5, AreaUnit.HECTARE),
        ("30亩", 30, AreaUnit.MU),
        ("１．５公顷", 1.5, AreaUnit.HECTARE),  # full-width digits
        ("200 ㎡", 200, AreaUnit.M2),
        ("200ｍ²", 200, AreaUnit.M2),
        ("1,200平方米", 1200, AreaUnit.M2),
        ("0.2平方公里", 0.2, AreaUnit.KM2),
        ("2 ha", 2, AreaUnit.HECTARE),
        ("3.5", 3.5, None),
    ],
)
def test_area_text_with_units(text, value, unit):
    assert parse_area_text(text) == (pytest.approx(value), unit)


def test_header_units():
    assert unit_in_header("用地面积（公顷）") is AreaUnit.HECTARE
    assert unit_in_header("面积/亩") is AreaUnit.MU
    assert unit_in_header("面积(㎡)") is AreaUnit.M2
    assert unit_in_header("用地面积") is None
    assert unit_in_header("总投资（万元）") is None
    for header in (
        "面积（万亩）",
        "面积(英亩)",
        "面积（平方英尺）",
        "面积（千平方米）",
        "面积/万公顷",
    ):
        with pytest.raises(AreaUnitError):
            unit_in_header(header)
    assert unit_in_header("面积（万平方米）") is AreaUnit.TEN_THOUSAND_M2


def test_header_with_an_unknown_unit_refuses_the_column(tmp_path, dictionaries):
    rows = [HEADERS + ["面积（万亩）"], ROW + [1.5]]
    plan = _plan(read_table(_xlsx(tmp_path / "u.xlsx", rows)), dictionaries)
    assert [(p.row, p.column) for p in plan.problems] == [(0, "面积（万亩）")]
    assert "not understood" in plan.problems[0].message and not plan.rows


def test_units_in_cells_are_converted_and_contradictions_noted(tmp_path, dictionaries):
    rows = [HEADERS + ["用地面积", "出让面积（公顷）"]]
    rows.append(ROW + ["1.5公顷", "2"])  # row 2: 15,000 m²; 20,000 m²
    rows.append(ROW + ["30亩", "45亩"])  # row 3: 20,000 m²; 45 亩 in a 公顷 column
    rows.append(ROW + ["１２００平方米", "0.3"])  # row 4: full-width
    rows.append(ROW + ["2.5英亩", "1"])  # row 5: unknown unit
    path = _xlsx(tmp_path / "plan.xlsx", rows)
    table = read_table(path)
    mapping = {h: f for h, f in zip(HEADERS, ["name", "admin", "year", "approval_type",
               "project_type", "supply_type", "land_use"])}  # fmt: skip
    mapping["用地面积"] = "declared_area_m2"
    plan = _plan(table, dictionaries, mapping=mapping)
    assert [(p.row, p.column) for p in plan.problems] == [(5, "用地面积")]
    assert "英亩" in plan.problems[0].message and "unit" in plan.problems[0].message
    areas = {r.row: r.values["declared_area_m2"] for r in plan.rows}
    assert areas == {2: pytest.approx(15000), 3: pytest.approx(20000), 4: pytest.approx(1200)}

    mapping["用地面积"], mapping["出让面积（公顷）"] = "", "declared_area_m2"
    plan = _plan(table, dictionaries, mapping=mapping)
    assert plan.ok
    areas = {r.row: r.values["declared_area_m2"] for r in plan.rows}
    assert areas[3] == pytest.approx(30000)  # 45 亩, not 45 公顷
    unit_notes = [n for n in plan.notes if n.field == "declared_area_m2"]
    assert [(n.row, n.column) for n in unit_notes] == [(3, "出让面积（公顷）")]
    assert "亩" in unit_notes[0].message and "公顷" in unit_notes[0].message


# -- item 2: dates and encodings ------------------------------------------------------------


def test_numeric_yyyymmdd_and_serial_dates(tmp_path, dictionaries):
    assert parse_date(20240301) == dt.date(2024, 3, 1)
    assert parse_date(20240301.0) == dt.date(2024, 3, 1)
    assert parse_date(45352) == dt.date(2024, 3, 1)  # Excel serial
    with pytest.raises(ValueError):
        parse_date(20240230)
    rows = [HEADERS + ["约定开工时间"], ROW + [20240301], ROW + [45352], ROW + ["20240301"]]
    plan = _plan(read_table(_xlsx(tmp_path / "d.xlsx", rows)), dictionaries)
    assert plan.ok, plan.summary()
    assert {r.values["agreed_start"] for r in plan.rows} == {dt.date(2024, 3, 1)}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_csv_is_read(tmp_path, encoding):
    text = "\t".join(HEADERS) + "\r\n" + "\t".join(ROW) + "\r\n"
    path = tmp_path / "unicode.txt"  # Excel's "Unicode text": UTF-16 with BOM, tabs
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert table.headers == HEADERS
    assert table.rows == [(2, ROW)]


def test_chinese_utf16_without_bom_is_read_and_nul_bytes_refused(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("项目名称\r\n德山电子产业园\r\n".encode("utf-16-le"))
    assert read_table(path).rows == [(2, ["德山电子产业园"])]
    path.write_bytes("项目名称,年度\n甲\0,2024\n".encode())
    with pytest.raises(ImporterError, match="Line 2 of the file holds NUL bytes"):
        read_table(path)


def test_big5_csv_is_refused_naming_the_encoding_and_line(tmp_path):
    text = "項目名稱,行政區,年度\n德山電子產業園,鼎城區,2024\n"
    path = tmp_path / "big5.csv"
    path.write_bytes(text.encode("big5"))
    with pytest.raises(ImporterError, match=r"Big5.*line 1"):
        read_table(path)


def test_gbk_with_traditional_characters_still_reads(tmp_path):
    text = "項目名稱,行政區,年度\n德山電子產業園,鼎城區,2024\n"
    path = tmp_path / "gbk.csv"
    path.write_bytes(text.encode("gbk"))
    assert read_table(path).rows == [(2, ["德山電子產業園", "鼎城區", "2024"])]


def test_other_bytes_are_refused_naming_the_line(tmp_path):
    path = tmp_path / "sjis.csv"
    path.write_bytes(
        "项目名称,年度\n甲项目,2024\n".encode("gbk") + "プロジェクト,2024\n".encode("cp932")
    )
    with pytest.raises(ImporterError, match=r"not UTF-8, UTF-16 or GBK text: line 3"):
        read_table(path)


# -- item 3: real plan tables ---------------------------------------------------------------

PLAN_HEADERS = ["序号", "行政区", "项目名称", "用地面积", "供地方式", "用途", "批准类型",
                "项目类型"]  # fmt: skip


def _plan_table(tmp_path, unit_line="填报单位：常德市自然资源和规划局      单位：公顷"):
    rows = [
        ["常德市2024年度国有建设用地供应计划表"] + [None] * 7,
        [unit_line] + [None] * 7,
        PLAN_HEADERS,
        [1, "武陵区", "武陵安置房", 4, "划拨", "城镇住宅用地", "05", "03"],
        [2, None, "柳叶湖商业综合体", 1.2, "出让（拍卖）", "商业用地", "05", "04"],
        [3, None, "武陵标准厂房", "30亩", "出让（挂牌）", "工业用地", "05", "01"],
        ["小计", None, None, 5.4, None, None, None, None],
        [4, "鼎城区", "德山电子产业园", 2.5, "出让（挂牌）", "工业用地", "05", "01"],
        [5, None, "鼎城物流园", 3, "出让（挂牌）", "物流仓储用地", "05", "02"],
        ["合  计", None, None, 10.9, None, None, None, None],
    ]
    merged = ["A1:H1", "A2:H2", "B4:B6", "B8:B9"]
    return _xlsx(tmp_path / "供应计划.xlsx", rows, merged)


def test_plan_table_header_found_below_title_and_unit_note(tmp_path, dictionaries):
    table = read_table(_plan_table(tmp_path))
    assert table.headers == PLAN_HEADERS
    layout = table.layout
    assert layout.header_row == 3
    assert layout.year == "2024"
    assert layout.unit is AreaUnit.HECTARE
    assert [r for r, _ in table.rows] == [4, 5, 6, 8, 9]  # totals left out
    assert layout.skipped == [(7, "小计"), (10, "合计")]

    plan = _plan(table, dictionaries, defaults={"region": "43", "year": "2024"})
    assert plan.ok, plan.summary()
    by_row = {r.row: r.values for r in plan.rows}
    # merged 行政区 filled down
    assert [by_row[r]["admin"] for r in (4, 5, 6, 8, 9)] == ["430702"] * 3 + ["430703"] * 2
    # table unit applied to the column without a unit; the cell's own 亩 wins
    assert by_row[4]["declared_area_m2"] == pytest.approx(40000)
    assert by_row[6]["declared_area_m2"] == pytest.approx(20000)
    notes = "\n".join(str(n) for n in plan.notes)
    assert "Row 7" in notes and "小计" in notes and "Row 10" in notes
    assert "单位：公顷" in notes  # the table unit applied is said
    assert "亩" in notes  # the 30亩 cell in a 公顷 table
    assert "rows 5–6, 9 take the value of the cell merged above them" in notes


def test_plan_table_header_row_chosen_by_the_user(tmp_path):
    table = read_table(_plan_table(tmp_path), header_row=2)
    assert table.layout.detected_header_row == 3
    assert table.layout.header_row == 2
    with pytest.raises(ImporterError, match="no row 40"):
        read_table(_plan_table(tmp_path), header_row=40)


def test_mu_unit_note_and_no_merge_fill_across_header(tmp_path, dictionaries):
    table = read_table(_plan_table(tmp_path, unit_line="单位：亩"))
    assert table.layout.unit is AreaUnit.MU
    plan = _plan(table, dictionaries, defaults={"region": "43", "year": "2024"})
    assert {r.row: r.values["declared_area_m2"] for r in plan.rows}[4] == pytest.approx(
        4 * 10000 / 15
    )


def test_unmerged_blank_cell_is_still_missing(tmp_path, dictionaries):
    path = _plan_table(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.active.unmerge_cells("B4:B6")
    wb.save(path)
    plan = _plan(read_table(path), dictionaries, defaults={"region": "43", "year": "2024"})
    assert {(p.row, p.column) for p in plan.problems} == {(5, "行政区"), (6, "行政区")}


# -- item 12: plan vocabulary ---------------------------------------------------------------


def _vocab_plan(tmp_path, dictionaries, values):
    """One row per dict of overrides of ROW's fields."""
    rows = [HEADERS]
    for v in values:
        row = list(ROW)
        for i, h in enumerate(HEADERS):
            if h in v:
                row[i] = v[h]
        rows.append(row)
    table = read_table(_xlsx(tmp_path / "v.xlsx", rows))
    return _plan(table, dictionaries)


def test_short_forms_map_to_one_entry(tmp_path, dictionaries):
    plan = _vocab_plan(tmp_path, dictionaries, [
        {"供地方式": "挂牌", "用途": "工业", "项目类型": "工业"},
        {"供地方式": "拍卖", "用途": "商业", "项目类型": "商服"},
        {"供地方式": "协议", "用途": "住宅", "项目类型": "住宅"},
        {"供地方式": "招标", "用途": "物流仓储", "项目类型": "物流"},
    ])  # fmt: skip
    assert plan.ok, plan.summary()
    got = [(r.values["supply_type"], r.values["land_use"], r.values["project_type"])
           for r in plan.rows]  # fmt: skip
    assert got == [("13", "1001", "01"), ("12", "0901", "04"), ("14", "0701", "03"),
                   ("11", "1101", "02")]  # fmt: skip


def test_mixed_use_is_a_row_problem_with_a_suggestion(tmp_path, dictionaries):
    plan = _vocab_plan(tmp_path, dictionaries, [{"用途": "商住"}, {"用途": "商服用地"}])
    assert [(p.row, p.column) for p in plan.problems] == [(2, "用途"), (3, "用途")]
    assert "0701 城镇住宅用地" in plan.problems[0].message
    assert "0901 商业用地" in plan.problems[0].message
    assert "0902 商务金融用地" in plan.problems[1].message
    assert not plan.rows


def test_unknown_names_list_the_closest_entries(tmp_path, dictionaries):
    plan = _vocab_plan(tmp_path, dictionaries, [{"供地方式": "挂牌出售"}, {"行政区": "武陵"}])
    by_row = {p.row: p.message for p in plan.problems}
    assert "closest" in by_row[2] and "13 出让（挂牌）" in by_row[2]
    assert "430702 武陵区" in by_row[3]
    assert "value_aliases.csv" in by_row[3]  # where a development zone is added


def test_development_zone_as_division_from_the_bureau_alias_list(tmp_path, dictionaries):
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "value_aliases.csv").write_text(
        "list,alias,code\nadmin,常德经济技术开发区,430703\nadmin,经开区,430703\n", encoding="utf-8"
    )
    bureau = load_dictionaries(folder)
    plan = _vocab_plan(tmp_path, bureau, [{"行政区": "常德经济技术开发区"}, {"行政区": "经开区"}])
    assert plan.ok, plan.summary()
    assert {r.values["admin"] for r in plan.rows} == {"430703"}
    (folder / "value_aliases.csv").write_text("list,alias,code\nadmin,某开发区,999999\n",
                                              encoding="utf-8")  # fmt: skip
    with pytest.raises(ValueError, match=r"value_aliases.csv, line 2: code 999999"):
        load_dictionaries(folder)


@pytest.mark.parametrize(
    ("cells", "label"),
    [
        (["合  计", None, 10.9], "合计"),
        (["小计（3宗）", None, 1], "小计（3宗）"),
        ([None, "合计：5宗", 1], "合计：5宗"),
        (["武陵区小计", None, 3], "武陵区小计"),
        (["全市合计", None, 3], "全市合计"),
        ([1, "城区综合计划地块", 3], None),
        ([2, "德山小计划项目", 3], None),
    ],
)
def test_total_rows(cells, label):
    from yimatong_plugin.core.table_layout import total_label

    assert total_label(cells) == label


def test_area_column_without_unit_holding_hectare_values_is_flagged(tmp_path, dictionaries):
    rows = [HEADERS + ["用地面积"], ROW + [2.5], ROW + [4], ROW + ["1.5公顷"]]
    plan = _plan(read_table(_xlsx(tmp_path / "a.xlsx", rows)), dictionaries)
    notes = [n for n in plan.notes if n.field == "declared_area_m2"]
    assert len(notes) == 1 and "look like 公顷 or 亩" in notes[0].message
    assert "median 4 m²" in notes[0].message  # 2.5, 4: the 1.5公顷 cell has its own unit
    rows = [HEADERS + ["用地面积"], ROW + [25000], ROW + [40000]]
    plan = _plan(read_table(_xlsx(tmp_path / "b.xlsx", rows)), dictionaries)
    assert not [n for n in plan.notes if n.field == "declared_area_m2"]
