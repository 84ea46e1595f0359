"""Issue 16 item 0 in the real QGIS desktop: the sample reviewed from the Processing dialog,
then an own EPSG:4546 Shapefile reviewed twice after the dialog's worker threads expired
(scripts/desktop_review_check.sh). It gave EPSG:4554 with areas 13.8 % too large, then 合规
for a red-line conflict with 20,000 m² labelled EPSG:4554."""

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "desktop_review_check.sh"

pytestmark = pytest.mark.slow


def test_reviews_from_the_dialog_after_worker_threads_expired(tmp_path):
    result_path = tmp_path / "result.json"
    proc = subprocess.run(
        ["bash", str(SCRIPT), str(result_path)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(result_path.read_text(encoding="utf-8"))
    assert result["error"] is None, result["error"]
    assert result["sample"]["parcels"]["DK-2024-005"][1] == "冲突"
    assert len(result["runs"]) == 2
    for run in result["runs"]:
        assert run["crs"] == "EPSG:4546", run["log"]
        assert "EPSG:4546" in run["log"] and "EPSG:4554" not in run["log"]
        area, verdict = run["parcels"]["A"]
        assert area == pytest.approx(20_000.0, rel=2e-3)
        assert verdict == "冲突" and run["parcels"]["B"][1] == "合规"
