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

from ..i18n import tr_noop
from .schema_render import (
    TRAIL,
    col,
    flag,
    gpkg_attributes_contents,
    gpkg_audited_table,
    gpkg_create_table,
    gpkg_index,
    nonblank_text,
    pg_audit_function,
    pg_create_table,
    pg_fill_function,
    pg_immutable_function,
    pg_index,
    pg_refuse,
)

#: source types of a catalog layer, with their titles (translated where shown)
SOURCE_TYPES = {
    "ogr": tr_noop("File layer (GeoPackage…)"),
    "postgis": tr_noop("PostGIS table"),
    "wms": tr_noop("WMS"),
    "wmts": tr_noop("WMTS"),
    "xyz": tr_noop("XYZ tiles"),
    "oapif": tr_noop("OGC API Features"),
    "qlr": tr_noop("QGIS layer definition"),
    "library": tr_noop("Project library table"),
}
_TYPES = ", ".join(f"'{t}'" for t in SOURCE_TYPES)
# never a password in a stored URI (QGIS/libpq 'password=', a URL's user:password@)
_NO_PASSWORD = (
    "lower(uri) NOT LIKE '%password=%' AND lower(uri) NOT LIKE '%passwd=%' "
    "AND lower(uri) NOT LIKE '%pwd=%'"
)

_TRAIL = [flag("retired"), col("sort_order", "integer", fill=True, default=0), *TRAIL]
_SCALE = "{0} IS NULL OR {0} > 0", "{0} > 0"

CATALOG_COLUMNS = {
    "ymt_catalog_topics": [
        nonblank_text("key", unique=True),
        nonblank_text("title"),
        col("description", "text"),
        col("owner", "text"),
        *_TRAIL,
    ],
    "ymt_catalog_layers": [
        nonblank_text("key", unique=True),
        col("topic_key", "text", required=True, references="ymt_catalog_topics (key)"),
        nonblank_text("title"),
        col("source_type", "text", required=True, check=f"source_type IN ({_TYPES})"),
        col("uri", "text", required=True, check=_NO_PASSWORD),
        col("style_qml", "text"),
        col("description", "text"),
        col("owner", "text"),
        col("data_date", "date"),
        col("version", "text"),
        col("min_scale", "real", check=tuple(c.format("min_scale") for c in _SCALE)),
        col("max_scale", "real", check=tuple(c.format("max_scale") for c in _SCALE)),
        col(
            "authcfg",
            "text",
            check=(
                "authcfg IS NULL OR authcfg GLOB '" + "[A-Za-z0-9]" * 7 + "'",
                "authcfg ~ '^[A-Za-z0-9]{7}$'",
            ),
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


def gpkg_v6() -> list[str]:
    stmts = [gpkg_create_table(table, cols) for table, cols in CATALOG_COLUMNS.items()]
    stmts += [gpkg_index(name, table, cols) for name, table, cols in _INDEXES]
    for table in CATALOG_TABLES:
        stmts += [
            *gpkg_audited_table(
                table,
                catalog_column_names(table),
                "retired",
                "NULL",
                f"{table}: rows are never deleted; retire them instead",
                ("key", "the key"),
            ),
            gpkg_attributes_contents(table, _DESCRIPTIONS[table]),
        ]
    return stmts


def pg_v6() -> list[str]:
    from .schema import PG_WHO

    stmts = [
        pg_audit_function(
            "ymt_audit_catalog_row",
            code="NULL",
            archived="NEW.retired AND NOT OLD.retired",
            who=PG_WHO,
        ),
        pg_immutable_function("ymt_key_immutable", "key", "the key"),
    ]
    stmts += [pg_create_table(table, cols) for table, cols in CATALOG_COLUMNS.items()]
    stmts += [pg_index(name, table, cols) for name, table, cols in _INDEXES]
    fills = {
        "created_at": "now()",
        "updated_at": "now()",
        "rev": "1",
        "retired": "false",
        "sort_order": "0",
    }
    for table in CATALOG_TABLES:
        stmts += [
            pg_fill_function(table, fills),
            f"CREATE TRIGGER {table}_fill BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_fill()",
            f"CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION ymt_audit_catalog_row()",
            pg_refuse(table, "DELETE", f"{table}: rows are never deleted; retire them instead"),
            pg_refuse(table, "TRUNCATE", f"{table}: rows are never deleted"),
            f"CREATE TRIGGER {table}_key_immutable BEFORE UPDATE OF key ON {table} FOR EACH ROW EXECUTE FUNCTION ymt_key_immutable()",
            f"COMMENT ON TABLE {table} IS '{_DESCRIPTIONS[table]}'",
        ]
    return stmts
