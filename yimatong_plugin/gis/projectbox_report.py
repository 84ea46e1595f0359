"""The project file (项目档案): one project's whole record as HTML (and PDF).

Contents: the code in display form and as a QR image, the project's facts, its timeline (the
project box's drawn timeline as an image), a map of its parcels and their lineage (current
parcels solid, retired versions dashed; projectbox_map.py), its events, its results with their
SHA-256 (checked now: a result stored in the library through the library, a file named by a
path on the disk; core/result_check.py), its lifecycle findings and the audit history.

Images go to a ``<report name>_files`` folder beside the HTML; the PDF (optional) is printed
from the same HTML with a CJK font.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
from pathlib import Path

from qgis.PyQt.QtCore import QMarginsF, QSizeF, QUrl
from qgis.PyQt.QtGui import (
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QTextDocument,
)

from ..core import lifecycle as lc
from ..core import projectbox as pb
from ..core.library.constants import SOURCES
from ..core.presentation import display_code
from ..core.result_check import result_check
from ..core.units import format_area
from ..toolbelt.i18n import tr
from .finding_text import finding_headers, severity_label
from .history_text import change_text, status_text
from .projectbox_map import CJK_FONT, MAP_H, MAP_W, ReportError, write_parcel_map  # noqa: F401
from .timeline_scene import TimelineScene

#: the timeline is laid out this many pixels wide, about the PDF's image width in points, so
#: its text prints at about its screen size (at 1100 it printed at 4 pt); drawn TIMELINE_SCALE
#: times sharper
TIMELINE_W = 600
TIMELINE_SCALE = 2.5
PDF_IMAGE_WIDTH = 500  # points: the text width of an A4 page with 12 mm margins is ~527


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


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


def _words(*parts) -> str:
    """The non-empty ``parts`` as text, separated by spaces."""
    return " ".join(str(x) for x in parts if x)


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
            finding_headers(),
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
                        _words(
                            tr("replaces #{id}").format(id=p["replaces"])
                            if p.get("replaces")
                            else "",
                            tr("replaced by #{id}").format(id=p["replaced_by"])
                            if p.get("replaced_by")
                            else "",
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
                        _words(
                            e.get("status"),
                            e.get("note"),
                            *(f"{label} {e[k]}" for k, label in notes.items() if e.get(k)),
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


def print_a4_pdf(doc: QTextDocument, pdf_path: Path, landscape: bool = False) -> None:
    """Print ``doc`` to ``pdf_path``: A4 portrait (or ``landscape``), 12 mm margins (the
    project file and the 统计简报); ReportError when no PDF came out."""
    from qgis.PyQt.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf_path))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc.setPageSize(QSizeF(printer.pageRect(QPrinter.Unit.Point).size()))
    (getattr(doc, "print_", None) or doc.print)(printer)
    if not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        raise ReportError(tr("Cannot write the PDF {path}").format(path=pdf_path))


def write_pdf(html_text: str, folder: Path, files: str, pdf_path: Path) -> None:
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
    print_a4_pdf(doc, pdf_path)


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
