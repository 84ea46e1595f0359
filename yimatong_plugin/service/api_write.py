"""Write interfaces: stage events (approval feedback), registrations, result files, codes.

Stage events and registrations are idempotent by the caller's record id: the event is stored
with ``origin_system`` = the calling client's name and ``origin_key`` = its record id; a repeat
finds it (``event_by_origin``) and answers exactly as the first call did, writing nothing.
"""

from __future__ import annotations

import re
import tempfile
from typing import Optional
from urllib.parse import quote

from fastapi import Depends, File, Form, Response, UploadFile
from fastapi.responses import StreamingResponse

from ..core.i18n import tr, tr_label, tr_noop
from ..core.library import LibraryError
from .api_read import _no_project, router
from .context import Caller, need
from .errors import ApiError, from_library
from .models import (
    BLZT,
    AllocateIn,
    CodeOut,
    Event,
    RegistrationIn,
    Result,
    Stage,
    StageIn,
    event_json,
    result_json,
)

_EVENT_FIELDS = (
    "status",
    "doc_no",
    "note",
    "batch",
    "area_m2",
    "developed_ratio",
    "invested_ratio",
    "agreed_handover",
    "agreed_start",
    "agreed_completion",
    "stopped_on",
)


def _record_event(who: Caller, code: str, stage: str, date, record_id: str, attrs: dict, after):
    """Add the event once per (caller, record id); returns (event row, created)."""
    lib = who.lib
    try:
        if lib.project(code) is None:
            raise LibraryError(_no_project(code), "not_found", "code")
        known = lib.event_by_origin(who.name, record_id)
        if known is None:
            try:
                with lib.transaction():
                    fid = lib.add_event(
                        code, stage, date, origin_system=who.name, origin_key=record_id, **attrs
                    )
                    if after is not None:
                        after()
                return _event(lib, fid), True
            except LibraryError as exc:
                # a concurrent retry stored it first (UNIQUE index): answer as for a retry
                if exc.kind not in ("duplicate_origin", "constraint"):
                    raise
                known = lib.event_by_origin(who.name, record_id)
                if known is None:
                    raise
    except LibraryError as exc:
        raise from_library(exc) from None
    if known["code"] != lib.project(code)["code"] or known["stage"] != stage:
        raise ApiError(
            409,
            "record_id_reused",
            tr("record_id {key} already recorded a {stage} event of project {code}").format(
                key=record_id, stage=known["stage"], code=known["code"]
            ),
            "record_id",
        )
    return known, False


def _event(lib, fid: int) -> dict:
    return lib.query("SELECT * FROM ymt_events WHERE fid = ?", (fid,))[0]


@router.post(
    "/projects/{code}/stages",
    response_model=Event,
    status_code=201,
    summary="阶段信息回传 (post a stage event; approval feedback)",
)
def post_stage(code: str, body: StageIn, response: Response, who: Caller = Depends(need("stages"))):
    attrs = {k: getattr(body, k) for k in _EVENT_FIELDS if getattr(body, k) is not None}
    date = body.date
    after = None
    if body.approval is not None:
        appr = body.approval
        attrs.setdefault("status", BLZT[appr.blzt])
        if appr.pfwh:
            attrs.setdefault("doc_no", appr.pfwh)
        date = date or appr.pfrq

        def after():
            changes = {"approval_status": BLZT[appr.blzt], "approval_status_at": date}
            if appr.spsx:
                changes["approval_item"] = appr.spsx
            who.lib.update_project(code, **changes)

    if date is None:
        raise ApiError(422, "bad_value", tr("Field date is required"), "date")
    row, created = _record_event(who, code, body.stage.value, date, body.record_id, attrs, after)
    response.headers["Idempotent-Replay"] = "false" if created else "true"
    return event_json(row)


# 不动产单元号 (GB/T 37346): 6-digit county, 6-digit 地籍区+子区, 宗地特征码 (G/J/Z + letter),
# 5-digit 宗地顺序号, 定着物特征码 (F/L/Q/W), 8-digit 定着物单元编号
_UNIT_PARTS = (
    (6, r"[0-9]{6}", "county"),
    (6, r"[0-9]{6}", "zone"),
    (2, r"[GJZ][A-Z]", "feature"),
    (5, r"[0-9]{5}", "serial"),
    (1, r"[FLQW]", "fixture"),
    (8, r"[0-9]{8}", "unit"),
)


