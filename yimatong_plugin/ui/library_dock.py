"""The project-library panel (项目库): open a library, search and filter 100,000 projects,
see a project's fields, parcels, events, results and audit history, edit through the API.

The list is a :class:`~.project_model.ProjectTableModel` (pages fetched with SQL, count on a
worker thread); the search box and filters apply after a short debounce. Opening a library
runs as a QgsTask (a PostgreSQL server may be slow to answer); the GUI never waits on it.
"""

from __future__ import annotations

import os

from qgis.gui import QgsCollapsibleGroupBox, QgsDockWidget, QgsFilterLineEdit
from qgis.PyQt.QtCore import QObject, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import project_query as pq
from ..toolbelt.i18n import tr
from ..toolbelt.log import log
from ..toolbelt.resources import icon
from .background_calls import BackgroundCalls
from .library_details import ProjectDetailsMixin
from .library_open import LibraryOpenMixin
from .project_model import ProjectTableModel

DEBOUNCE_MS = 150


#: the width the panel opens with: the list's code, name and division columns readable
DOCK_WIDTH = 560


def place_dock(main_window, dock) -> None:
    """Show ``dock`` where it has room: in the right area, tabified with a panel already open
    there (never stacked under another panel with a row or two left), at a readable width."""
    if dock.isVisible():
        dock.raise_()
        return
    right = Qt.DockWidgetArea.RightDockWidgetArea
    if main_window.dockWidgetArea(dock) != right or dock.isFloating():
        dock.setFloating(False)
        main_window.addDockWidget(right, dock)
    others = [
        d
        for d in main_window.findChildren(QDockWidget)
        if d is not dock
        and d.isVisible()
        and not d.isFloating()
        and main_window.dockWidgetArea(d) == right
    ]
    if others:
        main_window.tabifyDockWidget(others[0], dock)
    dock.show()
    dock.raise_()
    width = max(DOCK_WIDTH, main_window.width() // 3)
    main_window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)


class _Relay(QObject):
    done = pyqtSignal(object, object)  # generation, result


