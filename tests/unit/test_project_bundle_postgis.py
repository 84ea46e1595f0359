"""A project's detail in one PostGIS round trip (core/library/pg_bundle.py): the same rows, and the
same JSON of ``GET /projects/{code}``, as the four queries (project, events, parcels, results)."""

from __future__ import annotations

import json

import pytest

from tests.library_data import SEG, SQUARE, seed_detail_cases
from yimatong_plugin.core import projectbox
from yimatong_plugin.core.library import LibraryError, open_library
from yimatong_plugin.core.library.library_events import EventsResultsMixin
from yimatong_plugin.service import models

AS_OF = "2026-06-30"


def _four_queries(lib, code):
    return EventsResultsMixin.project_bundle(lib, code)


def _service_json(info) -> str:
    """What the service's detail endpoint answers for a project_file (as api_read builds it)."""
    return json.dumps(
        {
            "project": models.project_json(info["project"]),
            "parcels": models.parcels_json(info["parcels"]),
            "events": [models.event_json(e) for e in info["events"]],
            "results": [models.result_json(r) for r in info["results"]],
            "findings": [models.finding_json(f) for f in info["findings"]],
            "as_of": info["as_of"].isoformat(),
        },
        ensure_ascii=False,
    )


@pytest.fixture(scope="module")
def library(postgis_server, tmp_path_factory):
    uri = postgis_server.new_database()
    lib = open_library(uri, user="seed")
    seeded = seed_detail_cases(
        lib, many_parcels=40, supply_extra={"agreed_completion": "2024-12-31"}
    )
    codes, full = seeded["codes"], seeded["full"]
    gone = lib.add_event(full, "planning_permit", "2022-02-02")
    lib.archive_event(gone, "录错")
    lib.add_event(full, "supervision", "2023-05-05", stopped_on="2023-05-01", status="停工")
    src = tmp_path_factory.mktemp("results") / "批复.pdf"
    src.write_bytes(b"%PDF-1.4 stub")
    lib.add_result(full, "supply", src, kind="approval")
    # a stamp whose milliseconds must be cut, not rounded (as the rows give it: …59.999Z)
    lib._execute(
        "UPDATE ymt_results SET added_at = '2021-12-31 23:59:59.999999+08' WHERE code = ?", (full,)
    )
    lib.add_event(seeded["many"], "supply", "2022-06-01")
    lib.add_parcel(seeded["archived"], SQUARE)
    lib.add_event(seeded["archived"], "supply", "2020-01-01")
    lib.archive_project(seeded["archived"], "撤销")
    yield lib, codes
    lib.close()


def test_one_round_trip_gives_the_rows_of_the_four_queries(library):
    lib, codes = library
    for code in codes:
        assert lib.project_bundle(code) is not None  # warms the column lists
    calls = []
    execute = lib._execute
    lib._execute = lambda *a, **k: calls.append(a[0]) or execute(*a, **k)
    try:
        bundles = [lib.project_bundle(code) for code in codes]
    finally:
        del lib._execute
    assert len(calls) == len(codes)  # one statement per project
    for code, bundle in zip(codes, bundles):
        old = _four_queries(lib, code)
        assert bundle == old
        for key in ("project", "events", "parcels", "results"):
            rows = bundle[key] if key != "project" else [bundle[key]]
            olds = old[key] if key != "project" else [old[key]]
            assert [list(r) for r in rows] == [list(r) for r in olds], key  # same key order
            assert [[type(v) for v in r.values()] for r in rows] == [
                [type(v) for v in r.values()] for r in olds
            ], key
    full = bundles[0]
    assert {r["added_at"] for r in full["results"]} == {"2021-12-31T15:59:59.999Z"}
    assert len(full["events"]) == 3 and len(full["parcels"]) == 3 and len(full["results"]) == 2
    assert len(bundles[3]["parcels"]) == 40 and bundles[2]["events"] == []
    assert bundles[4]["project"]["archived"] is True


def test_the_service_answer_is_the_same_byte_for_byte(library):
    lib, codes = library
    for code in codes:
        new = projectbox.project_file(lib, code, AS_OF)
        old = dict(new)
        old.update((k, v) for k, v in _four_queries(lib, code).items())
        assert _service_json(new) == _service_json(old)
    assert projectbox.project_file(lib, codes[0], AS_OF)["findings"]  # 批而未供 etc. computed


def test_unknown_and_bad_codes_as_before(library):
    lib, codes = library
    unknown = codes[0][:-6] + "999999"
    assert lib.project_bundle(unknown) is None
    assert projectbox.project_file(lib, unknown, AS_OF) == {}
    with pytest.raises(Exception) as new_err:
        lib.project_bundle("123")
    with pytest.raises(Exception) as old_err:
        lib.project("123")
    assert str(new_err.value) == str(old_err.value)


def test_a_column_it_cannot_render_falls_back_to_the_four_queries(postgis_server):
    uri = postgis_server.new_database()
    lib = open_library(uri, user="seed")
    try:
        code = str(lib.allocate_code(**SEG))
        lib.add_project(code, name="x", source="municipal_key")
        lib.add_event(code, "supply", "2024-01-01")
        lib._execute("ALTER TABLE ymt_events ADD COLUMN weight numeric")
        lib._execute("UPDATE ymt_events SET weight = 0.10")
        bundle = lib.project_bundle(code)
        assert bundle == _four_queries(lib, code)
        assert str(bundle["events"][0]["weight"]) == "0.10"  # a Decimal, not a float
    finally:
        lib.close()


def test_a_lost_connection_is_prepared_again(library, postgis_server):
    lib, codes = library
    before = lib.project_bundle(codes[0])
    db = lib.uri.rsplit("/", 1)[1]
    postgis_server.admin(
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}' "
        "AND pid <> pg_backend_pid()"
    )
    with pytest.raises(LibraryError) as err:
        lib.project_bundle(codes[0])  # as any query on a lost connection
    assert err.value.kind == "connection"
    assert lib.project_bundle(codes[0]) == before  # reconnected, the statement prepared again
