"""The 一张图 catalog stored in the library (schema v6): topics (专题) and their layers.

    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.core.library.catalog import Catalog
    cat = Catalog(open_library("library.gpkg", user="alice"))
    cat.add_topic("sanqu", "三区三线")
    cat.add_layer("sanqu", "生态保护红线", "ogr", "/data/sqsx.gpkg|layername=stbhhx", style_qml=qml)
    cat.retire_layer(key)            # never deleted: hidden from the lists, history kept
    data = cat.export_json()         # a dict; json.dumps it for another office
    cat.import_json(data)            # adds new keys, updates changed rows, all or nothing

No Qt: the dock and the layer loading live in ``ui/`` and ``gis/``. Every write goes through
the library's transaction and is audited by the library's triggers (``ymt_audit``, code NULL).
Credentials are stored only as a QGIS ``authcfg`` id: a URI with a password is refused.
"""

from __future__ import annotations

import re
import uuid
from typing import Optional

from ..i18n import tr
from .control_sets import LibraryPart
from .errors import LibraryError
from .schema_v6 import CATALOG_COLUMNS, SOURCE_TYPES

FORMAT = "yimatong-catalog"
FORMAT_VERSION = 1
TOPICS = "ymt_catalog_topics"
LAYERS = "ymt_catalog_layers"
_TRAIL = ("fid", "created_at", "updated_at", "updated_by", "rev")
TOPIC_FIELDS = tuple(c[0] for c in CATALOG_COLUMNS[TOPICS] if c[0] not in _TRAIL)
LAYER_FIELDS = tuple(c[0] for c in CATALOG_COLUMNS[LAYERS] if c[0] not in _TRAIL)
_PASSWORD = re.compile(r"(password|passwd|pwd)\s*=|://[^/@\s:]+:[^/@\s]+@", re.I)
_AUTHCFG = re.compile(r"^[A-Za-z0-9]{7}$")


def uri_has_password(uri: str) -> bool:
    return bool(_PASSWORD.search(uri or ""))


