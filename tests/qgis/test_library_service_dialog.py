"""打开 → 项目库服务（HTTP）…: the address and the authentication configuration of the key are
chosen in a dialog (not an ``?authcfg=<id>`` typed by hand); a wrong address is said in it."""

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication

from yimatong_plugin.ui.library_dock import LibraryDock
from yimatong_plugin.ui.library_service_dialog import ServiceDialog, service_uri

MASTER = "ymt-test-master-password"


@pytest.fixture
def authcfg(qgis_app):
    am = QgsApplication.authManager()
    assert am.setMasterPassword(MASTER, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("ymt-test-service-dialog")
    config.setConfig("username", "county")
    config.setConfig("password", "the-api-key")
    assert am.storeAuthenticationConfig(config)
    yield config.id()
    am.removeAuthenticationConfig(config.id())


def test_service_uri():
    assert service_uri(" https://gis.local/api/v1 ", "abc1234") == (
        "https://gis.local/api/v1?authcfg=abc1234"
    )
    assert service_uri("http://h:8765/api/v1?authcfg=old0000&x=1", "new1111") == (
        "http://h:8765/api/v1?x=1&authcfg=new1111"
    )
    assert service_uri("http://h/api/v1", "") == "http://h/api/v1"
    for bad in ("gis.local/api/v1", "ftp://h/api", "http://"):
        with pytest.raises(ValueError, match="http:// or https://"):
            service_uri(bad, "abc1234")


def test_the_dialog_builds_the_address_and_refuses_a_wrong_one(qgis_app, authcfg):
    dlg = ServiceDialog(None, f"https://gis.local/api/v1?authcfg={authcfg}")
    assert dlg.address.text() == "https://gis.local/api/v1"  # the last one, offered again
    assert dlg.auth.configId() == authcfg
    dlg.address.setText("gis.local/api/v1")
    dlg.accept()
    assert dlg.result() == 0 and "http:// or https://" in dlg.error.text()
    dlg.address.setText("http://127.0.0.1:8765/api/v1")
    dlg.accept()
    assert dlg.result() == 1 and dlg.uri() == f"http://127.0.0.1:8765/api/v1?authcfg={authcfg}"
    dlg.deleteLater()


def test_the_panel_opens_what_the_dialog_says(qgis_iface, authcfg, monkeypatch):
    monkeypatch.setattr("yimatong_plugin.toolbelt.settings.save_settings", lambda s: None)
    dock = LibraryDock(qgis_iface)
    opened = []
    monkeypatch.setattr(dock, "open_uri", lambda uri, *a, **k: opened.append(uri))

    def fill():
        dlg = getattr(dock, "service_dialog", None)
        if not isinstance(dlg, ServiceDialog):  # some other modal dialog: closed, not waited on
            QApplication.activeModalWidget().reject()
            return
        dlg.address.setText("https://gis.local/api/v1")
        dlg.auth.setConfigId(authcfg)
        dlg.accept()

    QTimer.singleShot(200, fill)
    dock.choose_service()  # modal until fill() accepts it
    assert opened == [f"https://gis.local/api/v1?authcfg={authcfg}"]
    dock.unload()
    dock.deleteLater()
