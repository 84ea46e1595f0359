"""Import a project list or annual plan: pick the file and source, check the column mapping
(remembered per source), dry run, then import — all or nothing.

The dry run and the import run in a QgsTask on their own library connection, with progress and
cancel; the dialog stays responsive on large plans.
"""

from __future__ import annotations

from pathlib import Path

from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from ..core import importer
from ..core.units import AreaUnit, AreaUnitError, unit_in_header
from ..gis.import_sources import SOURCE_KEYS, mapping_store_path, source_labels
from ..toolbelt.i18n import tr
from ..toolbelt.tasks import run_task
from .dialog_buttons import close_buttons
from .import_layout_widgets import HeaderRowPicker, SegmentDefaults


def field_label_for(name: str, header: str, table_unit: AreaUnit | None = None) -> str:
    """The label of the importer field ``name`` offered for the column ``header``: the declared
    area names the unit the importer converts from (read from the header: 亩, 公顷…, else from
    the table's note 单位：公顷), so a column in 亩 is not mistaken for one in m²."""
    if name == "declared_area_m2":
        try:
            unit = unit_in_header(header) or table_unit
        except AreaUnitError:
            return tr("Declared area (m²) — the header's unit is not understood")
        if unit is AreaUnit.HECTARE:
            return tr("Declared area (m², converted from hectares)")
        if unit is AreaUnit.MU:
            return tr("Declared area (m², converted from mu)")
        if unit is AreaUnit.KM2:
            return tr("Declared area (m², converted from km²)")
    return importer.field_label(name)


