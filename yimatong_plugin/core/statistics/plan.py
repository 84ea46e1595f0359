"""Plan execution: the annual transfer plan (年度出让计划) against the land supplied, by
division and month — two ``GROUP BY`` queries.

* **planned area**: the declared area (``declared_area_m2``) of the live projects whose source is
  ``annual_transfer_plan`` and whose code year is the plan year;
* **supplied area**: the live ``supply`` events of those projects dated in the plan year (and
  on or before AS_OF), each with its recorded ``area_m2``, else its project's declared area
  (the number of such supplies is reported).
"""

from __future__ import annotations

import datetime as _dt

from .query import StatsFilter

PLAN_SOURCE = "annual_transfer_plan"


def plan_execution(lib, flt: StatsFilter, as_of: _dt.date, year: int) -> dict:
    """``{"planned": {admin: (projects, m2)}, "supplied": {(admin, month): (supplies, m2,
    without_area)}}`` for the plan ``year``."""
    where = ["p.archived = ?", "p.source = ?", "p.year = ?"]
    params: list = [False, PLAN_SOURCE, str(year)]
    if flt.admin:
        where.append("p.admin = ?")
        params.append(str(flt.admin))
    w = " AND ".join(where)
    planned = {
        str(r["admin"]): (int(r["n"]), float(r["m2"] or 0.0))
        for r in lib.query(
            f"SELECT p.admin AS admin, COUNT(*) AS n, SUM(COALESCE(p.declared_area_m2, 0)) AS m2 "
            f"FROM ymt_projects p WHERE {w} GROUP BY p.admin",
            params,
        )
    }
    end = min(as_of, _dt.date(year, 12, 31))
    month = "substr(CAST(e.event_date AS TEXT), 6, 2)"
    supplied = {}
    for r in lib.query(
        f"SELECT p.admin AS admin, {month} AS month, COUNT(*) AS n, "
        "SUM(COALESCE(e.area_m2, p.declared_area_m2, 0)) AS m2, "
        "SUM(CASE WHEN e.area_m2 IS NULL THEN 1 ELSE 0 END) AS without_area "
        "FROM ymt_events e JOIN ymt_projects p ON p.code = e.code "
        f"WHERE e.archived = ? AND e.stage = ? AND e.event_date >= ? AND e.event_date <= ? "
        f"AND {w} GROUP BY p.admin, {month}",
        [False, "supply", f"{year}-01-01", end.isoformat(), *params],
    ):
        supplied[(str(r["admin"]), int(r["month"]))] = (
            int(r["n"]),
            float(r["m2"] or 0.0),
            int(r["without_area"] or 0),
        )
    return {"planned": planned, "supplied": supplied, "year": year}
