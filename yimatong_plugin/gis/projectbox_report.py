"""The project file (项目档案): one project's whole record as HTML (and PDF).

Contents: the code in display form and as a QR image, the project's facts, its timeline (the
project box's drawn timeline as an image), a map of its parcels and their lineage (current
parcels solid, retired versions dashed), its events, its results with their SHA-256 (checked
against the file on disk now), its lifecycle findings and the audit history.

Images go to a ``<report name>_files`` folder beside the HTML; the PDF (optional) is printed
from the same HTML with a CJK font.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from qgis.PyQt.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from qgis.PyQt.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTextDocument,
)

from ..core import crs as gk
from ..core import lifecycle as lc
from ..core import projectbox as pb
from ..core.code import format_code
from ..core.library.constants import SOURCES
from ..core.result_check import result_check
from ..core.units import format_area
from ..toolbelt.i18n import tr
from .history_text import change_text, status_text
from .timeline_scene import TimelineScene, severity_label

CJK_FONT = "Noto Sans CJK SC"
MAP_W, MAP_H = 1000, 640
#: the timeline is laid out this many pixels wide, about the PDF's image width in points, so
#: its text prints at about its screen size (at 1100 it printed at 4 pt); drawn TIMELINE_SCALE
#: times sharper
TIMELINE_W = 600
TIMELINE_SCALE = 2.5
PDF_IMAGE_WIDTH = 500  # points: the text width of an A4 page with 12 mm margins is ~527


class ReportError(Exception):
    """The report could not be written; the message names the project or file."""


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def display_code(code: str) -> str:
    """``43 430702 2024 03 01 12 0701 000123`` (the bare code when it is not 28 digits)."""
    return format_code(code)


# -- images ---------------------------------------------------------------------------------


def qr_text(code: str) -> str:
    """What the QR code holds: the exchange service's public page ``{base}/p/{code}`` when its
    public base URL is set (plugin settings), else the code itself."""
    from ..toolbelt.settings import load_settings

    base = load_settings().public_base_url.strip().rstrip("/")
    return f"{base}/p/{code}" if base.lower().startswith(("http://", "https://")) else code


def write_qr(code: str, path: Path) -> None:
    import segno

    segno.make(qr_text(code), error="m").save(str(path), scale=6, border=2)


def write_timeline(data: dict, path: Path, thresholds=None) -> None:
    scene = TimelineScene()
    scene.set_project(
        data["events"],
        data["findings"],
        data["results"],
        as_of=data["as_of"],
        thresholds=thresholds,
        project=data["project"],
    )
    image = scene.render_image(TIMELINE_W, TIMELINE_SCALE)
    if not image.save(str(path)):
        raise ReportError(tr("Cannot write the image {path}").format(path=path))


def write_parcel_map(parcels: list[dict], path: Path) -> None:
    """Parcels drawn in their Gauss-Krüger zone: current solid red, retired dashed blue."""
    image = QImage(MAP_W, MAP_H, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont(CJK_FONT)
    font.setPixelSize(22)
    painter.setFont(font)
    geoms = [(p, shapely.from_wkb(p["geometry"])) for p in parcels if p.get("geometry")]
    if not geoms:
        painter.drawText(
            QRectF(0, 0, MAP_W, MAP_H), Qt.AlignmentFlag.AlignCenter, tr("No parcels recorded")
        )
        painter.end()
        image.save(str(path))
        return
    lon = shapely.union_all([g for _, g in geoms]).centroid.x
    zone = gk.gk_crs_for_longitude(lon)
    to_gk = Transformer.from_crs("EPSG:4490", zone.authid, always_xy=True)

    def project(coords):
        x, y = to_gk.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    projected = [(p, shapely.transform(g, project)) for p, g in geoms]
    minx, miny, maxx, maxy = shapely.GeometryCollection([g for _, g in projected]).bounds
    pad = max(maxx - minx, maxy - miny) * 0.08 + 20
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    legend_h = 50
    scale = min(MAP_W / (maxx - minx), (MAP_H - legend_h) / (maxy - miny))
    ox = (MAP_W - (maxx - minx) * scale) / 2
    oy = (MAP_H - legend_h - (maxy - miny) * scale) / 2

    def pt(x, y):
        return QPointF(ox + (x - minx) * scale, oy + (maxy - y) * scale)

    # retired first so current parcels draw on top
    for parcel, geom in sorted(projected, key=lambda pg: not pg[0].get("retired")):
        retired = bool(parcel.get("retired"))
        path_ = QPainterPath()
        for poly in shapely.get_parts(geom):
            for ring in [poly.exterior, *poly.interiors]:
                coords = list(ring.coords)
                path_.moveTo(pt(*coords[0][:2]))
                for c in coords[1:]:
                    path_.lineTo(pt(*c[:2]))
                path_.closeSubpath()
        if retired:
            painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            painter.setPen(QPen(QColor(40, 90, 200), 2, Qt.PenStyle.DashLine))
        else:
            painter.setBrush(QBrush(QColor(220, 30, 30, 60)))
            painter.setPen(QPen(QColor(220, 30, 30), 2))
        painter.drawPath(path_)
    # lineage: an arrow from each retired version to the parcel that replaced it
    centre = {p["fid"]: pt(*g.representative_point().coords[0]) for p, g in projected}
    painter.setPen(QPen(QColor(40, 90, 200), 2))
    painter.setBrush(QBrush(QColor(40, 90, 200)))
    for parcel, _geom in projected:
        a, b = centre.get(parcel["fid"]), centre.get(parcel.get("replaced_by"))
        if a is None or b is None:
            continue
        painter.drawLine(a, b)
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = max(1e-9, (dx * dx + dy * dy) ** 0.5)
        ux, uy = dx / length, dy / length
        tip = QPointF(b.x() - ux * 30, b.y() - uy * 30)
        head = [
            tip,
            QPointF(tip.x() - ux * 14 - uy * 7, tip.y() - uy * 14 + ux * 7),
            QPointF(tip.x() - ux * 14 + uy * 7, tip.y() - uy * 14 - ux * 7),
        ]
        painter.drawPolygon(QPolygonF(head))
    metrics = painter.fontMetrics()
    for parcel, _geom in projected:
        retired = bool(parcel.get("retired"))
        label = "#{}".format(parcel["fid"])
        if retired:
            label += " " + tr("(retired)")
        at = centre[parcel["fid"]]
        painter.setPen(QPen(QColor(40, 90, 200) if retired else QColor(120, 0, 0)))
        painter.drawText(
            QPointF(at.x() - metrics.horizontalAdvance(label) / 2, at.y() + metrics.ascent() / 2),
            label,
        )

    # legend and scale bar
    y = MAP_H - legend_h + 12
    painter.setPen(QPen(QColor(220, 30, 30), 2))
    painter.setBrush(QBrush(QColor(220, 30, 30, 60)))
    painter.drawRect(QRectF(12, y, 30, 20))
    painter.setPen(QPen(QColor("#222222")))
    painter.drawText(QPointF(50, y + 18), tr("current parcel"))
    painter.setPen(QPen(QColor(40, 90, 200), 2, Qt.PenStyle.DashLine))
    painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
    painter.drawRect(QRectF(230, y, 30, 20))
    painter.setPen(QPen(QColor("#222222")))
    painter.drawText(QPointF(268, y + 18), tr("retired version (lineage)"))
    target = (MAP_W * 0.2) / scale
    nice = 10 ** int(f"{target:e}".split("e")[1])
    for m in (5, 2, 1):
        if nice * m <= target:
            nice *= m
            break
    bar = nice * scale
    x0 = MAP_W - bar - 20
    painter.setPen(QPen(QColor("#222222"), 2))
    painter.drawLine(QPointF(x0, y + 14), QPointF(x0 + bar, y + 14))
    painter.drawLine(QPointF(x0, y + 8), QPointF(x0, y + 14))
    painter.drawLine(QPointF(x0 + bar, y + 8), QPointF(x0 + bar, y + 14))
    text = f"{nice:,.0f} m" if nice < 1000 else f"{nice / 1000:,.1f} km"
    painter.drawText(QPointF(x0, y + 4), text)
    painter.drawText(QPointF(12, 26), zone.display_name)
    painter.end()
    if not image.save(str(path)):
        raise ReportError(tr("Cannot write the image {path}").format(path=path))


# -- HTML -----------------------------------------------------------------------------------

CSS = """
body { font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; color: #222; margin: 24px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 17px; border-bottom: 2px solid #1f6fb4; padding-bottom: 2px; margin-top: 22px; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td.code { font-family: monospace; font-size: 15px; }
.sev-critical { color: #8b0000; font-weight: bold; }
.sev-serious { color: #d62728; font-weight: bold; }
.sev-warning { color: #b07d00; }
.check-changed, .check-missing, .check-unchecked { color: #d62728; font-weight: bold; }
.check-verified { color: #2e7d32; }
.small { font-size: 11px; color: #555; }
"""


def _table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    out = [f'<table class="{cls}"><tr>' + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    if not rows:
        out.append(f'<tr><td colspan="{len(head)}">{_e(tr("none"))}</td></tr>')
    out.append("</table>")
    return "".join(out)


def _history_change(row: dict) -> str:
    if row.get("action") == "insert":
        return ""
    return change_text(row)


def build_html(data: dict, history: list[dict], files: str, checks: dict) -> str:
    project = data["project"]
    code = project["code"]
    title = tr("Project file {code}").format(code=display_code(code))
    facts = [
        (tr("Project code"), f'<span class="code">{_e(display_code(code))}</span>'),
        (tr("Name"), _e(project.get("name"))),
        (tr("Source"), _e(SOURCES.get(project.get("source"), project.get("source")))),
        (tr("Applicant"), _e(project.get("applicant") or "—")),
        (tr("Status"), _e(status_text(project))),
        (tr("Investment project code"), _e(project.get("investment_code") or "—")),
        (
            tr("Declared area"),
            _e(format_area(project["declared_area_m2"]))
            if project.get("declared_area_m2")
            else "—",
        ),
        (tr("Agreed hand-over"), _e(project.get("agreed_handover") or "—")),
        (tr("Agreed start"), _e(project.get("agreed_start") or "—")),
        (tr("Agreed completion"), _e(project.get("agreed_completion") or "—")),
        (tr("Findings as of"), _e(data["as_of"].isoformat())),
    ]
    generated = tr("Generated by Yimatong on {date}").format(date=_dt.date.today())
    notes = {
        "agreed_handover": tr("Agreed hand-over"),
        "agreed_start": tr("Agreed start"),
        "agreed_completion": tr("Agreed completion"),
        "batch": tr("Batch"),
    }
    tables = {
        "ymt_projects": tr("project"),
        "ymt_parcels": tr("parcel"),
        "ymt_events": tr("event"),
        "ymt_results": tr("result"),
    }
    actions = {"insert": tr("created"), "update": tr("changed"), "archive": tr("archived")}
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        '<table class="head" style="border:none"><tr>',
        f'<td style="border:none"><h1>{_e(project.get("name"))}</h1>',
        f'<p class="code" id="code">{_e(display_code(code))}</p>',
        '<p class="small">' + _e(generated) + "</p></td>",
        f'<td style="border:none;width:160px"><img id="qr" src="{files}/qr.png" width="150" '
        f'alt="{_e(code)}"></td></tr></table>',
        f"<h2>{_e(tr('Project'))}</h2>",
        '<table id="facts">'
        + "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in facts)
        + "</table>",
        f'<h2 id="h-timeline">{_e(tr("Timeline"))}</h2>',
        f'<img id="timeline" src="{files}/timeline.png" width="100%">',
        f"<h2>{_e(tr('Lifecycle findings'))}</h2>",
        _table(
            [
                tr("Rule"),
                tr("Severity"),
                tr("Since"),
                tr("Days"),
                tr("Days counted over"),
                tr("Evidence"),
            ],
            [
                [
                    f'<span class="sev-{_e(f.severity)}">{_e(f.rule)}</span>',
                    _e(severity_label(f.severity)),
                    _e(f.since.isoformat()),
                    _e(f.days),
                    _e(f.reference_text()),
                    _e(f.evidence),
                ]
                for f in data["findings"]
            ],
            "findings",
        ),
        f'<h2 id="h-parcels">{_e(tr("Parcels and lineage"))}</h2>',
        f'<img id="map" src="{files}/parcels.png" width="100%">',
        _table(
            [tr("Parcel"), tr("Label"), tr("Stage"), tr("Area"), tr("State"), tr("Lineage")],
            [
                [
                    _e(f"#{p['fid']}"),
                    _e(p.get("label") or ""),
                    _e(lc.stage_name(p["stage"]) if p.get("stage") else ""),
                    _e(format_area(p["area_m2"]) if p.get("area_m2") else ""),
                    _e(
                        tr("retired {date}: {reason}").format(
                            date=str(p.get("retired_at") or "")[:10],
                            reason=p.get("retire_reason") or "",
                        )
                        if p.get("retired")
                        else tr("current")
                    ),
                    _e(
                        " ".join(
                            x
                            for x in (
                                tr("replaces #{id}").format(id=p["replaces"])
                                if p.get("replaces")
                                else "",
                                tr("replaced by #{id}").format(id=p["replaced_by"])
                                if p.get("replaced_by")
                                else "",
                            )
                            if x
                        )
                    ),
                ]
                for p in data["parcels"]
            ],
            "parcels",
        ),
        f'<h2 id="h-events">{_e(tr("Events"))}</h2>',
        _table(
            [tr("Date"), tr("Stage"), tr("Document number"), tr("Originating system"), tr("Note")],
            [
                [
                    _e(e.get("event_date")),
                    _e(lc.stage_name(e.get("stage"))),
                    _e(e.get("doc_no") or ""),
                    _e(e.get("origin_system") or ""),
                    _e(
                        " ".join(
                            str(x)
                            for x in (
                                e.get("status"),
                                e.get("note"),
                                *(f"{label} {e[k]}" for k, label in notes.items() if e.get(k)),
                            )
                            if x
                        )
                    ),
                ]
                for e in data["events"]
            ],
            "events",
        ),
        f"<h2>{_e(tr('Results'))}</h2>",
        _table(
            [tr("Stage"), tr("Kind"), tr("File"), tr("SHA-256"), tr("Check")],
            [
                [
                    _e(lc.stage_name(r["stage"]) if r.get("stage") else ""),
                    _e(r.get("kind")),
                    _e(Path(str(r.get("path"))).name),
                    f'<span class="sha256">{_e(r.get("sha256"))}</span>',
                    '<span class="check-{c}">{t}</span>'.format(
                        c=checks[r["fid"]],
                        t=_e(
                            {
                                "verified": tr("file unchanged"),
                                "changed": tr("file changed since it was recorded"),
                                "missing": tr("file missing"),
                                "unchecked": tr("not checked: the file cannot be read from here"),
                            }[checks[r["fid"]]]
                        ),
                    ),
                ]
                for r in data["results"]
            ],
            "results",
        ),
        f"<h2>{_e(tr('Audit history'))}</h2>",
        _table(
            [tr("When"), tr("Who"), tr("Table"), tr("Action"), tr("Change")],
            [
                [
                    _e(str(h.get("at") or "")[:19].replace("T", " ")),
                    _e(h.get("who")),
                    _e(
                        "{} #{}".format(
                            tables.get(h.get("table_name"), h.get("table_name")), h.get("row_fid")
                        )
                    ),
                    _e(actions.get(h.get("action"), h.get("action"))),
                    _e(_history_change(h)),
                ]
                for h in history
            ],
            "history",
        ),
        "</body></html>",
    ]
    return "".join(parts)


def write_pdf(html_text: str, folder: Path, files: str, pdf_path: Path) -> None:
    from qgis.PyQt.QtPrintSupport import QPrinter

    doc = QTextDocument()
    doc.setDefaultFont(QFont(CJK_FONT, 9))
    text = html_text
    for name in ("qr.png", "timeline.png", "parcels.png"):
        image = QImage(str(folder / name))
        if image.isNull():
            continue
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"{files}/{name}"), image)
        # QTextDocument does not scale width="100%": give the wide images the text width
        w = PDF_IMAGE_WIDTH
        h = int(round(image.height() * w / max(1, image.width())))
        text = text.replace(
            f'src="{files}/{name}" width="100%"', f'src="{files}/{name}" width="{w}" height="{h}"'
        )
    # one page each for the facts, the timeline with the findings, the parcels, the rest
    for section in ("h-timeline", "h-parcels", "h-events"):
        text = text.replace(
            f'<h2 id="{section}">', f'<h2 id="{section}" style="page-break-before: always">'
        )
    doc.setHtml(text)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf_path))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc.setPageSize(QSizeF(printer.pageRect(QPrinter.Unit.Point).size()))
    (getattr(doc, "print_", None) or doc.print)(printer)
    if not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        raise ReportError(tr("Cannot write the PDF {path}").format(path=pdf_path))


def write_project_report(
    lib,
    code: str,
    html_path,
    pdf_path=None,
    as_of: _dt.date | None = None,
    thresholds: lc.Thresholds | None = None,
) -> dict:
    """Write the project file of ``code``; returns what was written and what it contains."""
    data = pb.project_file(lib, code, as_of, thresholds)
    if not data:
        raise ReportError(tr("Project {code} is not in the library").format(code=code))
    html_path = Path(html_path)
    folder = html_path.with_name(html_path.stem + "_files")
    folder.mkdir(parents=True, exist_ok=True)
    files = folder.name
    write_qr(data["project"]["code"], folder / "qr.png")
    write_timeline(data, folder / "timeline.png", thresholds)
    write_parcel_map(data["parcels"], folder / "parcels.png")
    code = data["project"]["code"]
    checks = {r["fid"]: result_check(lib, code, r) for r in data["results"]}
    history = lib.history(data["project"]["code"])
    text = build_html(data, history, files, checks)
    tmp = html_path.with_suffix(html_path.suffix + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(html_path)
    if pdf_path:
        write_pdf(text, folder, files, Path(pdf_path))
    summary = {
        "code": data["project"]["code"],
        "html": str(html_path),
        "pdf": str(pdf_path) if pdf_path else None,
        "findings": [f.as_dict() for f in data["findings"]],
        "results": checks,
    }
    (folder / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return summary
