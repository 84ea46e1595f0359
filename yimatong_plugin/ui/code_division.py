"""The project code generator's division (行政区) from the selected parcel: the divisions a
parcel touches with their share of its area, measured on the ellipsoid; asks when it straddles.

A mixin of :class:`~.code_dialog.CodeDialog` (it uses the dialog's ``dictionaries``,
``selected_geometry``, ``error_label``, ``set_segment`` and the division layer and field).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtWidgets import QInputDialog

from ..toolbelt.i18n import tr

PLUGIN_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DIVISION_LAYER = PLUGIN_DIR / "data" / "changde_counties.geojson"
#: a parcel is taken as lying in one division when that division holds this share of it
SINGLE_DIVISION_SHARE = 0.999


class DivisionFromParcelMixin:
    """Division shares of a parcel and filling the division segment from the selection."""

    # -- from selected parcel ----------------------------------------------------------------
    def division_layer(self) -> Optional[QgsVectorLayer]:
        if self._division_layer is None and DEFAULT_DIVISION_LAYER.exists():
            layer = QgsVectorLayer(str(DEFAULT_DIVISION_LAYER), "divisions", "ogr")
            if layer.isValid():
                layer.setParent(self)  # deleted with the dialog
                self._division_layer = layer
        return self._division_layer

    def division_shares(
        self, geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem
    ) -> list[tuple[str, str, float]]:
        """(code, name, share of the parcel's area) of each division the parcel touches,
        largest first."""
        layer = self.division_layer()
        if layer is None or geometry is None or geometry.isEmpty():
            return []
        field = self._division_field
        if layer.fields().indexOf(field) < 0:
            raise ValueError(
                tr("The division layer {layer} has no field {field}.").format(
                    layer=layer.name(), field=field
                )
            )
        geometry = QgsGeometry(geometry)
        if crs.isValid() and crs != layer.crs():
            geometry.transform(QgsCoordinateTransform(crs, layer.crs(), QgsProject.instance()))
        if not geometry.isGeosValid():
            geometry = geometry.makeValid()
        measure = QgsDistanceArea()
        measure.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
        measure.setEllipsoid(layer.crs().ellipsoidAcronym() or "EPSG:7019")
        total = measure.measureArea(geometry)
        if total <= 0:
            return []
        shares: dict[str, float] = {}
        request = QgsFeatureRequest().setFilterRect(geometry.boundingBox())
        for feature in layer.getFeatures(request):
            piece = feature.geometry().intersection(geometry)
            if piece.isEmpty() or piece.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
                continue
            code = str(feature[field] or "").strip()
            shares[code] = shares.get(code, 0.0) + measure.measureArea(piece) / total
        names = self.dictionaries["admin"]
        result = [(code, names.get(code, ""), share) for code, share in shares.items()]
        return sorted(result, key=lambda item: -item[2])

    def fill_division_from_parcel(self) -> Optional[str]:
        """Set the division from the selected parcel; asks when it straddles divisions."""
        geometry, crs = self.selected_geometry() if self.selected_geometry else (None, None)
        if geometry is None or geometry.isEmpty():
            self.error_label.setText(tr("Select a parcel (a polygon) in the active layer first."))
            return None
        try:
            shares = self.division_shares(geometry, crs)
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return None
        if not shares:
            self.error_label.setText(tr("The selected parcel lies outside every division."))
            return None
        code = shares[0][0]
        if shares[0][2] < SINGLE_DIVISION_SHARE:
            items = [
                tr("{code} {name}: {share:.1f} % of the parcel").format(
                    code=c, name=n, share=s * 100
                )
                for c, n, s in shares
            ]
            item, ok = QInputDialog.getItem(
                self,
                tr("Parcel in several divisions"),
                tr(
                    "The parcel straddles {n} divisions. Which one does the project belong to?"
                ).format(n=len(shares)),
                items,
                0,
                False,
            )
            if not ok:
                return None
            code = shares[items.index(item)][0]
        self.set_segment("admin", code)
        return code
