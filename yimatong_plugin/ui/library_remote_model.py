"""The panel's project list over the exchange service: pages of ``GET /api/v1/projects``.

The same table as :class:`~.project_model.ProjectTableModel` (columns, display), but rows come
page by page (``page``, ``page_size`` = 200) from the service, off the GUI thread
(:class:`~.background_calls.BackgroundCalls`): the first page when the search or a filter
changes, the next one when the view scrolls to the end. The search text and the filters the
service offers (``q``, ``admin``, ``year``, ``source``, ``stage``, ``supply_type``,
``land_use``) are passed to it; the list is in code order (the service's order). The total
is the service's: counted up to its cap (``total_exact`` false: "more than n").
"""

from __future__ import annotations

import time

from qgis.PyQt.QtCore import QModelIndex, Qt, pyqtSignal

from ..core import project_query as pq
from .background_calls import BackgroundCalls
from .project_model import PAGE, ProjectTableModel

#: filters the service's project list takes (the panel's status and anomaly filters it does not)
REMOTE_FILTERS = ("admin", "year", "source", "stage", "supply_type", "land_use")


class RemoteProjectModel(ProjectTableModel):
    #: the service did not answer (the message says why); the list stays as it was
    failed = pyqtSignal(str)
    #: a page is on its way (True) or arrived (False)
    loading = pyqtSignal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lib = None
        self._page_no = 0
        self._started = 0.0
        self.calls = BackgroundCalls(self)
        #: the service's count of matches, and whether it is exact (it counts up to a cap)
        self.count_floor = 0

    def set_library(self, library, names=None) -> None:
        """List the projects of ``library`` (a RemoteLibrary); ``names``: code lists."""
        self._lib = library
        self._names = names or {}
        self.refresh()

    def clear(self) -> None:
        self._lib = None
        self.calls.drop("page")
        self.calls.drop("more")
        super().clear()

    def params(self) -> dict:
        """The query the service is asked: ``q`` and the filters it offers."""
        flt = self._filter
        out = {k: getattr(flt, k) for k in REMOTE_FILTERS if getattr(flt, k) not in (None, "")}
        if (flt.text or "").strip():
            out["q"] = flt.text.strip()
        return out

    def busy(self) -> bool:
        return self.calls.busy("page") or self.calls.busy("more")

    def refresh(self) -> None:
        self._generation += 1
        if self._lib is None:
            super().clear()
            return
        params = self.params()
        self.calls.drop("more")
        self.beginResetModel()
        self._rows, self._more, self._page_no, self._total = [], False, 0, None
        self.endResetModel()
        self._started = time.perf_counter()
        self.countChanged.emit(-1)
        self.loading.emit(True)
        self.calls.start(
            "page",
            self._lib,
            lambda client: client.page(1, PAGE, **params),
            self._first_page,
        )

    def _first_page(self, data, error) -> None:
        self.loading.emit(False)
        if error is not None:
            self._total = 0
            self.countChanged.emit(0)
            self.failed.emit(str(error))
            return
        rows = [_row(item) for item in data["items"]]
        self.beginResetModel()
        self._rows, self._page_no = rows, 1
        self._more = len(rows) == PAGE
        self.endResetModel()
        self.last_query_ms = (time.perf_counter() - self._started) * 1000.0
        self.filterApplied.emit(self.last_query_ms)
        total, exact = int(data.get("total") or 0), bool(data.get("total_exact", True))
        self.count_floor = max(total, len(rows))
        self._total = total if exact else None
        self.countChanged.emit(total if exact else -2)

    def canFetchMore(self, parent=QModelIndex()):
        return not parent.isValid() and self._more and self._lib is not None

    def fetchMore(self, parent=QModelIndex()):
        if not self.canFetchMore(parent) or self.busy():
            return
        params, page = self.params(), self._page_no + 1
        self.loading.emit(True)
        self.calls.start(
            "more",
            self._lib,
            lambda client: client.page(page, PAGE, **params),
            self._next_page,
        )

    def _next_page(self, data, error) -> None:
        self.loading.emit(False)
        if error is not None:
            self._more = False  # scrolling on would ask again and again: say it once
            self.failed.emit(str(error))
            return
        rows = [_row(item) for item in data["items"]]
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._page_no += 1
        self._more = len(rows) == PAGE
        self.count_floor = max(self.count_floor, len(self._rows))

    def set_anomalies(self, anomalies: dict) -> None:  # the service has no anomaly filter
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder):  # code order only
        return None


def _row(item: dict) -> tuple:
    return tuple(item.get(c) for c in pq.COLUMN_NAMES)
