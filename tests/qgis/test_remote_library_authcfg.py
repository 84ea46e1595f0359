"""The exchange service as the configured library: its API key lives in QGIS's authentication
manager (authcfg, method Basic, key as password); the settings hold only the URL with the
authcfg id, and the library opens through the service."""

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsSettings

from tests.library_data import SEG
from tests.service_server import Service, add_client
from yimatong_plugin.core.library import open_library

MASTER = "ymt-test-master-password"


@pytest.fixture
def service(tmp_path):
    uri = str(tmp_path / "library.gpkg")
    lib = open_library(uri, user="seed")
    code = str(lib.allocate_code(**SEG))
    lib.add_project(code, name="武陵区安置房", source="municipal_key")
    lib.close()
    svc = Service(uri)
    svc.code, svc.key = code, add_client(uri, "county", "read")
    yield svc
    svc.stop()


def test_configured_service_url_with_authcfg(qgis_app, service):
    from yimatong_plugin.gis.library_connect import open_library_from_settings
    from yimatong_plugin.toolbelt.settings import load_settings, save_settings

    am = QgsApplication.authManager()
    assert am.setMasterPassword(MASTER, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("ymt-test-service")
    config.setConfig("username", "county")
    config.setConfig("password", service.key)
    assert am.storeAuthenticationConfig(config)
    before = load_settings()
    try:
        settings = load_settings()
        settings.library_uri = f"{service.api}?authcfg={config.id()}"
        settings.library_connection = ""
        save_settings(settings)
        lib = open_library_from_settings()
        assert lib.backend == "remote"
        assert [p["code"] for p in lib.find("安置")] == [service.code]
        lib.close()
        stored = QgsSettings()
        assert not [k for k in stored.allKeys() if service.key in str(stored.value(k))]
    finally:
        save_settings(before)
        am.removeAuthenticationConfig(config.id())
