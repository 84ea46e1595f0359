"""The project-library panel's opening of a library: the Open menu (GeoPackage file, new
GeoPackage, QGIS's saved PostgreSQL connections), reopening the library of the settings, opening
in a QgsTask, then the filters' values and the anomaly rules evaluated on a worker thread.

A mixin of :class:`~.library_dock.LibraryDock` (it uses the dock's ``open_menu``, ``filters``,
``model``, ``library_label``, ``_relay``, ``_task``, ``_names``, ``_set_enabled``, ``_error``,
``current_filter`` and ``libraryOpened``).
"""

from __future__ import annotations

import os

from qgis.PyQt.QtWidgets import QFileDialog

from ..core import project_query as pq
from ..core.library import LibraryError, is_postgres_uri
from ..core.library.constants import SOURCES, STAGES
from ..toolbelt.i18n import tr
from ..toolbelt.log import log
from .background_calls import is_remote, run_task


class LibraryOpenMixin:
    """Opening a library in the panel."""

    def _fill_open_menu(self) -> None:
        from ..gis.library_connect import postgres_connection_names

        menu = self.open_menu
        menu.clear()
        menu.addAction(tr("GeoPackage file…"), self.choose_geopackage)
        menu.addAction(tr("New GeoPackage library…"), lambda: self.choose_geopackage(new=True))
        pg = menu.addMenu(tr("PostgreSQL connection"))
        names = postgres_connection_names()
        if not names:
            act = pg.addAction(tr("(no saved connections in QGIS)"))
            act.setEnabled(False)
        for name in names:
            pg.addAction(name, lambda n=name: self.open_connection(n))
        menu.addAction(tr("Library service (HTTP)…"), self.choose_service)
        menu.addSeparator()
        close = menu.addAction(tr("Close library"), self.close_library)
        close.setEnabled(self.library is not None)

    def open_from_settings(self) -> bool:
        """Re-open the library remembered in the settings (in the background)."""
        from ..toolbelt.settings import load_settings

        settings = load_settings()
        if settings.library_connection:
            self.open_connection(settings.library_connection)
            return True
        if settings.library_uri and (
            is_postgres_uri(settings.library_uri)
            or _is_http(settings.library_uri)
            or os.path.exists(settings.library_uri)
        ):
            self.open_uri(settings.library_uri)
            return True
        return False

    def choose_service(self) -> None:
        """Open a library through the exchange service: its address and the QGIS authentication
        configuration holding the API key (``https://host/api/v1?authcfg=<id>``)."""
        from ..toolbelt.settings import load_settings
        from .library_service_dialog import ServiceDialog

        last = next((u for u in (self.uri or "", load_settings().library_uri) if _is_http(u)), "")
        self.service_dialog = ServiceDialog(self, last)
        if self.service_dialog.exec():
            self.open_uri(self.service_dialog.uri())
        self.service_dialog = None

    def choose_geopackage(self, new: bool = False) -> None:
        if new:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("New project library"), "", tr("GeoPackage (*.gpkg)")
            )
        else:
            path, _ = QFileDialog.getOpenFileName(
                self, tr("Open project library"), "", tr("GeoPackage (*.gpkg)")
            )
        if path:
            if new and not path.lower().endswith(".gpkg"):
                path += ".gpkg"
            self.open_uri(path)

    def open_connection(self, name: str, background: bool = True) -> None:
        """Open a library on one of QGIS's saved PostgreSQL connections."""
        from ..gis.library_connect import connection_datasource, safe_uri

        try:
            uri = safe_uri(connection_datasource(name))
        except ValueError as exc:
            self._error(str(exc))
            return
        self.open_uri(uri, connection=name, background=background)

    def open_uri(self, uri: str, connection: str = "", background: bool = True) -> None:
        """Open the library ``uri`` (GeoPackage path or password-free PostgreSQL URI).

        ``background``: in a QgsTask (the result arrives later; :attr:`libraryOpened`)."""
        from ..gis.library_connect import open_configured_library

        self.close_library()
        self.library_label.setText(tr("Opening {uri}…").format(uri=_short(uri)))
        result: dict = {}

        def work(task=None):
            result["library"] = open_configured_library(uri, connection)
            lib = result["library"]
            result["names"] = self._distinct_values(lib)
            return True

        def finished(exception, _value=None):
            self._task = None
            if exception is not None or "library" not in result:
                self.library_label.setText(tr("No library open"))
                self._error(
                    tr("Cannot open the project library {uri}: {error}").format(
                        uri=_short(uri), error=exception
                    )
                )
                return
            self._opened(uri, connection, result["library"], result["names"])

        errors = (LibraryError, ValueError, OSError)
        run_task(self, tr("Opening the project library"), work, finished, background, errors)

    @staticmethod
    def _distinct_values(lib) -> dict:
        if is_remote(lib):
            return _service_values(lib)
        conn = lib.connection
        return {
            c: pq.distinct_values(conn, c)
            for c in ("year", "admin", "supply_type", "land_use", "status")
        }

    def _opened(self, uri: str, connection: str, library, values: dict) -> None:
        from ..core.dictionaries import default_dictionaries
        from ..toolbelt.settings import load_settings, save_settings

        self.library, self.uri, self.connection_name = library, uri, connection
        dicts = default_dictionaries()
        self._names = {k: dict(dicts.get(k, {})) for k in ("admin", "supply_type", "land_use")}
        self._fill_filters(values)
        self.library_label.setText(connection or _short(uri))
        self.library_label.setToolTip(uri)
        settings = load_settings()
        settings.library_uri = uri
        settings.library_connection = connection
        save_settings(settings)
        count_path = None if is_postgres_uri(uri) else getattr(library, "path", None)
        remote = is_remote(library)
        self._use_model(remote)
        self._set_enabled(True)
        # the list follows what the search box and filters show now (close_library stopped a
        # pending debounce: a search cleared just before opening was otherwise never applied)
        self.model.set_filter(self.current_filter())
        if remote:  # pages of the service's project list, off the GUI thread; read-only
            self.model.set_library(library, names=self._names)
            self._remote_limits()
        else:
            self.model.set_connection(library.connection, count_path=count_path, names=self._names)
        self.libraryOpened.emit(uri)
        log(tr("Project library opened: {uri}").format(uri=connection or uri))
        if not remote:
            self._start_anomalies()

    def _use_model(self, remote: bool) -> None:
        """The list's model: SQL pages (GeoPackage, PostGIS) or the service's pages."""
        from .library_remote_model import RemoteProjectModel
        from .project_model import ProjectTableModel

        wanted = RemoteProjectModel if remote else ProjectTableModel
        if type(self.model) is wanted:
            return
        old = self.model
        old.clear()
        self.model = wanted(self)
        self.table.setModel(self.model)
        self.model.countChanged.connect(self._show_count)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        if remote:
            self.model.failed.connect(self._service_failed)
            self.model.filterApplied.connect(self._listed)
        self.table.setSortingEnabled(not remote)  # the service lists in code order
        if not remote:  # back from a service: what it did not offer is on again
            for widget in (self.filters["status"], self.filters["anomaly"]):
                widget.setToolTip("")
            self.import_button.setToolTip("")
            self.layers_button.setToolTip("")
        old._generation += 1  # a count or a page still on its way is dropped
        old.setParent(None)  # freed with its last reference (a worker thread may hold one)

    def _remote_limits(self) -> None:
        """What the service does not offer is off: the status and anomaly filters, editing,
        attaching parcels, importing, map layers (SQL)."""
        why = tr("Not offered by the library service")
        for key in ("status", "anomaly"):
            self.filters[key].setEnabled(False)
            self.filters[key].setToolTip(why)
        for widget in (self.import_button, self.layers_button):
            widget.setEnabled(False)
            widget.setToolTip(why)

    def _service_failed(self, message: str) -> None:
        self.count_label.setText(
            tr("The library service could not answer: {error}").format(error=message)
        )
        self._error(tr("The library service could not answer: {error}").format(error=message))

    def _start_anomalies(self) -> None:
        """Evaluate the anomaly rules of every project on a worker thread (seconds on 100,000
        projects) with its own connection; the anomaly filter fills when they are known."""
        import threading

        from ..gis.library_connect import open_configured_library

        combo = self.filters["anomaly"]
        combo.setItemText(0, tr("(computing…)"))
        combo.setEnabled(False)
        uri, connection, generation = self.uri, self.connection_name, id(self.library)

        def work():
            try:
                lib = open_configured_library(uri, connection)
                try:
                    result = pq.anomaly_codes(lib.connection)
                finally:
                    lib.close()
            except Exception as exc:  # reported in the log; the filter stays off
                log(tr("Anomaly rules could not be evaluated: {error}").format(error=exc))
                result = None
            self._relay.done.emit(generation, result)

        threading.Thread(target=work, name="ymt-anomalies", daemon=True).start()

    def _anomalies_ready(self, generation, result) -> None:
        if self.library is None or generation != id(self.library):
            return
        combo = self.filters["anomaly"]
        combo.setItemText(0, tr("(all)"))
        if result is None:
            return
        self.anomalies = result
        self.model.set_anomalies(result)
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        from ..core.lifecycle import RULES

        for rule in RULES:
            combo.addItem(f"{rule} ({len(result.get(rule, ())):,})", rule)
        combo.blockSignals(False)
        combo.setEnabled(True)

    def _fill_filters(self, values: dict) -> None:
        for key, combo in self.filters.items():
            if key == "anomaly":
                continue
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            if key == "source":
                items = [(k, v) for k, v in SOURCES.items()]
            elif key == "stage":
                items = [("none", tr("(no event yet)"))] + list(STAGES.items())
            elif key == "status":
                items = [(v, v) for v in values.get("status", [])] + [("archived", tr("archived"))]
            elif key == "year":
                items = [(v, v) for v in sorted(values.get("year", []), reverse=True)]
            else:
                names = self._names.get(key, {})
                items = [(v, f"{v} {names.get(v, '')}".strip()) for v in values.get(key, [])]
            for value, text in items:
                combo.addItem(text, value)
            combo.blockSignals(False)


def _is_http(uri: str) -> bool:
    return uri.strip().lower().startswith(("http://", "https://"))


def _service_values(lib) -> dict:
    """The filters' values over the exchange service, which lists no distinct values: the
    years since 2000 and the code lists; asking for one project checks that it answers (an
    unreachable service or a refused key fails the opening with the service's message)."""
    import datetime

    from ..core.dictionaries import default_dictionaries

    lib.page(1, 1)
    dicts = default_dictionaries()
    this_year = datetime.date.today().year
    values = {k: sorted(dicts.get(k, {})) for k in ("admin", "supply_type", "land_use")}
    values["year"] = [str(y) for y in range(2000, this_year + 2)]
    values["status"] = []
    return values


def _short(uri: str) -> str:
    if is_postgres_uri(uri):
        return uri
    if _is_http(uri):
        return uri.split("?", 1)[0]
    return os.path.basename(uri) or uri
