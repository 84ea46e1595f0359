"""Control sets in Processing: publishing one (its features and their whole preparation stored in
the library) and the review's control layers taken from one (``CONTROL_SET``).

A set's layers are stored in the set's CRS (``area_epsg``); their preparation is stored keyed by
the content hash of the features, read back as it is: a review against a published set does no
repair and no cutting. Kept in the session cache too (keyed by the data version), so a second
review in the same QGIS session does not even read the library's copy.
"""

from __future__ import annotations

import time

import numpy as np
import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingException

from ..core import overlay as engine
from ..core import overlay_cache
from ..core.library import LibraryError
from ..core.library.control_sets import ControlSets, content_hash, pack_features
from ..core.overlay import publish as prep
from ..gis import shapely_io as io
from ..toolbelt.log import log

#: the session cache's key of a published layer's preparation
_KEY = "control-set"


def control_sets(lib, tr) -> ControlSets:
    try:
        return ControlSets(lib)
    except LibraryError as exc:
        raise QgsProcessingException(str(exc)) from exc


def read_layer(layer, area_crs, tctx, feedback):
    """(fids, geometries, WKB list, content hash) of a QGIS layer's features in ``area_crs``."""
    fids, geoms, _values = io.read_geometries(layer, area_crs, tctx, feedback=feedback)
    wkbs = [None] * len(geoms)
    live = np.nonzero(~shapely.is_missing(geoms))[0]
    if len(live):
        for i, wkb in zip(live.tolist(), shapely.to_wkb(geoms[live], output_dimension=2)):
            wkbs[i] = wkb
    fids = np.asarray(fids, dtype=np.int64)
    return fids, geoms, wkbs, content_hash(fids, wkbs)


def prepare_and_store(sets, layer_name, fids, geoms, data_sha, epsg, feedback, tr):
    """The whole preparation of one data version, stored in the library unless it is there
    already (made now, or taken from this session's cache); returns (PreparedLayer, stored
    now: bool)."""
    stored = stored_preparation(sets, layer_name, data_sha, epsg, feedback, tr, session=False)
    if stored is not None:
        return stored, False
    seconds = 0.0
    layer = engine.CACHE.get((_KEY, data_sha, int(epsg)))
    if layer is None:
        t0 = time.perf_counter()
        layer = engine.PreparedLayer(geoms, meta={"fids": np.asarray(fids, dtype=np.int64)})
        prep.prepare_fully(layer, is_canceled=feedback.isCanceled)
        if feedback.isCanceled():
            raise QgsProcessingException(tr("Canceled"))
        seconds = time.perf_counter() - t0
    engine.CACHE.put((_KEY, data_sha, int(epsg)), layer)
    data = prep.to_bytes(layer, data_sha, epsg)
    try:
        sets.store_prepared(data_sha, epsg, prep.FORMAT, data, seconds)
    except LibraryError as exc:
        message = tr(
            "Control layer '{layer}': its preparation could not be stored in the library "
            "({error}); it is used for this run only"
        ).format(layer=layer_name, error=exc)
        feedback.pushWarning(message)
        log(message, "warning")
        return layer, False
    feedback.pushInfo(
        tr(
            "Control layer '{layer}': prepared in {seconds:.1f} s (repairs, cells, overlap "
            "flags) and stored in the library for data version {sha}"
        ).format(layer=layer_name, seconds=seconds, sha=data_sha[:12])
    )
    return layer, True


def stored_preparation(sets, layer_name, data_sha, epsg, feedback, tr, session=True):
    """The preparation of this data version from the session cache (with ``session``) or the
    library, or None."""
    cached = engine.CACHE.get((_KEY, data_sha, int(epsg)))
    if session and cached is not None:
        return cached
    data = sets.prepared_bytes(data_sha, epsg, prep.FORMAT)
    if data is None:
        return None
    if cached is not None:
        return cached
    try:
        layer = prep.from_bytes(data, data_sha, epsg)
    except overlay_cache.CacheError as exc:
        feedback.pushWarning(
            tr("Control layer '{layer}': the stored preparation cannot be used ({error})").format(
                layer=layer_name, error=exc
            )
        )
        return None
    engine.CACHE.put((_KEY, data_sha, int(epsg)), layer)
    return layer


def set_label(row: dict) -> str:
    """``三区三线 v2`` for the logs, the report and OUTPUT."""
    return f"{row['name']} v{row['version']}"


def approval_text(row: dict) -> str:
    """``生态保护红线 湘政函〔2023〕12号 (2023-10-12); …``: the 批复文号 of every layer; layers
    approved by the same document on the same date are named together (``生态保护红线、永久基本农田
    湘政函〔2023〕12号 (2023-10-12)``), in the set's order."""
    groups: dict[tuple, list[str]] = {}
    for layer in row["layers"]:
        key = (layer.get("doc_no") or "—", layer.get("effective_date") or "")
        groups.setdefault(key, []).append(layer["name"])
    parts = []
    for (doc_no, date), names in groups.items():
        text = "、".join(names) + " " + doc_no
        if date:
            text += f" ({date})"
        parts.append(text)
    return "; ".join(parts)


