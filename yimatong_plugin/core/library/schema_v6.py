# ruff: noqa: E501  (SQL text reads better unwrapped)
"""Schema version 6: the 一张图 catalog (topics and their layers), on both backends.

- ``ymt_catalog_topics``: a topic (专题): stable ``key``, Chinese ``title``, description, owner,
  sort order.
- ``ymt_catalog_layers``: a catalog layer in one topic: ``source_type`` (file layer read by OGR
  such as a GeoPackage layer, PostGIS table, WMS, WMTS, XYZ tiles, OGC API Features, QGIS layer
  definition, or a table of the library itself), ``uri``, the standard style (QML text), title,
  description, owner, data date, version, optional scale range and credentials only as a QGIS
  ``authcfg`` id: a URI holding a password is refused by a CHECK on both backends.

Rows are never deleted (``retired`` instead) and every insert, edit and retirement is written to
``ymt_audit`` by triggers (``code`` NULL: a catalog row belongs to no project), so an edit made
outside the API (QGIS's attribute table) is audited too.
"""

from __future__ import annotations

NOW_GPKG = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"

#: source types of a catalog layer
SOURCE_TYPES = ("ogr", "postgis", "wms", "wmts", "xyz", "oapif", "qlr", "library")
_TYPES = ", ".join(f"'{t}'" for t in SOURCE_TYPES)
# never a password in a stored URI (QGIS/libpq 'password=', a URL's user:password@)
_NO_PASSWORD = (
    "lower(uri) NOT LIKE '%password=%' AND lower(uri) NOT LIKE '%passwd=%' "
    "AND lower(uri) NOT LIKE '%pwd=%'"
)

_TRAIL = [
    ("retired", "BOOLEAN NOT NULL ON CONFLICT REPLACE DEFAULT 0", "boolean NOT NULL DEFAULT false"),
    ("sort_order", "INTEGER NOT NULL ON CONFLICT REPLACE DEFAULT 0", "integer NOT NULL DEFAULT 0"),
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

CATALOG_COLUMNS = {
    "ymt_catalog_topics": [
        (
            "key",
            "TEXT NOT NULL UNIQUE CHECK (length(trim(key)) > 0)",
            "text NOT NULL UNIQUE CHECK (btrim(key) <> '')",
        ),
        (
            "title",
            "TEXT NOT NULL CHECK (length(trim(title)) > 0)",
            "text NOT NULL CHECK (btrim(title) <> '')",
        ),
        ("description", "TEXT", "text"),
        ("owner", "TEXT", "text"),
        *_TRAIL,
    ],
    "ymt_catalog_layers": [
        (
            "key",
            "TEXT NOT NULL UNIQUE CHECK (length(trim(key)) > 0)",
            "text NOT NULL UNIQUE CHECK (btrim(key) <> '')",
        ),
        (
            "topic_key",
            "TEXT NOT NULL REFERENCES ymt_catalog_topics (key)",
            "text NOT NULL REFERENCES ymt_catalog_topics (key)",
        ),
        (
            "title",
            "TEXT NOT NULL CHECK (length(trim(title)) > 0)",
            "text NOT NULL CHECK (btrim(title) <> '')",
        ),
        (
            "source_type",
            f"TEXT NOT NULL CHECK (source_type IN ({_TYPES}))",
            f"text NOT NULL CHECK (source_type IN ({_TYPES}))",
        ),
        ("uri", f"TEXT NOT NULL CHECK ({_NO_PASSWORD})", f"text NOT NULL CHECK ({_NO_PASSWORD})"),
        ("style_qml", "TEXT", "text"),
        ("description", "TEXT", "text"),
        ("owner", "TEXT", "text"),
        ("data_date", "DATE", "date"),
        ("version", "TEXT", "text"),
        (
            "min_scale",
            "REAL CHECK (min_scale IS NULL OR min_scale > 0)",
            "double precision CHECK (min_scale > 0)",
        ),
        (
            "max_scale",
            "REAL CHECK (max_scale IS NULL OR max_scale > 0)",
            "double precision CHECK (max_scale > 0)",
        ),
        (
            "authcfg",
            "TEXT CHECK (authcfg IS NULL OR authcfg GLOB '[A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9]')",
            "text CHECK (authcfg ~ '^[A-Za-z0-9]{7}$')",
        ),
        *_TRAIL,
    ],
}
CATALOG_TABLES = tuple(CATALOG_COLUMNS)
_DESCRIPTIONS = {
    "ymt_catalog_topics": "Yimatong one-map catalog topics",
    "ymt_catalog_layers": "Yimatong one-map catalog layers (sources, standard styles)",
}
_INDEXES = [("ymt_catalog_layers_topic_idx", "ymt_catalog_layers", "topic_key, sort_order")]


def catalog_column_names(table: str) -> list[str]:
    return ["fid"] + [c[0] for c in CATALOG_COLUMNS[table]]


def _json(prefix: str, table: str) -> str:
    parts = ", ".join(f"'{c}', {prefix}.{c}" for c in catalog_column_names(table))
    return f"json_object({parts})"


def gpkg_v6() -> list[str]:
    stmts = []
    for table, cols in CATALOG_COLUMNS.items():
        body = ",\n  ".join(
            ['"fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL']
            + [f'"{c}" {gp}' for c, gp, _pg in cols]
        )
        stmts.append(f'CREATE TABLE "{table}" (\n  {body}\n)')
    for name, table, cols in _INDEXES:
        stmts.append(f'CREATE INDEX "{name}" ON "{table}" ({cols})')
    for table in CATALOG_TABLES:
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in catalog_column_names(table))
        stmts += [
            f"""CREATE TRIGGER "{table}_audit_insert" AFTER INSERT ON "{table}" BEGIN
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES ('{table}', NEW.fid, NULL, 'insert', COALESCE(NEW.updated_by, 'external'), {NOW_GPKG}, NULL, {_json("NEW", table)});
END""",
            f"""CREATE TRIGGER "{table}_audit_update" AFTER UPDATE ON "{table}" WHEN {changed} BEGIN
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES ('{table}', NEW.fid, NULL,
    CASE WHEN NEW.retired AND NOT OLD.retired THEN 'archive' ELSE 'update' END,
    CASE WHEN NEW.rev IS NOT OLD.rev THEN COALESCE(NEW.updated_by, 'external') ELSE 'external' END,
    {NOW_GPKG}, {_json("OLD", table)}, {_json("NEW", table)});
END""",
            f"""CREATE TRIGGER "{table}_no_delete" BEFORE DELETE ON "{table}" BEGIN
  SELECT RAISE(ABORT, '{table}: rows are never deleted; retire them instead');
END""",
            f"""CREATE TRIGGER "{table}_key_immutable" BEFORE UPDATE OF key ON "{table}"
WHEN NEW.key IS NOT OLD.key BEGIN
  SELECT RAISE(ABORT, '{table}: the key of a row cannot change');
END""",
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
            f"VALUES ('{table}', 'attributes', '{table}', '{_DESCRIPTIONS[table]}', 0)",
        ]
    return stmts


