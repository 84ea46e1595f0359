"""What one ``GET /api/v1/projects/{code}`` asks PostGIS: the project's detail
(``projectbox.project_file``) in one statement when the project shares no approval batch, its
findings from the same rows; with a batch, the batch's peers are read for 批而未供."""

from __future__ import annotations

import pytest

from tests.library_data import SEG, SQUARE
from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core import projectbox
from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.lifecycle import facts

pytestmark = pytest.mark.postgis

AS_OF = "2026-06-30"


@pytest.fixture(scope="module")
def library(postgis_server):
    lib = open_library(postgis_server.new_database(), user="seed")

    def project(name, **events):
        code = str(lib.allocate_code(**SEG))
        lib.add_project(code, name=name, source="municipal_key")
        lib.add_parcel(code, SQUARE, stage="supply")
        for stage, kw in events.items():
            lib.add_event(code, stage, **kw)
        return code

    # supplied, agreed to start in 2020, never started
    alone = project("单独供地", supply={"date": "2019-06-01", "agreed_start": "2020-03-01"})
    batched = project(
        "同批农转用",
        conversion_approval={"date": "2018-01-01", "batch": "湘政土批〔2018〕1号"},
    )
    peer = project(
        "同批农转用二",
        conversion_approval={"date": "2018-01-01", "batch": "湘政土批〔2018〕1号"},
    )
    yield lib, alone, batched, peer
    lib.close()


def _statements(lib, code) -> tuple[list[str], dict]:
    seen: list[str] = []
    execute = lib._execute

    def counting(sql, params=()):
        seen.append(sql)
        return execute(sql, params)

    lib._execute = counting
    try:
        info = projectbox.project_file(lib, code, AS_OF)
    finally:
        del lib._execute
    return seen, info


def test_a_project_without_a_batch_is_one_statement(library):
    lib, alone, _, _ = library
    projectbox.project_file(lib, alone, AS_OF)  # prepares the statement on this connection
    seen, info = _statements(lib, alone)
    assert seen == ["EXECUTE ymt_project_bundle(?)"]
    # the findings the monitor's loader gives for it (never started two years on: 闲置土地)
    expected = facts.library_findings(lib, AS_OF, None, [alone])
    assert [f.rule for f in expected] == [lc.RULE_IDLE]
    assert [f.as_dict() for f in info["findings"]] == [f.as_dict() for f in expected]


def test_a_batch_reads_its_peers_for_the_unsupplied_rule(library):
    lib, _, batched, peer = library
    seen, info = _statements(lib, batched)
    assert len(seen) > 1
    unsupplied = [f for f in info["findings"] if f.rule == lc.RULE_UNSUPPLIED]
    assert unsupplied and set(unsupplied[0].codes) == {batched, peer}
