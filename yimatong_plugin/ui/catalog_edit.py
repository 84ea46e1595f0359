"""Editing a catalog layer from the 一张图 dock: its details (title, description, owner, date,
version, scale range) in a small dialog, and its standard style taken from the map layer a
planner restyled. Writes go through the catalog API (audited)."""

from __future__ import annotations

from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ..core.i18n import tr_label, tr_noop
from ..gis import catalog_layers as cl
from ..toolbelt.i18n import tr
from .dialog_buttons import ok_cancel_buttons

#: the fields the dialog edits, in its order, with their titles (translated when shown)
FIELDS = {
    "title": tr_noop("Title"),
    "description": tr_noop("Description"),
    "owner": tr_noop("Owner"),
    "data_date": tr_noop("Date (YYYY-MM-DD)"),
    "version": tr_noop("Version"),
    "min_scale": tr_noop("Hidden when zoomed out beyond 1:"),
    "max_scale": tr_noop("Hidden when zoomed in beyond 1:"),
}


class CatalogLayerDialog(QDialog):
    """The details of one catalog layer; :meth:`values` gives the changed fields."""

    def __init__(self, entry: dict, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Catalog layer: {title}").format(title=entry["title"]))
        self.entry = entry
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.edits = {}
        for name in FIELDS:
            value = entry.get(name)
            text = "" if value is None else (f"{value:.0f}" if "scale" in name else str(value))
            edit = QPlainTextEdit(text) if name == "description" else QLineEdit(text)
            if name == "description":
                edit.setMaximumHeight(80)
            form.addRow(tr_label(FIELDS, name, tr), edit)
            self.edits[name] = edit
        layout.addLayout(form)
        layout.addWidget(ok_cancel_buttons(self))

    def values(self) -> dict:
        out = {}
        for name, edit in self.edits.items():
            text = edit.toPlainText() if name == "description" else edit.text()
            text = text.strip()
            old = self.entry.get(name)
            old_text = "" if old is None else (f"{old:.0f}" if "scale" in name else str(old))
            if text != old_text:
                out[name] = text or None
        return out


def edit_selected(dock) -> bool:
    """Open the details dialog of the selected catalog layer; write what changed."""
    key = selected_layer_key(dock)
    if not key:
        return False
    dialog = CatalogLayerDialog(dock.layers[key], dock)
    if not dialog.exec():
        return False
    changes = dialog.values()
    return bool(changes) and dock.write(lambda cat: cat.update_layer(key, **changes))


def selected_layer_key(dock) -> str:
    from .catalog_drag import KEY_ROLE, KIND_ROLE

    for item in dock.tree.selectedItems():
        if item.data(0, KIND_ROLE) == "layer":
            return item.data(0, KEY_ROLE)
    return ""


def save_style_from_map(dock, key: str = "") -> bool:
    """Store the style of the catalog layer's map layer (as the planner restyled it) as its
    standard style."""
    key = key or selected_layer_key(dock)
    layers = [
        lyr
        for lyr in QgsProject.instance().mapLayers().values()
        if key and lyr.customProperty(cl.KEY_PROPERTY) == key
    ]
    if not layers:
        dock._report(tr("Add the layer to the map and restyle it there first"))
        return False
    qml = cl.style_qml(layers[0])
    return dock.write(lambda cat: cat.update_layer(key, style_qml=qml))
