"""Project box (项目盒) dock (its map tool: project_box_tool.py; its highlight:
project_box_highlight.py).

Click a point on the map: the dock lists every library project whose parcels — current or
retired — touch it (code in display form, name, status). Selecting a project shows its timeline
(:class:`~yimatong_plugin.ui.timeline.TimelineView`) and findings, and highlights its parcels on
the canvas: current parcels solid, retired versions (lineage) dashed.
"""

from __future__ import annotations

import datetime as _dt

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsPointXY,
)
from qgis.gui import QgsDockWidget, QgsRubberBand
from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import lifecycle as lc
from ..core import projectbox as pb
from ..core.approval_sync import approval_summary
from ..core.library import LibraryError
from ..core.presentation import display_code
from ..gis.finding_text import finding_headers, severity_label
from ..gis.history_text import status_text
from ..toolbelt.i18n import tr
from ..toolbelt.log import log
from ..toolbelt.resources import icon
from .background_calls import BackgroundCalls, is_remote
from .project_box_highlight import LIBRARY_CRS, HighlightMixin
from .project_box_tool import ProjectBoxMapTool, polygon_feature_at
from .timeline import TimelineView

CODE_ROLE = Qt.ItemDataRole.UserRole
PICK_BUTTON_STYLE = (
    "QToolButton:checked { background: #cfe2ff; border: 1px solid #2a6fdb; border-radius: 3px; "
    "font-weight: bold; }"
)
NOTHING_FOUND_STYLE = "background: #fff4d6; padding: 2px;"