_PART_NAMES = {
    "county": tr_noop("county division (6 digits)"),
    "zone": tr_noop("cadastral zone and subzone (6 digits)"),
    "feature": tr_noop("parcel feature code (G/J/Z and a letter)"),
    "serial": tr_noop("parcel serial (5 digits)"),
    "fixture": tr_noop("fixture code (F, L, Q or W)"),
    "unit": tr_noop("fixture unit number (8 digits)"),
}


def check_unit_number(text: str) -> str:
    """The bare 不动产单元号, or ApiError naming the part that is wrong."""
    bare = re.sub(r"[\s\-]", "", text or "").upper()
    if len(bare) != 28:
        raise ApiError(
            422,
            "bad_value",
            tr("Field unit_number: a real-estate unit number has 28 characters, not {n}").format(
                n=len(bare)
            ),
            "unit_number",
        )
    pos = 0
    for width, pattern, what in _UNIT_PARTS:
        if not re.fullmatch(pattern, bare[pos : pos + width]):
            raise ApiError(
                422,
                "bad_value",
                tr("Field unit_number: characters {start}-{end} must be the {part}").format(
                    start=pos + 1, end=pos + width, part=tr_label(_PART_NAMES, what)
                ),
                "unit_number",
            )
        pos += width
    return bare


@router.post(
    "/projects/{code}/registrations",
    response_model=Event,
    status_code=201,
    summary="登记结果回传 (registration result)",
)
def post_registration(
    code: str,
    body: RegistrationIn,
    response: Response,
    who: Caller = Depends(need("registrations")),
):
    unit = check_unit_number(body.unit_number)
    cert = body.certificate_no.strip()
    if not cert:
        raise ApiError(422, "bad_value", tr("Field certificate_no is required"), "certificate_no")
    record_id = body.record_id or f"{unit}/{cert}"
    attrs = {"doc_no": cert, "status": "已登记", "note": f"不动产单元号 {unit}"}
    row, created = _record_event(who, code, "registration", body.date, record_id, attrs, None)
    response.headers["Idempotent-Replay"] = "false" if created else "true"
    return event_json(row)


@router.post(
    "/projects/{code}/results",
    response_model=Result,
    status_code=201,
    summary="成果上传 (upload a result file)",
)
def post_result(
    code: str,
    file: UploadFile = File(description="the file (streamed to disk, stored in the library)"),
    kind: str = Form("document", min_length=1, max_length=100),
    stage: Optional[Stage] = Form(None),
    who: Caller = Depends(need("results")),
):
    lib = who.lib
    try:
        if lib.project(code) is None:
            raise LibraryError(_no_project(code), "not_found", "code")
        fid = lib.store_result(
            code, stage.value if stage else None, file.file, file.filename or "file", kind
        )
        row = lib.query("SELECT * FROM ymt_results WHERE fid = ?", (fid,))[0]
    except LibraryError as exc:
        raise from_library(exc) from None
    finally:
        file.file.close()
    return result_json(row)


@router.get(
    "/projects/{code}/results/{result_id}",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}, "description": "the file"}},
    summary="成果下载 (download a result; X-Content-SHA256 header)",
)
def get_result(code: str, result_id: int, who: Caller = Depends(need("read"))):
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    try:
        row = who.lib.read_result(code, result_id, spool)  # SHA-256 checked before any byte
    except LibraryError as exc:
        spool.close()
        raise from_library(exc) from None
    size = spool.tell()
    spool.seek(0)
    name = result_json(row)["name"]

    def chunks():
        try:
            yield from iter(lambda: spool.read(1 << 20), b"")
        finally:
            spool.close()

    headers = {
        "X-Content-SHA256": row["sha256"],
        "Content-Length": str(size),
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
    }
    return StreamingResponse(chunks(), media_type="application/octet-stream", headers=headers)


@router.post("/codes", response_model=CodeOut, status_code=201, summary="赋码 (allocate a code)")
def allocate(body: AllocateIn, who: Caller = Depends(need("allocate"))):
    segments = body.model_dump()
    name, source = segments.pop("name"), segments.pop("source")
    if (name is None) != (source is None):
        msg = tr("A new project needs both a name and a source")
        raise from_library(LibraryError(msg, "bad_value", "source" if name else "name"))
    try:
        if name is None:
            code = who.lib.allocate_code(**segments)
        else:
            code = who.lib.new_project(name, source.value, segments)
    except LibraryError as exc:
        raise from_library(exc) from None
    return {"code": str(code), "display": code.display()}
