"""The Processing provider is listed under id ``yimatong`` and its algorithms run."""

import processing
from qgis.core import QgsApplication

from yimatong_plugin.__about__ import __version__


def test_provider_listed(processing_ready):
    provider = QgsApplication.processingRegistry().providerById("yimatong")
    assert provider is not None
    ids = [alg.id() for alg in provider.algorithms()]
    assert "yimatong:about" in ids
    for alg in provider.algorithms():
        assert alg.shortHelpString(), alg.id()
        assert alg.group(), alg.id()


def test_about_runs_through_processing_run(processing_ready):
    result = processing.run("yimatong:about", {})
    assert result["VERSION"] == __version__
