"""Widgets of the import dialog for real plan tables: the header-row picker with a preview of
the sheet's first rows, and the defaults for code segments the file does not hold (remembered
with the column mapping; the year of the title "…2024年度…" is offered)."""

from __future__ import annotations

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QFont
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import importer
from ..toolbelt.i18n import tr

#: the code segments a default can be given for, in code order
DEFAULT_FIELDS = importer.SEGMENT_FIELDS


class HeaderRowPicker(QWidget):
    """A spin box for the row holding the column names and the sheet's first rows, the chosen
    header row shown in bold. ``headerRowChosen(row)`` is emitted when the user changes it."""

    headerRowChosen = pyqtSignal(int)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.spin = QSpinBox()
        self.spin.setMinimum(1)
        self.spin.setMaximum(1)
        self.found = QLabel()
        self.preview = QTableWidget(0, 0)
        self.preview.verticalHeader().setVisible(True)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Column names in row")))
        row.addWidget(self.spin)
        row.addWidget(self.found, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.preview, 1)
        self.spin.valueChanged.connect(self._chosen)
        self._quiet = False

    def _chosen(self, value: int) -> None:
        if not self._quiet:
            self.headerRowChosen.emit(value)

    def header_row(self) -> int:
        return self.spin.value()

    def show_layout(self, layout) -> None:
        """Show the preview and header row of a :class:`core.table_layout.TableLayout`."""
        self._quiet = True
        try:
            preview = layout.preview if layout is not None else []
            width = max((len(cells) for _, cells in preview), default=0)
            self.preview.setRowCount(len(preview))
            self.preview.setColumnCount(width)
            self.preview.setVerticalHeaderLabels([str(r) for r, _ in preview])
            bold = QFont()
            bold.setBold(True)
            for i, (rownum, cells) in enumerate(preview):
                for j, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)
                    if layout is not None and rownum == layout.header_row:
                        item.setFont(bold)
                        item.setBackground(QBrush(QColor("#dbeafe")))
                    self.preview.setItem(i, j, item)
            self.preview.resizeColumnsToContents()
            for j in range(width):  # a long title in column A must not push the rest away
                self.preview.setColumnWidth(j, min(self.preview.columnWidth(j), 160))
            self.spin.setMaximum(max(1, len(preview)))
            if layout is not None:
                self.spin.setValue(layout.header_row)
                self.found.setText(
                    tr("(found: row {row})").format(row=layout.detected_header_row)
                    if layout.detected_header_row
                    else ""
                )
        finally:
            self._quiet = False


class SegmentDefaults(QGroupBox):
    """One default per code segment, used in every row whose file has no value for it."""

    changed = pyqtSignal()

    def __init__(self, dictionaries: dict | None, parent=None):
        super().__init__(tr("Defaults for code segments the file does not give"), parent)
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout(self)
        self.year_hint = QLabel()
        for name in DEFAULT_FIELDS:
            if name == "year":
                w = QLineEdit()
                w.setPlaceholderText(tr("e.g. 2024"))
                w.textChanged.connect(lambda *_: self.changed.emit())
                box = QHBoxLayout()
                box.addWidget(w)
                box.addWidget(self.year_hint, 1)
                form.addRow(importer.field_label(name), box)
            else:
                w = QComboBox()
                w.addItem(tr("(none)"), "")
                for code, label in sorted(((dictionaries or {}).get(name) or {}).items()):
                    if name == "land_use" and len(code) != 4:
                        continue  # the code takes level-2 classes only
                    w.addItem(f"{code} {label}", code)
                w.currentIndexChanged.connect(lambda *_: self.changed.emit())
                form.addRow(importer.field_label(name), w)
            self.widgets[name] = w

    def values(self) -> dict[str, str]:
        out = {}
        for name, w in self.widgets.items():
            value = w.text().strip() if isinstance(w, QLineEdit) else w.currentData()
            if value:
                out[name] = value
        return out

    def set_value(self, name: str, value: str) -> bool:
        w = self.widgets[name]
        if isinstance(w, QLineEdit):
            w.setText(value or "")
            return True
        index = w.findData(value or "")
        if index < 0:
            return False
        w.setCurrentIndex(index)
        return True

    def set_values(self, values: dict[str, str]) -> None:
        for name in self.widgets:
            self.set_value(name, values.get(name, ""))
        self.year_hint.setText("")

    def offer_year(self, year: str | None, title: str = "") -> None:
        """Take the year of the file's title as the default year: it wins over a year
        remembered from an earlier plan (the hint says which one it replaced)."""
        w = self.widgets["year"]
        if not year:
            return
        before = w.text().strip()
        w.setText(year)
        hint = tr("from the title: {title}").format(title=title[:40])
        if before and before != year:
            hint += " " + tr("(was {year})").format(year=before)
        self.year_hint.setText(hint)
