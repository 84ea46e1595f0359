"""`make package` builds a zip QGIS can install: plugin folder at the root, .qm in, no tests."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_package_zip():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package.py")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    zpath = Path(result.stdout.split()[0])
    names = zipfile.ZipFile(zpath).namelist()
    assert "yimatong_plugin/metadata.txt" in names
    assert "yimatong_plugin/__init__.py" in names
    assert "yimatong_plugin/i18n/yimatong_zh_CN.qm" in names
    assert all(n.startswith("yimatong_plugin/") for n in names)
    assert not [n for n in names if "/tests/" in n or n.endswith((".ts", ".pyc"))]
