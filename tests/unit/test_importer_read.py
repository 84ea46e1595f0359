"""Reading spreadsheets, guessing/remembering the column mapping, parsing dates (no library)."""

import datetime as dt
import json

import openpyxl
import pytest

from yimatong_plugin.core.importer import (
    ImporterError,
    MappingStore,
    area_factor,
    detect_encoding,
    guess_mapping,
    lookup_code,
    merge_mapping,
    parse_date,
    parse_mapping,
    read_table,
)

HEADERS = ["序号", "项目名称", "用地单位", "行政区", "年度", "供地方式", "用途", "面积（公顷）",
           "约定开工时间", "备注"]  # fmt: skip
ROW = ["1", "常德高新区标准厂房", "常德市城投公司", "武陵区", "2024", "出让", "0701", "1.5",
       "2024年3月1日", ""]  # fmt: skip


def _write_csv(path, rows, encoding):
    text = "\n".join(",".join(r) for r in rows) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("gbk", "gb18030"), ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig")],
)
def test_csv_encodings_are_detected_and_decoded(tmp_path, encoding, expected):
    path = _write_csv(tmp_path / f"plan_{encoding}.csv", [HEADERS, ROW], encoding)
    assert detect_encoding(path.read_bytes()) == expected
    table = read_table(path)
    assert table.encoding == expected
    assert table.headers == HEADERS  # no BOM glued to the first header
    assert table.rows == [(2, ["1", "常德高新区标准厂房", "常德市城投公司", "武陵区", "2024",
                               "出让", "0701", "1.5", "2024年3月1日", None])]  # fmt: skip