def set_crs(row, chosen, tr):
    """The CRS a review against set ``row`` computes areas in: the set's own (its features and
    preparation are in it); another AREA_CRS is refused."""
    crs = QgsCoordinateReferenceSystem(f"EPSG:{int(row['area_epsg'])}")
    if chosen.isValid() and chosen.authid() != crs.authid():
        raise QgsProcessingException(
            tr(
                "Control set {set} is stored and prepared in {crs}: leave AREA_CRS empty or "
                "choose {crs} (it is {chosen})"
            ).format(set=set_label(row), crs=crs.authid(), chosen=chosen.authid())
        )
    return crs


def set_controls(lib, spec, feedback, tr):
    """(set row with its layers, [engine.ControlLayer]) of the control set ``spec`` (a name,
    ``name@version``, or empty: the library's current set), prepared from the library."""
    sets = control_sets(lib, tr)
    try:
        row = sets.resolve(spec)
    except LibraryError as exc:
        raise QgsProcessingException(str(exc)) from exc
    epsg = int(row["area_epsg"])
    feedback.pushInfo(
        tr("Control set {set} ({key}), set date {date}; 批复文号: {docs}").format(
            set=set_label(row), key=row["key"], date=row.get("set_date") or "—",
            docs=approval_text(row),
        )
    )  # fmt: skip
    if not row.get("is_current"):
        feedback.pushWarning(
            tr("Control set {set} is not the library's current set").format(set=set_label(row))
        )
    controls = []
    for layer in row["layers"]:
        if feedback.isCanceled():
            raise QgsProcessingException(tr("Canceled"))
        prepared = stored_preparation(sets, layer["name"], layer["data_sha256"], epsg, feedback, tr)
        if prepared is not None:
            feedback.pushInfo(
                tr("Control layer '{layer}': the published preparation is used ({sha})").format(
                    layer=layer["name"], sha=layer["data_sha256"][:12]
                )
            )
        else:
            feedback.pushWarning(
                tr(
                    "Control layer '{layer}': no stored preparation for its data version; "
                    "preparing it now"
                ).format(layer=layer["name"])
            )
            try:
                fids, wkbs = sets.features(layer)
            except LibraryError as exc:
                raise QgsProcessingException(str(exc)) from exc
            geoms = np.empty(len(wkbs), dtype=object)
            geoms[:] = [shapely.from_wkb(w) if w else None for w in wkbs]
            prepared, _made = prepare_and_store(
                sets, layer["name"], fids, geoms, layer["data_sha256"], epsg, feedback, tr
            )
        controls.append(engine.ControlLayer(layer["name"], prepared, layer["rule"]))
    return row, controls


def publish_set(lib, name, items, area_crs, tctx, feedback, tr, **set_attrs):
    """Publish ``items`` (dicts: layer = QGIS layer, name, rule, doc_no, effective_date) as a
    new version of set ``name`` in ``area_crs``; every layer prepared once and stored."""
    sets = control_sets(lib, tr)
    epsg = int(area_crs.authid().split(":")[1])
    layers, prepared = [], []
    for k, item in enumerate(items):
        layer = item["layer"]
        fids, geoms, wkbs, sha = read_layer(layer, area_crs, tctx, feedback)
        feedback.pushInfo(
            tr("Control layer '{layer}': {n} features, data version {sha}").format(
                layer=item["name"], n=len(fids), sha=sha[:12]
            )
        )
        layers.append(
            dict(
                name=item["name"],
                rule=item["rule"],
                doc_no=item.get("doc_no"),
                effective_date=item.get("effective_date"),
                data=pack_features(fids, wkbs),
                data_sha256=sha,
                feature_count=len(fids),
                source=layer.source() if hasattr(layer, "source") else None,
            )
        )
        prepared.append((item["name"], fids, geoms, sha))
        feedback.setProgress(40 * (k + 1) / len(items))
    try:
        row = sets.publish(name, epsg, layers, **set_attrs)
    except LibraryError as exc:
        raise QgsProcessingException(str(exc)) from exc
    made = []
    for k, (lname, fids, geoms, sha) in enumerate(prepared):
        _layer, now = prepare_and_store(sets, lname, fids, geoms, sha, epsg, feedback, tr)
        if not now:
            feedback.pushInfo(
                tr(
                    "Control layer '{layer}': the library already holds the preparation of this "
                    "data version ({sha})"
                ).format(layer=lname, sha=sha[:12])
            )
        made.append(now)
        feedback.setProgress(40 + 60 * (k + 1) / len(prepared))
    return row, made


