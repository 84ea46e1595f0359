"""Fixtures for tests that need QGIS (pytest-qgis provides qgis_app, qgis_iface, …)."""

import pytest


@pytest.fixture(scope="session")
def processing_ready(qgis_app, qgis_processing):
    """Processing initialised with the Yimatong provider registered (once per session)."""
    from qgis.core import QgsApplication

    from yimatong_plugin.processing.provider import YimatongProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("yimatong") is None:
        provider = YimatongProvider()
        registry.addProvider(provider)
    yield registry
