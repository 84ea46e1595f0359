"""Layer preparation shared by the compliance review and site selection: the checks a control
or zoning layer must pass (polygons, a CRS, coordinates that fit it, decodable text), the
prepared copies of control and zoning layers (:class:`~..core.overlay.PreparedLayer`) with
their session cache and disk cache, and the zoning layer with its classification."""

from __future__ import annotations

from qgis.core import QgsCsException, QgsProcessingException, QgsRectangle, QgsVectorLayer

from ..core import crs as gk
from ..core import overlay as engine
from ..core import overlay_cache as cache_file
from ..gis import review_guards as guards
from ..gis import shapely_io as io
from ..toolbelt.log import log
from .compliance_support import ZONING_CLASSIFICATION, zoning_scheme_of


class LayerPrep:
    """Checks and prepared layers for one algorithm run; ``tr`` is the algorithm's."""

    def __init__(self, tr):
        self.tr = tr

    def zoning_parameters(
        self, alg, parameters, context, table_name, area_crs, tctx, rect, feedback, span
    ):
        """(layer, code field, prepared zoning, scheme text) of ``alg``'s ZONING,
        ZONING_FIELD and ZONING_CLASSIFICATION parameters; without a zoning layer (None,
        field, None, None). ``table_name``: the zoning's name in the overlap table (None: the
        layer's name)."""
        layer = alg.parameterAsVectorLayer(parameters, "ZONING", context)
        field = alg.parameterAsString(parameters, "ZONING_FIELD", context)
        if layer is None:
            return None, field, None, None
        choice = alg.parameterAsEnum(parameters, ZONING_CLASSIFICATION, context)
        zoning, text = self.prepared_zoning(
            layer,
            field,
            choice,
            table_name or layer.name(),
            area_crs,
            tctx,
            rect,
            feedback,
            span,
        )
        return layer, field, zoning, text

    def prepared_zoning(self, layer, field, choice, name, area_crs, tctx, rect, feedback, span):
        """(engine.ZoningLayer, text of its classification for the log and the report) of the
        zoning ``layer`` with codes in ``field``, read as ``choice`` (ZONING_CLASSIFICATION);
        shared by the compliance review and site selection."""
        self.check_layer(layer, layer.name())
        if layer.fields().lookupField(field) < 0:
            raise QgsProcessingException(
                self.tr("Layer '{layer}' has no field '{field}'").format(
                    layer=layer.name(), field=field
                )
            )
        prepared = self.prepared(layer, area_crs, tctx, rect, feedback, span, code_field=field)
        scheme, text = zoning_scheme_of(choice, layer, field, feedback, self.tr)
        return engine.ZoningLayer(prepared, name=name, scheme=scheme), text

    def report_repairs(self, named_layers, feedback):
        """Warn about the repaired and the unusable polygons of each (name, PreparedLayer)."""
        tr = self.tr
        for shown, prep in named_layers:
            for label, ids in (
                (tr("invalid polygons repaired"), prep.repaired_ids),
                (tr("polygons without area skipped"), prep.unusable_ids),
            ):
                if len(ids):
                    lfids = prep.meta["fids"][ids][:20].tolist()
                    feedback.pushWarning(
                        tr("Layer '{layer}': {n} {what} (feature ids {fids})").format(
                            layer=shown, n=len(ids), what=label, fids=", ".join(map(str, lfids))
                        )
                    )

    def check_decoded(self, values, fids, layer_name, field):
        bad = guards.undecodable(values)
        if bad:
            raise QgsProcessingException(
                self.tr(
                    "Layer '{layer}', field '{field}': {n} values hold characters that could not "
                    "be decoded (feature {fid}: '{value}'): the layer's text encoding is wrong, "
                    "typically a Shapefile with GBK text and no .cpg file. Set the encoding in "
                    "the layer's Properties ▸ Source ▸ Data source encoding (GBK), or put a .cpg "
                    "file containing GBK beside the .shp, and run again"
                ).format(
                    layer=layer_name,
                    field=field,
                    n=len(bad),
                    fid=int(fids[bad[0]]),
                    value=values[bad[0]],
                )
            )

    def unique_ids(self, ids, fids, layer_name, field, make_unique, feedback):
        """The parcel ids, each once: duplicates and empties refused with the list of
        features, or with UNIQUE_IDS made unique visibly (the feature id appended)."""
        tr = self.tr
        dups, empty = guards.duplicate_or_empty(ids)
        if not dups and not empty:
            return ids
        listed = [
            tr("'{id}' (features {fids})").format(
                id=value, fids=", ".join(str(int(fids[i])) for i in pos)
            )
            for value, pos in list(dups.items())[:10]
        ]
        if empty:
            listed.append(
                tr("empty (features {fids})").format(
                    fids=", ".join(str(int(fids[i])) for i in empty[:20])
                )
            )
        if not make_unique:
            raise QgsProcessingException(
                tr(
                    "Layer '{layer}', field '{field}': each parcel needs its own id, but "
                    "{what}; correct the ids, or set UNIQUE_IDS to make them unique with the "
                    "feature id"
                ).format(layer=layer_name, field=field, what="; ".join(listed))
            )
        out = list(ids)
        for i in [i for pos in dups.values() for i in pos] + empty:
            out[i] = tr("{id} (feature {fid})").format(id=ids[i], fid=int(fids[i])).strip()
        feedback.pushWarning(
            tr(
                "Layer '{layer}', field '{field}': ids made unique with the feature id: {what}"
            ).format(layer=layer_name, field=field, what="; ".join(listed))
        )
        return out

    def check_layer(self, layer, name):
        tr = self.tr
        if not isinstance(layer, QgsVectorLayer) or not io.is_polygon_layer(layer):
            raise QgsProcessingException(
                tr("Layer '{layer}' is not a polygon layer").format(layer=name)
            )
        if not layer.crs().isValid():
            raise QgsProcessingException(
                tr("Layer '{layer}' has no CRS: set its CRS and run again").format(layer=name)
            )
        if layer.featureCount() == 0:
            raise QgsProcessingException(tr("Layer '{layer}' has no features").format(layer=name))
        self.check_coordinates(layer.crs(), layer.extent(), name)

    def check_coordinates(self, crs, ext, name):
        """Refuse layers whose coordinates cannot be in their CRS (a wrongly set CRS): metres in
        a degrees CRS, or Gauss-Kruger eastings with/without the zone prefix the CRS expects."""
        zone = None
        if crs.authid().upper().startswith("EPSG:"):
            try:
                zone = gk.gk_zone_from_epsg(int(crs.authid().split(":")[1]))
            except ValueError:
                zone = None
        if zone is not None and not ext.isEmpty():
            prefixed = gk.looks_prefixed_gk(ext.xMinimum(), ext.xMaximum())
            if prefixed != zone.prefixed:
                fitting = (
                    gk.zone_crs(gk.zone_from_prefixed_easting(ext.xMinimum()), prefixed=True)
                    if prefixed
                    else gk.zone_crs(zone.zone, prefixed=False)
                )
                raise QgsProcessingException(
                    self.tr(
                        "Layer '{layer}' has the CRS {crs} but its eastings {how}: it is probably "
                        "in {fitting}; set its real CRS and run again"
                    ).format(
                        layer=name,
                        crs=crs.authid(),
                        how=self.tr("carry a zone prefix")
                        if prefixed
                        else self.tr("have no zone prefix"),
                        fitting=fitting.authid,
                    )
                )
        if crs.isGeographic() and not ext.isEmpty():
            if not gk.looks_geographic(
                ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()
            ):
                raise QgsProcessingException(
                    self.tr(
                        "Layer '{layer}' has the geographic CRS {crs} but its coordinates are not "
                        "degrees: set its real CRS and run again"
                    ).format(layer=name, crs=crs.authid())
                )

    def _from_disk(self, layer, key, area_crs, feedback):
        """The layer's prepared copy from the disk cache, or None (missing, stale, unusable)."""
        directory = io.disk_cache_dir()
        if directory is None:
            return None
        path, _stale = io.disk_cache_files(key, directory)
        if not path.exists():
            return None
        try:
            prepared = cache_file.load(
                str(path), repr(key), lambda fids: io.gpkg_loader(layer, area_crs, fids)
            )
        except cache_file.CacheError as exc:
            message = self.tr(
                "Layer '{layer}': the disk cache file {path} cannot be used ({error}); "
                "preparing the layer again"
            ).format(layer=layer.name(), path=str(path), error=str(exc))
            feedback.pushWarning(message)
            log(message, "warning")
            try:
                path.unlink()
            except OSError:
                pass
            return None
        bounds = prepared.meta.get("rect_bounds")
        prepared.meta["rect"] = QgsRectangle(*bounds) if bounds is not None else None
        prepared.meta["disk_key"] = key
        return prepared

    def save(self, prepared_layers, feedback):
        """Write the prepared layers that learned something in this review to the disk cache."""
        directory = io.disk_cache_dir()
        if directory is None:
            return
        for prepared in prepared_layers:
            key = prepared.meta.get("disk_key")
            if key is None:
                continue
            sig = cache_file.signature(prepared)
            if prepared.meta.get("saved") == sig:
                continue
            path, stale = io.disk_cache_files(key, directory)
            try:
                cache_file.save(prepared, str(path), repr(key), [str(p) for p in stale])
            except (OSError, ValueError) as exc:
                message = self.tr("Could not write the disk cache file {path}: {error}").format(
                    path=str(path), error=str(exc)
                )
                feedback.pushWarning(message)
                log(message, "warning")
                continue
            prepared.meta["saved"] = sig
        cache_file.prune(str(directory))

    def prepared(self, layer, area_crs, tctx, rect, feedback, span, code_field=None):
        """The layer as a PreparedLayer in ``area_crs``, from the session cache when current."""
        try:
            return self._prepared_layer(layer, area_crs, tctx, rect, feedback, span, code_field)
        except QgsCsException as exc:
            raise QgsProcessingException(
                self.tr("Layer '{layer}' cannot be transformed to {crs}: {error}").format(
                    layer=layer.name(), crs=area_crs.authid(), error=exc
                )
            ) from exc

    def _prepared_layer(self, layer, area_crs, tctx, rect, feedback, span, code_field):
        made_with = guards.transform_signature(layer.crs(), area_crs, tctx)
        encoding = layer.dataProvider().encoding() if code_field else ""
        key = io.layer_cache_key(layer, area_crs, extra=(code_field or "", encoding) + made_with)
        if key is not None:
            cached = engine.CACHE.get(key)
            if cached is not None and cached.meta.get("transform") != made_with:
                cached = None  # a copy made under another transform is never paired
            if cached is not None and covers(cached, rect):
                feedback.pushInfo(
                    self.tr("Layer '{layer}': reusing the prepared copy from this session").format(
                        layer=layer.name()
                    )
                )
                return cached
            cached = self._from_disk(layer, key, area_crs, feedback)
            if cached is not None and covers(cached, rect):
                feedback.pushInfo(
                    self.tr(
                        "Layer '{layer}': reusing the prepared copy from the disk cache"
                    ).format(layer=layer.name())
                )
                cached.meta["transform"] = made_with  # the key holds it: read back as made
                engine.CACHE.put(key, cached)
                return cached
        if not code_field:
            lazy = io.gpkg_lazy_source(layer, area_crs)
            if lazy is not None:  # only the R-tree now; geometries when a parcel needs them
                fids, boxes, loader = lazy
                prepared = engine.PreparedLayer(
                    None,
                    boxes=boxes,
                    loader=loader,
                    meta={
                        "fids": fids,
                        "rect": None,
                        "rect_bounds": None,
                        "disk_key": key,
                        "transform": made_with,
                    },
                )
                nulls = layer.featureCount() - len(fids)
                if nulls > 0:
                    feedback.pushWarning(
                        self.tr("Layer '{layer}': {n} features without geometry skipped").format(
                            layer=layer.name(), n=nulls
                        )
                    )
                if key is not None:
                    engine.CACHE.put(key, prepared)
                return prepared
        # read a little more than the parcels' extent so nearby later reviews hit the cache
        read_rect = None
        if rect is not None:
            full = io.source_extent(layer, area_crs, tctx)
            grown = QgsRectangle(rect)
            grown.grow(max(rect.width(), rect.height(), 1000.0) * 0.5)
            if not grown.contains(full):
                read_rect = grown
        attrs = [code_field] if code_field else []
        fids, geoms, values = io.read_geometries(
            layer,
            area_crs,
            tctx,
            rect=read_rect,
            attributes=attrs,
            feedback=feedback,
            progress_span=span,
        )
        codes = values[code_field] if code_field else None
        if codes is not None:
            self.check_decoded(codes, fids, layer.name(), code_field)
        bounds = None
        if read_rect is not None:
            bounds = (
                read_rect.xMinimum(),
                read_rect.yMinimum(),
                read_rect.xMaximum(),
                read_rect.yMaximum(),
            )
        meta = {
            "fids": fids,
            "rect": read_rect,
            "rect_bounds": bounds,
            "disk_key": key,
            "transform": made_with,
        }
        prepared = engine.PreparedLayer(geoms, codes=codes, meta=meta)
        if key is not None and not feedback.isCanceled():
            engine.CACHE.put(key, prepared)
        return prepared


def covers(prepared, rect) -> bool:
    """True when ``prepared`` was read for an extent holding ``rect`` (or for everything)."""
    covered = prepared.meta.get("rect")
    return covered is None or (rect is not None and covered.contains(rect))


def unique_names(layers) -> list[str]:
    names, seen = [], {}
    for layer in layers:
        name = layer.name()
        if name in seen:
            inner = io.layer_name_in_source(layer)
            if inner and inner not in seen:
                name = inner
        base, k = name, 2
        while name in seen:
            name = f"{base}_{k}"
            k += 1
        seen[name] = True
        names.append(name)
    return names