class ProjectBoxDock(HighlightMixin, QgsDockWidget):
    """The dock. ``library_uri`` (plugin setting) is opened on first use."""

    OBJECT_NAME = "YimatongProjectBoxDock"

    def __init__(self, iface, parent=None, library_uri: str | None = None):
        super().__init__(tr("Project box"), parent)
        self.setObjectName(self.OBJECT_NAME)
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self._library = None
        self._library_uri = library_uri
        self._opened_uri = None
        self.thresholds = lc.Thresholds()
        self.projects: list[dict] = []
        self.current: dict = {}
        self._bands: list[QgsRubberBand] = []
        self._highlight_counts = {"current": 0, "retired": 0}
        #: library-service calls off the GUI thread (a newer pick drops a stale answer)
        self.background = BackgroundCalls(self)
        self.map_tool = ProjectBoxMapTool(self.canvas)
        self.map_tool.picked.connect(self.lookup)
        # rubber bands live in map coordinates: redraw them when the canvas CRS changes
        self.canvas.destinationCrsChanged.connect(self._rehighlight)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.pick_button = QToolButton(body)
        self.pick_button.setIcon(icon("projectbox.svg"))
        self.pick_button.setText(tr("Pick on map"))
        self.pick_button.setToolTip(tr("Click a place on the map to list the projects there"))
        self.pick_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.pick_button.setCheckable(True)
        # the on state must show: a pressed, coloured button (Fusion draws checked tool buttons
        # like unchecked ones with text beside the icon)
        self.pick_button.setStyleSheet(PICK_BUTTON_STYLE)
        self.pick_button.toggled.connect(self._toggle_tool)
        # QGIS checks and unchecks the button when the tool is set or replaced (pan, identify…)
        self.map_tool.setButton(self.pick_button)
        self.canvas.mapToolSet.connect(self._map_tool_changed)
        bar.addWidget(self.pick_button)
        self.report_button = QToolButton(body)
        self.report_button.setText(tr("Project file…"))
        self.report_button.setToolTip(
            tr("Write the project file (HTML/PDF) of the selected project")
        )
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(self.open_report_dialog)
        bar.addWidget(self.report_button)
        self.by_feature = QCheckBox(tr("Whole feature"), body)
        self.by_feature.setToolTip(
            tr(
                "Look up with the whole feature of the active polygon layer under the click "
                "(every project overlapping it) instead of the clicked point"
            )
        )
        bar.addWidget(self.by_feature)
        bar.addStretch(1)
        bar.addWidget(QLabel(tr("As of"), body))
        self.as_of_edit = QDateEdit(QDate.currentDate(), body)
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.as_of_edit.setToolTip(tr("The date the lifecycle rules are evaluated on"))
        self.as_of_edit.dateChanged.connect(lambda *_: self._refresh_current())
        bar.addWidget(self.as_of_edit)
        layout.addLayout(bar)

        self.message = QLabel(tr("Click “Pick on map”, then a place on the map."), body)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.project_list = QTreeWidget(splitter)
        self.project_list.setHeaderLabels([tr("Code"), tr("Name"), tr("Status"), tr("Parcels")])
        self.project_list.setRootIsDecorated(False)
        self.project_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.project_list.setAlternatingRowColors(True)
        self.project_list.itemSelectionChanged.connect(self._selection_changed)
        self.timeline = TimelineView(splitter)
        self.finding_list = QTreeWidget(splitter)
        self.finding_list.setHeaderLabels(finding_headers())
        self.finding_list.setRootIsDecorated(False)
        self.finding_list.setWordWrap(True)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 1)
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self.setWidget(body)

    # -- library --------------------------------------------------------------------------
    @property
    def library_uri(self) -> str:
        """The library as a Processing ``LIBRARY`` value: the URI given to the dock, else the
        saved PostgreSQL connection name or the path/URI of the plugin settings."""
        uri, connection = self._source()
        return connection or uri

    def _source(self) -> tuple[str, str]:
        """(path or URI, saved connection name) of the library to open."""
        if self._library_uri is not None:
            return self._library_uri, ""
        from ..toolbelt.settings import load_settings

        settings = load_settings()
        return settings.library_uri, settings.library_connection

    def set_library(self, library) -> None:
        """Use an open library object (the dock does not close it)."""
        self.close_library()
        self._library = library
        self._owns_library = False

    def set_library_uri(self, uri: str) -> None:
        self.close_library()
        self._library_uri = uri

    def library(self):
        """The open library; reopened when the library chosen in the settings changed.
        A saved PostgreSQL connection gets its credentials from QGIS's authentication manager
        (gis/library_connect, as the library panel)."""
        source = self._source()
        if self._library is not None and getattr(self, "_owns_library", False):
            if source != self._opened_uri:
                self.close_library()
        if self._library is None:
            uri, connection = source
            if not uri and not connection:
                return None
            from ..gis.library_connect import open_configured_library

            self._library = open_configured_library(uri, connection)
            self._owns_library = True
            self._opened_uri = source
        return self._library

    def close_library(self) -> None:
        if self._library is not None and getattr(self, "_owns_library", False):
            self._library.close()
        self._library = None

    # -- map tool -------------------------------------------------------------------------
    def _map_tool_changed(self, new_tool, _old_tool=None) -> None:
        on = new_tool is self.map_tool
        if self.pick_button.isChecked() != on:
            self.pick_button.blockSignals(True)
            self.pick_button.setChecked(on)
            self.pick_button.blockSignals(False)
        self.pick_button.setToolTip(
            tr("On: click a place on the map to list the projects there (click to turn off)")
            if on
            else tr("Click a place on the map to list the projects there")
        )

    def _toggle_tool(self, on: bool) -> None:
        if on:
            self.canvas.setMapTool(self.map_tool)
        elif self.canvas.mapTool() is self.map_tool:
            self.canvas.unsetMapTool(self.map_tool)

    def activate_tool(self) -> None:
        self.show()
        self.raise_()
        # most room for the timeline; the list and the findings scroll
        self.splitter.setSizes([70, 10_000, 80])
        self.pick_button.setChecked(True)
        self.canvas.setMapTool(self.map_tool)

    # -- lookup ---------------------------------------------------------------------------
    def as_of(self) -> _dt.date:
        d = self.as_of_edit.date()
        return _dt.date(d.year(), d.month(), d.day())

    def lookup(self, point: QgsPointXY, crs: QgsCoordinateReferenceSystem, tolerance=0.0):
        """List the projects at ``point`` (in ``crs``)."""
        self.project_list.clear()
        self.projects = []
        self.background.drop("list")
        self.show_project(None)
        try:
            lib = self.library()
        except Exception as exc:  # a bad URI or unreadable file: say which and why
            self.message.setText(
                tr("Cannot open the library {uri}: {error}").format(uri=self.library_uri, error=exc)
            )
            log(self.message.text(), "warning")
            return []
        if lib is None:
            self.message.setText(
                tr("No project library chosen: set one in the project library panel.")
            )
            return []
        if not crs.isValid():
            crs = LIBRARY_CRS
        feature = self.feature_at(point, crs, tolerance) if self.by_feature.isChecked() else None
        if feature is not None:
            layer, fid, geom = feature
            where = tr("feature {fid} of {layer}").format(fid=fid, layer=layer.name())

            def query(library):
                return pb.projects_in(library, geom, "EPSG:4490")
        else:
            where = f"{point.x():.6f}, {point.y():.6f}"
            x, y, crs_id = point.x(), point.y(), crs.authid() or crs.toWkt()

            def query(library):
                return pb.projects_at(library, x, y, crs_id, tolerance)

        if is_remote(lib):  # HTTP calls: off the GUI thread, the answer listed when it comes
            self.message.setText(
                tr("Asking the library service for the projects at {where}…").format(where=where)
            )
            self.message.setStyleSheet("")
            self.background.start(
                "list", lib, query, lambda rows, exc: self._listed(rows, exc, where)
            )
            return []
        try:
            rows = query(lib)
        except LibraryError as exc:  # e.g. the library service unreachable: say it, stay usable
            self._say_failure(exc)
            return []
        return self._list(rows, where)

    def _listed(self, rows, error, where: str) -> None:
        if error is not None:
            self._say_failure(error, push=True)
            return
        self._list(rows, where)

    def _list(self, rows: list[dict], where: str) -> list[dict]:
        self.projects = rows
        for row in rows:
            n_current, n_retired = len(row["parcel_ids"]), len(row["retired_parcel_ids"])
            parcels = str(n_current)
            if n_retired:
                parcels += " " + tr("(+{n} retired)").format(n=n_retired)
            status, approval = status_text(row), approval_summary(row)
            if approval:  # the approval system's latest handling status (approval sync)
                status = f"{status} · {approval}" if status else approval
            item = QTreeWidgetItem(
                [display_code(row["code"]), str(row.get("name") or ""), status, parcels]
            )
            item.setData(0, CODE_ROLE, row["code"])
            if approval:
                item.setToolTip(2, tr("Approval status: {status}").format(status=approval))
            item.setToolTip(1, str(row.get("name") or ""))
            if not n_current:
                item.setToolTip(0, tr("Only a retired version of a parcel lies here"))
                for col in range(4):
                    item.setForeground(col, QColor("#555555"))
            self.project_list.addTopLevelItem(item)
        for col in range(4):
            self.project_list.resizeColumnToContents(col)
        if rows:
            self.message.setText(tr("{n} project(s) at {where}").format(n=len(rows), where=where))
            self.project_list.setCurrentItem(self.project_list.topLevelItem(0))
        else:
            # said where the user looks: in the panel (highlighted) and in the message bar
            text = tr("No library project at {where}.").format(where=where)
            self.message.setText(text)
            self.message.setStyleSheet(NOTHING_FOUND_STYLE)
            bar = self.iface.messageBar() if hasattr(self.iface, "messageBar") else None
            if bar is not None:
                bar.pushMessage(tr("Project box"), text, Qgis.MessageLevel.Info, 4)
            return rows
        self.message.setStyleSheet("")
        return rows

    def _say_failure(self, exc: Exception, push: bool = False) -> None:
        """Say why the library did not answer, in the panel; ``push``: in the message bar
        too (an answer that came later, from the library service)."""
        text = tr("The project library could not answer: {error}").format(error=exc)
        self.message.setText(text)
        self.message.setStyleSheet(NOTHING_FOUND_STYLE)
        log(text, "warning")
        bar = self.iface.messageBar() if push and hasattr(self.iface, "messageBar") else None
        if bar is not None:
            bar.pushMessage(tr("Project box"), text, Qgis.MessageLevel.Warning, 8)

    def feature_at(self, point: QgsPointXY, crs: QgsCoordinateReferenceSystem, tolerance=0.0):
        """(layer, feature id, shapely geometry in EPSG:4490) of the active polygon layer's
        feature under ``point``, or None."""
        return polygon_feature_at(self.iface.activeLayer(), point, crs, tolerance)

    def project_codes(self) -> list[str]:
        """Codes listed, in display order."""
        return [
            self.project_list.topLevelItem(i).data(0, CODE_ROLE)
            for i in range(self.project_list.topLevelItemCount())
        ]

    def select_project(self, code: str) -> None:
        for i in range(self.project_list.topLevelItemCount()):
            item = self.project_list.topLevelItem(i)
            if item.data(0, CODE_ROLE) == code:
                self.project_list.setCurrentItem(item)
                return
        raise KeyError(code)

    def _selection_changed(self) -> None:
        items = self.project_list.selectedItems()
        self.show_project(items[0].data(0, CODE_ROLE) if items else None)

    def _refresh_current(self) -> None:
        if self.current:
            self.show_project(self.current["project"]["code"])

    def open_report_dialog(self):
        """项目档案…: the selected project's file, PDF by default, in the folder used last;
        opened when written (ui/project_file.py). Returns the path or None."""
        if not self.current:
            return None
        from .project_file import ask_and_write

        return ask_and_write(
            self, self.library_uri, self.current["project"]["code"], self.as_of().isoformat()
        )

    def show_project(self, code: str | None) -> None:
        """Timeline, findings and map highlight of project ``code`` (None clears)."""
        self.clear_highlight()
        self.finding_list.clear()
        self.report_button.setEnabled(bool(code))
        self.background.drop("file")
        lib = self.library() if code else None
        if lib is None:
            self.current = {}
            self.timeline.clear_project()
            return
        as_of, thresholds = self.as_of(), self.thresholds
        if is_remote(lib):  # one HTTP call: off the GUI thread
            self.current = {}
            self.timeline.clear_project()
            self.background.start(
                "file",
                lib,
                lambda library: pb.project_file(library, code, as_of, thresholds),
                self._file_loaded,
            )
            return
        try:
            data = pb.project_file(lib, code, as_of, thresholds)
        except LibraryError as exc:
            self._say_failure(exc)
            data = {}
        self._show_file(data)

    def _file_loaded(self, data, error) -> None:
        if error is not None:
            self._say_failure(error, push=True)
            data = {}
        self._show_file(data or {})

    def _show_file(self, data: dict) -> None:
        self.current = data
        if not data:
            self.timeline.clear_project()
            return
        self.timeline.set_project(
            data["events"],
            data["findings"],
            data["results"],
            as_of=data["as_of"],
            thresholds=self.thresholds,
            project=data["project"],
        )
        for f in data["findings"]:
            item = QTreeWidgetItem(
                [
                    f.rule,
                    severity_label(f.severity),
                    f.since.isoformat(),
                    str(f.days),
                    f.reference_text(),  # what the days count, beside them
                    f.evidence,
                ]
            )
            item.setToolTip(5, f.evidence)
            self.finding_list.addTopLevelItem(item)
        for column in range(5):  # the short columns whole; the evidence takes the rest
            self.finding_list.resizeColumnToContents(column)
        self.highlight(data["parcels"])

    # -- teardown -------------------------------------------------------------------------
    def unload(self) -> None:
        self.background.drop("list")  # answers still on their way are not shown
        self.background.drop("file")
        for signal, slot in (
            (self.canvas.destinationCrsChanged, self._rehighlight),
            (self.canvas.mapToolSet, self._map_tool_changed),
        ):
            try:
                signal.disconnect(slot)
            except TypeError:  # already disconnected
                pass
        self.clear_highlight()
        if self.canvas.mapTool() is self.map_tool:
            self.canvas.unsetMapTool(self.map_tool)
        self.close_library()
