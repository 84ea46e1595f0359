"""Errors of the service: one JSON shape, Chinese messages naming the field, never a trace.

Every error answers ``{"error": {"code": ..., "message": ..., "field": ...}}``. Messages are
English source strings (``tr``) translated through the plugin's zh_CN ``.ts`` (loaded without
Qt by :func:`install_chinese`). Library errors whose text could name a file, a database or SQL
(kinds such as ``io``, ``database``, ``constraint``) get a fixed message instead of theirs.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Optional

from ..core.i18n import set_translate, tr
from ..core.library import LibraryError

log = logging.getLogger("yimatong.service")
TS_FILE = Path(__file__).resolve().parent.parent / "i18n" / "yimatong_zh_CN.ts"


def install_chinese(path: Path = TS_FILE) -> int:
    """Translate the core's messages to Chinese from the .ts file; returns how many."""
    table = {}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):  # no translations: English, still correct
        log.warning("no Chinese translations at %s", path)
        return 0
    for msg in root.iter("message"):
        source, text = msg.findtext("source"), msg.find("translation")
        if source and text is not None and text.text and text.get("type") is None:
            table[source] = text.text
    set_translate(lambda s: table.get(s, s))
    return len(table)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, field: Optional[str] = None):
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def body(code: str, message: str, field: Optional[str] = None) -> dict:
    return {"error": {"code": code, "message": message, "field": field}}


#: library error kinds whose message is safe to show (names a field, code, value; no path)
_PASS = {
    "bad_value": 422,
    "bad_code": 422,
    "not_found": 404,
    "archived": 409,
    "duplicate_code": 409,
    "duplicate_origin": 409,
    "serials_exhausted": 409,
    "bad_geometry": 422,
    "units": 422,
    "unknown_crs": 422,
    "not_stored": 404,
    "integrity": 409,
}


def from_library(exc: LibraryError) -> ApiError:
    if exc.kind in _PASS:
        field = exc.where if exc.kind in ("bad_value", "not_stored", "integrity") else None
        if exc.kind in ("bad_code", "not_found", "archived"):
            field = "result_id" if exc.where == "result_id" else "code"
        return ApiError(_PASS[exc.kind], exc.kind, str(exc), field)
    if exc.kind in ("busy", "connection"):
        return ApiError(503, "unavailable", tr("The library is busy or unreachable; try again"))
    if exc.kind == "constraint":
        return ApiError(409, "refused", tr("The library refused the change"))
    log.error("library error %s: %s", exc.kind, exc)
    return ApiError(503, "unavailable", tr("The library cannot answer now; try again later"))


#: pydantic error type -> reason (English source, translated)
def _reason(kind: str, ctx: dict) -> str:
    reasons = {
        "missing": tr("is required"),
        "int_parsing": tr("must be an integer"),
        "int_type": tr("must be an integer"),
        "int_from_float": tr("must be an integer"),
        "float_parsing": tr("must be a number"),
        "float_type": tr("must be a number"),
        "finite_number": tr("must be a number"),
        "string_type": tr("must be text"),
        "bool_parsing": tr("must be true or false"),
        "bool_type": tr("must be true or false"),
        "date_parsing": tr("must be a date (YYYY-MM-DD)"),
        "date_from_datetime_parsing": tr("must be a date (YYYY-MM-DD)"),
        "date_type": tr("must be a date (YYYY-MM-DD)"),
        "date_from_datetime_inexact": tr("must be a date (YYYY-MM-DD)"),
        "string_too_short": tr("is too short"),
        "string_too_long": tr("is too long"),
        "string_pattern_mismatch": tr("has the wrong format"),
        "literal_error": tr("is not one of the allowed values"),
        "enum": tr("is not one of the allowed values"),
        "extra_forbidden": tr("is not a known field"),
        "dict_type": tr("must be a JSON object"),
        "model_type": tr("must be a JSON object"),
        "list_type": tr("must be a list"),
        "json_invalid": tr("is not valid JSON"),
        "value_error": tr("is not valid"),
    }
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return tr("is out of range")
    return reasons.get(kind, tr("is not valid"))


def from_validation(errors: list) -> ApiError:
    first = errors[0] if errors else {}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "header")]
    field = ".".join(loc) or "body"
    kind = first.get("type", "")
    if kind == "json_invalid" or (kind == "model_attributes_type" and not loc):
        return ApiError(422, "bad_json", tr("The request body is not a valid JSON object"), "body")
    message = tr("Field {field} {reason}").format(
        field=field, reason=_reason(kind, first.get("ctx") or {})
    )
    return ApiError(422, "bad_value", message, field)
