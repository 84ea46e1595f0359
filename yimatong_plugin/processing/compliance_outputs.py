"""The compliance review's output layers (reviewed parcels, overlap table, overlap pieces) and
the in-memory copies its report reads."""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..gis import shapely_io as io
from ..gis.gdal_errors import close_table_sink
from ..gis.qgis_compat import FIELD_STRING
from .compliance_support import TABLE_FIELDS, output_fields
from .control_sets import approval_text, set_label


def write_review_outputs(
    alg, parameters, context, feedback, result, controls, pgeoms, missing, ids_codes, area_crs,
    want_pieces, extra=(),
):  # fmt: skip
    """Write OUTPUT, OUTPUT_TABLE (and OUTPUT_PIECES) of ``alg`` (the compliance review);
    returns (outputs, parcel features, table features, parcel fields, table fields)."""
    parcel_ids, codes = ids_codes
    tr = alg.tr
    out_fields = output_fields([c.name for c in controls])
    for fname, _value in extra:
        out_fields.append(QgsField(fname, FIELD_STRING))
    extra_values = [value for _fname, value in extra]
    table_fields = QgsFields()
    for fname, ftype in TABLE_FIELDS:
        table_fields.append(QgsField(fname, ftype))
    poly_type = QgsWkbTypes.MultiPolygon
    sink, out_id = alg.parameterAsSink(
        parameters, alg.OUTPUT, context, out_fields, poly_type, area_crs
    )
    tsink, table_id = alg.parameterAsSink(
        parameters,
        alg.OUTPUT_TABLE,
        context,
        table_fields,
        QgsWkbTypes.NoGeometry,
        QgsCoordinateReferenceSystem(),
    )
    if sink is None or tsink is None:
        raise QgsProcessingException(tr("Could not create the output layers"))
    psink, pieces_id = (None, None)
    if want_pieces:
        piece_fields = QgsFields(table_fields)
        psink, pieces_id = alg.parameterAsSink(
            parameters, alg.OUTPUT_PIECES, context, piece_fields, poly_type, area_crs
        )
    out_feats, table_feats, piece_feats = [], [], []
    n = len(result.parcels)
    out_wkb = np.full(len(pgeoms), None, dtype=object)  # one vectorised WKB conversion
    if (~missing).any():
        out_wkb[~missing] = shapely.to_wkb(pgeoms[~missing], output_dimension=2)
    for i, res in enumerate(result.parcels):
        if i % 500 == 0:
            alg._check_canceled(feedback)
            feedback.setProgress(85 + 10 * i / max(1, n))
        feat = QgsFeature(out_fields)
        if out_wkb[i] is not None:
            qg = QgsGeometry()
            qg.fromWkb(out_wkb[i])
            qg.convertToMultiType()
            feat.setGeometry(qg)
        ratios = [res.ratio(c.name) for c in controls]
        feat.setAttributes(
            [
                parcel_ids[i],
                res.area_m2,
                int(res.repaired),
                res.verdict,
                res.verdict_rule,
                codes[i],
            ]
            + ratios
            + extra_values
        )
        out_feats.append(feat)
        for ov in res.overlaps:
            row = QgsFeature(table_fields)
            row.setAttributes(
                [
                    parcel_ids[i],
                    ov.layer,
                    ov.class_code,
                    ov.overlap_m2,
                    ov.ratio,
                    ov.outside_m2,
                    ov.role,
                ]
            )
            table_feats.append(row)
            if psink is not None and ov.geometry is not None and not ov.geometry.is_empty:
                piece = QgsFeature(table_fields)
                piece.setAttributes(row.attributes())
                pg = io.from_shapely(ov.geometry)
                pg.convertToMultiType()
                piece.setGeometry(pg)
                piece_feats.append(piece)
    sink.addFeatures(out_feats, QgsFeatureSink.FastInsert)
    tsink.addFeatures(table_feats, QgsFeatureSink.FastInsert)
    close_table_sink(tsink)  # written now, without GDAL's "No geometry column" on GPKG
    tsink = None
    if psink is not None:
        psink.addFeatures(piece_feats, QgsFeatureSink.FastInsert)
    outputs = {alg.OUTPUT: out_id, alg.OUTPUT_TABLE: table_id}
    if pieces_id:
        outputs[alg.OUTPUT_PIECES] = pieces_id
    return outputs, out_feats, table_feats, out_fields, table_fields


def memory_copies(area_crs, out_fields, table_fields, out_feats, table_feats):
    """Memory layers holding the reviewed parcels and the overlap table, for the report."""
    mem_out = QgsVectorLayer(f"MultiPolygon?crs={area_crs.authid()}", "parcels", "memory")
    mem_out.dataProvider().addAttributes(out_fields.toList())
    mem_out.updateFields()
    mem_table = QgsVectorLayer("None", "table", "memory")
    mem_table.dataProvider().addAttributes(table_fields.toList())
    mem_table.updateFields()
    mem_out.dataProvider().addFeatures(out_feats)
    mem_table.dataProvider().addFeatures(table_feats)
    return mem_out, mem_table


def set_fields(row) -> list:
    """(field, value) pairs OUTPUT gets when the review used control set ``row``: the set with
    its version and the 批复文号 of its layers."""
    if row is None:
        return []
    return [("control_set", set_label(row)), ("approval_docs", approval_text(row))]


def set_info(row):
    """What the report says of control set ``row`` (None without a set)."""
    if row is None:
        return None
    return {
        "label": set_label(row),
        "key": row["key"],
        "set_date": row.get("set_date"),
        "current": bool(row.get("is_current")),
        "layers": [
            (lyr["name"], lyr.get("doc_no") or "", lyr.get("effective_date") or "")
            for lyr in row["layers"]
        ],
        "approval": approval_text(row),
    }
