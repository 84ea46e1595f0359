"""Request and response bodies (pydantic): what /openapi.json documents and the service answers.

Library rows become JSON here: ``fid`` is ``id``, parcels are GeoJSON (EPSG:4490, CGCS2000
longitude/latitude), results give their file name and SHA-256 but never a disk path.
"""

from __future__ import annotations

import datetime as dt
import struct
from enum import Enum
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..core import lifecycle as lc
from ..core.library import SOURCES, STAGES
from ..core.library.blobs import parse_blob_path

Stage = Enum("Stage", {k: k for k in STAGES}, type=str)
Source = Enum("Source", {k: k for k in SOURCES}, type=str)

#: 办理状态 BLZT of the national approval-system data sharing (DOMAIN.md). Local systems that
#: number differently map to these before they call.
BLZT = {
    1: "已接件",
    2: "已撤件",
    3: "已受理",
    4: "不受理",
    5: "不予受理",
    6: "补正（开始）",
    7: "补正（结束）",
    8: "部门开始办理",
    9: "特别程序（开始）",
    10: "特别程序（结束）",
    11: "办结（通过）",
    12: "办结（容缺通过）",
    13: "办结（不通过）",
    14: "撤回",
    15: "撤销",
}

Text = Optional[str]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: Optional[str] = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class Approval(Strict):
    """The approval system's feedback (national data-sharing vocabulary)."""

    blzt: int = Field(ge=1, le=15, description="办理状态 BLZT 1–15")
    spsx: Optional[str] = Field(None, max_length=200, description="审批事项 (item name)")
    pfwh: Optional[str] = Field(None, max_length=200, description="批复文号 PFWH")
    pfrq: Optional[dt.date] = Field(None, description="批复日期 PFRQ")


class StageIn(Strict):
    stage: Stage
    record_id: str = Field(
        min_length=1,
        max_length=200,
        description="the caller's own record id (e.g. 流水号 LSH or 地方数据主键 DFSJZJ): "
        "a repeated POST with the same record id changes nothing and answers as the first",
    )
    date: Optional[dt.date] = Field(None, description="event date; default: approval.pfrq")
    status: Optional[str] = Field(None, max_length=200)
    doc_no: Optional[str] = Field(None, max_length=200)
    note: Optional[str] = Field(None, max_length=2000)
    batch: Optional[str] = Field(None, max_length=200)
    area_m2: Optional[float] = Field(None, ge=0, le=1e12)
    developed_ratio: Optional[float] = Field(None, ge=0, le=1)
    invested_ratio: Optional[float] = Field(None, ge=0, le=1)
    agreed_handover: Optional[dt.date] = None
    agreed_start: Optional[dt.date] = None
    agreed_completion: Optional[dt.date] = None
    stopped_on: Optional[dt.date] = None
    approval: Optional[Approval] = None


class RegistrationIn(Strict):
    unit_number: str = Field(
        min_length=1, max_length=64, description="不动产单元号 (GB/T 37346, 28 characters)"
    )
    certificate_no: str = Field(min_length=1, max_length=200, description="不动产权证书号")
    date: dt.date = Field(description="登簿日期")
    record_id: Optional[str] = Field(
        None, min_length=1, max_length=200, description="default: unit_number/certificate_no"
    )


class AllocateIn(Strict):
    region: str = Field(min_length=1, max_length=2)
    admin: str = Field(min_length=1, max_length=6)
    year: str = Field(min_length=1, max_length=4)
    approval_type: str = Field(min_length=1, max_length=2)
    project_type: str = Field(min_length=1, max_length=2)
    supply_type: str = Field(min_length=1, max_length=2)
    land_use: str = Field(min_length=1, max_length=4)
    #: with a name and a source the project record is created with the code (one transaction)
    name: Optional[str] = Field(None, min_length=1, max_length=200)
    source: Optional[Source] = None


class CodeOut(BaseModel):
    code: str
    display: str


class LibraryRow(BaseModel):
    """A library row as JSON: the fields declared are those every client reads; the row's
    other columns pass through as they are (``extra="allow"``)."""

    model_config = ConfigDict(extra="allow")


class Project(LibraryRow):
    code: str
    name: str
    source: str
    admin: str
    year: str
    current_stage: Text = None
    current_stage_name: Text = None
    status: Text = None
    updated_at: Text = None
    archived: bool = False


class ProjectPage(BaseModel):
    page: int
    page_size: int
    total: int = Field(description="matching projects, counted up to 1000 (--count-cap)")
    total_exact: bool = Field(description="false: more than `total` projects match")
    items: list[Project]


class Event(LibraryRow):
    id: int
    code: str
    stage: str
    stage_name: str
    date: str
    status: Text = None
    doc_no: Text = None
    origin_system: Text = None
    record_id: Text = None


class Result(BaseModel):
    id: int
    code: str
    stage: Text = None
    kind: str
    name: str
    sha256: Text = None
    size_bytes: Optional[int] = None
    who: Text = None
    added_at: Text = None
    stored: bool = Field(description="the bytes are in the library (downloadable)")


class Feature(BaseModel):
    type: str = "Feature"
    id: int
    geometry: Optional[dict[str, Any]] = None
    properties: dict[str, Any]


