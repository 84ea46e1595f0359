"""scripts/qt6_check.py finds Qt6 / QGIS 4 breakages, and metadata.txt's supportsQt6 claims
Qt6 only when it finds none in yimatong_plugin/."""

import importlib.util
from configparser import ConfigParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("qt6_check", ROOT / "scripts" / "qt6_check.py")
qt6_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(qt6_check)


def _problems(tmp_path, source: str) -> list[str]:
    package = tmp_path / "pkg"
    package.mkdir(exist_ok=True)
    (package / "mod.py").write_text(source, encoding="utf-8")
    return [p.split(": ", 1)[1] for p in qt6_check.check_file(package / "mod.py")]


def test_finds_what_breaks_under_qt6(qgis_app, tmp_path, monkeypatch):
    monkeypatch.setattr(qt6_check, "ROOT", tmp_path)
    problems = _problems(
        tmp_path,
        "from qgis.core import QgsWkbTypes\n"
        "from qgis.PyQt.QtCore import Qt, QVariant, QRegExp\n"
        "from . import resources_rc\n"
        "a = Qt.AlignLeft\n"
        "b = QgsWkbTypes.MultiPolygon\n"
        "c = QVariant.String\n"
        "dialog.exec_()\n",
    )
    joined = "\n".join(problems)
    assert "unscoped enum Qt.AlignLeft" in joined
    assert "unscoped enum QgsWkbTypes.MultiPolygon" in joined
    assert "QVariant.String" in joined
    assert "QRegExp" in joined
    assert "exec_()" in joined
    assert "compiled Qt resources" in joined


def test_scoped_enums_and_marked_fallbacks_pass(qgis_app, tmp_path, monkeypatch):
    monkeypatch.setattr(qt6_check, "ROOT", tmp_path)
    problems = _problems(
        tmp_path,
        "from qgis.PyQt.QtCore import Qt, QVariant\n"
        "a = Qt.AlignmentFlag.AlignLeft\n"
        "b = Qt.ItemDataRole.UserRole + 1\n"
        "c = QVariant.String  # qt5-fallback\n"
        "dialog.exec()\n",
    )
    assert problems == []


def test_metadata_claims_qt6_only_when_the_check_is_clean(qgis_app):
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(ROOT / "yimatong_plugin" / "metadata.txt", encoding="utf-8")
    claims_qt6 = parser["general"]["supportsQt6"] == "True"
    problems = qt6_check.check()
    assert claims_qt6 == (problems == []), "\n".join(problems[:20])