_PG_AUDIT = """CREATE OR REPLACE FUNCTION ymt_audit_catalog_row() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  j_new jsonb := to_jsonb(NEW);
  j_old jsonb;
  act text := 'insert';
BEGIN
  IF TG_OP = 'UPDATE' THEN
    j_old := to_jsonb(OLD);
    IF j_new = j_old THEN
      RETURN NEW;
    END IF;
    IF NEW.retired AND NOT OLD.retired THEN
      act := 'archive';
    ELSE
      act := 'update';
    END IF;
  END IF;
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES (TG_TABLE_NAME, NEW.fid, NULL, act, {who}, clock_timestamp(), j_old, j_new);
  RETURN NEW;
END $$"""

_PG_KEY = """CREATE OR REPLACE FUNCTION ymt_key_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.key IS DISTINCT FROM OLD.key THEN
    RAISE EXCEPTION '%: the key of a row cannot change', TG_TABLE_NAME
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$"""


def pg_v6() -> list[str]:
    from .schema import PG_WHO

    stmts = [_PG_AUDIT.replace("{who}", PG_WHO), _PG_KEY]
    for table, cols in CATALOG_COLUMNS.items():
        body = ",\n  ".join(
            ["fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"]
            + [f"{c} {pg}" for c, _gp, pg in cols]
        )
        stmts.append(f"CREATE TABLE {table} (\n  {body}\n)")
    for name, table, cols in _INDEXES:
        stmts.append(f"CREATE INDEX {name} ON {table} ({cols})")
    fills = {
        "created_at": "now()",
        "updated_at": "now()",
        "rev": "1",
        "retired": "false",
        "sort_order": "0",
    }
    for table in CATALOG_TABLES:
        body = "".join(f"  NEW.{c} := coalesce(NEW.{c}, {d});\n" for c, d in fills.items())
        stmts += [
            f"CREATE OR REPLACE FUNCTION {table}_fill() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{body}  RETURN NEW;\nEND $$",
            f"CREATE TRIGGER {table}_fill BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_fill()",
            f"CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION ymt_audit_catalog_row()",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION ymt_refuse('{table}: rows are never deleted; retire them instead')",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION ymt_refuse('{table}: rows are never deleted')",
            f"CREATE TRIGGER {table}_key_immutable BEFORE UPDATE OF key ON {table} FOR EACH ROW EXECUTE FUNCTION ymt_key_immutable()",
            f"COMMENT ON TABLE {table} IS '{_DESCRIPTIONS[table]}'",
        ]
    return stmts
