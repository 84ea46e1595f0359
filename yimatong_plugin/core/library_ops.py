"""Small helpers over the project library's public surface, for bulk work (import, attach).

* :func:`transaction` — one all-or-nothing transaction around many library calls. The library
  nests its own per-call transactions inside it, so when anything raises, every change made in
  the block (serials allocated, projects, parcels, audit rows) is rolled back.
* :func:`connection` — the library's DB-API connection (read-only queries of the panel).

No Qt/QGIS imports.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def transaction(library) -> Iterator[None]:
    """``with transaction(lib): ...`` — every library call inside commits together or not at all."""
    with library.transaction():
        yield


def connection(library):
    """The DB-API connection of an open library (sqlite3 for GeoPackage, psycopg2 for PostGIS)."""
    return library.connection
