"""A surveyors' coordinate file (坐标 TXT) as QGIS features and as a memory layer.

The reading itself is :func:`yimatong_plugin.core.coordfile.read_coordfile`; this module only
turns its parcels into features (in the file's own CRS) with the header attributes and the
declared-versus-computed area check, for the import algorithm and the parcel attach dialog.
"""

from __future__ import annotations

from pathlib import Path

import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.coordfile import CoordFile, area_mismatch, read_coordfile
from ..core.i18n import tr_noop
from ..toolbelt.i18n import CONTEXT, tr
from .qgis_compat import FIELD_DOUBLE, FIELD_INT, FIELD_STRING

#: the layer property holding the file a coordinate-file layer was read from
SOURCE_PROPERTY = "yimatong/source_file"
COORDFILE_PROPERTY = "yimatong/coordfile"

#: (field, type, display name) of a coordinate-file parcel
FIELD_SPECS = (
    ("parcel_no", FIELD_STRING, tr_noop("Parcel number (地块编号)")),
    ("parcel_name", FIELD_STRING, tr_noop("Parcel name (地块名称)")),
    ("shape_type", FIELD_STRING, tr_noop("Shape (图形属性)")),
    ("sheet_no", FIELD_STRING, tr_noop("Map sheet (图幅号)")),
    ("land_use", FIELD_STRING, tr_noop("Land use (地块用途)")),
    ("land_class", FIELD_STRING, tr_noop("Land class code (地类编码)")),
    ("declared_ha", FIELD_DOUBLE, tr_noop("Declared area (公顷)")),
    ("computed_ha", FIELD_DOUBLE, tr_noop("Computed planar area (公顷)")),
    ("area_diff_m2", FIELD_DOUBLE, tr_noop("Computed minus declared (m²)")),
    ("area_check", FIELD_STRING, tr_noop("Area check")),
    ("points", FIELD_INT, tr_noop("Boundary points (界址点数)")),
    ("rings", FIELD_INT, tr_noop("Rings")),
    ("holes", FIELD_INT, tr_noop("Holes")),
    ("parts", FIELD_INT, tr_noop("Parts")),
    ("src_line", FIELD_INT, tr_noop("Line in the file")),
)
AREA_OK = "ok"
AREA_MISMATCH = "mismatch"
AREA_NOT_DECLARED = "not declared"


def coordfile_fields() -> QgsFields:
    fields = QgsFields()
    for name, ftype, _alias in FIELD_SPECS:
        fields.append(QgsField(name, ftype))
    return fields


def coordfile_features(cf: CoordFile, fields: QgsFields | None = None) -> list[QgsFeature]:
    """One polygon feature per parcel, coordinates as in the file (x = Y easting, y = X)."""
    fields = fields or coordfile_fields()
    out = []
    for p in cf.parcels:
        f = QgsFeature(fields)
        geom = QgsGeometry()
        geom.fromWkb(shapely.to_wkb(p.geometry, output_dimension=2))
        f.setGeometry(geom)
        if p.area_ok is None:
            check = AREA_NOT_DECLARED
        else:
            check = AREA_OK if p.area_ok else AREA_MISMATCH
        f.setAttributes(
            [
                p.number,
                p.name,
                p.shape,
                p.sheet,
                p.use,
                p.class_code,
                p.declared_ha,
                round(p.area_m2 / 10_000.0, 6),
                None if p.area_diff_m2 is None else round(p.area_diff_m2, 3),
                check,
                p.point_count,
                p.rings,
                p.holes,
                p.parts,
                p.line,
            ]
        )
        out.append(f)
    return out


def crs_of(cf: CoordFile) -> QgsCoordinateReferenceSystem:
    return QgsCoordinateReferenceSystem(cf.authid)


def coordfile_layer(path: str, name: str = "") -> QgsVectorLayer:
    """A memory layer of the parcels of the coordinate file ``path`` (in the file's CRS).

    Raises :class:`~yimatong_plugin.core.coordfile.CoordFileError` (every problem with its line
    number) when any parcel or the header is malformed: no partial layer.
    """
    cf = read_coordfile(path)
    layer = QgsVectorLayer(f"MultiPolygon?crs={cf.authid}", name or Path(path).stem, "memory")
    fields = coordfile_fields()
    provider = layer.dataProvider()
    provider.addAttributes(fields.toList())
    layer.updateFields()
    for index, (_n, _t, alias) in enumerate(FIELD_SPECS):
        layer.setFieldAlias(index, QCoreApplication.translate(CONTEXT, alias))
    features = coordfile_features(cf, layer.fields())
    for f in features:
        f.geometry().convertToMultiType()
    provider.addFeatures(features)
    layer.updateExtents()
    layer.setCustomProperty(SOURCE_PROPERTY, str(path))
    layer.setCustomProperty(COORDFILE_PROPERTY, "; ".join(cf.notes))
    return layer


def area_warning(layer: QgsVectorLayer, feature: QgsFeature) -> str | None:
    """The declared-versus-computed area warning of a coordinate-file feature, else None."""
    if layer.customProperty(COORDFILE_PROPERTY) is None:
        return None
    if layer.fields().indexOf("declared_ha") < 0 or layer.fields().indexOf("computed_ha") < 0:
        return None
    declared, computed = feature["declared_ha"], feature["computed_ha"]
    try:
        declared, computed = float(declared), float(computed)
    except (TypeError, ValueError):
        return None
    if not area_mismatch(computed * 10_000.0, declared * 10_000.0):
        return None
    return tr(
        "declared area {declared} ha differs from the computed {computed} ha by {diff} m² "
        "(tolerance 1 m² and 0.1 %; line {line} of the coordinate file)"
    ).format(
        declared=f"{declared:.4f}",
        computed=f"{computed:.4f}",
        diff=f"{(computed - declared) * 10_000.0:+.2f}",
        line=feature["src_line"],
    )
