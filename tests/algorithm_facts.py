"""The public interface of every ``yimatong:`` algorithm as plain data: its id, names, group,
help, and each parameter's and output's definition (what ``processing.algorithmHelp`` shows
and what models and qgis_process scripts call it by).

``python -m tests.algorithm_facts`` (under the test environment, see the Makefile) writes it
to tests/data/algorithm_facts.json; tests/qgis/test_algorithm_interface.py compares the
algorithms with that file, so a refactoring that changes a name, default or help text fails.
"""

from __future__ import annotations

import json
from pathlib import Path

FACTS_JSON = Path(__file__).parent / "data" / "algorithm_facts.json"


def plain(value):
    """``value`` (a QVariant map's value) as JSON-ready data."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "toString"):  # QDate, QDateTime, QVariant-like values
        return f"{type(value).__name__}:{value.toString()}"
    if hasattr(value, "isNull") and value.isNull():
        return None
    return f"{type(value).__name__}:{value}"


def algorithm_facts(provider) -> dict:
    """{algorithm id: its facts} of every algorithm of ``provider``."""
    facts = {}
    for alg in sorted(provider.algorithms(), key=lambda a: a.id()):
        facts[alg.id()] = {
            "name": alg.name(),
            "displayName": alg.displayName(),
            "group": alg.group(),
            "groupId": alg.groupId(),
            "shortHelpString": alg.shortHelpString(),
            "flags": int(alg.flags()),
            "parameters": [
                dict(plain(p.toVariantMap()), type=p.type(), help=p.help())
                for p in alg.parameterDefinitions()
            ],
            "outputs": [
                {"name": o.name(), "type": o.type(), "description": o.description()}
                for o in alg.outputDefinitions()
            ],
        }
    return facts


def main() -> None:
    from qgis.core import QgsApplication
    from qgis.testing import start_app

    start_app()
    from processing.core.Processing import Processing

    Processing.initialize()
    from yimatong_plugin.processing.provider import YimatongProvider

    provider = YimatongProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    text = json.dumps(algorithm_facts(provider), ensure_ascii=False, indent=1, sort_keys=True)
    FACTS_JSON.write_text(text + "\n", encoding="utf-8")
    print(f"{FACTS_JSON}: {len(provider.algorithms())} algorithms")


if __name__ == "__main__":
    main()
