"""The 统计 dock: the library's statistics (core/statistics) as tables and matplotlib charts.

Filters (division, year, source — as in the library panel) and an AS_OF date; 刷新 computes
every table in a QgsTask on its own library connection (the GUI never waits on the database).
A table is chosen from a list; its chart is drawn by matplotlib through its Qt backend
(``FigureCanvasQTAgg``). A click on a bar of the 闲置土地 / 供而未用 chart lists those projects;
a click on a project of that list opens it in the library panel and zooms the map to it.
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QDate, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.library.constants import SOURCES
from ..toolbelt.i18n import tr
from .background_calls import run_task
from .statistics_towns import TOWN_TABLE, TownPicker, needs_layer_text

LISTING = "anomaly_projects"
IDLE_CHART = "idle_by_stage"


class StatisticsDock(QgsDockWidget):
    #: emitted when a refresh has put new tables on show
    refreshed = pyqtSignal()

    def __init__(self, iface=None, parent=None, source: Callable | None = None, panel=None):
        super().__init__(tr("Statistics"), parent)
        self.setObjectName("YimatongStatisticsDock")
        self.iface = iface
        #: () -> (uri, saved connection name) of the library to count
        self.source = source
        #: () -> the library panel (LibraryDock) or None
        self.panel = panel
        self.stats = None
        self._task = None
        self._town_note = ""
        self._listing_rule: tuple[str, str] | None = None

        body = QWidget(self)
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        self.admin_combo = QComboBox(body)
        self.year_combo = QComboBox(body)
        self.source_combo = QComboBox(body)
        self.source_combo.addItem(tr("All sources"), None)
        for key, label in SOURCES.items():
            self.source_combo.addItem(label, key)
        for combo in (self.admin_combo, self.year_combo):
            combo.addItem(tr("all"), None)
        self.as_of_edit = QDateEdit(QDate.currentDate(), body)
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.refresh_button = QPushButton(tr("Refresh"), body)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.panel_button = QPushButton(tr("As in the library panel"), body)
        self.panel_button.setToolTip(
            tr("Take the division, year and source filters of the library panel and refresh.")
        )
        self.panel_button.clicked.connect(lambda: self.take_panel_filter())
        self.export_button = QPushButton(tr("Export…"), body)
        self.export_button.clicked.connect(self.export_dialog)
        for label, widget in (
            (tr("Division"), self.admin_combo),
            (tr("Year"), self.year_combo),
            (tr("Source"), self.source_combo),
            (tr("As of"), self.as_of_edit),
        ):
            row.addWidget(QLabel(label, body))
            row.addWidget(widget)
        row.addWidget(self.refresh_button)
        row.addWidget(self.panel_button)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.towns = TownPicker(body)
        layout.addWidget(self.towns)
        self.table_combo = QComboBox(body)
        self.table_combo.currentIndexChanged.connect(lambda _i: self.show_table())
        layout.addWidget(self.table_combo)
        self.status = QLabel(tr("Press Refresh to count the library."), body)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.figure = Figure(figsize=(6, 3.2), dpi=96)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(splitter)
        self.canvas.mpl_connect("button_press_event", self._chart_clicked)
        self.table = QTableWidget(splitter)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellClicked.connect(self._cell_clicked)
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.table)
        layout.addWidget(splitter, 1)
        self.setWidget(body)

    # -- filters -------------------------------------------------------------------------
    def current_filter(self):
        from ..core.statistics import StatsFilter

        return StatsFilter(
            admin=self.admin_combo.currentData(),
            year=self.year_combo.currentData(),
            source=self.source_combo.currentData(),
        )

    def as_of(self) -> _dt.date:
        d = self.as_of_edit.date()
        return _dt.date(d.year(), d.month(), d.day())

    def _fill_combo(self, combo, values, names=None) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("all"), None)
        for value in values:
            label = f"{value} {names.get(value, '')}".strip() if names else value
            combo.addItem(label, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def take_panel_filter(self, background: bool = True) -> bool:
        """Use the library panel's division, year and source filters, and refresh."""
        panel = self.panel() if self.panel else None
        if panel is None:
            return False
        flt = panel.current_filter()
        for combo, value in (
            (self.admin_combo, flt.admin),
            (self.year_combo, flt.year),
            (self.source_combo, flt.source),
        ):
            index = combo.findData(value or None)
            if index < 0:
                combo.addItem(str(value), value)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
        self.refresh(background)
        return True

    # -- refresh -------------------------------------------------------------------------
    def _open(self):
        from ..gis.library_connect import open_configured_library

        uri, connection = self.source() if self.source else ("", "")
        if not uri and not connection:
            raise ValueError(tr("No project library is configured."))
        return open_configured_library(uri, connection)

    def refresh(self, background: bool = True) -> None:
        """Count the library with the current filters, in a QgsTask (``background``)."""
        from ..core import project_query as pq
        from ..core.statistics import compute

        if self._task is not None:
            return
        flt, as_of = self.current_filter(), self.as_of()
        result: dict = {}
        try:
            towns = self.towns.read()
        except ValueError as exc:  # an unusable town layer: said where the table would be
            towns, result["town_error"] = None, str(exc)

        def work(task=None):
            lib = self._open()
            try:
                canceled = task.isCanceled if task is not None else None
                result["stats"] = compute(lib, as_of, flt, canceled=canceled)
                if towns is not None and result["stats"] is not None:
                    self._count_towns(result, lib, towns, canceled)
                conn = lib.connection
                result["values"] = {c: pq.distinct_values(conn, c) for c in ("admin", "year")}
            finally:
                lib.close()
            return True

        def finished(exception, _value=None):
            self._task = None
            self.refresh_button.setEnabled(True)
            if exception is not None or result.get("stats") is None:
                self.status.setText(
                    tr("Cannot count the project library: {error}").format(
                        error=exception or tr("cancelled")
                    )
                )
                return
            self._town_note = result.get("town_error") or " ".join(result.get("town_warnings", []))
            self._show(result["stats"], result["values"])

        self.refresh_button.setEnabled(False)
        self.status.setText(tr("Counting…"))
        run_task(self, tr("Counting the project library"), work, finished, background)

    @staticmethod
    def _count_towns(result: dict, lib, towns, canceled) -> None:
        """The breakdown by town into ``result["stats"]``; a town layer refused on the way
        (overlapping towns, outside the GK zones) is kept as ``town_error``."""
        from ..core.statistics.towns import add_town_breakdown

        try:
            figures = add_town_breakdown(result["stats"], lib, towns, canceled)
        except ValueError as exc:
            result["town_error"] = str(exc)
            return
        if figures is None:
            result["stats"] = None  # canceled
        else:
            result["town_warnings"] = figures.warnings

    def _show(self, stats, values) -> None:
        from ..core.dictionaries import default_dictionaries

        self.stats = stats
        self._fill_combo(self.admin_combo, values["admin"], default_dictionaries()["admin"])
        self._fill_combo(self.year_combo, values["year"])
        key = self.table_combo.currentData()
        self.table_combo.blockSignals(True)
        self.table_combo.clear()
        for table in stats.tables:
            self.table_combo.addItem(table.title, table.key)
        if self.table_combo.findData(TOWN_TABLE) < 0:  # no town layer: the entry says so
            at = self.table_combo.findData("by_admin") + 1
            self.table_combo.insertItem(at, tr("Projects and area by town"), TOWN_TABLE)
        self.table_combo.setCurrentIndex(max(0, self.table_combo.findData(key)))
        self.table_combo.blockSignals(False)
        projects = sum(stats.table("by_admin").column("projects"))
        self.status.setText(
            " ".join(
                [tr("As of {date}: {n} projects.").format(date=stats.as_of.isoformat(), n=projects)]
                + ([self._town_note] if self._town_note else [])
            )
        )
        self._listing_rule = None
        self.show_table()
        self.refreshed.emit()

    # -- showing -------------------------------------------------------------------------
    def show_table(self, key: str | None = None) -> None:
        """Show the table ``key`` (default: the one chosen in the list) and its chart."""
        from ..core.statistics import charts
        from ..core.statistics.tables import display_text

        if self.stats is None:
            return
        if key is not None:
            self.table_combo.setCurrentIndex(self.table_combo.findData(key))
            return  # the index change shows it
        key = self.table_combo.currentData()
        if key == TOWN_TABLE and key not in {t.key for t in self.stats.tables}:
            self._show_message(self._town_note or needs_layer_text())
            return
        table = self.stats.table(key)
        rows = table.rows
        if key == LISTING and self._listing_rule is not None:
            rule, stage = self._listing_rule
            rows = [r for r in rows if r[1] == rule and r[2] == stage]
        self.table.clear()
        self.table.setColumnCount(len(table.columns))
        self.table.setHorizontalHeaderLabels([c.header for c in table.columns])
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, (value, column) in enumerate(zip(row, table.columns)):
                item = QTableWidgetItem(display_text(value, column))
                if column.kind != "text":
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.setToolTip(table.note)  # how the figures are counted
        chart_key = IDLE_CHART if key == LISTING else key
        if chart_key in charts.CHARTS and self.stats.table(chart_key).rows:
            charts.draw(self.figure, self.stats.table(chart_key))
        else:
            self.figure.clear()
        self.canvas.draw()

    def _show_message(self, text: str) -> None:
        """A message where the table and the chart would be (never an empty table)."""
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.figure.clear()
        self.figure.text(0.5, 0.5, text, ha="center", va="center", wrap=True)
        self.canvas.draw()
        self.status.setText(text)

    def shown_codes(self) -> list[str]:
        """The project codes in the table shown (the 闲置土地 / 供而未用 list)."""
        if self.table_combo.currentData() != LISTING:
            return []
        return [self.table.item(i, 0).text() for i in range(self.table.rowCount())]

    def _chart_clicked(self, event) -> None:
        if self.stats is None or self.table_combo.currentData() not in (IDLE_CHART, LISTING):
            return
        for ax in self.figure.axes:
            for i, bar in enumerate(ax.patches):
                if bar.contains(event)[0]:
                    self.list_anomalies(i)
                    return

    def list_anomalies(self, bar: int) -> None:
        """List the projects of bar ``bar`` of the 闲置土地 / 供而未用 chart (0 fee stage,
        1 repossession stage, 2 供而未用)."""
        summary = self.stats.table(IDLE_CHART).rows[bar]
        self._listing_rule = (summary[0], summary[1])
        if self.table_combo.currentData() == LISTING:
            self.show_table()
        else:
            self.show_table(LISTING)

    def _cell_clicked(self, row: int, _column: int) -> None:
        if self.table_combo.currentData() == LISTING:
            self.open_project(self.table.item(row, 0).text())

    def open_project(self, code: str) -> bool:
        """Show ``code`` in the library panel and zoom the map to its current parcels."""
        from .locator import zoom_to_project

        panel = self.panel() if self.panel else None
        if panel is not None:
            panel.show()
            panel.raise_()
            if panel.library is not None:
                panel.select_code(code)
        return zoom_to_project(self.iface, code, self._open)

    # -- export --------------------------------------------------------------------------
    def export_dialog(self) -> None:
        if self.stats is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Export statistics"), "统计.xlsx", tr("Excel (*.xlsx)")
        )
        if path:
            self.export(path)

    def export(self, xlsx_path: str) -> str:
        """Write the tables shown to ``xlsx_path`` and the brief beside it (.html)."""
        from ..core.statistics import xlsx
        from ..core.statistics.brief import write_brief
        from ..gis.statistics_pdf import write_brief_pdf

        if not xlsx_path.lower().endswith(".xlsx"):
            xlsx_path += ".xlsx"
        description = self.stats.description()
        xlsx.write_xlsx(self.stats, xlsx_path, description)
        html_path = xlsx_path[:-5] + ".html"
        write_brief(self.stats, html_path, description)
        write_brief_pdf(self.stats, xlsx_path[:-5] + ".pdf", description)
        self.status.setText(
            tr("Written {xlsx}, {html} and the PDF beside them.").format(
                xlsx=xlsx_path, html=html_path
            )
        )
        return html_path

    def unload(self) -> None:
        self.towns.unload()
        if self._task is not None:
            self._task.cancel()
            self._task = None


def install(plugin) -> None:
    """The 统计 menu action of the plugin; the dock is built on first use."""
    from .locator import default_source

    state: dict = {}

    def source():
        panel = getattr(plugin, "library_dock", None)
        if panel is not None and panel.library is not None:
            return panel.uri, panel.connection_name
        return default_source()

    def show():
        dock = state.get("dock")
        if dock is None:
            dock = StatisticsDock(
                plugin.iface,
                plugin.iface.mainWindow(),
                source=source,
                panel=lambda: getattr(plugin, "library_dock", None),
            )
            plugin.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            state["dock"] = dock
            plugin.statistics_dock = dock
        dock.show()
        dock.raise_()
        if dock.stats is None:
            dock.refresh()

    def remove():
        dock = state.pop("dock", None)
        if dock is not None:
            dock.unload()
            plugin.iface.removeDockWidget(dock)
            dock.deleteLater()
        plugin.statistics_dock = None

    plugin.add_action("library.svg", tr("Statistics (统计)"), show, toolbar=False)
    plugin.on_unload(remove)
