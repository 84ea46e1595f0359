"""A saved QGIS PostgreSQL connection whose credentials live in QGIS's authentication manager
(``authcfg``, method Basic) opens the library in the panel and in the algorithms, and no
password reaches QgsSettings.

The test server trusts loopback for everyone else; for the role created here a pg_hba line
placed before the trust lines demands its scram password, so a connection only works when the
password really comes from the authcfg (checked: without it the server refuses)."""

import pytest
import shapely
from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsDataSourceUri,
    QgsProviderRegistry,
    QgsSettings,
)

from tests.library_data import PROJECT_BOX_SEG as SEG
from yimatong_plugin.core.library import LibraryError, open_library

pytestmark = pytest.mark.postgis
NAME = "ymt-test-authcfg"
ROLE = "ymt_auth_user"
PASSWORD = "s3cret-ymt-Pa55"  # the role's password: must never appear in the settings
MASTER = "ymt-test-master-password"


def _require_password(server) -> None:
    """Prepend a scram rule for ROLE to the cluster's pg_hba.conf and reload (idempotent)."""
    hba = server.data / "pg_hba.conf"
    text = hba.read_text()
    rule = f"host all {ROLE} 127.0.0.1/32 scram-sha-256\n"
    if rule not in text:
        hba.write_text(rule + text)
    server.admin("SELECT pg_reload_conf()")


@pytest.fixture
def authcfg_connection(qgis_app, postgis_server):
    from yimatong_plugin.toolbelt.settings import load_settings, save_settings

    server = postgis_server
    server.admin(
        f"DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE}') "
        f"THEN CREATE ROLE {ROLE} LOGIN; END IF; END$$"
    )
    server.admin(f"ALTER ROLE {ROLE} PASSWORD '{PASSWORD}'")
    uri = server.new_database()
    dbname = uri.rsplit("/", 1)[1]
    server.admin(f'ALTER DATABASE "{dbname}" OWNER TO {ROLE}')
    server.admin(f"ALTER SCHEMA public OWNER TO {ROLE}", dbname=dbname)
    _require_password(server)

    am = QgsApplication.authManager()
    assert not am.isDisabled(), am.disabledMessage()
    # the pytest profile's auth db: set (or, on a re-run, verify) the test master password
    assert am.setMasterPassword(MASTER, True), (
        "the test profile's auth db has another master password"
    )
    config = QgsAuthMethodConfig("Basic")
    config.setName(NAME)
    config.setConfig("username", ROLE)
    config.setConfig("password", PASSWORD)
    assert am.storeAuthenticationConfig(config)
    authcfg = config.id()
    assert authcfg

    ds = QgsDataSourceUri()
    ds.setConnection(
        "127.0.0.1", str(server.port), dbname, "", "", QgsDataSourceUri.SslMode.SslPrefer, authcfg
    )
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    metadata.saveConnection(
        metadata.createConnection(ds.uri(False), {"saveUsername": False, "savePassword": False}),
        NAME,
    )
    before = load_settings()
    yield {"authcfg": authcfg, "dbname": dbname, "port": server.port}
    save_settings(before)
    metadata.deleteConnection(NAME)
    am.removeAuthenticationConfig(authcfg)


def _settings_with_password() -> list:
    settings = QgsSettings()
    # the scan covers the saved connection itself (its keys carry its name)
    assert any(NAME in key for key in settings.allKeys())
    found = []
    for key in settings.allKeys():
        value = str(settings.value(key))
        if PASSWORD in value or PASSWORD in key:
            found.append(key)
    return found


def test_the_server_demands_the_password(authcfg_connection, postgis_server):
    """Without the authcfg's password the role cannot log in: the checks below are real."""
    with pytest.raises(LibraryError) as err:
        open_library(
            f"host=127.0.0.1 port={postgis_server.port} dbname={authcfg_connection['dbname']} "
            f"user={ROLE}"
        )
    assert "password" in str(err.value).lower()


def test_panel_opens_the_authcfg_connection(authcfg_connection, qgis_iface):
    from yimatong_plugin.toolbelt.settings import load_settings
    from yimatong_plugin.ui.library_dock import LibraryDock

    dock = LibraryDock(qgis_iface)
    try:
        dock.open_connection(NAME, background=False)
        lib = dock.library
        assert lib is not None, dock.library_label.text()
        assert lib.backend == "postgis"
        assert lib.role == ROLE  # logged in as the authcfg's user, not postgres / the OS user
        code = str(lib.allocate_code(**SEG))
        lib.add_project(code, name="认证配置项目", source="annual_transfer_plan")
        lib.add_parcel(code, shapely.box(111.69, 29.03, 111.70, 29.04).wkt, stage="supply")
        lib.add_event(code, "supply", "2021-01-05", agreed_start="2021-07-01")
        settings = load_settings()
        assert settings.library_connection == NAME
        assert PASSWORD not in settings.library_uri
        assert "password" not in settings.library_uri
        cur = lib.connection.cursor()
        cur.execute("SELECT DISTINCT who FROM ymt_audit WHERE code = %s", (code,))
        whos = [r[0] for r in cur.fetchall()]
        cur.close()
        assert whos and all(str(w).startswith(ROLE) for w in whos), whos
    finally:
        dock.unload()
    assert _settings_with_password() == []


def test_algorithm_opens_the_authcfg_connection(authcfg_connection, processing_ready):
    import processing

    with open_library(
        f"host=127.0.0.1 port={authcfg_connection['port']} "
        f"dbname={authcfg_connection['dbname']} user={ROLE} password={PASSWORD}"
    ) as lib:
        code = str(lib.allocate_code(**SEG))
        lib.add_project(code, name="闲置住宅用地", source="annual_transfer_plan")
        lib.add_parcel(code, shapely.box(111.69, 29.03, 111.70, 29.04).wkt, stage="supply")
        lib.add_event(code, "supply", "2021-01-05", agreed_start="2021-07-01")
    result = processing.run(
        "yimatong:lifecyclemonitor",
        {"LIBRARY": NAME, "AS_OF": "2024-06-01", "OUTPUT": "memory:"},
    )
    rows = list(result["OUTPUT"].getFeatures())
    assert code in [f["code"] for f in rows]
    assert _settings_with_password() == []


def test_settings_and_locator_open_the_authcfg_connection(authcfg_connection):
    """The project box, code dialog and locator open the library from the settings (only the
    connection's name stored there)."""
    from yimatong_plugin.gis.library_connect import open_library_from_settings
    from yimatong_plugin.toolbelt.settings import load_settings, save_settings
    from yimatong_plugin.ui.locator import ProjectLocatorFilter

    settings = load_settings()
    settings.library_connection, settings.library_uri = NAME, ""
    save_settings(settings)
    for lib in (open_library_from_settings(), ProjectLocatorFilter()._open()):
        try:
            assert lib.backend == "postgis" and lib.role == ROLE
        finally:
            lib.close()
    assert _settings_with_password() == []
