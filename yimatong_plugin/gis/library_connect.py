"""Open the project library configured in the plugin settings, with QGIS's own connections.

A PostGIS library is chosen from QGIS's saved PostgreSQL connections (Data Source Manager).
Credentials come only from QGIS's authentication manager (the connection's ``authcfg``) or
from libpq's own mechanisms (service file, ``.pgpass``); they are resolved in memory when the
library is opened and never written to the plugin settings, which hold only the connection
name (``library_connection``) and a password-free URI (``library_uri``).
"""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsDataSourceUri,
    QgsProviderRegistry,
)

from ..core.library import is_postgres_uri, open_library
from ..toolbelt.i18n import tr
from ..toolbelt.log import log


def postgres_connection_names() -> list[str]:
    """Names of QGIS's saved PostgreSQL connections."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    if metadata is None:
        return []
    try:
        return sorted(metadata.connections().keys())
    except Exception:  # the provider may be unavailable in minimal builds
        return []


def connection_datasource(name: str) -> QgsDataSourceUri:
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    connections = metadata.connections() if metadata is not None else {}
    if name not in connections:
        raise ValueError(tr("No saved PostgreSQL connection named {name}.").format(name=name))
    return QgsDataSourceUri(connections[name].uri())


def connection_authcfg(name: str) -> str:
    """The authentication configuration id of saved PostgreSQL connection ``name`` ("" when
    it has none, when ``name`` is empty or names no saved connection)."""
    if not name:
        return ""
    try:
        return connection_datasource(name).authConfigId()
    except ValueError:
        return ""


def safe_uri(uri: QgsDataSourceUri) -> str:
    """A libpq keyword string without password (what the settings may store)."""
    clean = QgsDataSourceUri(uri.uri(False))
    clean.setPassword("")
    return clean.connectionInfo(False)


def _quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def libpq_string(uri: QgsDataSourceUri) -> str:
    """The libpq connection string for ``uri``, credentials resolved from its ``authcfg``."""
    info = QgsDataSourceUri(uri.uri(False))
    authcfg = uri.authConfigId()
    user, password = uri.username(), uri.password()
    if authcfg:
        config = QgsAuthMethodConfig()
        if not QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True):
            raise ValueError(
                tr("The authentication configuration {id} cannot be loaded.").format(id=authcfg)
            )
        user = config.config("username") or user
        password = config.config("password") or ""
    elif password:
        log(
            tr(
                "The PostgreSQL connection stores its password in plain text; use an "
                "authentication configuration instead."
            ),
            "warning",
        )
    info.setAuthConfigId("")
    info.setUsername("")
    info.setPassword("")
    text = info.connectionInfo(False)
    if user:
        text += " user=" + _quote(user)
    if password:
        text += " password=" + _quote(password)
    return text


def remote_token(authcfg: str) -> str:
    """The API key of an exchange service kept in QGIS's authentication manager (method Basic:
    the key is the password), resolved in memory only."""
    config = QgsAuthMethodConfig()
    if not QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True):
        raise ValueError(
            tr("The authentication configuration {id} cannot be loaded.").format(id=authcfg)
        )
    return config.config("password") or ""


def open_remote_library(url: str, **options):
    """``https://host/api/v1?authcfg=<id>``: the exchange service, its key from the authcfg (the
    URL, which the settings may store, holds only the authcfg id)."""
    from urllib.parse import parse_qs, urlsplit, urlunsplit

    parts = urlsplit(url)
    authcfg = (parse_qs(parts.query).get("authcfg") or [""])[0]
    base = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    token = remote_token(authcfg) if authcfg else options.pop("token", None)
    return open_library(base, token=token, **options)


def open_configured_library(uri: str = "", connection: str = "", **options):
    """Open the library from a GeoPackage path / PostgreSQL URI, or a saved connection name.

    ``options`` go to ``open_library`` (``user``, ``dictionaries``…)."""
    if connection:
        return open_library(libpq_string(connection_datasource(connection)), **options)
    if not uri:
        raise ValueError(tr("No project library is configured."))
    if uri.strip().lower().startswith(("http://", "https://")):
        return open_remote_library(uri.strip(), **options)
    if is_postgres_uri(uri):
        ds = QgsDataSourceUri(uri)
        if ds.authConfigId():
            return open_library(libpq_string(ds), **options)
    return open_library(uri, **options)


def open_library_value(value: str, **options):
    """Open the library a Processing ``LIBRARY`` value names: a saved PostgreSQL connection
    name (credentials from its authcfg), a GeoPackage path or a PostgreSQL URI/service."""
    value = (value or "").strip()
    if value and value in postgres_connection_names():
        return open_configured_library(connection=value, **options)
    return open_configured_library(value, **options)


def settings_library_value() -> str:
    """The configured library as a Processing ``LIBRARY`` value: the saved connection name,
    else the path/URI ('' when none)."""
    from ..toolbelt.settings import load_settings

    settings = load_settings()
    return settings.library_connection or settings.library_uri or ""


def open_library_from_settings(**options):
    """The library named in the plugin settings (None when none is configured)."""
    from ..toolbelt.settings import load_settings

    settings = load_settings()
    if not settings.library_uri and not settings.library_connection:
        return None
    return open_configured_library(settings.library_uri, settings.library_connection, **options)
