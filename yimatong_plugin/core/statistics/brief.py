"""统计简报: a one-file Chinese HTML brief for a leaders' meeting — the key figures, every chart
(matplotlib PNGs embedded) and its table, the notes that say how each figure is counted."""

from __future__ import annotations

import base64
import html
import os
import tempfile

from ..i18n import tr
from . import charts
from .tables import display_text

#: tables shown in the brief (the others are in the .xlsx), in order
BRIEF_TABLES = (
    "by_admin",
    "by_town",  # only with a town layer
    "by_year",
    "by_source",
    "by_stage",
    "by_supply_type",
    "by_land_use_1",
    "unsupplied_batches",
    "unsupplied_by_admin",
    "unsupplied_by_year",
    "unsupplied_trend",
    "idle_by_stage",
    "anomaly_projects",
    "plan_by_admin",
    "plan_by_month",
)

_CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; }
h1 { font-size: 22pt; } h2 { font-size: 14pt; margin-top: 1.6em; }
table { border-collapse: collapse; font-size: 9.5pt; margin: .4em 0; }
th, td { border: 1px solid #999; padding: 2px 6px; } td.n { text-align: right; }
th { background: #eef2f7; } p.note { color: #555; font-size: 9pt; } img { max-width: 100%; }
ul.key li { margin: .2em 0; }
"""


def _cell(value, column) -> str:
    if column.kind == "text" and value is not None:
        return f"<td>{html.escape(str(value))}</td>"
    return f'<td class="n">{display_text(value, column)}</td>'


def _table_html(table) -> str:
    head = "".join(f"<th>{html.escape(c.header)}</th>" for c in table.columns)
    rows = "".join(
        "<tr>" + "".join(_cell(v, c) for v, c in zip(row, table.columns)) + "</tr>"
        for row in table.rows
    )
    return f"<table><tr>{head}</tr>{rows}</table>"


def _png_data(table) -> str:
    fd, path = tempfile.mkstemp(suffix=".png")
    os.close(fd)
    try:
        charts.render_png(table, path)
        with open(path, "rb") as fh:
            return base64.b64encode(fh.read()).decode("ascii")
    finally:
        os.unlink(path)


def key_figures(stats) -> list[str]:
    projects = sum(r["projects"] for r in stats.table("by_admin").as_dicts())
    area = sum(r["area_ha"] for r in stats.table("by_admin").as_dicts())
    batches = stats.table("unsupplied_batches").as_dicts()
    unsupplied = sum(b["unsupplied_ha"] or 0 for b in batches)
    unknown = sum(1 for b in batches if b["unsupplied_ha"] is None)
    idle = stats.table("idle_by_stage").as_dicts()
    out = [
        tr("{n} projects, {ha} ha.").format(n=projects, ha=f"{area:,.2f}"),
        tr("批而未供: {n} batches, {ha} ha not supplied.").format(
            n=len(batches), ha=f"{unsupplied:,.2f}"
        ),
        tr(
            "闲置土地: {fee} projects at the fee stage, {rep} at the repossession stage; "
            "供而未用: {unused}."
        ).format(fee=idle[0]["projects"], rep=idle[1]["projects"], unused=idle[2]["projects"]),
    ]
    if unknown:
        out.append(
            tr("{n} 批而未供 batch(es) record no area and are not in the area total.").format(
                n=unknown
            )
        )
    return out


def _embedded_png(table) -> str:
    return f"<img alt='' src='data:image/png;base64,{_png_data(table)}'>"


def brief_html(
    stats, description: list[tuple[str, str]], image=_embedded_png, table_html=_table_html
) -> str:
    """The brief as one HTML text; ``image(table)`` gives a chart's ``<img>`` (embedded PNG by
    default; the PDF passes files it adds to its document), ``table_html(table)`` a table's
    ``<table>`` (the PDF sizes its type to the page)."""
    parts = [
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>{html.escape(tr('Statistics brief'))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(tr('Statistics brief'))}</h1>",
        "<table>"
        + "".join(
            f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in description
        )
        + "</table>",
        f"<h2>{html.escape(tr('Key figures'))}</h2><ul class='key'>",
        *(f"<li>{html.escape(line)}</li>" for line in key_figures(stats)),
        "</ul>",
    ]
    shown = {t.key for t in stats.tables}
    for key in (k for k in BRIEF_TABLES if k in shown):
        table = stats.table(key)
        parts.append(f"<h2>{html.escape(table.title)}</h2>")
        if key in charts.CHARTS and table.rows:
            parts.append(image(table))
        parts.append(table_html(table))
        if table.note:
            parts.append(f"<p class='note'>{html.escape(table.note)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_brief(stats, path: str, description: list[tuple[str, str]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(brief_html(stats, description))
