"""Result files stored in the library itself (schema v5), content-addressed by SHA-256.

A stored file is one ``ymt_blobs`` row (sha256, size, chunk count) and its bytes in
``ymt_blob_chunks`` (1 MiB each), written in one transaction: every client of the library (every
service worker or host, every QGIS) reads the same bytes, and nothing is ever overwritten (rows
are never updated or deleted; the same content is stored once). The result row
(``ymt_results``) points at it with ``path = "ymt-blob:<sha256>/<file name>"``.
Reading re-computes the SHA-256 and refuses bytes that do not match (kind ``integrity``).
"""

from __future__ import annotations

import hashlib
import os
from typing import BinaryIO, Optional

from ..i18n import tr
from .errors import LibraryError

CHUNK = 1 << 20
PREFIX = "ymt-blob:"


def blob_path(sha256: str, name: str) -> str:
    return f"{PREFIX}{sha256}/{safe_name(name)}"


def safe_name(name: Optional[str]) -> str:
    """The last path component of an uploaded file name, without control characters."""
    base = os.path.basename(str(name or "").replace("\\", "/")).strip()
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '/\\"')
    return base[:200] or "file"


def parse_blob_path(path: Optional[str]) -> Optional[tuple[str, str]]:
    """(sha256, file name) of a stored result's path, None for a path outside the library."""
    if not path or not str(path).startswith(PREFIX):
        return None
    sha, _, name = str(path)[len(PREFIX) :].partition("/")
    return sha, name


def _hash_file(fh: BinaryIO) -> tuple[str, int]:
    fh.seek(0)
    digest, size = hashlib.sha256(), 0
    for chunk in iter(lambda: fh.read(CHUNK), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def store_blob(lib, fh: BinaryIO) -> tuple[str, int]:
    """Store the bytes of the seekable binary file ``fh`` (once per content); (sha256, size)."""
    sha, size = _hash_file(fh)
    try:
        _store(lib, fh, sha, size)
    except LibraryError as exc:
        # another writer stored the same content at the same moment (UNIQUE sha256): it is there
        if exc.kind != "constraint" or not has_blob(lib, sha):
            raise
    return sha, size


def has_blob(lib, sha: str) -> bool:
    return bool(lib.query("SELECT 1 AS x FROM ymt_blobs WHERE sha256 = ?", (sha,)))


def _store(lib, fh: BinaryIO, sha: str, size: int) -> None:
    with lib.transaction():
        if has_blob(lib, sha):
            return
        count = (size + CHUNK - 1) // CHUNK
        lib._execute(
            "INSERT INTO ymt_blobs (sha256, size_bytes, chunk_count, created_by) "
            "VALUES (?, ?, ?, ?)",
            (sha, size, count, lib.user),
        )
        fh.seek(0)
        digest = hashlib.sha256()
        for seq in range(count):
            data = fh.read(CHUNK)
            digest.update(data)
            lib._execute(
                "INSERT INTO ymt_blob_chunks (sha256, seq, data) VALUES (?, ?, ?)",
                (sha, seq, data),
            )
        if digest.hexdigest() != sha or fh.read(1):  # the file changed while it was stored
            raise LibraryError(
                tr("The file changed while it was being stored; nothing was stored"),
                "integrity",
                "file",
            )


def add_result_file(
    lib, code, stage: Optional[str], fh: BinaryIO, name: str, kind: str = "document"
) -> int:
    """Store the file ``fh`` in the library and attach it to project ``code`` as a result
    (stage, kind, original file name). Returns the result's fid."""
    from .base import check_stage, now_iso

    pcode = lib._code(code)
    check_stage(stage, allow_none=True)
    with lib.transaction():
        lib._require_project(pcode)
        sha, size = store_blob(lib, fh)
        stamp = now_iso()
        return lib._insert(
            "ymt_results",
            {
                "code": str(pcode),
                "stage": stage,
                "kind": str(kind or "document"),
                "path": blob_path(sha, name),
                "sha256": sha,
                "size_bytes": size,
                "who": lib.user,
                "added_at": stamp,
                "created_at": stamp,
                "updated_at": stamp,
                "updated_by": lib.user,
            },
        )


def result_row(lib, code, result_id: int) -> dict:
    """The live result ``result_id`` of project ``code``; kind ``not_found`` otherwise."""
    pcode = lib._code(code)
    row = lib._one(
        "SELECT * FROM ymt_results WHERE fid = ? AND code = ? AND archived = ?",
        (int(result_id), str(pcode), False),
    )
    if row is None:
        raise LibraryError(
            tr("No result {id} in project {code}").format(id=result_id, code=pcode.display()),
            "not_found",
            "result_id",
        )
    return row


def copy_result(lib, row: dict, out: BinaryIO) -> str:
    """Write the stored bytes of result ``row`` to ``out``, checking them against the SHA-256
    recorded at upload; returns the SHA-256. Kind ``not_stored`` when the result is a file
    outside the library (a path on someone's disk), ``integrity`` when the bytes differ."""
    parsed = parse_blob_path(row.get("path"))
    if parsed is None:
        raise LibraryError(
            tr("Result {id} is a file outside the library; its bytes are not stored").format(
                id=row["fid"]
            ),
            "not_stored",
            "result_id",
        )
    sha = parsed[0]
    blob = lib._one("SELECT size_bytes, chunk_count FROM ymt_blobs WHERE sha256 = ?", (sha,))
    digest, size = hashlib.sha256(), 0
    if blob is not None:
        for seq in range(int(blob["chunk_count"])):
            chunk = lib._one(
                "SELECT data FROM ymt_blob_chunks WHERE sha256 = ? AND seq = ?", (sha, seq)
            )
            if chunk is None:
                break
            data = bytes(chunk["data"])
            digest.update(data)
            size += len(data)
            out.write(data)
    if blob is None or digest.hexdigest() != row["sha256"] or size != row["size_bytes"]:
        raise LibraryError(
            tr(
                "The stored bytes of result {id} do not match its SHA-256; the file is damaged "
                "and is not given out"
            ).format(id=row["fid"]),
            "integrity",
            "result_id",
        )
    return sha
