"""Dry run of an import: every problem named by row number and column, nothing written."""

import datetime as dt

import openpyxl
import pytest

from yimatong_plugin.core.dictionaries import load_dictionaries
from yimatong_plugin.core.importer import dry_run, guess_mapping, lookup_code, read_table

HEADERS = ["项目代码", "项目名称", "用地单位", "行政区", "年度", "批准类型", "项目类型",
           "供地方式", "用途", "面积（亩）", "约定开工时间"]  # fmt: skip
GOOD = ["", "常德经开区电子产业园", "湖南某电子有限公司", "鼎城区", "2024", "市级人民政府批准",
        "工业项目", "挂牌出让", "工业用地", "30", "2024/6/1"]  # fmt: skip
CODE1 = "43 430702 2024 05 01 13 1001 000001"
CODE2 = "43-430702-2024-05-01-13-1001-000002"


def _rows():
    rows = [list(GOOD) for _ in range(8)]
    rows[1][1] = ""  # row 3: missing name
    rows[2][8] = "火星用地"  # row 4: unknown land use
    rows[3][10] = "2024-02-30"  # row 5: bad date
    rows[4][0] = CODE1  # row 6: a good code (segments agree: 武陵区? no -> see below)
    rows[4][3] = "武陵区"
    rows[5][0] = CODE1  # row 7: duplicate of row 6
    rows[5][3] = "武陵区"
    rows[6][0] = CODE2  # row 8: already in the library
    rows[6][3] = "武陵区"
    rows[7][7] = "出让"  # row 9: ambiguous supply type (招标/拍卖/挂牌/协议?)
    return rows


class FakeLibrary:
    def __init__(self, codes):
        self.codes = set(codes)

    def project(self, code):
        if code in self.codes:
            return {"code": code}
        raise KeyError(code)


@pytest.fixture(scope="module")
def dictionaries():
    return load_dictionaries()


def _csv(path, rows, encoding="gbk"):
    lines = [",".join(HEADERS)] + [",".join(r) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def test_gbk_csv_with_errors_in_specific_rows(tmp_path, dictionaries):
    table = read_table(_csv(tmp_path / "出让计划.csv", _rows()))
    lib = FakeLibrary({"4343070220240501131001000002"})
    plan = dry_run(table, "annual_transfer_plan", library=lib, dictionaries=dictionaries,
                   defaults={"region": "43"})  # fmt: skip
    got = {(p.row, p.column) for p in plan.problems}
    assert got == {
        (3, "项目名称"),
        (4, "用途"),
        (5, "约定开工时间"),
        (7, "项目代码"),
        (8, "项目代码"),
        (9, "供地方式"),
    }, [str(p) for p in plan.problems]
    by_row = {p.row: p for p in plan.problems}
    assert "missing required value" in by_row[3].message
    assert "火星用地" in by_row[4].message
    assert "bad date 2024-02-30" in by_row[5].message
    assert "already in row 6" in by_row[7].message
    assert "already in the library" in by_row[8].message
    assert "names several entries" in by_row[9].message  # 出让 alone: which kind?
    assert "13 出让（挂牌）" in by_row[9].message
    assert str(by_row[4]).startswith("Row 4, column 用途:")
    assert not plan.ok
    # the good rows are prepared with clean values
    assert [r.row for r in plan.rows] == [2, 6]
    first = plan.rows[0]
    assert first.code is None
    assert first.values["admin"] == "430703"
    assert first.values["supply_type"] == "13"
    assert first.values["land_use"] == "1001"
    assert first.values["approval_type"] == "05"
    assert first.values["project_type"] == "01"
    assert first.values["region"] == "43"
    assert first.values["year"] == "2024"
    assert first.values["agreed_start"] == dt.date(2024, 6, 1)
    assert first.values["declared_area_m2"] == pytest.approx(20000.0)
    assert plan.rows[1].code == "4343070220240501131001000001"


def test_xlsx_date_cells_and_level3_land_use(tmp_path, dictionaries):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADERS)
    row = list(GOOD)
    row[4] = 2024
    row[8] = "070101"  # a level-3 code: the level-2 0701 goes into the code
    row[9] = 12.5
    row[10] = dt.datetime(2025, 1, 15)
    ws.append(row)
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    plan = dry_run(read_table(path), "annual_reserve_plan", dictionaries=dictionaries,
                   defaults={"region": "43"})  # fmt: skip
    assert plan.ok, plan.summary()
    values = plan.rows[0].values
    assert values["land_use"] == "0701"
    assert values["agreed_start"] == dt.date(2025, 1, 15)
    assert values["year"] == "2024"


