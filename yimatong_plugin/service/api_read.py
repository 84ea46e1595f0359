"""Read interfaces (scope ``read``): the project list, one project, its stages, 一码核验."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool

from ..core import project_query as pq
from ..core import projectbox
from ..core.code import CodeError, looks_like_unit_number, parse_code
from ..core.library import LibraryError
from .context import Caller, need
from .errors import from_library
from .models import (
    CodeCheck,
    ErrorBody,
    Event,
    ParcelBox,
    ProjectFile,
    ProjectPage,
    Source,
    event_json,
    finding_json,
    parcels_json,
    project_json,
    result_json,
)

ERRORS = {
    s: {"model": ErrorBody, "description": d}
    for s, d in (
        (400, "the body cannot be read (malformed JSON or multipart)"),
        (401, "missing or unknown API key"),
        (403, "the key lacks the scope"),
        (404, "no such project / result"),
        (409, "conflict (archived project, record id reused, exhausted serials)"),
        (413, "request body too large"),
        (422, "invalid input: the message names the field"),
        (503, "the library is busy or unreachable"),
    )
}

router = APIRouter(prefix="/api/v1", responses=ERRORS)


CODES = r"^[0-9,]+$"
STAGE_FILTER = "^(none|" + "|".join(pq.lc.STAGES) + ")$"


@router.get("/projects", response_model=ProjectPage, summary="项目清单 (project list)")
def list_projects(
    request: Request,
    who: Caller = Depends(need("read")),
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(50, ge=1, le=500),
    q: Optional[str] = Query(None, max_length=200, description="code prefix, name or applicant"),
    admin: Optional[str] = Query(None, pattern=r"^\d{6}$"),
    year: Optional[str] = Query(None, pattern=r"^\d{4}$"),
    source: Optional[Source] = None,
    stage: Optional[str] = Query(None, pattern=STAGE_FILTER, description="current stage or none"),
    supply_type: Optional[str] = Query(None, pattern=r"^\d{2}$", description="supply type"),
    land_use: Optional[str] = Query(None, pattern=r"^\d{4}$", description="land use"),
    updated_since: Optional[dt.date] = Query(None, description="changed on or after this day"),
    codes: Optional[str] = Query(
        None,
        pattern=CODES,
        max_length=200 * 29,
        description="only these projects (comma-separated 28-digit codes, up to 200), "
        "archived ones included",
    ),
):
    lib = who.lib
    cap = request.app.state.settings.count_cap
    dialect = lib.dialect.name
    flt = pq.ProjectFilter(
        text=(q or "").replace("\x00", ""),
        admin=admin,
        year=year,
        source=source.value if source else None,
        stage=stage,
        supply_type=supply_type,
        land_use=land_use,
        include_archived=codes is not None,
    )
    where, params = pq.where_clause(flt, dialect)
    if codes is not None:
        wanted = sorted(set(codes.split(",")))
        if len(wanted) > 200 or any(len(c) != 28 for c in wanted):
            from ..core.i18n import tr

            msg = tr("codes must be up to 200 project codes of 28 digits, separated by commas")
            raise from_library(LibraryError(msg, "bad_value", "codes"))
        where += " AND p.code IN (" + ", ".join("?" for _ in wanted) + ")"
        params.extend(wanted)
    if updated_since is not None:
        where += " AND p.updated_at >= ?"
        params.append(updated_since.isoformat())
    try:
        # counted up to cap + 1 rows only: a common search word stops the count early
        total = lib.query(
            f"SELECT count(*) AS n FROM (SELECT 1 FROM ymt_projects p WHERE {where} LIMIT ?) s",
            [*params, cap + 1],
        )[0]["n"]
        rows = lib.query(
            f"SELECT p.* FROM ymt_projects p WHERE {where} ORDER BY p.code LIMIT ? OFFSET ?",
            [*params, page_size, (page - 1) * page_size],
        )
    except LibraryError as exc:
        raise from_library(exc) from None
    return {
        "page": page,
        "page_size": page_size,
        "total": min(int(total), cap),
        "total_exact": int(total) <= cap,
        "items": [project_json(r) for r in rows],
    }


@router.get("/projects/{code}", response_model=ProjectFile, summary="项目详情 (one project)")
async def get_project(
    code: str,
    who: Caller = Depends(need("read")),
    as_of: Optional[dt.date] = Query(None, description="findings as of this day (today)"),
):
    # async, the library's work in one worker thread: a plain ``def`` route takes a second
    # thread hop to check the answer against its model (FastAPI does it in the event loop
    # for an async route)
    try:
        info = await run_in_threadpool(_project_file, who.lib, code, as_of)
    except LibraryError as exc:
        raise from_library(exc) from None
    if not info:
        raise from_library(LibraryError(_no_project(code), "not_found", "code"))
    return info


def _project_file(lib, code: str, as_of: Optional[dt.date]) -> dict:
    """The service's JSON of one project (blocking: runs in a worker thread)."""
    info = projectbox.project_file(lib, code, as_of)
    if not info:
        return {}
    return {
        "project": project_json(info["project"]),
        "parcels": parcels_json(info["parcels"]),
        "events": [event_json(e) for e in info["events"]],
        "results": [result_json(r) for r in info["results"]],
        "findings": [finding_json(f) for f in info["findings"]],
        "as_of": info["as_of"].isoformat(),
    }


