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

from .schema_render import (
    TRAIL,
    col,
    gpkg_attributes_contents,
    gpkg_audit_triggers,
    gpkg_create_table,
    gpkg_index,
    gpkg_refuse,
    nonblank_text,
    pg_audit_function,
    pg_create_table,
    pg_index,
    pg_refuse,
)

_RULES = "'avoid', 'inside'"
_STAMP = TRAIL
_text = nonblank_text


_EPSG = col("area_epsg", "integer", required=True)

CONTROL_COLUMNS = {
    "ymt_control_sets": [
        _text("key"),
        _text("name"),
        col("version", "integer", required=True, check="version >= 1"),
        col("set_date", "date"),
        col("description", "text"),
        _EPSG,
        col("is_current", "boolean", required=True, default=False),
        *_STAMP,
    ],
    "ymt_control_set_layers": [
        _text("set_key"),
        col("position", "integer", required=True),
        _text("name"),
        col("rule", "text", required=True, check=f"rule IN ({_RULES})"),
        col("doc_no", "text"),
        col("effective_date", "date"),
        col("feature_count", "integer", required=True),
        _text("data_sha256"),
        _text("data_blob"),
        col("source", "text"),
        *_STAMP,
    ],
    "ymt_control_prepared": [
        _text("key"),
        _text("data_sha256"),
        _EPSG,
        col("format", "integer", required=True),
        _text("blob"),
        col("seconds", "real"),
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
#: the unique indexes: (name, table, columns, WHERE of a partial index); at most one current set
_UNIQUE = [
    ("ymt_control_sets_name_version", "ymt_control_sets", "name, version", ""),
    ("ymt_control_set_layers_pos", "ymt_control_set_layers", "set_key, position", ""),
    ("ymt_control_sets_one_current", "ymt_control_sets", "is_current", "is_current"),
]


def control_column_names(table: str) -> list[str]:
    return ["fid"] + [c[0] for c in CONTROL_COLUMNS[table]]


def _constraints(table: str) -> list[str]:
    return [] if table == "ymt_control_set_layers" else ['UNIQUE ("key")']


def _tables(create_table, index, quote: bool = True) -> list[str]:
    """The tables and their unique indexes, written by one backend's ``create_table`` and
    ``index`` (``quote``: the constraints keep their quoted column names)."""
    stmts = []
    for table, cols in CONTROL_COLUMNS.items():
        constraints = [c if quote else c.replace('"', "") for c in _constraints(table)]
        stmts.append(create_table(table, cols, constraints))
    stmts += [index(name, table, cols, unique=True, where=w) for name, table, cols, w in _UNIQUE]
    return stmts


def gpkg_v7() -> list[str]:
    stmts = _tables(gpkg_create_table, gpkg_index)
    for table in CONTROL_TABLES:
        stmts += [
            gpkg_refuse(table, "DELETE", f"{table}: rows are never deleted"),
            gpkg_attributes_contents(table, _DESCRIPTIONS[table]),
        ]
    for table in AUDITED:
        stmts += gpkg_audit_triggers(table, control_column_names(table), None, "NULL")
    return stmts


def pg_v7() -> list[str]:
    from .schema import PG_WHO

    stmts = [pg_audit_function("ymt_audit_control_row", code="NULL", archived=None, who=PG_WHO)]
    stmts += _tables(pg_create_table, pg_index, quote=False)
    for table in CONTROL_TABLES:
        stmts += [
            pg_refuse(table, "DELETE", f"{table}: rows are never deleted"),
            pg_refuse(table, "TRUNCATE", f"{table}: rows are never deleted"),
            f"COMMENT ON TABLE {table} IS '{_DESCRIPTIONS[table]}'",
        ]
    for table in AUDITED:
        stmts.append(
            f"CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION ymt_audit_control_row()"
        )
    return stmts
