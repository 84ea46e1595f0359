"""The project-library panel's details: the project's fields (editable through the library API),
its parcels, events, results and audit history, and zooming to its parcels.

A mixin of :class:`~.library_dock.LibraryDock` (it uses the dock's ``library``, ``model``,
``iface``, ``_current_code``, ``projectSelected`` and ``_error``).
"""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ..core.approval_sync import approval_summary
from ..core.library import LibraryError
from ..core.library.base import PROJECT_ATTRS
from ..core.presentation import format_code, source_label, stage_label
from ..gis.history_text import action_label, change_text, field_titles, table_label
from ..toolbelt.i18n import tr
from .background_calls import is_remote

LIBRARY_CRS = QgsCoordinateReferenceSystem("EPSG:4490")
#: project fields editable in the details pane: those ``update_project`` takes, but the source
EDITABLE = ("name",) + PROJECT_ATTRS


class ProjectDetailsMixin:
    """The details pane of the library panel (tabs Project, Parcels, Events, Results, History)."""

    # -- details pane ---------------------------------------------------------------------
    def _build_details(self) -> QTabWidget:
        tabs = QTabWidget()
        page = QWidget()
        form = QFormLayout(page)
        self.code_label = QLabel()
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label = QLabel()
        titles = field_titles()
        form.addRow(titles["code"], self.code_label)
        form.addRow(titles["source"], self.source_label)
        self.approval_label = QLabel()  # set by the approval sync (yimatong:syncapprovals)
        self.approval_label.setWordWrap(True)
        form.addRow(tr("Approval status"), self.approval_label)
        self.edits: dict[str, QLineEdit] = {}
        for key in EDITABLE:
            edit = QLineEdit()
            edit.setObjectName(f"edit_{key}")
            self.edits[key] = edit
            form.addRow(titles[key], edit)
        self.save_button = QPushButton(tr("Save changes"))
        self.save_button.clicked.connect(self.save_edits)
        self.attach_button = QPushButton(tr("Attach parcels…"))
        self.attach_button.clicked.connect(self.open_attach)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.attach_button)
        form.addRow(buttons)
        scroll = QScrollArea()  # the form may shrink: the list keeps its share of the height
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        tabs.addTab(scroll, tr("Project"))

        self.parcels_tree = self._tree(
            [tr("Id"), tr("Label"), tr("Stage"), tr("Area (m²)"), tr("State")]
        )
        self.parcels_tree.itemDoubleClicked.connect(lambda item, _c: self.zoom_to_parcels([item]))
        tabs.addTab(self.parcels_tree, tr("Parcels"))
        self.events_tree = self._tree(
            [tr("Date"), tr("Stage"), tr("Document no."), tr("Status"), tr("Note")]
        )
        tabs.addTab(self.events_tree, tr("Events"))
        self.results_tree = self._tree([tr("Added"), tr("Stage"), tr("Kind"), tr("File")])
        tabs.addTab(self.results_tree, tr("Results"))
        self.history_tree = self._tree(
            [tr("When"), tr("Who"), tr("Action"), tr("Table"), tr("Changes")]
        )
        tabs.addTab(self.history_tree, tr("History"))
        return tabs

    @staticmethod
    def _tree(headers) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        return tree

    def _clear_details(self) -> None:
        self.code_label.clear()
        self.source_label.clear()
        self.approval_label.clear()
        for edit in self.edits.values():
            edit.clear()
        for tree in (self.parcels_tree, self.events_tree, self.results_tree, self.history_tree):
            tree.clear()

    def show_project(self, code: str) -> None:
        lib = self.library
        if lib is None:
            return
        if is_remote(lib):  # five HTTP calls: off the GUI thread, shown when they come
            self._clear_details()
            self._current_code = code
            self.background.start("details", lib, lambda c: _details(c, code), self._details_came)
            return
        self._show_details(code, *_details(lib, code))

    def _details_came(self, details, error) -> None:
        if error is not None:
            self._error(tr("The library service could not answer: {error}").format(error=error))
            return
        code = self._current_code
        if code and details[0] is not None and details[0].get("code") == code:
            self._show_details(code, *details)

    def _show_details(self, code, project, parcels, events, results, history) -> None:
        self._clear_details()
        self._current_code = code
        if project is None:
            return
        remote = is_remote(self.library)

        self.code_label.setText(format_code(code))
        self.source_label.setText(source_label(project.get("source")))
        self.approval_label.setText(approval_summary(project))
        for key, edit in self.edits.items():
            value = project.get(key)
            edit.setText("" if value is None else _fmt(value))
            edit.setReadOnly(bool(project.get("archived")) or remote)
        self.save_button.setEnabled(not project.get("archived") and not remote)
        self.attach_button.setEnabled(not remote)  # the service takes no edits from the panel
        for p in parcels:
            state = tr("retired") if p.get("retired") else tr("current")
            if p.get("replaces"):
                state += " ← " + str(p["replaces"])
            item = QTreeWidgetItem(
                [
                    str(p["fid"]),
                    p.get("label") or "",
                    stage_label(p.get("stage")),
                    f"{(p.get('area_m2') or 0):,.1f}",
                    state,
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, p.get("geometry"))
            self.parcels_tree.addTopLevelItem(item)
        for e in events:
            self.events_tree.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        _fmt(e.get("event_date")),
                        stage_label(e.get("stage")),
                        e.get("doc_no") or "",
                        e.get("status") or "",
                        e.get("note") or "",
                    ]
                )
            )
        for r in results:
            self.results_tree.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        _fmt(r.get("added_at"))[:16],
                        stage_label(r.get("stage")),
                        r.get("kind") or "",
                        r.get("path") or "",
                    ]
                )
            )
        for h in history:
            self.history_tree.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        _fmt(h.get("at"))[:19].replace("T", " "),
                        h.get("who") or "",
                        action_label(h.get("action") or ""),
                        table_label(h.get("table_name") or ""),
                        change_text(h),
                    ]
                )
            )
        for tree in (self.parcels_tree, self.events_tree, self.results_tree, self.history_tree):
            for i in range(tree.columnCount()):
                tree.resizeColumnToContents(i)
        self.projectSelected.emit(code)

    def save_edits(self) -> bool:
        """Write the changed fields through ``update_project`` (one audited change)."""
        if self.library is None or not self._current_code:
            return False
        project = self.library.project(self._current_code) or {}
        changes = {}
        for key, edit in self.edits.items():
            text = edit.text().strip()
            old = project.get(key)
            old_text = "" if old is None else _fmt(old)
            if text != old_text:
                if key == "declared_area_m2" and text:
                    try:
                        changes[key] = float(text.replace(",", ""))
                    except ValueError:
                        self._error(
                            tr("Declared area must be a number of m²: {value}").format(value=text)
                        )
                        return False
                else:
                    changes[key] = text or None
        if not changes:
            return False
        try:
            self.library.update_project(self._current_code, **changes)
        except LibraryError as exc:
            self._error(str(exc))
            return False
        code = self._current_code
        self.model.refresh()
        self.show_project(code)
        return True

    # -- map ------------------------------------------------------------------------------
    def parcel_geometries(self, items=None) -> list[QgsGeometry]:
        items = (
            items
            if items is not None
            else [
                self.parcels_tree.topLevelItem(i)
                for i in range(self.parcels_tree.topLevelItemCount())
            ]
        )
        geoms = []
        for item in items:
            wkb = item.data(0, Qt.ItemDataRole.UserRole)
            if wkb:
                g = QgsGeometry()
                g.fromWkb(bytes(wkb))
                geoms.append(g)
        return geoms

    def zoom_to_parcels(self, items=None) -> bool:
        """Zoom the map to parcels (default: all of the project's) and flash them."""
        geoms = self.parcel_geometries(items)
        if not geoms or self.iface is None:
            return False
        from ..gis.library_layers import zoom_and_flash

        zoom_and_flash(self.iface.mapCanvas(), geoms, LIBRARY_CRS, margin=1.8)
        return True

    def add_layers(self):
        from ..gis.library_connect import connection_authcfg
        from ..gis.library_layers import add_library_layers

        if self.library is None:
            return None
        authcfg = connection_authcfg(self.connection_name)
        try:
            return add_library_layers(self.uri, authcfg=authcfg)
        except ValueError as exc:
            self._error(str(exc))
            return None


def _details(lib, code: str) -> tuple:
    """(project, parcels, events, results, history) of ``code``."""
    project = lib.project(code)
    if project is None:
        return None, [], [], [], []
    return project, lib.parcels(code), lib.events(code), lib.results(code), lib.history(code)


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else str(value)
    return str(value)
