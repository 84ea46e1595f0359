"""The town-boundary layer of the 统计 dock's breakdown by town: a polygon-layer combo and its
town field, remembered in the QGIS project (``yimatong/statistics_towns_layer`` and
``…_field``), read on the GUI thread (a town layer is small) for the counting task."""

from __future__ import annotations

from qgis.core import QgsMapLayerProxyModel, QgsProject
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import QHBoxLayout, QLabel, QWidget

from ..toolbelt.i18n import tr

SCOPE = "yimatong"
LAYER_KEY = "statistics_towns_layer"
FIELD_KEY = "statistics_towns_field"

#: the table of the breakdown by town (core/statistics/towns.py)
TOWN_TABLE = "by_town"


def needs_layer_text() -> str:
    return tr(
        "The breakdown by town needs a town-boundary layer (polygons with a town code or name "
        "field): choose it under Towns and refresh."
    )


class TownPicker(QWidget):
    """乡镇图层 + 乡镇字段; the choice is saved in the project and restored when one is read."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.layer_combo = QgsMapLayerComboBox(self)
        self.layer_combo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.layer_combo.setAllowEmptyLayer(True)
        self.layer_combo.setLayer(None)
        self.layer_combo.setToolTip(
            tr("A polygon layer of the towns: the parcels are cut by it for the breakdown by town.")
        )
        self.field_combo = QgsFieldComboBox(self)
        self.field_combo.setToolTip(tr("The field that holds each town's code or name."))
        pairs = ((tr("Towns"), self.layer_combo), (tr("Town field"), self.field_combo))
        for label, widget in pairs:
            layout.addWidget(QLabel(label, self))
            layout.addWidget(widget, 1)
        self._restoring = False
        self.layer_combo.layerChanged.connect(self._layer_changed)
        self.field_combo.fieldChanged.connect(lambda _f: self.save())
        QgsProject.instance().readProject.connect(self.restore)
        self.restore()

    def layer(self):
        return self.layer_combo.currentLayer()

    def field(self) -> str:
        return self.field_combo.currentField()

    def set_towns(self, layer, field: str) -> None:
        self.layer_combo.setLayer(layer)
        self.field_combo.setField(field)

    def _layer_changed(self, layer) -> None:
        self.field_combo.setLayer(layer)
        self.save()

    def save(self) -> None:
        if self._restoring:
            return
        project = QgsProject.instance()
        layer = self.layer()
        project.writeEntry(SCOPE, LAYER_KEY, layer.id() if layer is not None else "")
        project.writeEntry(SCOPE, FIELD_KEY, self.field())

    def restore(self, *_args) -> None:
        """The town layer and field saved in the current project (none if it has none)."""
        project = QgsProject.instance()
        layer_id, _ = project.readEntry(SCOPE, LAYER_KEY, "")
        field, _ = project.readEntry(SCOPE, FIELD_KEY, "")
        self._restoring = True
        try:
            self.set_towns(project.mapLayer(layer_id) if layer_id else None, field)
        finally:
            self._restoring = False

    def read(self):
        """The chosen town layer as a ``TownLayer``, or None without one; a layer that cannot
        be used raises ``TownLayerError`` with the message for the user."""
        from ..gis.statistics_towns import read_towns

        layer = self.layer()
        if layer is None:
            return None
        context = QgsProject.instance().transformContext()
        return read_towns(layer, self.field(), context, layer.name())

    def unload(self) -> None:
        try:
            QgsProject.instance().readProject.disconnect(self.restore)
        except TypeError:  # never connected or already gone
            pass
