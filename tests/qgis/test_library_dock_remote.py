"""The library panel over the real exchange service: the list comes page by page from
``GET /api/v1/projects`` (off the GUI thread) as the view scrolls, the search and the filters
are passed to the service, the details of a project come from it; read-only."""

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig

from tests.panel_data import make_library
from tests.qgis.waiting import wait_until
from tests.service_server import Service, add_client
from yimatong_plugin.core import project_query as pq
from yimatong_plugin.core.library import open_library
from yimatong_plugin.ui.library_dock import LibraryDock
from yimatong_plugin.ui.library_remote_model import RemoteProjectModel

MASTER = "ymt-test-master-password"
N = 450  # two full pages of 200 and one of 50


_wait = wait_until


@pytest.fixture(scope="module")
def service(tmp_path_factory, qgis_app):
    path = str(make_library(tmp_path_factory.mktemp("remote-panel") / "lib.gpkg", n=N, seed=5))
    key = add_client(path, "panel", "read")
    am = QgsApplication.authManager()
    assert am.setMasterPassword(MASTER, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("ymt-test-panel")
    config.setConfig("username", "panel")
    config.setConfig("password", key)
    assert am.storeAuthenticationConfig(config)
    svc = Service(path)
    svc.path, svc.authcfg = path, config.id()
    yield svc
    svc.stop()
    am.removeAuthenticationConfig(config.id())


@pytest.fixture
def dock(qgis_iface, service, monkeypatch):
    monkeypatch.setattr("yimatong_plugin.toolbelt.settings.save_settings", lambda s: None)
    d = LibraryDock(qgis_iface)
    d.open_uri(f"{service.api}?authcfg={service.authcfg}")  # in a QgsTask
    assert _wait(lambda: d.library is not None), d.library_label.text()
    yield d
    d.unload()
    d.deleteLater()


def _settled(d) -> bool:
    assert _wait(lambda: not d.model.busy())
    return True


def _local_count(path, flt) -> int:
    with open_library(path) as lib:
        return pq.count(lib.connection, flt, "sqlite")


def test_the_list_comes_page_by_page_from_the_service(dock, service):
    assert isinstance(dock.model, RemoteProjectModel)
    assert _settled(dock)
    assert dock.model.rowCount() == 200 and dock.model.canFetchMore()
    live = _local_count(service.path, pq.ProjectFilter())
    assert dock.count_label.text() == f"{live:,} projects"
    dock.model.fetchMore()  # what the view does when scrolled to the end: returns at once
    assert dock.model.rowCount() == 200 and dock.model.busy()
    assert _settled(dock) and dock.model.rowCount() == 400
    dock.model.fetchMore()
    assert _settled(dock) and dock.model.rowCount() == live  # N less the archived ones
    assert 400 < live <= N
    assert not dock.model.canFetchMore()
    with open_library(service.path) as lib:
        codes = [
            r["code"]
            for r in lib.query("SELECT code FROM ymt_projects WHERE archived = 0 ORDER BY code")
        ]
    assert [dock.model.code_at(i) for i in range(live)] == codes  # no page skipped or repeated
    assert not dock.table.isSortingEnabled()  # the service lists in code order


def test_search_and_filters_are_passed_to_the_service(dock, service):
    assert _settled(dock)
    dock.search.setText("安置")
    year = dock.filters["year"]
    year.setCurrentIndex(year.findData("2020"))
    dock.apply_filter()
    assert dock.model.params() == {"q": "安置", "year": "2020"}
    assert _settled(dock)
    expected = _local_count(service.path, pq.ProjectFilter(text="安置", year="2020"))
    assert 0 < expected < 200
    assert dock.model.rowCount() == expected
    assert dock.count_label.text() == f"{expected:,} projects"
    for r in range(dock.model.rowCount()):
        assert dock.model.index(r, pq.COLUMN_NAMES.index("year")).data() == "2020"
    admin = dock.filters["admin"]
    admin.setCurrentIndex(admin.findData("430702"))
    dock.search.setText("")
    dock.apply_filter()
    assert _settled(dock)
    flt = pq.ProjectFilter(year="2020", admin="430702")
    assert dock.model.rowCount() == _local_count(service.path, flt)
    # what the service does not offer is off, not silently ignored
    assert not dock.filters["status"].isEnabled() and not dock.filters["anomaly"].isEnabled()


def test_a_project_shows_its_details_from_the_service_read_only(dock, service):
    assert _settled(dock)
    code = dock.model.code_at(3)
    dock.table.selectRow(3)
    assert _wait(lambda: dock.code_label.text() != "")
    with open_library(service.path) as lib:
        name = lib.project(code)["name"]
        n_events = len(lib.events(code))
    assert dock.edits["name"].text() == name
    assert dock.events_tree.topLevelItemCount() == n_events
    assert dock.history_tree.topLevelItemCount() >= 1
    assert dock.edits["name"].isReadOnly() and not dock.save_button.isEnabled()


def test_an_unreachable_service_is_said_and_nothing_opens(qgis_iface, monkeypatch):
    import socket

    monkeypatch.setattr("yimatong_plugin.toolbelt.settings.save_settings", lambda s: None)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    d = LibraryDock(qgis_iface)
    messages = []
    monkeypatch.setattr(
        "yimatong_plugin.ui.library_dock.log", lambda m, *a, **k: messages.append(m)
    )
    d.open_uri(f"http://127.0.0.1:{port}/api/v1")  # returns at once (a QgsTask)
    assert d.library is None
    assert _wait(lambda: d._task is None)
    assert d.library is None and d.library_label.text() == "No library open"
    assert any("Cannot reach the library service" in m for m in messages), messages
    d.deleteLater()


def test_back_to_a_geopackage_after_the_service(dock, service):
    from yimatong_plugin.ui.project_model import ProjectTableModel

    assert _settled(dock)
    dock.open_uri(service.path)  # the same library opened as a file: SQL pages again
    assert _wait(lambda: isinstance(dock.model, ProjectTableModel) and dock.library is not None)
    assert not isinstance(dock.model, RemoteProjectModel)
    assert dock.model.rowCount() == 200 and dock.table.isSortingEnabled()
    assert dock.filters["status"].isEnabled() and dock.import_button.isEnabled()
    dock.table.selectRow(0)
    assert _wait(lambda: dock.code_label.text() != "")
    # editable again (the list holds live projects only)
    assert not dock.edits["name"].isReadOnly() and dock.save_button.isEnabled()
    assert dock.attach_button.isEnabled()
