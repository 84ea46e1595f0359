"""`make demo` end to end: the sample data through yimatong:complianceoverlay to the report."""

import os
import re
import sqlite3
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class _Sections(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parcels = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("data-parcel-id"):
            self.parcels.append(attrs["data-parcel-id"])


def test_demo_writes_outputs_report_and_library(tmp_path):
    env = dict(os.environ, YIMATONG_DEMO_OUT=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    # the library part: five projects, the seeded idle-land case announced
    assert "seeded anomaly: 4343070220250301121001000001" in out
    with sqlite3.connect(tmp_path / "sample_library.gpkg") as db:
        assert db.execute("select count(*) from ymt_projects").fetchone()[0] == 5
        # the sample 一张图 catalog of Changde
        assert db.execute("select count(*) from ymt_catalog_topics").fetchone()[0] >= 6
        # the sample control lines as the current control set 三区三线, prepared once
        assert db.execute("select key from ymt_control_sets where is_current").fetchall() == [
            ("三区三线@1",)
        ]
        assert db.execute("select count(*) from ymt_control_prepared").fetchone()[0] == 3
        codes = [r[0] for r in db.execute("select code from ymt_events where stage='supply'")]
        assert "4343070220250301121001000001" in codes
    # the lifecycle monitor finds the seeded anomaly and nothing else
    with sqlite3.connect(tmp_path / "lifecycle_findings.gpkg") as db:
        findings = db.execute("select code, rule from findings").fetchall()
    assert findings == [("4343070220250301121001000001", "闲置土地")]
    # the approval sync from the sample staging database: the community centre's planning
    # permit arrives with its 批复文号, the unknown project is refused, a second run adds nothing
    assert "run 1: 2 applied, 1 refused" in out and "run 2: 0 applied, 1 refused" in out, out[
        -3000:
    ]
    with sqlite3.connect(tmp_path / "sample_library.gpkg") as db:
        synced = db.execute(
            "select stage, doc_no, origin_key from ymt_events where origin_system = 'spgl'"
        ).fetchall()
        status = db.execute(
            "select approval_status from ymt_projects where investment_code is not null"
        ).fetchall()
    assert synced == [("planning_permit", "建字第430702202600045号", "BL-002")]
    assert status == [("已受理",)]
    # the site selection part: top 5 industrial sites of at least 30,000 m² in 武陵区
    assert "Site selection (yimatong:siteselection)" in out, out[-2000:]
    assert (tmp_path / "siting_report.html").exists()
    with sqlite3.connect(tmp_path / "辅助选址结果.gpkg") as db:
        sites = db.execute('select rank, area_m2 from "候选选址" order by rank').fetchall()
    assert len(sites) >= 5 and all(area >= 30000 for _rank, area in sites)
    # the compliance part
    assert "Compliance review (yimatong:complianceoverlay)" in out, out[-2000:]
    for dkbh in ("DK-2024-001", "DK-2024-005", "DK-2024-007", "DK-2024-012"):
        assert dkbh in out
    html = tmp_path / "report.html"
    assert html.exists() and (tmp_path / "report.pdf").exists()
    parser = _Sections()
    parser.feed(html.read_text(encoding="utf-8"))
    assert len(parser.parcels) == 12
    # reviewed against the control set: the report and OUTPUT name it and its 批复文号
    page = html.read_text(encoding="utf-8")
    assert "三区三线 v1（三区三线@1）" in page
    # the summary marks the parcel whose invalid geometry was repaired (DK-2024-009), only it
    rows = dict(re.findall(r'<tr data-parcel-id="([^"]+)">(.*?)</tr>', page, re.S))
    assert "※" in rows["DK-2024-009"] and "※" not in rows["DK-2024-001"]
    assert "※ 图形无效，已修复（make_valid）后叠加，详见该地块页" in page
    with sqlite3.connect(tmp_path / "合规性审查结果.gpkg") as db:
        tables = {r[0] for r in db.execute("select table_name from gpkg_contents")}
        assert {"审查结果", "叠加分析表", "叠加图斑"} <= tables
        verdicts = dict(db.execute('select parcel_id, verdict from "审查结果"').fetchall())
        named = set(db.execute('select control_set, approval_docs from "审查结果"').fetchall())
        problems = set(db.execute('select parcel_id, problem from "图形检查"').fetchall())
    assert len(named) == 1 and next(iter(named))[0] == "三区三线 v1"
    # one document approved the three layers: named once, with the layers it approved
    assert next(iter(named))[1] == (
        "生态保护红线、永久基本农田、城镇开发边界 示例批复〔2023〕1号（合成样例） (2023-10-12)"
    )
    # the parcel check finds exactly the seeded geometry problems
    assert problems == {("DK-2024-009", "invalid"), ("DK-2024-012", "area_mismatch")}
    # the seeded cases of the sample data (yimatong_plugin/data/README.md)
    assert verdicts["DK-2024-001"] == "合规"
    assert verdicts["DK-2024-005"] == "冲突"  # red line
    assert verdicts["DK-2024-006"] == "合规"  # a 0.5 m² sliver only
    assert verdicts["DK-2024-007"] == "冲突"  # farmland
    assert verdicts["DK-2024-008"] == "冲突"  # partly outside the development boundary
