"""A table model over ``ymt_projects`` that fetches pages with SQL, never every row.

* :meth:`ProjectTableModel.set_filter` runs the first page (200 rows) on the GUI thread — a
  query of a few tens of milliseconds on 100,000 projects (see ``benchmarks/panel.py``) — and
  starts the count of all matches on a worker thread with its own read-only connection
  (GeoPackage), delivered by :attr:`countChanged`.
* ``canFetchMore``/``fetchMore`` load the next page when the view scrolls (keyset paging when
  sorted by code).
* Clicking a header sorts in SQL (:meth:`sort`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from urllib.request import pathname2url

from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, pyqtSignal

from ..core import project_query as pq
from ..core.i18n import tr_label
from ..core.presentation import format_code, source_label
from ..toolbelt.i18n import tr

PAGE = 200


def column_titles() -> list[str]:
    headers = dict(pq.COLUMNS)
    return [tr_label(headers, name, tr) for name in pq.COLUMN_NAMES]


class _Relay(QObject):
    counted = pyqtSignal(int, int)  # generation, count


class ProjectTableModel(QAbstractTableModel):
    countChanged = pyqtSignal(int)  # noqa: N815 (-1: counting)
    filterApplied = pyqtSignal(float)  # noqa: N815 (ms spent in the page query)

    CodeRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self._conn = None
        self._dialect = "sqlite"
        self._count_path: str | None = None
        self._rows: list[tuple] = []
        self._more = False
        self._filter = pq.ProjectFilter()
        self._order = "code"
        self._desc = False
        self._generation = 0
        self._total: int | None = None
        self._names: dict[str, dict[str, str]] = {}
        self._titles = column_titles()
        self._relay = _Relay()
        self._relay.counted.connect(self._on_counted)
        self.last_query_ms = 0.0

    # -- source ---------------------------------------------------------------------------
    def set_connection(self, connection, count_path: str | None = None, names=None) -> None:
        """Use a DB-API ``connection``; ``count_path``: a GeoPackage file the count thread may
        open read-only (None: count on the GUI thread). ``names``: code lists for display."""
        self._conn = connection
        self._dialect = pq.dialect_of(connection) if connection is not None else "sqlite"
        self._count_path = count_path
        self._names = names or {}
        self.refresh()

    def clear(self) -> None:
        self._conn = None
        self.beginResetModel()
        self._rows = []
        self._more = False
        self._total = 0
        self.endResetModel()
        self.countChanged.emit(0)

    @property
    def filter(self) -> pq.ProjectFilter:
        return self._filter

    @property
    def total(self) -> int | None:
        """The number of matches (None while the count runs)."""
        return self._total

    def set_filter(self, flt: pq.ProjectFilter) -> None:
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        """Re-run the query (first page + count)."""
        self._generation += 1
        if self._conn is None:
            self.clear()
            return
        t0 = time.perf_counter()
        rows = self._page(0, None)
        self.beginResetModel()
        self._rows = rows
        self._more = len(rows) == PAGE
        self.endResetModel()
        self.last_query_ms = (time.perf_counter() - t0) * 1000.0
        self.filterApplied.emit(self.last_query_ms)
        if not self._more:
            self._total = len(rows)
            self.countChanged.emit(self._total)
        else:
            self._total = None
            self.countChanged.emit(-1)
            self._start_count()

    def _page(self, offset: int, after_code: str | None) -> list[tuple]:
        return pq.fetch_page(
            self._conn,
            self._filter,
            self._order,
            self._desc,
            offset=offset,
            limit=PAGE,
            dialect=self._dialect,
            after_code=after_code,
        )

    def set_anomalies(self, anomalies: dict) -> None:
        """Anomaly findings ``{rule: {codes}}`` the ``anomaly`` filter uses (a temporary table
        of this connection; nothing is written to the library)."""
        if self._conn is None:
            return
        pq.load_anomalies(self._conn, anomalies, self._dialect)
        if self._filter.anomaly:
            self.refresh()

    def _start_count(self) -> None:
        generation, flt = self._generation, self._filter
        if self._count_path is None or flt.anomaly:  # the worker has no anomaly table
            self._on_counted(generation, pq.count(self._conn, flt, self._dialect))
            return

        def work(path=self._count_path):
            try:
                uri = "file:" + pathname2url(os.path.abspath(path)) + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, timeout=30)
                try:
                    n = pq.count(conn, flt, "sqlite")
                finally:
                    conn.close()
            except sqlite3.Error:
                n = -2
            self._relay.counted.emit(generation, n)

        threading.Thread(target=work, name="ymt-count", daemon=True).start()

    def _on_counted(self, generation: int, n: int) -> None:
        if generation != self._generation:
            return  # a newer filter is running
        self._total = n if n >= 0 else None
        self.countChanged.emit(n)

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(pq.COLUMN_NAMES)

    def canFetchMore(self, parent=QModelIndex()):
        return not parent.isValid() and self._more and self._conn is not None

    def fetchMore(self, parent=QModelIndex()):
        if not self.canFetchMore(parent):
            return
        after = self._rows[-1][0] if self._order == "code" and self._rows else None
        rows = self._page(len(self._rows), after)
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._more = len(rows) == PAGE

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = pq.COLUMN_NAMES[index.column()]
        value = row[index.column()]
        if role == self.CodeRole:
            return row[0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(column, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in ("admin", "supply_type", "land_use", "source"):
                return self._display(column, value)
            return None if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "declared_area_m2":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, column: str, value):
        if value is None:
            return ""
        if column == "source":
            return source_label(value)
        if column in ("admin", "supply_type", "land_use"):
            name = self._names.get(column, {}).get(str(value))
            return f"{value} {name}" if name else str(value)
        if column == "declared_area_m2":
            return f"{float(value):,.0f}"
        if column == "updated_at":
            return str(value)[:10]
        if column == "code":
            return format_code(value)
        return str(value)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder):
        if not 0 <= column < len(pq.COLUMN_NAMES):
            return
        self._order = pq.COLUMN_NAMES[column]
        self._desc = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def code_at(self, row: int) -> str | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, code: str) -> int:
        for i, row in enumerate(self._rows):
            if row[0] == code:
                return i
        return -1
