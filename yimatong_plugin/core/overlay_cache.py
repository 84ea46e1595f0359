"""On-disk copies of prepared control layers (:class:`~.overlay.PreparedLayer`).

A planner's QGIS session keeps prepared layers in memory (:data:`.overlay.CACHE`); this module
keeps them across sessions and ``qgis_process`` runs: what a review learned about a layer
(validity and repairs of the polygons it met, the cells cut from huge polygons, which polygons
overlap a neighbour; the geometries of layers read whole, but of lazily read GeoPackage layers
only the repaired ones: the others are read again from the source when needed) is written to
one ``.npz`` file per layer and version, and read back by the next review instead of being
rebuilt.

The caller names the file from a key that changes with the source (path, modification time,
size, subset, area CRS, …): a changed source is a different file, and :func:`save` removes the
other versions of the same layer. The file repeats the key; :func:`load` refuses a file whose key
or format differs, or that cannot be read (a corrupt file), by raising :class:`CacheError`.

No pickle: geometries are WKB in one byte buffer with offsets, everything else plain arrays.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
import time
import zipfile

import numpy as np
import shapely
from numpy.lib import format as npformat

from .overlay import PreparedLayer, _Cells
from .overlay.cells import _prime_envelopes

FORMAT = 2  # 2: cells cut exactly, from the root kept (1: by clip_by_rect, maybe wrong)
_SUFFIX = ".npz"


class CacheError(Exception):
    """The cache file cannot be used (unreadable, other format, other key)."""


def signature(layer: PreparedLayer) -> tuple:
    """Changes whenever the layer learned something worth writing."""
    cells = sum(len(c.pieces) + int(np.count_nonzero(c.checked)) for c in layer._cells.values())
    nodes = sum(len(c._rect) for c in layer._cells.values())
    return (
        layer.loaded_count,
        layer.checked_count(),
        int(np.count_nonzero(layer.overlapping)),
        len(layer._cells),
        cells,
        nodes,
    )


def _pack(geoms) -> tuple[np.ndarray, np.ndarray]:
    """Geometries (None allowed) -> (uint8 WKB buffer, n×2 int64 [start, end), -1 for None)."""
    arr = np.asarray(geoms, dtype=object).reshape(-1)
    spans = np.full((len(arr), 2), -1, dtype=np.int64)
    live = np.nonzero(~shapely.is_missing(arr))[0] if len(arr) else np.zeros(0, np.int64)
    if not len(live):
        return np.zeros(0, dtype=np.uint8), spans
    wkbs = shapely.to_wkb(arr[live], output_dimension=2)
    ends = np.cumsum([len(w) for w in wkbs])
    spans[live, 1] = ends
    spans[live, 0] = ends - [len(w) for w in wkbs]
    return np.frombuffer(b"".join(wkbs), dtype=np.uint8), spans


def _unpack(buf: np.ndarray, spans: np.ndarray) -> np.ndarray:
    out = np.full(len(spans), None, dtype=object)
    live = np.nonzero(spans[:, 0] >= 0)[0]
    if not len(live):
        return out
    raw = buf.tobytes()
    if spans[live, 1].max() > len(raw) or (spans[live, 1] < spans[live, 0]).any():
        raise CacheError("geometry offsets beyond the data")
    wkb = np.empty(len(live), dtype=object)
    wkb[:] = [raw[a:b] for a, b in spans[live].tolist()]
    out[live] = shapely.from_wkb(wkb)
    return out


def prune(directory: str, max_bytes: int = 2 << 30, max_age_days: float = 60.0) -> list[str]:
    """Delete cache files not used for ``max_age_days``, then the least recently used ones
    until the directory holds at most ``max_bytes``. Returns the deleted paths.

    :func:`load` touches a file it reads, so the modification time is the last use.
    """
    try:
        entries = [
            (e.stat().st_mtime, e.stat().st_size, e.path)
            for e in os.scandir(directory)
            if e.is_file() and e.name.endswith(_SUFFIX)
        ]
    except OSError:
        return []
    entries.sort()
    now = time.time()
    total = sum(size for _t, size, _p in entries)
    removed = []
    for mtime, size, path in entries:
        if now - mtime <= max_age_days * 86400 and total <= max_bytes:
            continue
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        removed.append(path)
    return removed


def save(layer: PreparedLayer, path: str, key_text: str, stale: list[str] = ()) -> None:
    """Write ``layer`` to ``path`` (atomically) and remove the ``stale`` files."""
    with layer._lock:
        arrays = _arrays(layer, key_text)
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    for old in stale:
        if old != path:
            try:
                os.unlink(old)
            except OSError:
                pass


def _arrays(layer: PreparedLayer, key_text: str) -> dict:
    meta = layer.meta
    rect = meta.get("rect_bounds")
    lazy = layer._loader is not None
    geoms, loaded = layer.geoms, layer.loaded
    if lazy:
        # geometries the source holds as they are are read again when a review needs them
        # (the next review is usually elsewhere); only repaired ones are kept
        loaded = layer.loaded & (layer.state == PreparedLayer.REPAIRED)
        geoms = np.where(loaded, layer.geoms, None)
    a = {
        "format": np.array([FORMAT]),
        "key": np.array([key_text]),
        "lazy": np.array([lazy]),
        "state": layer.state,
        "loaded": loaded,
        "nverts": layer.nverts,
        "overlapping": layer.overlapping,
        "fids": np.asarray(meta.get("fids", np.zeros(0)), dtype=np.int64),
        "rect": np.array(rect if rect is not None else [np.nan] * 4, dtype=float),
    }
    a["geoms"], a["geoms_offsets"] = _pack(geoms)
    if layer.boxes is not None:
        a["boxes"] = layer.boxes
    if layer.codes is not None:
        a["codes"] = np.asarray(layer.codes, dtype=str)
    ids = sorted(layer._cells)
    a["cells_ids"] = np.asarray(ids, dtype=np.int64)
    for k, i in enumerate(ids):
        c = layer._cells[i]
        with c._lock:
            children = np.full((len(c._rect), 2), -1, dtype=np.int64)
            split = np.zeros(len(c._rect), dtype=bool)
            for node, ch in enumerate(c._children):
                if ch is not None:
                    split[node] = True
                    children[node, : len(ch)] = ch
            node_geoms = [  # the root too: the pieces still to cut are cut from it
                g if (node == 0 or (leaf < 0 and ch is None)) else None
                for node, (g, leaf, ch) in enumerate(zip(c._geom, c._leaf, c._children))
            ]
            a[f"c{k}_rect"] = np.asarray(c._rect, dtype=float).reshape(-1, 4)
            a[f"c{k}_children"] = children
            a[f"c{k}_split"] = split
            a[f"c{k}_leaf"] = np.asarray(c._leaf, dtype=np.int64)
            a[f"c{k}_depth"] = np.asarray(c._depth, dtype=np.int64)
            a[f"c{k}_geoms"], a[f"c{k}_geoms_offsets"] = _pack(node_geoms)
            a[f"c{k}_pieces"], a[f"c{k}_pieces_offsets"] = _pack(c.pieces)
            a[f"c{k}_checked"] = c.checked
            a[f"c{k}_unusable"] = c.unusable
    return a


def load(path, key_text: str, make_loader=None, on_demand: bool = False) -> PreparedLayer:
    """The PreparedLayer written to ``path`` (a path, a binary file object, or the file's bytes:
    read in place, without copies) for ``key_text``; raises :class:`CacheError`.

    ``make_loader(fids)`` returns the loader of the geometries not in the file (layers prepared
    lazily from a GeoPackage) or None; a lazy layer without a loader is refused. With
    ``on_demand``, a file holding every geometry and the boxes keeps the geometries as WKB and
    decodes them when a review first needs them (a published control set: most of a layer's
    polygons are far from the parcels).
    """
    try:
        with _open(path) as z:
            if int(z["format"][0]) != FORMAT:
                raise CacheError(f"format {int(z['format'][0])}, expected {FORMAT}")
            if str(z["key"][0]) != key_text:
                raise CacheError("written for another layer version")
            lazy = bool(z["lazy"][0])
            loader = make_loader(z["fids"]) if lazy and make_loader is not None else None
            if lazy and loader is None:
                raise CacheError("the layer can no longer be read lazily")
            if on_demand and not lazy and "boxes" in z.files:
                loader = _wkb_loader(z["geoms"], z["geoms_offsets"].copy())
                geoms = np.full(len(z["state"]), None, dtype=object)
            else:
                geoms = _unpack(z["geoms"], z["geoms_offsets"])
                loader = loader if lazy else None
            layer = PreparedLayer.__new__(PreparedLayer)
            layer._loader = loader
            layer.n = len(z["state"])
            layer.geoms = geoms
            layer.loaded = (
                z["loaded"].copy() if loader is None or lazy else np.zeros(len(geoms), bool)
            )
            layer.nverts = z["nverts"].copy()
            layer.state = z["state"].copy()
            layer.overlapping = z["overlapping"].copy()
            layer.boxes = z["boxes"].copy() if "boxes" in z.files else None
            layer.codes = z["codes"].astype(object).astype(str) if "codes" in z.files else None
            rect = z["rect"]
            layer.meta = {
                "fids": z["fids"].copy(),
                "rect_bounds": None if np.isnan(rect).any() else tuple(rect.tolist()),
            }
            if len(geoms) != layer.n or len(layer.loaded) != layer.n:
                raise CacheError("inconsistent arrays")
            layer._tree = None  # built on first use
            layer._grid = None
            layer._cells = {}
            for k, i in enumerate(z["cells_ids"].tolist()):
                c = _Cells.__new__(_Cells)
                c._rect = [tuple(r) for r in z[f"c{k}_rect"].tolist()]
                c._geom = list(_unpack(z[f"c{k}_geoms"], z[f"c{k}_geoms_offsets"]))
                if c._geom and c._geom[0] is not None:
                    _prime_envelopes(c._geom[0], c._rect[0])  # shared by worker threads
                split = z[f"c{k}_split"]
                c._children = [
                    [int(x) for x in row if x >= 0] if s else None
                    for row, s in zip(z[f"c{k}_children"].tolist(), split.tolist())
                ]
                c._leaf = z[f"c{k}_leaf"].tolist()
                c._depth = z[f"c{k}_depth"].tolist()
                c.pieces = _unpack(z[f"c{k}_pieces"], z[f"c{k}_pieces_offsets"])
                c.checked = z[f"c{k}_checked"].copy()
                c.unusable = z[f"c{k}_unusable"].copy()
                c._lock = threading.Lock()
                ready = c.checked & ~c.unusable
                if ready.any():
                    shapely.prepare(c.pieces[ready])
                layer._cells[int(i)] = c
            layer._lock = threading.RLock()
    except CacheError:
        raise
    except (OSError, ValueError, KeyError, IndexError, zipfile.BadZipFile) as exc:
        raise CacheError(str(exc) or type(exc).__name__) from exc
    except shapely.errors.GEOSException as exc:
        raise CacheError(str(exc)) from exc
    layer.meta["saved"] = signature(layer)
    if isinstance(path, (str, os.PathLike)):
        try:
            os.utime(path)  # last use, for :func:`prune`
        except OSError:
            pass
    return layer


def _open(source):
    """The arrays of a ``.npz`` file: ``np.load`` of a path or file object; of bytes, read-only
    views into them (np.load copies each array through the zip reader: seconds for the ~100 MB
    of a published farmland layer)."""
    if not isinstance(source, (bytes, bytearray, memoryview)):
        return np.load(source, allow_pickle=False)
    return _NpzBytes(source)


class _NpzBytes:
    """``z[name]`` and ``z.files`` of an uncompressed ``.npz`` held in memory, as views."""

    def __init__(self, data):
        self._data = data
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self._infos = {i.filename[:-4]: i for i in zf.infolist() if i.filename.endswith(".npy")}
        self.files = list(self._infos)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __getitem__(self, name: str) -> np.ndarray:
        info = self._infos[name]
        if info.compress_type != zipfile.ZIP_STORED:
            raise ValueError(f"{name}: compressed")
        data, h = self._data, info.header_offset
        if bytes(data[h : h + 4]) != b"PK\x03\x04":
            raise ValueError(f"{name}: no local header")
        start = h + 30 + int.from_bytes(data[h + 26 : h + 28], "little")
        start += int.from_bytes(data[h + 28 : h + 30], "little")
        head = io.BytesIO(bytes(data[start : start + 65536]))
        version = npformat.read_magic(head)
        if version == (1, 0):
            shape, fortran, dtype = npformat.read_array_header_1_0(head)
        elif version == (2, 0):
            shape, fortran, dtype = npformat.read_array_header_2_0(head)
        else:
            raise ValueError(f"{name}: .npy version {version}")
        if dtype.hasobject:
            raise ValueError(f"{name}: object array")
        count = int(np.prod(shape, dtype=np.int64))
        end = start + head.tell() + count * dtype.itemsize
        if end > start + info.file_size or end > len(data):
            raise ValueError(f"{name}: truncated")
        arr = np.frombuffer(data, dtype=dtype, count=count, offset=start + head.tell())
        return arr.reshape(shape, order="F" if fortran else "C")


def _wkb_loader(raw: np.ndarray, spans: np.ndarray):
    """A loader decoding the geometries at the given indices from a WKB buffer (uint8 array)
    with spans."""

    def loader(ids: np.ndarray) -> np.ndarray:
        out = np.full(len(ids), None, dtype=object)
        sel = spans[ids]
        live = np.nonzero(sel[:, 0] >= 0)[0]
        if len(live):
            wkb = np.empty(len(live), dtype=object)
            wkb[:] = [raw[a:b].tobytes() for a, b in sel[live].tolist()]
            out[live] = shapely.from_wkb(wkb)
        return out

    return loader
