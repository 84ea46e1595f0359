"""What differs in the SQL text of the two backends, in one object each backend owns.

The library's SQL is written once with ``?`` placeholders; :class:`Dialect` says how a backend
takes it: the driver's parameter style, the case-insensitive ``LIKE``, boolean flags, a date
value. ``GeoPackageLibrary.dialect`` is :data:`SQLITE`, ``PostgisLibrary.dialect`` is
:data:`POSTGRES`; code holding a bare DB-API connection asks :func:`dialect_of`.

Upserts (``INSERT … ON CONFLICT … DO UPDATE``), ``RETURNING`` and ``CREATE TEMP TABLE`` are
written the same way on both (SQLite ≥ 3.35), so they need nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Dialect:
    """The SQL of one backend (see the module)."""

    #: ``"sqlite"`` or ``"postgres"`` (the names the panel's queries have always used)
    name: str
    #: the driver takes ``?`` as written (sqlite3); else ``?`` becomes ``%s`` (psycopg2)
    qmark: bool
    #: case-insensitive LIKE (SQLite's LIKE ignores ASCII case by itself)
    like: str
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def sql(self, text: str) -> str:
        """``text`` (``?`` placeholders) in the driver's parameter style: for psycopg2 every
        ``?`` becomes ``%s`` and a literal ``%`` is doubled."""
        if self.qmark:
            return text
        out = self._cache.get(text)
        if out is None:
            out = text.replace("%", "%%").replace("?", "%s")
            if len(self._cache) < 4096:
                self._cache[text] = out
        return out

    def contains(self, column: str) -> str:
        """``column`` matches a pattern from :func:`like_pattern`, ignoring case (one ``?``)."""
        return f"{column} {self.like} ? ESCAPE '\\'"

    def is_true(self, column: str) -> str:
        """``column`` (a boolean flag) is true."""
        return f"{column} = 1" if self.qmark else column

    def is_false(self, column: str) -> str:
        """``column`` (a boolean flag) is false."""
        return f"{column} = 0" if self.qmark else f"NOT {column}"

    def as_date(self, expr: str) -> str:
        """``expr`` (an ISO date text, e.g. a ``VALUES`` column) as a value for a date column:
        PostgreSQL wants the cast, SQLite stores the text."""
        return expr if self.qmark else f"CAST({expr} AS date)"


SQLITE = Dialect("sqlite", qmark=True, like="LIKE")
POSTGRES = Dialect("postgres", qmark=False, like="ILIKE")
DIALECTS = {d.name: d for d in (SQLITE, POSTGRES)}


def dialect_of(connection) -> Dialect:
    """The dialect of a DB-API connection (sqlite3 or psycopg2)."""
    module = type(connection).__module__
    return SQLITE if module.startswith(("sqlite3", "_sqlite3")) else POSTGRES


def escape_like(text: str) -> str:
    """``text`` with the LIKE wildcards ``%`` and ``_`` (and the escape ``\\``) escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_pattern(text: str) -> str:
    """The pattern of :meth:`Dialect.contains` for a substring ``text``."""
    return "%" + escape_like(text) + "%"
