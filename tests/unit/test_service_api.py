"""The exchange service, started for real (uvicorn on a loopback port, in a subprocess) over a
GeoPackage and over PostGIS, driven with requests: every endpoint and status code."""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.blob_forgery import forge_blob
from tests.library_data import SEG, SQUARE
from tests.service_server import Service, add_client
from yimatong_plugin.core.library import open_library

CHINESE = "\u4e00"


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture(scope="module", params=["gpkg", "postgis"])
def svc(request, tmp_path_factory):
    if request.param == "gpkg":
        uri = str(tmp_path_factory.mktemp("svc") / "library.gpkg")
    else:
        uri = request.getfixturevalue("postgis_server").new_database()
    lib = open_library(uri, user="seed")
    code = str(lib.allocate_code(**SEG))
    lib.add_project(code, name="武陵区安置房", source="municipal_key", applicant="常德市城投秘密")
    lib.add_parcel(code, SQUARE, stage="supply")
    lib.add_event(code, "supply", "2024-01-05", doc_no="常供〔2024〕1号")
    other = str(lib.allocate_code(**dict(SEG, year=2023)))
    lib.add_project(other, name="物流园", source="annual_transfer_plan")
    lib.close()
    keys = {
        "approval": add_client(uri, "approval"),
        "reader": add_client(uri, "reader", "read"),
    }
    service = Service(uri, "--max-upload-mb", "160", "--max-body-kb", "64")
    service.uri, service.code, service.other, service.keys = uri, code, other, keys
    service.backend = request.param
    yield service
    service.stop()


@pytest.fixture
def api(svc):
    return svc.session(svc.keys["approval"])


def _error(resp, status, field=None):
    assert resp.status_code == status, resp.text
    err = resp.json()["error"]
    assert _has_chinese(err["message"]), err
    if field is not None:
        assert err["field"] == field, err
    text = resp.text
    for leak in ("Traceback", "/tmp", "SELECT", "INSERT", "sqlite", "psycopg", ".gpkg"):
        assert leak not in text, text
    return err


# --- auth -------------------------------------------------------------------------------------
def test_keys_and_scopes(svc):
    url = svc.api + "/projects"
    _error(requests.get(url, timeout=10), 401)
    _error(requests.get(url, headers={"Authorization": "Bearer nope"}, timeout=10), 401)
    reader = svc.session(svc.keys["reader"])
    assert reader.get(url, timeout=10).status_code == 200
    err = _error(
        reader.post(
            f"{svc.api}/projects/{svc.code}/stages",
            json={"stage": "supervision", "record_id": "r", "date": "2024-01-01"},
            timeout=10,
        ),
        403,
    )
    assert "stages" in err["message"]
    _error(reader.post(svc.api + "/codes", json={}, timeout=10), 403)
    # a revoked client is refused
    import subprocess
    import sys

    gone = add_client(svc.uri, "gone", "read")
    subprocess.run(
        [sys.executable, "-m", "yimatong_plugin.service", "revoke-client", "gone"]
        + ["--library", svc.uri],
        check=True,
        capture_output=True,
        env=dict(__import__("os").environ, PYTHONPATH=str(Path(__file__).parents[2])),
    )
    _error(svc.session(gone).get(url, timeout=10), 401)
    # only the hash of a key is in the library
    lib = open_library(svc.uri)
    stored = lib.query("SELECT name, key_hash FROM ymt_api_clients ORDER BY name")
    lib.close()
    assert [r["name"] for r in stored] == ["approval", "gone", "reader"]
    for row in stored:
        if row["name"] == "gone":
            continue
        assert row["key_hash"] == hashlib.sha256(svc.keys[row["name"]].encode()).hexdigest()
        assert svc.keys[row["name"]] not in json.dumps(stored)


