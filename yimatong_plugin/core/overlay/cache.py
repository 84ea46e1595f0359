"""The session cache of prepared layers (:data:`CACHE`); :mod:`..overlay_cache` is the disk one."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from .prepared import PreparedLayer


class LayerCache:
    """Prepared layers kept for the session, keyed by (source, modification time, …)."""

    def __init__(self, max_layers: int = 8):
        self.max_layers = max_layers
        self._items: OrderedDict[Hashable, PreparedLayer] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> PreparedLayer | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item

    def put(self, key: Hashable, layer: PreparedLayer) -> None:
        with self._lock:
            self._items[key] = layer
            self._items.move_to_end(key)
            while len(self._items) > self.max_layers:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


CACHE = LayerCache()