BBOX = r"^\s*-?[0-9.]+(\s*,\s*-?[0-9.]+){3}\s*$"


@router.get("/parcels", response_model=ParcelBox, summary="范围内地块 (parcels in a box)")
def parcels_in_box(
    who: Caller = Depends(need("read")),
    bbox: str = Query(..., pattern=BBOX, description="minx,miny,maxx,maxy in EPSG:4490"),
    limit: int = Query(1000, ge=1, le=5000),
):
    """Parcels (current and retired) whose envelope meets the box, through the spatial index;
    each feature's properties carry its project ``code``. ``truncated`` says the box held more
    than ``limit`` parcels (ask a smaller box)."""
    from ..core.i18n import tr

    try:
        minx, miny, maxx, maxy = (float(v) for v in bbox.split(","))
    except ValueError:
        minx = None
    if minx is None or not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        msg = tr("bbox must be minx,miny,maxx,maxy in degrees (EPSG:4490), min before max")
        raise from_library(LibraryError(msg, "bad_value", "bbox"))
    try:
        rows = who.lib.parcels_in_box(minx, miny, maxx, maxy)
    except LibraryError as exc:
        raise from_library(exc) from None
    out = parcels_json(rows[:limit])
    for feature, row in zip(out["features"], rows):
        feature["properties"]["code"] = row["code"]
    out["truncated"] = len(rows) > limit
    return out


def _no_project(code: str) -> str:
    from ..core.i18n import tr

    return tr("No project with code {code} in the library").format(code=code)


@router.get("/projects/{code}/stages", response_model=list[Event], summary="项目阶段 (stages)")
def list_stages(code: str, who: Caller = Depends(need("read"))):
    try:
        if who.lib.project(code) is None:
            raise LibraryError(_no_project(code), "not_found", "code")
        return [event_json(e) for e in who.lib.events(code)]
    except LibraryError as exc:
        raise from_library(exc) from None


@router.get("/projects/{code}/history", response_model=list[dict], summary="审计记录 (audit)")
def project_history(code: str, who: Caller = Depends(need("read"))):
    """Audit entries of the project and its parcels, events and results, oldest first
    (``before``/``after``: the whole row; geometry left out)."""
    try:
        if who.lib.project(code) is None:
            raise LibraryError(_no_project(code), "not_found", "code")
        rows = who.lib.history(code)
    except LibraryError as exc:
        raise from_library(exc) from None
    for row in rows:
        for key in ("before", "after"):
            if isinstance(row.get(key), dict):
                row[key].pop("geom", None)
    return rows


@router.get("/codes/{code}/check", response_model=CodeCheck, summary="一码核验 (check a code)")
def check_code(code: str, who: Caller = Depends(need("read"))):
    text = code[:100]
    out = {"input": text, "well_formed": False, "unit_number": looks_like_unit_number(text)}
    out["exists"] = False
    try:
        parsed = parse_code(text, who.lib.dictionaries)
    except CodeError as exc:
        out.update(message=str(exc), segment=exc.segment)
        return out
    out.update(well_formed=True, code=str(parsed), display=parsed.display())
    try:
        row = who.lib.project(str(parsed))
    except LibraryError as exc:
        raise from_library(exc) from None
    if row is not None:
        out.update(exists=True, archived=bool(row["archived"]), name=row["name"])
    return out