def test_csv_semicolon_and_blank_lines_keep_spreadsheet_row_numbers(tmp_path):
    text = "项目名称;年度\n甲项目;2024\n\n乙项目;2025\n"
    path = tmp_path / "p.csv"
    path.write_text(text, encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["项目名称", "年度"]
    assert [r for r, _ in table.rows] == [2, 4]


def test_not_text_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\x81\xff" * 10)
    with pytest.raises(ImporterError, match="neither UTF-8 nor GBK"):
        read_table(path)
    path.write_bytes(b"\xff\xfe\x00\x81\xff" * 10)  # a UTF-16 BOM, then no text
    with pytest.raises(ImporterError, match="UTF-16 text but line 1 is not text"):
        read_table(path)


def test_xlsx_with_title_row_and_real_date_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2024年度出让计划"
    ws.append(["常德市2024年度国有建设用地出让计划"])  # a title row above the header
    ws.append(HEADERS)
    row = list(ROW)
    row[8] = dt.datetime(2024, 3, 1)
    row[4] = 2024
    row[7] = 1.5
    ws.append(row)
    ws.append([None] * len(HEADERS))  # blank row skipped
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    table = read_table(path)
    assert table.sheet == "2024年度出让计划"
    assert table.headers == HEADERS
    assert len(table.rows) == 1
    rownum, values = table.rows[0]
    assert rownum == 3  # what the user sees in Excel
    assert values[8] == dt.datetime(2024, 3, 1)
    assert values[4] == 2024


def test_unsupported_and_missing_files(tmp_path):
    with pytest.raises(ImporterError, match="file not found"):
        read_table(tmp_path / "nope.csv")
    (tmp_path / "x.doc").write_text("x")
    with pytest.raises(ImporterError, match="unsupported"):
        read_table(tmp_path / "x.doc")


def test_guess_mapping_from_chinese_headers():
    mapping = guess_mapping(HEADERS + ["项目代码", "申请人（单位）", "约定竣工日期"])
    assert mapping["项目名称"] == "name"
    assert mapping["用地单位"] == "applicant"
    assert mapping["行政区"] == "admin"
    assert mapping["年度"] == "year"
    assert mapping["供地方式"] == "supply_type"
    assert mapping["用途"] == "land_use"
    assert mapping["面积（公顷）"] == "declared_area_m2"
    assert mapping["约定开工时间"] == "agreed_start"
    assert mapping["约定竣工日期"] == "agreed_completion"
    assert mapping["项目代码"] == "code"
    assert mapping["备注"] == "note"
    assert "序号" not in mapping
    # each field at most once: the second applicant-like column stays unmapped
    assert "申请人（单位）" not in mapping
    assert len(set(mapping.values())) == len(mapping)


def test_area_units_from_header():
    assert area_factor("面积（公顷）") == 10000
    assert area_factor("出让面积(亩)") == pytest.approx(666.6667, rel=1e-6)
    assert area_factor("面积（平方米）") == 1
    assert area_factor("面积") == 1


def test_mapping_store_remembers_per_source(tmp_path):
    store = MappingStore(tmp_path / "settings" / "import_mappings.json")
    assert store.get("annual_transfer_plan") == {}
    store.set("annual_transfer_plan", {"地块名称": "name", "受让方": "applicant", "序号": ""})
    store.set("national_key", {"名称": "name"})
    again = MappingStore(tmp_path / "settings" / "import_mappings.json")
    assert again.get("annual_transfer_plan") == {
        "地块名称": "name",
        "受让方": "applicant",
        "序号": "",
    }
    assert again.get("national_key") == {"名称": "name"}
    # remembered columns override the guess; other columns are still guessed
    mapping = again.mapping_for("annual_transfer_plan", ["地块名称", "项目名称", "受让方", "年度"])
    assert mapping == {"地块名称": "name", "受让方": "applicant", "年度": "year"}
    # an explicit "" ignores a column the guess would map
    assert merge_mapping(["项目名称", "年度"], {"年度": ""}) == {"项目名称": "name"}
    data = json.loads((tmp_path / "settings" / "import_mappings.json").read_text("utf-8"))
    assert set(data) == {"annual_transfer_plan", "national_key"}


def test_parse_mapping_json_string_and_file(tmp_path):
    assert parse_mapping(None) is None
    assert parse_mapping('{"名称": "name"}') == {"名称": "name"}
    f = tmp_path / "m.json"
    f.write_text('{"名称": "name", "年": "year"}', encoding="utf-8")
    assert parse_mapping(str(f)) == {"名称": "name", "年": "year"}
    with pytest.raises(ImporterError, match="Unknown library field"):
        parse_mapping('{"名称": "nmae"}')
    with pytest.raises(ImporterError, match="not valid JSON"):
        parse_mapping("{oops")


@pytest.mark.parametrize(
    "value",
    ["2024-03-01", "2024/3/1", "2024年3月1日", "2024.03.01", "20240301", "2024-03-01 00:00:00",
     dt.datetime(2024, 3, 1, 0, 0), dt.date(2024, 3, 1), 45352, 45352.0],
)  # fmt: skip
def test_dates_accepted(value):
    assert parse_date(value) == dt.date(2024, 3, 1)


@pytest.mark.parametrize("value", ["2024-02-30", "明年三月", "3/1/2024", "2024-13-01", 12, True])
def test_bad_dates_rejected(value):
    with pytest.raises((ValueError, TypeError)):
        parse_date(value)


def test_lookup_code_by_code_or_name():
    supply = {"01": "划拨", "02": "出让", "03": "租赁"}
    admin = {"430702": "武陵区", "430703": "鼎城区"}
    land_use = {"0701": "城镇住宅用地", "0901": "商业用地", "1001": "工业用地"}
    assert lookup_code("出让", supply, 2) == "02"
    assert lookup_code("2", supply, 2) == "02"
    assert lookup_code(2.0, supply, 2) == "02"
    assert lookup_code("拍卖", supply, 2) is None
    assert lookup_code("常德市武陵区", admin, 6) == "430702"
    assert lookup_code(430703, admin, 6) == "430703"
    assert lookup_code("0701 城镇住宅用地", land_use, 4) == "0701"
    assert lookup_code("工业", land_use, 4) == "1001"
    assert lookup_code("9999", land_use, 4) is None
