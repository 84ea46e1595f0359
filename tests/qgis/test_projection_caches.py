"""Every Yimatong algorithm, not only those that repair geometries, starts with QGIS's CRS and
transform caches emptied (processing/base.py ``fresh_projection_caches``, issue 16: objects a
finished pool thread left in the caches could transform nothing). The coordinate export,
the project import and the lifecycle monitor, among others, did not."""

import processing
import pytest
import shapely
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from yimatong_plugin.processing import base


class _ResetError(Exception):
    pass


@pytest.fixture
def resets(monkeypatch):
    calls = []
    real = base.fresh_projection_caches

    def counting():
        calls.append(True)
        real()

    monkeypatch.setattr(base, "fresh_projection_caches", counting)
    return calls


def test_the_coordinate_export_empties_the_caches_first(processing_ready, tmp_path, resets):
    layer = QgsVectorLayer("Polygon?crs=EPSG:4546", "parcels", "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt(shapely.box(500000, 3210900, 500100, 3211000).wkt))
    layer.dataProvider().addFeatures([feature])
    result = processing.run(
        "yimatong:exportcoordinates",
        {"INPUT": layer, "PREFIXED": False, "OUTPUT": str(tmp_path / "a.txt")},
    )
    assert result["CRS"] == "EPSG:4546"
    assert resets, "the caches were not emptied before the export"


def test_every_algorithm_empties_the_caches_before_its_work(processing_ready, monkeypatch):
    def refuse():
        raise _ResetError

    monkeypatch.setattr(base, "fresh_projection_caches", refuse)
    provider = QgsApplication.processingRegistry().providerById("yimatong")
    missing = []
    for alg in provider.algorithms():
        instance = alg.createInstance()
        instance.initAlgorithm({})
        try:
            instance.processAlgorithm({}, QgsProcessingContext(), QgsProcessingFeedback())
        except _ResetError:
            continue
        except Exception:  # it started its work without the reset
            pass
        missing.append(alg.id())
    assert missing == []
