"""The 辅助选址 report's map: styled memory layers of the search area, the control lines, the
allowed land and the top candidates labelled by rank, drawn with the compliance report's
renderer and control-line styles (:mod:`.compliance_maps`)."""

from __future__ import annotations

import base64

import numpy as np
import shapely
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsFillSymbol,
    QgsMemoryProviderUtils,
    QgsPalLayerSettings,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice
from qgis.PyQt.QtGui import QColor

from ...core.overlay import clip_box, polygonal
from ..qgis_compat import FIELD_INT
from ..shapely_io import from_shapely
from .compliance_maps import _control_style, _halo_format, _render
from .pdf_layout import _font

MIN_SIDE_M = 600.0  # the map shows at least this much ground
PIXELS = 1600  # simplification: about one pixel of this many across the map


def map_extent(candidates, search, aspect: float) -> QgsRectangle:
    """The box of the top candidates (the search area's when there is none) with a margin,
    shaped to ``aspect`` (width / height)."""
    geoms = [c.geometry for c in candidates]
    xmin, ymin, xmax, ymax = shapely.total_bounds(geoms) if geoms else search.bounds
    w, h = xmax - xmin, ymax - ymin
    pad = max(0.12 * max(w, h), 50.0)
    w, h = max(w + 2 * pad, MIN_SIDE_M), max(h + 2 * pad, MIN_SIDE_M)
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    return QgsRectangle(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _layer(name, geoms, crs, fields=None, attributes=None):
    layer = QgsMemoryProviderUtils.createMemoryLayer(
        name, fields or QgsFields(), QgsWkbTypes.MultiPolygon, crs
    )
    feats = []
    for k, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            continue
        feat = QgsFeature(layer.fields())
        qgeom = from_shapely(geom)
        qgeom.convertToMultiType()
        feat.setGeometry(qgeom)
        if attributes is not None:
            feat.setAttributes(attributes[k])
        feats.append(feat)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


def _fill(color: str, outline: str, width: float, style: str = "solid") -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {
            "color": color,
            "style": style,
            "outline_color": outline,
            "outline_width": str(width),
            "outline_width_unit": "MM",
        }
    )


def _clipped(geoms, extent: QgsRectangle, tol: float):
    rect = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    geoms = np.asarray(geoms, dtype=object)
    if not len(geoms):
        return []
    geoms = geoms[~shapely.is_missing(geoms)]
    geoms = geoms[shapely.intersects(geoms, shapely.box(*rect))]
    # exact: clip_by_rect can return the window minus a polygon (see core.overlay.clip_box)
    out = shapely.simplify(polygonal(clip_box(geoms, rect)), tol)
    return [g for g in out.tolist() if g is not None and not g.is_empty]


def control_geometries(control, extent: QgsRectangle) -> list:
    """The repaired polygons of a :class:`~...core.overlay.ControlLayer` meeting ``extent``."""
    prep = control.prepared()
    rect = shapely.box(extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    _a, ids = prep.query(np.array([rect], dtype=object))
    ids = np.unique(ids)
    if not len(ids):
        return []
    prep.ensure_valid(ids)
    ids = ids[prep.state[ids] != prep.UNUSABLE]
    return list(prep.geoms[ids])


class SitingMap:
    """The map's layers, top first, for the PDF's map item and the HTML's image."""

    def __init__(self, result, top, search, controls, crs, lang, extent: QgsRectangle):
        tr = lang.tr
        self.extent = extent
        self.crs = crs
        tol = max(extent.width(), extent.height()) / PIXELS
        fields = QgsFields()
        fields.append(QgsField("rank", FIELD_INT))
        self.candidates = _layer(
            tr("Candidate sites (label: rank)"),
            [c.geometry for c in top],
            crs,
            fields,
            [[c.rank] for c in top],
        )
        self.candidates.setRenderer(
            QgsSingleSymbolRenderer(_fill("240,138,36,210", "138,59,0", 0.4))
        )
        self.candidates.setLabeling(QgsVectorLayerSimpleLabeling(_rank_labels()))
        self.candidates.setLabelsEnabled(True)
        self.allowed = _layer(
            tr("Allowed land"), _clipped([result.land.geometry], extent, tol), crs
        )
        self.allowed.setRenderer(QgsSingleSymbolRenderer(_fill("170,215,160,170", "0,0,0,0", 0)))
        self.search = _layer(tr("Search area"), _clipped([search], extent, tol), crs)
        self.search.setRenderer(
            QgsSingleSymbolRenderer(_fill("0,0,0,0", "60,60,60", 0.6, style="no"))
        )
        self.controls = []
        for index, ctl in enumerate(controls):
            layer = _layer(ctl.name, _clipped(control_geometries(ctl, extent), extent, tol), crs)
            layer.setRenderer(QgsSingleSymbolRenderer(_control_style(ctl.name, ctl.rule, index)))
            self.controls.append((ctl.rule, layer))

    def layers(self) -> list:
        inside = [lyr for rule, lyr in self.controls if rule == "inside"]
        avoid = [lyr for rule, lyr in self.controls if rule != "inside"]
        return [self.candidates, self.search, *inside, *avoid, self.allowed]

    def png_data_uri(self, width: int, height: int) -> str:
        from qgis.core import QgsProject

        ctx = QgsProject.instance().transformContext()
        image = _render(self.layers(), self.extent, self.crs, ctx, width, height)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return "data:image/png;base64," + base64.b64encode(bytes(data)).decode("ascii")


def _rank_labels() -> QgsPalLayerSettings:
    pal = QgsPalLayerSettings()
    pal.fieldName = "rank"
    pal.placement = QgsPalLayerSettings.Placement.OverPoint
    pal.displayAll = True  # every rank is shown, even where labels would collide
    pal.setFormat(_halo_format(_font(10, bold=True), 10, QColor(20, 20, 20), 1.0))
    return pal