# --- reading ----------------------------------------------------------------------------------
def test_project_list_paging_and_filters(svc, api):
    url = svc.api + "/projects"
    page = api.get(url, timeout=10).json()
    assert page["total"] == 2 and page["total_exact"]
    assert [p["code"] for p in page["items"]] == sorted([svc.code, svc.other])
    one = api.get(url, params={"page": 2, "page_size": 1}, timeout=10).json()
    assert one["page"] == 2 and [p["code"] for p in one["items"]] == [max(svc.code, svc.other)]
    assert [p["name"] for p in api.get(url, params={"q": "安置"}, timeout=10).json()["items"]] == [
        "武陵区安置房"
    ]
    assert api.get(url, params={"year": "2023"}, timeout=10).json()["total"] == 1
    assert api.get(url, params={"admin": "430702", "source": "municipal_key"}).json()["total"] == 1
    assert api.get(url, params={"stage": "supply"}, timeout=10).json()["total"] == 1
    assert api.get(url, params={"stage": "none"}, timeout=10).json()["total"] == 1
    assert api.get(url, params={"updated_since": "2000-01-01"}, timeout=10).json()["total"] == 2
    assert api.get(url, params={"updated_since": "2999-01-01"}, timeout=10).json()["total"] == 0
    _error(api.get(url, params={"page_size": 501}, timeout=10), 422, "page_size")
    _error(api.get(url, params={"page": "x"}, timeout=10), 422, "page")
    _error(api.get(url, params={"stage": "bogus"}, timeout=10), 422, "stage")
    _error(api.get(url, params={"updated_since": "2024-13-01"}, timeout=10), 422, "updated_since")


def test_one_project_with_parcels_events_results_findings(svc, api):
    data = api.get(f"{svc.api}/projects/{svc.code}", timeout=10).json()
    assert data["project"]["name"] == "武陵区安置房"
    feature = data["parcels"]["features"][0]
    assert feature["geometry"]["type"] == "MultiPolygon"
    lon, lat = feature["geometry"]["coordinates"][0][0][0]
    assert 111 < lon < 112 and 29 < lat < 30  # EPSG:4490 longitude/latitude
    assert data["events"][0]["stage"] == "supply" and data["events"][0]["stage_name"] == "供地"
    assert isinstance(data["findings"], list) and data["as_of"]
    _error(api.get(f"{svc.api}/projects/{svc.code[:-1]}9", timeout=10), 404)
    _error(api.get(f"{svc.api}/projects/12345", timeout=10), 422, "code")
    _error(api.get(f"{svc.api}/projects/{svc.code[:-1]}9/stages", timeout=10), 404)


def test_code_check(svc, api):
    ok = api.get(f"{svc.api}/codes/{svc.code}/check", timeout=10).json()
    assert ok["well_formed"] and ok["exists"] and ok["name"] == "武陵区安置房"
    free = api.get(f"{svc.api}/codes/{svc.code[:-6]}999999/check", timeout=10).json()
    assert free["well_formed"] and not free["exists"]
    bad = api.get(f"{svc.api}/codes/{svc.code[:2]}999999{svc.code[8:]}/check", timeout=10).json()
    assert not bad["well_formed"] and bad["segment"] == "admin" and _has_chinese(bad["message"])
    unit = api.get(f"{svc.api}/codes/430702001002GB00001F00010001/check", timeout=10).json()
    assert unit["unit_number"] and not unit["well_formed"]


