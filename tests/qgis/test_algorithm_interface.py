"""Every algorithm's public interface is what tests/data/algorithm_facts.json recorded: the
ids, names, defaults, optional flags, help texts and outputs that users' models and
qgis_process scripts call them by (refresh the file with ``python -m tests.algorithm_facts``
only when a change of the interface is meant)."""

import json

import pytest
from qgis.core import QgsApplication

from tests.algorithm_facts import FACTS_JSON, algorithm_facts

RECORDED = json.loads(FACTS_JSON.read_text(encoding="utf-8"))
#: what every recorded parameter must still state (other keys of a parameter's variant map
#: are compared where the running QGIS has them: a newer QGIS adds keys)
REQUIRED = {"name", "description", "default", "flags", "help", "type"}


@pytest.fixture(scope="module")
def current(processing_ready):
    """The facts with no library configured: LIBRARY's default is the library the plugin's
    settings name (whatever an earlier test opened), recorded as none."""
    from unittest import mock

    provider = QgsApplication.processingRegistry().providerById("yimatong")
    target = "yimatong_plugin.gis.library_connect.settings_library_value"
    with mock.patch(target, return_value=""):
        provider.refreshAlgorithms()
        facts = algorithm_facts(provider)
    provider.refreshAlgorithms()
    return facts


def test_same_algorithms(current):
    assert sorted(current) == sorted(RECORDED)


@pytest.mark.parametrize("alg_id", sorted(RECORDED))
def test_algorithm_unchanged(current, alg_id):
    now, then = current[alg_id], RECORDED[alg_id]
    for key in ("name", "displayName", "group", "groupId", "shortHelpString", "flags", "outputs"):
        assert now[key] == then[key], (alg_id, key)
    assert [p["name"] for p in now["parameters"]] == [p["name"] for p in then["parameters"]]
    for param_now, param_then in zip(now["parameters"], then["parameters"]):
        assert REQUIRED <= param_now.keys() & param_then.keys()
        shared = param_now.keys() & param_then.keys()
        assert {k: param_now[k] for k in shared} == {k: param_then[k] for k in shared}, (
            alg_id,
            param_then["name"],
        )
