# ruff: noqa: E501  (SQL text reads better unwrapped)
"""The library schema rendered for GeoPackage (SQLite): core tables, tables, triggers and the
migrations; from the one table description in :mod:`.schema` (import it from there)."""

from __future__ import annotations

from .constants import LIBRARY_EPSG, SCHEMA_VERSION
from .schema import (  # the table description
    ARCHIVE_FLAG,
    COLUMNS,
    DERIVED_COLUMNS,
    DESCRIPTIONS,
    INDEXES,
    INDEXES_V4,
    STAGE_TABLES,
    TABLE_CHECKS,
    column_names,
    columns,
)
from .schema_render import (
    NOW_GPKG,
    gpkg_attributes_contents,
    gpkg_audited_table,
    gpkg_create_table,
    gpkg_index,
)

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


def gpkg_table_sql(table: str, version: int = SCHEMA_VERSION, name: str | None = None) -> str:
    """CREATE TABLE of ``table`` as in schema ``version`` (named ``name`` when given)."""
    checks = [f"CHECK ({TABLE_CHECKS[table]})"] if table in TABLE_CHECKS else []
    return gpkg_create_table(table, columns(table, version), checks, name)


def gpkg_trigger_sql(table: str, version: int = SCHEMA_VERSION) -> list[str]:
    """Audit, delete refusal and immutability triggers for one audited table (GeoPackage).

    Who: a trigger in a GeoPackage cannot know the OS user. The Python API writes the user into
    ``updated_by`` and increments ``rev`` on every write; the trigger records ``updated_by`` as
    the author only when ``rev`` changed in that write, else ``'external'`` (an edit made
    outside the Yimatong API, e.g. in QGIS's attribute table, which rewrites ``rev`` unchanged).
    """
    names = column_names(table, version)
    derived = DERIVED_COLUMNS.get(table, ())
    return gpkg_audited_table(
        table,
        names,
        ARCHIVE_FLAG[table],
        "NEW.code",
        f"{table}: rows are never deleted; archive (or retire) them instead",
        ("code", "the project code"),
        changed=[c for c in names if c not in derived],
    )


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
        stmts.append(gpkg_index(name, table, cols))
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
            stmts.append(gpkg_attributes_contents(table, DESCRIPTIONS[table]))
    stmts.append(
        f"INSERT INTO gpkg_geometry_columns VALUES ('ymt_parcels', 'geom', 'MULTIPOLYGON', {LIBRARY_EPSG}, 0, 0)"
    )
    stmts.append(
        "INSERT INTO gpkg_extensions VALUES ('ymt_parcels', 'geom', 'gpkg_rtree_index', "
        "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')"
    )
    stmts.append("CREATE TABLE ymt_meta (key TEXT PRIMARY KEY, value TEXT)")
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
    *(gpkg_index(name, table, cols) for name, table, cols in INDEXES_V4),
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
