"""The code generator over the exchange service: the code and its project record are made by
the service (POST /api/v1/codes with name and source), errors are shown in the dialog."""

import socket

import pytest

from tests.qgis.test_code_dialog import GOOD, _choose, answer, make_dialog  # noqa: F401
from tests.service_server import Service, add_client
from yimatong_plugin.core.library import open_library


@pytest.fixture
def service(tmp_path):
    path = str(tmp_path / "lib.gpkg")
    open_library(path).close()
    svc = Service(path)
    svc.path = path
    svc.key = add_client(path, "desk", "read,allocate")
    svc.reader = add_client(path, "viewer", "read")
    yield svc
    svc.stop()


def test_allocation_through_the_service(make_dialog, answer, service):  # noqa: F811
    remote = open_library(service.api, token=service.key)
    dlg = make_dialog(library=remote, library_label=service.api)
    _choose(dlg, name="武陵区社区服务中心", **GOOD)
    dlg.source_combo.setCurrentIndex(dlg.source_combo.findData("annual_transfer_plan"))
    first = dlg.allocate()
    dlg.name_edit.setText("第二个项目")
    second = dlg.allocate()
    assert (first.serial, second.serial) == ("000001", "000002")
    assert dlg.error_text() == ""
    with open_library(service.path) as lib:  # the record was created with the code
        record = lib.project(first)
        assert (record["name"], record["source"]) == ("武陵区社区服务中心", "annual_transfer_plan")
        assert lib.project(second)["name"] == "第二个项目"
    remote.close()
    # a name without a source is refused by the service, naming the field
    with remote._sessions.borrow() as session:
        resp = session.post(service.api + "/codes", json=dict(GOOD, name="x"))
    assert resp.status_code == 422 and resp.json()["error"]["field"] == "source"


def test_refusals_and_an_unreachable_service_are_shown(make_dialog, answer, service):  # noqa: F811
    reader = open_library(service.api, token=service.reader)
    dlg = make_dialog(library=reader, library_label=service.api)
    _choose(dlg, **GOOD)
    assert dlg.allocate() is None
    assert "refused" in dlg.error_text() and "403" in dlg.error_text()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    gone = open_library(f"http://127.0.0.1:{port}/api/v1", token="x", connect_timeout=1)
    dlg = make_dialog(library=gone, library_label="gone")
    _choose(dlg, **GOOD)
    assert dlg.allocate() is None and dlg.allocated_code is None
    assert "Cannot reach the library service" in dlg.error_text()
    reader.close()
