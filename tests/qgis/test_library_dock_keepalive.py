"""The library panel over the exchange service keeps its connection alive: paging, a search and
a project's details — each call on a worker thread of its own — go over one or two kept
connections, not one new connection per call."""

import pytest
import requests
from qgis.core import QgsApplication, QgsAuthMethodConfig

from tests.connection_counter import CountingRelay
from tests.panel_data import make_library
from tests.qgis.waiting import wait_until
from tests.service_server import Service, add_client
from yimatong_plugin.ui.library_dock import LibraryDock

MASTER = "ymt-test-master-password"


@pytest.fixture(scope="module")
def served(tmp_path_factory, qgis_app):
    path = str(make_library(tmp_path_factory.mktemp("keepalive") / "lib.gpkg", n=450, seed=7))
    key = add_client(path, "panel", "read")
    am = QgsApplication.authManager()
    assert am.setMasterPassword(MASTER, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("ymt-test-keepalive")
    config.setConfig("username", "panel")
    config.setConfig("password", key)
    assert am.storeAuthenticationConfig(config)
    svc = Service(path)
    yield svc, config.id()
    svc.stop()
    am.removeAuthenticationConfig(config.id())


def test_the_panel_reuses_its_connection(qgis_iface, served, monkeypatch):
    service, authcfg = served
    monkeypatch.setattr("yimatong_plugin.toolbelt.settings.save_settings", lambda s: None)
    calls = []
    request = requests.Session.request
    monkeypatch.setattr(
        requests.Session, "request", lambda s, *a, **k: calls.append(a[1]) or request(s, *a, **k)
    )
    relay = CountingRelay(service.port)
    dock = LibraryDock(qgis_iface)
    try:
        dock.open_uri(relay.url(f"/api/v1?authcfg={authcfg}"))
        assert wait_until(lambda: dock.library is not None), dock.library_label.text()
        assert wait_until(lambda: dock.model.rowCount() == 200 and not dock.model.busy())
        dock.model.fetchMore()  # scrolled to the end: the next pages
        assert wait_until(lambda: dock.model.rowCount() == 400 and not dock.model.busy())
        dock.search.setText("安置")
        dock.apply_filter()
        assert wait_until(lambda: dock.model.params() == {"q": "安置"} and not dock.model.busy())
        code = dock.model.code_at(0)
        dock.table.selectRow(0)
        assert wait_until(lambda: dock.code_label.text() != "")
        assert dock.code_label.text().replace(" ", "") == code
        assert len(calls) >= 6, calls
        # one connection, or two when a count and a page were asked at the same moment
        assert relay.connections <= 2, (relay.connections, len(calls))
    finally:
        dock.unload()
        dock.deleteLater()
        relay.stop()
