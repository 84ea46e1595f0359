"""The project box's map tool: a click on the map becomes a point to look up."""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY
from qgis.gui import QgsMapToolEmitPoint
from qgis.PyQt.QtCore import Qt, pyqtSignal

PICK_TOLERANCE_PX = 3


class ProjectBoxMapTool(QgsMapToolEmitPoint):
    """Click a point: emits ``picked(point, crs, tolerance)`` in the canvas CRS."""

    picked = pyqtSignal(QgsPointXY, QgsCoordinateReferenceSystem, float)

    def __init__(self, canvas):
        super().__init__(canvas)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def canvasReleaseEvent(self, event):
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.pick(event.mapPoint())

    def pick(self, point: QgsPointXY) -> None:
        """The public handler: look up ``point`` (canvas CRS) as a click would."""
        canvas = self.canvas()
        tolerance = PICK_TOLERANCE_PX * canvas.mapUnitsPerPixel()
        self.picked.emit(QgsPointXY(point), canvas.mapSettings().destinationCrs(), tolerance)
