"""The statistics tables (titles, columns with units, rows) from the grouped figures."""

from __future__ import annotations

import datetime as _dt

from .. import lifecycle as lc
from ..i18n import tr
from ..library.constants import SOURCES
from .tables import (
    Column,
    Table,
    add_batch,
    area_columns,
    area_values,
    batch_sum_columns,
    batch_sum_values,
)
from .trend import trend_table

#: breakdown key -> the dictionary of its names
BREAKDOWNS = (
    ("admin", "admin"),
    ("year", None),
    ("source", "source"),
    ("stage", "stage"),
    ("supply_type", "supply_type"),
    ("land_use_1", "land_use"),
    ("land_use_2", "land_use"),
)


def _title(key: str) -> str:
    return {
        "admin": tr("Projects and area by division"),
        "year": tr("Projects and area by year"),
        "source": tr("Projects and area by source"),
        "stage": tr("Projects and area by current stage"),
        "supply_type": tr("Projects and area by supply type"),
        "land_use_1": tr("Projects and area by land use (level 1)"),
        "land_use_2": tr("Projects and area by land use (level 2)"),
    }[key]


def _names(kind: str | None, dictionaries) -> dict:
    if kind == "source":
        return dict(SOURCES)
    if kind == "stage":
        return {**lc.STAGES, "": tr("no event yet")}
    if kind:
        return dict(dictionaries.get(kind, {}))
    return {}


def _area_note() -> str:
    return tr(
        "Area: the current parcels of each project (ellipsoidal, CGCS2000); a project without "
        "current parcels counts with its declared area, one with neither counts 0."
    )


def grouped_table(key: str, title: str, columns: list[Column], note: str = "") -> Table:
    """A table whose rows are groups: the group's code and name first, then ``columns``."""
    head = [Column("key", tr("Group code"), "text"), Column("name", tr("Name"), "text")]
    return Table(key, title, [*head, *columns], note=note)


def breakdown_table(key: str, rows: list[dict], names: dict, as_of: _dt.date) -> Table:
    cols = [
        Column("projects", tr("Projects"), "int"),
        *area_columns("area", tr("Area")),
        Column("declared_only", tr("Counted with declared area (projects)"), "int"),
        Column("no_area", tr("Without area (projects)"), "int"),
    ]
    table = grouped_table(f"by_{key}", _title(key), cols, note=_area_note())
    if key == "stage":
        table.note += " " + tr("Stage: the latest live event on or before {date}.").format(
            date=as_of.isoformat()
        )
    for r in rows:
        name = names.get(r["key"], "") if key != "year" else ""
        table.rows.append(
            [
                r["key"],
                name,
                r["projects"],
                *area_values(r["area_m2"]),
                r["declared_only"],
                r["no_area"],
            ]
        )
    return table


def build_tables(groups: dict, anomalies, plan: dict, dictionaries, as_of: _dt.date) -> list:
    admin_names = _names("admin", dictionaries)
    tables = [
        breakdown_table(key, groups[key], _names(kind, dictionaries), as_of)
        for key, kind in BREAKDOWNS
    ]
    tables += unsupplied_tables(anomalies.batches, admin_names)
    tables.append(trend_table(anomalies.trend, anomalies.batches, as_of))
    tables += idle_tables(anomalies, admin_names)
    tables += plan_tables(plan, admin_names)
    return tables


# -- 批而未供 -------------------------------------------------------------------------------------


def unsupplied_tables(batches, admin_names) -> list[Table]:
    unknown_note = tr(
        "An empty area: an approval of the batch records no area, so the lifecycle rules count "
        "its projects, not m²."
    )
    per_batch = Table(
        "unsupplied_batches",
        tr("批而未供 by approval batch"),
        [
            Column("batch", tr("Batch"), "text"),
            Column("approved_on", tr("Approved on"), "text"),
            Column("due", tr("Due (threshold reached)"), "text"),
            Column("members", tr("Projects"), "int"),
            Column("unsupplied_projects", tr("Projects not supplied"), "int"),
            *area_columns("approved", tr("Approved area")),
            Column("supplied_ratio", tr("Supplied ratio"), "ratio"),
            *area_columns("unsupplied", tr("Unsupplied area")),
        ],
        note=unknown_note,
    )
    for b in batches:
        per_batch.rows.append(
            [
                b.batch,
                b.approved_on.isoformat() if b.approved_on else "",
                b.due.isoformat(),
                len(b.members),
                len(b.codes),
                *area_values(b.approved_m2),
                b.supplied_ratio,
                *area_values(b.unsupplied_m2),
            ]
        )
    by_admin: dict[str, list] = {}
    for b in batches:
        for admin, approved in b.by_admin.items():
            unsupplied = None if approved is None else approved * (1.0 - b.supplied_ratio)
            add_batch(by_admin.setdefault(admin, [0, 0.0, 0.0, 0]), approved, unsupplied)
    per_admin = grouped_table(
        "unsupplied_by_admin",
        tr("批而未供 by division"),
        batch_sum_columns(),
        note=tr(
            "A batch is supplied as a whole: its unsupplied area is split among divisions by the "
            "approved area of its projects there, with the batch's supplied ratio."
        )
        + " "
        + unknown_note,
    )
    for admin in sorted(by_admin):
        per_admin.rows.append(
            [admin, admin_names.get(admin, ""), *batch_sum_values(by_admin[admin])]
        )
    by_year: dict[int, list] = {}
    for b in batches:
        year = b.approved_on.year if b.approved_on else 0
        add_batch(by_year.setdefault(year, [0, 0.0, 0.0, 0]), b.approved_m2, b.unsupplied_m2)
    per_year = Table(
        "unsupplied_by_year",
        tr("批而未供 by approval year"),
        [Column("year", tr("Approval year"), "int"), *batch_sum_columns()],
        note=unknown_note,
    )
    for year in sorted(by_year):
        per_year.rows.append([year, *batch_sum_values(by_year[year])])
    return [per_batch, per_admin, per_year]


