# ruff: noqa: E501  (SQL text reads better unwrapped)
"""The library schema, written once and rendered for GeoPackage (SQLite) and PostGIS.

Every table has an integer primary key ``fid`` (GeoPackage requires it, QGIS edits through it);
the project code is the natural key (``UNIQUE``, 28 digits, immutable).
Audit, delete refusal and code immutability are database triggers on both backends, so an edit
made in QGIS's attribute table is audited like one made through the Python API.
"""

from __future__ import annotations

from .constants import LIBRARY_EPSG, SCHEMA_VERSION, SOURCES, STAGE_SINCE_VERSION, STAGES

NOW_GPKG = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"


def _in_list(column: str, values) -> str:
    return "{c} IN ({v})".format(c=column, v=", ".join(f"'{v}'" for v in values))


_SOURCE_CHECK = _in_list("source", SOURCES)


def stages_at(version: int = SCHEMA_VERSION) -> list[str]:
    """The stage keys the stage CHECK constraints of schema ``version`` accept."""
    return [s for s in STAGES if STAGE_SINCE_VERSION.get(s, 1) <= version]


def stage_check(version: int = SCHEMA_VERSION) -> str:
    return _in_list("stage", stages_at(version))


_STAGE_CHECK = stage_check()

# (name, GeoPackage declaration, PostgreSQL declaration)
_TRAIL = [
    (
        "created_at",
        "DATETIME NOT NULL ON CONFLICT REPLACE DEFAULT " + NOW_GPKG,
        "timestamptz NOT NULL DEFAULT now()",
    ),
    (
        "updated_at",
        "DATETIME NOT NULL ON CONFLICT REPLACE DEFAULT " + NOW_GPKG,
        "timestamptz NOT NULL DEFAULT now()",
    ),
    ("updated_by", "TEXT", "text"),
    ("rev", "INTEGER NOT NULL ON CONFLICT REPLACE DEFAULT 1", "integer NOT NULL DEFAULT 1"),
]
_ARCHIVE = [
    (
        "archived",
        "BOOLEAN NOT NULL ON CONFLICT REPLACE DEFAULT 0",
        "boolean NOT NULL DEFAULT false",
    ),
    ("archived_at", "DATETIME", "timestamptz"),
    ("archive_reason", "TEXT", "text"),
]
_SEGMENT_CHECK = (
    "substr(code, 1, 2) = region AND substr(code, 3, 6) = admin AND substr(code, 9, 4) = year"
    " AND substr(code, 13, 2) = approval_type AND substr(code, 15, 2) = project_type"
    " AND substr(code, 17, 2) = supply_type AND substr(code, 19, 4) = land_use"
    " AND substr(code, 23, 6) = serial"
)