class ImportDialog(QDialog):
    finishedImport = pyqtSignal(int)  # noqa: N815 (Qt signal naming) - projects imported

    def __init__(self, uri: str, connection: str = "", parent=None, store_path=None):
        super().__init__(parent)
        self.uri, self.connection = uri, connection
        self.store = importer.MappingStore(store_path or mapping_store_path())
        self.table_data: importer.SourceTable | None = None
        self.plan: importer.ImportPlan | None = None
        self.imported: list[str] = []
        self._task = None
        self.setWindowTitle(tr("Import projects from a spreadsheet"))
        self.resize(820, 640)

        form = QFormLayout()
        self.file = QgsFileWidget()
        self.file.setFilter(tr("Spreadsheets (*.xlsx *.csv)"))
        form.addRow(tr("Spreadsheet (.xlsx or .csv)"), self.file)
        self.sheet = QComboBox()
        form.addRow(tr("Sheet"), self.sheet)
        self.source = QComboBox()
        for key, label in zip(SOURCE_KEYS, source_labels(tr)):
            self.source.addItem(label, key)
        self.source.setCurrentIndex(len(SOURCE_KEYS) - 1)
        form.addRow(tr("Source"), self.source)

        self.header_picker = HeaderRowPicker()
        self.defaults = SegmentDefaults(_dictionaries())
        self.mapping = QTableWidget(0, 3)
        self.mapping.setHorizontalHeaderLabels([tr("Column"), tr("First value"), tr("Field")])
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping.verticalHeader().setVisible(False)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels([tr("Row"), tr("Column"), tr("Problem")])
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.verticalHeader().setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)

        self.buttons = close_buttons(self)
        self.dry_button = QPushButton(tr("Dry run"))
        self.import_button = QPushButton(tr("Import"))
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.dry_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.mapping, tr("Column mapping (remembered for the source)"))
        self.tabs.addTab(self.header_picker, tr("Header row and preview"))
        self.tabs.addTab(self.defaults, tr("Defaults"))
        layout.addWidget(self.tabs, 3)
        layout.addWidget(QLabel(tr("Problems and notes")))
        layout.addWidget(self.problems, 2)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.file.fileChanged.connect(self.load_file)
        self.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.source.currentIndexChanged.connect(self._source_changed)
        self.header_picker.headerRowChosen.connect(self._header_row_chosen)
        self.defaults.changed.connect(self._mapping_changed)
        self.dry_button.clicked.connect(lambda: self.run(dry=True))
        self.import_button.clicked.connect(lambda: self.run(dry=False))

    # -- file and mapping -----------------------------------------------------------------
    def load_file(self, path: str) -> bool:
        self.plan = None
        self.import_button.setEnabled(False)
        self.sheet.blockSignals(True)
        self.sheet.clear()
        if path.lower().endswith((".xlsx", ".xlsm")):
            try:
                import openpyxl

                wb = openpyxl.load_workbook(path, read_only=True)
                self.sheet.addItems(wb.sheetnames)
                wb.close()
            except Exception as exc:  # shown, not raised: the user picked a bad file
                self.status.setText(str(exc))
        self.sheet.setEnabled(self.sheet.count() > 1)
        self.sheet.blockSignals(False)
        ok = self._read()
        self._load_defaults()
        return ok

    def _sheet_changed(self, *_):
        self._read()
        self._load_defaults()

    def _source_changed(self, *_):
        self._fill_mapping()
        self._load_defaults()

    def _header_row_chosen(self, row: int) -> None:
        self._read(header_row=row)

    def set_header_row(self, row: int) -> None:
        """Take the column names from ``row`` (1-based), as the user does with the spin box."""
        self.header_picker.spin.setValue(row)

    def _load_defaults(self) -> None:
        """The defaults remembered for the source; the title's year offered when none is."""
        self.defaults.blockSignals(True)
        try:
            remembered = self.store.defaults_for(self.source.currentData())
            if "region" not in remembered:
                from ..toolbelt.settings import load_settings

                remembered["region"] = load_settings().region_code  # the options page's
            self.defaults.set_values(remembered)
            layout = self.table_data.layout if self.table_data is not None else None
            if layout is not None and layout.year:
                title = next((t for t in layout.title_lines if layout.year in t), "")
                self.defaults.offer_year(layout.year, title)
        finally:
            self.defaults.blockSignals(False)

    def _read(self, header_row: int | None = None) -> bool:
        path = self.file.filePath()
        if not path:
            return False
        self.plan = None
        self.import_button.setEnabled(False)
        try:
            self.table_data = importer.read_table(
                path, sheet=self.sheet.currentText() or None, header_row=header_row
            )
        except importer.ImporterError as exc:
            self.table_data = None
            self.mapping.setRowCount(0)
            self.header_picker.show_layout(None)
            self.status.setText(str(exc))
            return False
        self.header_picker.show_layout(self.table_data.layout)
        self.status.setText(
            tr("{file}: {n} data rows, columns: {columns}").format(
                file=Path(path).name,
                n=len(self.table_data.rows),
                columns=", ".join(self.table_data.headers),
            )
        )
        self._fill_mapping()
        return True

    def _fill_mapping(self, *_):
        data = self.table_data
        self.mapping.setRowCount(0)
        if data is None:
            return
        guess = self.store.mapping_for(self.source.currentData(), data.headers)
        first = data.rows[0][1] if data.rows else []
        table_unit = data.layout.unit if data.layout is not None else None
        self.mapping.setRowCount(len(data.headers))
        for i, header in enumerate(data.headers):
            item = QTableWidgetItem(header)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping.setItem(i, 0, item)
            value = first[i] if i < len(first) and first[i] is not None else ""
            sample = QTableWidgetItem(str(value))
            sample.setFlags(sample.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping.setItem(i, 1, sample)
            combo = QComboBox()
            combo.addItem(tr("(ignore)"), "")
            for name in importer.FIELDS:
                combo.addItem(field_label_for(name, header, table_unit), name)
            combo.setCurrentIndex(max(0, combo.findData(guess.get(header, ""))))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping.setCellWidget(i, 2, combo)

    def _mapping_changed(self, *_):
        self.plan = None
        self.import_button.setEnabled(False)

    def current_mapping(self) -> dict[str, str]:
        out = {}
        for i in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(i, 2)
            out[self.mapping.item(i, 0).text()] = combo.currentData() or ""
        return out

    def set_field(self, column: str, field: str) -> None:
        """Map ``column`` to ``field`` ("" ignores it)."""
        for i in range(self.mapping.rowCount()):
            if self.mapping.item(i, 0).text() == column:
                combo = self.mapping.cellWidget(i, 2)
                combo.setCurrentIndex(combo.findData(field))

    # -- running --------------------------------------------------------------------------
    def run(self, dry: bool = True, background: bool = True) -> None:
        if self.table_data is None or self._task is not None:
            return
        from ..gis.library_connect import open_configured_library
        from ..toolbelt.settings import load_settings

        table, source = self.table_data, self.source.currentData()
        mapping = {c: f for c, f in self.current_mapping().items() if f}
        settings = load_settings()
        defaults = {"region": settings.region_code} if settings.region_code else {}
        defaults.update(self.defaults.values())
        uri, connection = self.uri, self.connection
        result: dict = {}

        def work(task=None):
            def progress(fraction):
                if task is not None:
                    task.setProgress(fraction * 100)
                    return task.isCanceled()
                return False

            with open_configured_library(uri, connection) as lib:
                plan = importer.dry_run(
                    table, source, mapping, library=lib, defaults=defaults, progress=progress
                )
                result["plan"] = plan
                if not dry and plan.ok:
                    result["codes"] = importer.commit(plan, lib, progress=progress)
            return True

        def finished(exception, _value=None):
            self._task = None
            self.progress.setVisible(False)
            self.dry_button.setEnabled(True)
            self._show(result.get("plan"), result.get("codes"), exception, dry, mapping)

        self.dry_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        title = tr("Checking rows…") if dry else tr("Writing into the library…")
        self._task = run_task(
            title, work, finished, background, lambda p: self.progress.setValue(int(p))
        )

    def _show(self, plan, codes, exception, dry, mapping) -> None:
        self.plan = plan
        self.problems.setRowCount(0)
        if exception is not None:
            self.status.setText(str(exception))
            return
        if plan is None:
            return
        self.problems.setRowCount(len(plan.problems) + len(plan.notes))
        for i, p in enumerate(plan.problems):
            for j, text in enumerate([str(p.row or ""), p.column, p.message]):
                self.problems.setItem(i, j, QTableWidgetItem(text))
        for i, p in enumerate(plan.notes, start=len(plan.problems)):
            message = tr("Note: {message}").format(message=p.message)
            for j, text in enumerate([str(p.row or ""), p.column, message]):
                self.problems.setItem(i, j, QTableWidgetItem(text))
        if any(p.field == "segments" for p in plan.problems):
            self.tabs.setCurrentWidget(self.defaults)
        self.problems.resizeColumnToContents(0)
        self.problems.resizeColumnToContents(1)
        if codes is not None:
            self.imported = codes
            self.store.set(
                self.source.currentData(), self.current_mapping(), self.defaults.values()
            )
            self.status.setText(
                tr("Imported {n} projects into {uri}.").format(n=len(codes), uri=self.uri)
            )
            self.finishedImport.emit(len(codes))
            return
        if plan.ok:
            self.status.setText(
                tr("Dry run: {rows} rows ready, {n} problems; nothing was written.").format(
                    rows=len(plan.rows), n=0
                )
                + (
                    " " + tr("Read the {n} notes before importing.").format(n=len(plan.notes))
                    if plan.notes
                    else ""
                )
            )
            self.import_button.setEnabled(True)
        else:
            self.status.setText(
                tr("{n} problems: fix the file or the mapping; nothing can be imported.").format(
                    n=len(plan.problems)
                )
            )


def _dictionaries():
    """The code lists the settings name (bundled when unset); None when they cannot be read."""
    from ..toolbelt.settings import load_settings

    try:
        from ..core.dictionaries import load_dictionaries

        return load_dictionaries(load_settings().dictionary_dir or None)
    except (ImportError, ValueError):
        return None