# --- stage events: approval feedback, idempotent ------------------------------------------------
def test_stage_post_is_idempotent_by_record_id(svc, api):
    url = f"{svc.api}/projects/{svc.code}/stages"
    body = {
        "stage": "planning_permit",
        "record_id": "DFSJZJ-0001",
        "approval": {
            "blzt": 11,
            "pfwh": "常规许〔2024〕7号",
            "pfrq": "2024-03-01",
            "spsx": "规划许可",
        },
    }
    first = api.post(url, json=body, timeout=10)
    assert first.status_code == 201 and first.headers["Idempotent-Replay"] == "false"
    event = first.json()
    assert event["status"] == "办结（通过）" and event["doc_no"] == "常规许〔2024〕7号"
    assert event["date"] == "2024-03-01" and event["record_id"] == "DFSJZJ-0001"
    again = api.post(url, json=body, timeout=10)
    assert again.status_code == 201 and again.json() == event
    assert again.headers["Idempotent-Replay"] == "true"
    # concurrent retries of one new record: one event
    body2 = dict(body, record_id="DFSJZJ-0002")
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: api.post(url, json=body2, timeout=30), range(8)))
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["id"] for a in answers}) == 1
    stages = api.get(url, timeout=10).json()
    assert [e["record_id"] for e in stages].count("DFSJZJ-0002") == 1
    assert [e["record_id"] for e in stages].count("DFSJZJ-0001") == 1
    # the record id reused for another stage: refused, not silently answered
    _error(api.post(url, json=dict(body, stage="completion"), timeout=10), 409, "record_id")
    # the project's approval status, audited with the caller's name
    project = api.get(f"{svc.api}/projects/{svc.code}", timeout=10).json()["project"]
    assert project["approval_status"] == "办结（通过）" and project["approval_item"] == "规划许可"
    lib = open_library(svc.uri)
    who = {h["who"] for h in lib.history(svc.code) if h["table_name"] == "ymt_events"}
    lib.close()
    assert any(w.endswith("approval") for w in who)


def test_stage_post_bad_input(svc, api):
    url = f"{svc.api}/projects/{svc.code}/stages"
    base = {"stage": "supervision", "record_id": "x1", "date": "2024-01-01"}
    _error(api.post(url, data="{not json", timeout=10), 422, "body")
    _error(api.post(url, json=[1, 2], timeout=10), 422)
    _error(api.post(url, json=dict(base, stage="bogus"), timeout=10), 422, "stage")
    _error(api.post(url, json=dict(base, date="2024-02-30"), timeout=10), 422, "date")
    _error(api.post(url, json={k: v for k, v in base.items() if k != "date"}), 422, "date")
    _error(api.post(url, json=dict(base, record_id=""), timeout=10), 422, "record_id")
    _error(api.post(url, json=dict(base, developed_ratio=2), timeout=10), 422, "developed_ratio")
    _error(api.post(url, json=dict(base, approval={"blzt": 16}), timeout=10), 422, "approval.blzt")
    _error(api.post(url, json=dict(base, surprise=1), timeout=10), 422, "surprise")
    _error(api.post(url, json=dict(base, agreed_start="2024-05-01"), timeout=10), 422)
    _error(api.post(f"{svc.api}/projects/{svc.code[:-1]}9/stages", json=base), 404)
    _error(api.post(url, json=dict(base, note="x" * 70_000), timeout=10), 413, "body")


# --- registrations ------------------------------------------------------------------------------
def test_registration(svc, api):
    url = f"{svc.api}/projects/{svc.code}/registrations"
    body = {
        "unit_number": "430702 001002 GB00001 F00010001",
        "certificate_no": "湘(2024)常德市不动产权第0001234号",
        "date": "2024-06-01",
    }
    first = api.post(url, json=body, timeout=10)
    assert first.status_code == 201, first.text
    event = first.json()
    assert event["stage"] == "registration" and event["doc_no"] == body["certificate_no"]
    assert "430702001002GB00001F00010001" in event["note"]
    assert api.post(url, json=body, timeout=10).json() == event  # retry: same answer
    err = _error(api.post(url, json=dict(body, unit_number=svc.code), timeout=10), 422)
    assert err["field"] == "unit_number"
    err = _error(
        api.post(url, json=dict(body, unit_number="430702001002GB00001X00010001"), timeout=10), 422
    )
    assert err["field"] == "unit_number" and "20" in err["message"]
    _error(api.post(url, json=dict(body, unit_number="43070200"), timeout=10), 422, "unit_number")
    _error(api.post(url, json=dict(body, certificate_no="  "), timeout=10), 422, "certificate_no")


