"""Per-thread libraries, settings and the bearer-key check shared by the routes.

The service is stateless: all state is in the library (GeoPackage or PostGIS). Each worker
thread keeps its own open library (a connection is not shared between threads), so several
threads, uvicorn workers or hosts can serve one PostGIS library.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Optional

from fastapi import Depends, Request
from fastapi.security import HTTPBearer

from ..core.i18n import tr
from ..core.library import Library, LibraryError, open_library
from ..core.library.clients import client_for_key
from .errors import ApiError, from_library

SERVICE_USER = "yimatong-service"


@dataclass
class Settings:
    library: str
    max_body_bytes: int = 1 << 20  # JSON bodies
    max_upload_bytes: int = 512 << 20  # multipart uploads (result files)
    max_page_size: int = 500
    count_cap: int = 1000  # the project list counts matches up to this many


class Libraries:
    """A pool of open libraries: a request borrows one for its whole duration (a connection
    is never used by two requests at once, whatever threads FastAPI runs them in)."""

    def __init__(self, uri: str):
        self.uri = uri
        self._free: list[Library] = []
        self._all: list[Library] = []
        self._lock = threading.Lock()

    @contextmanager
    def borrow(self) -> Iterator[Library]:
        with self._lock:
            lib = self._free.pop() if self._free else None
        if lib is None:
            lib = open_library(self.uri, user=SERVICE_USER)
            with self._lock:
                self._all.append(lib)
        try:
            yield lib
        finally:
            with self._lock:
                self._free.append(lib)

    def close(self) -> None:
        with self._lock:
            for lib in self._all:
                try:
                    lib.close()
                except Exception:  # closing at shutdown: nothing left to do about it
                    pass
            self._all.clear()
            self._free.clear()


bearer = HTTPBearer(auto_error=False, description="API key from `add-client`")


@dataclass
class Caller:
    name: str
    scopes: set
    lib: Library


@contextmanager
def library(request: Request) -> Iterator[Library]:
    """Borrow a library for this request (written as the service until a caller is known)."""
    try:
        with request.app.state.libraries.borrow() as lib:
            if lib.user != SERVICE_USER:
                lib.set_user(SERVICE_USER)
            yield lib
    except LibraryError as exc:
        raise from_library(exc) from None


#: key -> (client, expiry): a revoked or re-keyed client is refused within this many seconds
AUTH_CACHE_SECONDS = 5.0
_auth_cache: dict[str, tuple[Optional[dict], float]] = {}
_auth_lock = threading.Lock()


def _client(lib: Library, key: str) -> Optional[dict]:
    now = time.monotonic()
    with _auth_lock:
        hit = _auth_cache.get(key)
    if hit is not None and hit[1] > now:
        return hit[0]
    client = client_for_key(lib, key)
    with _auth_lock:
        if len(_auth_cache) > 10_000:  # unknown keys thrown at us: do not grow without end
            _auth_cache.clear()
        _auth_cache[key] = (client, now + AUTH_CACHE_SECONDS)
    return client


def caller(lib: Library, scope: str, credentials) -> Caller:
    try:
        client: Optional[dict] = _client(lib, credentials.credentials)
    except LibraryError as exc:
        raise from_library(exc) from None
    if client is None:
        raise ApiError(401, "unauthorized", tr("Unknown or revoked API key"))
    if scope not in client["scopes"]:
        raise ApiError(
            403,
            "forbidden",
            tr("Client {name} lacks the scope {scope} for this call").format(
                name=client["name"], scope=scope
            ),
        )
    if scope != "read":  # every write is audited with the calling system's name
        lib.set_user(client["name"])
    return Caller(client["name"], client["scopes"], lib)


def need(scope: str):
    """Dependency: the authenticated caller with ``scope``, holding a borrowed library."""

    def dependency(request: Request, credentials=Depends(bearer)) -> Iterator[Caller]:
        if credentials is None or not credentials.credentials:
            raise ApiError(
                401, "unauthorized", tr("An API key is required (Authorization: Bearer <key>)")
            )
        with library(request) as lib:
            yield caller(lib, scope, credentials)

    dependency.__name__ = f"need_{scope}"
    return dependency
