"""A small dialog: attach the selected features of a layer to a project code as parcels.

Check first (nothing written; every feature listed with its area, warnings and errors), then
attach in one transaction through the library (``add_parcel`` / ``replace_parcel``).
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox, QgsProjectionSelectionWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..core.coordfile import CoordFileError
from ..core.library.constants import STAGES
from ..core.library.errors import LibraryError
from ..gis import parcel_attach
from ..gis.coordfile_layer import COORDFILE_PROPERTY, SOURCE_PROPERTY
from ..gis.qgis_compat import polygon_or_line_layers
from ..toolbelt.i18n import tr
from .dialog_buttons import close_buttons


def file_filter() -> str:
    return tr(
        "Parcel files (*.shp *.gpkg *.dxf *.txt);;Coordinate files 坐标 TXT (*.txt);;All files (*)"
    )


class ParcelAttachDialog(QDialog):
    def __init__(self, library, code: str = "", parent=None, layer: QgsVectorLayer | None = None):
        super().__init__(parent)
        self.library = library
        self.candidates: list[parcel_attach.ParcelCandidate] = []
        self.attached_ids: list[int] = []
        self.setWindowTitle(tr("Attach parcels to a project"))
        self.resize(620, 520)

        form = QFormLayout()
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(polygon_or_line_layers())
        if layer is not None:
            self.layer_combo.setLayer(layer)
        self.open_button = QPushButton(tr("Open file…"))
        self.open_button.setToolTip(
            tr("A Shapefile, GeoPackage, DXF or surveyors' coordinate file (坐标 TXT)")
        )
        layer_row = QHBoxLayout()
        layer_row.addWidget(self.layer_combo, 1)
        layer_row.addWidget(self.open_button)
        form.addRow(tr("Layer"), layer_row)
        self.crs_widget = QgsProjectionSelectionWidget()
        self.crs_widget.setOptionVisible(QgsProjectionSelectionWidget.CrsOption.CrsNotSet, True)
        self.crs_widget.setNotSetText(tr("the layer's CRS"))
        self.crs_widget.setCrs(QgsCoordinateReferenceSystem())
        form.addRow(tr("Coordinates in"), self.crs_widget)
        self.selected_only = QCheckBox(tr("Selected features only"))
        self.selected_only.setChecked(True)
        form.addRow("", self.selected_only)
        self.label_field = QgsFieldComboBox()
        self.label_field.setAllowEmptyFieldName(True)
        form.addRow(tr("Parcel label field"), self.label_field)
        self.code_edit = QLineEdit(code)
        self.code_edit.setPlaceholderText(tr("28-digit project code"))
        self.project_label = QLabel()
        form.addRow(tr("Project code"), self.code_edit)
        form.addRow("", self.project_label)
        self.stage_combo = QComboBox()
        self.stage_combo.addItem(tr("(no stage)"), None)
        for key, name in STAGES.items():
            self.stage_combo.addItem(name, key)
        form.addRow(tr("Stage"), self.stage_combo)
        self.replace_combo = QComboBox()
        form.addRow(tr("Replaces"), self.replace_combo)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(tr("e.g. 修测 (re-survey)"))
        form.addRow(tr("Reason"), self.reason_edit)
        self.repair = QCheckBox(tr("Repair invalid geometries"))
        self.gcj02 = QCheckBox(tr("Coordinates come from a web map (GCJ-02): convert"))
        form.addRow("", self.repair)
        form.addRow("", self.gcj02)

        self.results = QTreeWidget()
        self.results.setHeaderLabels([tr("Feature"), tr("Area (m²)"), tr("Check")])
        self.results.setRootIsDecorated(False)
        self.check_button = QPushButton(tr("Check"))
        self.buttons = close_buttons(self)
        self.attach_button = self.buttons.addButton(
            tr("Attach"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.attach_button.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check_button)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.layer_combo.layerChanged.connect(self._layer_changed)
        self.code_edit.textChanged.connect(self._code_changed)
        self.check_button.clicked.connect(self.run_checks)
        self.open_button.clicked.connect(self.choose_file)
        self.attach_button.clicked.connect(self.do_attach)
        for w in (self.selected_only, self.repair, self.gcj02):
            w.toggled.connect(self._invalidate)
        self.replace_combo.currentIndexChanged.connect(self._invalidate)
        self.crs_widget.crsChanged.connect(self._invalidate)
        self._layer_changed(self.layer_combo.currentLayer())
        self._code_changed(code)

    # -- state --------------------------------------------------------------------------
    def _layer_changed(self, layer):
        self.label_field.setLayer(layer)
        self._invalidate()

    def _invalidate(self, *_):
        self.candidates = []
        self.attach_button.setEnabled(False)
        self.results.clear()

    def code(self) -> str:
        return "".join(ch for ch in self.code_edit.text() if ch.isdigit())

    def _code_changed(self, _text):
        self._invalidate()
        self.replace_combo.clear()
        self.replace_combo.addItem(tr("(a new parcel)"), None)
        code = self.code()
        project = None
        if len(code) == 28 and self.library is not None:
            try:
                project = self.library.project(code)
            except LibraryError:
                project = None
        if project is None:
            self.project_label.setText(tr("No such project in the library.") if code else "")
            return
        self.project_label.setText(project.get("name") or "")
        for p in self.library.parcels(code, include_retired=False):
            text = tr("parcel {id} {label} ({area:,.0f} m²)").format(
                id=p["fid"], label=p.get("label") or "", area=p.get("area_m2") or 0
            )
            self.replace_combo.addItem(text, p["fid"])

    # -- actions ------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open a parcel file"), "", file_filter())
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> QgsVectorLayer | None:
        """Load a parcel file into the project and choose it; a coordinate file (坐标 TXT) goes
        through the coordinate-file reader: every feature of it is checked, labelled by its
        地块编号, and a malformed file is refused with its problems by line number."""
        self._invalidate()
        try:
            layer = open_layer_for_attach(path)
        except CoordFileError as exc:
            self.status.setText(
                tr("{path} cannot be used; nothing can be attached:\n{problems}").format(
                    path=path, problems=str(exc)
                )
            )
            return None
        except OSError as exc:
            self.status.setText(str(exc))
            return None
        if layer is None:
            self.status.setText(tr("{path} is not a layer QGIS can read.").format(path=path))
            return None
        self.layer_combo.setLayer(layer)
        if layer.customProperty(SOURCE_PROPERTY):  # a coordinate file: all its parcels
            self.selected_only.setChecked(False)
            self.label_field.setField("parcel_no")
            self.status.setText(layer.customProperty(COORDFILE_PROPERTY) or "")
        return layer

    def run_checks(self) -> list[parcel_attach.ParcelCandidate]:
        self._invalidate()
        layer = self.layer_combo.currentLayer()
        if layer is None:
            self.status.setText(tr("Choose a layer."))
            return []
        feats = parcel_attach.features_of(layer, self.selected_only.isChecked())
        if not feats:
            self.status.setText(tr("No features selected in {layer}.").format(layer=layer.name()))
            return []
        self.candidates = parcel_attach.check_features(
            layer,
            feats,
            label_field=self.label_field.currentField() or None,
            library=self.library,
            code=self.code(),
            replace_id=self.replace_combo.currentData(),
            repair=self.repair.isChecked(),
            undo_gcj02=self.gcj02.isChecked(),
            crs=self.crs_widget.crs(),
        )
        n_bad = 0
        for cand in self.candidates:
            if cand.errors:
                n_bad += 1
                verdict = "✗ " + "; ".join(cand.errors)
            elif cand.warnings:
                verdict = "⚠ " + "; ".join(cand.warnings)
            else:
                verdict = "✓"
            area = f"{cand.area_m2:,.1f}" if cand.area_m2 > 0 else ""
            item = QTreeWidgetItem([cand.label, area, verdict])
            item.setToolTip(2, verdict)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.results.addTopLevelItem(item)
        self.results.resizeColumnToContents(0)
        ok = n_bad == 0 and len(self.code()) == 28
        self.attach_button.setEnabled(ok)
        if n_bad:
            self.status.setText(
                tr("{n} of {total} features fail the checks; nothing can be attached.").format(
                    n=n_bad, total=len(self.candidates)
                )
            )
        else:
            self.status.setText(tr("{n} features ready.").format(n=len(self.candidates)))
        return self.candidates

    def do_attach(self) -> list[int]:
        if not self.candidates:
            self.run_checks()
        layer = self.layer_combo.currentLayer()
        try:
            self.attached_ids = parcel_attach.attach(
                self.library,
                self.code(),
                self.candidates,
                stage=self.stage_combo.currentData(),
                replace_id=self.replace_combo.currentData(),
                reason=self.reason_edit.text().strip(),
                source_file=parcel_attach.layer_source_file(layer) if layer else None,
            )
        except LibraryError as exc:
            self.status.setText(str(exc))
            return []
        self.status.setText(
            tr("Attached {n} parcels to {code}.").format(n=len(self.attached_ids), code=self.code())
        )
        self.accept()
        return self.attached_ids


def open_layer_for_attach(path: str) -> QgsVectorLayer | None:
    """Load a surveyor's file (GBK Shapefile, GeoPackage, DXF, coordinate file 坐标 TXT) into the
    project; a malformed coordinate file raises CoordFileError."""
    layer = parcel_attach.open_parcel_layer(path)
    if not layer.isValid():
        return None
    QgsProject.instance().addMapLayer(layer)
    return layer
