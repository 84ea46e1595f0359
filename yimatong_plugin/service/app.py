"""The ASGI application: routes, error handlers, request-size limits.

``create_app(Settings(library=...))`` builds it; ``app_from_env()`` is the factory uvicorn
workers call (the CLI passes the settings through ``YMT_SERVICE_*`` environment variables).
"""

from __future__ import annotations

import json
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..__about__ import __version__
from ..core.i18n import tr
from ..core.library import LibraryError
from . import api_write  # noqa: F401  (registers the write routes on the router)
from .api_read import router
from .context import Libraries, Settings
from .errors import ApiError, body, from_library, from_validation, install_chinese, log
from .fast import FastLookup
from .public import router as public_router

DESCRIPTION = """一码通项目库交换服务 (Yimatong exchange service).

Every `/api/v1` call needs `Authorization: Bearer <key>` (a key from
`python -m yimatong_plugin.service add-client`); scopes: `read`, `stages`, `results`,
`registrations`, `allocate`. Geometry is GeoJSON in CGCS2000 geographic (EPSG:4490).
Errors answer `{"error": {"code", "message", "field"}}` with a Chinese message naming the field.
"""


class BodyLimit:
    """Refuse bodies over the limit with 413 (by Content-Length, and while reading chunked
    bodies). Multipart uploads have their own, larger limit."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        ctype = headers.get(b"content-type", b"").decode("latin-1").lower()
        upload = ctype.startswith("multipart/")
        limit = self.settings.max_upload_bytes if upload else self.settings.max_body_bytes
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > limit + (64 << 10 if upload else 0)
            except ValueError:
                too_big = False
            if too_big:
                return await _refuse(send, limit, upload)
        seen = 0
        started = False

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit + (64 << 10 if upload else 0):
                    # the framework turns an error while reading into a 400: leave a mark
                    # for the error handlers, which answer 413 instead
                    scope["ymt.too_large"] = (limit, upload)
                    raise _TooLargeError()
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLargeError:
            if not started:
                await _refuse(send, limit, upload)


class _TooLargeError(Exception):
    pass


def _too_large(limit: int, upload: bool) -> dict:
    what = tr("An uploaded file") if upload else tr("A request body")
    message = tr("{what} may hold at most {mb} MB").format(what=what, mb=round(limit / 2**20, 1))
    return body("too_large", message, "file" if upload else "body")


async def _refuse(send, limit: int, upload: bool):
    payload = json.dumps(_too_large(limit, upload)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


def create_app(settings: Settings) -> FastAPI:
    install_chinese()
    libraries = Libraries(settings.library, settings.pool_size, settings.pool_wait)

    @asynccontextmanager
    async def lifespan(app):
        yield
        libraries.close()

    app = FastAPI(
        title="一码通交换服务 Yimatong exchange service",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.libraries = libraries
    app.state.settings = settings

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return JSONResponse(body(exc.code, exc.message, exc.field), status_code=exc.status)

    @app.exception_handler(LibraryError)
    async def library_error(request: Request, exc: LibraryError):
        return await api_error(request, from_library(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return await api_error(request, from_validation(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.scope.get("ymt.too_large"):
            return JSONResponse(_too_large(*request.scope["ymt.too_large"]), status_code=413)
        messages = {
            400: tr("The request body cannot be read (malformed JSON or multipart form)"),
            404: tr("No such address"),
            405: tr("This method is not allowed here"),
        }
        message = messages.get(exc.status_code, tr("The request cannot be served"))
        code = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}.get(
            exc.status_code, "error"
        )
        field = "body" if exc.status_code == 400 else None
        return JSONResponse(body(code, message, field), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):  # a bug: log it, show no trace
        if request.scope.get("ymt.too_large"):
            return JSONResponse(_too_large(*request.scope["ymt.too_large"]), status_code=413)
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(
            body("internal", tr("The service failed to answer; the error was logged")), 500
        )

    app.include_router(router)
    app.include_router(public_router)
    app.add_middleware(BodyLimit, settings=settings)
    # outermost: the hot read's plain case without the framework's routing (same bytes)
    app.add_middleware(FastLookup, libraries=libraries)
    return app


def app_from_env() -> FastAPI:
    return create_app(
        Settings(
            library=os.environ["YMT_SERVICE_LIBRARY"],
            max_body_bytes=int(os.environ.get("YMT_SERVICE_MAX_BODY", 1 << 20)),
            max_upload_bytes=int(os.environ.get("YMT_SERVICE_MAX_UPLOAD", 512 << 20)),
            count_cap=int(os.environ.get("YMT_SERVICE_COUNT_CAP", 1000)),
            pool_size=int(os.environ.get("YMT_SERVICE_POOL", 8)),
            pool_wait=float(os.environ.get("YMT_SERVICE_POOL_WAIT", 30.0)),
        )
    )
