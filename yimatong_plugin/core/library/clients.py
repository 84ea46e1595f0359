"""Calling systems of the exchange service (schema v5 ``ymt_api_clients``).

A client is a name (the calling system: ``approval``, ``registry``…), a set of scopes and an API
key. Only the SHA-256 of the key is stored: keys are 256-bit random tokens, so a plain hash is
enough (nothing to brute-force), and a stolen library file gives no usable key.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Optional

from ..i18n import tr
from .base import now_iso
from .errors import LibraryError

SCOPES = ("read", "stages", "results", "registrations", "allocate")
_NAME_RE = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{1,64}$")


def key_hash(key: str) -> str:
    return hashlib.sha256(str(key).encode("utf-8")).hexdigest()


def parse_scopes(text) -> list[str]:
    items = text if isinstance(text, (list, tuple)) else str(text or "").split(",")
    scopes = sorted({s.strip() for s in items if s and s.strip()})
    unknown = [s for s in scopes if s not in SCOPES]
    if not scopes or unknown:
        raise LibraryError(
            tr("scopes: '{scopes}' is not a list of: {choices}").format(
                scopes=",".join(unknown or scopes), choices=", ".join(SCOPES)
            ),
            "bad_value",
            "scopes",
        )
    return scopes


def add_client(lib, name: str, scopes) -> str:
    """Register calling system ``name`` with ``scopes`` (or give it a new key and these scopes if
    it exists; the old key stops working). Returns the new key — shown once, never stored."""
    name = str(name or "").strip()
    if not _NAME_RE.match(name):
        raise LibraryError(
            tr("name: '{name}' is not a client name (1-64 letters, digits, . _ -)").format(
                name=name
            ),
            "bad_value",
            "name",
        )
    scope_text = ",".join(parse_scopes(scopes))
    key = "ymt_" + secrets.token_urlsafe(32)
    with lib.transaction():
        known = lib.query("SELECT fid FROM ymt_api_clients WHERE name = ?", (name,))
        if known:
            lib._execute(
                "UPDATE ymt_api_clients SET key_hash = ?, scopes = ?, revoked = ?, updated_at = ? "
                "WHERE name = ?",
                (key_hash(key), scope_text, False, now_iso(), name),
            )
        else:
            lib._execute(
                "INSERT INTO ymt_api_clients (name, key_hash, scopes, created_by) "
                "VALUES (?, ?, ?, ?)",
                (name, key_hash(key), scope_text, lib.user),
            )
    return key


def revoke_client(lib, name: str) -> None:
    with lib.transaction():
        n = lib._execute(
            "UPDATE ymt_api_clients SET revoked = ?, updated_at = ? WHERE name = ?",
            (True, now_iso(), str(name)),
        ).rowcount
    if n != 1:
        raise LibraryError(tr("No client named {name}").format(name=name), "not_found", "name")


def client_for_key(lib, key: str) -> Optional[dict]:
    """``{"name", "scopes"}`` of the live client holding ``key``, or None."""
    rows = lib.query(
        "SELECT name, scopes, revoked FROM ymt_api_clients WHERE key_hash = ?", (key_hash(key),)
    )
    if not rows or rows[0]["revoked"]:
        return None
    return {"name": rows[0]["name"], "scopes": set(rows[0]["scopes"].split(","))}
