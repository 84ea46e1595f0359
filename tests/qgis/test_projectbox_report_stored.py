"""The project file checks results stored in the library itself (``ymt-blob:``, uploaded through
the exchange service or ``store_result``) through the library — GeoPackage, PostGIS and over
HTTP — instead of calling them missing because no such path is on the local disk."""

import io

import pytest

from tests.blob_forgery import forge_blob
from tests.library_data import SEG, SQUARE
from tests.qgis.test_project_box import AS_OF, _Collector
from tests.service_server import Service, add_client
from yimatong_plugin.core.library import open_library
from yimatong_plugin.gis.projectbox_report import write_project_report

ORIGINAL = b"%PDF-1.4 the signed contract"


def _seed(uri: str, tmp_path) -> tuple[str, int, int]:
    lib = open_library(uri, user="seed")
    code = str(lib.allocate_code(**SEG))
    lib.add_project(code, name="存储成果的项目", source="municipal_key")
    lib.add_parcel(code, SQUARE, stage="supply")
    lib.add_event(code, "supply", "2024-01-05", doc_no="常供〔2024〕1号")
    stored = lib.store_result(code, "supply", io.BytesIO(ORIGINAL), "出让合同.pdf", "出让合同")
    on_disk = tmp_path / "勘测报告.pdf"
    on_disk.write_bytes(b"survey")
    local = lib.add_result(code, "supply", on_disk, kind="勘测报告")
    lib.close()
    return code, stored, local


def _forge(uri: str, backend: str, sha: str) -> None:
    forge_blob(uri, backend, sha, b"forged bytes")


def _checks(html_path) -> dict[str, str]:
    page = _Collector()
    page.feed(html_path.read_text(encoding="utf-8"))
    out = {}
    for row in page.tables["results"][1:]:
        kind = row.split("|")[1]
        out[kind] = row.split("|")[-2]
    return out


def _report_by_processing(uri: str, code: str, out) -> None:
    import processing

    processing.run(
        "yimatong:projectboxreport",
        {"LIBRARY": uri, "CODE": code, "AS_OF": AS_OF, "OUTPUT_HTML": str(out)},
    )


@pytest.mark.parametrize("backend", ["gpkg", "postgis"])
def test_stored_results_are_checked_in_the_library(processing_ready, backend, tmp_path, request):
    if backend == "gpkg":
        uri = str(tmp_path / "stored.gpkg")
    else:
        uri = request.getfixturevalue("postgis_server").new_database()
    code, _stored, _local = _seed(uri, tmp_path)
    out = tmp_path / "report.html"
    _report_by_processing(uri, code, out)
    assert _checks(out) == {"出让合同": "file unchanged", "勘测报告": "file unchanged"}

    import hashlib

    _forge(uri, backend, hashlib.sha256(ORIGINAL).hexdigest())
    (tmp_path / "勘测报告.pdf").unlink()
    out2 = tmp_path / "report2.html"
    _report_by_processing(uri, code, out2)
    assert _checks(out2) == {
        "出让合同": "file changed since it was recorded",
        "勘测报告": "file missing",
    }


def test_stored_results_are_checked_over_the_service(qgis_app, tmp_path):
    import hashlib

    uri = str(tmp_path / "remote.gpkg")
    code, _stored, _local = _seed(uri, tmp_path)
    key = add_client(uri, "report", "read")
    svc = Service(uri)
    client = open_library(svc.api, token=key)
    try:
        out = tmp_path / "remote.html"
        summary = write_project_report(client, code, out)
        checks = _checks(out)
        assert checks["出让合同"] == "file unchanged"
        # a file on someone's disk: the service gives out no path, so it cannot be checked
        # from here — said so, not called missing
        assert checks["勘测报告"] == "not checked: the file cannot be read from here"
        assert sorted(summary["results"].values()) == ["unchecked", "verified"]

        _forge(uri, "gpkg", hashlib.sha256(ORIGINAL).hexdigest())
        out2 = tmp_path / "remote2.html"
        write_project_report(client, code, out2)
        assert _checks(out2)["出让合同"] == "file changed since it was recorded"
    finally:
        client.close()
        svc.stop()
