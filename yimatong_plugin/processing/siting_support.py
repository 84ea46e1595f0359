"""Site selection (``yimatong:siteselection``): its criteria rules, its search area (a layer or
a bundled division boundary) and its output features."""

from __future__ import annotations

import re
from pathlib import Path

from qgis.core import QgsFeature, QgsFields, QgsProcessingException, QgsVectorLayer

from ..core import siting
from ..gis import shapely_io as io
from ..gis.qgis_compat import FIELD_DOUBLE, FIELD_INT, FIELD_STRING
from .params import make_fields

DIVISIONS = Path(__file__).resolve().parents[1] / "data" / "changde_counties.geojson"


def parse_criteria(text: str) -> dict[str, tuple[str, float]]:
    """``"道路=near:2;自然保护地=far"`` -> {name: (direction, weight)}; raises ValueError."""
    out = {}
    for item in re.split(r"[;；\n]", text or ""):
        item = item.strip()
        if not item:
            continue
        if "=" not in item:
            raise ValueError(item)
        name, rule = (s.strip() for s in item.rsplit("=", 1))
        direction, _, weight = rule.partition(":")
        direction = direction.strip().lower()
        try:
            w = float(weight) if weight.strip() else 1.0
        except ValueError:
            raise ValueError(item) from None
        if direction not in (siting.candidates.NEAR, siting.candidates.FAR) or not name or w <= 0:
            raise ValueError(item)
        out[name] = (direction, w)
    return out


def search_source(alg, parameters, context):
    """(feature source or layer, name) of the search area of ``alg`` (site selection)."""
    tr = alg.tr
    division = alg.parameterAsString(parameters, alg.SEARCH_DIVISION, context).strip()
    if not division:
        source = alg.polygon_source(
            parameters, alg.SEARCH_AREA, context, tr("SEARCH_AREA: the search area")
        )
        return source, source.sourceName()
    from ..core.dictionaries import default_dictionaries

    name = default_dictionaries().get("admin", {}).get(division)
    if name is None:
        raise QgsProcessingException(
            tr("SEARCH_DIVISION: {code} is not a division code of the code lists").format(
                code=division
            )
        )
    layer = QgsVectorLayer(str(DIVISIONS), "divisions", "ogr")
    if layer.isValid():
        layer.setSubsetString(f"\"adcode\" = '{division}'")
    if not layer.isValid() or layer.featureCount() == 0:
        raise QgsProcessingException(
            tr(
                "SEARCH_DIVISION: no boundary of {code} {name} is bundled with the plugin; "
                "give SEARCH_AREA as a polygon layer"
            ).format(code=division, name=name)
        )
    return layer, f"{division} {name}"


def candidate_fields(criteria) -> QgsFields:
    """Fields of the candidate sites: rank, score, area, compactness, per criterion its raw
    distance and normalised score, reasons."""
    specs = [("rank", FIELD_INT)] + [(n, FIELD_DOUBLE) for n in ("score", "area_m2", "compactness")]
    for crit in criteria:
        specs += [(f"{crit.name}_m", FIELD_DOUBLE), (f"{crit.name}_score", FIELD_DOUBLE)]
    return make_fields(specs + [("reasons", FIELD_STRING)])


def candidate_features(fields, candidates) -> list:
    """One multipolygon feature per candidate site."""
    feats = []
    for cand in candidates:
        feat = QgsFeature(fields)
        geom = io.from_shapely(cand.geometry)
        geom.convertToMultiType()
        feat.setGeometry(geom)
        attrs = [cand.rank, cand.score, cand.area_m2, cand.compactness]
        for raw, norm in zip(cand.raw, cand.norm):
            attrs += [raw, norm]
        feat.setAttributes(attrs + [cand.reasons])
        feats.append(feat)
    return feats
