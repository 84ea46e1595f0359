"""The plugin's page in QGIS Options (Settings › Options › 一码通).

Library (GeoPackage path, or one of QGIS's saved PostgreSQL connections — credentials stay in
QGIS's authentication manager), code-list folder, region feature code, division-boundary layer
and its code field, area CRS preference. Saved in the typed settings (toolbelt/settings.py).
"""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem
from qgis.gui import (
    QgsFileWidget,
    QgsOptionsPageWidget,
    QgsOptionsWidgetFactory,
    QgsProjectionSelectionWidget,
)
from qgis.PyQt.QtCore import QRegularExpression
from qgis.PyQt.QtGui import QRegularExpressionValidator
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from ..toolbelt.i18n import tr
from ..toolbelt.resources import icon
from ..toolbelt.settings import PluginSettings, load_settings, save_settings


class YimatongOptionsPage(QgsOptionsPageWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("YimatongOptionsPage")
        layout = QVBoxLayout(self)

        box = QGroupBox(tr("Project library"))
        form = QFormLayout(box)
        self.use_file = QRadioButton(tr("GeoPackage file"))
        self.library_file = QgsFileWidget()
        self.library_file.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.library_file.setFilter(tr("GeoPackage (*.gpkg)"))
        self.library_file.setConfirmOverwrite(False)
        form.addRow(self.use_file, self.library_file)
        self.use_pg = QRadioButton(tr("PostgreSQL connection"))
        self.pg_combo = QComboBox()
        form.addRow(self.use_pg, self.pg_combo)
        note = QLabel(
            tr(
                "PostgreSQL connections are the ones saved in QGIS (Data Source Manager); "
                "store their credentials in an authentication configuration."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.public_base_url = QLineEdit()
        self.public_base_url.setPlaceholderText("https://ymt.example.gov.cn")
        self.public_base_url.setToolTip(
            tr("The QR code of a project file opens this service's public page /p/{code}")
        )
        form.addRow(tr("Public address of the exchange service"), self.public_base_url)
        layout.addWidget(box)

        box = QGroupBox(tr("Codes"))
        form = QFormLayout(box)
        self.region = QLineEdit()
        self.region.setMaxLength(2)
        self.region.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,2}")))
        form.addRow(tr("Region feature code"), self.region)
        self.dictionary_dir = QgsFileWidget()
        self.dictionary_dir.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        form.addRow(tr("Code-list folder (empty: bundled lists)"), self.dictionary_dir)
        layout.addWidget(box)

        box = QGroupBox(tr("Maps and areas"))
        form = QFormLayout(box)
        self.division_layer = QgsFileWidget()
        self.division_layer.setFilter(tr("Vector files (*.gpkg *.shp *.geojson *.json)"))
        form.addRow(tr("Division boundaries (empty: Changde counties)"), self.division_layer)
        self.division_field = QLineEdit()
        form.addRow(tr("Division code field"), self.division_field)
        self.area_auto = QRadioButton(tr("Nearest CGCS2000 3-degree Gauss-Krüger zone"))
        self.area_fixed = QRadioButton(tr("Always this CRS:"))
        self.area_crs = QgsProjectionSelectionWidget()
        form.addRow(tr("Area CRS"), self.area_auto)
        form.addRow(self.area_fixed, self.area_crs)
        layout.addWidget(box)
        layout.addStretch(1)

        self.use_pg.toggled.connect(self._sync)
        self.area_fixed.toggled.connect(self._sync)
        self.load(load_settings())

    def _sync(self, *_):
        self.pg_combo.setEnabled(self.use_pg.isChecked())
        self.library_file.setEnabled(not self.use_pg.isChecked())
        self.area_crs.setEnabled(self.area_fixed.isChecked())

    def load(self, settings: PluginSettings) -> None:
        from ..gis.library_connect import postgres_connection_names

        self.pg_combo.clear()
        names = postgres_connection_names()
        self.pg_combo.addItems(names)
        if settings.library_connection and settings.library_connection not in names:
            self.pg_combo.addItem(settings.library_connection)
        if settings.library_connection:
            self.use_pg.setChecked(True)
            self.pg_combo.setCurrentText(settings.library_connection)
        else:
            self.use_file.setChecked(True)
            self.library_file.setFilePath(settings.library_uri)
        self.region.setText(settings.region_code)
        self.dictionary_dir.setFilePath(settings.dictionary_dir)
        self.division_layer.setFilePath(settings.division_layer)
        self.division_field.setText(settings.division_field)
        self.public_base_url.setText(settings.public_base_url)
        if settings.area_crs and settings.area_crs != "auto":
            self.area_fixed.setChecked(True)
            self.area_crs.setCrs(QgsCoordinateReferenceSystem(settings.area_crs))
        else:
            self.area_auto.setChecked(True)
            self.area_crs.setCrs(QgsCoordinateReferenceSystem("EPSG:4546"))
        self._sync()

    def settings(self) -> PluginSettings:
        from ..gis.library_connect import connection_datasource, safe_uri

        s = load_settings()
        if self.use_pg.isChecked() and self.pg_combo.currentText():
            s.library_connection = self.pg_combo.currentText()
            try:
                s.library_uri = safe_uri(connection_datasource(s.library_connection))
            except ValueError:
                s.library_uri = ""
        else:
            s.library_connection = ""
            s.library_uri = self.library_file.filePath().strip()
        s.region_code = self.region.text().strip() or s.region_code
        s.dictionary_dir = self.dictionary_dir.filePath().strip()
        s.division_layer = self.division_layer.filePath().strip()
        s.division_field = self.division_field.text().strip() or "adcode"
        s.public_base_url = self.public_base_url.text().strip()
        crs = self.area_crs.crs()
        s.area_crs = crs.authid() if self.area_fixed.isChecked() and crs.isValid() else "auto"
        return s

    def apply(self):
        save_settings(self.settings())


class YimatongOptionsFactory(QgsOptionsWidgetFactory):
    def __init__(self):
        super().__init__()
        self.setTitle(tr("Yimatong"))

    def icon(self):
        return icon("yimatong.svg")

    def createWidget(self, parent):
        return YimatongOptionsPage(parent)
