"""``yimatong:importcatalog`` through processing.run: the sample catalog merged into a library,
again without change, a bad file refused whole with the entry named."""

import json
from pathlib import Path

import processing
import pytest
from qgis.core import QgsProcessingException

from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.library.catalog import Catalog

SAMPLE = Path(__file__).resolve().parents[2] / "yimatong_plugin/data/catalog/changde_catalog.json"


def test_import_catalog_into_a_library(processing_ready, tmp_path):
    library = tmp_path / "库.gpkg"
    open_library(library).close()
    out = tmp_path / "after.json"
    params = {"LIBRARY": str(library), "INPUT": str(SAMPLE), "OUTPUT": str(out)}
    result = processing.run("yimatong:importcatalog", params)
    assert (result["ADDED"], result["UPDATED"], result["UNCHANGED"]) == (17, 0, 0)

    def content(data):  # keys, topics' titles, layers' sources and styles
        return [
            (
                t["key"],
                t["title"],
                [(x["key"], x["uri"], x["style_qml"] or None) for x in t["layers"]],
            )
            for t in data["topics"]
        ]

    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert content(json.loads(out.read_text(encoding="utf-8"))) == content(sample)
    result = processing.run("yimatong:importcatalog", params)
    assert (result["ADDED"], result["UNCHANGED"]) == (0, 17)

    bad = json.loads(SAMPLE.read_text(encoding="utf-8"))
    bad["topics"][0]["layers"].append(
        {"key": "x", "title": "影像", "source_type": "wms", "uri": "url=http://u:pw@h/wms"}
    )
    bad["topics"].append({"key": "new", "title": "新专题", "layers": []})
    bad_file = tmp_path / "bad.json"
    bad_file.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="password.*uri"):
        processing.run("yimatong:importcatalog", dict(params, INPUT=str(bad_file)))
    with open_library(library) as lib:
        assert Catalog(lib).topic("new") is None and Catalog(lib).layer("x") is None