class Catalog(LibraryPart):
    """Topics and layers of the catalog of ``lib`` (an open :class:`Library`, schema ≥ 6)."""

    def __init__(self, lib):
        missing = tr("The library has no catalog (schema version {version} < 6)")
        super().__init__(lib, 6, missing, "retired")

    # --- reading -------------------------------------------------------------------------
    def topics(self, include_retired: bool = False) -> list[dict]:
        """Topics in display order (sort_order, then title)."""
        where = "" if include_retired else " WHERE retired = ?"
        params = () if include_retired else (False,)
        return self._rows(f"SELECT * FROM {TOPICS}{where} ORDER BY sort_order, title, fid", params)

    def topic(self, key: str) -> Optional[dict]:
        return self._row(f"SELECT * FROM {TOPICS} WHERE key = ?", (key,))

    def layers(self, topic_key: Optional[str] = None, include_retired: bool = False) -> list[dict]:
        """Layers in display order; without ``include_retired`` neither retired layers nor the
        layers of a retired topic."""
        sql = f"SELECT l.* FROM {LAYERS} l JOIN {TOPICS} t ON t.key = l.topic_key"
        conds, params = [], []
        if topic_key is not None:
            conds.append("l.topic_key = ?")
            params.append(topic_key)
        if not include_retired:
            conds += ["l.retired = ?", "t.retired = ?"]
            params += [False, False]
        if conds:
            sql += " WHERE " + " AND ".join(conds)
        sql += " ORDER BY t.sort_order, t.title, l.sort_order, l.title, l.fid"
        return self._rows(sql, params)

    def layer(self, key: str) -> Optional[dict]:
        return self._row(f"SELECT * FROM {LAYERS} WHERE key = ?", (key,))

    def history(self, key: str, table: str = LAYERS) -> list[dict]:
        """Audit entries of the topic or layer ``key`` (``table``), oldest first."""
        import json

        row = self.lib.query(f"SELECT fid FROM {table} WHERE key = ?", (key,))
        if not row:
            return []
        rows = self.lib.query(
            "SELECT * FROM ymt_audit WHERE table_name = ? AND row_fid = ? ORDER BY fid",
            (table, row[0]["fid"]),
        )
        for entry in rows:
            for k in ("before", "after"):
                if isinstance(entry[k], str):
                    entry[k] = json.loads(entry[k])
        return rows

    # --- validation ----------------------------------------------------------------------
    def _text(self, value, field: str, required: bool = False) -> Optional[str]:
        text = None if value is None else str(value).strip()
        if required and not text:
            raise LibraryError(tr("{field} is required").format(field=field), "bad_value", field)
        return text or None

    def _scale(self, value, field: str) -> Optional[float]:
        if value in (None, "", 0):
            return None
        try:
            scale = float(value)
        except (TypeError, ValueError):
            scale = -1.0
        if not scale > 0:
            raise LibraryError(
                tr("{field}: '{value}' is not a scale denominator").format(
                    field=field, value=value
                ),
                "bad_value",
                field,
            )
        return scale

    def _topic_values(self, values: dict) -> dict:
        out = {}
        for key, value in values.items():
            if key not in TOPIC_FIELDS:
                raise LibraryError(
                    tr("Topic: unknown field {field}").format(field=key), "bad_value", key
                )
            if key == "title":
                value = self._text(value, "title", required=True)
            else:
                value = self._common_value(key, value)
            out[key] = value
        return out

    def _common_value(self, key: str, value):
        """A value of a column topics and layers share (retired, sort_order, key, texts)."""
        if key == "retired":
            return bool(value)
        if key == "sort_order":
            return int(value or 0)
        if key != "key":
            return self._text(value, key)
        return value

    def _layer_values(self, values: dict, current: Optional[dict] = None) -> dict:
        out = {}
        for key, value in values.items():
            if key not in LAYER_FIELDS:
                raise LibraryError(
                    tr("Catalog layer: unknown field {field}").format(field=key), "bad_value", key
                )
            if key in ("title", "uri"):
                value = self._text(value, key, required=True)
            elif key == "source_type":
                if value not in SOURCE_TYPES:
                    raise LibraryError(
                        tr("Unknown source type '{value}'; one of: {choices}").format(
                            value=value, choices=", ".join(SOURCE_TYPES)
                        ),
                        "bad_value",
                        key,
                    )
            elif key == "authcfg":
                value = self._text(value, key)
                if value is not None and not _AUTHCFG.match(value):
                    raise LibraryError(
                        tr(
                            "authcfg: '{value}' is not a QGIS authentication configuration id"
                        ).format(value=value),
                        "bad_value",
                        key,
                    )
            elif key == "data_date":
                value = self.lib._date(value, key)
            elif key in ("min_scale", "max_scale"):
                value = self._scale(value, key)
            else:
                value = self._common_value(key, value)
            out[key] = value
        if "uri" in out and uri_has_password(out["uri"]):
            raise LibraryError(
                tr(
                    "The source holds a password: store the credentials in QGIS's "
                    "authentication database and give its authcfg id instead"
                ),
                "bad_value",
                "uri",
            )
        merged = dict(current or {}, **out)
        lo, hi = merged.get("min_scale"), merged.get("max_scale")
        if lo is not None and hi is not None and lo < hi:
            raise LibraryError(
                tr(
                    "Scale range: the minimum scale 1:{min:.0f} (most zoomed out) must be a "
                    "larger denominator than the maximum scale 1:{max:.0f}"
                ).format(min=lo, max=hi),
                "bad_value",
                "min_scale",
            )
        return out

    def _live_topic(self, key: str) -> dict:
        topic = self.topic(key)
        if topic is None:
            raise LibraryError(tr("No catalog topic {key}").format(key=key), "not_found", str(key))
        if topic["retired"]:
            raise LibraryError(
                tr("The catalog topic {title} is retired").format(title=topic["title"]),
                "archived",
                key,
            )
        return topic

    def _stamped(self, values: dict) -> dict:
        from .base import now_iso

        stamp = now_iso()
        return dict(values, created_at=stamp, updated_at=stamp, updated_by=self.lib.user)

    # --- writing -------------------------------------------------------------------------
    def add_topic(self, key: Optional[str], title: str, **attrs) -> str:
        """Add a topic; returns its key (generated when ``key`` is empty)."""
        key = self._text(key, "key") or "t" + uuid.uuid4().hex[:11]
        values = self._topic_values(dict(attrs, title=title))
        with self.lib.transaction():
            self._insert_new(
                TOPICS, key, values, self.topic, tr("The catalog already has a topic {key}")
            )
        return key

    def _insert_new(self, table: str, key: str, values: dict, find, duplicate: str) -> None:
        """Insert the row ``key`` of ``table``; LibraryError ``duplicate`` (``{key}`` in it) when
        ``find(key)`` already finds one."""
        if find(key) is not None:
            raise LibraryError(duplicate.format(key=key), "duplicate", key)
        self.lib._insert(table, self._stamped(dict(values, key=key)))

    def update_topic(self, key: str, **changes) -> None:
        values = self._topic_values(changes)
        with self.lib.transaction():
            if self.topic(key) is None:
                raise LibraryError(
                    tr("No catalog topic {key}").format(key=key), "not_found", str(key)
                )
            if values:
                self.lib._update(TOPICS, "key = ?", (key,), values)

    def retire_topic(self, key: str) -> None:
        """Hide a topic and its layers (their rows and history are kept)."""
        self._live_topic(key)
        self.update_topic(key, retired=True)

    def add_layer(
        self, topic_key: str, title: str, source_type: str, uri: str, key=None, **attrs
    ) -> str:
        """Add a layer to a live topic; returns its key (generated when ``key`` is empty)."""
        key = self._text(key, "key") or "l" + uuid.uuid4().hex[:11]
        values = self._layer_values(
            dict(attrs, title=title, source_type=source_type, uri=uri, topic_key=topic_key)
        )
        with self.lib.transaction():
            self._live_topic(topic_key)
            self._insert_new(
                LAYERS, key, values, self.layer, tr("The catalog already has a layer {key}")
            )
        return key

    def update_layer(self, key: str, **changes) -> None:
        with self.lib.transaction():
            current = self.layer(key)
            if current is None:
                raise LibraryError(
                    tr("No catalog layer {key}").format(key=key), "not_found", str(key)
                )
            values = self._layer_values(changes, current)
            if values.get("topic_key") not in (None, current["topic_key"]):
                self._live_topic(values["topic_key"])
            if values:
                self.lib._update(LAYERS, "key = ?", (key,), values)

    def retire_layer(self, key: str) -> None:
        """Hide a layer from the catalog; its row and its history are kept."""
        self.update_layer(key, retired=True)

    # --- JSON exchange -------------------------------------------------------------------
    def export_json(self, include_retired: bool = False) -> dict:
        """The catalog as a JSON-ready dict (topics with their layers)."""
        topics = []
        layers = self.layers(include_retired=True)
        for topic in self.topics(include_retired=include_retired):
            entry = {k: topic[k] for k in TOPIC_FIELDS}
            entry["layers"] = [
                {k: layer[k] for k in LAYER_FIELDS if k != "topic_key"}
                for layer in layers
                if layer["topic_key"] == topic["key"] and (include_retired or not layer["retired"])
            ]
            topics.append(entry)
        return {"format": FORMAT, "version": FORMAT_VERSION, "topics": topics}

    def import_json(self, data: dict) -> dict:
        """Merge an exported catalog: new keys are added, rows that differ are updated (an
        import never un-retires nor deletes anything it does not mention). All or nothing.
        Returns ``{"added": n, "updated": n, "unchanged": n}``."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise LibraryError(tr("Not a Yimatong catalog file"), "bad_value", "format")
        if int(data.get("version", 0)) > FORMAT_VERSION:
            raise LibraryError(
                tr("The catalog file is of a newer format ({version})").format(
                    version=data.get("version")
                ),
                "bad_value",
                "version",
            )
        counts = {"added": 0, "updated": 0, "unchanged": 0}

        def merge(kind, current, values, add, update):
            if current is None:
                add()
                counts["added"] += 1
                return
            changed = {k: v for k, v in values.items() if _differs(current.get(k), v)}
            if changed:
                update(changed)
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1

        with self.lib.transaction():
            for topic in data.get("topics", []):
                tvals = {k: topic[k] for k in TOPIC_FIELDS if k in topic and k != "key"}
                if not tvals.get("retired", True):
                    del tvals["retired"]  # an import never brings a retired row back
                tkey = topic.get("key")
                merge(
                    "topic",
                    self.topic(tkey) if tkey else None,
                    self._topic_values(tvals),
                    lambda tkey=tkey, tvals=tvals: self.add_topic(tkey, **tvals),
                    lambda changed, tkey=tkey: self.update_topic(tkey, **changed),
                )
                for layer in topic.get("layers", []):
                    lvals = {k: layer[k] for k in LAYER_FIELDS if k in layer and k != "key"}
                    lvals["topic_key"] = tkey
                    if not lvals.get("retired", True):
                        del lvals["retired"]
                    lkey = layer.get("key")
                    current = self.layer(lkey) if lkey else None

                    def add(lkey=lkey, lvals=lvals, tkey=tkey):
                        rest = {
                            k: v
                            for k, v in lvals.items()
                            if k not in ("topic_key", "title", "source_type", "uri")
                        }
                        self.add_layer(
                            tkey, lvals.get("title"), lvals.get("source_type"),
                            lvals.get("uri"), key=lkey, **rest,
                        )  # fmt: skip

                    merge(
                        "layer",
                        current,
                        self._layer_values(lvals, current),
                        add,
                        lambda changed, lkey=lkey: self.update_layer(lkey, **changed),
                    )
        return counts


def _differs(old, new) -> bool:
    if isinstance(old, float) or isinstance(new, float):
        return old is None or new is None or abs(float(old) - float(new)) > 1e-9
    return old != new