class FeatureCollection(BaseModel):
    type: str = "FeatureCollection"
    features: list[Feature]


class ParcelBox(FeatureCollection):
    """Parcels (current and retired) whose envelope meets a box; ``truncated``: more than
    the limit met it (only the first ``limit`` are listed)."""

    truncated: bool


class Finding(LibraryRow):
    rule: str
    severity: str
    since: str
    days: int
    evidence: str


class ProjectFile(BaseModel):
    project: Project
    parcels: FeatureCollection
    events: list[Event]
    results: list[Result]
    findings: list[Finding]
    as_of: str


class CodeCheck(BaseModel):
    input: str
    well_formed: bool
    code: Text = None
    display: Text = None
    segment: Text = Field(None, description="the wrong segment, when one is")
    message: Text = None
    unit_number: bool = Field(description="the input is a 不动产单元号, not a project code")
    exists: bool
    archived: Optional[bool] = None
    name: Text = None


# --- rows -> JSON -----------------------------------------------------------------------------
_HIDDEN_EVENT = ("fid", "event_date", "origin_key", "archived", "archived_at", "archive_reason")


def project_json(row: dict) -> dict:
    out = {k: v for k, v in row.items() if k not in ("fid", "geom")}
    out["current_stage_name"] = STAGES.get(row.get("current_stage") or "")
    return out


def event_json(row: dict) -> dict:
    out = {k: v for k, v in row.items() if k not in _HIDDEN_EVENT}
    out.update(
        id=row["fid"],
        date=row["event_date"],
        stage_name=STAGES.get(row["stage"], row["stage"]),
        record_id=row.get("origin_key"),
    )
    return out


def result_json(row: dict) -> dict:
    blob = parse_blob_path(row.get("path"))
    name = blob[1] if blob else str(row.get("path") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return {
        "id": row["fid"],
        "code": row["code"],
        "stage": row.get("stage"),
        "kind": row["kind"],
        "name": name,
        "sha256": row.get("sha256"),
        "size_bytes": row.get("size_bytes"),
        "who": row.get("who"),
        "added_at": row.get("added_at"),
        "stored": blob is not None,
    }


def _rings(wkb: bytes, at: int, fmt: str, n_rings: int, out: list) -> int:
    for _ in range(n_rings):
        (n,) = struct.unpack_from(fmt + "I", wkb, at)
        if n == 0:
            raise ValueError("empty ring")
        xy = struct.unpack_from(f"{fmt}{2 * n}d", wkb, at + 4)
        out.append(tuple(zip(xy[::2], xy[1::2])))
        at += 4 + 16 * n
    return at


def _polygon_part(wkb: bytes, at: int, kind: int) -> tuple[list, int]:
    order = wkb[at]
    if order not in (0, 1):
        raise ValueError("byte order")
    fmt = "<" if order else ">"
    typ, n_rings = struct.unpack_from(fmt + "II", wkb, at + 1)
    if typ != kind or n_rings == 0:
        raise ValueError("not a plain 2D polygon")
    rings: list = []
    end = _rings(wkb, at + 9, fmt, n_rings, rings)
    return tuple(rings), end  # as shapely's mapping: a tuple of rings


def wkb_geojson(wkb: bytes) -> dict:
    """GeoJSON of a WKB geometry, as ``shapely.geometry.mapping(shapely.from_wkb(wkb))`` gives
    it; a 2D polygon or multipolygon (the parcels) is read straight from the bytes (the same
    doubles, without a GEOS geometry: a third of a lookup's Python time), anything else
    through shapely."""
    try:
        order = wkb[0]
        if order not in (0, 1):
            raise ValueError("byte order")
        fmt = "<" if order else ">"
        (typ,) = struct.unpack_from(fmt + "I", wkb, 1)
        if typ == 3:
            coords, end = _polygon_part(wkb, 0, 3)
            kind = "Polygon"
        elif typ == 6:
            (n,) = struct.unpack_from(fmt + "I", wkb, 5)
            coords, end = [], 9
            for _ in range(n):
                part, end = _polygon_part(wkb, end, 3)
                coords.append(part)
            if not coords:
                raise ValueError("empty")
            kind = "MultiPolygon"
        else:
            raise ValueError("another type")
        if end != len(wkb):
            raise ValueError("trailing bytes")
        return {"type": kind, "coordinates": coords}
    except (ValueError, IndexError, struct.error):
        import shapely

        return shapely.geometry.mapping(shapely.from_wkb(wkb))


def parcels_json(rows: list[dict]) -> dict:
    features = []
    for row in rows:
        wkb = row.get("geometry")
        geom = wkb_geojson(bytes(wkb)) if wkb else None
        props = {
            k: row.get(k)
            for k in ("stage", "label", "area_m2", "retired", "replaces", "replaced_by")
        }
        features.append(
            {"type": "Feature", "id": row["fid"], "geometry": geom, "properties": props}
        )
    return {"type": "FeatureCollection", "features": features}


def finding_json(f: lc.Finding) -> dict:
    out = f.as_dict()
    out["codes"] = list(f.codes)
    return out
