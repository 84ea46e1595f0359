"""Output layers keep their English field names (the public interface) and, when loaded into
the project, show Chinese display names (aliases) in the attribute table."""

import processing
from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer

from yimatong_plugin.toolbelt import i18n


def _layer(name, wkts):
    layer = QgsVectorLayer("Polygon?crs=EPSG:4546&field=dkbh:string", name, "memory")
    feats = []
    for k, wkt in enumerate(wkts):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes([f"P{k}"])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_loaded_outputs_get_chinese_aliases(processing_ready):
    parcels = _layer(
        "parcels",
        ["POLYGON((500000 3200000,500100 3200000,500100 3200100,500000 3200100,500000 3200000))"],
    )
    red = _layer(
        "生态保护红线",
        ["POLYGON((500050 3200000,500200 3200000,500200 3200200,500050 3200200,500050 3200000))"],
    )
    assert i18n.install_translator("zh_CN")
    try:
        result = processing.runAndLoadResults(
            "yimatong:complianceoverlay",
            {
                "PARCELS": parcels,
                "PARCEL_ID": "dkbh",
                "CONTROL_LAYERS": [red],
                "OUTPUT": "TEMPORARY_OUTPUT",
                "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
            },
        )
        out = QgsProject.instance().mapLayer(result["OUTPUT"])
        table = QgsProject.instance().mapLayer(result["OUTPUT_TABLE"])
        assert out is not None and table is not None
        names = [f.name() for f in out.fields()]
        assert "verdict" in names and "parcel_id" in names  # names unchanged
        aliases = {f.name(): out.attributeDisplayName(i) for i, f in enumerate(out.fields())}
        assert aliases["verdict"] == "审查结论"
        assert aliases["生态保护红线_ratio"] == "生态保护红线：占地块比例"
        table_aliases = {
            f.name(): table.attributeDisplayName(i) for i, f in enumerate(table.fields())
        }
        assert table_aliases["overlap_m2"] == "叠加面积（平方米）"
        feature = next(table.getFeatures())
        assert abs(feature["overlap_m2"] - 5000.0) < 1e-6
    finally:
        i18n.remove_translator()
        QgsProject.instance().removeAllMapLayers()
