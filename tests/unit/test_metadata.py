"""metadata.txt is complete and the only source of the version."""

import re
from configparser import ConfigParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "yimatong_plugin"

REQUIRED = [
    "name",
    "qgisMinimumVersion",
    "description",
    "about",
    "version",
    "author",
    "email",
    "repository",
    "hasProcessingProvider",
    "supportsQt6",
    "icon",
]


def _metadata():
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(PLUGIN / "metadata.txt", encoding="utf-8")
    return parser["general"]


def test_metadata_complete():
    meta = _metadata()
    for key in REQUIRED:
        assert meta.get(key, "").strip(), key
    assert meta["name"] == "Yimatong 一码通"
    assert meta["qgisMinimumVersion"] == "3.22"
    assert meta["hasProcessingProvider"] == "yes"
    # True only when scripts/qt6_check.py finds nothing (tests/qgis/test_qt6_check.py)
    assert meta["supportsQt6"] in ("True", "False")
    assert re.fullmatch(r"\d+\.\d+\.\d+", meta["version"])
    assert meta["description[zh_CN]"] and meta["about[zh_CN]"]
    assert (PLUGIN / meta["icon"]).exists()


def test_version_read_from_metadata_only():
    from yimatong_plugin.__about__ import __version__

    assert __version__ == _metadata()["version"]
    # no other file hard-codes the version
    offenders = []
    for path in list(PLUGIN.rglob("*.py")) + [ROOT / "pyproject.toml"]:
        text = path.read_text(encoding="utf-8")
        if re.search(r"version\s*=\s*['\"]\d+\.\d+\.\d+", text):
            offenders.append(str(path))
    assert offenders == []
