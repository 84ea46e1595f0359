"""The project file's map: a project's parcels drawn in their Gauss-Krüger zone, current parcels
solid red, retired versions dashed blue, an arrow from each retired version to the parcel that
replaced it, a legend and a scale bar. Drawn on a QImage (no widget: runs in a task)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPolygonF

from ..core import crs as gk
from ..toolbelt.i18n import tr

CJK_FONT = "Noto Sans CJK SC"
MAP_W, MAP_H = 1000, 640


class ReportError(Exception):
    """The report could not be written; the message names the project or file."""


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
