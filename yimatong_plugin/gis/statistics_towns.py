"""The town-boundary layer of the statistics' breakdown by town, read for
``core/statistics/towns.py``: its polygons in the library CRS (EPSG:4490) and its town field."""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem

from ..core.i18n import tr
from ..core.library.constants import LIBRARY_EPSG
from ..core.statistics.towns import TownLayer, TownLayerError
from .shapely_io import attribute_text, is_polygon_layer, read_geometries


def read_towns(source, field: str, transform_context, name: str = "") -> TownLayer:
    """``source`` (a polygon layer or feature source) as a :class:`TownLayer`; a layer that is
    not polygonal, or a field it does not have, is refused (:class:`TownLayerError`)."""
    name = name or source.sourceName()
    if not is_polygon_layer(source):
        raise TownLayerError(tr("Town layer '{layer}' is not a polygon layer.").format(layer=name))
    if not field or source.fields().lookupField(field) < 0:
        raise TownLayerError(
            tr("Town layer '{layer}' has no field '{field}': choose the town field.").format(
                layer=name, field=field
            )
        )
    lib_crs = QgsCoordinateReferenceSystem(f"EPSG:{LIBRARY_EPSG}")
    fids, geoms, values = read_geometries(source, lib_crs, transform_context, attributes=[field])
    keys = [attribute_text(v).strip() for v in values[field]]
    return TownLayer(name, field, geoms, keys, fids.tolist())
