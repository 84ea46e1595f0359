"""The pool of open libraries, settings and the bearer-key check shared by the routes.

The service is stateless: all state is in the library (GeoPackage or PostGIS), so several
uvicorn workers or hosts serve one PostGIS library. A request borrows one open library for its
whole duration (a connection is never used by two requests at once). Waiting for a free one
happens in the event loop, not in a worker thread: threads blocked waiting would starve the
requests that hold the libraries (a deadlock under load).
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Optional

import anyio
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
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
    pool_size: int = 8  # open libraries (database connections) per worker process
    pool_wait: float = 30.0  # seconds a request waits for a free one (then 503)


class Libraries:
    """At most ``size`` open libraries (database connections) per worker process."""

    def __init__(self, uri: str, size: int = 8, wait: float = 30.0):
        self.uri = uri
        self.size = max(1, size)
        self._wait = wait
        self._slots: Optional[anyio.Semaphore] = None  # made in the event loop
        self._free: list[Library] = []
        self._all: list[Library] = []
        self._lock = threading.Lock()

    def _free_one(self) -> Optional[Library]:  # no I/O: runs in the event loop
        with self._lock:
            lib = self._free.pop() if self._free else None
        if lib is not None and lib.user != SERVICE_USER:
            lib.set_user(SERVICE_USER)
        return lib

    def _open(self) -> Library:  # blocking: runs in a worker thread
        lib = open_library(self.uri, user=SERVICE_USER)
        with self._lock:
            self._all.append(lib)
        return lib

    def _give(self, lib: Library) -> None:
        with self._lock:
            self._free.append(lib)

    @asynccontextmanager
    async def borrow(self) -> AsyncIterator[Library]:
        if self._slots is None:
            self._slots = anyio.Semaphore(self.size)
        try:
            with anyio.fail_after(self._wait):
                await self._slots.acquire()
        except TimeoutError:
            raise from_library(
                LibraryError(tr("All library connections are busy"), "busy")
            ) from None
        try:
            # an open library is taken without a thread hop (most requests); opening one
            # (at most pool_size per worker) runs in a worker thread
            lib = self._free_one()
            if lib is None:
                try:
                    lib = await run_in_threadpool(self._open)
                except LibraryError as exc:
                    raise from_library(exc) from None
            try:
                yield lib
            finally:
                self._give(lib)
        finally:
            self._slots.release()

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


#: key -> (client, expiry): a revoked or re-keyed client is refused within this many seconds
AUTH_CACHE_SECONDS = 5.0
_auth_cache: dict[str, tuple[Optional[dict], float]] = {}
_auth_lock = threading.Lock()


_UNKNOWN = object()


def _cached_client(key: str):
    """The client of ``key`` from the cache (None: no such key), or ``_UNKNOWN`` when the
    cache does not know it now (no I/O: the event loop asks this)."""
    with _auth_lock:
        hit = _auth_cache.get(key)
    if hit is not None and hit[1] > time.monotonic():
        return hit[0]
    return _UNKNOWN


def _client(lib: Library, key: str) -> Optional[dict]:
    cached = _cached_client(key)
    if cached is not _UNKNOWN:
        return cached
    now = time.monotonic()
    client = client_for_key(lib, key)
    with _auth_lock:
        if len(_auth_cache) > 10_000:  # unknown keys thrown at us: do not grow without end
            _auth_cache.clear()
        _auth_cache[key] = (client, now + AUTH_CACHE_SECONDS)
    return client


def caller(lib: Library, scope: str, credentials, client=_UNKNOWN) -> Caller:
    """The authenticated caller; ``client``: its row when the key cache knew it already."""
    if client is _UNKNOWN:
        try:
            client = _client(lib, credentials.credentials)
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

    async def dependency(request: Request, credentials=Depends(bearer)) -> AsyncIterator[Caller]:
        if credentials is None or not credentials.credentials:
            raise ApiError(
                401, "unauthorized", tr("An API key is required (Authorization: Bearer <key>)")
            )
        async with request.app.state.libraries.borrow() as lib:
            cached = _cached_client(credentials.credentials)
            if cached is _UNKNOWN:  # asks the library: in a worker thread
                yield await run_in_threadpool(caller, lib, scope, credentials)
            else:  # a key seen in the last seconds: no thread hop
                yield caller(lib, scope, credentials, cached)

    dependency.__name__ = f"need_{scope}"
    return dependency
