"""The library's DDL, both backends, every schema version up to 7, is exactly the SQL the code
rendered before the column descriptions were unified (tests/data/schema_ddl_v7.json, written by
this module from main's code: ``python tests/unit/test_schema_ddl.py --write``).

A change of the expected SQL is a schema change: it needs a new schema version (a migration),
not an edit of the stored text. Later versions (8, …) are not in the snapshot."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).resolve().parent.parent / "data" / "schema_ddl_v7.json"
VERSIONS = range(1, 8)


@functools.lru_cache(maxsize=1)
def render() -> dict:
    from yimatong_plugin.core.library import schema

    out: dict = {
        "gpkg_core": list(schema.GPKG_CORE),
        "gpkg_srs_rows": [list(r) for r in schema.GPKG_SRS_ROWS],
        "gpkg_v1": schema.gpkg_schema_v1(),
        "pg_v1": schema.pg_schema_v1(),
        "gpkg_rebuilds": {str(v): list(t) for v, t in schema.GPKG_REBUILDS.items()},
    }
    for v in VERSIONS[1:]:
        out[f"gpkg_migration_{v}"] = list(schema.GPKG_MIGRATIONS.get(v, []))
        out[f"pg_migration_{v}"] = list(schema.PG_MIGRATIONS.get(v, []))
    for table in schema.COLUMNS:
        for v in VERSIONS:
            key = f"{table}@{v}"
            out[f"columns {key}"] = [list(c) for c in schema.columns(table, v)]
            out[f"column_names {key}"] = schema.column_names(table, v)
            out[f"gpkg_table {key}"] = schema.gpkg_table_sql(table, v)
            out[f"pg_table {key}"] = schema.pg_table_sql(table, v)
            if table in schema.ARCHIVE_FLAG:
                out[f"gpkg_triggers {key}"] = schema.gpkg_trigger_sql(table, v)
                out[f"pg_fill {key}"] = schema.pg_fill_function(table, v)
    return out


def _expected() -> dict:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", sorted(_expected()) if SNAPSHOT.exists() else [])
def test_ddl_is_unchanged(key):
    assert render()[key] == _expected()[key]


def test_snapshot_covers_everything_rendered():
    assert set(render()) == set(_expected())


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: test_schema_ddl.py --write  (from main's code only)")
    SNAPSHOT.write_text(json.dumps(render(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
