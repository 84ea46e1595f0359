# ruff: noqa: E501  (SQL text reads better unwrapped)
"""The library schema rendered for PostgreSQL / PostGIS: tables, functions, triggers and the
migrations; from the one table description in :mod:`.schema` (import it from there)."""

from __future__ import annotations

from .constants import SCHEMA_VERSION
from .schema import (  # the table description
    _STAGE_CHECK,
    ARCHIVE_FLAG,
    COLUMNS,
    DESCRIPTIONS,
    INDEXES,
    INDEXES_V4,
    TABLE_CHECKS,
    column_names,
    columns,
)
from .schema_render import (
    pg_audit_function,
    pg_create_table,
    pg_immutable_function,
    pg_index,
    pg_refuse,
)
from .schema_render import (
    pg_fill_function as _pg_fill_sql,
)

# The audit function is SECURITY DEFINER: writer roles need no rights on ymt_audit at all (they
# cannot insert forged rows), the owner writes it. Inside it current_user is the owner, so the
# author is session_user: the role that logged in.
PG_WHO = (
    "session_user || CASE WHEN coalesce(current_setting('yimatong.user', true), '') "
    "NOT IN ('', session_user) THEN ' / ' || current_setting('yimatong.user', true) ELSE '' END"
)


def pg_table_sql(table: str, version: int = SCHEMA_VERSION) -> str:
    checks = [f"CHECK ({TABLE_CHECKS[table]})"] if table in TABLE_CHECKS else []
    return pg_create_table(table, columns(table, version), checks)


PG_FUNCTIONS = [
    # the archive flag's name is the trigger's argument (archived, or retired for parcels)
    pg_audit_function(
        "ymt_audit_row",
        code="NEW.code",
        archived="(j_new ->> flag)::boolean AND NOT (j_old ->> flag)::boolean",
        who=PG_WHO,
        declare="  flag text := TG_ARGV[0];\n",
    ),
    """CREATE OR REPLACE FUNCTION ymt_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END $$""",
    pg_immutable_function("ymt_code_immutable", "code", "the project code"),
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
    return _pg_fill_sql(table, {c: d for c, d in PG_FILL.items() if c in names})


def pg_schema_v1() -> list[str]:
    stmts = list(PG_FUNCTIONS)
    for table in COLUMNS:
        stmts.append(pg_table_sql(table, 1))
    stmts.append("CREATE INDEX ymt_parcels_geom_gist ON ymt_parcels USING gist (geom)")
    for name, table, cols in INDEXES:
        stmts.append(pg_index(name, table, cols))
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
            pg_refuse(
                table,
                "DELETE",
                f"{table}: rows are never deleted; archive (or retire) them instead",
            )
        )
        stmts.append(pg_refuse(table, "TRUNCATE", f"{table}: rows are never deleted"))
        stmts.append(
            f"CREATE TRIGGER {table}_code_immutable BEFORE UPDATE OF code ON {table} FOR EACH ROW "
            "EXECUTE FUNCTION ymt_code_immutable()"
        )
    stmts += [
        "CREATE TRIGGER ymt_audit_no_update BEFORE UPDATE OR DELETE ON ymt_audit FOR EACH ROW "
        "EXECUTE FUNCTION ymt_refuse('ymt_audit is append-only: rows cannot be changed or deleted')",
        pg_refuse("ymt_audit", "TRUNCATE", "ymt_audit is append-only"),
        "CREATE TRIGGER ymt_serials_forward BEFORE UPDATE ON ymt_serials FOR EACH ROW "
        "EXECUTE FUNCTION ymt_serial_forward()",
        pg_refuse("ymt_serials", "DELETE", "ymt_serials: counters are never deleted"),
        "CREATE TABLE ymt_meta (key text PRIMARY KEY, value text)",
    ]
    for table, text in DESCRIPTIONS.items():
        stmts.append(f"COMMENT ON TABLE {table} IS '{text}'")
    return stmts


# Migrations: see schema_gpkg.py for what each version brings (2: search indexes, 3: serials
# reserved on insert, 4: supplementary_farmland, events area/stopped_on, current_stage).
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
    *(pg_index(name, table, cols) for name, table, cols in INDEXES_V4),
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