# --- results: upload, download, integrity --------------------------------------------------------
def test_upload_and_download_with_sha256(svc, api):
    url = f"{svc.api}/projects/{svc.code}/results"
    content = "规划许可证正本".encode() * 50_000
    up = api.post(
        url,
        files={"file": ("规划许可证.pdf", content, "application/pdf")},
        data={"kind": "permit", "stage": "planning_permit"},
        timeout=30,
    )
    assert up.status_code == 201, up.text
    result = up.json()
    assert result["sha256"] == hashlib.sha256(content).hexdigest() and result["stored"]
    assert result["name"] == "规划许可证.pdf" and result["size_bytes"] == len(content)
    down = api.get(f"{url}/{result['id']}", timeout=30)
    assert down.status_code == 200 and down.content == content
    assert down.headers["X-Content-SHA256"] == hashlib.sha256(down.content).hexdigest()
    # every client of the library reads it: the reader key, and the library itself
    reader = svc.session(svc.keys["reader"])
    assert reader.get(f"{url}/{result['id']}", timeout=30).content == content
    # the same bytes again: a second result, one stored copy
    again = api.post(url, files={"file": ("copy.pdf", content)}, timeout=30).json()
    lib = open_library(svc.uri)
    assert (
        lib.query("SELECT count(*) AS n FROM ymt_blobs WHERE sha256 = ?", (again["sha256"],))[0][
            "n"
        ]
        == 1
    )
    lib.close()
    listed = api.get(f"{svc.api}/projects/{svc.code}", timeout=10).json()["results"]
    assert {r["id"] for r in listed} >= {result["id"], again["id"]}
    assert all("path" not in r for r in listed)
    _error(api.get(f"{url}/999999", timeout=10), 404, "result_id")
    _error(api.get(f"{svc.api}/projects/{svc.other}/results/{result['id']}"), 404)
    _error(api.post(url, data={"kind": "x"}, timeout=10), 422, "file")
    _error(api.post(url, files={"file": ("a", b"x")}, data={"stage": "nope"}), 422, "stage")
    _error(reader.post(url, files={"file": ("a", b"x")}, timeout=10), 403)


def test_damaged_bytes_are_refused(svc, api):
    """Bytes changed in the database behind the library's back (the refusal trigger switched
    off by an administrator) are refused on download: 409, nothing sent."""
    url = f"{svc.api}/projects/{svc.code}/results"
    rid = api.post(url, files={"file": ("d.txt", b"original bytes")}, timeout=30).json()["id"]
    sha = hashlib.sha256(b"original bytes").hexdigest()
    forge_blob(svc.uri, svc.backend, sha, b"forged bytes!!")
    resp = api.get(f"{url}/{rid}", timeout=10)
    err = _error(resp, 409, "result_id")
    assert err["code"] == "integrity" and b"forged" not in resp.content


