"""Reading the 工改 staging tables (SQLite, CSV UTF-8/GBK) into approval records, without a
library: validity flag, statuses, item mapping, documents, duplicates, refusals, MAPPING, SINCE."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import spgl_data as sd
from yimatong_plugin.core.approval_sync import (
    MappingError,
    StagingError,
    build_records,
    load_vocabulary,
    read_staging,
)


def _write(kind: str, tmp_path, tables=None):
    tables = tables or sd.staging_tables()
    if kind == "sqlite":
        path = tmp_path / "staging.sqlite"
        sd.write_sqlite(path, tables)
        return str(path)
    folder = tmp_path / f"csv_{kind}"
    sd.write_csv(folder, tables, encoding="gbk" if kind == "gbk" else "utf-8")
    return str(folder)


def _summary(records) -> dict:
    return {
        (r.row, r.key): (r.action, r.stage, r.status.code if r.status else None, r.doc_no)
        for r in records
    }


@pytest.fixture(params=["sqlite", "utf8", "gbk"])
def records(request, tmp_path):
    recs, skipped = build_records(read_staging(_write(request.param, tmp_path)), load_vocabulary())
    return recs, skipped


def test_every_source_gives_the_same_records(tmp_path):
    summaries = []
    for kind in ("sqlite", "utf8", "gbk"):
        recs, skipped = build_records(read_staging(_write(kind, tmp_path)), load_vocabulary())
        summaries.append((_summary(recs), skipped))
    assert summaries[0] == summaries[1] == summaries[2]


def test_gbk_file_is_really_gbk(tmp_path):
    folder = _write("gbk", tmp_path)
    data = (tmp_path / "csv_gbk" / "SPGL_XMSPSXBLXXB.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    recs, _ = build_records(read_staging(folder), load_vocabulary())
    assert any(r.item_name == "建设项目用地预审与选址意见书核发" for r in recs)


def test_records_statuses_refusals_and_documents(records):
    recs, skipped = records
    by_key = {}
    for r in recs:
        by_key.setdefault(r.key, []).append(r)
    assert skipped == {"invalid": 1, "before_since": 0}  # D16 (SJYXBS = 0)
    assert "D16" not in by_key
    # every national BLZT value 1..15 was read and recognised
    assert {r.status.code for r in recs if r.status} == set(range(1, 16))
    d11 = by_key["D11"]
    assert [r.action for r in d11] == ["", "duplicate"]
    first = d11[0]
    assert first.approved and first.stage == "preliminary_review"
    assert first.investment_code == sd.P1
    assert first.doc_no == "常自然资预〔2024〕5号" and first.doc_date == dt.date(2024, 3, 5)
    assert "长期有效" in first.event_note()  # PFWJYXQX 9999-01-01
    d12 = by_key["D12"][0]
    assert d12.stage == "planning_permit" and d12.status.name == "办结（容缺通过）"
    assert d12.doc_no == "建字第430703202400012号" and d12.doc_count == 1  # F3 is SJYXBS = 0
    assert "有效期至：2026-03-06" in d12.event_note()
    assert d12.investment_code == sd.P2  # written without hyphens in the items table
    lsh = by_key["L25"][0]
    assert lsh.approved and lsh.stage == "completion" and lsh.doc_no == ""
    assert "无批复文件" in lsh.event_note()
    refused = {r.key: r.reason for r in recs if r.action == "refused"}
    assert "户外广告设置许可" in refused["D18"] and "MAPPING" in refused["D18"]
    assert "99" in refused["L23"]
    assert "BLSJ" in refused["D22"] and "2024-13-45" in refused["D22"]
    assert "DX" in refused and [r.action for r in by_key["DX"]] == ["refused", "refused"]
    # not refused here: matching to projects is the library's part
    assert by_key["D17"][0].action == "" and by_key["D19"][0].action == ""


def test_mapping_file_local_status_numbers_and_items(tmp_path):
    tables = sd.staging_tables()
    for row in tables["SPGL_XMSPSXBLXXXXB"]:
        if row[3] == 11:
            row[3] = 901  # this county's system writes 901 for 办结（通过）
    source = _write("sqlite", tmp_path, tables)
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(
        "kind,key,value\nstatus,901,11\nitem,户外广告,-\nitem,SX001,conversion_approval\n",
        encoding="gbk",
    )
    recs, _ = build_records(read_staging(source), load_vocabulary(mapping))
    by_key = {r.key: r for r in recs}
    assert by_key["D11"].status.name == "办结（通过）"
    assert by_key["D11"].stage == "conversion_approval"  # the item code rule comes first
    assert by_key["D18"].action == "" and by_key["D18"].stage == "-"  # status only
    assert not by_key["D18"].approved
    # without the mapping, 901 is not a status
    recs, _ = build_records(read_staging(source), load_vocabulary())
    assert "901" in {r.key: r for r in recs}["D11"].reason


@pytest.mark.parametrize(
    "text, message",
    [
        ("kind,key,value\nitem,施工,construction\n", "unknown stage 'construction'"),
        ("kind,key,value\nstatus,7,16\n", "'16' is not a national BLZT"),
        ("kind,key,value\nstage,施工,completion\n", "kind must be 'item' or 'status'"),
    ],
)
def test_bad_mapping_file_names_the_line(tmp_path, text, message):
    mapping = tmp_path / "m.csv"
    mapping.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as err:
        load_vocabulary(mapping)
    assert message in str(err.value) and "m.csv:2" in str(err.value)


def test_since_leaves_out_older_rows(tmp_path):
    source = _write("sqlite", tmp_path)
    recs, skipped = build_records(read_staging(source), load_vocabulary(), dt.date(2024, 3, 10))
    assert skipped["before_since"] > 0
    assert all(r.when is None or r.when.date() >= dt.date(2024, 3, 10) for r in recs)
    assert "D13" in {r.key for r in recs} and "D11" not in {r.key for r in recs}


def test_missing_table_and_bad_source_are_named(tmp_path):
    folder = tmp_path / "partial"
    tables = sd.staging_tables()
    del tables["SPGL_XMSPSXBLXXXXB"]
    sd.write_csv(folder, tables)
    with pytest.raises(StagingError, match="SPGL_XMSPSXBLXXXXB"):
        read_staging(str(folder))
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StagingError, match="neither a GeoPackage"):
        read_staging(str(tmp_path / "notes.txt"))
    with pytest.raises(StagingError, match="does not exist"):
        read_staging(str(tmp_path / "nowhere.gpkg"))


@pytest.mark.parametrize(
    "item, stage",
    [
        ("建设项目用地预审与选址意见书核发", "preliminary_review"),
        ("农用地转用审批", "conversion_approval"),
        ("土地征收审批", "conversion_approval"),
        ("建设用地规划许可证核发", "planning_permit"),
        ("建设工程规划许可证核发", "planning_permit"),
        ("建筑工程施工许可证核发", "planning_permit"),  # a permit, not the actual start
        ("竣工验收备案", "completion"),
        ("不动产登记（首次登记）", "registration"),
        ("户外广告设置许可", None),
    ],
)
def test_default_item_mapping_covers_the_usual_items(item, stage):
    assert load_vocabulary().stage("", item)[0] == stage


def test_every_national_status_is_in_the_vocabulary():
    vocab = load_vocabulary()
    assert [vocab.status(n).name for n in range(1, 16)][10:12] == [
        "办结（通过）",
        "办结（容缺通过）",
    ]
    assert [n for n in range(1, 16) if vocab.status(n).approved] == [11, 12]
    assert (
        vocab.status("11.0") is None and vocab.status(11.0).code == 11 and vocab.status(16) is None
    )
