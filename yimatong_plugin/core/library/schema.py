"""The library schema, written once and rendered for GeoPackage (SQLite) and PostGIS.

This module is the one table description (columns with their GeoPackage and PostgreSQL types,
checks, indexes, descriptions); ``schema_gpkg.py`` and ``schema_pg.py`` render it for each
backend with their triggers and migrations, and each later version (``schema_v5.py``…) describes
its own tables the same way; the statements both write alike (tables, indexes, audit, refusal
and immutability triggers) are rendered by ``schema_render.py``. Import everything from here.

Every table has an integer primary key ``fid`` (GeoPackage requires it, QGIS edits through it);
the project code is the natural key (``UNIQUE``, 28 digits, immutable).
Audit, delete refusal and code immutability are database triggers on both backends, so an edit
made in QGIS's attribute table is audited like one made through the Python API.
"""

from __future__ import annotations

from itertools import accumulate

from ..code_segments import SEGMENTS
from .constants import LIBRARY_EPSG, SCHEMA_VERSION, SOURCES, STAGE_SINCE_VERSION, STAGES
from .schema_render import CLOCK, NOW, TRAIL, Column, col, flag, nonblank_text


def _in_list(column: str, values) -> str:
    return "{c} IN ({v})".format(c=column, v=", ".join(f"'{v}'" for v in values))


_SOURCE_CHECK = _in_list("source", SOURCES)


def stages_at(version: int = SCHEMA_VERSION) -> list[str]:
    """The stage keys the stage CHECK constraints of schema ``version`` accept."""
    return [s for s in STAGES if STAGE_SINCE_VERSION.get(s, 1) <= version]


def stage_check(version: int = SCHEMA_VERSION) -> str:
    return _in_list("stage", stages_at(version))


_STAGE_CHECK = stage_check()

# a column: see schema_render.col (one description, both backends' spelling)
_ARCHIVE = [flag("archived"), col("archived_at", "timestamp"), col("archive_reason", "text")]
#: the project a parcel, event or result belongs to
_PROJECT_CODE = col("code", "code", required=True, references="ymt_projects (code)")
#: the stage a parcel or result is attached to, if any
_OPTIONAL_STAGE = col("stage", "text", check=f"stage IS NULL OR {_STAGE_CHECK}")
#: a project's code segments (GeoPackage declares their widths), each equal to its part of the
#: code
_SEGMENT_COLUMNS = [col(name, "text", width=width, required=True) for name, width in SEGMENTS]
_SEGMENT_CHECK = " AND ".join(
    f"substr(code, {start}, {width}) = {name}"
    for (name, width), start in zip(SEGMENTS, accumulate((w for _, w in SEGMENTS), initial=1))
)


def _ratio(name: str) -> Column:
    """A share between 0 and 1, or nothing."""
    return col(
        name,
        "real",
        check=(
            f"{name} IS NULL OR ({name} >= 0 AND {name} <= 1)",
            f"{name} IS NULL OR {name} BETWEEN 0 AND 1",
        ),
    )


def _not_negative(name: str) -> Column:
    return col(name, "real", check=f"{name} IS NULL OR {name} >= 0")


_AGREED_DATES = [col(f"agreed_{what}", "date") for what in ("handover", "start", "completion")]

