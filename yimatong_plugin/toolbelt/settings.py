"""Typed plugin settings stored in QgsSettings under the ``yimatong/`` group.

Add a field to :class:`PluginSettings` with a default; :func:`load_settings` and
:func:`save_settings` handle the rest.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from qgis.core import QgsSettings

GROUP = "yimatong"


@dataclass
class PluginSettings:
    #: the library the panel opens: a GeoPackage path or a PostgreSQL URI / service
    library_uri: str = ""
    #: QGIS saved PostgreSQL connection name used for the library (credentials via auth manager)
    library_connection: str = ""
    #: folder with the bureau's own code lists (empty: the bundled defaults)
    dictionary_dir: str = ""
    #: the bureau's two-digit region feature code
    region_code: str = "43"
    #: division-boundary layer source (empty: bundled Changde county boundaries)
    division_layer: str = ""
    #: field of that layer holding the 6-digit division code
    division_field: str = "adcode"
    #: area CRS preference: "auto" (nearest CGCS2000 3-degree GK zone) or an auth id
    area_crs: str = "auto"
    #: public base URL of the exchange service (https://host): reports' QR codes open its
    #: public page /p/{code}; empty: the QR code holds the code itself
    public_base_url: str = ""


def load_settings() -> PluginSettings:
    qs = QgsSettings()
    values = {}
    defaults = PluginSettings()
    for field in fields(PluginSettings):
        default = getattr(defaults, field.name)
        values[field.name] = qs.value(f"{GROUP}/{field.name}", default, type=type(default))
    return PluginSettings(**values)


def save_settings(settings: PluginSettings) -> None:
    qs = QgsSettings()
    for key, value in asdict(settings).items():
        qs.setValue(f"{GROUP}/{key}", value)
