"""A library reached over HTTP through the exchange service: ``open_library("https://host/api/v1",
token=key)``.

Same scripting API as a local library for what the service offers: ``project``, ``projects``,
``find``, ``parcels``, ``events``, ``results``, ``read_result``, ``history``, ``allocate_code``,
``add_event``, ``add_result``, ``store_result``. Requests have short timeouts (connect 3 s,
read 15 s by default; uploads longer); every failure is a :class:`LibraryError` with a clear
message (the service's Chinese message when it answered, else what went wrong with the
connection), never a hang. No SQL: ``query``/``connection`` are refused.

Connections are kept alive: a client and its copies share a few HTTP sessions; each call borrows
an idle one (with its open connection) and gives it back, so the calls a panel makes one after
another from short-lived worker threads reuse one connection instead of opening one each, and
calls running at the same time each have their own session (never one shared by two threads).
"""

from __future__ import annotations

import datetime
import os
import threading
import uuid
from contextlib import contextmanager
from typing import Optional

from ..code import ProjectCode, parse_code
from ..i18n import tr
from .errors import LibraryError

#: service error code -> LibraryError kind
_KINDS = {
    "unauthorized": "permission",
    "forbidden": "permission",
    "unavailable": "busy",
    "bad_json": "bad_value",
    "bad_request": "bad_value",
    "record_id_reused": "duplicate_origin",
    "too_large": "bad_value",
    "refused": "constraint",
}


class _Sessions:
    """The HTTP sessions of one service client and its copies: :meth:`borrow` lends an idle one
    (made when none is idle), taken back afterwards; at most ``keep`` idle ones are kept."""

    def __init__(self, headers: dict, keep: int = 4):
        self._headers = dict(headers)
        self._keep = keep
        self._idle: list = []
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def borrow(self):
        import requests

        with self._lock:
            session = self._idle.pop() if self._idle else None
        if session is None:
            session = requests.Session()
            session.headers.update(self._headers)
        try:
            yield session
        finally:
            with self._lock:
                keep = not self._closed and len(self._idle) < self._keep
                if keep:
                    self._idle.append(session)
            if not keep:
                session.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for session in idle:
            session.close()


