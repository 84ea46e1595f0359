"""`qgis_process list` (QGIS's command-line Processing) shows the yimatong provider and its
algorithms when the plugin is enabled in the profile, in English and in zh-Hans."""

import subprocess
import sysconfig
from pathlib import Path

import pytest

from tests.tools import require

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _list(tmp_path: Path, locale: str = "") -> str:
    profile = tmp_path / "profiles" / "default"
    (profile / "python" / "plugins").mkdir(parents=True)
    (profile / "QGIS").mkdir()
    (profile / "python" / "plugins" / "yimatong_plugin").symlink_to(ROOT / "yimatong_plugin")
    ini = "[PythonPlugins]\nyimatong_plugin=true\n"
    if locale:
        ini += f"[locale]\noverrideFlag=true\nuserLocale={locale}\n"
    (profile / "QGIS" / "QGIS3.ini").write_text(ini, encoding="utf-8")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "QGIS_CUSTOM_CONFIG_PATH": str(tmp_path),
        "PYTHONPATH": sysconfig.get_path("purelib"),  # the venv's shapely, segno, openpyxl
        "LANG": "C.UTF-8",
    }
    exe = require("qgis_process.bin")  # make setup installs it: missing fails, never skips
    proc = subprocess.run([exe, "list"], env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_qgis_process_lists_the_provider(tmp_path):
    out = _list(tmp_path)
    for alg in (
        "complianceoverlay",
        "importprojects",
        "lifecyclemonitor",
        "projectboxreport",
        "syncapprovals",
        "importcatalog",
        "publishcontrolset",
        "statistics",
    ):
        assert f"yimatong:{alg}" in out, out[-3000:]


def test_qgis_process_lists_chinese_names_in_zh_hans(tmp_path):
    out = _list(tmp_path, "zh-Hans")
    line = next(x for x in out.splitlines() if "yimatong:complianceoverlay" in x)
    assert "合规性审查" in line
