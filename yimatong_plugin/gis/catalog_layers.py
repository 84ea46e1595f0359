"""Catalog entries (``core.library.catalog``) as QGIS layers, and source checks.

- :func:`make_layers` builds the layer(s) of an entry with its standard style (QML text) and
  scale range, marked with the custom property ``yimatong/catalog_key``.
- :func:`add_catalog_layers` adds entries to the project, each in the layer-tree group of its
  topic; an entry already loaded is not added twice.
- :func:`check_source` says whether a source answers: plain Python (sockets, urllib) with a
  timeout, safe on a worker thread, so a dead WMS is reported instead of freezing QGIS.
- :func:`entry_from_layer` captures a map layer (source, provider, style) for authoring.

URIs may use ``@data@`` for the plugin's bundled data folder; a relative file path is relative
to the folder of a GeoPackage library. Source type ``library``: a table of the library itself
(``ymt_parcels``, optionally ``|subset=<SQL filter>``), on GeoPackage or PostGIS alike.
"""

from __future__ import annotations

import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from qgis.core import (
    QgsDataSourceUri,
    QgsLayerDefinition,
    QgsMapLayer,
    QgsProject,
    QgsRasterLayer,
    QgsReadWriteContext,
    QgsVectorLayer,
)
from qgis.PyQt.QtXml import QDomDocument

from ..core.library import is_postgres_uri
from ..toolbelt.i18n import tr

DATA = Path(__file__).resolve().parent.parent / "data"
KEY_PROPERTY = "yimatong/catalog_key"
#: source types whose QGIS provider talks to a server while the layer is created
NETWORK_TYPES = ("wms", "wmts", "oapif", "postgis")


def resolve_uri(entry: dict, library_uri: str = "") -> str:
    uri = entry["uri"].replace("@data@", str(DATA))
    if entry["source_type"] in ("ogr", "qlr"):
        path, sep, rest = uri.partition("|")
        if not os.path.isabs(path) and library_uri and not is_postgres_uri(library_uri):
            path = os.path.join(os.path.dirname(os.path.abspath(library_uri)), path)
        uri = path + sep + rest
    return uri


def _library_layer(entry: dict, library_uri: str, authcfg: str) -> QgsVectorLayer:
    table, _sep, rest = entry["uri"].partition("|")
    subset = rest[len("subset=") :] if rest.startswith("subset=") else ""
    if is_postgres_uri(library_uri):
        ds = QgsDataSourceUri(_keywords(library_uri))
        if authcfg:
            ds.setAuthConfigId(authcfg)
        geom = "geom" if table == "ymt_parcels" else None
        ds.setDataSource("public", table, geom, "", "fid")
        if geom:
            ds.setSrid("4490")
        layer = QgsVectorLayer(ds.uri(False), entry["title"], "postgres")
    else:
        layer = QgsVectorLayer(f"{library_uri}|layername={table}", entry["title"], "ogr")
    if subset and layer.isValid() and not layer.setSubsetString(subset):
        raise ValueError(
            tr("{title}: the filter {subset} is not valid").format(
                title=entry["title"], subset=subset
            )
        )
    return layer


def _keywords(uri: str) -> str:
    """A libpq keyword string (``dbname=… host=…``) of a PostgreSQL URI, for QGIS."""
    text = uri[3:] if uri.startswith("PG:") else uri
    if not text.startswith(("postgresql://", "postgres://")):
        return text
    import psycopg2.extensions

    parts = psycopg2.extensions.parse_dsn(text)
    return " ".join(f"{k}='{v}'" for k, v in parts.items())


def _with_authcfg(uri: str, authcfg: str, kind: str) -> str:
    if not authcfg:
        return uri
    if kind == "postgis":
        ds = QgsDataSourceUri(uri)
        ds.setAuthConfigId(authcfg)
        return ds.uri(False)
    return uri + ("&" if "=" in uri else "") + f"authcfg={authcfg}"


def make_layers(entry: dict, library_uri: str = "", library_authcfg: str = "") -> list:
    """The QGIS layer(s) of a catalog entry (a QGIS layer definition may hold several),
    styled; raises ValueError naming the layer when the source cannot be loaded."""
    kind, title = entry["source_type"], entry["title"]
    uri = resolve_uri(entry, library_uri)
    authcfg = entry.get("authcfg") or ""
    if kind == "qlr":
        layers = QgsLayerDefinition.loadLayerDefinitionLayers(uri)
        if not layers:
            raise ValueError(tr("{title}: the layer definition {uri} holds no layer").format(
                title=title, uri=uri))  # fmt: skip
    elif kind == "library":
        layers = [_library_layer(entry, library_uri, library_authcfg)]
    elif kind in ("wms", "wmts", "xyz"):
        layers = [QgsRasterLayer(_with_authcfg(uri, authcfg, kind), title, "wms")]
    elif kind == "postgis":
        layers = [QgsVectorLayer(_with_authcfg(uri, authcfg, kind), title, "postgres")]
    elif kind == "oapif":
        layers = [QgsVectorLayer(_with_authcfg(uri, authcfg, kind), title, "oapif")]
    else:
        layers = [QgsVectorLayer(uri, title, "ogr")]
    for layer in layers:
        if not layer.isValid():
            raise ValueError(
                tr("{title}: the source {uri} cannot be loaded").format(title=title, uri=uri)
            )
        apply_style(layer, entry)
        layer.setCustomProperty(KEY_PROPERTY, entry["key"])
    return layers