class RemoteLibrary:
    backend = "remote"

    def __init__(
        self,
        url: str,
        token: Optional[str] = None,
        user: Optional[str] = None,
        timeout: float = 15.0,
        connect_timeout: float = 3.0,
        _sessions: Optional[_Sessions] = None,
        **_options,
    ):
        self.uri = url.rstrip("/")
        self.user = user or "remote"
        self.dictionaries = None
        self._token = token
        self._timeout = (connect_timeout, timeout)
        headers = {"User-Agent": "yimatong-client"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._owner = _sessions is None
        self._sessions = _Sessions(headers) if _sessions is None else _sessions
        self.schema_version = None

    def copy(self) -> RemoteLibrary:
        """A client of the same service, key and timeouts for another thread. It shares this
        client's kept-alive connections (a call borrows an idle session, never one in use);
        closing the copy leaves them open, closing this client closes them."""
        clone = RemoteLibrary(
            self.uri,
            self._token,
            self.user,
            self._timeout[1],
            self._timeout[0],
            _sessions=self._sessions,
        )
        clone.dictionaries = self.dictionaries
        return clone

    # --- plumbing ------------------------------------------------------------------------
    def _call(self, method: str, path: str, timeout=None, expect=(200, 201), **kwargs):
        with self._sessions.borrow() as session:
            return self._request(session, method, path, timeout, expect, **kwargs)

    def _request(self, session, method, path, timeout=None, expect=(200, 201), **kwargs):
        import requests

        try:
            resp = session.request(
                method, self.uri + path, timeout=timeout or self._timeout, **kwargs
            )
        except requests.Timeout:
            raise LibraryError(
                tr("The library service {url} did not answer in time").format(url=self.uri),
                "connection",
                self.uri,
            ) from None
        except requests.RequestException as exc:
            raise LibraryError(
                tr("Cannot reach the library service {url}: {error}").format(
                    url=self.uri, error=type(exc).__name__
                ),
                "connection",
                self.uri,
            ) from None
        if resp.status_code in expect:
            return resp
        try:
            err = resp.json()["error"]
            code, message, field = err["code"], err["message"], err.get("field")
        except (ValueError, KeyError, TypeError):
            code, message, field = "error", resp.reason or str(resp.status_code), None
        kind = _KINDS.get(code, code)
        if resp.status_code == 404 and code == "not_found" and field is None:
            kind = "not_found"
        raise LibraryError(
            tr("The library service refused the call ({status}): {message}").format(
                status=resp.status_code, message=message
            ),
            kind,
            field,
        )

    def _json(self, method: str, path: str, **kwargs):
        return self._call(method, path, **kwargs).json()

    @staticmethod
    def _code(code) -> str:
        return str(code).replace(" ", "").replace("-", "")

    def close(self) -> None:
        if self._owner:
            self._sessions.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def set_user(self, user: str) -> None:
        self.user = str(user)  # the service records the calling system, not this name

    def query(self, *args, **kwargs):
        raise LibraryError(
            tr("A library reached over HTTP answers no SQL; use the API calls"), "unsupported"
        )

    stream = query

    @property
    def connection(self):
        return self.query()

    # --- reading -------------------------------------------------------------------------
    def _file(self, code) -> Optional[dict]:
        try:
            return self._json("GET", f"/projects/{self._code(code)}")
        except LibraryError as exc:
            if exc.kind == "not_found":
                return None
            raise

    def project(self, code) -> Optional[dict]:
        info = self._file(code)
        return None if info is None else info["project"]

    def project_file(self, code, as_of=None) -> dict:
        """The project box's file of ``code`` as the service computes it (findings with the
        default thresholds, as of ``as_of`` or today), shaped as ``core.projectbox.project_file``
        returns it: project, events, parcels (WKB), results, findings (``Finding``), as_of.
        ``{}`` when there is no such project."""
        params = {"as_of": _iso(as_of)} if as_of else None
        try:
            info = self._json("GET", f"/projects/{self._code(code)}", params=params)
        except LibraryError as exc:
            if exc.kind == "not_found":
                return {}
            raise
        return {
            "project": info["project"],
            "events": [_event_row(e) for e in info["events"]],
            "parcels": _parcel_rows(info["parcels"], info["project"]["code"]),
            "results": [_result_row(r) for r in info["results"]],
            "findings": [_finding(f) for f in info["findings"]],
            "as_of": datetime.date.fromisoformat(info["as_of"][:10]),
        }

    def projects_by_code(self, codes) -> list[dict]:
        """The projects of ``codes`` that exist, archived ones included (one request per 200
        codes: ``GET /projects?codes=``)."""
        wanted = sorted({self._code(c) for c in codes})
        out = []
        for i in range(0, len(wanted), 200):
            chunk = wanted[i : i + 200]
            params = {"codes": ",".join(chunk), "page_size": len(chunk)}
            out += self._json("GET", "/projects", params=params)["items"]
        return out

    def parcels_in_box(self, minx: float, miny: float, maxx: float, maxy: float) -> list[dict]:
        """Parcels (current and retired) whose envelope meets the box (EPSG:4490), as the local
        library's ``parcels_in_box`` returns them. A box holding more parcels than the service
        lists at once is refused (never a partial answer)."""
        box = ",".join(repr(float(v)) for v in (minx, miny, maxx, maxy))
        data = self._json("GET", "/parcels", params={"bbox": box, "limit": 5000})
        if data.get("truncated"):
            raise LibraryError(
                tr("Too many parcels in this area for the library service; zoom in"),
                "too_many",
                "bbox",
            )
        return _parcel_rows(data, None)

    def _pages(self, params: dict, limit: Optional[int]):
        page, out = 1, []
        while True:
            size = 500 if limit is None else max(1, min(500, limit - len(out)))
            data = self._json("GET", "/projects", params=dict(params, page=page, page_size=size))
            out += data["items"]
            done = len(data["items"]) < size or (data["total_exact"] and len(out) >= data["total"])
            if done or (limit and len(out) >= limit):
                return out[:limit] if limit else out
            page += 1

    def projects(self, include_archived: bool = False, limit: Optional[int] = None) -> list[dict]:
        return self._pages({}, limit)

    def find(self, text: str, limit: int = 50, include_archived: bool = True) -> list[dict]:
        text = (text or "").strip()
        return self._pages({"q": text}, max(1, int(limit))) if text else []

    def page(self, page: int = 1, page_size: int = 200, **filters) -> dict:
        """One page of the project list (``q``, ``admin``, ``year``, ``source``, ``stage``,
        ``updated_since``) as the service returns it: page, page_size, total, items."""
        params = {k: v for k, v in filters.items() if v not in (None, "")}
        return self._json("GET", "/projects", params=dict(params, page=page, page_size=page_size))

    def parcels(self, code, include_retired: bool = True) -> list[dict]:
        info = self._file(code)
        if info is None:
            return []
        rows = _parcel_rows(info["parcels"], info["project"]["code"])
        return [r for r in rows if include_retired or not r.get("retired")]

    def events(self, code, include_archived: bool = False) -> list[dict]:
        return [_event_row(e) for e in self._json("GET", f"/projects/{self._code(code)}/stages")]

    def results(self, code, include_archived: bool = False) -> list[dict]:
        info = self._file(code)
        rows = [] if info is None else info["results"]
        for row in rows:
            row["fid"] = row.pop("id")
        return rows

    def read_result(self, code, result_id: int, out) -> dict:
        """Download a stored result into the binary file ``out``; the SHA-256 the service
        sends is checked here too. Returns the result row."""
        import hashlib

        digest = hashlib.sha256()
        with self._sessions.borrow() as session:  # held until the body is read
            path = f"/projects/{self._code(code)}/results/{int(result_id)}"
            with self._request(session, "GET", path, stream=True) as resp:
                for chunk in resp.iter_content(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
        if digest.hexdigest() != resp.headers.get("X-Content-SHA256"):
            raise LibraryError(
                tr("The downloaded file does not match its SHA-256; discard it"),
                "integrity",
                "result_id",
            )
        return {"fid": int(result_id), "sha256": digest.hexdigest()}

    def history(self, code) -> list[dict]:
        return self._json("GET", f"/projects/{self._code(code)}/history")

    # --- writing -------------------------------------------------------------------------
    def allocate_code(self, **segments) -> ProjectCode:
        body = {k: str(v) for k, v in segments.items() if v is not None}
        return parse_code(self._json("POST", "/codes", json=body)["code"])

    def new_project(self, name: str, source: str, segments: dict) -> ProjectCode:
        """Allocate a code and create its project record (one transaction in the service)."""
        body = {k: str(v) for k, v in segments.items() if v is not None}
        body.update(name=str(name), source=str(source))
        return parse_code(self._json("POST", "/codes", json=body)["code"])

    def add_event(self, code, stage: str, date, **attrs) -> int:
        """Post a stage event. ``origin_key`` is sent as the record id (a repeat with the same
        key is answered with the first event); without one a fresh id is used."""
        attrs.pop("origin_system", None)  # the service records the calling system itself
        record_id = attrs.pop("origin_key", None) or f"client-{uuid.uuid4()}"
        body = {"stage": stage, "record_id": str(record_id), "date": _iso(date)}
        body.update({k: _iso(v) for k, v in attrs.items() if v is not None})
        return int(self._json("POST", f"/projects/{self._code(code)}/stages", json=body)["id"])

    def add_result(self, code, stage: Optional[str], path, kind: str = "document") -> int:
        with open(os.fspath(path), "rb") as fh:
            return self.store_result(code, stage, fh, os.path.basename(os.fspath(path)), kind)

    def store_result(self, code, stage, fileobj, name: str, kind: str = "document") -> int:
        data = {"kind": kind or "document"}
        if stage:
            data["stage"] = stage
        resp = self._call(
            "POST",
            f"/projects/{self._code(code)}/results",
            files={"file": (name, fileobj)},
            data=data,
            timeout=(self._timeout[0], 600),
        )
        return int(resp.json()["id"])


def _iso(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return value


def _event_row(row: dict) -> dict:
    row["fid"], row["event_date"] = row.pop("id"), row.pop("date")
    row["origin_key"] = row.pop("record_id", None)
    return row


def _parcel_rows(collection: dict, code) -> list[dict]:
    """Library parcel rows (geometry as 2D WKB) from the service's GeoJSON."""
    import shapely

    rows = []
    for feat in collection["features"]:
        row = dict(feat["properties"], fid=feat["id"])
        if code is not None:
            row["code"] = code
        geom = feat.get("geometry")
        row["geometry"] = (
            shapely.to_wkb(shapely.geometry.shape(geom), output_dimension=2) if geom else None
        )
        rows.append(row)
    return rows


def _result_row(row: dict) -> dict:
    """A library result row: ``path`` as a local library names a stored file (its name)."""
    from .blobs import blob_path

    row["fid"] = row.pop("id")
    stored = row.get("stored") and row.get("sha256")
    row["path"] = blob_path(row["sha256"], row["name"]) if stored else row["name"]
    return row


def _date(text):
    return datetime.date.fromisoformat(text[:10]) if text else None


def _finding(data: dict):
    """A lifecycle ``Finding`` from the service's JSON."""
    from ..lifecycle import Finding

    return Finding(
        code=data["code"],
        rule=data["rule"],
        severity=data["severity"],
        since=_date(data["since"]),
        days=int(data["days"]),
        evidence=data["evidence"],
        stage=data.get("stage") or "",
        batch=data.get("batch") or "",
        supplied_ratio=data.get("supplied_ratio"),
        codes=tuple(data.get("codes") or (data["code"],)),
        reference=_date(data.get("reference_date")),
        reference_kind=data.get("reference") or "",
        until=_date(data.get("days_until")),
    )
