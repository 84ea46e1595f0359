"""The zh_CN translation is current, complete, and compiles."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ts_current_and_complete():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ts_compiles(tmp_path):
    qm = tmp_path / "out.qm"
    ts = ROOT / "yimatong_plugin" / "i18n" / "yimatong_zh_CN.ts"
    result = subprocess.run(["lrelease", str(ts), "-qm", str(qm)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "0 unfinished" in result.stdout
    assert qm.stat().st_size > 100
