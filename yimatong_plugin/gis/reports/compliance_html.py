"""The compliance report's HTML: the document with its legend, parcel sections, tables and
signature block (a part of :class:`.compliance._Report`)."""

from __future__ import annotations

import html

from .compliance_data import (
    INSIDE,
    REPAIRED_MARK,
    VERDICT_COLOURS,
    _Parcel,
    display_code,
    fmt_ha,
    fmt_m2,
    fmt_mu,
)
from .compliance_maps import _scale_denominator
from .pdf_layout import CONTENT_W

# ----------------------------------------------------------------------------- HTML
CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 2em auto; max-width: 60em; color: #222; line-height: 1.5; }
h1 { text-align: center; font-size: 1.8em; margin-bottom: 0.2em; }
p.subtitle { text-align: center; color: #555; margin-top: 0; }
h2 { border-bottom: 2px solid #1f4e9e; padding-bottom: 0.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.6em 0; width: 100%; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; }
th { background: #e8eef8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.meta th { width: 9em; text-align: left; }
.verdict { font-weight: bold; font-size: 1.15em; }
.verdict-合规 { color: #1a7f37; } .verdict-冲突 { color: #c62828; }
.verdict-需论证 { color: #d97706; }
figure { margin: 0.5em 0; } figure img { width: 100%; border: 1px solid #999; }
figcaption { font-size: 0.9em; color: #444; }
.swatch { display: inline-block; width: 1.4em; height: 0.9em; vertical-align: middle;
          margin: 0 0.3em 0 1em; border: 1px solid #666; }
section.parcel { page-break-before: always; }
.signature td { height: 3em; width: 33%; vertical-align: bottom; }
.note { color: #555; font-size: 0.9em; }
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


class _HtmlPart:
    """The HTML document of :class:`.compliance._Report`."""

    # ---- HTML -----------------------------------------------------------------------------
    def legend_html(self) -> str:
        tr = self.lang.tr
        swatch = '<span class="swatch" style="border:3px solid #1446c8"></span>'
        parts = [swatch + _e(tr("Reviewed parcel"))]
        for index, (name, _, rule) in enumerate(self.control_layers):
            if rule == INSIDE:
                style = "border:2px dashed #8000a0;background:none"
            elif "农田" in name or "farm" in name.lower():
                style = "background:rgba(255,214,0,0.6);border-color:#b08c00"
            elif "红线" in name or "red" in name.lower() or index == 0:
                style = (
                    "background:repeating-linear-gradient(45deg,#dc141e 0 1px,#fbe3e4 1px 5px);"
                    "border-color:#dc141e"
                )
            else:
                style = (
                    "background:repeating-linear-gradient(45deg,#e66e00 0 1px,#fdeedd 1px 5px);"
                    "border-color:#e66e00"
                )
            parts.append(f'<span class="swatch" style="{style}"></span>{_e(name)}')
        if self.layers.zoning is not None:
            parts.append(
                f'<span class="swatch" style="background:#f0f0f0;border-color:#8c8c8c"></span>'
                f"{_e(tr('Planning zoning'))}"
            )
        return " ".join(parts)

    def parcel_html(self, p: _Parcel) -> str:
        tr = self.lang.tr
        pid = _e(p.parcel_id)
        out = [f'<section class="parcel" id="parcel-{pid}" data-parcel-id="{pid}">']
        out.append(f"<h2>{_e(tr('Parcel {id}').format(id=p.parcel_id))}</h2>")
        out.append('<table class="meta">')
        if p.name:
            out.append(f"<tr><th>{_e(tr('Project name'))}</th><td>{_e(p.name)}</td></tr>")
        code = display_code(p.project_code) if p.project_code else tr("not yet assigned")
        out.append(
            f'<tr><th>{_e(tr("Project code"))}</th><td class="project-code">{_e(code)}</td></tr>'
        )
        out.append(
            f"<tr><th>{_e(tr('Parcel area'))}</th><td>"
            f'<span class="area-m2">{fmt_m2(p.area_m2)}</span> m² / '
            f'<span class="area-ha">{fmt_ha(p.area_m2)}</span> {_e(tr("ha"))} / '
            f'<span class="area-mu">{fmt_mu(p.area_m2)}</span> {_e(tr("mu"))}</td></tr>'
        )
        if p.repaired:
            out.append(
                f"<tr><th>{_e(tr('Geometry'))}</th><td>"
                f"{_e(tr('invalid geometry, repaired (make_valid) before the overlay'))}</td></tr>"
            )
        out.append("</table>")
        if p.image:
            ext = self.extents[p.parcel_id]
            scale = _scale_denominator(ext, CONTENT_W)
            alt = tr("Map of parcel {id}").format(id=p.parcel_id)
            note = tr("Map in {crs}; about 1:{scale} at the printed width").format(
                crs=self.info.get("area_crs", ""), scale=scale
            )
            out.append(
                f'<figure><img src="{_e(p.image)}" alt="{_e(alt)}">'
                f"<figcaption>{self.legend_html()}<br>{_e(note)}</figcaption></figure>"
            )
        out.append(self.table_html(p))
        colour = VERDICT_COLOURS.get(p.verdict, "#222")
        out.append(
            f'<p class="verdict verdict-{_e(p.verdict)}" style="color:{colour}">'
            f'{_e(tr("Verdict"))}：<span class="verdict-value">{_e(p.verdict)}</span></p>'
        )
        grounds = _e(tr("Grounds for the verdict"))
        out.append(f'<p class="rule"><b>{grounds}：</b>{_e(p.verdict_rule or "—")}</p>')
        out.append("</section>")
        return "\n".join(out)

    def table_html(self, p: _Parcel) -> str:
        tr = self.lang.tr
        if not p.rows:
            return f"<p>{_e(tr('No overlap with any control line or zoning class.'))}</p>"
        head = self.table_head(tr("Share of parcel"))
        out = [
            '<table class="overlap">',
            "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>",
        ]
        for row in p.rows:
            for layer, cls, part, m2, ratio in self.row_cells(row):
                out.append(
                    f'<tr data-layer="{_e(row.layer)}" data-class="{_e(row.class_code)}">'
                    f"<td>{_e(layer)}</td><td>{_e(cls)}</td><td>{_e(part)}</td>"
                    f'<td class="num m2">{fmt_m2(m2)}</td><td class="num ha">{fmt_ha(m2)}</td>'
                    f'<td class="num mu">{fmt_mu(m2)}</td>'
                    f'<td class="num ratio">{_e(ratio)}</td></tr>'
                )
        out.append("</table>")
        return "\n".join(out)

    def html(self) -> str:
        tr = self.lang.tr
        out = [
            "<!DOCTYPE html>",
            '<html lang="zh-CN"><head><meta charset="utf-8">',
            f"<title>{_e(self.title)}</title><style>{CSS}</style></head><body>",
            f"<h1>{_e(self.title)}</h1>",
            '<p class="subtitle">'
            + _e(tr("Generated by Yimatong on {date}").format(date=self.date))
            + "</p>",
            f'<section id="summary"><h2>{_e(tr("Review summary"))}</h2><table class="meta">',
        ]
        for key, value in self.summary_items():
            out.append(f"<tr><th>{_e(key)}</th><td>{_e(value)}</td></tr>")
        out.append("</table>")
        out.append(f"<p>{_e(self.counts_text())}</p>")
        named = any(p.name for p in self.parcels)
        head = [
            tr("Parcel"),
            *([tr("Project name")] if named else []),
            tr("Project code"),
            tr("Area (m²)"),
            tr("Area (ha)"),
            tr("Area (mu)"),
            tr("Verdict"),
        ]
        out.append(
            '<table class="summary"><tr>' + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"
        )
        repaired = tr("invalid geometry, repaired (make_valid) before the overlay: see its page")
        for p in self.parcels:
            colour = VERDICT_COLOURS.get(p.verdict, "#222")
            out.append(
                f'<tr data-parcel-id="{_e(p.parcel_id)}">'
                f'<td><a href="#parcel-{_e(p.parcel_id)}">{_e(p.parcel_id)}</a></td>'
                + (f"<td>{_e(p.name)}</td>" if named else "")
                + f"<td>{_e(display_code(p.project_code) or tr('not yet assigned'))}</td>"
                f'<td class="num">{fmt_m2(p.area_m2)}</td><td class="num">{fmt_ha(p.area_m2)}</td>'
                f'<td class="num">{fmt_mu(p.area_m2)}</td>'
                f'<td style="color:{colour};font-weight:bold">{_e(p.verdict)}'
                + (f'<sup title="{_e(repaired)}">{REPAIRED_MARK}</sup>' if p.repaired else "")
                + "</td></tr>"
            )
        out.append("</table>")
        if any(p.repaired for p in self.parcels):
            out.append(f'<p class="note">{REPAIRED_MARK} {_e(repaired)}</p>')
        out.append("</section>")
        for p in self.parcels:
            out.append(self.parcel_html(p))
        out.append(self.signature_html())
        out.append("</body></html>")
        return "\n".join(out)

    def signature_html(self) -> str:
        tr = self.lang.tr
        return (
            f'<section id="signature"><h2>{_e(tr("Review opinion and signatures"))}</h2>'
            f'<p class="note">{_e(tr("Review opinion:"))}</p><p style="height:4em"></p>'
            '<table class="signature"><tr>'
            f"<td>{_e(tr('Reviewer'))}：</td><td>{_e(tr('Checked by'))}：</td>"
            f"<td>{_e(tr('Date'))}：</td></tr></table></section>"
        )
