"""The project box over a library reached through the real exchange service (HTTP): the calls
run off the GUI thread (the pick returns at once), the answers are listed when they come."""

import socket
import threading

import pytest
from qgis.core import Qgis, QgsCoordinateReferenceSystem, QgsPointXY, QgsRectangle
from qgis.PyQt.QtCore import QDate

from tests.qgis.test_project_box import CLICK, library  # noqa: F401 (fixture)
from tests.qgis.waiting import wait_until
from tests.service_server import Service, add_client
from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core.library import LibraryError, open_library
from yimatong_plugin.ui.project_box import ProjectBoxDock

_wait = wait_until


def _settled(dock) -> bool:
    """Until the list and the shown project's file have come back from the service."""
    assert _wait(lambda: not dock.background.busy("list") and not dock.background.busy("file"))
    return True


@pytest.fixture
def remote(library):  # noqa: F811
    lib, idle, moved, far = library
    key = add_client(lib.uri, "project-box", "read")
    svc = Service(lib.uri)
    client = open_library(svc.api, token=key)
    yield client, idle, moved, far
    client.close()
    svc.stop()


@pytest.fixture
def make_dock(qgis_iface, qgis_canvas):
    docks = []

    def make(lib):
        qgis_canvas.resize(600, 600)
        qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4490"))
        qgis_canvas.setExtent(QgsRectangle(111.68, 29.02, 111.74, 29.08))
        dock = ProjectBoxDock(qgis_iface)
        dock.set_library(lib)
        dock.as_of_edit.setDate(QDate(2024, 6, 1))
        docks.append(dock)
        return dock

    yield make
    for dock in docks:
        dock.deleteLater()


def test_pick_over_the_service_lists_projects_events_and_findings(make_dock, qgis_canvas, remote):
    client, idle, moved, far = remote
    dock = make_dock(client)
    dock.map_tool.pick(CLICK)  # what a click at CLICK does: returns at once
    assert dock.project_codes() == [] and dock.background.busy("list")
    assert "Asking the library service" in dock.message.text()  # the loading state
    assert _settled(dock)
    assert dock.project_codes() == [idle, moved]  # current hit first, then retired-only
    assert dock.project_list.topLevelItem(0).text(1) == "武陵区闲置住宅用地项目"
    assert "retired" in dock.project_list.topLevelItem(1).text(3)
    assert far not in dock.project_codes()
    # the first project's file: events, results, findings as of the dock's date, highlight
    assert [e.stage for e in dock.timeline.events] == ["conversion_approval", "supply"]
    tip = dock.timeline.event_items[1].toolTip()
    assert "常国土出〔2021〕1号" in tip and "出让合同.pdf" in tip
    assert [(f.rule, f.stage) for f in dock.timeline.findings] == [(lc.RULE_IDLE, "repossession")]
    assert dock.finding_list.topLevelItem(0).text(2) == "2023-07-01"
    assert dock.finding_list.topLevelItem(0).text(4)  # what the days count
    assert dock.highlighted() == {"current": 1, "retired": 0}
    dock.as_of_edit.setDate(QDate(2022, 1, 1))  # the service evaluates on the dock's date
    assert _settled(dock)
    assert [f.rule for f in dock.timeline.findings] == [lc.RULE_UNUSED]
    dock.select_project(moved)
    assert _settled(dock)
    assert dock.highlighted() == {"current": 1, "retired": 1}
    assert [e.stage for e in dock.timeline.events] == ["supply", "construction_start"]


def test_a_box_with_too_many_parcels_is_refused_not_cut(remote):
    client = remote[0]
    rows = client.parcels_in_box(111.6, 29.0, 111.9, 29.2)
    assert len(rows) == 4 and {r["code"] for r in rows} == set(remote[1:])
    with client._sessions.borrow() as session:
        resp = session.get(
            client.uri + "/parcels", params={"bbox": "111.6,29.0,111.9,29.2", "limit": 2}
        )
        bad = session.get(client.uri + "/parcels", params={"bbox": "112,29,111,30"})
    assert resp.json()["truncated"] is True and len(resp.json()["features"]) == 2
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "bbox"


def test_an_unreachable_service_is_said_in_the_dock(make_dock, qgis_canvas):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = open_library(f"http://127.0.0.1:{port}/api/v1", token="x", connect_timeout=1)
    dock = make_dock(client)
    dock.map_tool.pick(CLICK)  # no exception escapes to QGIS
    assert _settled(dock)
    assert dock.project_codes() == []
    assert "Cannot reach the library service" in dock.message.text()
    with pytest.raises(LibraryError):
        client.project("43")


def test_a_second_pick_drops_the_answer_to_the_first(make_dock, qgis_canvas, remote):
    client, idle, moved, far = remote
    dock = make_dock(client)
    dock.map_tool.pick(CLICK)
    # picked again before the first answer was handed over (no event processed in between):
    # the first answer comes later and must not replace the list of the second place
    dock.map_tool.pick(QgsPointXY(111.805, 29.105))
    assert _settled(dock)
    assert dock.project_codes() == [far]
    assert dock.current["project"]["code"] == far
    assert dock.highlighted() == {"current": 1, "retired": 0}


def test_a_service_that_never_answers_leaves_qgis_responsive(make_dock, qgis_iface, qgis_canvas):
    server = socket.socket()  # accepts connections, never answers a request
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    threading.Thread(target=accept, daemon=True).start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/api/v1"
    client = open_library(url, token="k", timeout=2)
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    try:
        dock = make_dock(client)
        dock.map_tool.pick(CLICK)  # returns at once: the GUI thread does not wait for it
        assert dock.background.busy("list") and dock.project_codes() == []
        assert "Asking the library service" in dock.message.text()
        assert _settled(dock)  # the event loop kept running the whole time
        assert "did not answer in time" in dock.message.text()
        (warning,) = bar.get_messages(Qgis.MessageLevel.Warning)
        assert "did not answer in time" in warning
        assert dock.project_codes() == [] and not dock.current
    finally:
        stop.set()
        for sock in held:
            sock.close()
        server.close()
        bar.clear_messages()


def test_the_projects_of_a_pick_come_in_one_request(remote, library, monkeypatch):  # noqa: F811
    import requests

    client, idle, moved, far = remote
    library[0].archive_project(far, reason="撤销")  # archived projects are listed too
    calls = []
    request = requests.Session.request
    monkeypatch.setattr(
        requests.Session, "request", lambda s, *a, **k: calls.append(a) or request(s, *a, **k)
    )
    unknown = idle[:-6] + "999999"
    rows = client.projects_by_code([far, idle, moved, unknown, idle])
    assert len(calls) == 1
    assert [r["code"] for r in rows] == sorted([idle, moved, far])
    assert [r["archived"] for r in rows if r["code"] == far] == [True]
    assert rows[0]["name"] == client.project(rows[0]["code"])["name"]
    with client._sessions.borrow() as session:
        bad = session.get(client.uri + "/projects", params={"codes": "43,44"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "codes"
