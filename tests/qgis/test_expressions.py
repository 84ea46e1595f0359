"""The 一码通 expression functions evaluated on a feature, and gone after the plugin unloads."""

import pytest
import qgis.utils
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsField,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

import yimatong_plugin
from yimatong_plugin.gis.expressions import (
    FUNCTION_NAMES,
    GROUP,
    register_expression_functions,
    unregister_expression_functions,
)

CODE = "4343070220240301120701000123"


@pytest.fixture
def functions(qgis_app):
    register_expression_functions()
    yield
    unregister_expression_functions()


def _layer(values):
    layer = QgsVectorLayer("None?crs=EPSG:4490", "codes", "memory")
    provider = layer.dataProvider()
    provider.addAttributes([QgsField("code", QVariant.String)])
    layer.updateFields()
    features = []
    for value in values:
        feature = QgsFeature(layer.fields())
        feature.setAttribute("code", value)
        features.append(feature)
    provider.addFeatures(features)
    return layer


def _evaluate(expression_text, layer, feature):
    expression = QgsExpression(expression_text)
    assert not expression.hasParserError(), expression.parserErrorString()
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    value = expression.evaluate(context)
    return value, expression.evalErrorString()


def test_functions_on_features(functions):
    layer = _layer(
        [
            CODE,
            "43-430702-2024-03-01-12-0701-000123",
            "430702001002GB00001F00010001",
            "4343079920240301120701000123",
            None,
        ]
    )
    good, hyphen, unit, bad_division, null = list(layer.getFeatures())

    assert _evaluate('ymt_is_valid("code")', layer, good) == (True, "")
    assert _evaluate('ymt_is_valid("code")', layer, hyphen)[0] is True
    assert _evaluate('ymt_is_valid("code")', layer, unit)[0] is False
    assert _evaluate('ymt_is_valid("code")', layer, bad_division)[0] is False
    assert _evaluate('ymt_is_valid("code")', layer, null)[0] is False

    assert _evaluate('ymt_display("code")', layer, good)[0] == "43 430702 2024 03 01 12 0701 000123"
    assert (
        _evaluate('ymt_display("code")', layer, hyphen)[0] == "43 430702 2024 03 01 12 0701 000123"
    )
    assert _evaluate('ymt_display("code")', layer, unit)[0] is None

    assert _evaluate("ymt_segment(\"code\", 'admin')", layer, good)[0] == "430702"
    assert _evaluate("ymt_segment(\"code\", '行政区划代码')", layer, good)[0] == "430702"
    assert _evaluate("ymt_segment(\"code\", 'land_use')", layer, hyphen)[0] == "0701"
    assert _evaluate("ymt_segment(\"code\", 'serial')", layer, good)[0] == "000123"
    # structurally sound but unknown division: the segment is still readable
    assert _evaluate("ymt_segment(\"code\", 'admin')", layer, bad_division)[0] == "430799"
    assert _evaluate("ymt_segment(\"code\", 'admin')", layer, null)[0] is None

    value, error = _evaluate("ymt_segment(\"code\", 'colour')", layer, good)
    assert value is None and "colour" in error


def test_functions_in_the_group_with_help(functions):
    for name in FUNCTION_NAMES:
        index = QgsExpression.functionIndex(name)
        assert index >= 0, name
        function = QgsExpression.Functions()[index]
        assert function.group() == GROUP
        assert name in QgsExpression.helpText(name)


def test_bureau_code_list_folder_is_used(functions, tmp_path):
    (tmp_path / "supply_type.csv").write_text("code,name\n77,局定\n", encoding="utf-8")
    settings = QgsSettings()
    settings.setValue("yimatong/dictionary_dir", str(tmp_path))
    from yimatong_plugin.gis import expressions

    expressions._cache["at"] = -1e9
    try:
        layer = _layer(["4343070220240301770701000123", CODE])
        custom, default = list(layer.getFeatures())
        assert _evaluate('ymt_is_valid("code")', layer, custom)[0] is True
        assert _evaluate('ymt_is_valid("code")', layer, default)[0] is False
    finally:
        settings.remove("yimatong/dictionary_dir")
        expressions._cache["at"] = -1e9


def test_plugin_registers_and_unregisters(qgis_app, qgis_iface, qgis_processing):
    unregister_expression_functions()
    plugin = yimatong_plugin.classFactory(qgis_iface)
    plugin.initGui()
    qgis.utils.plugins["yimatong_plugin"] = plugin
    try:
        assert all(QgsExpression.isFunctionName(name) for name in FUNCTION_NAMES)
    finally:
        plugin.unload()
        del qgis.utils.plugins["yimatong_plugin"]
    assert not any(QgsExpression.isFunctionName(name) for name in FUNCTION_NAMES)


def test_broken_code_list_folder_is_an_evaluation_error(functions, tmp_path):
    (tmp_path / "supply_type.csv").write_text("code,name\n77,局定\n77,重复\n", encoding="utf-8")
    settings = QgsSettings()
    settings.setValue("yimatong/dictionary_dir", str(tmp_path))
    from yimatong_plugin.gis import expressions

    expressions._cache["at"] = -1e9
    try:
        layer = _layer([CODE])
        (feature,) = list(layer.getFeatures())
        value, error = _evaluate('ymt_is_valid("code")', layer, feature)
        assert value is None
        assert "supply_type.csv" in error and "line 3" in error
    finally:
        settings.remove("yimatong/dictionary_dir")
        expressions._cache["at"] = -1e9
