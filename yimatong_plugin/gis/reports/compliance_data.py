"""The compliance report's data: the algorithm's two outputs read into parcels and rows, and
the number and code formats of the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import QgsCoordinateTransform, QgsFeature, QgsGeometry

from ...core.presentation import display_code  # noqa: F401  (the reports import it from here)
from ...core.units import m2_to_hectares, m2_to_mu
from ..shapely_io import attribute_text

AVOID = "avoid"
INSIDE = "inside"
ZONING = "规划分区"  # the layer value of zoning rows (complianceoverlay.ZONING_LAYER)
ZONING_VALUES = (ZONING, "zoning")  # "zoning": tables written before 0.x
ZONING_ROLE = "zoning"  # OUTPUT_TABLE role of zoning rows (core.overlay.ZONING_ROLE)

#: marks, in the summary table, a parcel whose invalid geometry was repaired before the overlay
REPAIRED_MARK = "※"
VERDICT_COLOURS = {"合规": "#1a7f37", "冲突": "#c62828", "需论证": "#d97706"}


class ReportError(Exception):
    """The report could not be written; the message names the file or layer."""


# ----------------------------------------------------------------------------- data
@dataclass
class _Row:
    layer: str
    class_code: str
    overlap_m2: float
    ratio: float
    outside_m2: float | None
    role: str = ""  # "control" or "zoning" (OUTPUT_TABLE's role field)


@dataclass
class _Parcel:
    parcel_id: str
    area_m2: float
    repaired: bool
    verdict: str
    verdict_rule: str
    project_code: str
    name: str
    geometry: QgsGeometry  # in the map CRS
    rows: list = field(default_factory=list)
    image: str = ""


def _value(feature: QgsFeature, name: str, default=None):
    idx = feature.fields().lookupField(name)
    if idx < 0:
        return default
    value = feature.attribute(idx)
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return default
    return value


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


NAME_FIELDS = ("xmmc", "project_name", "name", "项目名称")


def _read_parcels(output_layer, table_layer, map_crs, context_transform, lang, names=None) -> list:
    """The report's parcels from the review's OUTPUT and OUTPUT_TABLE; ``names`` maps a parcel
    id to its project name (the review's ``info["project_names"]``: OUTPUT has no name field)."""
    names = names or {}
    if output_layer is None or not output_layer.isValid():
        raise ReportError(lang.tr("The compliance output layer is missing or invalid."))
    to_map = QgsCoordinateTransform(output_layer.crs(), map_crs, context_transform)
    parcels: dict[str, _Parcel] = {}
    for feature in output_layer.getFeatures():
        pid = attribute_text(_value(feature, "parcel_id", feature.id()))
        if pid in parcels or not pid.strip():  # one section per parcel, never merged
            raise ReportError(
                lang.tr(
                    "Parcel id '{id}' is empty or used by more than one parcel: a report needs "
                    "one section per parcel"
                ).format(id=pid)
            )
        geometry = QgsGeometry(feature.geometry())
        if not geometry.isNull():
            geometry.transform(to_map)
        name = names.get(pid, "")
        for fname in NAME_FIELDS if not name else ():
            name = attribute_text(_value(feature, fname, ""))
            if name:
                break
        parcels[pid] = _Parcel(
            parcel_id=pid,
            area_m2=_float(_value(feature, "area_m2", 0.0)),
            repaired=bool(_value(feature, "repaired", 0)),
            verdict=attribute_text(_value(feature, "verdict", "")),
            verdict_rule=attribute_text(_value(feature, "verdict_rule", "")),
            project_code=attribute_text(_value(feature, "project_code", "")),
            name=name,
            geometry=geometry,
        )
    if table_layer is not None:
        for feature in table_layer.getFeatures():
            pid = attribute_text(_value(feature, "parcel_id", ""))
            if pid not in parcels:
                continue
            outside = _value(feature, "outside_m2", None)
            parcels[pid].rows.append(
                _Row(
                    layer=attribute_text(_value(feature, "layer", "")),
                    class_code=attribute_text(_value(feature, "class_code", "")),
                    overlap_m2=_float(_value(feature, "overlap_m2", 0.0)),
                    ratio=_float(_value(feature, "overlap_ratio", 0.0)),
                    outside_m2=None if outside is None else _float(outside),
                    role=attribute_text(_value(feature, "role", "")),
                )
            )
    return list(parcels.values())


# ----------------------------------------------------------------------------- formatting
def fmt_m2(m2: float) -> str:
    return f"{m2:,.2f}"


def fmt_ha(m2: float) -> str:
    return f"{m2_to_hectares(m2):,.4f}"


def fmt_mu(m2: float) -> str:
    return f"{m2_to_mu(m2):,.2f}"


def fmt_ratio(ratio: float) -> str:
    return f"{ratio * 100:.2f}%"


def land_use_name(code: str) -> str:
    """Chinese name of a 用地用海 code (any level, 三调 working codes mapped), or '' (the one
    lookup, core.dictionaries.land_use_name, as the verdicts use it)."""
    from ...core.dictionaries import land_use_name as lookup

    return lookup(code)


def _crs_text(info: dict) -> str:
    crs = info.get("area_crs", "")
    name = info.get("area_crs_name", "")
    return f"{crs} ({name})" if name else str(crs)