COLUMNS = {
    "ymt_projects": [
        (
            "code",
            "TEXT NOT NULL UNIQUE CHECK (length(code) = 28 AND code NOT GLOB '*[^0-9]*')",
            "text COLLATE \"C\" NOT NULL UNIQUE CHECK (code ~ '^[0-9]{28}$')",
        ),
        (
            "name",
            "TEXT NOT NULL CHECK (length(trim(name)) > 0)",
            "text NOT NULL CHECK (btrim(name) <> '')",
        ),
        (
            "source",
            f"TEXT NOT NULL CHECK ({_SOURCE_CHECK})",
            f"text NOT NULL CHECK ({_SOURCE_CHECK})",
        ),
        ("region", "TEXT(2) NOT NULL", "text NOT NULL"),
        ("admin", "TEXT(6) NOT NULL", "text NOT NULL"),
        ("year", "TEXT(4) NOT NULL", "text NOT NULL"),
        ("approval_type", "TEXT(2) NOT NULL", "text NOT NULL"),
        ("project_type", "TEXT(2) NOT NULL", "text NOT NULL"),
        ("supply_type", "TEXT(2) NOT NULL", "text NOT NULL"),
        ("land_use", "TEXT(4) NOT NULL", "text NOT NULL"),
        ("serial", "TEXT(6) NOT NULL", "text NOT NULL"),
        ("applicant", "TEXT", "text"),
        (
            "declared_area_m2",
            "REAL CHECK (declared_area_m2 IS NULL OR declared_area_m2 >= 0)",
            "double precision CHECK (declared_area_m2 IS NULL OR declared_area_m2 >= 0)",
        ),
        ("agreed_handover", "DATE", "date"),
        ("agreed_start", "DATE", "date"),
        ("agreed_completion", "DATE", "date"),
        ("investment_code", "TEXT", "text"),
        (
            "status",
            "TEXT NOT NULL ON CONFLICT REPLACE DEFAULT 'active'",
            "text NOT NULL DEFAULT 'active'",
        ),
        ("note", "TEXT", "text"),
        *_ARCHIVE,
        *_TRAIL,
        # v4, maintained by triggers: the stage of the latest non-archived event (by date)
        ("current_stage", "TEXT", "text"),
        # v5: the latest handling status the approval system reported (办理状态, e.g. 已受理),
        # its date and the approval item (审批事项) it concerns
        ("approval_status", "TEXT", "text"),
        ("approval_status_at", "DATE", "date"),
        ("approval_item", "TEXT", "text"),
    ],
    "ymt_parcels": [
        ("geom", "MULTIPOLYGON", f"geometry(MultiPolygon, {LIBRARY_EPSG})"),
        (
            "code",
            "TEXT NOT NULL REFERENCES ymt_projects (code)",
            'text COLLATE "C" NOT NULL REFERENCES ymt_projects (code)',
        ),
        (
            "stage",
            f"TEXT CHECK (stage IS NULL OR {_STAGE_CHECK})",
            f"text CHECK (stage IS NULL OR {_STAGE_CHECK})",
        ),
        ("label", "TEXT", "text"),
        ("area_m2", "REAL", "double precision"),
        (
            "repaired",
            "BOOLEAN NOT NULL ON CONFLICT REPLACE DEFAULT 0",
            "boolean NOT NULL DEFAULT false",
        ),
        ("repair_note", "TEXT", "text"),
        (
            "retired",
            "BOOLEAN NOT NULL ON CONFLICT REPLACE DEFAULT 0",
            "boolean NOT NULL DEFAULT false",
        ),
        ("retired_at", "DATETIME", "timestamptz"),
        ("retire_reason", "TEXT", "text"),
        ("replaces", "INTEGER REFERENCES ymt_parcels (fid)", "bigint REFERENCES ymt_parcels (fid)"),
        (
            "replaced_by",
            "INTEGER REFERENCES ymt_parcels (fid)",
            "bigint REFERENCES ymt_parcels (fid)",
        ),
        ("source_file", "TEXT", "text"),
        ("source_crs", "TEXT", "text"),
        *_TRAIL,
    ],
    "ymt_events": [
        (
            "code",
            "TEXT NOT NULL REFERENCES ymt_projects (code)",
            'text COLLATE "C" NOT NULL REFERENCES ymt_projects (code)',
        ),
        (
            "stage",
            f"TEXT NOT NULL CHECK ({_STAGE_CHECK})",
            f"text NOT NULL CHECK ({_STAGE_CHECK})",
        ),
        ("event_date", "DATE NOT NULL", "date NOT NULL"),
        ("status", "TEXT", "text"),
        ("doc_no", "TEXT", "text"),
        ("origin_system", "TEXT", "text"),
        ("agreed_handover", "DATE", "date"),
        ("agreed_start", "DATE", "date"),
        ("agreed_completion", "DATE", "date"),
        (
            "developed_ratio",
            "REAL CHECK (developed_ratio IS NULL OR (developed_ratio >= 0 AND developed_ratio <= 1))",
            "double precision CHECK (developed_ratio IS NULL OR developed_ratio BETWEEN 0 AND 1)",
        ),
        (
            "invested_ratio",
            "REAL CHECK (invested_ratio IS NULL OR (invested_ratio >= 0 AND invested_ratio <= 1))",
            "double precision CHECK (invested_ratio IS NULL OR invested_ratio BETWEEN 0 AND 1)",
        ),
        ("batch", "TEXT", "text"),
        ("note", "TEXT", "text"),
        *_ARCHIVE,
        *_TRAIL,
        # v4: the area the event concerns (e.g. the area a supply of a batch hands over), and the
        # date development stopped (闲置土地: started but stalled)
        (
            "area_m2",
            "REAL CHECK (area_m2 IS NULL OR area_m2 >= 0)",
            "double precision CHECK (area_m2 IS NULL OR area_m2 >= 0)",
        ),
        ("stopped_on", "DATE", "date"),
        # v5: the source system's own record id (UNIQUE with origin_system among live rows)
        ("origin_key", "TEXT", "text"),
    ],
    "ymt_results": [
        (
            "code",
            "TEXT NOT NULL REFERENCES ymt_projects (code)",
            'text COLLATE "C" NOT NULL REFERENCES ymt_projects (code)',
        ),
        (
            "stage",
            f"TEXT CHECK (stage IS NULL OR {_STAGE_CHECK})",
            f"text CHECK (stage IS NULL OR {_STAGE_CHECK})",
        ),
        ("kind", "TEXT NOT NULL", "text NOT NULL"),
        ("path", "TEXT NOT NULL", "text NOT NULL"),
        (
            "sha256",
            "TEXT CHECK (sha256 IS NULL OR length(sha256) = 64)",
            "text CHECK (sha256 ~ '^[0-9a-f]{64}$')",
        ),
        ("size_bytes", "INTEGER", "bigint"),
        ("who", "TEXT", "text"),
        (
            "added_at",
            "DATETIME NOT NULL ON CONFLICT REPLACE DEFAULT " + NOW_GPKG,
            "timestamptz NOT NULL DEFAULT now()",
        ),
        *_ARCHIVE,
        *_TRAIL,
    ],
    "ymt_serials": [
        (
            "prefix",
            "TEXT NOT NULL UNIQUE CHECK (length(prefix) = 22)",
            "text NOT NULL UNIQUE CHECK (prefix ~ '^[0-9]{22}$')",
        ),
        (
            "last_serial",
            "INTEGER NOT NULL CHECK (last_serial >= 0 AND last_serial <= 999999)",
            "integer NOT NULL CHECK (last_serial BETWEEN 0 AND 999999)",
        ),
        (
            "updated_at",
            "DATETIME NOT NULL DEFAULT " + NOW_GPKG,
            "timestamptz NOT NULL DEFAULT now()",
        ),
    ],
    "ymt_audit": [
        ("table_name", "TEXT NOT NULL", "text NOT NULL"),
        ("row_fid", "INTEGER", "bigint"),
        ("code", "TEXT", "text"),
        (
            "action",
            "TEXT NOT NULL CHECK (action IN ('insert', 'update', 'archive'))",
            "text NOT NULL CHECK (action IN ('insert', 'update', 'archive'))",
        ),
        ("who", "TEXT", "text"),
        (
            "at",
            "DATETIME NOT NULL DEFAULT " + NOW_GPKG,
            "timestamptz NOT NULL DEFAULT clock_timestamp()",
        ),
        ("before", "TEXT", "jsonb"),
        ("after", "TEXT", "jsonb"),
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


# ---------------------------------------------------------------------------------------------
# GeoPackage
# ---------------------------------------------------------------------------------------------
SRS_4490_WKT = (
    'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",'
    '6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",'
    '0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]'
)
SRS_4326_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG",'
    '"7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",'
    '0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],'
    'AUTHORITY["EPSG","4326"]]'
)

GPKG_CORE = [
    """CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (srs_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)""",
    """CREATE TABLE IF NOT EXISTS gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY,
    data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
    last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
    CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
    """CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (table_name TEXT NOT NULL,
    column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
    z TINYINT NOT NULL, m TINYINT NOT NULL,
    CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
    CONSTRAINT uk_gc_table_name UNIQUE (table_name),
    CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
    CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
    """CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT,
    extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL,
    CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))""",
]

GPKG_SRS_ROWS = [
    (
        "Undefined Cartesian SRS",
        -1,
        "NONE",
        -1,
        "undefined",
        "undefined Cartesian coordinate reference system",
    ),
    (
        "Undefined geographic SRS",
        0,
        "NONE",
        0,
        "undefined",
        "undefined geographic coordinate reference system",
    ),
    (
        "WGS 84 geodetic",
        4326,
        "EPSG",
        4326,
        SRS_4326_WKT,
        "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
    ),
    (
        "China Geodetic Coordinate System 2000",
        LIBRARY_EPSG,
        "EPSG",
        LIBRARY_EPSG,
        SRS_4490_WKT,
        "CGCS2000 geographic",
    ),
]

_RTREE = "rtree_ymt_parcels_geom"
GPKG_RTREE = [
    f'CREATE VIRTUAL TABLE "{_RTREE}" USING rtree(id, minx, maxx, miny, maxy)',
    f'CREATE TRIGGER "{_RTREE}_insert" AFTER INSERT ON "ymt_parcels" WHEN (new."geom" NOT NULL AND NOT '
    f'ST_IsEmpty(NEW."geom")) BEGIN INSERT OR REPLACE INTO "{_RTREE}" VALUES (NEW."fid",ST_MinX(NEW."geom"), '
    'ST_MaxX(NEW."geom"),ST_MinY(NEW."geom"), ST_MaxY(NEW."geom")); END',
    f'CREATE TRIGGER "{_RTREE}_update1" AFTER UPDATE OF "geom" ON "ymt_parcels" WHEN OLD."fid" = NEW."fid" '
    f'AND (NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")) BEGIN INSERT OR REPLACE INTO "{_RTREE}" VALUES '
    '(NEW."fid",ST_MinX(NEW."geom"), ST_MaxX(NEW."geom"),ST_MinY(NEW."geom"), ST_MaxY(NEW."geom")); '
    "END",
    f'CREATE TRIGGER "{_RTREE}_update2" AFTER UPDATE OF "geom" ON "ymt_parcels" WHEN OLD."fid" = NEW."fid" '
    f'AND (NEW."geom" ISNULL OR ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM "{_RTREE}" WHERE id = OLD."fid"; '
    "END",
    f'CREATE TRIGGER "{_RTREE}_update3" AFTER UPDATE ON "ymt_parcels" WHEN OLD."fid" != NEW."fid" AND '
    f'(NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM "{_RTREE}" WHERE id = OLD."fid"; '
    f'INSERT OR REPLACE INTO "{_RTREE}" VALUES (NEW."fid",ST_MinX(NEW."geom"), ST_MaxX(NEW."geom"),'
    'ST_MinY(NEW."geom"), ST_MaxY(NEW."geom")); END',
    f'CREATE TRIGGER "{_RTREE}_update4" AFTER UPDATE ON "ymt_parcels" WHEN OLD."fid" != NEW."fid" AND '
    f'(NEW."geom" ISNULL OR ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM "{_RTREE}" WHERE id IN (OLD."fid", '
    'NEW."fid"); END',
    f'CREATE TRIGGER "{_RTREE}_delete" AFTER DELETE ON "ymt_parcels" WHEN old."geom" NOT NULL BEGIN DELETE '
    f'FROM "{_RTREE}" WHERE id = OLD."fid"; END',
]


def _gpkg_json(prefix: str, table: str, version: int = SCHEMA_VERSION) -> str:
    parts = []
    for name in column_names(table, version):
        if name == "geom":
            parts.append(f"'geom', hex({prefix}.geom)")
        else:
            parts.append(f"'{name}', {prefix}.{name}")
    return "json_object({})".format(", ".join(parts))


def gpkg_table_sql(table: str, version: int = SCHEMA_VERSION, name: str | None = None) -> str:
    """CREATE TABLE of ``table`` as in schema ``version`` (named ``name`` when given)."""
    cols = ['"fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL']
    cols += [f'"{col}" {gp}' for col, gp, _pg in columns(table, version)]
    if table in TABLE_CHECKS:
        cols.append(f"CHECK ({TABLE_CHECKS[table]})")
    return 'CREATE TABLE "{}" (\n  {}\n)'.format(name or table, ",\n  ".join(cols))


def gpkg_trigger_sql(table: str, version: int = SCHEMA_VERSION) -> list[str]:
    """Audit, delete refusal and immutability triggers for one audited table (GeoPackage).

    Who: a trigger in a GeoPackage cannot know the OS user. The Python API writes the user into
    ``updated_by`` and increments ``rev`` on every write; the trigger records ``updated_by`` as
    the author only when ``rev`` changed in that write, else ``'external'`` (an edit made
    outside the Yimatong API, e.g. in QGIS's attribute table, which rewrites ``rev`` unchanged).
    """
    flag = ARCHIVE_FLAG[table]
    derived = DERIVED_COLUMNS.get(table, ())
    cols = [c for c in column_names(table, version) if c not in derived]
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in cols)
    code = "NEW.code"
    return [
        """CREATE TRIGGER "{t}_audit_insert" AFTER INSERT ON "{t}" BEGIN
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES ('{t}', NEW.fid, {code}, 'insert', COALESCE(NEW.updated_by, 'external'), {now}, NULL, {after});
END""".format(t=table, code=code, now=NOW_GPKG, after=_gpkg_json("NEW", table, version)),
        """CREATE TRIGGER "{t}_audit_update" AFTER UPDATE ON "{t}" WHEN {changed} BEGIN
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES ('{t}', NEW.fid, {code},
    CASE WHEN NEW.{flag} AND NOT OLD.{flag} THEN 'archive' ELSE 'update' END,
    CASE WHEN NEW.rev IS NOT OLD.rev THEN COALESCE(NEW.updated_by, 'external') ELSE 'external' END,
    {now}, {before}, {after});
END""".format(
            t=table,
            code=code,
            flag=flag,
            changed=changed,
            now=NOW_GPKG,
            before=_gpkg_json("OLD", table, version),
            after=_gpkg_json("NEW", table, version),
        ),
        f"""CREATE TRIGGER "{table}_no_delete" BEFORE DELETE ON "{table}" BEGIN
  SELECT RAISE(ABORT, '{table}: rows are never deleted; archive (or retire) them instead');
END""",
        f"""CREATE TRIGGER "{table}_code_immutable" BEFORE UPDATE OF code ON "{table}"
WHEN NEW.code IS NOT OLD.code BEGIN
  SELECT RAISE(ABORT, '{table}: the project code of a row cannot change');
END""",
    ]


GPKG_FIXED_TRIGGERS = [
    """CREATE TRIGGER "ymt_audit_no_update" BEFORE UPDATE ON ymt_audit BEGIN
  SELECT RAISE(ABORT, 'ymt_audit is append-only: rows cannot be changed');
END""",
    """CREATE TRIGGER "ymt_audit_no_delete" BEFORE DELETE ON ymt_audit BEGIN
  SELECT RAISE(ABORT, 'ymt_audit is append-only: rows cannot be deleted');
END""",
    """CREATE TRIGGER "ymt_serials_no_decrease" BEFORE UPDATE ON ymt_serials
WHEN NEW.last_serial < OLD.last_serial OR NEW.prefix IS NOT OLD.prefix BEGIN
  SELECT RAISE(ABORT, 'ymt_serials: a serial counter never goes back (codes are never reissued)');
END""",
    """CREATE TRIGGER "ymt_serials_no_delete" BEFORE DELETE ON ymt_serials BEGIN
  SELECT RAISE(ABORT, 'ymt_serials: counters are never deleted (codes are never reissued)');
END""",
]


def gpkg_schema_v1() -> list[str]:
    """Statements creating schema version 1 in a GeoPackage (the core tables already exist)."""
    stmts = []
    for table in COLUMNS:
        stmts.append(gpkg_table_sql(table, 1))
    stmts += GPKG_RTREE
    for name, table, cols in INDEXES:
        stmts.append(f'CREATE INDEX "{name}" ON "{table}" ({cols})')
    for table in ARCHIVE_FLAG:
        stmts += gpkg_trigger_sql(table, 1)
    stmts += GPKG_FIXED_TRIGGERS
    stmts.append(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
        "VALUES ('ymt_parcels', 'features', 'ymt_parcels', '{}', {})".format(
            DESCRIPTIONS["ymt_parcels"], LIBRARY_EPSG
        )
    )
    for table in COLUMNS:
        if table != "ymt_parcels":
            stmts.append(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                f"VALUES ('{table}', 'attributes', '{table}', '{DESCRIPTIONS[table]}', 0)"
            )
    stmts.append(
        f"INSERT INTO gpkg_geometry_columns VALUES ('ymt_parcels', 'geom', 'MULTIPOLYGON', {LIBRARY_EPSG}, 0, 0)"
    )
    stmts.append(
        "INSERT INTO gpkg_extensions VALUES ('ymt_parcels', 'geom', 'gpkg_rtree_index', "
        "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')"
    )
    stmts.append("CREATE TABLE ymt_meta (key TEXT PRIMARY KEY, value TEXT)")
    return stmts


# ---------------------------------------------------------------------------------------------
# PostgreSQL / PostGIS
# ---------------------------------------------------------------------------------------------
# The audit function is SECURITY DEFINER: writer roles need no rights on ymt_audit at all (they
# cannot insert forged rows), the owner writes it. Inside it current_user is the owner, so the
# author is session_user: the role that logged in.
PG_WHO = (
    "session_user || CASE WHEN coalesce(current_setting('yimatong.user', true), '') "
    "NOT IN ('', session_user) THEN ' / ' || current_setting('yimatong.user', true) ELSE '' END"
)


def pg_table_sql(table: str, version: int = SCHEMA_VERSION) -> str:
    cols = ["fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"]
    cols += [f"{name} {pg}" for name, _gp, pg in columns(table, version)]
    if table in TABLE_CHECKS:
        cols.append(f"CHECK ({TABLE_CHECKS[table]})")
    return "CREATE TABLE {} (\n  {}\n)".format(table, ",\n  ".join(cols))


PG_FUNCTIONS = [
    """CREATE OR REPLACE FUNCTION ymt_audit_row() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  j_new jsonb := to_jsonb(NEW);
  j_old jsonb;
  flag text := TG_ARGV[0];
  act text := 'insert';
BEGIN
  IF TG_OP = 'UPDATE' THEN
    j_old := to_jsonb(OLD);
    IF j_new = j_old THEN
      RETURN NEW;
    END IF;
    IF (j_new ->> flag)::boolean AND NOT (j_old ->> flag)::boolean THEN
      act := 'archive';
    ELSE
      act := 'update';
    END IF;
  END IF;
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES (TG_TABLE_NAME, NEW.fid, NEW.code, act, """
    + PG_WHO
    + """, clock_timestamp(), j_old, j_new);
  RETURN NEW;
END $$""",
    """CREATE OR REPLACE FUNCTION ymt_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END $$""",
    """CREATE OR REPLACE FUNCTION ymt_code_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.code IS DISTINCT FROM OLD.code THEN
    RAISE EXCEPTION '%: the project code of a row cannot change', TG_TABLE_NAME
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$""",
    """CREATE OR REPLACE FUNCTION ymt_serial_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.last_serial < OLD.last_serial OR NEW.prefix IS DISTINCT FROM OLD.prefix THEN
    RAISE EXCEPTION 'ymt_serials: a serial counter never goes back (codes are never reissued)'
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$""",
]


# Columns with defaults that an editor (QGIS) may send as NULL: filled in by a trigger on
# PostgreSQL; on GeoPackage the columns are declared NOT NULL ON CONFLICT REPLACE (SQLite then
# stores the default instead of the NULL).
PG_FILL = {
    "created_at": "now()",
    "updated_at": "now()",
    "rev": "1",
    "archived": "false",
    "repaired": "false",
    "retired": "false",
    "status": "'active'",
    "added_at": "now()",
}


def pg_fill_function(table: str, version: int = SCHEMA_VERSION) -> str:
    names = set(column_names(table, version))
    body = "".join(
        f"  NEW.{c} := coalesce(NEW.{c}, {d});\n" for c, d in PG_FILL.items() if c in names
    )
    return (
        f"CREATE OR REPLACE FUNCTION {table}_fill() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{body}  RETURN NEW;\nEND $$"
    )


def pg_schema_v1() -> list[str]:
    stmts = list(PG_FUNCTIONS)
    for table in COLUMNS:
        stmts.append(pg_table_sql(table, 1))
    stmts.append("CREATE INDEX ymt_parcels_geom_gist ON ymt_parcels USING gist (geom)")
    for name, table, cols in INDEXES:
        stmts.append(f"CREATE INDEX {name} ON {table} ({cols})")
    for table, flag in ARCHIVE_FLAG.items():
        stmts.append(pg_fill_function(table, 1))
        stmts.append(
            f"CREATE TRIGGER {table}_fill BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION {table}_fill()"
        )
        stmts.append(
            f"CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION ymt_audit_row('{flag}')"
        )
        stmts.append(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION "
            f"ymt_refuse('{table}: rows are never deleted; archive (or retire) them instead')"
        )
        stmts.append(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE "
            f"FUNCTION ymt_refuse('{table}: rows are never deleted')"
        )
        stmts.append(
            f"CREATE TRIGGER {table}_code_immutable BEFORE UPDATE OF code ON {table} FOR EACH ROW "
            "EXECUTE FUNCTION ymt_code_immutable()"
        )
    stmts += [
        "CREATE TRIGGER ymt_audit_no_update BEFORE UPDATE OR DELETE ON ymt_audit FOR EACH ROW "
        "EXECUTE FUNCTION ymt_refuse('ymt_audit is append-only: rows cannot be changed or deleted')",
        "CREATE TRIGGER ymt_audit_no_truncate BEFORE TRUNCATE ON ymt_audit FOR EACH STATEMENT "
        "EXECUTE FUNCTION ymt_refuse('ymt_audit is append-only')",
        "CREATE TRIGGER ymt_serials_forward BEFORE UPDATE ON ymt_serials FOR EACH ROW "
        "EXECUTE FUNCTION ymt_serial_forward()",
        "CREATE TRIGGER ymt_serials_no_delete BEFORE DELETE ON ymt_serials FOR EACH ROW "
        "EXECUTE FUNCTION ymt_refuse('ymt_serials: counters are never deleted')",
        "CREATE TABLE ymt_meta (key text PRIMARY KEY, value text)",
    ]
    for table, text in DESCRIPTIONS.items():
        stmts.append(f"COMMENT ON TABLE {table} IS '{text}'")
    return stmts


# Migrations: version -> function name building the statements that bring version-1 to version.
# Version 1 is the initial schema; later versions append here (and bump SCHEMA_VERSION).
#
# Version 2: fast substring search on project name and applicant for find():
# GeoPackage: an FTS5 trigram index (external content, kept current by triggers, so edits made
# in QGIS update it too); PostgreSQL: pg_trgm GIN indexes. Both serve queries of >= 3 characters;
# shorter ones scan (GeoPackage: a narrow covering index in code order).
GPKG_MIGRATIONS: dict[int, list[str]] = {
    2: [
        "CREATE VIRTUAL TABLE ymt_projects_fts USING fts5(name, applicant, content='ymt_projects', "
        "content_rowid='fid', tokenize='trigram')",
        "INSERT INTO ymt_projects_fts (ymt_projects_fts) VALUES ('rebuild')",
        """CREATE TRIGGER "ymt_projects_fts_insert" AFTER INSERT ON ymt_projects BEGIN
  INSERT INTO ymt_projects_fts (rowid, name, applicant) VALUES (NEW.fid, NEW.name, NEW.applicant);
END""",
        """CREATE TRIGGER "ymt_projects_fts_update" AFTER UPDATE OF name, applicant ON ymt_projects BEGIN
  INSERT INTO ymt_projects_fts (ymt_projects_fts, rowid, name, applicant)
    VALUES ('delete', OLD.fid, OLD.name, OLD.applicant);
  INSERT INTO ymt_projects_fts (rowid, name, applicant) VALUES (NEW.fid, NEW.name, NEW.applicant);
END""",
        "CREATE INDEX ymt_projects_search_idx ON ymt_projects (code, name, applicant, archived)",
    ],
}
# Version 3: any INSERT into ymt_projects (API import, or a row typed in QGIS) moves its prefix
# counter up to the row's serial, so allocate_code can never issue that code again.
GPKG_MIGRATIONS[3] = [
    """CREATE TRIGGER "ymt_projects_reserve_serial" AFTER INSERT ON ymt_projects BEGIN
  INSERT INTO ymt_serials (prefix, last_serial, updated_at)
    VALUES (substr(NEW.code, 1, 22), CAST(NEW.serial AS INTEGER), """
    + NOW_GPKG
    + """)
    ON CONFLICT (prefix) DO UPDATE SET last_serial = excluded.last_serial,
      updated_at = excluded.updated_at
    WHERE ymt_serials.last_serial < excluded.last_serial;
END""",
]
PG_MIGRATIONS: dict[int, list[str]] = {
    3: [
        """CREATE OR REPLACE FUNCTION ymt_reserve_serial() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ymt_serials AS s (prefix, last_serial, updated_at)
    VALUES (substr(NEW.code, 1, 22), NEW.serial::integer, now())
    ON CONFLICT (prefix) DO UPDATE SET last_serial = excluded.last_serial,
      updated_at = excluded.updated_at
    WHERE s.last_serial < excluded.last_serial;
  RETURN NEW;
END $$""",
        "CREATE TRIGGER ymt_projects_reserve_serial AFTER INSERT ON ymt_projects FOR EACH ROW "
        "EXECUTE FUNCTION ymt_reserve_serial()",
    ],
    2: [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE INDEX ymt_projects_name_trgm ON ymt_projects USING gin (name gin_trgm_ops)",
        "CREATE INDEX ymt_projects_applicant_trgm ON ymt_projects USING gin (applicant gin_trgm_ops)",
    ],
}

# Version 4: stage supplementary_farmland (补充耕地, 耕地占补平衡) in the stage CHECKs of
# parcels, events and results; events get area_m2 and stopped_on; an index on events.batch;
# ymt_projects.current_stage (the stage of the latest non-archived event by date, ties by fid),
# kept by triggers, indexed, so the panel's stage filter is an index lookup.
# GeoPackage: SQLite cannot ALTER a CHECK, so the three tables are rebuilt (GPKG_REBUILDS, done
# by gpkg.py: same fids, indexes, R-tree and other triggers kept, audit rows untouched) before
# these statements run.
GPKG_REBUILDS: dict[int, tuple[str, ...]] = {4: STAGE_TABLES}


def _latest_stage(code: str, archived_false: str) -> str:
    return (
        f"(SELECT e.stage FROM ymt_events e WHERE e.code = {code} AND {archived_false} "
        "ORDER BY e.event_date DESC, e.fid DESC LIMIT 1)"
    )


_GPKG_LATEST = _latest_stage("NEW.code", "NOT e.archived")
_GPKG_SET_STAGE = (
    f"UPDATE ymt_projects SET current_stage = {_GPKG_LATEST} "
    f"WHERE code = NEW.code AND current_stage IS NOT {_GPKG_LATEST};"
)
GPKG_MIGRATIONS[4] = [
    "ALTER TABLE ymt_projects ADD COLUMN current_stage TEXT",
    *(f'CREATE INDEX "{name}" ON "{table}" ({cols})' for name, table, cols in INDEXES_V4),
    "UPDATE ymt_projects SET current_stage = "
    + _latest_stage("ymt_projects.code", "NOT e.archived"),
    f"""CREATE TRIGGER "ymt_events_current_stage_insert" AFTER INSERT ON ymt_events BEGIN
  {_GPKG_SET_STAGE}
END""",
    f"""CREATE TRIGGER "ymt_events_current_stage_update" AFTER UPDATE OF stage, event_date, archived
ON ymt_events BEGIN
  {_GPKG_SET_STAGE}
END""",
    # current_stage is derived: a value typed by hand (QGIS form) is put right at once
    f"""CREATE TRIGGER "ymt_projects_current_stage_insert" AFTER INSERT ON ymt_projects
WHEN NEW.current_stage IS NOT NULL BEGIN
  {_GPKG_SET_STAGE}
END""",
    f"""CREATE TRIGGER "ymt_projects_current_stage_update" AFTER UPDATE OF current_stage
ON ymt_projects BEGIN
  {_GPKG_SET_STAGE}
END""",
]

_PG_LATEST_FN = """CREATE OR REPLACE FUNCTION ymt_latest_stage(p_code text) RETURNS text
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT stage FROM ymt_events WHERE code = p_code AND NOT archived
  ORDER BY event_date DESC, fid DESC LIMIT 1
$$"""
PG_MIGRATIONS[4] = [
    # a change of only the derived current_stage is not an edit: no audit row
    PG_FUNCTIONS[0].replace(
        "IF j_new = j_old THEN",
        "IF (j_new - 'current_stage') = (j_old - 'current_stage') THEN",
    ),
    "ALTER TABLE ymt_events ADD COLUMN area_m2 "
    + next(pg for name, _gp, pg in COLUMNS["ymt_events"] if name == "area_m2"),
    "ALTER TABLE ymt_events ADD COLUMN stopped_on date",
    "ALTER TABLE ymt_projects ADD COLUMN current_stage text",
    """DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT conrelid::regclass::text AS t, conname FROM pg_constraint
    WHERE contype = 'c' AND conrelid IN ('ymt_parcels'::regclass, 'ymt_events'::regclass,
      'ymt_results'::regclass) AND pg_get_constraintdef(oid) LIKE '%stage%'
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname);
  END LOOP;
END $$""",
    f"ALTER TABLE ymt_parcels ADD CONSTRAINT ymt_parcels_stage_check "
    f"CHECK (stage IS NULL OR {_STAGE_CHECK})",
    f"ALTER TABLE ymt_events ADD CONSTRAINT ymt_events_stage_check CHECK ({_STAGE_CHECK})",
    f"ALTER TABLE ymt_results ADD CONSTRAINT ymt_results_stage_check "
    f"CHECK (stage IS NULL OR {_STAGE_CHECK})",
    *(f"CREATE INDEX {name} ON {table} ({cols})" for name, table, cols in INDEXES_V4),
    _PG_LATEST_FN,
    """CREATE OR REPLACE FUNCTION ymt_events_current_stage() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE latest text := ymt_latest_stage(NEW.code);
BEGIN
  UPDATE ymt_projects SET current_stage = latest
    WHERE code = NEW.code AND current_stage IS DISTINCT FROM latest;
  RETURN NULL;
END $$""",
    "CREATE TRIGGER ymt_events_current_stage AFTER INSERT OR UPDATE OF stage, event_date, "
    "archived ON ymt_events FOR EACH ROW EXECUTE FUNCTION ymt_events_current_stage()",
    # current_stage is derived: a value typed by hand (QGIS form) is replaced by the real one
    """CREATE OR REPLACE FUNCTION ymt_projects_current_stage() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  NEW.current_stage := ymt_latest_stage(NEW.code);
  RETURN NEW;
END $$""",
    "CREATE TRIGGER ymt_projects_current_stage BEFORE INSERT OR UPDATE OF current_stage "
    "ON ymt_projects FOR EACH ROW EXECUTE FUNCTION ymt_projects_current_stage()",
    "UPDATE ymt_projects p SET current_stage = l.stage FROM (SELECT DISTINCT ON (code) code, "
    "stage FROM ymt_events WHERE NOT archived ORDER BY code, event_date DESC, fid DESC) l "
    "WHERE p.code = l.code",
]

# Version 5: events.origin_key (unique per origin_system), the approval status of a project, and
# the exchange service's tables (API clients, content-addressed result files): see schema_v5.py.
from .schema_v5 import gpkg_v5, pg_v5  # noqa: E402  (needs the functions above)

GPKG_MIGRATIONS[5] = gpkg_v5()
PG_MIGRATIONS[5] = pg_v5()

# the 一张图 catalog (topics, layers with their standard styles): see schema_v6.py.
from .schema_v6 import gpkg_v6, pg_v6  # noqa: E402

GPKG_MIGRATIONS[6] = gpkg_v6()
PG_MIGRATIONS[6] = pg_v6()
