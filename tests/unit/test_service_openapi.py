"""The OpenAPI document matches the service: a bounded property-based run of schemathesis over
/openapi.json against the real service finds no 5xx, no undocumented status code, no response
that violates its schema and no wrong content type."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.library_data import SEG, SQUARE
from tests.service_server import Service, add_client
from yimatong_plugin.core.library import open_library

ENDPOINTS = {
    ("get", "/api/v1/projects"),
    ("get", "/api/v1/projects/{code}"),
    ("get", "/api/v1/projects/{code}/stages"),
    ("get", "/api/v1/projects/{code}/history"),
    ("get", "/api/v1/parcels"),
    ("post", "/api/v1/projects/{code}/stages"),
    ("post", "/api/v1/projects/{code}/registrations"),
    ("post", "/api/v1/projects/{code}/results"),
    ("get", "/api/v1/projects/{code}/results/{result_id}"),
    ("get", "/api/v1/codes/{code}/check"),
    ("post", "/api/v1/codes"),
    ("get", "/p/{code}"),
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    uri = str(tmp_path_factory.mktemp("openapi") / "library.gpkg")
    lib = open_library(uri, user="seed")
    code = str(lib.allocate_code(**SEG))
    lib.add_project(code, name="武陵区安置房", source="municipal_key")
    lib.add_parcel(code, SQUARE)
    lib.add_event(code, "supply", "2024-01-05")
    lib.close()
    key = add_client(uri, "fuzzer")
    svc = Service(uri, "--max-upload-mb", "2")
    svc.key = key
    yield svc
    svc.stop()


def test_document_lists_every_interface_with_bearer_auth(service):
    doc = requests.get(service.url + "/openapi.json", timeout=10).json()
    assert doc["openapi"].startswith("3.")
    found = {(m, p) for p, ops in doc["paths"].items() for m in ops}
    assert found == ENDPOINTS
    schemes = doc["components"]["securitySchemes"]
    assert [s["scheme"] for s in schemes.values()] == ["bearer"]
    for path, ops in doc["paths"].items():
        for op in ops.values():
            if path.startswith("/api/v1"):
                assert {"401", "403", "422"} <= set(op["responses"]), path


def test_schemathesis_finds_nothing(service, tmp_path):
    st = Path(sys.executable).with_name("schemathesis")
    cmd = [
        str(st),
        "run",
        service.url + "/openapi.json",
        "-H",
        f"Authorization: Bearer {service.key}",
    ]
    cmd += [
        "-c",
        "not_a_server_error,response_schema_conformance,status_code_conformance,"
        "content_type_conformance",
    ]
    cmd += ["-n", "3", "--seed", "7", "--no-shrink", "--max-time", "40", "-w", "1"]
    cmd += ["--request-timeout", "20", "--phases", "examples,coverage,fuzzing"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]
    assert "passed" in out.stdout and "failure" not in out.stdout.split("SUMMARY")[-1]