def test_large_upload_is_streamed(svc, api):
    """100 MB sent in 1 MB pieces (chunked, no Content-Length): stored and read back intact,
    and the service's memory does not grow by the file's size."""
    import psutil

    proc = psutil.Process(svc.proc.pid)
    rss_before = proc.memory_info().rss
    block = hashlib.sha256(b"seed").digest() * 32768  # 1 MiB
    n = 100
    digest = hashlib.sha256()
    for i in range(n):
        digest.update(block[i:] + block[:i])
    boundary = "ymtboundary7d1"

    def body():
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        for i in range(n):
            yield block[i:] + block[:i]
        yield f"\r\n--{boundary}--\r\n".encode()

    up = api.post(
        f"{svc.api}/projects/{svc.code}/results",
        data=body(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        timeout=300,
    )
    assert up.status_code == 201, up.text
    assert up.json()["sha256"] == digest.hexdigest() and up.json()["size_bytes"] == n << 20
    grown = proc.memory_info().rss - rss_before
    assert grown < 64 << 20, f"service memory grew by {grown >> 20} MB"
    down = api.get(f"{svc.api}/projects/{svc.code}/results/{up.json()['id']}", stream=True)
    check = hashlib.sha256()
    for piece in down.iter_content(1 << 20):
        check.update(piece)
    assert check.hexdigest() == down.headers["X-Content-SHA256"] == digest.hexdigest()
    # over the limit: 413 from the declared length, before any of the body is read (the
    # client sends the headers only)
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", svc.port, timeout=60)
    conn.putrequest("POST", f"/api/v1/projects/{svc.code}/results")
    conn.putheader("Authorization", api.headers["Authorization"])
    conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    conn.putheader("Content-Length", str(170 << 20))
    conn.endheaders()
    resp = conn.getresponse()
    payload = resp.read().decode()
    conn.close()
    assert resp.status == 413, payload
    err = json.loads(payload)["error"]
    assert err["field"] == "file" and "160" in err["message"] and _has_chinese(err["message"])
    # over the limit without a declared length (chunked): 413 too, once the limit is passed
    conn = http.client.HTTPConnection("127.0.0.1", svc.port, timeout=60)
    conn.putrequest("POST", f"/api/v1/projects/{svc.code}/stages")
    conn.putheader("Authorization", api.headers["Authorization"])
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    try:
        for _ in range(8):  # 512 KB in 64 KB chunks; the JSON limit here is 64 KB
            conn.send(b"10000\r\n" + b" " * 65536 + b"\r\n")
        conn.send(b"0\r\n\r\n")
    except OSError:  # the service may stop reading once it has refused
        pass
    resp = conn.getresponse()
    payload = resp.read().decode()
    conn.close()
    assert resp.status == 413, payload
    assert json.loads(payload)["error"]["field"] == "body"


# --- codes --------------------------------------------------------------------------------------
def test_allocate_codes_concurrently_without_duplicates(svc, api):
    body = {k: str(v) for k, v in SEG.items()}
    body["year"] = "2025"

    def allocate(_):
        s = svc.session(svc.keys["approval"])
        out = []
        for _ in range(100):
            r = s.post(svc.api + "/codes", json=body, timeout=60)
            assert r.status_code == 201, r.text
            out.append(r.json()["code"])
        return out

    with ThreadPoolExecutor(8) as pool:
        codes = [c for chunk in pool.map(allocate, range(8)) for c in chunk]
    assert len(codes) == 800 and len(set(codes)) == 800
    assert {c[:22] for c in codes} == {codes[0][:22]} and codes[0][8:12] == "2025"
    _error(api.post(svc.api + "/codes", json=dict(body, admin="999999"), timeout=10), 422)
    _error(api.post(svc.api + "/codes", json=dict(body, land_use=7), timeout=10), 422, "land_use")
    _error(api.post(svc.api + "/codes", json={"region": "43"}, timeout=10), 422)


# --- the public page ----------------------------------------------------------------------------
def test_public_page(svc):
    page = requests.get(f"{svc.url}/p/{svc.code}", timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "武陵区安置房" in html and svc.code[:2] + " " + svc.code[2:8] in html
    assert "供地" in html and 'name="viewport"' in html and "武陵区" in html
    assert "常德市城投秘密" not in html and "常供" not in html  # no applicant, no documents
    missing = requests.get(f"{svc.url}/p/{svc.code[:-6]}999998", timeout=10)
    assert missing.status_code == 404 and "未找到" in missing.text
    assert requests.get(f"{svc.url}/p/<script>", timeout=10).status_code == 404


def test_unknown_address_and_method(svc, api):
    _error(api.get(svc.api + "/nothing", timeout=10), 404)
    _error(api.delete(f"{svc.api}/projects/{svc.code}", timeout=10), 405)
