"""Drag from the 一张图 tree onto the map or the layers panel.

The tree encodes the dragged catalog layers as QGIS layer URIs of the custom provider
``yimatong_catalog`` (the catalog key as URI); QGIS hands such drops to the registered
:class:`CatalogDropHandler`, which adds them like a click does (topic group, standard style,
sources checked first)."""

from __future__ import annotations

from qgis.core import QgsMimeDataUtils
from qgis.gui import QgsCustomDropHandler
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QAbstractItemView, QTreeWidget

PROVIDER_KEY = "yimatong_catalog"
#: the item data of the tree: the catalog key, and "topic" or "layer"
KEY_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class CatalogTree(QTreeWidget):
    """The dock's tree; its drag data are QGIS layer URIs."""

    def __init__(self, dock):
        super().__init__()
        self.dock = dock
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)

    def mimeTypes(self):
        return ["application/x-vnd.qgis.qgis.uri"]

    def mimeData(self, items):
        uris = []
        for key in self.dock._keys_of(items):
            uri = QgsMimeDataUtils.Uri()
            uri.layerType = "custom"
            uri.providerKey = PROVIDER_KEY
            uri.name = self.dock.layers[key]["title"]
            uri.uri = key
            uris.append(uri)
        return QgsMimeDataUtils.encodeUriList(uris)


class CatalogDropHandler(QgsCustomDropHandler):
    """Adds catalog layers dropped on the map or the layers panel."""

    def __init__(self, dock):
        super().__init__()
        self.dock = dock

    def customUriProviderKey(self):
        return PROVIDER_KEY

    def handleCustomUriDrop(self, uri):
        if uri.providerKey == PROVIDER_KEY:
            self.dock.add_keys([uri.uri])