class LibraryDock(LibraryOpenMixin, ProjectDetailsMixin, QgsDockWidget):
    """The dock. ``iface`` may be None in tests (no map actions then)."""

    libraryOpened = pyqtSignal(str)  # noqa: N815 (Qt signal naming)
    projectSelected = pyqtSignal(str)  # noqa: N815

    def __init__(self, iface=None, parent=None):
        super().__init__(tr("Project library"), parent)
        self.setObjectName("YimatongLibraryDock")
        self.iface = iface
        self.library = None
        self.uri = ""
        self.connection_name = ""
        self._task = None
        self._current_code: str | None = None
        self._names: dict = {}

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        # library row
        row = QHBoxLayout()
        self.library_label = QLabel(tr("No library open"))
        self.library_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QToolButton()
        self.open_button.setText(tr("Open"))
        self.open_button.setIcon(icon("library.svg"))
        self.open_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.open_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.open_menu = QMenu(self.open_button)
        self.open_menu.aboutToShow.connect(self._fill_open_menu)
        self.open_button.setMenu(self.open_menu)
        row.addWidget(self.library_label, 1)
        row.addWidget(self.open_button)
        layout.addLayout(row)

        # search + filters
        self.search = QgsFilterLineEdit()
        self.search.setShowSearchIcon(True)
        self.search.setPlaceholderText(
            tr("Code or its start, division (430702 or 武陵区), name or applicant")
        )
        layout.addWidget(self.search)
        self.filter_box = QgsCollapsibleGroupBox(tr("Filters"))
        self.filter_box.setSaveCollapsedState(False)
        grid = QGridLayout(self.filter_box)
        grid.setContentsMargins(4, 4, 4, 4)
        self.filters: dict[str, QComboBox] = {}
        labels = [
            ("source", tr("Source")),
            ("year", tr("Year")),
            ("admin", tr("Division")),
            ("supply_type", tr("Supply type")),
            ("land_use", tr("Land use")),
            ("stage", tr("Stage")),
            ("status", tr("Status")),
            ("anomaly", tr("Anomaly")),
        ]
        for i, (key, text) in enumerate(labels):
            combo = QComboBox()
            combo.setObjectName(f"filter_{key}")
            combo.addItem(tr("(all)"), None)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
            self.filters[key] = combo
            grid.addWidget(QLabel(text), i // 2, (i % 2) * 2)
            grid.addWidget(combo, i // 2, (i % 2) * 2 + 1)
            combo.currentIndexChanged.connect(self._schedule)
        layout.addWidget(self.filter_box)

        # list + details
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = ProjectTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        # the grouped code (43 430702 2024 03 01 12 0701 000001) whole
        metrics = self.table.fontMetrics()
        self.table.setColumnWidth(
            0, metrics.horizontalAdvance("43 430702 2024 03 01 12 0701 000001") + 24
        )
        self.table.setColumnWidth(1, 200)
        splitter.addWidget(self.table)
        self.details = self._build_details()
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])  # the list gets 60 % of the height
        layout.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        bottom.addWidget(self.count_label, 1)
        self.import_button = QPushButton(tr("Import…"))
        self.layers_button = QPushButton(tr("Add to map"))
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.layers_button)
        layout.addLayout(bottom)
        self.setWidget(body)

        self.anomalies: dict = {}
        #: library-service calls off the GUI thread (the details of the selected project)
        self.background = BackgroundCalls(self)
        self._relay = _Relay()
        self._relay.done.connect(self._anomalies_ready)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._schedule)
        self.model.countChanged.connect(self._show_count)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.import_button.clicked.connect(self.open_import)
        self.layers_button.clicked.connect(self.add_layers)
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.search, self.table, self.details, self.import_button, self.layers_button):
            w.setEnabled(on)
        for combo in self.filters.values():
            combo.setEnabled(on)

    def close_library(self) -> None:
        self._timer.stop()
        self.background.drop("details")
        self.model.clear()
        if self.library is not None:
            try:
                self.library.close()
            except Exception as exc:  # closing must never raise into the GUI
                log(str(exc), "warning")
        self.library = None
        self.anomalies = {}
        anomaly = self.filters["anomaly"]
        anomaly.blockSignals(True)
        while anomaly.count() > 1:
            anomaly.removeItem(1)
        anomaly.setCurrentIndex(0)
        anomaly.blockSignals(False)
        self._current_code = None
        self._clear_details()
        self.library_label.setText(tr("No library open"))
        self._set_enabled(False)

    def unload(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self.close_library()

    # -- filtering ------------------------------------------------------------------------
    def _schedule(self, *_):
        self._timer.start()

    def current_filter(self) -> pq.ProjectFilter:
        values = {k: c.currentData() for k, c in self.filters.items()}
        return pq.ProjectFilter(text=self.search.text().strip(), **values)

    def apply_filter(self) -> None:
        if self.library is None:
            return
        self._timer.stop()
        self.model.set_filter(self.current_filter())
        if self.model.rowCount() and self._current_code:
            row = self.model.row_of(self._current_code)
            if row >= 0:
                self.table.selectRow(row)

    def _show_count(self, n: int) -> None:
        if n == -1 and not self.model.rowCount() and hasattr(self.model, "set_library"):
            self.count_label.setText(tr("Asking the library service…"))
        elif n == -2 and hasattr(self.model, "count_floor"):  # the service counts up to a cap
            self.count_label.setText(tr("{n}+ projects").format(n=f"{self.model.count_floor:,}"))
        elif n == -1:
            self.count_label.setText(
                tr("{n}+ projects (counting…)").format(n=self.model.rowCount())
            )
        elif n == -2:
            self.count_label.setText(tr("{n}+ projects").format(n=self.model.rowCount()))
        elif n == 0 and self.search.text().strip():
            self.count_label.setText(
                tr(
                    "No project found. Search by name, applicant, division code or name "
                    "(430702, 武陵区) or the start of the code (43 430702 2024)."
                )
            )
        else:
            self.count_label.setText(tr("{n} projects").format(n=f"{n:,}"))

    # -- selection and details ------------------------------------------------------------
    def _row_changed(self, current, _previous) -> None:
        code = self.model.code_at(current.row()) if current.isValid() else None
        if code and code != self._current_code:
            self.show_project(code)

    def select_code(self, code: str) -> bool:
        """Show ``code`` (search for it when it is not in the list)."""
        row = self.model.row_of(code)
        if row < 0:
            self.search.setText(code)
            self.apply_filter()
            row = self.model.row_of(code)
            if row < 0 and hasattr(self.model, "set_library"):  # the service's page comes later
                self._select_when_listed = code
                return False
        if row >= 0:
            shown = self._current_code
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            if shown == code:  # already shown: reload, it may have changed since (attach, edit)
                self.show_project(code)
            return True
        return False

    def _listed(self, _ms: float) -> None:
        """A page of the service's list came: select the code asked for meanwhile."""
        code, self._select_when_listed = getattr(self, "_select_when_listed", None), None
        if code and self.model.row_of(code) >= 0:
            self.select_code(code)

    # -- other tools ----------------------------------------------------------------------
    def open_attach(self) -> None:
        from .parcel_attach_dialog import ParcelAttachDialog

        if self.library is None:
            return
        layer = self.iface.activeLayer() if self.iface is not None else None
        dlg = ParcelAttachDialog(self.library, self._current_code or "", self, layer=layer)
        if dlg.exec() and self._current_code:
            self.show_project(self._current_code)

    def open_import(self):
        """The import dialog (file, source, mapping, dry run, all-or-nothing import)."""
        from .import_dialog import ImportDialog

        if self.library is None:
            return None
        dlg = ImportDialog(self.uri, self.connection_name, self)
        dlg.finishedImport.connect(lambda _n: self.model.refresh())
        dlg.show()
        return dlg

    def _error(self, message: str) -> None:
        log(message, "warning", push=self.iface is not None)
        if self.iface is None and os.environ.get("YMT_DOCK_DIALOGS"):
            QMessageBox.warning(self, tr("Project library"), message)
