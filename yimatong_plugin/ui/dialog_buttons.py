"""The button rows the plugin's dialogs share: OK / Cancel, and a Close (关闭) button."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox

from ..toolbelt.i18n import tr


def ok_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, wired to ``dialog``'s accept and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """A Close button (its text translated) that closes ``dialog`` (reject); a dialog may add
    its own action buttons to the row."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
    buttons.rejected.connect(dialog.reject)
    return buttons
