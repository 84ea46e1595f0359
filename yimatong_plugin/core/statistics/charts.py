"""The statistics charts, drawn by matplotlib (no chart code of our own) on a given
``matplotlib.figure.Figure``: the dock passes its ``FigureCanvasQTAgg``'s figure, the brief an
Agg figure rendered to PNG (:func:`render_png`). No pyplot, so no global backend is chosen.

Chinese labels need a CJK font: :data:`CJK_FONTS` is set as the font family explicitly (Noto
Sans CJK from Debian's fonts-noto-cjk, else the usual Windows fonts).
"""

from __future__ import annotations

from ..i18n import tr
from .tables import Table

CJK_FONTS = [
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "DejaVu Sans",
]


def _style(fig) -> None:
    import matplotlib

    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = CJK_FONTS
    matplotlib.rcParams["axes.unicode_minus"] = False
    fig.clear()


def _labels(table: Table) -> list[str]:
    out = []
    for r in table.as_dicts():
        name = r.get("name") or ""
        key = str(r.get("key", r.get("year", "")))
        out.append(name or key or tr("no event yet"))
    return out


def _bars(fig, table: Table, column: str, ylabel: str, horizontal: bool = False) -> None:
    ax = fig.add_subplot(111)
    labels = _labels(table)
    values = [v or 0 for v in table.column(column)]
    if horizontal:
        ax.barh(labels, values, color="#3a7ebf")
        ax.invert_yaxis()
        ax.set_xlabel(ylabel)
    else:
        ax.bar(labels, values, color="#3a7ebf")
        ax.set_ylabel(ylabel)
        if len(labels) > 4:
            for label in ax.get_xticklabels():
                label.set_rotation(30)
                label.set_horizontalalignment("right")
    ax.set_title(table.title)


def _area_ha() -> str:
    return tr("Area") + tr(" (ha)")


def chart_breakdown(fig, table: Table) -> None:
    horizontal = table.key in (
        "by_source",
        "by_land_use_2",
        "by_stage",
        "by_supply_type",
        "by_town",
    )
    _bars(fig, table, "area_ha", _area_ha(), horizontal)


def chart_unsupplied_by_admin(fig, table: Table) -> None:
    ax = fig.add_subplot(111)
    labels = _labels(table)
    x = range(len(labels))
    approved = [v or 0 for v in table.column("approved_ha")]
    unsupplied = [v or 0 for v in table.column("unsupplied_ha")]
    ax.bar([i - 0.2 for i in x], approved, 0.4, label=tr("Approved area"), color="#9bbbd9")
    ax.bar([i + 0.2 for i in x], unsupplied, 0.4, label=tr("Unsupplied area"), color="#d9534f")
    ax.set_xticks(list(x), labels)
    ax.set_ylabel(_area_ha())
    ax.legend()
    ax.set_title(table.title)


def chart_unsupplied_by_year(fig, table: Table, label_column: str = "year") -> None:
    ax = fig.add_subplot(111)
    years = [str(y) for y in table.column(label_column)]
    ax.bar(years, [v or 0 for v in table.column("unsupplied_ha")], color="#d9534f")
    ax.set_ylabel(tr("Unsupplied area") + tr(" (ha)"))
    ax2 = ax.twinx()
    ratios = [None if v is None else 100 * v for v in table.column("ratio")]
    ax2.plot(years, [r if r is not None else float("nan") for r in ratios], "o-", color="#333")
    ax2.set_ylabel(tr("Supplied ratio") + " (%)")
    ax2.set_ylim(0, 100)
    ax.set_title(table.title)


def chart_unsupplied_trend(fig, table: Table) -> None:
    chart_unsupplied_by_year(fig, table, "as_of")
    for label in fig.axes[0].get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")


def chart_idle(fig, table: Table) -> None:
    ax = fig.add_subplot(111)
    labels = [f"{r['key']}\n{r['stage']}" if r["stage"] else r["key"] for r in table.as_dicts()]
    bars = ax.bar(labels, table.column("area_ha"), color=["#f0ad4e", "#d9534f", "#5bc0de"])
    ax.bar_label(bars, [tr("{n} projects").format(n=n) for n in table.column("projects")])
    ax.set_ylabel(_area_ha())
    ax.set_title(table.title)


def chart_plan(fig, table: Table) -> None:
    ax = fig.add_subplot(111)
    labels = _labels(table)
    x = range(len(labels))
    ax.bar([i - 0.2 for i in x], table.column("planned_ha"), 0.4, label=tr("Planned area"))
    ax.bar([i + 0.2 for i in x], table.column("supplied_ha"), 0.4, label=tr("Supplied area"))
    ax.set_xticks(list(x), labels)
    ax.set_ylabel(_area_ha())
    ax.legend()
    ax.set_title(table.title)


def chart_plan_months(fig, table: Table) -> None:
    ax = fig.add_subplot(111)
    series: dict[str, list] = {}
    for r in table.as_dicts():
        series.setdefault(r["name"] or r["key"], []).append((r["month"], r["cumulative_ha"]))
    for name, points in series.items():
        ax.plot([m for m, _ in points], [v for _, v in points], "o-", label=name)
    ax.set_xticks(range(1, 13))
    ax.set_xlabel(tr("Month"))
    ax.set_ylabel(tr("Supplied to date") + tr(" (ha)"))
    if series:
        ax.legend()
    ax.set_title(table.title)


#: table key -> drawing function, in the brief's order
CHARTS = {
    "by_admin": chart_breakdown,
    "by_town": chart_breakdown,
    "by_year": chart_breakdown,
    "by_source": chart_breakdown,
    "by_stage": chart_breakdown,
    "by_supply_type": chart_breakdown,
    "by_land_use_1": chart_breakdown,
    "unsupplied_by_admin": chart_unsupplied_by_admin,
    "unsupplied_by_year": chart_unsupplied_by_year,
    "unsupplied_trend": chart_unsupplied_trend,
    "idle_by_stage": chart_idle,
    "plan_by_admin": chart_plan,
    "plan_by_month": chart_plan_months,
}


def draw(fig, table: Table) -> None:
    """Draw ``table``'s chart on ``fig`` (cleared first)."""
    _style(fig)
    CHARTS[table.key](fig, table)
    fig.tight_layout()


def render_png(table: Table, path: str, size=(7.5, 4.2), dpi: int = 110) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=dpi)
    FigureCanvasAgg(fig)
    draw(fig, table)
    fig.savefig(path, format="png")
