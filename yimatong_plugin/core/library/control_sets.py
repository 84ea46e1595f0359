"""Control sets stored in the library (schema v7): versioned control lines and their preparation.

    from yimatong_plugin.core.library.control_sets import ControlSets, pack_features
    sets = ControlSets(lib)
    data = pack_features(fids, wkbs)              # the features of one layer, in the set's CRS
    row = sets.publish("三区三线", 4546, [dict(name="生态保护红线", rule="avoid",
                       doc_no="湘政函〔2023〕12号", effective_date="2023-10-12", data=data)])
    sets.current()                                 # the current set with its layers
    sets.get("三区三线", 1)                          # an older version stays readable

A layer's features are stored once as a ``ymt_blobs`` file; ``data_sha256`` is the content hash
of the features themselves (fids and WKB, in fid order), so two publications of the same data
share one data version and one preparation, and a changed feature is another data version whose
preparation (:meth:`ControlSets.prepared_bytes`) is not found: never a stale one.
No Qt: the preparation is made by :mod:`..overlay` and the QGIS glue in ``processing/``.
"""

from __future__ import annotations

import hashlib
import io
import re
from typing import Optional

import numpy as np

from ..i18n import tr
from .base import now_iso
from .blobs import has_blob, store_blob
from .errors import LibraryError

SETS = "ymt_control_sets"
LAYERS = "ymt_control_set_layers"
PREPARED = "ymt_control_prepared"
RULES = ("avoid", "inside")
_SPEC = re.compile(r"^(?P<name>.+?)(?:@(?P<version>\d+))?$")


# --- features ----------------------------------------------------------------------------
def content_hash(fids, wkbs) -> str:
    """SHA-256 of the features (fid order): the exact data version of a control layer."""
    order = np.argsort(np.asarray(fids, dtype=np.int64), kind="stable")
    digest = hashlib.sha256(b"yimatong-control-features-1\n")
    fids = np.asarray(fids, dtype=np.int64)
    for i in order.tolist():
        wkb = wkbs[i] or b""
        digest.update(int(fids[i]).to_bytes(8, "little", signed=True))
        digest.update(len(wkb).to_bytes(8, "little"))
        digest.update(wkb)
    return digest.hexdigest()


def pack_features(fids, wkbs) -> bytes:
    """The features of one layer as bytes to store (npz: fids, WKB buffer, offsets)."""
    lengths = np.array([len(w or b"") for w in wkbs], dtype=np.int64)
    ends = np.cumsum(lengths)
    buf = np.frombuffer(b"".join(w or b"" for w in wkbs), dtype=np.uint8)
    out = io.BytesIO()
    np.savez(out, fids=np.asarray(fids, dtype=np.int64), wkb=buf, ends=ends)
    return out.getvalue()


def unpack_features(data: bytes) -> tuple[np.ndarray, list]:
    """(fids, WKB list; None for a feature without geometry) of :func:`pack_features` bytes."""
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        fids, raw, ends = z["fids"].copy(), z["wkb"].tobytes(), z["ends"].tolist()
    starts = [0] + ends[:-1]
    return fids, [raw[a:b] or None for a, b in zip(starts, ends)]


def require_schema(lib, version: int, message: str) -> None:
    """LibraryError ``schema_too_old`` with ``message`` (formatted with ``{version}``) unless
    ``lib``'s schema is at least ``version`` (a remote library has none: None)."""
    found = lib.schema_version
    if not isinstance(found, int) or found < version:
        raise LibraryError(message.format(version=found), "schema_too_old")


def clean_row(row: dict, flag: str) -> dict:
    """``row`` with dates as ISO text and its boolean column ``flag`` (if any) as a bool."""
    for key, value in list(row.items()):
        if hasattr(value, "isoformat"):
            row[key] = value.isoformat()
    if flag in row:
        row[flag] = bool(row[flag])
    return row


def parse_spec(spec: str) -> tuple[str, Optional[int]]:
    """``"三区三线"`` -> (name, None: its latest version); ``"三区三线@2"`` -> (name, 2)."""
    m = _SPEC.match((spec or "").strip())
    if not m:
        raise LibraryError(tr("No control set named '{name}'").format(name=spec), "not_found")
    version = m.group("version")
    return m.group("name").strip(), int(version) if version else None


class LibraryPart:
    """A part of ``lib`` (an open :class:`Library`) that needs schema ``version`` or later
    (``missing``: the message otherwise, see :func:`require_schema`); it reads rows whose
    boolean column ``flag`` it gives as a bool (:func:`clean_row`)."""

    def __init__(self, lib, version: int, missing: str, flag: str):
        require_schema(lib, version, missing)
        self.lib = lib
        self._flag = flag

    def _rows(self, sql: str, params=()) -> list[dict]:
        return [clean_row(r, self._flag) for r in self.lib.query(sql, params)]

    def _row(self, sql: str, params=()) -> Optional[dict]:
        """The first row of ``sql``, or None."""
        rows = self._rows(sql, params)
        return rows[0] if rows else None


