# ruff: noqa: E501  (SQL text reads better unwrapped)
"""Schema version 7: control sets (versioned control lines) and their stored preparation.

- ``ymt_control_sets``: a named, dated, versioned group of control layers (e.g. 三区三线 v2,
  2023 批复版): ``name`` + ``version`` (1, 2, … per name; ``key`` = ``name@version``), date,
  description, the CRS its features are stored and prepared in (``area_epsg``); at most one set
  of the library is ``current`` (a partial unique index), older sets stay readable.
- ``ymt_control_set_layers``: one control layer of a set: its name, rule (avoid / inside), 批复文号
  (``doc_no``), effective date, feature count, ``data_sha256`` = the content hash of its features
  (fids and WKB in the set's CRS: the exact data version) and ``data_blob`` = the stored features
  (a ``ymt_blobs`` file). A published layer never changes: a new version of the data is a new set.
- ``ymt_control_prepared``: the review preparation of one data version (repairs, cells of the
  huge polygons, overlap flags; :mod:`..overlay_cache` format) as a ``ymt_blobs`` file, keyed by
  ``data_sha256`` + CRS + format: other data (one feature changed) has another key, so a stale
  preparation is never used.

Rows are never deleted; sets and set layers are audited in ``ymt_audit`` by the schema-v6
audit triggers' pattern (``code`` NULL).
"""

from __future__ import annotations

from .schema_render import NOW_GPKG

_RULES = "'avoid', 'inside'"
_STAMP = [
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
_NONEMPTY = (
    "TEXT NOT NULL CHECK (length(trim({c})) > 0)",
    "text NOT NULL CHECK (btrim({c}) <> '')",
)


def _text(c: str) -> tuple[str, str, str]:
    return (c, _NONEMPTY[0].format(c=c), _NONEMPTY[1].format(c=c))


CONTROL_COLUMNS = {
    "ymt_control_sets": [
        _text("key"),
        _text("name"),
        (
            "version",
            "INTEGER NOT NULL CHECK (version >= 1)",
            "integer NOT NULL CHECK (version >= 1)",
        ),
        ("set_date", "DATE", "date"),
        ("description", "TEXT", "text"),
        ("area_epsg", "INTEGER NOT NULL", "integer NOT NULL"),
        ("is_current", "BOOLEAN NOT NULL DEFAULT 0", "boolean NOT NULL DEFAULT false"),
        *_STAMP,
    ],
    "ymt_control_set_layers": [
        _text("set_key"),
        ("position", "INTEGER NOT NULL", "integer NOT NULL"),
        _text("name"),
        (
            "rule",
            f"TEXT NOT NULL CHECK (rule IN ({_RULES}))",
            f"text NOT NULL CHECK (rule IN ({_RULES}))",
        ),
        ("doc_no", "TEXT", "text"),
        ("effective_date", "DATE", "date"),
        ("feature_count", "INTEGER NOT NULL", "integer NOT NULL"),
        _text("data_sha256"),
        _text("data_blob"),
        ("source", "TEXT", "text"),
        *_STAMP,
    ],
    "ymt_control_prepared": [
        _text("key"),
        _text("data_sha256"),
        ("area_epsg", "INTEGER NOT NULL", "integer NOT NULL"),
        ("format", "INTEGER NOT NULL", "integer NOT NULL"),
        _text("blob"),
        ("seconds", "REAL", "double precision"),
        *_STAMP,
    ],
}
CONTROL_TABLES = tuple(CONTROL_COLUMNS)
AUDITED = ("ymt_control_sets", "ymt_control_set_layers")
_DESCRIPTIONS = {
    "ymt_control_sets": "Yimatong control sets (versioned control lines)",
    "ymt_control_set_layers": "Yimatong control set layers (rule, approval document, data version)",
    "ymt_control_prepared": "Yimatong prepared control layers (by data version)",
}
_UNIQUE = [
    ("ymt_control_sets_name_version", "ymt_control_sets", "name, version"),
    ("ymt_control_set_layers_pos", "ymt_control_set_layers", "set_key, position"),
]


def control_column_names(table: str) -> list[str]:
    return ["fid"] + [c[0] for c in CONTROL_COLUMNS[table]]


def _json(prefix: str, table: str) -> str:
    parts = ", ".join(f"'{c}', {prefix}.{c}" for c in control_column_names(table))
    return f"json_object({parts})"


def gpkg_v7() -> list[str]:
    stmts = []
    for table, cols in CONTROL_COLUMNS.items():
        body = ",\n  ".join(
            ['"fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL']
            + [f'"{c}" {gp}' for c, gp, _pg in cols]
            + (['UNIQUE ("key")'] if table != "ymt_control_set_layers" else [])
        )
        stmts.append(f'CREATE TABLE "{table}" (\n  {body}\n)')
    for name, table, cols in _UNIQUE:
        stmts.append(f'CREATE UNIQUE INDEX "{name}" ON "{table}" ({cols})')
    stmts.append(
        'CREATE UNIQUE INDEX "ymt_control_sets_one_current" ON "ymt_control_sets" (is_current) '
        "WHERE is_current"
    )
    for table in CONTROL_TABLES:
        stmts += [
            f"""CREATE TRIGGER "{table}_no_delete" BEFORE DELETE ON "{table}" BEGIN
  SELECT RAISE(ABORT, '{table}: rows are never deleted');
END""",
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
            f"VALUES ('{table}', 'attributes', '{table}', '{_DESCRIPTIONS[table]}', 0)",
        ]
    for table in AUDITED:
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in control_column_names(table))
        stmts += [
            f"""CREATE TRIGGER "{table}_audit_insert" AFTER INSERT ON "{table}" BEGIN
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES ('{table}', NEW.fid, NULL, 'insert', COALESCE(NEW.updated_by, 'external'), {NOW_GPKG}, NULL, {_json("NEW", table)});
END""",
            f"""CREATE TRIGGER "{table}_audit_update" AFTER UPDATE ON "{table}" WHEN {changed} BEGIN
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES ('{table}', NEW.fid, NULL, 'update',
    CASE WHEN NEW.rev IS NOT OLD.rev THEN COALESCE(NEW.updated_by, 'external') ELSE 'external' END,
    {NOW_GPKG}, {_json("OLD", table)}, {_json("NEW", table)});
END""",
        ]
    return stmts


