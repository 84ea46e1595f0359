"""open_library("http://.../api/v1", token=...): the same scripting API over the real service."""

from __future__ import annotations

import hashlib
import io
import socket
import threading

import pytest
import shapely

from tests.library_data import SEG, SQUARE
from tests.service_server import Service, add_client
from yimatong_plugin.core.library import LibraryError, open_library


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    uri = str(tmp_path_factory.mktemp("client") / "library.gpkg")
    lib = open_library(uri, user="seed")
    code = str(lib.allocate_code(**SEG))
    lib.add_project(code, name="武陵区安置房", source="municipal_key", declared_area_m2=35000)
    lib.add_parcel(code, SQUARE, stage="supply")
    lib.add_event(code, "supply", "2024-01-05", doc_no="常供〔2024〕1号")
    for i in range(4):
        lib.add_project(lib.allocate_code(**SEG), name=f"物流园{i}", source="municipal_key")
    lib.close()
    svc = Service(uri, "--count-cap", "2")
    svc.uri, svc.code = uri, code
    svc.key = add_client(uri, "county-office")
    svc.reader = add_client(uri, "viewer", "read")
    yield svc
    svc.stop()


def test_remote_reads_like_the_local_library(service):
    local = open_library(service.uri)
    remote = open_library(service.api, token=service.key)
    assert remote.backend == "remote"
    code = service.code
    assert remote.project(code)["name"] == local.project(code)["name"] == "武陵区安置房"
    assert remote.project(code[:-6] + "999999") is None
    assert [p["code"] for p in remote.find("安置")] == [r["code"] for r in local.find("安置")]
    assert [p["code"] for p in remote.projects()] == [p["code"] for p in local.projects()]
    # totals are counted up to the cap (2 here) and say when they are not exact
    first = remote.page(page=1, page_size=2)
    assert first["total"] == 2 and first["total_exact"] is False
    assert remote.page(q="安置")["total_exact"] is True
    assert len(remote.projects()) == 5 and len(remote.find("物流园", limit=3)) == 3
    assert [(e["fid"], e["stage"], e["event_date"], e["doc_no"]) for e in remote.events(code)] == [
        (e["fid"], e["stage"], e["event_date"], e["doc_no"]) for e in local.events(code)
    ]
    (rp,), (lp,) = remote.parcels(code), local.parcels(code)
    assert rp["fid"] == lp["fid"] and rp["area_m2"] == lp["area_m2"]
    assert shapely.equals_exact(shapely.from_wkb(rp["geometry"]), shapely.from_wkb(lp["geometry"]))
    assert [h["action"] for h in remote.history(code)] == [h["action"] for h in local.history(code)]
    local.close()
    remote.close()


def test_remote_writes_are_audited_as_the_calling_system(service):
    remote = open_library(service.api, token=service.key)
    code = service.code
    new = remote.allocate_code(**SEG)
    assert str(new)[:22] == code[:22] and str(new) != code
    fid = remote.add_event(
        code, "planning_permit", "2024-04-01", doc_no="常规许1号", origin_key="K1"
    )
    assert remote.add_event(code, "planning_permit", "2024-04-01", origin_key="K1") == fid
    content = b"%PDF-1.4 permit" * 1000
    rid = remote.store_result(code, "planning_permit", io.BytesIO(content), "许可证.pdf", "permit")
    out = io.BytesIO()
    assert remote.read_result(code, rid, out)["sha256"] == hashlib.sha256(content).hexdigest()
    assert out.getvalue() == content
    assert [r["name"] for r in remote.results(code)] == ["许可证.pdf"]
    local = open_library(service.uri)
    entry = [
        h for h in local.history(code) if h["row_fid"] == fid and h["table_name"] == "ymt_events"
    ]
    assert entry[0]["who"] == "county-office"
    local.close()
    with pytest.raises(LibraryError) as err:
        remote.add_event(code, "bogus", "2024-04-01")
    assert err.value.kind == "bad_value" and err.value.where == "stage" and "字段" in str(err.value)
    with pytest.raises(LibraryError) as err:
        remote.query("SELECT 1")
    assert err.value.kind == "unsupported"
    remote.close()


def test_remote_errors_are_clear(service):
    with pytest.raises(LibraryError) as err:
        open_library(service.api, token="wrong").project(service.code)
    assert err.value.kind == "permission" and "401" in str(err.value)
    viewer = open_library(service.api, token=service.reader)
    with pytest.raises(LibraryError) as err:
        viewer.add_event(service.code, "supervision", "2024-01-01")
    assert err.value.kind == "permission" and "403" in str(err.value)
    # nobody listening
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(LibraryError) as err:
        open_library(f"http://127.0.0.1:{port}/api/v1", token="k").find("x")
    assert err.value.kind == "connection" and str(port) in str(err.value)


def test_a_silent_server_gives_a_timeout_not_a_hang():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    accepted = []
    threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True).start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/api/v1"
    lib = open_library(url, token="k", timeout=0.5)
    with pytest.raises(LibraryError) as err:
        lib.project("4343070220240301120701000001")
    assert err.value.kind == "connection" and "in time" in str(err.value)
    server.close()
