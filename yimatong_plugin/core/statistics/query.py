"""The SQL the statistics push down to the library (GeoPackage and PostGIS alike).

Every breakdown is one ``GROUP BY`` over the live projects matching a :class:`StatsFilter`,
joined to the per-project sum of its current parcels' areas (itself a ``GROUP BY``); only the
groups come back to Python. ``lib.query`` takes ``?`` placeholders on both backends.

**Project area** (用地面积) is the sum of the project's current (not retired) parcels'
ellipsoidal areas; a project without current parcels counts with its declared area
(``declared_area_m2``), and one with neither counts 0 m². Each table says how many projects
were counted with the declared area and how many have no area at all, so no total is silently
short.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass


@dataclass(frozen=True)
class StatsFilter:
    """Filters shared with the library panel: division (``admin``, 6 digits), year, source."""

    admin: str | None = None
    year: str | None = None
    source: str | None = None

    def where(self) -> tuple[str, list]:
        """``(sql, params)`` over alias ``p``: live projects matching the filter."""
        clauses, params = ["p.archived = ?"], [False]
        for name in ("admin", "year", "source"):
            value = getattr(self, name)
            if value not in (None, ""):
                clauses.append(f"p.{name} = ?")
                params.append(str(value))
        return " AND ".join(clauses), params

    def matches(self, project: dict) -> bool:
        return all(
            getattr(self, name) in (None, "") or str(project.get(name)) == str(getattr(self, name))
            for name in ("admin", "year", "source")
        )


#: per-project area of current parcels (GROUP BY pushed down), joined as ``pa``
PARCEL_AREA = (
    "SELECT code, SUM(area_m2) AS parcel_m2 FROM ymt_parcels WHERE retired = ? GROUP BY code"
)


def base_sql(flt: StatsFilter, extra_columns: str = "", codes=()) -> tuple[str, list]:
    """``(sql, params)``: one row per matching live project with ``area_m2`` (see module doc),
    ``declared_only`` (1: counted with its declared area) and ``no_area`` (1: no area at all).
    ``codes``: only those projects (their parcels only are summed: an index lookup each)."""
    where, params = flt.where()
    parcel_area, parcel_params = PARCEL_AREA, [False]
    if codes:
        marks = ", ".join("?" * len(codes))
        parcel_area = parcel_area.replace(" GROUP BY", f" AND code IN ({marks}) GROUP BY")
        parcel_params += list(codes)
        where += f" AND p.code IN ({marks})"
        params += list(codes)
    cols = (
        "p.code AS code, p.admin AS admin, p.year AS year, p.source AS source, "
        "p.supply_type AS supply_type, p.land_use AS land_use, "
        "COALESCE(pa.parcel_m2, p.declared_area_m2, 0) AS area_m2, "
        "CASE WHEN pa.parcel_m2 IS NULL AND p.declared_area_m2 IS NOT NULL THEN 1 ELSE 0 END "
        "AS declared_only, "
        "CASE WHEN pa.parcel_m2 IS NULL AND p.declared_area_m2 IS NULL THEN 1 ELSE 0 END AS no_area"
    )
    if extra_columns:
        cols += ", " + extra_columns
    sql = (
        f"SELECT {cols} FROM ymt_projects p LEFT JOIN ({parcel_area}) pa ON pa.code = p.code "
        f"WHERE {where}"
    )
    return sql, [*parcel_params, *params]


def stage_as_of_sql() -> tuple[str, list]:
    """The stage of the project's latest live event on or before AS_OF, by date then fid; ''
    without one. A project with no event after AS_OF reads ``current_stage`` (the same rule,
    kept by the library's triggers; an index probe), the others the events (a subquery)."""
    sql = (
        "CASE WHEN EXISTS (SELECT 1 FROM ymt_events x WHERE x.code = p.code "
        "AND x.event_date > ?) THEN COALESCE((SELECT e.stage FROM ymt_events e "
        "WHERE e.code = p.code AND e.archived = ? AND e.event_date <= ? "
        "ORDER BY e.event_date DESC, e.fid DESC LIMIT 1), '') "
        "ELSE COALESCE(p.current_stage, '') END AS stage"
    )
    return sql, ["AS_OF", False, "AS_OF"]


#: the per-connection temporary table of the matching projects (see :func:`materialise`)
BASE_TABLE = "ymt_stats_base"

#: breakdown key -> SQL expression over the base rows (alias ``b``)
DIMENSIONS = {
    "admin": "b.admin",
    "year": "b.year",
    "source": "b.source",
    "stage": "b.stage",
    "supply_type": "b.supply_type",
    "land_use_1": "substr(b.land_use, 1, 2)",
    "land_use_2": "b.land_use",
}


def materialise(lib, flt: StatsFilter, as_of: _dt.date) -> None:
    """Put the matching projects — area, declared_only, no_area, stage as of ``as_of`` — in
    this connection's temporary table :data:`BASE_TABLE`, in one pass (the parcels' GROUP BY
    and the stage lookups run once, not once per breakdown). Writes nothing to the library."""
    stage, stage_params = stage_as_of_sql()
    stage_params = [as_of.isoformat() if p == "AS_OF" else p for p in stage_params]
    base, params = base_sql(flt, stage)
    sql = f"CREATE TEMP TABLE {BASE_TABLE} AS {base}"
    postgres = lib.backend == "postgis"
    if postgres:
        sql = lib.dialect.sql(sql)
    cur = lib.connection.cursor()
    try:
        cur.execute(f"DROP TABLE IF EXISTS {'pg_temp' if postgres else 'temp'}.{BASE_TABLE}")
        cur.execute(sql, [*stage_params, *params])
    finally:
        cur.close()


def grouped(lib, dimension: str) -> list[dict]:
    """``[{key, projects, area_m2, declared_only, no_area}]`` grouped by ``dimension`` over the
    rows :func:`materialise` put in the temporary table."""
    expr = DIMENSIONS[dimension]
    sql = (
        f"SELECT {expr} AS key, COUNT(*) AS projects, SUM(b.area_m2) AS area_m2, "
        f"SUM(b.declared_only) AS declared_only, SUM(b.no_area) AS no_area "
        f"FROM {BASE_TABLE} b GROUP BY {expr} ORDER BY {expr}"
    )
    return [
        {
            "key": "" if r["key"] is None else str(r["key"]),
            "projects": int(r["projects"]),
            "area_m2": float(r["area_m2"] or 0.0),
            "declared_only": int(r["declared_only"] or 0),
            "no_area": int(r["no_area"] or 0),
        }
        for r in lib.query(sql)
    ]


def projects_by_code(lib, flt: StatsFilter, codes) -> dict[str, dict]:
    """The base rows (see :func:`base_sql`) of those ``codes`` that match ``flt``."""
    out: dict[str, dict] = {}
    codes = sorted(set(codes))
    for i in range(0, len(codes), 500):
        chunk = codes[i : i + 500]
        sql, params = base_sql(flt, codes=chunk)
        for row in lib.query(sql, params):
            row["area_m2"] = float(row["area_m2"] or 0.0)
            out[row["code"]] = row
    return out
