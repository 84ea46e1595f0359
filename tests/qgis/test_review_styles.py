"""A review run loaded into the project (what the Processing dialog does): the reviewed parcels
are coloured by verdict, the overlap pieces by control line, areas and ratios are shown with a
sensible precision."""

import processing
from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsRenderContext,
    QgsVectorLayer,
)


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


def _square(x, y, size):
    x, y = 500000 + x, 3200000 + y
    return f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))"


def _shown(layer, field, value):
    """The text the attribute table shows for ``value`` in ``field``."""
    index = layer.fields().indexOf(field)
    setup = layer.editorWidgetSetup(index)
    formatter = QgsApplication.fieldFormatterRegistry().fieldFormatter(setup.type())
    return formatter.representValue(layer, index, setup.config(), None, value)


def _colour(layer, feature):
    renderer = layer.renderer().clone()
    context = QgsRenderContext()
    renderer.startRender(context, layer.fields())
    try:
        return renderer.symbolForFeature(feature, context).color().name()
    finally:
        renderer.stopRender(context)


def test_review_outputs_are_styled_when_loaded(processing_ready):
    parcels = _layer("parcels", [_square(0, 0, 100), _square(1000, 0, 100.0001)])
    red = _layer("生态保护红线", [_square(50, 0, 200)])
    other = _layer("洪涝风险控制线", [_square(0, 50, 30)])
    try:
        result = processing.runAndLoadResults(
            "yimatong:complianceoverlay",
            {
                "PARCELS": parcels,
                "PARCEL_ID": "dkbh",
                "CONTROL_LAYERS": [red, other],
                "OUTPUT": "TEMPORARY_OUTPUT",
                "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
                "OUTPUT_PIECES": "TEMPORARY_OUTPUT",
            },
        )
        out = QgsProject.instance().mapLayer(result["OUTPUT"])
        pieces = QgsProject.instance().mapLayer(result["OUTPUT_PIECES"])
        table = QgsProject.instance().mapLayer(result["OUTPUT_TABLE"])

        renderer = out.renderer()
        assert isinstance(renderer, QgsCategorizedSymbolRenderer)
        assert renderer.classAttribute() == "verdict"
        assert {c.value() for c in renderer.categories()} == {"合规", "冲突", "需论证"}
        by_id = {f["parcel_id"]: f for f in out.getFeatures()}
        assert by_id["P0"]["verdict"] == "冲突" and by_id["P1"]["verdict"] == "合规"
        conflict, compliant = _colour(out, by_id["P0"]), _colour(out, by_id["P1"])
        assert conflict == "#c62828" and compliant == "#1a7f37"
        assert out.labelsEnabled() and out.labeling().settings().fieldName == "parcel_id"

        renderer = pieces.renderer()
        assert isinstance(renderer, QgsCategorizedSymbolRenderer)
        assert renderer.classAttribute() == "layer"
        values = [c.value() for c in renderer.categories()]
        # the lines of this run, each once: the bundled style's red line and a new colour for
        # the line the style does not know
        assert sorted(values) == ["洪涝风险控制线", "生态保护红线"]
        colours = {c.value(): c.symbol().color().name() for c in renderer.categories()}
        assert colours["生态保护红线"] != colours["洪涝风险控制线"]

        # 10000.0200000001 m² is shown as 10000.02, not with every float digit; tiny ratios
        # keep their significant digits
        assert _shown(out, "area_m2", 10000.0200000001).replace(",", "") == "10000.02"
        assert _shown(table, "overlap_m2", 35200.007008123).replace(",", "") == "35200.01"
        assert _shown(table, "overlap_ratio", 2.2303086801e-5) == "0.000022"
        assert _shown(out, "生态保护红线_ratio", 0.5) == "0.500000"
    finally:
        QgsProject.instance().removeAllMapLayers()


def test_parcel_check_problems_read_in_words(processing_ready):
    """The problem column keeps its keys (the public interface) and shows words."""
    from yimatong_plugin.toolbelt import i18n

    bowtie = "POLYGON((500000 3200000,500010 3200010,500010 3200000,500000 3200010,500000 3200000))"
    assert i18n.install_translator("zh_CN")
    try:
        result = processing.runAndLoadResults(
            "yimatong:checkparcels",
            {"INPUT": _layer("parcels", [bowtie]), "OUTPUT": "TEMPORARY_OUTPUT"},
        )
        out = QgsProject.instance().mapLayer(result["OUTPUT"])
        (feature,) = [f for f in out.getFeatures() if f["problem"] == "invalid"]
        assert _shown(out, "problem", feature["problem"]) == "几何无效"
    finally:
        i18n.remove_translator()
        QgsProject.instance().removeAllMapLayers()
