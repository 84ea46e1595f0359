"""The code generator dialog (代码生成器): pick the seven segments, see the 28 digits live,
allocate the serial in the library together with the project record, copy the code, print it as
a QR image.

A code is never reused, so allocating is deliberate: the dialog starts from the segments used
last (or none), names the target library, requires a project name and asks before it allocates;
the serial and the project record are written in one transaction. Without a library the dialog
is a preview only.

The library is any object with ``new_project(name, source, segments) -> ProjectCode``
(core/library/base.py).
"""

from __future__ import annotations

import datetime
import html
import io
from pathlib import Path
from typing import Callable, Optional

from qgis.core import (
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont, QFontDatabase, QPixmap
from qgis.PyQt.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ..core.code import (
    SEGMENT_NAMES,
    SEGMENT_WIDTHS,
    YEAR_MAX_AHEAD,
    YEAR_MIN,
    ProjectCode,
    segment_errors,
)
from ..core.dictionaries import default_dictionaries
from ..core.library.constants import SOURCES
from ..toolbelt.i18n import tr
from .code_division import DEFAULT_DIVISION_LAYER, DivisionFromParcelMixin  # noqa: F401
from .dialog_buttons import close_buttons

PREFIX_SEGMENTS = SEGMENT_NAMES[:-1]
SERIAL_PLACEHOLDER = "······"

ERROR_COLOUR = "#c62828"
OK_COLOUR = "#1b3a57"
PENDING_COLOUR = "#9e9e9e"


def qr_png(text: str, scale: int = 8) -> bytes:
    """PNG bytes of ``text`` as a QR code (segno, error correction M, 4-module quiet zone)."""
    import segno  # pure Python; imported here so the dialog opens even without it

    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _segment_labels() -> dict[str, str]:
    return {
        "region": tr("Region feature code"),
        "admin": tr("Administrative division"),
        "year": tr("Year"),
        "approval_type": tr("Approval type"),
        "project_type": tr("Project type"),
        "supply_type": tr("Land-supply type"),
        "land_use": tr("Transfer use (用地用海 level 2)"),
        "serial": tr("Serial number"),
    }


class CodeDialog(DivisionFromParcelMixin, QDialog):
    """Compose a project code segment by segment and allocate it in a library."""

    def __init__(
        self,
        library=None,
        dictionaries=None,
        parent=None,
        region_code: str = "43",
        division_layer: Optional[QgsVectorLayer] = None,
        division_field: str = "adcode",
        selected_geometry: Optional[Callable[[], tuple]] = None,
        library_label: str = "",
        last_used: Optional[dict] = None,
    ):
        super().__init__(parent)
        self.setObjectName("YimatongCodeDialog")
        self.setWindowTitle(tr("Project code generator"))
        self.library = library
        self.dictionaries = dictionaries if dictionaries is not None else default_dictionaries()
        self.allocated_code: Optional[ProjectCode] = None
        #: segments and source of the last successful allocation (saved by the opener)
        self.last_used: Optional[dict] = None
        #: the codes allocated (projects created) while the dialog was open
        self.created: list[ProjectCode] = []
        self._qr_bytes: Optional[bytes] = None
        self._division_layer = division_layer
        self._division_field = division_field
        #: callable returning (QgsGeometry, QgsCoordinateReferenceSystem) of the selected parcel
        #: (or (None, None)); the plugin passes one reading the active layer's selection
        self.selected_geometry = selected_geometry
        self.combos: dict[str, QComboBox] = {}
        self._library_label = library_label
        self._build_ui()
        self._fill_combos(region_code, last_used or {})
        self.update_preview()

    # -- construction ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        labels = _segment_labels()
        for name in PREFIX_SEGMENTS:
            combo = QComboBox(self)
            combo.setObjectName(f"combo_{name}")
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.setMaxVisibleItems(20)
            combo.setMinimumContentsLength(28)
            completer = QCompleter(combo.model(), combo)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            combo.setCompleter(completer)
            combo.lineEdit().setPlaceholderText(tr("type a code or part of a name"))
            combo.editTextChanged.connect(self._on_edit)
            self.combos[name] = combo
            if name == "admin":
                row = QHBoxLayout()
                row.addWidget(combo, 1)
                self.parcel_button = QPushButton(tr("From selected parcel"), self)
                self.parcel_button.setToolTip(
                    tr(
                        "Fill the division from the location of the parcel selected in the "
                        "active layer, using the division-boundary layer."
                    )
                )
                self.parcel_button.clicked.connect(self._on_parcel_clicked)
                row.addWidget(self.parcel_button)
                form.addRow(labels[name], row)
            else:
                form.addRow(labels[name], combo)
        layout.addLayout(form)

        project_box = QGroupBox(tr("Project record"), self)
        project_form = QFormLayout(project_box)
        self.library_info = QLabel(self)
        self.library_info.setObjectName("library")
        self.library_info.setWordWrap(True)
        self.library_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if self.library is None:
            self.library_info.setText(
                tr("No project library is open: preview only, no code can be allocated.")
            )
            self.library_info.setStyleSheet(f"color: {ERROR_COLOUR};")
        else:
            self.library_info.setText(self._library_label or tr("(unnamed library)"))
        project_form.addRow(tr("Target library"), self.library_info)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("name")
        self.name_edit.setPlaceholderText(
            tr("required: the project record is created with the code")
        )
        self.name_edit.textChanged.connect(self._on_edit)
        project_form.addRow(tr("Project name"), self.name_edit)
        self.source_combo = QComboBox(self)
        self.source_combo.setObjectName("source")
        for key, label in SOURCES.items():
            self.source_combo.addItem(label, key)
        project_form.addRow(tr("Project source"), self.source_combo)
        layout.addWidget(project_box)

        preview_box = QGroupBox(tr("28-digit code"), self)
        preview_layout = QVBoxLayout(preview_box)
        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("preview")
        self.preview_label.setTextFormat(Qt.TextFormat.RichText)
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 10) + 6)
        font.setWeight(QFont.Weight.Bold)
        self.preview_label.setFont(font)
        preview_layout.addWidget(self.preview_label)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        preview_layout.addWidget(self.error_label)
        layout.addWidget(preview_box)

        result_box = QGroupBox(tr("Allocated code"), self)
        result_layout = QHBoxLayout(result_box)
        left = QVBoxLayout()
        self.result_label = QLabel(tr("Not allocated yet."), self)
        self.result_label.setObjectName("result")
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setFont(font)
        left.addWidget(self.result_label)
        buttons_row = QHBoxLayout()
        self.allocate_button = QPushButton(tr("Allocate and create project…"), self)
        self.allocate_button.setObjectName("allocate")
        self.allocate_button.clicked.connect(self._on_allocate_clicked)
        self.copy_button = QPushButton(tr("Copy"), self)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.save_qr_button = QPushButton(tr("Save QR image…"), self)
        self.save_qr_button.clicked.connect(self._on_save_qr_clicked)
        for button in (self.allocate_button, self.copy_button, self.save_qr_button):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        left.addLayout(buttons_row)
        left.addStretch(1)
        result_layout.addLayout(left, 1)
        self.qr_label = QLabel(self)
        self.qr_label.setObjectName("qr")
        self.qr_label.setFixedSize(180, 180)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_label.setStyleSheet("background: white; border: 1px solid #ccc;")
        result_layout.addWidget(self.qr_label)
        layout.addWidget(result_box)

        layout.addWidget(close_buttons(self))
        self._refresh_result()

    # slots: bound methods (PyQt holds them weakly; lambdas over self would keep the dialog
    # and the Qt-free objects it holds alive in a reference cycle)
    def _on_edit(self, *_args) -> None:
        self.update_preview()

    def _on_parcel_clicked(self, *_args) -> None:
        self.fill_division_from_parcel()

    def _on_allocate_clicked(self, *_args) -> None:
        self.allocate()

    def _on_copy_clicked(self, *_args) -> None:
        self.copy_to_clipboard()

    def _on_save_qr_clicked(self, *_args) -> None:
        self._ask_save_qr()

    def _fill_combos(self, region_code: str, last_used: dict) -> None:
        dicts = self.dictionaries
        for name in ("region", "admin", "approval_type", "project_type", "supply_type"):
            combo = self.combos[name]
            combo.blockSignals(True)
            for code, label in sorted(dicts[name].items()):
                combo.addItem(f"{code} {label}", code)
            combo.blockSignals(False)
        land_use = dicts["land_use"]
        combo = self.combos["land_use"]
        combo.blockSignals(True)
        for code, label in sorted(land_use.items()):
            if len(code) == 4:
                parent = land_use.get(code[:2], "")
                combo.addItem(f"{code} {label}（{parent}）" if parent else f"{code} {label}", code)
        year_combo = self.combos["year"]
        year_combo.blockSignals(True)
        this_year = datetime.date.today().year
        for year in range(this_year + YEAR_MAX_AHEAD, YEAR_MIN - 1, -1):
            year_combo.addItem(str(year), str(year))
        for combo in self.combos.values():
            combo.blockSignals(False)
            combo.setCurrentIndex(-1)  # nothing chosen: no segment is preselected by accident
            combo.setEditText("")
        # starting values: the segments used last, else only the bureau's region and this year
        if region_code in dicts["region"]:
            self.set_segment("region", region_code)
        self.set_segment("year", str(this_year))
        for name in PREFIX_SEGMENTS:
            if last_used.get(name):
                self.set_segment(name, str(last_used[name]))
        source = last_used.get("source")
        if source and self.source_combo.findData(source) >= 0:
            self.source_combo.setCurrentIndex(self.source_combo.findData(source))

    # -- segment values ----------------------------------------------------------------------
    def set_segment(self, name: str, value: str) -> None:
        """Select ``value`` (a code) in the segment's combo, or type it when not listed."""
        combo = self.combos[name]
        index = combo.findData(str(value))
        if index >= 0:
            combo.setCurrentIndex(index)
            combo.setEditText(combo.itemText(index))
        else:
            combo.setEditText(str(value))
        self.update_preview()

    def segment_value(self, name: str) -> str:
        """The code the user chose or typed for segment ``name`` (first word of the text)."""
        combo = self.combos[name]
        text = combo.currentText().strip()
        index = combo.findText(text)
        if index >= 0 and combo.itemData(index):
            return str(combo.itemData(index))
        return text.split()[0] if text else ""

    def values(self) -> dict[str, str]:
        return {name: self.segment_value(name) for name in PREFIX_SEGMENTS}

    def failing_segments(self) -> dict:
        """``{segment: CodeError}`` for every segment that is wrong now."""
        return segment_errors(self.values(), self.dictionaries)

    # -- preview -----------------------------------------------------------------------------
    def update_preview(self) -> None:
        values = self.values()
        errors = self.failing_segments()
        parts = []
        for name in PREFIX_SEGMENTS:
            width = SEGMENT_WIDTHS[name]
            value = values[name] or "?" * width
            colour = ERROR_COLOUR if name in errors else OK_COLOUR
            decoration = "text-decoration: underline;" if name in errors else ""
            parts.append(
                f'<span style="color:{colour};{decoration}" title="{html.escape(name)}">'
                f"{html.escape(value)}</span>"
            )
            combo = self.combos[name]
            combo.setStyleSheet(
                f"QComboBox {{ border: 2px solid {ERROR_COLOUR}; }}" if name in errors else ""
            )
            combo.setToolTip(str(errors[name]) if name in errors else "")
        parts.append(f'<span style="color:{PENDING_COLOUR};">{SERIAL_PLACEHOLDER}</span>')
        self.preview_label.setText("&nbsp;".join(parts))
        self.error_label.setText("\n".join(str(e) for e in errors.values()))
        has_name = bool(self.project_name())
        self.allocate_button.setEnabled(not errors and has_name and self.library is not None)
        if self.library is None:
            self.allocate_button.setToolTip(tr("No project library is open."))
        elif not has_name:
            self.allocate_button.setToolTip(tr("Enter the project name first."))
        else:
            self.allocate_button.setToolTip(
                tr(
                    "Reserve the next serial number in the library and create the project "
                    "record (asks first)."
                )
            )

    def project_name(self) -> str:
        return self.name_edit.text().strip()

    def preview_text(self) -> str:
        """The preview as plain text: the seven segments and the serial placeholder."""
        values = self.values()
        return " ".join([values[n] for n in PREFIX_SEGMENTS] + [SERIAL_PLACEHOLDER])

    def error_text(self) -> str:
        return self.error_label.text()

    # -- allocation, clipboard, QR -----------------------------------------------------------
    def confirm_text(self) -> str:
        """What the confirmation asks: the code prefix, the project, the library."""
        values = self.values()
        prefix = " ".join(values[n] for n in PREFIX_SEGMENTS)
        return tr(
            "Allocate the next serial of\n{prefix} ······\nin the library\n{library}\nand create "
            "the project “{name}” ({source})?\n\nA code is never reused: once allocated, the "
            "serial is used up even if the project is archived later."
        ).format(
            prefix=prefix,
            library=self._library_label or tr("(unnamed library)"),
            name=self.project_name(),
            source=self.source_combo.currentText(),
        )

    def confirm(self) -> bool:
        """Ask before a serial is used up; the safe answer (cancel) is the default."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Allocate a project code"),
            self.confirm_text(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(tr("Allocate and create project"))
        box.button(QMessageBox.StandardButton.Cancel).setText(tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def allocate(self) -> Optional[ProjectCode]:
        """After the user confirms, reserve the next serial for the chosen prefix and create
        the project record with it (one transaction); shows and returns the code."""
        if self.failing_segments() or self.library is None:
            self.update_preview()
            return None
        if not self.project_name():
            self.error_label.setText(tr("Enter the project name first."))
            return None
        if not self.confirm():
            return None
        values = self.values()
        values["year"] = int(values["year"])
        try:
            code = self.library.new_project(
                self.project_name(), self.source_combo.currentData(), values
            )
        except Exception as exc:  # LibraryError, CodeError, database errors: show them
            self.error_label.setText(tr("Allocation failed: {error}").format(error=exc))
            return None
        self.allocated_code = code
        self.created.append(code)
        self.last_used = dict(self.values(), source=self.source_combo.currentData())
        try:
            self._qr_bytes = qr_png(str(code))
        except ImportError:
            self._qr_bytes = None
            self.error_label.setText(
                tr("The QR image needs the Python package segno (pip install segno).")
            )
        self._refresh_result()
        return code

    def _refresh_result(self) -> None:
        has_code = self.allocated_code is not None
        self.copy_button.setEnabled(has_code)
        self.save_qr_button.setEnabled(self._qr_bytes is not None)
        if not has_code:
            self.qr_label.clear()
            return
        self.result_label.setText(self.allocated_code.display())
        self.qr_label.setPixmap(
            self.qr_pixmap().scaled(
                self.qr_label.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )

    def copy_to_clipboard(self) -> None:
        """Put the bare 28 digits of the allocated code on the clipboard."""
        if self.allocated_code is not None:
            QApplication.clipboard().setText(str(self.allocated_code))

    def qr_pixmap(self) -> QPixmap:
        pixmap = QPixmap()
        if self._qr_bytes:
            pixmap.loadFromData(self._qr_bytes, "PNG")
        return pixmap

    def save_qr(self, path) -> Path:
        """Write the QR image of the allocated code as PNG to ``path``."""
        if self._qr_bytes is None:
            raise ValueError(tr("No code has been allocated yet."))
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        path.write_bytes(self._qr_bytes)
        return path

    def _ask_save_qr(self) -> None:
        if self.allocated_code is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Save QR image"),
            f"{self.allocated_code}.png",
            tr("PNG images (*.png)"),
        )
        if path:
            self.save_qr(path)