# -- 闲置土地, 供而未用 ---------------------------------------------------------------------------


def idle_tables(anomalies, admin_names) -> list[Table]:
    stage_names = {
        lc.IDLE_FEE: tr("idle-land fee stage"),
        lc.IDLE_REPOSSESSION: tr("repossession stage"),
    }
    summary = Table(
        "idle_by_stage",
        tr("闲置土地 and 供而未用 by stage"),
        [
            Column("key", tr("Anomaly"), "text"),
            Column("stage", tr("Stage"), "text"),
            Column("projects", tr("Projects"), "int"),
            *area_columns("area", tr("Area")),
        ],
        note=_area_note(),
    )
    for rule, stage, rows in (
        (lc.RULE_IDLE, lc.IDLE_FEE, [r for r in anomalies.idle if r["stage"] == lc.IDLE_FEE]),
        (
            lc.RULE_IDLE,
            lc.IDLE_REPOSSESSION,
            [r for r in anomalies.idle if r["stage"] == lc.IDLE_REPOSSESSION],
        ),
        (lc.RULE_UNUSED, "", anomalies.unused),
    ):
        summary.rows.append(
            [
                rule,
                stage_names.get(stage, ""),
                len(rows),
                *area_values(sum(r["area_m2"] for r in rows)),
            ]
        )
    listing = Table(
        "anomaly_projects",
        tr("闲置土地 and 供而未用 projects"),
        [
            Column("code", tr("Code"), "text"),
            Column("rule", tr("Anomaly"), "text"),
            Column("stage", tr("Stage"), "text"),
            Column("admin", tr("Division"), "text"),
            Column("since", tr("Since"), "text"),
            Column("days", tr("Days"), "int"),
            *area_columns("area", tr("Area")),
            Column("evidence", tr("Evidence"), "text"),
        ],
        note=_area_note(),
    )
    for rule, rows in ((lc.RULE_IDLE, anomalies.idle), (lc.RULE_UNUSED, anomalies.unused)):
        for r in sorted(rows, key=lambda r: (r["since"], r["code"])):
            listing.rows.append(
                [
                    r["code"],
                    rule,
                    stage_names.get(r["stage"], ""),
                    admin_names.get(r["admin"], r["admin"]),
                    r["since"].isoformat(),
                    r["days"],
                    *area_values(r["area_m2"]),
                    r["evidence"],
                ]
            )
    return [summary, listing]


# -- plan execution ------------------------------------------------------------------------------


def plan_tables(plan: dict, admin_names) -> list[Table]:
    year = plan["year"]
    note = tr(
        "Plan: the declared area of the {year} transfer-plan projects; supplied: their supply "
        "events dated {year}, with the area each records (else the project's declared area)."
    ).format(year=year)
    per_admin = grouped_table(
        "plan_by_admin",
        tr("Transfer plan {year}: planned vs supplied by division").format(year=year),
        [
            Column("planned_projects", tr("Planned projects"), "int"),
            *area_columns("planned", tr("Planned area")),
            Column("supplies", tr("Supplies"), "int"),
            *area_columns("supplied", tr("Supplied area")),
            Column("ratio", tr("Execution ratio"), "ratio"),
            Column("without_area", tr("Supplies without area"), "int"),
        ],
        note=note,
    )
    admins = sorted(set(plan["planned"]) | {a for a, _ in plan["supplied"]})
    for admin in admins:
        n_plan, planned = plan["planned"].get(admin, (0, 0.0))
        months = [v for (a, _), v in plan["supplied"].items() if a == admin]
        supplied = sum(v[1] for v in months)
        per_admin.rows.append(
            [
                admin,
                admin_names.get(admin, ""),
                n_plan,
                *area_values(planned),
                sum(v[0] for v in months),
                *area_values(supplied),
                supplied / planned if planned else None,
                sum(v[2] for v in months),
            ]
        )
    per_month = grouped_table(
        "plan_by_month",
        tr("Transfer plan {year}: supplied by division and month").format(year=year),
        [
            Column("month", tr("Month"), "int"),
            Column("supplies", tr("Supplies"), "int"),
            *area_columns("supplied", tr("Supplied area")),
            *area_columns("cumulative", tr("Supplied to date")),
            Column("ratio", tr("Execution ratio to date"), "ratio"),
        ],
        note=note,
    )
    for admin in admins:
        planned = plan["planned"].get(admin, (0, 0.0))[1]
        cumulative = 0.0
        for month in range(1, 13):
            n, m2, _ = plan["supplied"].get((admin, month), (0, 0.0, 0))
            cumulative += m2
            per_month.rows.append(
                [
                    admin,
                    admin_names.get(admin, ""),
                    month,
                    n,
                    *area_values(m2),
                    *area_values(cumulative),
                    cumulative / planned if planned else None,
                ]
            )
    return [per_admin, per_month]
