"""Without a working shapely the plugin still loads, says what is wrong, and offers no tool
that would fail or compute wrong areas."""

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent

import yimatong_plugin
from yimatong_plugin.processing.algorithms import algorithm_classes
from yimatong_plugin.toolbelt import dependencies


def test_all_dependencies_present_here():
    assert dependencies.missing_required() == []
    assert len(algorithm_classes()) > 1


@pytest.fixture
def registry_without_yimatong(qgis_processing):
    """The Processing registry with no yimatong provider (another test's is put back after),
    so the provider the plugin registers is the one checked."""
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("yimatong")
    if existing is not None:
        registry.removeProvider(existing)
    yield registry
    if existing is not None and registry.providerById("yimatong") is None:
        from yimatong_plugin.processing.provider import YimatongProvider

        assert registry.addProvider(YimatongProvider())


# registry_without_yimatong before monkeypatch: the provider it puts back sees real shapely
def test_broken_shapely_keeps_plugin_loadable(
    qgis_app, qgis_iface, registry_without_yimatong, monkeypatch
):
    monkeypatch.setattr(
        "yimatong_plugin.core.shapely_compat.geos_self_test",
        lambda: "coordinates come back with a Z value",
    )
    problems = dependencies.missing_required()
    assert len(problems) == 1 and "GEOS" in problems[0]
    assert [cls.__name__ for cls in algorithm_classes()] == ["AboutAlgorithm"]

    registry = registry_without_yimatong
    plugin = yimatong_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        texts = [a.text() for a in plugin.menu.actions() if a.text()]
        assert texts == ["About Yimatong"]  # the tools are not offered
        provider = registry.providerById("yimatong")
        assert provider is not None and provider is plugin.provider
        assert [a.id() for a in provider.algorithms()] == ["yimatong:about"]
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