# --- the CONTROL_SET parameter of the compliance review and site selection -----------------
CONTROL_SET = "CONTROL_SET"


def control_set_parameter(tr):
    """(parameter, help) of CONTROL_SET."""
    from qgis.core import QgsProcessingParameterString

    param = QgsProcessingParameterString(
        CONTROL_SET,
        tr("Control set of the library (name or name@version; empty: the current set)"),
        optional=True,
    )
    help_text = tr(
        "A control set published in the project library (yimatong:publishcontrolset), as an "
        "alternative to CONTROL_LAYERS: its layers, rules and 批复文号 are used with their "
        "stored preparation. Empty with no CONTROL_LAYERS and a library given: the library's "
        "current set, when it has one."
    )
    return param, help_text


def library_parameter(tr, name="LIBRARY"):
    """(optional library parameter, help) for the algorithms that may read a control set."""
    from qgis.core import QgsProcessingParameterString

    from ..gis.library_connect import settings_library_value

    param = QgsProcessingParameterString(
        name,
        tr("Project library (for CONTROL_SET)"),
        defaultValue=settings_library_value() or None,
        optional=True,
    )
    help_text = tr(
        "The library holding the control sets: a GeoPackage path, a PostgreSQL connection "
        "string or the name of a saved QGIS PostgreSQL connection."
    )
    return param, help_text


def wanted_set(alg, parameters, context, layers, library_key="LIBRARY"):
    """(library text, set spec, explicit) when the run reads a control set, else None:
    CONTROL_SET given, or no CONTROL_LAYERS and a library (then the current set if any)."""
    spec = alg.parameterAsString(parameters, CONTROL_SET, context).strip()
    library = alg.parameterAsString(parameters, library_key, context).strip()
    if spec:
        return library, spec, True
    if not layers and library:
        return library, "", False
    return None


def check_set_choice(alg, parameters, context, layers, library_key="LIBRARY"):
    """(ok, message) for CONTROL_SET against CONTROL_LAYERS and LIBRARY."""
    tr = alg.tr
    spec = alg.parameterAsString(parameters, CONTROL_SET, context).strip()
    if not spec:
        return True, ""
    if layers:
        return False, tr("Give CONTROL_LAYERS or CONTROL_SET, not both")
    if not alg.parameterAsString(parameters, library_key, context).strip():
        return False, tr("CONTROL_SET: give the project library (LIBRARY) that holds the set")
    return True, ""


def open_set(alg, parameters, context, layers, feedback, library_key="LIBRARY"):
    """(set row, controls) of the control set the run reads, or (None, []) when it reads none
    (no CONTROL_SET, and the library has no current set)."""
    tr = alg.tr
    wanted = wanted_set(alg, parameters, context, layers, library_key)
    if wanted is None:
        return None, []
    _library, spec, explicit = wanted
    lib = alg.open_library_parameter(parameters, context, library_key)
    try:
        if not explicit:
            version = lib.schema_version  # None: the exchange service (no control sets)
            if not isinstance(version, int) or version < 7 or ControlSets(lib).current() is None:
                feedback.pushInfo(tr("The project library has no current control set"))
                return None, []
        return set_controls(lib, spec, feedback, tr)
    finally:
        lib.close()


def set_map_layers(row, controls, rect, area_crs):
    """Memory layers of the set's polygons near ``rect`` (prepared, in ``area_crs``) for the
    report's maps: [(name, layer, rule)]."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    out = []
    grown = None
    if rect is not None:
        pad = max(rect.width(), rect.height(), 1000.0) * 0.5
        grown = shapely.box(
            rect.xMinimum() - pad, rect.yMinimum() - pad, rect.xMaximum() + pad,
            rect.yMaximum() + pad,
        )  # fmt: skip
    for ctl in controls:
        prepared = ctl.prepared()
        ids = np.arange(prepared.n) if grown is None else prepared.query(np.array([grown]))[1]
        ids = np.unique(ids)
        prepared.load(ids)
        geoms = prepared.geoms[ids]
        keep = ~shapely.is_missing(geoms)
        keep[keep] = ~shapely.is_empty(geoms[keep])
        layer = QgsVectorLayer(f"MultiPolygon?crs={area_crs.authid()}", ctl.name, "memory")
        feats = []
        for wkb in shapely.to_wkb(geoms[keep], output_dimension=2).tolist():
            feat = QgsFeature()
            qg = QgsGeometry()
            qg.fromWkb(wkb)
            qg.convertToMultiType()
            feat.setGeometry(qg)
            feats.append(feat)
        layer.dataProvider().addFeatures(feats)
        layer.updateExtents()
        out.append((ctl.name, layer, ctl.rule))
    return out
