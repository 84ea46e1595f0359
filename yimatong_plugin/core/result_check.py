"""Is a project's result file still what was recorded? (the project file's 'Check' column)

A result stored in the library itself (``ymt-blob:<sha256>/<name>``, uploaded through the
exchange service or ``store_result``) is read back through the library — GeoPackage, PostGIS
or the exchange service — and hashed (the bytes go to a hashing sink, never to memory); a
result naming a file on disk is hashed on disk. Answers:

* ``verified``: the bytes have the SHA-256 recorded when the result was added;
* ``changed``: they differ (the library's ``integrity`` refusal, or a file edited on disk);
* ``missing``: there is no such file or stored result;
* ``unchecked``: it could not be read now (library unreachable, or a file on someone's disk
  behind the exchange service, which never gives out disk paths) — never reported as missing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .library.base import file_sha256
from .library.blobs import has_blob, parse_blob_path
from .library.errors import LibraryError

VERIFIED, CHANGED, MISSING, UNCHECKED = "verified", "changed", "missing", "unchecked"


class _HashSink:
    """A binary file that only hashes what is written to it."""

    def __init__(self):
        self.digest = hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        return len(data)


def result_check(lib, code: str, row: dict) -> str:
    """The state of the result ``row`` (a row of ``lib.results(code)``) now."""
    expected = row.get("sha256") or ""
    blob = parse_blob_path(row.get("path"))
    if blob is not None:
        sink = _HashSink()
        try:
            lib.read_result(code, row["fid"], sink)
        except LibraryError as exc:
            if exc.kind == "integrity":
                if getattr(lib, "backend", "") != "remote" and not has_blob(lib, blob[0]):
                    return MISSING
                return CHANGED
            if exc.kind in ("not_found", "not_stored"):
                return MISSING
            return UNCHECKED
        return VERIFIED if sink.digest.hexdigest() == expected else CHANGED
    if getattr(lib, "backend", "") == "remote":
        return UNCHECKED  # a file outside the library: the service gives out no disk path
    path = Path(str(row.get("path") or ""))
    if not path.is_file():
        return MISSING
    try:
        return VERIFIED if file_sha256(path)[0] == expected else CHANGED
    except OSError:
        return UNCHECKED
