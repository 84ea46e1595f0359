"""The packaged zip installs the way Plugin Manager's "Install from ZIP" does, in the real QGIS
desktop (under Xvfb), into a fresh profile without the repository's copy of the plugin, and the
plugin then loads: menu, Processing provider with every algorithm, no Python error.

scripts/install_check.sh starts QGIS and calls ``pyplugin_installer.instance().installFromZipFile``;
a zip with a file missing or a broken module must make it fail.
"""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "install_check.sh"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def package():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import package as package_script
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return package_script.build()


def _install(zip_path: Path, tmp_path: Path) -> tuple[int, dict, str]:
    result = tmp_path / "result.json"
    proc = subprocess.run(
        ["bash", str(SCRIPT), str(zip_path), str(result)],
        capture_output=True,
        text=True,
        timeout=150,
    )
    data = json.loads(result.read_text(encoding="utf-8")) if result.exists() else {}
    return proc.returncode, data, proc.stdout + proc.stderr


def _copy_zip(src: Path, dst: Path, drop: str = "", patch: dict | None = None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename == drop:
                continue
            data = (patch or {}).get(item.filename, zin.read(item.filename))
            zout.writestr(item, data)
    return dst


def test_package_has_no_tests_and_has_translations(package):
    names = zipfile.ZipFile(package).namelist()
    assert "yimatong_plugin/metadata.txt" in names
    assert "yimatong_plugin/i18n/yimatong_zh_CN.qm" in names
    assert not [n for n in names if "/tests/" in n or n.endswith((".pyc", ".ts"))]


def test_zip_installs_and_loads_in_real_qgis(package, tmp_path):
    code, result, output = _install(package, tmp_path)
    assert code == 0, output
    assert result["ok"], result["problems"]
    assert result["menu"] == "一码通"
    assert "项目库" in result["actions"] and "项目代码生成器…" in result["actions"]
    assert "yimatong:complianceoverlay" in result["algorithms"]
    assert "yimatong:importprojects" in result["algorithms"]
    assert "/profiles/default/python/plugins/yimatong_plugin/" in result["module"]


def test_zip_missing_an_algorithm_module_fails(package, tmp_path):
    broken = _copy_zip(
        package,
        tmp_path / "broken.zip",
        drop="yimatong_plugin/processing/algorithms/importprojects.py",
    )
    code, result, output = _install(broken, tmp_path)
    assert code != 0
    assert result and not result["ok"]
    assert any("importprojects" in p for p in result["problems"]), result["problems"]


def test_zip_with_a_broken_plugin_module_fails(package, tmp_path):
    broken = _copy_zip(
        package,
        tmp_path / "broken.zip",
        patch={"yimatong_plugin/plugin.py": b"this is not python (\n"},
    )
    code, result, output = _install(broken, tmp_path)
    assert code != 0
    problems = " ".join(result.get("problems", []))
    assert "no yimatong_plugin" in problems or "SyntaxError" in problems, output
