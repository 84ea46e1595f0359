"""All-or-nothing commit of an import into a real GeoPackage library."""

import sqlite3

import openpyxl
import pytest

from yimatong_plugin.core.dictionaries import load_dictionaries
from yimatong_plugin.core.importer import ImporterError, commit, dry_run, read_table
from yimatong_plugin.core.library import open_library

HEADERS = ["项目代码", "项目名称", "用地单位", "行政区", "年度", "批准类型", "项目类型",
           "供地方式", "用途", "出让面积（公顷）", "约定开工时间", "坐落"]  # fmt: skip


def _row(code="", name="常德经开区电子产业园", admin="鼎城区", start="2024/6/1"):
    return [code, name, "湖南某电子有限公司", admin, "2024", "05", "01", "挂牌出让", "1001",
            "1.2", start, "德山街道"]  # fmt: skip


@pytest.fixture
def lib(tmp_path):
    library = open_library(str(tmp_path / "library.gpkg"))
    yield library
    library.close()


def _counts(path):
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("ymt_projects", "ymt_serials", "ymt_audit")
        }
    finally:
        conn.close()


def _xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_commit_allocates_codes_and_writes_every_row(tmp_path, lib):
    path = _xlsx(tmp_path / "plan.xlsx", [_row(name="甲项目"), _row(name="乙项目"),
                                          _row(code="4343070220240501131001000007",
                                               name="丙项目", admin="武陵区")])  # fmt: skip
    dicts = load_dictionaries()
    plan = dry_run(read_table(path), "annual_transfer_plan", library=lib, dictionaries=dicts,
                   defaults={"region": "43"})  # fmt: skip
    assert plan.ok, plan.summary()
    codes = commit(plan, lib)
    assert codes[0] == "4343070320240501131001000001"
    assert codes[1] == "4343070320240501131001000002"
    assert codes[2] == "4343070220240501131001000007"
    p = lib.project(codes[1])
    assert p["name"] == "乙项目"
    assert p["source"] == "annual_transfer_plan"
    assert p["applicant"] == "湖南某电子有限公司"
    assert p["declared_area_m2"] == pytest.approx(12000.0)
    assert str(p["agreed_start"]) == "2024-06-01"
    assert "德山街道" in p["note"]
    # every insert audited
    assert any(h["action"] == "insert" for h in lib.history(codes[0]))
    # the imported serial 000007 is never issued again by the allocator
    again = lib.allocate_code(region="43", admin="430702", year=2024, approval_type="05",
                              project_type="01", supply_type="13", land_use="1001")  # fmt: skip
    assert str(again).endswith("000008")


def test_plan_with_problems_is_refused_and_nothing_written(tmp_path, lib):
    path = _xlsx(tmp_path / "plan.xlsx", [_row(), _row(start="2024年13月1日")])
    before = _counts(lib.path)
    plan = dry_run(read_table(path), "annual_transfer_plan", library=lib,
                   defaults={"region": "43"})  # fmt: skip
    assert [(p.row, p.column) for p in plan.problems] == [(3, "约定开工时间")]
    with pytest.raises(ImporterError, match="Row 3, column 约定开工时间"):
        commit(plan, lib)
    assert _counts(lib.path) == before


def test_failure_while_writing_rolls_back_everything(tmp_path, lib):
    """A row the dry run could not foresee (a code added meanwhile by a colleague) fails the
    commit: the rows before it, and the serials they allocated, are rolled back."""
    path = _xlsx(tmp_path / "plan.xlsx", [_row(name="甲"), _row(name="乙"),
                                          _row(code="4343070220240501131001000003",
                                               admin="武陵区")])  # fmt: skip
    plan = dry_run(read_table(path), "annual_transfer_plan", library=lib,
                   defaults={"region": "43"})  # fmt: skip
    assert plan.ok
    # a colleague adds the same code after the dry run
    lib.add_project("4343070220240501131001000003", name="别人的项目", source="municipal_key")
    before = _counts(lib.path)
    with pytest.raises(ImporterError, match="Row 4"):
        commit(plan, lib)
    assert _counts(lib.path) == before
    assert lib.find("甲") == []
    # the allocator did not burn serials in the failed transaction
    code = lib.allocate_code(region="43", admin="430703", year=2024, approval_type="05",
                             project_type="01", supply_type="13", land_use="1001")  # fmt: skip
    assert str(code).endswith("000001")


def test_duplicate_in_library_found_by_dry_run(tmp_path, lib):
    lib.add_project("4343070220240501131001000003", name="已有项目", source="municipal_key")
    path = _xlsx(tmp_path / "plan.xlsx", [_row(code="43 430702 2024 05 01 13 1001 000003",
                                               admin="武陵区")])  # fmt: skip
    plan = dry_run(read_table(path), "annual_transfer_plan", library=lib,
                   defaults={"region": "43"})  # fmt: skip
    assert [(p.row, p.column) for p in plan.problems] == [(2, "项目代码")]
    assert "already in the library" in plan.problems[0].message
