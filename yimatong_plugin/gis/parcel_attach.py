"""Surveyors' parcels: check features of any polygon layer and attach them to a project code.

Typical input: a Shapefile with GBK attributes (often without a ``.cpg``), a GeoPackage, or a
DXF whose closed polylines are the parcels. :func:`open_parcel_layer` loads such a file with
the right attribute encoding; :func:`check_features` checks every feature (geometry present
and polygonal, valid, known CRS, coordinates in the CRS's units and in China, plausible area,
GCJ-02 web-map offset against the project's existing parcels) WITHOUT writing anything;
:func:`attach` writes the checked parcels in one transaction (``add_parcel``), or replaces a
parcel (``replace_parcel``: the old one is retired with lineage, never overwritten).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.gcj02 import gcj02_to_wgs84, offset_m
from ..core.library.errors import LibraryError
from ..core.library.geometry import prepare_parcel
from ..toolbelt.i18n import tr
from .coordfile_layer import SOURCE_PROPERTY, area_warning

#: below this a parcel is refused (a slip of units or a digitising accident)
MIN_AREA_M2 = 1.0
#: above this a parcel is refused (100 km²: no construction-land parcel is that large)
MAX_AREA_M2 = 100_000_000.0
#: outside [WARN_MIN, WARN_MAX] a parcel is attached with a warning
WARN_MIN_AREA_M2 = 50.0
WARN_MAX_AREA_M2 = 5_000_000.0


# -- loading ---------------------------------------------------------------------------------


def detect_dbf_encoding(path: str | os.PathLike) -> str | None:
    """The attribute encoding of a Shapefile without ``.cpg``: ``"UTF-8"``, ``"GBK"`` or None
    (a ``.cpg`` exists, or the attributes are plain ASCII: let OGR decide)."""
    shp = Path(path)
    if shp.with_suffix(".cpg").exists() or shp.with_suffix(".CPG").exists():
        return None
    dbf = shp.with_suffix(".dbf")
    if not dbf.exists():
        dbf = shp.with_suffix(".DBF")
        if not dbf.exists():
            return None
    data = dbf.read_bytes()
    if len(data) < 32:
        return None
    header_len = int.from_bytes(data[8:10], "little")
    body = data[header_len:]
    if all(b < 0x80 for b in body):
        return None
    try:
        body.decode("utf-8")
        return "UTF-8"
    except UnicodeDecodeError:
        return "GBK"


def open_parcel_layer(path: str, layer_name: str | None = None, name: str = "") -> QgsVectorLayer:
    """Open a parcel file as an OGR layer; a Shapefile without ``.cpg`` gets its GBK/UTF-8
    attribute encoding detected (surveyors' Shapefiles are mostly GBK). A coordinate file
    (坐标 TXT) is read by :mod:`..core.coordfile` into a memory layer in its own CRS; a malformed
    one raises :class:`~yimatong_plugin.core.coordfile.CoordFileError` (problems by line)."""
    if path.lower().endswith(".txt"):
        from .coordfile_layer import coordfile_layer

        return coordfile_layer(path, name)
    uri = path if not layer_name else f"{path}|layername={layer_name}"
    layer = QgsVectorLayer(uri, name or Path(path).stem, "ogr")
    if layer.isValid() and path.lower().endswith(".shp"):
        encoding = detect_dbf_encoding(path)
        if encoding:
            layer.setProviderEncoding(encoding)
    return layer


# -- checks ----------------------------------------------------------------------------------


@dataclass
class ParcelCandidate:
    fid: int
    label: str
    geometry: QgsGeometry | None  # polygonal, in the layer CRS
    crs: str = ""  # the layer CRS (auth id or WKT)
    area_m2: float = 0.0  # ellipsoidal, after reprojection
    wkb_4490: bytes | None = None  # what will be written (EPSG:4490)
    repaired: bool = False
    converted: bool = False  # converted from GCJ-02: written as the EPSG:4490 geometry
    gcj02_suspect: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _crs_text(layer: QgsVectorLayer) -> str:
    crs = layer.crs()
    return crs.authid() or crs.toWkt()


def _polygonal(geometry: QgsGeometry) -> QgsGeometry | None:
    """The polygonal geometry of a feature: polygons as they are; closed lines (DXF polylines)
    turned into polygons; None for anything else."""
    gtype = QgsWkbTypes.geometryType(geometry.wkbType())
    if gtype == QgsWkbTypes.PolygonGeometry:
        return geometry
    if gtype == QgsWkbTypes.LineGeometry:
        geom = shapely.from_wkb(bytes(geometry.asWkb()))
        # numpy coordinates, not .coords: inside QGIS shapely may run on QGIS's older GEOS
        lines = [
            g
            for g in shapely.get_parts(geom)
            if shapely.get_num_coordinates(g) >= 4 and shapely.is_closed(g)
        ]
        if not lines:
            return None
        polys = [shapely.Polygon(shapely.get_coordinates(line)) for line in lines]
        out = QgsGeometry()
        out.fromWkb(shapely.to_wkb(shapely.MultiPolygon(polys), output_dimension=2))
        return out
    return None


def _gcj02_unshift(geom):
    """The geometry with the GCJ-02 offset removed (EPSG:4490 degrees)."""

    def fn(x, y):
        return gcj02_to_wgs84(x, y)

    # force_2d: with QGIS's GEOS loaded (the desktop) transform() leaves NaN Z values, and
    # overlays of such geometries warn "invalid value encountered in intersection"
    return shapely.force_2d(shapely.transform(geom, lambda xy: _pairs(fn, xy)))


def _pairs(fn, xy):
    import numpy as np

    lon, lat = fn(xy[:, 0], xy[:, 1])
    return np.column_stack([np.asarray(lon), np.asarray(lat)])


def _iou(a, b) -> float:
    if not shapely.intersects(a, b):
        # and no overlay: with QGIS's GEOS loaded an empty intersection warns "invalid value"
        return 0.0
    union = shapely.union(a, b).area
    return shapely.intersection(a, b).area / union if union > 0 else 0.0


def gcj02_check(geom_4490, references) -> tuple[bool, float, int | None]:
    """Does ``geom_4490`` look like a GCJ-02 (web-map) copy of one of ``references``?

    ``references``: (id, shapely geometry in EPSG:4490) of trusted parcels nearby (the project's
    parcels, the parcel being replaced). Returns (suspect, offset in metres, reference id):
    suspect when undoing GCJ-02 makes the parcel coincide with a reference (IoU > 0.6) much
    better than as given.
    """
    if geom_4490 is None or geom_4490.is_empty:
        return False, 0.0, None
    fixed = _gcj02_unshift(geom_4490)
    for ref_id, ref in references:
        if ref is None or ref.is_empty or shapely.distance(ref, geom_4490) > 0.02:  # ~2 km
            continue
        raw_iou = _iou(geom_4490, ref)
        fixed_iou = _iou(fixed, ref)
        if fixed_iou > 0.6 and fixed_iou > raw_iou + 0.3:
            c = geom_4490.centroid
            return True, float(offset_m(c.x, c.y)), ref_id
    return False, 0.0, None


def _references(library, code: str | None, replace_id: int | None):
    refs = []
    if library is None or not code:
        return refs
    try:
        for row in library.parcels(code, include_retired=False):
            geom = row.get("geometry")
            if geom:
                refs.append((row.get("fid"), shapely.from_wkb(bytes(geom))))
    except LibraryError:
        return refs
    if replace_id is not None and all(r[0] != replace_id for r in refs):
        pass  # a retired parcel cannot be replaced; the library will say so
    return refs


def features_of(layer: QgsVectorLayer, selected_only: bool = True) -> list[QgsFeature]:
    if selected_only:
        return list(layer.getSelectedFeatures())
    return list(layer.getFeatures(QgsFeatureRequest()))


def check_features(
    layer: QgsVectorLayer,
    features: list[QgsFeature] | None = None,
    label_field: str | None = None,
    library=None,
    code: str | None = None,
    replace_id: int | None = None,
    repair: bool = False,
    undo_gcj02: bool = False,
    crs=None,
) -> list[ParcelCandidate]:
    """Check ``features`` (default: the layer's selection); writes nothing.

    Errors block the attachment; warnings are shown and do not block. ``repair``: invalid
    polygons are repaired (make_valid, noted in the library) instead of refused.
    ``undo_gcj02``: the coordinates are GCJ-02 (from a web map) and are converted to CGCS2000.
    ``crs``: the CRS of the coordinates when the layer has none or a wrong one (DXF).
    """
    if features is None:
        features = features_of(layer, True)
    if crs is not None and crs.isValid():  # the user says which CRS the coordinates are in
        crs_valid, crs_text = True, crs.authid() or crs.toWkt()
    else:
        crs_valid = layer.crs().isValid()
        crs_text = _crs_text(layer) if crs_valid else ""
    refs = _references(library, code, replace_id)
    out: list[ParcelCandidate] = []
    for feat in features:
        label = ""
        if label_field and layer.fields().indexOf(label_field) >= 0:
            value = feat[label_field]
            label = "" if value is None or str(value) == "NULL" else str(value)
        label = label or tr("feature {fid}").format(fid=feat.id())
        cand = ParcelCandidate(feat.id(), label, None, crs_text)
        out.append(cand)
        if not crs_valid:
            cand.errors.append(
                tr("The layer {layer} has no coordinate reference system; set it first.").format(
                    layer=layer.name()
                )
            )
            continue
        geom = feat.geometry()
        if geom is None or geom.isNull() or geom.isEmpty():
            cand.errors.append(tr("no geometry"))
            continue
        poly = _polygonal(geom)
        if poly is None:
            cand.errors.append(
                tr("a {type} is not a parcel (polygons or closed polylines only)").format(
                    type=QgsWkbTypes.displayString(geom.wkbType())
                )
            )
            continue
        cand.geometry = poly
        if not poly.isGeosValid():
            reason = poly.validateGeometry()
            text = reason[0].what() if reason else tr("invalid geometry")
            if repair:
                cand.warnings.append(tr("invalid ({reason}); repaired").format(reason=text))
            else:
                cand.errors.append(
                    tr("invalid geometry: {reason} (fix it, or tick 'repair')").format(reason=text)
                )
                continue
        try:
            prepared = prepare_parcel(bytes(poly.asWkb()), crs_text, where=label)
        except LibraryError as exc:
            cand.errors.append(str(exc))
            continue
        geom_4490 = prepared.geometry
        if undo_gcj02:
            cand.converted = True
            geom_4490 = _gcj02_unshift(geom_4490)
            prepared = prepare_parcel(geom_4490, "EPSG:4490", where=label)
            geom_4490 = prepared.geometry
        cand.repaired = prepared.repaired
        cand.area_m2 = prepared.area_m2
        # output_dimension=2: shapely 2.2 defaults to 4, which the older GEOS inside QGIS refuses
        cand.wkb_4490 = shapely.to_wkb(geom_4490, output_dimension=2)
        area = prepared.area_m2
        if area < MIN_AREA_M2 or area > MAX_AREA_M2:
            cand.errors.append(
                tr("implausible area {area:,.1f} m² (wrong units or CRS?)").format(area=area)
            )
            continue
        if area < WARN_MIN_AREA_M2 or area > WARN_MAX_AREA_M2:
            cand.warnings.append(tr("unusual area {area:,.1f} m²").format(area=area))
        area_note = area_warning(layer, feat)  # coordinate files: declared versus computed
        if area_note:
            cand.warnings.append(area_note)
        if not undo_gcj02:
            suspect, metres, ref_id = gcj02_check(geom_4490, refs)
            if suspect:
                cand.gcj02_suspect = True
                cand.warnings.append(
                    tr(
                        "coordinates look like GCJ-02 web-map coordinates: about {m:.0f} m off "
                        "parcel {id}; tick 'convert from GCJ-02' if they come from a web map"
                    ).format(m=metres, id=ref_id)
                )
    return out


# -- writing ---------------------------------------------------------------------------------


def attach(
    library,
    code: str,
    candidates: list[ParcelCandidate],
    stage: str | None = None,
    replace_id: int | None = None,
    reason: str = "",
    source_file: str | None = None,
) -> list[int]:
    """Write checked candidates into the library in one transaction; returns the parcel ids.

    With ``replace_id`` exactly one candidate replaces that parcel (retired, lineage kept).
    Raises :class:`LibraryError` (nothing written) if any candidate has errors.
    """
    bad = [c for c in candidates if not c.ok]
    if bad:
        raise LibraryError(
            tr("{n} feature(s) failed the checks; nothing was attached: {first}").format(
                n=len(bad), first=f"{bad[0].label}: {bad[0].errors[0]}"
            ),
            "bad_geometry",
            bad[0].label,
        )
    if not candidates:
        raise LibraryError(tr("No features to attach."), "bad_value")
    if replace_id is not None and len(candidates) != 1:
        raise LibraryError(
            tr("A parcel is replaced by exactly one feature; {n} are selected.").format(
                n=len(candidates)
            ),
            "bad_value",
        )
    ids = []
    with library.transaction():
        for cand in candidates:
            # as drawn, in its own CRS (the library records it and reprojects exactly as the
            # check did); a GCJ-02 conversion is written as the converted EPSG:4490 geometry
            geometry, crs = (
                (cand.wkb_4490, "EPSG:4490")
                if cand.converted
                else (bytes(cand.geometry.asWkb()), cand.crs)
            )
            if replace_id is not None:
                ids.append(
                    library.replace_parcel(
                        replace_id,
                        geometry,
                        crs=crs,
                        reason=reason,
                        stage=stage,
                        label=cand.label,
                        source_file=source_file,
                    )
                )
            else:
                ids.append(
                    library.add_parcel(
                        code,
                        geometry,
                        crs=crs,
                        stage=stage,
                        label=cand.label,
                        source_file=source_file,
                    )
                )
    return ids


def layer_source_file(layer: QgsVectorLayer) -> str:
    """The file a layer reads (for the parcel's ``source_file``), else its name."""
    read_from = layer.customProperty(SOURCE_PROPERTY)  # a coordinate file's memory layer
    if read_from:
        return str(read_from)
    source = layer.source().split("|")[0]
    return source if os.path.exists(source) else layer.name()
