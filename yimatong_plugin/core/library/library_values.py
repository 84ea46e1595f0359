"""The library's fields and the checks of their values (sources, stages, names, investment
codes, structural codes), shared by the library's parts."""

from __future__ import annotations

import datetime
import getpass
import hashlib
import re
from typing import Union

from ..code import SEGMENTS, ProjectCode, parse_code
from ..event_fields import EVENT_FACTS
from ..i18n import tr
from .constants import SOURCES, STAGES
from .errors import LibraryError

PROJECT_ATTRS = (
    "applicant",
    "declared_area_m2",
    "agreed_handover",
    "agreed_start",
    "agreed_completion",
    "investment_code",
    "status",
    "note",
)
#: v5: the approval system's latest handling status of the project (办理状态), its date and item
APPROVAL_ATTRS = ("approval_status", "approval_status_at", "approval_item")
PROJECT_UPDATABLE = ("name", "source") + PROJECT_ATTRS + APPROVAL_ATTRS
EVENT_ATTRS = EVENT_FACTS
DATE_FIELDS = (
    "agreed_handover",
    "agreed_start",
    "agreed_completion",
    "event_date",
    "stopped_on",
    "approval_status_at",
)
AREA_FIELDS = ("declared_area_m2", "area_m2")
BOOL_FIELDS = ("archived", "repaired", "retired")
MAX_SERIAL = 999999
_INVESTMENT_RE = re.compile(r"^(\d{4})-?(\d{6})-?(\d{2})-?(\d{2})-?(\d{5}[0-9A-Z])$")

CodeLike = Union[str, ProjectCode]


def now_iso() -> str:
    """UTC now as GeoPackage DATETIME text (millisecond precision, 'Z')."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services): still record something honest
        return "unknown"


def file_sha256(path) -> tuple[str, int]:
    """(SHA-256 hex digest, size in bytes) of a file, read in 1 MiB chunks; raises OSError."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _structural_code(text: str) -> ProjectCode:
    bare = re.sub(r"[\s\-\u3000]", "", text)
    if len(bare) != 28 or not (bare.isascii() and bare.isdigit()):
        return parse_code(text)  # raises the precise CodeError
    values, start = {}, 0
    for name, width in SEGMENTS:
        values[name] = bare[start : start + width]
        start += width
    return ProjectCode(**values)


def _prefix_upper(digits: str) -> str:
    """Smallest string greater than every string starting with ``digits`` (a digit string)."""
    return digits + ":"  # ':' sorts right after '9'


def _one_of(value, choices, field: str, message: str) -> None:
    """LibraryError ``message`` (``{<field>}`` the value, ``{choices}`` the list) for
    ``field`` unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise LibraryError(
            message.format(choices=", ".join(choices), **{field: value}), "bad_value", field
        )


def check_source(source) -> None:
    _one_of(source, SOURCES, "source", tr("Unknown project source '{source}'; one of: {choices}"))


def check_stage(stage, allow_none: bool = False) -> None:
    if stage is None and allow_none:
        return
    _one_of(stage, STAGES, "stage", tr("Unknown stage '{stage}'; one of: {choices}"))


def check_name(name) -> str:
    name = "" if name is None else str(name).strip()
    if not name:
        raise LibraryError(tr("A project needs a name"), "bad_value", "name")
    return name


def normalise_investment_code(value) -> str:
    """GB/T 40058 investment project code in its hyphenated form (4-6-2-2-6)."""
    text = re.sub(r"\s", "", str(value)).upper()
    match = _INVESTMENT_RE.match(text)
    if not match:
        raise LibraryError(
            tr(
                "investment_code: '{value}' is not a national investment project code "
                "(GB/T 40058: YYYY-RRRRRR-MM-TT-NNNNNC)"
            ).format(value=value),
            "bad_value",
            "investment_code",
        )
    return "-".join(match.groups())
