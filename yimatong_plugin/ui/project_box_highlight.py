"""The project box's map highlight: a project's current parcels solid red, its retired versions
(lineage) dashed blue, as rubber bands on the canvas.

A mixin of :class:`~.project_box.ProjectBoxDock` (it uses the dock's ``canvas``, ``current``,
``_bands`` and ``_highlight_counts``).
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsWkbTypes,
)
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

LIBRARY_CRS = QgsCoordinateReferenceSystem("EPSG:4490")
CURRENT_COLOR = QColor(220, 30, 30)
RETIRED_COLOR = QColor(40, 90, 200)


class HighlightMixin:
    """Rubber bands of the shown project's parcels."""

    def highlight(self, parcels: list[dict]) -> None:
        """Rubber bands: current parcels solid red, retired versions dashed blue."""
        self.clear_highlight()
        dest = self.canvas.mapSettings().destinationCrs()
        xform = None
        if dest.isValid() and dest != LIBRARY_CRS:
            xform = QgsCoordinateTransform(LIBRARY_CRS, dest, QgsProject.instance())
        current = QgsRubberBand(self.canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
        current.setStrokeColor(CURRENT_COLOR)
        current.setFillColor(QColor(220, 30, 30, 50))
        current.setWidth(2)
        retired = QgsRubberBand(self.canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
        retired.setStrokeColor(RETIRED_COLOR)
        retired.setFillColor(QColor(0, 0, 0, 0))
        retired.setWidth(2)
        retired.setLineStyle(Qt.PenStyle.DashLine)
        for parcel in parcels:
            wkb = parcel.get("geometry")
            if not wkb:
                continue
            geom = QgsGeometry()
            geom.fromWkb(bytes(wkb))
            if xform is not None:
                geom.transform(xform)
            kind = "retired" if parcel.get("retired") else "current"
            (retired if kind == "retired" else current).addGeometry(geom, None)
            self._highlight_counts[kind] += 1
        self._bands = [retired, current]

    def _rehighlight(self) -> None:
        if self.current and self._bands:
            self.highlight(self.current["parcels"])

    def highlighted(self) -> dict[str, int]:
        """Number of parcels highlighted per style (current / retired)."""
        return dict(self._highlight_counts)

    def clear_highlight(self) -> None:
        for band in self._bands:
            band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
            self.canvas.scene().removeItem(band)
        self._bands = []
        self._highlight_counts = {"current": 0, "retired": 0}
