"""Schema version 5 (migration statements for both backends).

- ``ymt_events.origin_key``: the source system's own record id (the approval system's
  DFSJZJ/LSH, a REST caller's record id). A UNIQUE index on (origin_system, origin_key) over live
  rows with a key, so a retried or re-synced record is found and never duplicated.
- ``ymt_projects.approval_status`` / ``approval_status_at`` / ``approval_item``: the latest
  handling status the approval system reported (办理状态), its date, the approval item (审批事项).
  Audited like every project column (GeoPackage audit triggers regenerated with the new columns;
  PostgreSQL's audit uses ``to_jsonb(NEW)``, which covers them by itself).
- Tables of the exchange service (``yimatong_plugin.service``):
  ``ymt_api_clients`` (calling systems: name, SHA-256 of the key — never the key —, scopes),
  ``ymt_blobs`` / ``ymt_blob_chunks`` (uploaded result files, content-addressed by SHA-256, in
  chunks; never updated, never deleted, so every client of the library reads the same bytes).
"""

from __future__ import annotations

from .schema_render import (
    NOW,
    col,
    flag,
    gpkg_create_table,
    gpkg_refuse,
    nonblank_text,
    pg_create_table,
    pg_refuse,
)

_REFUSE = {
    "ymt_api_clients": ("DELETE",),
    "ymt_blobs": ("UPDATE", "DELETE"),
    "ymt_blob_chunks": ("UPDATE", "DELETE"),
}
_REFUSE_TEXT = {
    "ymt_api_clients": "ymt_api_clients: clients are never deleted; revoke them instead",
    "ymt_blobs": "ymt_blobs: stored files are never changed or deleted",
    "ymt_blob_chunks": "ymt_blob_chunks: stored files are never changed or deleted",
}

_SHA256 = ("length(sha256) = 64", "sha256 ~ '^[0-9a-f]{64}$'")
_CREATED = [col("created_at", "timestamp", required=True, default=NOW), col("created_by", "text")]
#: the exchange service's tables: (columns, table constraints)
SERVICE_TABLES = {
    "ymt_api_clients": (
        [
            nonblank_text("name", unique=True),
            col(
                "key_hash",
                "text",
                required=True,
                unique=True,
                check=("length(key_hash) = 64", "key_hash ~ '^[0-9a-f]{64}$'"),
            ),
            col("scopes", "text", required=True),
            *_CREATED,
            col("updated_at", "timestamp"),
            flag("revoked"),
            col("note", "text"),
        ],
        (),
    ),
    "ymt_blobs": (
        [
            col("sha256", "text", required=True, unique=True, check=_SHA256),
            col("size_bytes", "bigint", required=True, check="size_bytes >= 0"),
            col("chunk_count", "integer", required=True, check="chunk_count >= 0"),
            *_CREATED,
        ],
        (),
    ),
    "ymt_blob_chunks": (
        [
            col("sha256", "text", required=True, references="ymt_blobs (sha256)"),
            col("seq", "integer", required=True, check="seq >= 0"),
            col("data", "bytes", required=True),
        ],
        ("UNIQUE (sha256, seq)",),
    ),
}
GPKG_SERVICE_TABLES = [gpkg_create_table(t, c, k) for t, (c, k) in SERVICE_TABLES.items()]
PG_SERVICE_TABLES = [pg_create_table(t, c, k) for t, (c, k) in SERVICE_TABLES.items()]


def gpkg_v5() -> list[str]:
    from .schema import gpkg_trigger_sql

    stmts = [
        "ALTER TABLE ymt_projects ADD COLUMN approval_status TEXT",
        "ALTER TABLE ymt_projects ADD COLUMN approval_status_at DATE",
        "ALTER TABLE ymt_projects ADD COLUMN approval_item TEXT",
        "ALTER TABLE ymt_events ADD COLUMN origin_key TEXT",
        'CREATE UNIQUE INDEX "ymt_events_origin_idx" ON "ymt_events" (origin_system, origin_key) '
        "WHERE origin_key IS NOT NULL AND NOT archived",
    ]
    # the audit triggers list the columns: regenerate them with the new ones
    for table in ("ymt_projects", "ymt_events"):
        stmts += [
            f'DROP TRIGGER "{table}_audit_insert"',
            f'DROP TRIGGER "{table}_audit_update"',
            *gpkg_trigger_sql(table, 5)[:2],
        ]
    stmts += GPKG_SERVICE_TABLES
    for table, ops in _REFUSE.items():
        stmts += [gpkg_refuse(table, op, _REFUSE_TEXT[table]) for op in ops]
    return stmts


def pg_v5() -> list[str]:
    stmts = [
        "ALTER TABLE ymt_projects ADD COLUMN approval_status text, "
        "ADD COLUMN approval_status_at date, ADD COLUMN approval_item text",
        "ALTER TABLE ymt_events ADD COLUMN origin_key text",
        "CREATE UNIQUE INDEX ymt_events_origin_idx ON ymt_events (origin_system, origin_key) "
        "WHERE origin_key IS NOT NULL AND NOT archived",
    ]
    stmts += PG_SERVICE_TABLES
    for table, ops in _REFUSE.items():
        stmts += [pg_refuse(table, op, _REFUSE_TEXT[table]) for op in (*ops, "TRUNCATE")]
    stmts.append(
        "COMMENT ON TABLE ymt_api_clients IS 'Yimatong exchange service: calling systems "
        "(SHA-256 of their key, scopes)'"
    )
    stmts.append(
        "COMMENT ON TABLE ymt_blobs IS 'Yimatong result files stored in the library "
        "(content-addressed by SHA-256)'"
    )
    return stmts
