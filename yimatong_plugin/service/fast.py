"""The hot read, ``GET /api/v1/projects/{code}``, answered by a pure ASGI middleware in front of
the framework's routing, with the same bytes as the route.

Profiling one uvicorn worker under the load test showed the route's own work (the prepared
statement, the rows to JSON) to be a small part of the CPU per lookup: the rest was the
framework's per-request machinery (routing, the dependency with ``yield``, parameter
parsing, response validation, exception middlewares), spread thin over hundreds of calls. This
middleware serves only the plain, successful case and leaves everything else to the route
(``api_read.get_project``, which also documents it in /openapi.json):

* ``GET /api/v1/projects/<28 digits>`` with no query string and no root path;
* a bearer key the key cache knows (seen in the last seconds) with the ``read`` scope;
* a project that exists and whose detail the library gives without an error.

Anything else — a missing, unknown or under-scoped key, an unknown project, a query string, a
library error — goes on to the route unchanged, which answers as before (its error body, its
status). The answer is the route's own: the same ``_project_file`` rows, validated and
serialised through the ``ProjectFile`` response model as FastAPI does it
(tests/unit/test_service_fast_lookup.py compares the bytes and headers of both paths).
"""

from __future__ import annotations

import inspect
import json
import re

from fastapi.routing import serialize_response
from fastapi.security.utils import get_authorization_scheme_param
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from .api_read import _project_file
from .context import _UNKNOWN, _cached_client
from .errors import ApiError, body
from .models import ProjectFile

_PATH = re.compile(r"/api/v1/projects/([0-9]{28})")
_ADAPTER = TypeAdapter(ProjectFile)
#: FastAPI ≥ 0.130 writes a response model's JSON with pydantic's dump_json; before, with
#: json.dumps of its JSON-mode dump (JSONResponse): the same choice here keeps the bytes
_DUMP_JSON = "dump_json" in inspect.signature(serialize_response).parameters


def _render(lib, code: str):
    """The route's answer for ``code`` as bytes, or None (no such project: the route answers)."""
    info = _project_file(lib, code, None)
    if not info:
        return None
    value = _ADAPTER.validate_python(info, from_attributes=True)
    if _DUMP_JSON:
        return _ADAPTER.dump_json(value, by_alias=True)
    content = _ADAPTER.dump_python(value, mode="json", by_alias=True)
    return json.dumps(
        content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")
    ).encode("utf-8")


def _key(scope) -> str:
    for name, value in scope.get("headers") or ():
        if name == b"authorization":  # the first one, as the route reads it
            scheme, credentials = get_authorization_scheme_param(value.decode("latin-1"))
            return credentials if scheme.lower() == "bearer" else ""
    return ""


class FastLookup:
    def __init__(self, app, libraries):
        self.app, self.libraries = app, libraries

    async def __call__(self, scope, receive, send):
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and not scope.get("query_string")
            and not scope.get("root_path")
        ):
            match = _PATH.fullmatch(scope["path"])
            if match and await self._answer(match.group(1), scope, receive, send):
                return
        await self.app(scope, receive, send)

    async def _answer(self, code: str, scope, receive, send) -> bool:
        """True when answered; False: the route answers instead."""
        key = _key(scope)
        client = _cached_client(key) if key else _UNKNOWN
        if client is _UNKNOWN or client is None or "read" not in client["scopes"]:
            return False
        try:
            async with self.libraries.borrow() as lib:
                try:
                    payload = await run_in_threadpool(_render, lib, code)
                except Exception:  # the route meets it again and answers it as it does
                    return False
        except ApiError as exc:  # every connection busy: the route's error handler's answer
            response = JSONResponse(body(exc.code, exc.message, exc.field), exc.status)
            await response(scope, receive, send)
            return True
        if payload is None:
            return False
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-length", str(len(payload)).encode()),
                    (b"content-type", b"application/json"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})
        return True