COLUMNS = {
    "ymt_projects": [
        col(
            "code",
            "code",
            required=True,
            unique=True,
            check=("length(code) = 28 AND code NOT GLOB '*[^0-9]*'", "code ~ '^[0-9]{28}$'"),
        ),
        nonblank_text("name"),
        col("source", "text", required=True, check=_SOURCE_CHECK),
        *_SEGMENT_COLUMNS,
        col("applicant", "text"),
        _not_negative("declared_area_m2"),
        *_AGREED_DATES,
        col("investment_code", "text"),
        col("status", "text", fill=True, default="'active'"),
        col("note", "text"),
        *_ARCHIVE,
        *TRAIL,
        # v4, maintained by triggers: the stage of the latest non-archived event (by date)
        col("current_stage", "text"),
        # v5: the latest handling status the approval system reported (办理状态, e.g. 已受理),
        # its date and the approval item (审批事项) it concerns
        col("approval_status", "text"),
        col("approval_status_at", "date"),
        col("approval_item", "text"),
    ],
    "ymt_parcels": [
        ("geom", "MULTIPOLYGON", f"geometry(MultiPolygon, {LIBRARY_EPSG})"),
        _PROJECT_CODE,
        _OPTIONAL_STAGE,
        col("label", "text"),
        col("area_m2", "real"),
        flag("repaired"),
        col("repair_note", "text"),
        flag("retired"),
        col("retired_at", "timestamp"),
        col("retire_reason", "text"),
        col("replaces", "bigint", references="ymt_parcels (fid)"),
        col("replaced_by", "bigint", references="ymt_parcels (fid)"),
        col("source_file", "text"),
        col("source_crs", "text"),
        *TRAIL,
    ],
    "ymt_events": [
        _PROJECT_CODE,
        col("stage", "text", required=True, check=_STAGE_CHECK),
        col("event_date", "date", required=True),
        col("status", "text"),
        col("doc_no", "text"),
        col("origin_system", "text"),
        *_AGREED_DATES,
        _ratio("developed_ratio"),
        _ratio("invested_ratio"),
        col("batch", "text"),
        col("note", "text"),
        *_ARCHIVE,
        *TRAIL,
        # v4: the area the event concerns (e.g. the area a supply of a batch hands over), and the
        # date development stopped (闲置土地: started but stalled)
        _not_negative("area_m2"),
        col("stopped_on", "date"),
        # v5: the source system's own record id (UNIQUE with origin_system among live rows)
        col("origin_key", "text"),
    ],
    "ymt_results": [
        _PROJECT_CODE,
        _OPTIONAL_STAGE,
        col("kind", "text", required=True),
        col("path", "text", required=True),
        col(
            "sha256",
            "text",
            check=("sha256 IS NULL OR length(sha256) = 64", "sha256 ~ '^[0-9a-f]{64}$'"),
        ),
        col("size_bytes", "bigint"),
        col("who", "text"),
        col("added_at", "timestamp", fill=True, default=NOW),
        *_ARCHIVE,
        *TRAIL,
    ],
    "ymt_serials": [
        col(
            "prefix",
            "text",
            required=True,
            unique=True,
            check=("length(prefix) = 22", "prefix ~ '^[0-9]{22}$'"),
        ),
        col(
            "last_serial",
            "integer",
            required=True,
            check=(
                "last_serial >= 0 AND last_serial <= 999999",
                "last_serial BETWEEN 0 AND 999999",
            ),
        ),
        col("updated_at", "timestamp", required=True, default=NOW),
    ],
    "ymt_audit": [
        col("table_name", "text", required=True),
        col("row_fid", "bigint"),
        col("code", "text"),
        col("action", "text", required=True, check="action IN ('insert', 'update', 'archive')"),
        col("who", "text"),
        col("at", "timestamp", required=True, default=CLOCK),
        col("before", "json"),
        col("after", "json"),
    ],
}

TABLE_CHECKS = {"ymt_projects": _SEGMENT_CHECK}

#: columns added after version 1: (table, column) -> the schema version that adds them
ADDED_IN = {
    ("ymt_projects", "current_stage"): 4,
    ("ymt_events", "area_m2"): 4,
    ("ymt_events", "stopped_on"): 4,
    ("ymt_projects", "approval_status"): 5,
    ("ymt_projects", "approval_status_at"): 5,
    ("ymt_projects", "approval_item"): 5,
    ("ymt_events", "origin_key"): 5,
}
#: derived columns kept by triggers: a change of only these is not an audited edit
DERIVED_COLUMNS = {"ymt_projects": ("current_stage",)}
#: tables with a stage CHECK (rebuilt on GeoPackage when the stage list grows)
STAGE_TABLES = ("ymt_parcels", "ymt_events", "ymt_results")


def columns(table: str, version: int = SCHEMA_VERSION) -> list[tuple[str, str, str]]:
    """``(name, GeoPackage declaration, PostgreSQL declaration)`` of ``table`` in schema
    ``version`` (columns added later left out, the stage CHECK of that version)."""
    out = []
    old_check = stage_check(version)
    for name, gp, pg in COLUMNS[table]:
        if ADDED_IN.get((table, name), 1) > version:
            continue
        if name == "stage" and old_check != _STAGE_CHECK:
            gp, pg = gp.replace(_STAGE_CHECK, old_check), pg.replace(_STAGE_CHECK, old_check)
        out.append((name, gp, pg))
    return out


