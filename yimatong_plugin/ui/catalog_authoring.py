"""The writing side of the 一张图 dock: add the current map layer to a topic, retire layers,
new topics, catalog import and export.

Every write runs on one writer thread with its own library connection (a PostGIS library on a
slow network, or a GeoPackage another user holds locked, never freezes QGIS); writes run one
at a time in the order given. The outcome comes back on the GUI thread: the catalog is read
again, a failure is shown in the dock and the message bar, and :attr:`catalogWritten` tells
(ok, message).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ..gis import catalog_layers as cl
from ..toolbelt.i18n import tr
from .catalog_drag import KEY_ROLE, KIND_ROLE


class _WriteRelay(QObject):
    done = pyqtSignal(int, bool, object)  # job, ok, what the write returned or the error


class CatalogAuthoring:
    """The dock's authoring actions (a mixin of :class:`~.catalog_dock.CatalogDock`, which
    provides the tree, the open library, ``_report``, ``reload`` and ``catalogWritten``)."""

    def _init_writer(self) -> None:
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ymt-catalog-write")
        self._write_relay = _WriteRelay()
        self._write_relay.done.connect(self._written)
        self._write_jobs: dict[int, object] = {}
        self._write_count = 0
        self._writes_closed = False

    def write(self, func, done=None) -> bool:
        """Run ``func(catalog)`` on the writer thread (its own connection to the library).

        Back on the GUI thread: the catalog is read again and ``done(result)`` is called when
        it succeeded; a failure is reported in the dock. :attr:`catalogWritten` follows either
        way. False (nothing started) when no library is open."""
        if self._writes_closed:
            return False
        if not self.uri and not self.connection_name:
            self._report(tr("Open a project library first"))
            return False
        self._write_count += 1
        job = self._write_count
        self._write_jobs[job] = done
        self.message.setText(tr("Writing to the catalog…"))
        open_library, relay = self._open, self._write_relay

        def work():
            from ..core.library.catalog import Catalog

            try:
                lib = open_library()
                try:
                    result = func(Catalog(lib))
                finally:
                    lib.close()
            except Exception as exc:  # reported in the dock, never raised into the pool
                relay.done.emit(job, False, exc)
                return
            relay.done.emit(job, True, result)

        self._writer.submit(work)
        return True

    def _written(self, job: int, ok: bool, result) -> None:
        if self._writes_closed:
            return
        done = self._write_jobs.pop(job, None)
        if not ok:
            self._report(str(result))
            self.catalogWritten.emit(False, str(result))
            return
        self.reload()
        if done is not None:
            done(result)
        self.catalogWritten.emit(True, "")

    def _close_writer(self) -> None:
        self._writes_closed = True
        self._write_jobs.clear()
        self._writer.shutdown(wait=False)

    # -- actions ----------------------------------------------------------------------------
    def selected_topic(self) -> str:
        for item in self.tree.selectedItems():
            if item.data(0, KIND_ROLE) == "topic":
                return item.data(0, KEY_ROLE)
            if item.parent() is not None:
                return item.parent().data(0, KEY_ROLE)
        return ""

    def author(self, layer=None, topic_key: str = "") -> bool:
        """Add a map layer (default: the active one) to a topic (default: the selected one),
        with its current style captured as the standard style. True when the write started."""
        if layer is None and self.iface is not None:
            layer = self.iface.activeLayer()
        topic_key = topic_key or self.selected_topic()
        if layer is None or not topic_key:
            self._report(tr("Select a map layer and a topic first"))
            return False
        try:
            entry = cl.entry_from_layer(layer)
        except ValueError as exc:
            self._report(str(exc))
            return False
        entry = {k: v for k, v in entry.items() if v not in (None, "")}
        title, source_type, uri = layer.name(), entry.pop("source_type"), entry.pop("uri")

        def mark(key):
            try:
                layer.setCustomProperty(cl.KEY_PROPERTY, key)
            except RuntimeError:  # the map layer was removed meanwhile
                pass

        return self.write(
            lambda cat: cat.add_layer(topic_key, title, source_type, uri, **entry), mark
        )

    def retire_selected(self, confirm: bool = True) -> bool:
        keys = [
            i.data(0, KEY_ROLE)
            for i in self.tree.selectedItems()
            if i.data(0, KIND_ROLE) == "layer"
        ]
        if not keys:
            return False
        titles = "、".join(self.layers[k]["title"] for k in keys)
        if confirm:
            answer = QMessageBox.question(
                self,
                tr("Retire"),
                tr("Retire {titles} from the catalog? The history is kept.").format(titles=titles),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self.write(lambda cat: [cat.retire_layer(k) for k in keys])

    def new_topic(self) -> None:
        title, ok = QInputDialog.getText(self, tr("New topic"), tr("Topic title"))
        if ok and title.strip():
            self.write(lambda cat: cat.add_topic(None, title.strip()))

    def import_file(self, path: str = "") -> bool:
        """Merge a catalog file (JSON) into the library's catalog (read and written on the
        writer thread); the counts are reported when it is done."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("Import catalog"), "", "JSON (*.json)")
        if not path:
            return False

        def write(cat):
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
            return cat.import_json(data)

        def report(counts):
            self._report(
                tr("Catalog imported: {added} added, {updated} updated").format(**counts), "info"
            )

        return self.write(write, report)

    def export_file(self, path: str = "") -> bool:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("Export catalog"), "", "JSON (*.json)")
        if not path:
            return False

        def write(cat):
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(cat.export_json(), fh, ensure_ascii=False, indent=1)

        return self.write(write)
