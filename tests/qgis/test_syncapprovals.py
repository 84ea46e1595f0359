"""``yimatong:syncapprovals`` through processing.run (GeoPackage library, SQLite and GBK CSV
staging) and once through qgis_process.bin."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import processing
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests import spgl_data as sd
from tests.tools import qgis_process_env
from tests.unit.test_approval_sync import make_library, snapshot
from yimatong_plugin.core.library import open_library

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def library(tmp_path):
    path = str(tmp_path / "lib.gpkg")
    lib = open_library(path, user="sync")
    codes = make_library(lib)
    lib.close()
    return path, codes


def _rows(layer) -> dict:
    out = {}
    for f in layer.getFeatures():
        out.setdefault(f["record_key"], []).append(f)
    return out


def test_sync_dry_run_then_real_then_again(processing_ready, library, tmp_path):
    path, codes = library
    folder = tmp_path / "csv"
    sd.write_csv(folder, sd.staging_tables(), encoding="gbk")
    params = {"LIBRARY": path, "SOURCE": str(folder), "OUTPUT": "memory:"}
    dry = processing.run("yimatong:syncapprovals", dict(params, DRY_RUN=True))
    lib = open_library(path)
    assert lib.events(codes["P1"]) == []
    lib.close()
    assert dry["APPLIED"] == 4 and dry["REFUSED"] == 8
    res = processing.run("yimatong:syncapprovals", params)
    assert res["APPLIED"] == 4 and res["REFUSED"] == 8
    rows = _rows(res["OUTPUT"])
    d11 = rows["D11"]
    assert [f["action"] for f in d11] == ["added", "duplicate"]
    assert d11[0]["project_code"] == codes["P1"] and d11[0]["stage"] == "preliminary_review"
    assert d11[0]["doc_no"] == "常自然资预〔2024〕5号" and d11[0]["event_date"] == "2024-03-05"
    assert d11[0]["status"] == "办结（通过）" and d11[0]["project_name"] == "项目P1"
    d17 = rows["D17"][0]
    assert d17["action"] == "refused" and sd.UNKNOWN in d17["reason"]
    assert rows["D19"][0]["project_code"] == f"{codes['A1']}, {codes['A2']}"
    lib = open_library(path)
    before = snapshot(lib)
    assert lib.project(codes["P2"])["approval_status"] == "办结（通过）"
    lib.close()
    again = processing.run("yimatong:syncapprovals", params)
    assert again["APPLIED"] == 0
    lib = open_library(path)
    assert snapshot(lib) == before
    lib.close()


def test_bad_sources_are_refused_with_the_reason(processing_ready, library, tmp_path):
    path, _codes = library
    with pytest.raises(QgsProcessingException, match="does not exist"):
        processing.run(
            "yimatong:syncapprovals",
            {"LIBRARY": path, "SOURCE": str(tmp_path / "none"), "OUTPUT": "memory:"},
        )
    staging = tmp_path / "s.sqlite"
    sd.write_sqlite(staging, sd.staging_tables())
    mapping = tmp_path / "m.csv"
    mapping.write_text("kind,key,value\nitem,施工,start\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="m.csv:2.*unknown stage 'start'"):
        processing.run(
            "yimatong:syncapprovals",
            {"LIBRARY": path, "SOURCE": str(staging), "MAPPING": str(mapping), "OUTPUT": "memory:"},
        )
    with pytest.raises(QgsProcessingException, match="SINCE"):
        processing.run(
            "yimatong:syncapprovals",
            {"LIBRARY": path, "SOURCE": str(staging), "SINCE": "last week", "OUTPUT": "memory:"},
        )


def test_runs_through_qgis_process(library, tmp_path):
    exe = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
    if not os.path.exists(exe):
        pytest.skip("qgis_process.bin not installed")
    path, codes = library
    staging = tmp_path / "staging.gpkg"
    sd.write_sqlite(staging, sd.staging_tables())
    env = qgis_process_env(tmp_path)
    enable = subprocess.run(
        [exe, "plugins", "enable", "yimatong_plugin"], env=env, capture_output=True, text=True
    )
    assert enable.returncode == 0, enable.stdout + enable.stderr
    out = tmp_path / "log.csv"
    proc = subprocess.run(
        [
            exe,
            "--json",
            "run",
            "yimatong:syncapprovals",
            "--",
            f"LIBRARY={path}",
            f"SOURCE={staging}",
            "SINCE=2024-03-01",
            f"OUTPUT={out}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    result = json.loads(proc.stdout)["results"]
    assert result["APPLIED"] == 4 and result["REFUSED"] == 8
    layer = QgsVectorLayer(str(out), "log", "ogr")
    actions = {f["record_key"]: f["action"] for f in layer.getFeatures()}
    assert actions["D12"] == "added" and actions["D24"] == "refused"
    lib = open_library(path)
    try:
        assert [e["origin_key"] for e in lib.events(codes["P2"])] == ["D12", "L25"]
    finally:
        lib.close()
