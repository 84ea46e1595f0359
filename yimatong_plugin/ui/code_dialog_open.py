"""Opening the project code generator from the menu: the library, code lists and division layer
of the settings, the selected parcel of the active layer, and the segments last used (kept in
the QGIS settings between sessions)."""

from __future__ import annotations

import json

from qgis.core import QgsGeometry, QgsSettings, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import Qt

from ..core.dictionaries import default_dictionaries
from ..toolbelt.i18n import tr
from .code_dialog import CodeDialog


def selected_parcel_geometry(iface) -> tuple:
    """(union of the selected polygons of the active layer, its CRS), or (None, None)."""
    layer = iface.activeLayer() if iface is not None else None
    if not isinstance(layer, QgsVectorLayer) or layer.geometryType() != (
        QgsWkbTypes.GeometryType.PolygonGeometry
    ):
        return None, None
    geometries = [f.geometry() for f in layer.getSelectedFeatures() if f.hasGeometry()]
    if not geometries:
        return None, None
    return QgsGeometry.unaryUnion(geometries), layer.crs()


LAST_USED_KEY = "yimatong/code_dialog_last_used"


def load_last_used() -> dict:
    """The segments and source of the last code allocated with the dialog (or {})."""
    try:
        value = json.loads(QgsSettings().value(LAST_USED_KEY, "", type=str) or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def save_last_used(values: dict) -> None:
    QgsSettings().setValue(LAST_USED_KEY, json.dumps(values, ensure_ascii=False))


def library_label(settings) -> str:
    """How the dialog names the library of the settings: a saved connection or a file/URI."""
    if settings.library_connection:
        return tr("PostGIS connection “{name}”").format(name=settings.library_connection)
    return settings.library_uri


def open_code_dialog(iface) -> list:
    """Open the generator with the library, code lists and division layer of the settings;
    returns the codes of the projects it created (the panel refreshes its list then)."""
    from qgis.PyQt.QtWidgets import QMessageBox

    from ..core.dictionaries import DictionaryError
    from ..toolbelt.log import log
    from ..toolbelt.settings import load_settings

    settings = load_settings()
    parent = iface.mainWindow() if iface is not None else None
    try:
        dictionaries = default_dictionaries(settings.dictionary_dir or None)
    except DictionaryError as exc:
        QMessageBox.warning(parent, tr("Project code generator"), str(exc))
        return []
    library = None
    if settings.library_uri or settings.library_connection:
        try:
            from ..gis.library_connect import open_library_from_settings

            library = open_library_from_settings(dictionaries=dictionaries)
        except Exception as exc:  # a missing file, a server that is down…: say so, go on
            log(tr("Cannot open the project library: {error}").format(error=exc), "warning", True)
    division_layer = None
    if settings.division_layer:
        layer = QgsVectorLayer(settings.division_layer, "divisions", "ogr")
        if layer.isValid():
            division_layer = layer
        else:
            log(
                tr("The division layer {path} cannot be read.").format(
                    path=settings.division_layer
                ),
                "warning",
            )
    dialog = CodeDialog(
        library=library,
        dictionaries=dictionaries,
        parent=parent,
        region_code=settings.region_code,
        division_layer=division_layer,
        division_field=settings.division_field or "adcode",
        selected_geometry=lambda: selected_parcel_geometry(iface),
        library_label=library_label(settings),
        last_used=load_last_used(),
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    try:
        dialog.exec()
        if dialog.last_used:
            save_last_used(dialog.last_used)
        return list(dialog.created)
    finally:
        if library is not None:
            library.close()
