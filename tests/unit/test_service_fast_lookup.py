"""``GET /api/v1/projects/{code}`` served by the pure ASGI fast path (service/fast.py): the same
bytes and headers as the route, and every case it does not serve left to the route (its status
and error body). The app is called in-process as uvicorn calls it (ASGI)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

from tests.library_data import SEG, seed_detail_cases
from tests.service_server import add_client
from yimatong_plugin.core import i18n
from yimatong_plugin.core.library import open_library
from yimatong_plugin.service import fast
from yimatong_plugin.service.app import create_app
from yimatong_plugin.service.context import Settings


@pytest.fixture(scope="module", params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def library(request, tmp_path_factory):
    if request.param == "gpkg":
        uri = str(tmp_path_factory.mktemp("fast") / "library.gpkg")
    else:
        uri = request.getfixturevalue("postgis_server").new_database()
    lib = open_library(uri, user="seed")
    seeded = seed_detail_cases(lib, many_parcels=12)
    codes = seeded["codes"]
    lib.add_event(seeded["many"], "supply", "2019-06-01", agreed_start="2020-01-01")
    lib.add_event(seeded["archived"], "supply", "2020-01-01")
    lib.archive_project(seeded["archived"], "撤销")
    missing = str(lib.allocate_code(**dict(SEG, year=2021)))  # allocated, never recorded
    lib.close()
    keys = {
        "reader": add_client(uri, "reader", "read"),
        "writer": add_client(uri, "writer", "stages"),
    }
    yield uri, codes, missing, keys


def _call(app, requests: list[tuple[str, str, str]]) -> list[tuple[int, dict, bytes]]:
    """(path, query, key) → (status, headers, body), in one event loop, as uvicorn calls."""

    async def one(path, query, key):
        headers = [(b"host", b"127.0.0.1")]
        if key:
            headers.append((b"authorization", f"Bearer {key}".encode()))
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 5000),
            "server": ("127.0.0.1", 80),
            "state": {},
        }
        sent = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        await app(scope, receive, send)
        start = sent[0]
        payload = b"".join(m.get("body", b"") for m in sent[1:])
        return start["status"], dict(start["headers"]), payload

    async def run():
        return [await one(*r) for r in requests]

    return asyncio.run(run())


@pytest.fixture(autouse=True)
def _english_after(monkeypatch):
    """create_app installs the Chinese messages for the whole process: put the translator
    back afterwards (the other tests read English source strings)."""
    monkeypatch.setattr(i18n, "_translate", i18n._translate)


@pytest.fixture
def served(monkeypatch):
    """Codes the fast path answered."""
    codes = []
    render = fast._render

    def counting(lib, code):
        out = render(lib, code)
        if out is not None:
            codes.append(code)
        return out

    monkeypatch.setattr(fast, "_render", counting)
    return codes


def test_the_fast_path_answers_the_route_s_bytes(library, served):
    uri, codes, _, keys = library
    app = create_app(Settings(library=uri))
    today = f"as_of={dt.date.today().isoformat()}"
    key = keys["reader"]
    paths = [f"/api/v1/projects/{c}" for c in codes]
    # the route first (a query string: never the fast path), which also caches the key
    routed = _call(app, [(p, today, key) for p in paths])
    assert served == []
    quick = _call(app, [(p, "", key) for p in paths])
    app.state.libraries.close()
    assert served == codes  # every plain lookup took the fast path
    for (status, headers, body), (q_status, q_headers, q_body) in zip(routed, quick):
        assert status == q_status == 200
        assert q_body == body
        assert q_headers == headers
    full = json.loads(quick[0][2])
    assert full["results"][0]["name"] == "红线图.dwg" and full["findings"]
    assert json.loads(quick[4][2])["project"]["archived"] is True


def test_what_the_fast_path_leaves_to_the_route(library, served):
    uri, codes, missing, keys = library
    app = create_app(Settings(library=uri))
    path = f"/api/v1/projects/{codes[0]}"
    got = _call(
        app,
        [
            (path, "", ""),  # no key: 401
            (path, "", "not-a-key"),  # unknown key: 401
            (path, "", keys["writer"]),  # no read scope: 403
            (path, "", keys["writer"]),  # the same, its key now cached
            (f"/api/v1/projects/{missing}", "", keys["reader"]),  # no such project: 404
            (f"/api/v1/projects/{missing}", "", keys["reader"]),  # key cached: still 404
            (f"/api/v1/projects/{codes[0][:-1]}", "", keys["reader"]),  # 27 digits: the route
        ],
    )
    app.state.libraries.close()
    statuses = [status for status, _, _ in got]
    assert statuses == [401, 401, 403, 403, 404, 404, 422]
    for _, headers, body in got:
        error = json.loads(body)["error"]
        assert headers[b"content-type"] == b"application/json"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"]), error
    assert json.loads(got[4][2])["error"]["field"] == "code"
    assert served == []
