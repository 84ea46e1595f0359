"""The one exception type of the project library."""

from __future__ import annotations

from typing import Optional


class LibraryError(Exception):
    """A library operation failed; nothing was written.

    ``kind`` is a stable machine-readable tag (e.g. ``"not_a_geopackage"``, ``"schema_too_new"``,
    ``"duplicate_code"``, ``"bad_geometry"``, ``"unknown_crs"``, ``"units"``, ``"not_found"``,
    ``"serials_exhausted"``, ``"connection"``, ``"permission"``, ``"bad_value"``, ``"archived"``);
    ``where`` names the file, table, row or field concerned when known. The message (already
    translated through ``core.i18n.tr``) is meant for the user.
    """

    def __init__(self, message: str, kind: str = "error", where: Optional[str] = None):
        super().__init__(message)
        self.kind = kind
        self.where = where
