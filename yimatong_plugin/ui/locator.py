"""A locator filter: find library projects from QGIS's search bar and zoom to their parcels.

Typing a full code (bare or grouped), a code prefix of 8+ digits, an investment project code or
part of a project name (2+ characters; or anything after the ``ymt`` prefix) lists matching
projects (``lib.find``); choosing one zooms the map to its current parcels, flashes them and
shows the project in the library panel when it is open.

``fetchResults`` runs on a worker thread: each search opens its own connection to the library
(read only use), never the panel's.
"""

from __future__ import annotations

import re
from typing import Callable

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsLocatorFilter,
    QgsLocatorResult,
)

from ..core.library import LibraryError
from ..core.presentation import format_code, source_label
from ..toolbelt.i18n import tr
from ..toolbelt.log import log

LIBRARY_CRS = QgsCoordinateReferenceSystem("EPSG:4490")
_DIGITS = re.compile(r"^[\d\s\-]+$")


def default_source() -> tuple[str, str]:
    from ..toolbelt.settings import load_settings

    settings = load_settings()
    return settings.library_uri, settings.library_connection


def wants(text: str) -> bool:
    """Is ``text`` worth a library search (8+ digits, or 2+ characters of a name)?"""
    text = text.strip()
    if not text:
        return False
    if _DIGITS.match(text):
        return len(re.sub(r"[\s\-]", "", text)) >= 8
    return len(text) >= 2


class ProjectLocatorFilter(QgsLocatorFilter):
    def __init__(self, iface=None, source: Callable[[], tuple[str, str]] | None = None, dock=None):
        super().__init__()
        self.iface = iface
        self.source = source or default_source
        self.dock = dock

    def clone(self):
        return ProjectLocatorFilter(self.iface, self.source, self.dock)

    def name(self) -> str:
        return "yimatong_projects"

    def displayName(self) -> str:
        return tr("Yimatong projects")

    def prefix(self) -> str:
        return "ymt"

    def priority(self):
        return QgsLocatorFilter.Priority.High

    def _open(self):
        from ..gis.library_connect import open_configured_library

        uri, connection = self.source()
        if not uri and not connection:
            return None
        return open_configured_library(uri, connection)

    def fetchResults(self, string, context, feedback):
        if not wants(string or ""):
            return
        try:
            lib = self._open()
        except Exception as exc:  # a locator must never raise into QGIS's search bar
            log(tr("Locator: cannot open the project library: {error}").format(error=exc))
            return
        if lib is None:
            return
        try:
            if feedback.isCanceled():
                return
            for row in lib.find(string.strip(), limit=30, include_archived=False):
                if feedback.isCanceled():
                    return
                result = QgsLocatorResult()
                result.filter = self
                result.displayString = f"{row['name']}  {format_code(row['code'])}"
                parts = [source_label(row.get("source"))]
                if row.get("applicant"):
                    parts.append(row["applicant"])
                result.description = " · ".join(p for p in parts if p)
                result.userData = row["code"]
                result.score = 1.0 if string.strip() in (row["code"], row["name"]) else 0.5
                self.resultFetched.emit(result)
        except LibraryError as exc:  # e.g. the library service unreachable: no results, logged
            log(tr("Locator: the project library could not answer: {error}").format(error=exc))
        finally:
            lib.close()

    def triggerResult(self, result):
        code = result.userData
        if self.dock is not None and self.dock.library is not None:
            self.dock.show()
            self.dock.select_code(code)
        zoom_to_project(self.iface, code, self._open)


def zoom_to_project(iface, code: str, opener) -> bool:
    """Zoom ``iface``'s map to the current parcels of ``code`` and flash them."""
    if iface is None:
        return False
    lib = opener()
    if lib is None:
        return False
    try:
        parcels = lib.parcels(code, include_retired=False)
    except LibraryError as exc:  # said in the message bar, never raised into QGIS
        iface.messageBar().pushWarning(
            tr("Yimatong"), tr("The project library could not answer: {error}").format(error=exc)
        )
        return False
    finally:
        lib.close()
    geoms = []
    for p in parcels:
        if p.get("geometry"):
            g = QgsGeometry()
            g.fromWkb(bytes(p["geometry"]))
            geoms.append(g)
    if not geoms:
        iface.messageBar().pushInfo(
            tr("Yimatong"), tr("Project {code} has no parcels yet.").format(code=code)
        )
        return False
    from ..gis.library_layers import zoom_and_flash

    zoom_and_flash(iface.mapCanvas(), geoms, LIBRARY_CRS, margin=1.3)
    return True
