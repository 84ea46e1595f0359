"""Without a working shapely the plugin still loads, says what is wrong, and offers no tool
that would fail or compute wrong areas."""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent

import yimatong_plugin
from yimatong_plugin.processing.algorithms import algorithm_classes
from yimatong_plugin.toolbelt import dependencies


def test_all_dependencies_present_here():
    assert dependencies.missing_required() == []
    assert len(algorithm_classes()) > 1


def test_broken_shapely_keeps_plugin_loadable(qgis_app, qgis_iface, qgis_processing, monkeypatch):
    monkeypatch.setattr(
        "yimatong_plugin.core.shapely_compat.geos_self_test",
        lambda: "coordinates come back with a Z value",
    )
    problems = dependencies.missing_required()
    assert len(problems) == 1 and "GEOS" in problems[0]
    assert [cls.__name__ for cls in algorithm_classes()] == ["AboutAlgorithm"]

    registry = QgsApplication.processingRegistry()
    had_provider = registry.providerById("yimatong") is not None
    plugin = yimatong_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        texts = [a.text() for a in plugin.menu.actions() if a.text()]
        assert texts == ["About Yimatong"]  # the tools are not offered
        if not had_provider:
            ids = [a.id() for a in registry.providerById("yimatong").algorithms()]
            assert ids == ["yimatong:about"]
    finally:
        plugin.unload()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_advice_follows_the_geos_qgis_loaded(qgis_app, monkeypatch):
    """shapely 2.0.x wheels match only GEOS 3.11 (QGIS 3.22, Debian 12); with QGIS 3.40's GEOS
    3.13 the advice is the distribution's shapely, never the 2.0.x wheel."""
    from qgis.core import Qgis

    geos = (Qgis.geosVersionMajor(), Qgis.geosVersionMinor())
    assert dependencies.qgis_geos_version() == geos
    expected = dependencies.PIP_HINT if geos <= (3, 11) else dependencies.SYSTEM_HINT
    assert dependencies.install_hint() == expected == dependencies.INSTALL_HINT
    monkeypatch.setattr(
        "yimatong_plugin.core.shapely_compat.geos_self_test", lambda: "WKT output is wrong"
    )
    for loaded, says, never in (((3, 11), "2.0.x", "GEOS 3.11"), ((3, 13), "GEOS 3.13", "2.0.x")):
        monkeypatch.setattr(dependencies, "qgis_geos_version", lambda loaded=loaded: loaded)
        (problem,) = dependencies.missing_required()
        assert says in problem and never not in problem, problem
    assert "python3-shapely" in dependencies.SYSTEM_HINT
