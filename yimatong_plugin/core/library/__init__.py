"""The Yimatong project library: projects, parcels, stage events, results, serials and audit,
in a GeoPackage file or a PostgreSQL/PostGIS database (same API, same schema).

    from yimatong_plugin.core.library import open_library
    lib = open_library("library.gpkg")
    # or "postgresql://user@host/db", "service=ymt", "dbname=ymt host=..."

See README.md beside this file for tables, columns and the API.
"""

from __future__ import annotations

import os
import re
from typing import Optional

from .base import Library
from .constants import LIBRARY_EPSG, SCHEMA_VERSION, SOURCES, STAGE_GROUPS, STAGES
from .errors import LibraryError

_PG_KEYWORD = re.compile(r"^\s*(dbname|host|hostaddr|port|user|service|password|sslmode)\s*=", re.I)


def is_postgres_uri(uri) -> bool:
    if not isinstance(uri, str):
        return False
    text = uri.strip()
    return text.startswith(("postgresql://", "postgres://", "PG:")) or bool(_PG_KEYWORD.match(text))


def open_library(uri, user: Optional[str] = None, dictionaries=None, **options) -> Library:
    """Open (and on first use create) a library.

    ``uri``: a GeoPackage path, or ``postgresql://user@host:port/db``, ``service=name`` or a libpq
    keyword string (``"dbname=ymt host=gis.local"``), or the URL of an exchange service
    (``"https://host/api/v1"``, option ``token=<API key>``; see remote.py). ``user`` is the name
    recorded as author of API writes (default: the OS login; on PostgreSQL the audit also records
    the role; over HTTP the service records the calling system).
    ``dictionaries``: code lists (see ``core.dictionaries.load_dictionaries``) used to validate
    new codes. GeoPackage options: ``timeout`` (seconds, default 60), ``wal`` (default True).
    """
    if isinstance(uri, str) and uri.strip().lower().startswith(("http://", "https://")):
        # the exchange service: options token=<API key>, timeout, connect_timeout
        from .remote import RemoteLibrary

        return RemoteLibrary(uri.strip(), user=user, **options)
    if is_postgres_uri(uri):
        from .postgis import PostgisLibrary

        text = uri.strip()
        if text.startswith("PG:"):
            text = text[3:]
        return PostgisLibrary(text, user=user, dictionaries=dictionaries, **options)
    if not isinstance(uri, (str, os.PathLike)):
        raise LibraryError(
            f"open_library: expected a path or a PostgreSQL URI, got {uri!r}", "bad_value"
        )
    from .gpkg import GeoPackageLibrary

    return GeoPackageLibrary(uri, user=user, dictionaries=dictionaries, **options)


__all__ = [
    "LIBRARY_EPSG",
    "SCHEMA_VERSION",
    "SOURCES",
    "STAGES",
    "STAGE_GROUPS",
    "Library",
    "LibraryError",
    "is_postgres_uri",
    "open_library",
]