def apply_style(layer: QgsMapLayer, entry: dict) -> None:
    qml = entry.get("style_qml") or ""
    if qml:
        doc = QDomDocument()
        doc.setContent(qml)
        layer.importNamedStyle(doc)
    if entry.get("min_scale") or entry.get("max_scale"):
        layer.setMinimumScale(float(entry.get("min_scale") or 0))
        layer.setMaximumScale(float(entry.get("max_scale") or 0))
        layer.setScaleBasedVisibility(True)
    if entry.get("title"):
        layer.setName(entry["title"])


def loaded_keys(project: QgsProject | None = None) -> set:
    project = project or QgsProject.instance()
    return {
        lyr.customProperty(KEY_PROPERTY)
        for lyr in project.mapLayers().values()
        if lyr.customProperty(KEY_PROPERTY)
    }


def add_catalog_layers(
    entries: list,
    topic_titles: dict,
    project: QgsProject | None = None,
    library_uri: str = "",
    library_authcfg: str = "",
) -> list:
    """Add ``entries`` to ``project``, each in the group of its topic (``topic_titles``:
    topic key → title). Entries already loaded are skipped. Returns the layers added."""
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    present = loaded_keys(project)
    added = []
    for entry in entries:
        if entry["key"] in present:
            continue
        layers = make_layers(entry, library_uri, library_authcfg)
        group_name = topic_titles.get(entry["topic_key"], entry["topic_key"])
        group = root.findGroup(group_name) or root.insertGroup(0, group_name)
        for layer in layers:
            project.addMapLayer(layer, False)
            group.addLayer(layer)
            added.append(layer)
    return added


def _url(entry: dict) -> str:
    uri = entry["uri"]
    if entry["source_type"] == "oapif":
        return QgsDataSourceUri(uri).param("url") or uri
    params = urllib.parse.parse_qs(uri, keep_blank_values=True)
    url = (params.get("url") or [""])[0]
    if entry["source_type"] == "xyz":
        return url.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0")
    if entry["source_type"] in ("wms", "wmts") and url:
        service = "WMTS" if entry["source_type"] == "wmts" else "WMS"
        sep = "&" if "?" in url else "?"
        return f"{url}{sep}SERVICE={service}&REQUEST=GetCapabilities"
    return url


def check_source(entry: dict, library_uri: str = "", timeout: float = 5.0) -> tuple[bool, str]:
    """(reachable, message) of an entry's source, without QGIS objects (runs on any thread)."""
    kind = entry["source_type"]
    try:
        if kind in ("ogr", "qlr"):
            path = resolve_uri(entry, library_uri).partition("|")[0]
            if os.path.exists(path) or "://" in path or path.startswith("/vsi"):
                return True, ""
            return False, tr("file not found: {path}").format(path=path)
        if kind == "library":
            return True, ""
        if kind == "postgis":
            ds = QgsDataSourceUri(entry["uri"])
            host, port = ds.host(), int(ds.port() or 5432)
            if not host or host.startswith("/"):
                return True, ""
            socket.create_connection((host, port), timeout=timeout).close()
            return True, ""
        url = _url(entry)
        if not url.startswith(("http://", "https://")):
            return False, tr("no http(s) URL in the source")
        request = urllib.request.Request(url, headers={"User-Agent": "Yimatong"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read(1)
        return True, ""
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403) and entry.get("authcfg"):
            return True, ""  # answers; credentials come from the authcfg when QGIS loads it
        return False, tr("{url} answered HTTP {status}").format(url=_url(entry), status=exc.code)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        if isinstance(reason, socket.timeout) or "timed out" in str(reason):
            reason = tr("no answer within {seconds:g} s").format(seconds=timeout)
        return False, tr("{url}: {reason}").format(url=_url(entry) or entry["uri"], reason=reason)


def entry_from_layer(layer: QgsMapLayer) -> dict:
    """Source type, URI (credentials stripped: an authcfg id only) and style of ``layer``."""
    provider = layer.providerType()
    uri = layer.source()
    authcfg = ""
    if provider == "postgres":
        kind = "postgis"
        ds = QgsDataSourceUri(uri)
        authcfg = ds.authConfigId()
        ds.setPassword("")
        ds.setUsername(ds.username() if authcfg == "" else "")
        uri = ds.uri(False)
    elif provider == "wms":
        params = urllib.parse.parse_qs(uri)
        kind = "xyz" if params.get("type") == ["xyz"] else "wms"
        if "tileMatrixSet" in uri:
            kind = "wmts"
    elif provider == "oapif":
        kind = "oapif"
    elif provider == "ogr":
        kind = "ogr"
    else:
        raise ValueError(
            tr("The layer {name} ({provider}) is not a source the catalog can store").format(
                name=layer.name(), provider=provider
            )
        )
    if kind != "postgis":
        ds = QgsDataSourceUri(uri) if kind == "oapif" else None
        authcfg = (ds.authConfigId() if ds else "") or _param(uri, "authcfg")
    entry = {"source_type": kind, "uri": uri, "style_qml": style_qml(layer), "authcfg": authcfg}
    if layer.hasScaleBasedVisibility():
        entry["min_scale"] = layer.minimumScale() or None
        entry["max_scale"] = layer.maximumScale() or None
    return entry


def style_qml(layer: QgsMapLayer) -> str:
    """The style of ``layer`` as QML text."""
    doc = QDomDocument()
    layer.exportNamedStyle(doc, QgsReadWriteContext())
    return doc.toString()


def _param(uri: str, name: str) -> str:
    return (urllib.parse.parse_qs(uri).get(name) or [""])[0]
