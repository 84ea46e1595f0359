"""The library's tables as ordinary QGIS layers, styled, with relations for QGIS's forms.

``ymt_parcels`` (polygons), ``ymt_projects`` and ``ymt_events`` (tables) are added in a layer
group; QML styles from ``yimatong_plugin/styles/``; relations projects → parcels and
projects → events on ``code`` so the project form lists its parcels and events and the
attribute table's "form view" navigates between them. Edits made in these layers go through
the library's triggers (audited, deletes refused).
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsCoordinateTransform,
    QgsDataSourceUri,
    QgsProject,
    QgsRelation,
    QgsVectorLayer,
    QgsVectorLayerJoinInfo,
)

from ..core.library import is_postgres_uri
from ..toolbelt.i18n import tr
from .qgis_compat import empty_rectangle

STYLES = Path(__file__).resolve().parent.parent / "styles"
TABLES = ("ymt_parcels", "ymt_projects", "ymt_events")
RELATIONS = (
    ("ymt_rel_project_parcels", "ymt_parcels"),
    ("ymt_rel_project_events", "ymt_events"),
)


#: fields the library's triggers keep (read-only in the forms)
DERIVED_FIELDS = {"ymt_projects": ("current_stage",)}


def layer_titles() -> dict[str, str]:
    return {
        "ymt_parcels": tr("Library parcels"),
        "ymt_projects": tr("Library projects"),
        "ymt_events": tr("Library stage events"),
    }


def _layer(uri: str, table: str, authcfg: str = "") -> QgsVectorLayer:
    title = layer_titles()[table]
    if is_postgres_uri(uri):
        ds = QgsDataSourceUri(uri)
        if authcfg:
            ds.setAuthConfigId(authcfg)
        ds.setDataSource("public", table, "geom" if table == "ymt_parcels" else None, "", "fid")
        if table == "ymt_parcels":
            ds.setSrid("4490")
        return QgsVectorLayer(ds.uri(False), title, "postgres")
    return QgsVectorLayer(f"{uri}|layername={table}", title, "ogr")


def add_library_layers(uri: str, project: QgsProject | None = None, authcfg: str = ""):
    """Add (or re-use) the three layers for library ``uri``; returns {table: layer}."""
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    group_name = tr("Yimatong project library")
    group = root.findGroup(group_name) or root.insertGroup(0, group_name)
    layers: dict[str, QgsVectorLayer] = {}
    for table in TABLES:
        existing = [
            lyr
            for lyr in project.mapLayers().values()
            if lyr.customProperty("yimatong/table") == table
            and lyr.customProperty("yimatong/library") == uri
        ]
        if existing:
            layers[table] = existing[0]
            continue
        layer = _layer(uri, table, authcfg)
        if not layer.isValid():
            raise ValueError(
                tr("The table {table} of {uri} cannot be loaded.").format(table=table, uri=uri)
            )
        qml = STYLES / f"{table}.qml"
        if qml.exists():
            layer.loadNamedStyle(str(qml))
        for name in DERIVED_FIELDS.get(table, ()):
            # kept by the library's triggers (schema v4): not editable in QGIS's forms
            index = layer.fields().indexOf(name)
            if index >= 0:
                config = layer.editFormConfig()
                config.setReadOnly(index, True)
                layer.setEditFormConfig(config)
        layer.setCustomProperty("yimatong/table", table)
        layer.setCustomProperty("yimatong/library", uri)
        project.addMapLayer(layer, False)
        group.addLayer(layer)
        layers[table] = layer
    _label_parcels_by_project(layers["ymt_parcels"], layers["ymt_projects"])
    manager = project.relationManager()
    projects = layers["ymt_projects"]
    for rel_id, child in RELATIONS:
        rid = f"{rel_id}_{projects.id()}"
        if manager.relation(rid).isValid():
            continue
        rel = QgsRelation()
        rel.setId(rid)
        rel.setName(tr("Project parcels") if child == "ymt_parcels" else tr("Project stage events"))
        rel.setReferencingLayer(layers[child].id())
        rel.setReferencedLayer(projects.id())
        rel.addFieldPair("code", "code")
        if rel.isValid():
            manager.addRelation(rel)
    return layers


#: the project's name joined onto the parcels layer (for the labels) under this field name
PROJECT_NAME_FIELD = "ymt_project_name"
PARCEL_LABEL_EXPRESSION = (
    f"coalesce(\"{PROJECT_NAME_FIELD}\", '')"
    " || '\\n' || coalesce(\"label\" || ' · ', '') || right(\"code\", 6)"
)


def _label_parcels_by_project(parcels: QgsVectorLayer, projects: QgsVectorLayer) -> None:
    """Parcel labels that tell projects apart: the project's name, then the parcel's own label
    and the serial (two projects both read 000001). The name comes by a join on ``code`` (a
    join is read safely by the map's render threads; a get_feature() lookup is not)."""
    if PROJECT_NAME_FIELD not in parcels.fields().names():
        join = QgsVectorLayerJoinInfo()
        join.setJoinLayer(projects)
        join.setJoinFieldName("code")
        join.setTargetFieldName("code")
        join.setJoinFieldNamesSubset(["name"])
        join.setPrefix("ymt_project_")
        join.setUsingMemoryCache(False)
        join.setEditable(False)
        parcels.addJoin(join)
        index = parcels.fields().indexOf(PROJECT_NAME_FIELD)
        if index >= 0:
            parcels.setFieldAlias(index, tr("Project name"))
    labeling = parcels.labeling()
    if labeling is None:
        return
    labeling = labeling.clone()
    settings = labeling.settings()
    settings.fieldName = PARCEL_LABEL_EXPRESSION
    settings.isExpression = True
    labeling.setSettings(settings)
    parcels.setLabeling(labeling)


def zoom_and_flash(canvas, geometries, crs, margin: float = 1.3) -> None:
    """Zoom ``canvas`` to ``geometries`` (QgsGeometry in ``crs``), the extent scaled by
    ``margin``, and flash them."""
    xform = QgsCoordinateTransform(
        crs, canvas.mapSettings().destinationCrs(), QgsProject.instance()
    )
    extent = empty_rectangle()
    for geometry in geometries:
        extent.combineExtentWith(xform.transformBoundingBox(geometry.boundingBox()))
    extent.scale(margin)
    canvas.setExtent(extent)
    canvas.refresh()
    canvas.flashGeometries(geometries, crs)
