"""The 辅助选址 report (site selection): the interface ``yimatong:siteselection`` calls.

:func:`write_report` writes an HTML page or, for a ``.pdf`` path, a PDF: in Chinese (the report
language, whatever QGIS's locale is: :mod:`.language`), with the request, the constraints and
their versions, the method with the weights, a map of the top candidates labelled by rank, the
table of the candidates and why each ranks where it does (:mod:`.siting_data`). The file is
written under a temporary name beside the target and moved into place at the end: after a
failure nothing half-written remains.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem

from .compliance_data import ReportError
from .language import _Language
from .pdf_layout import CONTENT_W, IMAGE_H, IMAGE_W
from .siting_data import SitingContent
from .siting_html import build_html
from .siting_maps import SitingMap, map_extent
from .siting_pdf import MAP_H, export_pdf


def write_report(result, info: dict, search_geom, path, controls=(), feedback=None) -> str:
    """Write the report of ``result`` (a :class:`~...core.siting.SitingResult`) to ``path``.

    ``info``: ``search``, ``land_use``, ``min_area``, ``max_area``, ``min_width``, ``area_crs``
    (authid), ``date``, ``constraints`` (see :mod:`.siting_data`), optionally ``language``
    (default ``zh_CN``). ``search_geom``: the search area (shapely, area CRS); ``controls``: the
    :class:`~...core.overlay.ControlLayer` list of the run, drawn on the map. Returns ``path``.
    Raises :class:`ReportError` naming what is wrong.
    """
    info = dict(info or {})
    lang = _Language(info.get("language", "zh_CN"))
    path = Path(path)
    pdf = path.suffix.lower() == ".pdf"
    content = SitingContent(result, info, lang.tr)
    crs = QgsCoordinateReferenceSystem(info.get("area_crs") or "")
    site_map = None
    if content.top:
        aspect = CONTENT_W / MAP_H if pdf else IMAGE_W / IMAGE_H
        extent = map_extent(content.top, search_geom, aspect)
        site_map = SitingMap(result, content.top, search_geom, controls, crs, lang, extent)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".ymt_siting_", suffix=path.suffix, dir=str(path.parent))
    os.close(fd)
    try:
        if feedback is not None:
            feedback.pushInfo(lang.tr("Writing the report…"))
        if pdf:
            export_pdf(content, site_map, crs, tmp)
        else:
            uri = site_map.png_data_uri(IMAGE_W, IMAGE_H) if site_map is not None else None
            Path(tmp).write_text(build_html(content, uri), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise ReportError(f"{path}: {exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return str(path)
