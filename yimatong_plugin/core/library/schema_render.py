# ruff: noqa: E501  (SQL text reads better unwrapped)
"""Statements both backends' schema modules write the same way, rendered from a table
description: a column is ``(name, GeoPackage declaration, PostgreSQL declaration)``, written
once by :func:`col` (a logical type and its constraints, spelled for each backend).

Used by :mod:`.schema` (the core tables), :mod:`.schema_gpkg`, :mod:`.schema_pg` and each
version module (``schema_v5.py``, ``schema_v6.py`` …): a new version describes its tables as
columns and renders them here, instead of writing each backend's DDL by hand. Imports nothing
of the package (the version modules are imported by :mod:`.schema` while it loads).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Column = tuple[str, str, str]

NOW_GPKG = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"

#: a logical column type: (GeoPackage / SQLite spelling, PostgreSQL spelling)
TYPES = {
    "text": ("TEXT", "text"),
    # a project code: PostgreSQL compares it byte-wise (the C collation), like SQLite
    "code": ("TEXT", 'text COLLATE "C"'),
    "integer": ("INTEGER", "integer"),
    "bigint": ("INTEGER", "bigint"),
    "real": ("REAL", "double precision"),
    "date": ("DATE", "date"),
    "timestamp": ("DATETIME", "timestamptz"),
    "boolean": ("BOOLEAN", "boolean"),
    "bytes": ("BLOB", "bytea"),
    "json": ("TEXT", "jsonb"),
}
#: column defaults: the time of the statement, the time of the call (PostgreSQL's
#: clock_timestamp(), for the audit log); GeoPackage has one clock
NOW = ("now",)
CLOCK = ("clock",)
_DEFAULTS = {NOW: (NOW_GPKG, "now()"), CLOCK: (NOW_GPKG, "clock_timestamp()")}


def _default(value, backend: int) -> str:
    if isinstance(value, bool):
        return ("1" if value else "0", "true" if value else "false")[backend]
    if value in _DEFAULTS:
        return _DEFAULTS[value][backend]
    return str(value)


def col(
    name: str,
    kind: str,
    *,
    width: int | None = None,
    required: bool = False,
    fill: bool = False,
    unique: bool = False,
    default=None,
    check: str | tuple[str, str] | None = None,
    references: str | None = None,
) -> Column:
    """One column, described once, in both backends' spelling.

    ``kind``: a logical type of :data:`TYPES` (``width``: GeoPackage's declared text width);
    ``required``: NOT NULL; ``fill``: NOT NULL, and a NULL written by an editor (QGIS) stores
    the default (GeoPackage: ``ON CONFLICT REPLACE``; PostgreSQL: the table's fill trigger);
    ``default``: a literal (SQL text or a number), True/False, :data:`NOW` or :data:`CLOCK`;
    ``check``: a condition both backends write alike, or its (GeoPackage, PostgreSQL) pair;
    ``references``: ``"table (column)"``."""
    spelled = []
    for backend in (0, 1):
        parts = [TYPES[kind][backend] + (f"({width})" if width and backend == 0 else "")]
        if required or fill:
            parts.append("NOT NULL")
        if fill and backend == 0:
            parts.append("ON CONFLICT REPLACE")
        if unique:
            parts.append("UNIQUE")
        if default is not None:
            parts.append("DEFAULT " + _default(default, backend))
        if check:
            parts.append(f"CHECK ({check if isinstance(check, str) else check[backend]})")
        if references:
            parts.append(f"REFERENCES {references}")
        spelled.append(" ".join(parts))
    return (name, spelled[0], spelled[1])


#: who wrote a row and when, on every audited table (created_at, updated_at, updated_by, rev)
TRAIL: list[Column] = [
    col("created_at", "timestamp", fill=True, default=NOW),
    col("updated_at", "timestamp", fill=True, default=NOW),
    col("updated_by", "text"),
    col("rev", "integer", fill=True, default=1),
]


def flag(name: str) -> Column:
    """A boolean flag, false unless set (an editor's NULL stores false)."""
    return col(name, "boolean", fill=True, default=False)


def nonblank_text(name: str, unique: bool = False) -> Column:
    """A required text that is not only spaces."""
    check = (f"length(trim({name})) > 0", f"btrim({name}) <> ''")
    return col(name, "text", required=True, unique=unique, check=check)


# -- GeoPackage (SQLite) -------------------------------------------------------------------------


def gpkg_create_table(
    table: str, cols: Iterable[Column], constraints: Sequence[str] = (), name: str | None = None
) -> str:
    """CREATE TABLE with the integer primary key ``fid`` GeoPackage requires."""
    body = ['"fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL']
    body += [f'"{col}" {gp}' for col, gp, _pg in cols]
    body += list(constraints)
    return 'CREATE TABLE "{}" (\n  {}\n)'.format(name or table, ",\n  ".join(body))


def gpkg_index(name: str, table: str, cols: str, unique: bool = False, where: str = "") -> str:
    u = "UNIQUE " if unique else ""
    w = f" WHERE {where}" if where else ""
    return f'CREATE {u}INDEX "{name}" ON "{table}" ({cols}){w}'


def gpkg_refuse(table: str, op: str, message: str) -> str:
    """A trigger refusing every ``op`` (UPDATE, DELETE) on ``table`` with ``message``."""
    return (
        f'CREATE TRIGGER "{table}_no_{op.lower()}" BEFORE {op} ON "{table}" BEGIN\n'
        f"  SELECT RAISE(ABORT, '{message}');\nEND"
    )


def gpkg_immutable(table: str, column: str, what: str) -> str:
    """A trigger refusing a change of ``column`` (``what`` names it in the message)."""
    return f"""CREATE TRIGGER "{table}_{column}_immutable" BEFORE UPDATE OF {column} ON "{table}"
WHEN NEW.{column} IS NOT OLD.{column} BEGIN
  SELECT RAISE(ABORT, '{table}: {what} of a row cannot change');
END"""


def gpkg_json(prefix: str, names: Iterable[str]) -> str:
    """The row ``prefix`` (NEW or OLD) as SQLite's ``json_object`` of the columns ``names`` (a
    geometry ``geom`` as hex)."""
    parts = (
        f"'geom', hex({prefix}.geom)" if c == "geom" else f"'{c}', {prefix}.{c}" for c in names
    )
    return "json_object({})".format(", ".join(parts))


def gpkg_audit_triggers(
    table: str,
    names: Sequence[str],
    archive_flag: str | None,
    code: str,
    changed: Sequence[str] | None = None,
) -> list[str]:
    """The insert and update audit triggers of ``table``: a row in ``ymt_audit`` with the row
    (its columns ``names``) as JSON before and after, written by ``updated_by`` when ``rev``
    moved, else 'external'. ``changed``: the columns whose change is an edit (default: all of
    ``names``); ``code``: the project code expression; ``archive_flag``: the flag whose setting
    is an 'archive' (None: every edit is an 'update')."""
    json_new, json_old = gpkg_json("NEW", names), gpkg_json("OLD", names)
    when = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in (names if changed is None else changed))
    if archive_flag:
        action = f"\n    CASE WHEN NEW.{archive_flag} AND NOT OLD.{archive_flag} THEN 'archive' ELSE 'update' END,"
    else:
        action = " 'update',"
    return [
        f"""CREATE TRIGGER "{table}_audit_insert" AFTER INSERT ON "{table}" BEGIN
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES ('{table}', NEW.fid, {code}, 'insert', COALESCE(NEW.updated_by, 'external'), {NOW_GPKG}, NULL, {json_new});
END""",
        f"""CREATE TRIGGER "{table}_audit_update" AFTER UPDATE ON "{table}" WHEN {when} BEGIN
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES ('{table}', NEW.fid, {code},{action}
    CASE WHEN NEW.rev IS NOT OLD.rev THEN COALESCE(NEW.updated_by, 'external') ELSE 'external' END,
    {NOW_GPKG}, {json_old}, {json_new});
END""",
    ]


def gpkg_audited_table(
    table: str,
    names: Sequence[str],
    archive_flag: str,
    code: str,
    refuse: str,
    immutable: tuple[str, str],
    changed: Sequence[str] | None = None,
) -> list[str]:
    """The triggers of an audited table whose rows are never deleted: the audit triggers (see
    :func:`gpkg_audit_triggers`), the refusal of a DELETE (``refuse``: the message) and of a
    change of the ``immutable`` (column, what) pair."""
    return [
        *gpkg_audit_triggers(table, names, archive_flag, code, changed),
        gpkg_refuse(table, "DELETE", refuse),
        gpkg_immutable(table, *immutable),
    ]


def gpkg_attributes_contents(table: str, description: str) -> str:
    """The gpkg_contents row of an attribute table (no geometry)."""
    return (
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
        f"VALUES ('{table}', 'attributes', '{table}', '{description}', 0)"
    )


# -- PostgreSQL ----------------------------------------------------------------------------------


def pg_create_table(table: str, cols: Iterable[Column], constraints: Sequence[str] = ()) -> str:
    """CREATE TABLE with an identity primary key ``fid``."""
    body = ["fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"]
    body += [f"{col} {pg}" for col, _gp, pg in cols]
    body += list(constraints)
    return "CREATE TABLE {} (\n  {}\n)".format(table, ",\n  ".join(body))


def pg_index(name: str, table: str, cols: str, unique: bool = False, where: str = "") -> str:
    u = "UNIQUE " if unique else ""
    w = f" WHERE {where}" if where else ""
    return f"CREATE {u}INDEX {name} ON {table} ({cols}){w}"


def pg_refuse(table: str, op: str, message: str) -> str:
    """A trigger refusing every ``op`` (UPDATE, DELETE, TRUNCATE) on ``table``."""
    each = "STATEMENT" if op == "TRUNCATE" else "ROW"
    return (
        f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} FOR EACH {each} "
        f"EXECUTE FUNCTION ymt_refuse('{message}')"
    )


def pg_fill_function(table: str, defaults: dict[str, str]) -> str:
    """A BEFORE trigger function giving NULL columns their default (editors send NULLs)."""
    body = "".join(f"  NEW.{c} := coalesce(NEW.{c}, {d});\n" for c, d in defaults.items())
    return (
        f"CREATE OR REPLACE FUNCTION {table}_fill() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{body}  RETURN NEW;\nEND $$"
    )


def pg_immutable_function(name: str, column: str, what: str) -> str:
    """A trigger function refusing a change of ``column`` (``what`` names it)."""
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.{column} IS DISTINCT FROM OLD.{column} THEN
    RAISE EXCEPTION '%: {what} of a row cannot change', TG_TABLE_NAME
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$"""


def pg_audit_function(
    name: str, code: str, archived: str | None, who: str, declare: str = ""
) -> str:
    """The SECURITY DEFINER audit trigger function: a row in ``ymt_audit`` per insert and real
    update, ``archived`` the condition of an archiving update (None: every update is an
    'update'), ``who`` the author expression."""
    if archived:
        act = f"""    IF {archived} THEN
      act := 'archive';
    ELSE
      act := 'update';
    END IF;
"""
    else:
        act = "    act := 'update';\n"
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  j_new jsonb := to_jsonb(NEW);
  j_old jsonb;
{declare}  act text := 'insert';
BEGIN
  IF TG_OP = 'UPDATE' THEN
    j_old := to_jsonb(OLD);
    IF j_new = j_old THEN
      RETURN NEW;
    END IF;
{act}  END IF;
  INSERT INTO ymt_audit (table_name, row_fid, code, action, who, at, before, after)
  VALUES (TG_TABLE_NAME, NEW.fid, {code}, act, {who}, clock_timestamp(), j_old, j_new);
  RETURN NEW;
END $$"""