DESCRIPTIONS = {
    "ymt_projects": "Yimatong projects (one row per 28-digit code)",
    "ymt_parcels": "Yimatong parcels (CGCS2000, lineage kept)",
    "ymt_events": "Yimatong stage events",
    "ymt_results": "Yimatong results (files with SHA-256)",
    "ymt_serials": "Yimatong last serial per 22-digit code prefix",
    "ymt_audit": "Yimatong audit log (append-only)",
}

INDEXES = [
    ("ymt_projects_name_idx", "ymt_projects", "name"),
    ("ymt_projects_applicant_idx", "ymt_projects", "applicant"),
    ("ymt_projects_investment_idx", "ymt_projects", "investment_code"),
    ("ymt_parcels_code_idx", "ymt_parcels", "code"),
    ("ymt_events_code_idx", "ymt_events", "code, event_date"),
    ("ymt_events_stage_idx", "ymt_events", "stage, event_date"),
    ("ymt_results_code_idx", "ymt_results", "code"),
    ("ymt_audit_code_idx", "ymt_audit", "code, fid"),
    ("ymt_audit_row_idx", "ymt_audit", "table_name, row_fid"),
]
#: indexes added by schema version 4
INDEXES_V4 = [
    ("ymt_events_batch_idx", "ymt_events", "batch"),
    ("ymt_projects_current_stage_idx", "ymt_projects", "current_stage, code"),
]

# the flag whose change from false to true is recorded as action 'archive'
ARCHIVE_FLAG = {
    "ymt_projects": "archived",
    "ymt_parcels": "retired",
    "ymt_events": "archived",
    "ymt_results": "archived",
}


def column_names(table: str, version: int = SCHEMA_VERSION) -> list[str]:
    return ["fid"] + [c[0] for c in columns(table, version)]


# The DDL of each backend, rendered from the description above (they import it: keep these
# imports below it).
from .schema_gpkg import (  # noqa: E402, F401
    GPKG_CORE,
    GPKG_FIXED_TRIGGERS,
    GPKG_MIGRATIONS,
    GPKG_REBUILDS,
    GPKG_RTREE,
    GPKG_SRS_ROWS,
    SRS_4326_WKT,
    SRS_4490_WKT,
    gpkg_schema_v1,
    gpkg_table_sql,
    gpkg_trigger_sql,
)
from .schema_pg import (  # noqa: E402, F401
    PG_FILL,
    PG_FUNCTIONS,
    PG_MIGRATIONS,
    PG_WHO,
    pg_fill_function,
    pg_schema_v1,
    pg_table_sql,
)

# Version 5: events.origin_key (unique per origin_system), the approval status of a project, and
# the exchange service's tables (API clients, content-addressed result files): see schema_v5.py.
from .schema_v5 import gpkg_v5, pg_v5  # noqa: E402  (needs the functions above)

GPKG_MIGRATIONS[5] = gpkg_v5()
PG_MIGRATIONS[5] = pg_v5()

# the 一张图 catalog (topics, layers with their standard styles): see schema_v6.py.
from .schema_v6 import gpkg_v6, pg_v6  # noqa: E402

GPKG_MIGRATIONS[6] = gpkg_v6()
PG_MIGRATIONS[6] = pg_v6()

# control sets (versioned control lines) and their stored preparation: see schema_v7.py.
from .schema_v7 import gpkg_v7, pg_v7  # noqa: E402

GPKG_MIGRATIONS[7] = gpkg_v7()
PG_MIGRATIONS[7] = pg_v7()

# a covering index of the parcels' current areas per project (the statistics): see schema_v8.py.
from .schema_v8 import gpkg_v8, pg_v8  # noqa: E402

GPKG_MIGRATIONS[8] = gpkg_v8()
PG_MIGRATIONS[8] = pg_v8()

# two covering indexes of the events (the statistics' lifecycle figures): see schema_v9.py.
from .schema_v9 import gpkg_v9, pg_v9  # noqa: E402

GPKG_MIGRATIONS[9] = gpkg_v9()
PG_MIGRATIONS[9] = pg_v9()