class ControlSets(LibraryPart):
    """The control sets of ``lib`` (an open :class:`Library`, schema ≥ 7)."""

    def __init__(self, lib):
        missing = tr("The library has no control sets (schema version {version} < 7)")
        super().__init__(lib, 7, missing, "is_current")

    # --- reading -------------------------------------------------------------------------
    def sets(self, name: Optional[str] = None) -> list[dict]:
        """Every set (every version), newest first; of one name when given."""
        sql, params = f"SELECT * FROM {SETS}", ()
        if name is not None:
            sql, params = sql + " WHERE name = ?", (name,)
        return self._rows(sql + " ORDER BY name, version DESC", params)

    def layers(self, set_key: str) -> list[dict]:
        return self._rows(f"SELECT * FROM {LAYERS} WHERE set_key = ? ORDER BY position", (set_key,))

    def _with_layers(self, row: Optional[dict]) -> Optional[dict]:
        if row is None:
            return None
        row["layers"] = self.layers(row["key"])
        return row

    def current(self) -> Optional[dict]:
        """The library's current set with its layers, or None."""
        return self._with_layers(self._row(f"SELECT * FROM {SETS} WHERE is_current = ?", (True,)))

    def get(self, name: str, version: Optional[int] = None) -> dict:
        """Set ``name`` (version ``version``; without it the current version of that name, else
        its latest) with its layers; kind ``not_found`` when there is none."""
        rows = self._rows(
            f"SELECT * FROM {SETS} WHERE name = ? ORDER BY is_current DESC, version DESC",
            (name,),
        )
        if version is not None:
            rows = [r for r in rows if int(r["version"]) == int(version)]
        if not rows:
            shown = name if version is None else f"{name}@{version}"
            raise LibraryError(
                tr("No control set named '{name}' in the library").format(name=shown),
                "not_found",
                "CONTROL_SET",
            )
        return self._with_layers(rows[0])

    def resolve(self, spec: str = "") -> dict:
        """The set ``spec`` names (``name`` or ``name@version``); empty: the current set."""
        if not (spec or "").strip():
            row = self.current()
            if row is None:
                raise LibraryError(
                    tr("The library has no current control set: publish one first"),
                    "not_found",
                    "CONTROL_SET",
                )
            return row
        return self.get(*parse_spec(spec))

    def history(self, set_key: str) -> list[dict]:
        """Audit entries of the set ``set_key`` (its row), oldest first."""
        rows = self.lib.query(f"SELECT fid FROM {SETS} WHERE key = ?", (set_key,))
        if not rows:
            return []
        return self.lib.query(
            "SELECT * FROM ymt_audit WHERE table_name = ? AND row_fid = ? ORDER BY fid",
            (SETS, rows[0]["fid"]),
        )

    # --- data and preparation --------------------------------------------------------------
    def _blob_bytes(self, sha: str) -> bytes:
        """The bytes of stored file ``sha``, checked against their SHA-256 (kind ``integrity``)."""
        blob = self.lib._one("SELECT chunk_count FROM ymt_blobs WHERE sha256 = ?", (sha,))
        if blob is None:
            raise LibraryError(tr("Stored file {sha} is missing").format(sha=sha), "integrity")
        rows = self.lib.query(
            "SELECT seq, data FROM ymt_blob_chunks WHERE sha256 = ? ORDER BY seq", (sha,)
        )
        if [int(r["seq"]) for r in rows] != list(range(int(blob["chunk_count"]))):
            raise LibraryError(tr("Stored file {sha} is incomplete").format(sha=sha), "integrity")
        digest = hashlib.sha256()
        parts = []
        for row in rows:
            part = bytes(row["data"])
            digest.update(part)
            parts.append(part)
        if digest.hexdigest() != sha:
            raise LibraryError(
                tr("Stored file {sha} does not match its SHA-256").format(sha=sha), "integrity"
            )
        return b"".join(parts)

    def features(self, layer: dict) -> tuple[np.ndarray, list]:
        """(fids, WKB list) of a set layer, checked against its data version."""
        fids, wkbs = unpack_features(self._blob_bytes(layer["data_blob"]))
        if content_hash(fids, wkbs) != layer["data_sha256"]:
            raise LibraryError(
                tr(
                    "Control layer '{name}': the stored features do not match their data version"
                ).format(name=layer["name"]),
                "integrity",
            )
        return fids, wkbs

    @staticmethod
    def prepared_key(data_sha256: str, epsg: int, fmt: int) -> str:
        return f"{data_sha256}:{int(epsg)}:{int(fmt)}"

    def prepared_bytes(self, data_sha256: str, epsg: int, fmt: int) -> Optional[bytes]:
        """The stored preparation of this data version (CRS, format), or None."""
        rows = self.lib.query(
            f"SELECT blob FROM {PREPARED} WHERE key = ?",
            (self.prepared_key(data_sha256, epsg, fmt),),
        )
        return self._blob_bytes(rows[0]["blob"]) if rows else None

    def store_prepared(
        self, data_sha256: str, epsg: int, fmt: int, data: bytes, seconds: float = 0.0
    ) -> bool:
        """Store the preparation of a data version once; False when it was already there."""
        key = self.prepared_key(data_sha256, epsg, fmt)
        with self.lib.transaction():
            if self.lib.query(f"SELECT 1 AS x FROM {PREPARED} WHERE key = ?", (key,)):
                return False
            sha, _size = store_blob(self.lib, io.BytesIO(data))
            self.lib._insert(
                PREPARED,
                {
                    "key": key,
                    "data_sha256": data_sha256,
                    "area_epsg": int(epsg),
                    "format": int(fmt),
                    "blob": sha,
                    "seconds": float(seconds),
                    "created_at": now_iso(),
                    "updated_by": self.lib.user,
                },
            )
        return True

    # --- writing ---------------------------------------------------------------------------
    def publish(
        self,
        name: str,
        area_epsg: int,
        layers: list[dict],
        set_date: Optional[str] = None,
        description: Optional[str] = None,
        make_current: bool = True,
    ) -> dict:
        """A new version of set ``name`` with ``layers`` (dicts: name, rule, doc_no,
        effective_date, data = :func:`pack_features` bytes, data_sha256, feature_count,
        source); made current unless ``make_current`` is False. Returns the set with layers."""
        name = (name or "").strip()
        if not name or "@" in name:
            raise LibraryError(tr("A control set needs a name without '@'"), "bad_value", "NAME")
        if not layers:
            raise LibraryError(tr("A control set needs at least one layer"), "bad_value", "LAYERS")
        seen = set()
        for layer in layers:
            if layer.get("rule") not in RULES:
                raise LibraryError(
                    tr("Control layer '{name}': rule must be avoid or inside").format(
                        name=layer.get("name")
                    ),
                    "bad_value",
                    "rule",
                )
            if layer["name"] in seen:
                raise LibraryError(
                    tr("Control layer name '{name}' appears twice").format(name=layer["name"]),
                    "bad_value",
                    "name",
                )
            seen.add(layer["name"])
        set_date = self.lib._date(set_date, "set_date") if set_date else None
        stamp = now_iso()
        with self.lib.transaction():
            rows = self.lib.query(f"SELECT max(version) AS v FROM {SETS} WHERE name = ?", (name,))
            version = int(rows[0]["v"] or 0) + 1
            key = f"{name}@{version}"
            if make_current:
                self.lib._update(
                    SETS,
                    "is_current = ?",
                    (True,),
                    {"is_current": False, "updated_by": self.lib.user},
                )
            self.lib._insert(
                SETS,
                {
                    "key": key,
                    "name": name,
                    "version": version,
                    "set_date": set_date,
                    "description": description,
                    "area_epsg": int(area_epsg),
                    "is_current": bool(make_current),
                    "created_at": stamp,
                    "updated_by": self.lib.user,
                },
            )
            for pos, layer in enumerate(layers):
                blob, _size = store_blob(self.lib, io.BytesIO(layer["data"]))
                self.lib._insert(
                    LAYERS,
                    {
                        "set_key": key,
                        "position": pos,
                        "name": layer["name"],
                        "rule": layer["rule"],
                        "doc_no": layer.get("doc_no") or None,
                        "effective_date": self.lib._date(
                            layer.get("effective_date"), "effective_date"
                        )
                        if layer.get("effective_date")
                        else None,
                        "feature_count": int(layer["feature_count"]),
                        "data_sha256": layer["data_sha256"],
                        "data_blob": blob,
                        "source": layer.get("source"),
                        "created_at": stamp,
                        "updated_by": self.lib.user,
                    },
                )
        return self.get(name, version)

    def make_current(self, name: str, version: int) -> None:
        """Make set ``name@version`` the library's current set."""
        target = self.get(name, version)
        with self.lib.transaction():
            self.lib._update(
                SETS, "is_current = ?", (True,), {"is_current": False, "updated_by": self.lib.user}
            )
            self.lib._update(
                SETS, "key = ?", (target["key"],), {"is_current": True, "updated_by": self.lib.user}
            )


def has_data(lib, sha: str) -> bool:
    return has_blob(lib, sha)