def test_code_segment_disagreeing_with_a_column(tmp_path, dictionaries):
    rows = [list(GOOD)]
    rows[0][0] = CODE1  # 武陵区 in the code, 鼎城区 in the column
    plan = dry_run(read_table(_csv(tmp_path / "a.csv", rows, "utf-8")), "municipal_key",
                   dictionaries=dictionaries, defaults={"region": "43"})  # fmt: skip
    assert [(p.row, p.column) for p in plan.problems] == [(2, "行政区")]
    assert "430703" in plan.problems[0].message and "430702" in plan.problems[0].message


def test_bad_code_and_real_estate_unit_number(tmp_path, dictionaries):
    rows = [list(GOOD), list(GOOD)]
    rows[0][0] = "4343079920240501131001000001"  # 28 digits, unknown division 430799
    rows[1][0] = "430702001001GB00001F00010001"  # a 不动产单元号
    plan = dry_run(read_table(_csv(tmp_path / "a.csv", rows, "utf-8")), "municipal_key",
                   dictionaries=dictionaries, defaults={"region": "43"})  # fmt: skip
    assert [(p.row, p.column) for p in plan.problems] == [(2, "项目代码"), (3, "项目代码")]
    assert "real-estate unit number" in plan.problems[1].message


def test_missing_columns_are_reported_before_rows(tmp_path, dictionaries):
    path = tmp_path / "a.csv"
    path.write_text("序号,年度\n1,2024\n", encoding="utf-8")
    plan = dry_run(read_table(path), "municipal_key", dictionaries=dictionaries)
    messages = " ".join(p.message for p in plan.problems)
    assert "required field Project name" in messages
    assert "Administrative division" in messages and "Supply type" in messages
    assert all(p.row == 0 for p in plan.problems)


def test_explicit_mapping_and_unknown_column(tmp_path, dictionaries):
    path = tmp_path / "a.csv"
    path.write_text("地块,区,年,批,类,供,用\n甲地块,430702,2024,05,01,13,1001\n", encoding="utf-8")
    mapping = {"地块": "name", "区": "admin", "年": "year", "批": "approval_type",
               "类": "project_type", "供": "supply_type", "用": "land_use"}  # fmt: skip
    plan = dry_run(read_table(path), "municipal_key", mapping, dictionaries=dictionaries,
                   defaults={"region": "43"})  # fmt: skip
    assert plan.ok, plan.summary()
    assert plan.rows[0].values["name"] == "甲地块"
    plan = dry_run(read_table(path), "municipal_key", {**mapping, "不存在": "note"},
                   dictionaries=dictionaries, defaults={"region": "43"})  # fmt: skip
    assert [(p.row, p.column) for p in plan.problems] == [(0, "不存在")]


def test_unknown_source_is_a_problem(tmp_path, dictionaries):
    path = _csv(tmp_path / "a.csv", [GOOD], "utf-8")
    plan = dry_run(read_table(path), "weibo", dictionaries=dictionaries, defaults={"region": "43"})
    assert "Unknown source weibo" in plan.summary()


def test_real_code_lists_lookup(dictionaries):
    assert lookup_code("出让（挂牌）", dictionaries["supply_type"], 2) == "13"
    assert lookup_code("挂牌出让", dictionaries["supply_type"], 2) == "13"
    assert lookup_code("出让", dictionaries["supply_type"], 2) is None
    assert lookup_code("划拨", dictionaries["supply_type"], 2) == "10"
    assert lookup_code("常德市武陵区", dictionaries["admin"], 6) == "430702"
    assert lookup_code("城镇住宅用地", dictionaries["land_use"], 4) == "0701"
    assert lookup_code("耕地", dictionaries["land_use"], 4) is None  # level 1 only
    assert "name" in guess_mapping(HEADERS).values()