_PG_AUDIT = """CREATE OR REPLACE FUNCTION ymt_audit_control_row() RETURNS trigger LANGUAGE plpgsql
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
    act := 'update';
  END IF;
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES (TG_TABLE_NAME, NEW.fid, NULL, act, {who}, clock_timestamp(), j_old, j_new);
  RETURN NEW;
END $$"""


def pg_v7() -> list[str]:
    from .schema import PG_WHO

    stmts = [_PG_AUDIT.replace("{who}", PG_WHO)]
    for table, cols in CONTROL_COLUMNS.items():
        body = ",\n  ".join(
            ["fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"]
            + [f"{c} {pg}" for c, _gp, pg in cols]
            + (["UNIQUE (key)"] if table != "ymt_control_set_layers" else [])
        )
        stmts.append(f"CREATE TABLE {table} (\n  {body}\n)")
    for name, table, cols in _UNIQUE:
        stmts.append(f"CREATE UNIQUE INDEX {name} ON {table} ({cols})")
    stmts.append(
        "CREATE UNIQUE INDEX ymt_control_sets_one_current ON ymt_control_sets (is_current) "
        "WHERE is_current"
    )
    for table in CONTROL_TABLES:
        stmts += [
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION ymt_refuse('{table}: rows are never deleted')",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION ymt_refuse('{table}: rows are never deleted')",
            f"COMMENT ON TABLE {table} IS '{_DESCRIPTIONS[table]}'",
        ]
    for table in AUDITED:
        stmts.append(
            f"CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION ymt_audit_control_row()"
        )
    return stmts
