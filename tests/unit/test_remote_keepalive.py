"""The library over HTTP keeps its connection alive: calls made one after another from
short-lived worker threads (what the panel and the project box do: a copy of the client per
call) reuse one connection, calls at the same time each get their own and the right answer."""

from __future__ import annotations

import threading

import pytest

from tests.connection_counter import CountingRelay
from tests.library_data import SEG
from tests.service_server import Service, add_client
from yimatong_plugin.core.library import open_library


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    uri = str(tmp_path_factory.mktemp("keepalive") / "library.gpkg")
    with open_library(uri, user="seed") as lib:
        codes = []
        for i in range(6):
            code = str(lib.allocate_code(**SEG))
            lib.add_project(code, name=f"物流园{i}", source="municipal_key")
            codes.append(code)
    svc = Service(uri)
    svc.key, svc.codes = add_client(uri, "panel", "read"), codes
    yield svc
    svc.stop()


@pytest.fixture
def relay(service):
    r = CountingRelay(service.port)
    yield r
    r.stop()


def _on_a_worker_thread(lib, work):
    """What ui.background_calls does per call: a copy of the client on a new thread, closed."""
    out = {}

    def run():
        client = lib.copy()
        try:
            out["answer"] = work(client)
        finally:
            client.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    return out["answer"]


def test_calls_from_successive_worker_threads_share_one_connection(service, relay):
    lib = open_library(relay.url("/api/v1"), token=service.key)
    names = []
    for code in service.codes:
        names.append(_on_a_worker_thread(lib, lambda c, code=code: c.project(code)["name"]))
    pages = [_on_a_worker_thread(lib, lambda c, p=p: c.page(page=p, page_size=2)) for p in (1, 2)]
    assert names == [f"物流园{i}" for i in range(6)]
    assert [[r["code"] for r in p["items"]] for p in pages] == [
        service.codes[0:2],
        service.codes[2:4],
    ]
    assert relay.connections == 1  # eight calls, eight threads, one connection
    lib.close()


def test_calls_at_the_same_time_each_get_their_own_session(service, relay):
    lib = open_library(relay.url("/api/v1"), token=service.key)
    start = threading.Barrier(4)
    answers: dict = {}

    def run(code):
        client = lib.copy()
        start.wait(10)
        try:
            answers[code] = [client.project(code)["code"] for _ in range(5)]
        finally:
            client.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in service.codes[:4]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert answers == {c: [c] * 5 for c in service.codes[:4]}
    assert 1 <= relay.connections <= 4
    before = relay.connections
    for code in service.codes:  # afterwards, calls in turn reuse the kept connections
        assert lib.project(code)["code"] == code
    assert relay.connections == before
    lib.close()


def test_closing_the_client_closes_its_connections(service, relay):
    lib = open_library(relay.url("/api/v1"), token=service.key)
    assert lib.project(service.codes[0]) is not None
    lib.close()
    assert lib.project(service.codes[1]) is not None  # still answers, on a new connection
    assert relay.connections == 2
