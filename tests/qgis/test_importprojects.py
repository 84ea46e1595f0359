"""``yimatong:importprojects`` through processing.run: dry run, refused import, real import."""

import sqlite3

import processing
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from yimatong_plugin.core.library import open_library

HEADERS = "项目名称,用地单位,行政区,年度,批准类型,项目类型,供地方式,用途,面积（亩）,约定开工时间"
GOOD = "德山标准厂房{n},湖南某公司,鼎城区,2024,05,01,挂牌出让,工业用地,15,2024年6月1日"
SOURCE_TRANSFER_PLAN = 5  # index of annual_transfer_plan in the SOURCE enum


def _csv(path, lines, encoding="gbk"):
    path.write_bytes(("\r\n".join([HEADERS, *lines]) + "\r\n").encode(encoding))
    return str(path)


def _project_count(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM ymt_projects").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(autouse=True)
def _mapping_store_in_tmp(tmp_path, monkeypatch):
    """Remembered mappings go to a temporary file, not the test profile."""
    from yimatong_plugin.processing.algorithms import importprojects

    path = tmp_path / "settings" / "import_mappings.json"
    monkeypatch.setattr(importprojects, "mapping_store_path", lambda: path)
    return path


@pytest.fixture
def library_path(tmp_path):
    path = str(tmp_path / "library.gpkg")
    open_library(path).close()
    return path


def _params(csv_path, library_path, **extra):
    return {
        "INPUT": csv_path,
        "LIBRARY": library_path,
        "SOURCE": SOURCE_TRANSFER_PLAN,
        "OUTPUT_PROBLEMS": "memory:",
        **extra,
    }


def test_dry_run_lists_problems_and_writes_nothing(processing_ready, tmp_path, library_path):
    lines = [GOOD.format(n=1), ",湖南某公司,鼎城区,2024,05,01,挂牌出让,工业用地,15,2024/6/1",
             GOOD.format(n=3).replace("2024年6月1日", "2024/6/31")]  # fmt: skip
    csv_path = _csv(tmp_path / "plan.csv", lines)
    result = processing.run(
        "yimatong:importprojects", _params(csv_path, library_path, DRY_RUN=True)
    )
    assert result["PROBLEM_COUNT"] == 2
    assert result["IMPORTED"] == 0
    layer = result["OUTPUT_PROBLEMS"]
    if isinstance(layer, str):
        layer = QgsVectorLayer(layer)
    rows = sorted((f["row"], f["column"], f["problem"]) for f in layer.getFeatures())
    assert [(r, c) for r, c, _ in rows] == [(3, "项目名称"), (4, "约定开工时间")]
    assert "2024/6/31" in rows[1][2]
    assert _project_count(library_path) == 0


def test_import_with_problems_fails_clearly(processing_ready, tmp_path, library_path):
    lines = [GOOD.format(n=1), GOOD.format(n=2).replace("鼎城区", "火星区")]
    csv_path = _csv(tmp_path / "plan.csv", lines)
    with pytest.raises(QgsProcessingException) as err:
        processing.run("yimatong:importprojects", _params(csv_path, library_path))
    text = str(err.value)
    assert "nothing was written" in text
    assert "Row 3, column 行政区" in text and "火星区" in text
    assert _project_count(library_path) == 0


def test_import_writes_rows_and_remembers_mapping(
    processing_ready, tmp_path, library_path, _mapping_store_in_tmp
):
    text = "地块名称,区县,年度,批准类型,项目类型,供地方式,用途\n"
    text += "甲地块,武陵区,2024,05,03,拍卖出让,城镇住宅用地\n乙地块,澧县,2025,05,03,划拨,0701\n"
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8-sig")
    mapping = '{"地块名称": "name", "区县": "admin"}'
    result = processing.run(
        "yimatong:importprojects",
        _params(str(path), library_path, MAPPING=mapping, SOURCE=2),
    )
    assert result["IMPORTED"] == 2
    assert result["PROBLEM_COUNT"] == 0
    with open_library(library_path) as lib:
        found = lib.find("甲地块")
        assert len(found) == 1
        assert found[0]["code"].startswith("434307022024050312")
        assert found[0]["source"] == "municipal_key"
        assert lib.find("乙地块")[0]["admin"] == "430723"
    # the mapping is remembered for the source: the next import of the same layout needs none
    path2 = tmp_path / "list2.csv"
    path2.write_text(text.replace("甲地块", "丙地块").replace("乙地块", "丁地块"), "utf-8")
    result = processing.run(
        "yimatong:importprojects", _params(str(path2), library_path, SOURCE=2, DRY_RUN=True)
    )
    assert result["PROBLEM_COUNT"] == 0
    assert "地块名称" in _mapping_store_in_tmp.read_text("utf-8")


def test_bad_mapping_and_file_type_rejected_before_running(processing_ready, tmp_path):
    doc = tmp_path / "plan.docx"
    doc.write_text("x")
    with pytest.raises(QgsProcessingException, match="INPUT"):
        processing.run("yimatong:importprojects", _params(str(doc), str(tmp_path / "l.gpkg")))
    csv_path = _csv(tmp_path / "plan.csv", [GOOD.format(n=1)])
    with pytest.raises(QgsProcessingException, match="Unknown library field"):
        processing.run(
            "yimatong:importprojects",
            _params(csv_path, str(tmp_path / "l.gpkg"), MAPPING='{"项目名称": "title"}'),
        )


def _bureau_plan(path):
    """Title block, 单位：亩 note, 行政区 merged down, a 合计 row, no year/approval/type columns."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [
        ["常德市2024年度国有建设用地出让计划", None, None, None, None],
        ["单位：亩", None, None, None, None],
        ["行政区", "项目名称", "出让面积", "供地方式", "用途"],
        ["鼎城区", "德山电子产业园", 30, "挂牌", "工业"],
        [None, "鼎城物流园", "1.5公顷", "挂牌", "物流仓储"],
        ["合计", None, 52.5, None, None],
    ]:
        ws.append(row)
    for rng in ("A1:E1", "A2:E2", "A4:A5"):
        ws.merge_cells(rng)
    wb.save(path)
    return str(path)


def test_bureau_plan_with_defaults_is_imported(processing_ready, tmp_path, library_path):
    path = _bureau_plan(tmp_path / "出让计划.xlsx")
    dry = processing.run(
        "yimatong:importprojects", _params(path, library_path, DRY_RUN=True)
    )  # fmt: skip
    problems = QgsVectorLayer(dry["OUTPUT_PROBLEMS"], "p", "ogr") if isinstance(
        dry["OUTPUT_PROBLEMS"], str) else dry["OUTPUT_PROBLEMS"]  # fmt: skip
    messages = [f["problem"] for f in problems.getFeatures()]
    assert dry["PROBLEM_COUNT"] == 1 and "Year" in messages[0], messages

    with pytest.raises(QgsProcessingException, match="defaults must be a JSON object"):
        processing.run("yimatong:importprojects",
                       _params(path, library_path, DEFAULTS='{"jahr": 2024}'))  # fmt: skip
    defaults = '{"year": "2024", "approval_type": "05", "project_type": "01"}'
    result = processing.run(
        "yimatong:importprojects", _params(path, library_path, DEFAULTS=defaults)
    )
    assert result["IMPORTED"] == 2 and result["PROBLEM_COUNT"] == 0
    with open_library(library_path) as lib:
        first = lib.find("德山电子产业园")[0]
        second = lib.find("鼎城物流园")[0]
    assert first["declared_area_m2"] == pytest.approx(20000)  # 30 亩 (the table's unit)
    assert second["declared_area_m2"] == pytest.approx(15000)  # the cell's own 公顷
    assert second["code"][2:8] == "430703"  # the merged 行政区
    assert second["supply_type"] == "13" and second["land_use"] == "1101"
    assert first["code"][8:12] == "2024"


def test_big5_csv_stops_with_the_encoding_and_line(processing_ready, tmp_path, library_path):
    path = tmp_path / "big5.csv"
    path.write_bytes("項目名稱,行政區,年度\r\n德山電子產業園,鼎城區,2024\r\n".encode("big5"))
    with pytest.raises(QgsProcessingException, match=r"Big5.*line 1"):
        processing.run("yimatong:importprojects", _params(str(path), library_path, DRY_RUN=True))
    assert _project_count(library_path) == 0
