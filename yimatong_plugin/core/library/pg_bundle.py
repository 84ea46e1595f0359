"""A project with its events, parcels and results in ONE PostgreSQL round trip.

:meth:`Library.project_bundle` asks four queries (project, events, parcels, results); a service
answering ``GET /projects/{code}`` spends most of a request waiting on them. Here one statement
returns the project row with the three lists aggregated as JSON (``json_agg`` of sub-selects),
and the rows come out exactly as the four queries give them: same keys in the same order, same
values (timestamps formatted in SQL as the backend formats them, a parcel's ``geometry`` as WKB
from ``ST_AsBinary``, floats through PostgreSQL's shortest exact text).

The column lists are read from the catalog once per open library. A column of a type this
module cannot render exactly (e.g. ``numeric``, ``timestamp`` without time zone) makes it fall
back to the four queries rather than answer something different. The statement is prepared
once per connection (``PREPARE``): planning it cost more than running it. The column lists and
the statement are kept for the life of the open library: a service is restarted after a schema
upgrade.
"""

from __future__ import annotations

from typing import Optional

#: (table, ORDER BY inside json_agg, WHERE beyond the code) of the three lists
_LISTS = (
    ("ymt_events", "x.event_date, x.fid", "NOT t.archived"),
    ("ymt_parcels", "x.fid", ""),
    ("ymt_results", "x.fid", "NOT t.archived"),
)
#: types whose JSON text reads back as the value psycopg2 gives for the column
_PLAIN = {
    "text",
    "character varying",
    "integer",
    "bigint",
    "smallint",
    "double precision",
    "real",
    "boolean",
    "date",
}
_TS = """to_char(t.{c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"""


def _columns(lib) -> Optional[dict]:
    """table -> [(column, type)] in table order, or None when a type cannot be rendered."""
    rows = lib._rows(
        "SELECT c.relname AS t, a.attname AS c, format_type(a.atttypid, NULL) AS ty "
        "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "WHERE c.oid IN (to_regclass('ymt_events'), to_regclass('ymt_parcels'), "
        "to_regclass('ymt_results')) AND a.attnum > 0 AND NOT a.attisdropped "
        "ORDER BY c.relname, a.attnum"
    )
    out: dict = {t: [] for t, _, _ in _LISTS}
    for row in rows:
        out[row["t"]].append((row["c"], row["ty"]))
    for table, cols in out.items():
        for name, kind in cols:
            plain = kind in _PLAIN or kind in ("timestamp with time zone", "bytea")
            if not (plain or (table == "ymt_parcels" and name == "geom")):
                return None
    return out


def _select(table: str, cols: list) -> tuple[str, list]:
    """The sub-select's column expressions and the names of its hex (bytea) columns."""
    exprs, hexed = [], []
    for name, kind in cols:
        if table == "ymt_parcels" and name == "geom":
            continue  # given last, as ``geometry`` (the WKB), as parcels() gives it
        if kind == "timestamp with time zone":
            exprs.append(_TS.format(c=name) + f' AS "{name}"')
        elif kind == "bytea":
            exprs.append(f'encode(t."{name}", \'hex\') AS "{name}"')
            hexed.append(name)
        else:
            exprs.append(f't."{name}"')
    if table == "ymt_parcels":
        exprs.append("encode(ST_AsBinary(t.geom), 'hex') AS geometry")
        hexed.append("geometry")
    return ", ".join(exprs), hexed


def bundle_sql(lib) -> Optional[tuple[str, dict]]:
    """The statement (one ``?``: the code) and, per list, its hex columns; None: fall back."""
    cached = getattr(lib, "_bundle_sql", False)
    if cached is not False:
        return cached
    cols = _columns(lib)
    if cols is None:
        lib._bundle_sql = None
        return None
    parts, hexed = [], {}
    for table, order, where in _LISTS:
        exprs, hexed[table] = _select(table, cols[table])
        cond = "t.code = p.code" + (f" AND {where}" if where else "")
        parts.append(
            f"(SELECT json_agg(row_to_json(x) ORDER BY {order}) FROM "
            f'(SELECT {exprs} FROM {table} t WHERE {cond}) x) AS "ymt.{table}"'
        )
    sql = "SELECT p.*, " + ", ".join(parts) + " FROM ymt_projects p WHERE p.code = ?"
    lib._bundle_sql = (sql, hexed)
    return lib._bundle_sql


def _execute(lib, sql: str, code: str) -> list:
    """The statement run prepared on the library's connection, prepared once per connection
    (planning it cost PostgreSQL ~4× running it: ~0.3 ms of CPU per lookup). A connection
    lost since fails this call as any query would; the next one reconnects and prepares."""
    if getattr(lib, "_bundle_prepared_on", None) is not lib.conn or lib.conn.closed:
        lib._execute("SELECT 1")  # reconnects a connection lost between transactions
        lib._execute("PREPARE ymt_project_bundle(text) AS " + sql.replace("?", "$1"))
        lib._bundle_prepared_on = lib.conn
    return lib._rows("EXECUTE ymt_project_bundle(?)", (code,))


def project_bundle(lib, code: str) -> Optional[dict]:
    """{project, events, parcels, results} of ``code`` (a checked code) in one round trip;
    None when the project is not in the library; NotImplemented: use the four queries."""
    prepared = bundle_sql(lib)
    if prepared is None:
        return NotImplemented
    sql, hexed = prepared
    rows = _execute(lib, sql, code)
    if not rows:
        return None
    project = rows[0]
    out = {"project": project}
    for table, key in (
        ("ymt_events", "events"),
        ("ymt_parcels", "parcels"),
        ("ymt_results", "results"),
    ):
        items = project.pop(f"ymt.{table}") or []
        for item in items:
            for name in hexed[table]:
                if item[name] is not None:
                    item[name] = bytes.fromhex(item[name])
            lib._normalise_row(item)
        out[key] = items
    return out
