"""The 一张图 dock: the library's catalog as a topic tree; one click adds a layer (or a whole
topic) to the map in its topic group with its standard style.

The catalog is read on a worker thread with its own library connection; source checks run on
worker threads too (:func:`~..gis.catalog_layers.check_source`), so a slow or dead WMS is
reported in the tree and the message bar, never waited on. Layers whose provider contacts a
server while it is created (WMS, WMTS, OGC API Features, PostGIS) are added only after their
check answered. Writes (authoring, retire, import) run on a writer thread as well
(ui/catalog_authoring.py).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from html import escape

from qgis.core import QgsProject
from qgis.gui import QgsDockWidget, QgsFilterLineEdit
from qgis.PyQt.QtCore import QObject, Qt, pyqtSignal
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import tr_label
from ..core.library.schema_v6 import SOURCE_TYPES
from ..gis import catalog_layers as cl
from ..toolbelt.i18n import tr
from ..toolbelt.log import log
from .catalog_authoring import CatalogAuthoring
from .catalog_drag import KEY_ROLE, KIND_ROLE


class _Relay(QObject):
    loaded = pyqtSignal(object, object)  # generation, (topics, layers) or an exception
    checked = pyqtSignal(str, bool, str, bool)  # key, ok, message, add when ok


class CatalogDock(CatalogAuthoring, QgsDockWidget):
    """The dock; ``iface`` may be None in tests. Its writes: :class:`CatalogAuthoring`."""

    catalogLoaded = pyqtSignal()  # noqa: N815 (Qt signal naming)
    sourceChecked = pyqtSignal(str, bool, str)  # noqa: N815  key, reachable, message
    catalogWritten = pyqtSignal(bool, str)  # noqa: N815  ok, message of a failure

    def __init__(self, iface=None, parent=None):
        super().__init__(tr("One map (一张图)"), parent)
        self.setObjectName("YimatongCatalogDock")
        self.iface = iface
        self.uri = ""
        self.connection_name = ""
        self.library_authcfg = ""
        self.check_timeout = 5.0
        self.topics: list[dict] = []
        self.layers: dict[str, dict] = {}
        self.status: dict[str, tuple[str, str]] = {}  # key -> (state, message)
        self._generation = 0
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="ymt-catalog")
        self._relay = _Relay()
        self._relay.loaded.connect(self._loaded)
        self._relay.checked.connect(self._checked)
        self._init_writer()

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.library_label = QLabel(tr("No library open"))
        layout.addWidget(self.library_label)
        self.search = QgsFilterLineEdit()
        self.search.setShowSearchIcon(True)
        self.search.setPlaceholderText(tr("Search layers: title, description, owner"))
        self.search.textChanged.connect(self.apply_search)
        layout.addWidget(self.search)
        from .catalog_drag import CatalogTree

        self.tree = CatalogTree(self)  # drag onto the map: catalog_drag.CatalogDropHandler
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self.add_items([item]))
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.buttons = {}
        for name, text, tip, slot in (
            ("add", tr("Add to map"), tr("Add the selected layers or topics to the map"),
             self.add_selected),
            ("check", tr("Check sources"), tr("Check whether the sources answer"),
             self.check_selected),
            ("author", tr("Add map layer"), tr("Add the current map layer to the topic"),
             self.author),
            ("retire", tr("Retire"), tr("Retire the selected layers (history kept)"),
             self.retire_selected),
        ):  # fmt: skip
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda *_a, s=slot: s())
            row.addWidget(button)
            self.buttons[name] = button
        more = QToolButton()
        more.setText(tr("More"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        from qgis.PyQt.QtWidgets import QMenu

        menu = QMenu(more)
        from . import catalog_edit

        menu.addAction(tr("Edit layer details…"), lambda: catalog_edit.edit_selected(self))
        menu.addAction(
            tr("Save the map layer's style as the standard style"),
            lambda: catalog_edit.save_style_from_map(self),
        )
        menu.addAction(tr("New topic…"), self.new_topic)
        menu.addAction(tr("Import catalog (JSON)…"), self.import_file)
        menu.addAction(tr("Export catalog (JSON)…"), self.export_file)
        menu.addAction(tr("Reload"), self.reload)
        more.setMenu(menu)
        row.addWidget(more)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.setWidget(body)
        QgsProject.instance().layersAdded.connect(self._mark_loaded)
        QgsProject.instance().layersRemoved.connect(self._mark_loaded)

    # -- library --------------------------------------------------------------------------
    def _open(self):
        from ..gis.library_connect import open_configured_library

        return open_configured_library(self.uri, self.connection_name)

    def open_uri(self, uri: str, connection: str = "", authcfg: str = "") -> None:
        """Show the catalog of library ``uri`` (read in the background: :attr:`catalogLoaded`)."""
        self.uri, self.connection_name, self.library_authcfg = uri, connection, authcfg
        self.library_label.setText(connection or uri)
        self.library_label.setToolTip(uri)
        self.reload()

    def reload(self) -> None:
        if not self.uri and not self.connection_name:
            return
        self._generation += 1
        generation = self._generation
        if self.uri.strip().lower().startswith(("http://", "https://")):
            self.topics, self.layers = [], {}  # the exchange service serves no catalog
            self._fill()
            self.message.setText(
                tr(
                    "The library service has no 一张图 catalog: open the library itself "
                    "(GeoPackage or PostgreSQL connection) to see it"
                )
            )
            return
        self.message.setText(tr("Reading the catalog…"))

        def work():
            from ..core.library.catalog import Catalog

            try:
                lib = self._open()
                try:
                    cat = Catalog(lib)
                    result = (cat.topics(), cat.layers())
                finally:
                    lib.close()
            except Exception as exc:  # reported in the dock
                result = exc
            self._relay.loaded.emit(generation, result)

        threading.Thread(target=work, name="ymt-catalog-read", daemon=True).start()

    def _loaded(self, generation, result) -> None:
        if generation != self._generation:
            return
        if isinstance(result, Exception):
            self.topics, self.layers = [], {}
            self._fill()
            self._report(tr("Cannot read the catalog: {error}").format(error=result))
            return
        self.topics, layers = result
        self.layers = {row["key"]: row for row in layers}
        self.message.setText(
            tr("{topics} topics, {layers} layers").format(
                topics=len(self.topics), layers=len(self.layers)
            )
        )
        self._fill()
        self.catalogLoaded.emit()

    # -- tree -----------------------------------------------------------------------------
    def _fill(self) -> None:
        self.tree.clear()
        loaded = cl.loaded_keys()
        for topic in self.topics:
            titem = QTreeWidgetItem([topic["title"]])
            titem.setData(0, KEY_ROLE, topic["key"])
            titem.setData(0, KIND_ROLE, "topic")
            titem.setToolTip(0, topic.get("description") or topic["title"])
            self.tree.addTopLevelItem(titem)
            for layer in self.layers.values():
                if layer["topic_key"] != topic["key"]:
                    continue
                item = QTreeWidgetItem([layer["title"]])
                item.setData(0, KEY_ROLE, layer["key"])
                item.setData(0, KIND_ROLE, "layer")
                titem.addChild(item)
                self._decorate(item, loaded)
            titem.setExpanded(True)
        self.apply_search(self.search.text())

    def _decorate(self, item, loaded=None) -> None:
        key = item.data(0, KEY_ROLE)
        layer = self.layers.get(key)
        if layer is None:
            return
        loaded = cl.loaded_keys() if loaded is None else loaded
        font = QFont(item.font(0))
        font.setBold(key in loaded)
        item.setFont(0, font)
        state, message = self.status.get(key, ("", ""))
        marks = {"checking": " ⏳", "unreachable": " ⚠", "ok": ""}
        text = layer["title"] + (" ✓" if key in loaded else "") + marks.get(state, "")
        item.setText(0, text)
        lines = [f"<b>{escape(layer['title'])}</b>"]
        if layer.get("description"):
            lines.append(escape(layer["description"]))
        facts = [
            (tr("Source"), tr_label(SOURCE_TYPES, layer["source_type"], tr)),
            (tr("Owner"), layer.get("owner")),
            (tr("Date"), layer.get("data_date")),
            (tr("Version"), layer.get("version")),
        ]
        if layer.get("min_scale") or layer.get("max_scale"):
            scale = "1:{:,.0f} – 1:{:,.0f}".format(
                layer.get("min_scale") or 0, layer.get("max_scale") or 0
            )
            facts.append((tr("Visible between scales"), scale))
        lines += [f"{name}: {escape(str(value))}" for name, value in facts if value]
        if key in loaded:
            lines.append(tr("Already in the map"))
        if state == "unreachable":
            lines.append(tr("Source not reachable: {message}").format(message=escape(message)))
        elif state == "checking":
            lines.append(tr("Checking the source…"))
        item.setToolTip(0, "<br>".join(lines))

    def items(self) -> list:
        """Layer items of the tree (all topics)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out += [top.child(j) for j in range(top.childCount())]
        return out

    def item(self, key: str):
        for item in self.items():
            if item.data(0, KEY_ROLE) == key:
                return item
        return None

    def _mark_loaded(self, *_):
        loaded = cl.loaded_keys()
        for item in self.items():
            self._decorate(item, loaded)

    def apply_search(self, text: str) -> None:
        """Show the layers whose title, description, owner or topic contains ``text``."""
        needle = (text or "").strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            topic_hit = needle in top.text(0).lower()
            shown = 0
            for j in range(top.childCount()):
                child = top.child(j)
                layer = self.layers.get(child.data(0, KEY_ROLE), {})
                hay = " ".join(
                    str(layer.get(k) or "") for k in ("title", "description", "owner", "version")
                ).lower()
                hit = not needle or topic_hit or needle in hay
                child.setHidden(not hit)
                shown += hit
            top.setHidden(bool(needle) and not shown)

    def visible_titles(self) -> list[str]:
        return [
            self.layers[i.data(0, KEY_ROLE)]["title"]
            for i in self.items()
            if not i.isHidden() and not i.parent().isHidden()
        ]

    # -- adding to the map ----------------------------------------------------------------
    def _keys_of(self, items) -> list[str]:
        keys = []
        for item in items:
            if item.data(0, KIND_ROLE) == "topic":
                keys += [
                    item.child(j).data(0, KEY_ROLE)
                    for j in range(item.childCount())
                    if not item.child(j).isHidden()
                ]
            else:
                keys.append(item.data(0, KEY_ROLE))
        return list(dict.fromkeys(keys))

    def add_selected(self) -> None:
        self.add_items(self.tree.selectedItems())

    def add_items(self, items) -> None:
        self.add_keys(self._keys_of(items))

    def add_keys(self, keys) -> None:
        """Add catalog layers to the map. Local sources are added now; a source whose provider
        would contact a server is checked on a worker thread first and added when it answers."""
        now = []
        for key in keys:
            layer = self.layers.get(key)
            if layer is None:
                continue
            if layer["source_type"] in cl.NETWORK_TYPES and self.status.get(key, ("",))[0] != "ok":
                self._start_check(key, add=True)
            else:
                now.append(layer)
        self._add_now(now)

    def _add_now(self, entries) -> None:
        titles = {t["key"]: t["title"] for t in self.topics}
        for entry in entries:
            try:
                cl.add_catalog_layers([entry], titles, None, self.uri, self.library_authcfg)
            except ValueError as exc:
                self._report(str(exc))
        self._mark_loaded()

    # -- source checks --------------------------------------------------------------------
    def check_selected(self) -> None:
        keys = self._keys_of(self.tree.selectedItems()) or list(self.layers)
        for key in keys:
            self._start_check(key)

    def _start_check(self, key: str, add: bool = False) -> None:
        entry, uri, timeout = dict(self.layers[key]), self.uri, self.check_timeout
        self.status[key] = ("checking", "")
        item = self.item(key)
        if item is not None:
            self._decorate(item)

        def work():
            try:
                ok, message = cl.check_source(entry, uri, timeout)
            except Exception as exc:  # reported, never raised into the pool
                ok, message = False, str(exc)
            self._relay.checked.emit(key, ok, message, add)

        self._pool.submit(work)

    def _checked(self, key: str, ok: bool, message: str, add: bool) -> None:
        self.status[key] = ("ok" if ok else "unreachable", message)
        item = self.item(key)
        if item is not None:
            self._decorate(item)
        layer = self.layers.get(key)
        if not ok and layer is not None:
            self._report(
                tr("{title}: source not reachable ({message})").format(
                    title=layer["title"], message=message
                )
            )
        elif ok and add and layer is not None:
            self._add_now([layer])
        self.sourceChecked.emit(key, ok, message)

    # -- misc -----------------------------------------------------------------------------
    def _report(self, message: str, level: str = "warning") -> None:
        self.message.setText(message)
        log(message, level, push=self.iface is not None)

    def unload(self) -> None:
        self._generation += 1  # late results are ignored
        for signal in (QgsProject.instance().layersAdded, QgsProject.instance().layersRemoved):
            try:
                signal.disconnect(self._mark_loaded)
            except TypeError:
                pass
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._close_writer()
