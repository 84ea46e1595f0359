"""The project box's map tool: a click on the map becomes a point to look up (or the polygon
feature under it, with "Whole feature")."""

from __future__ import annotations

import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapToolEmitPoint
from qgis.PyQt.QtCore import Qt, pyqtSignal

PICK_TOLERANCE_PX = 3
LIBRARY_CRS = QgsCoordinateReferenceSystem("EPSG:4490")


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


def polygon_feature_at(layer, point: QgsPointXY, crs: QgsCoordinateReferenceSystem, tolerance=0.0):
    """(layer, feature id, shapely geometry in EPSG:4490) of ``layer`` (a polygon layer)'s
    feature under ``point``, or None."""
    if not isinstance(layer, QgsVectorLayer) or (
        layer.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry
    ):
        return None
    to_layer = QgsCoordinateTransform(crs, layer.crs(), QgsProject.instance())
    here = QgsGeometry.fromPointXY(point)
    here.transform(to_layer)
    rect = here.boundingBox()
    pad = tolerance
    if crs != layer.crs():
        # tolerance given in the canvas CRS: measure it in the layer CRS
        probe = QgsGeometry.fromPointXY(QgsPointXY(point.x() + tolerance, point.y()))
        probe.transform(to_layer)
        pad = probe.asPoint().distance(here.asPoint())
    rect.grow(pad)
    request = QgsFeatureRequest().setFilterRect(rect)
    for feat in layer.getFeatures(request):
        geom = feat.geometry()
        if geom.isEmpty() or geom.distance(here) > pad:
            continue
        geom = QgsGeometry(geom)
        geom.transform(QgsCoordinateTransform(layer.crs(), LIBRARY_CRS, QgsProject.instance()))
        return layer, feat.id(), shapely.from_wkb(bytes(geom.asWkb()))
    return None
