"""打开 → 项目库服务（HTTP）…: the exchange service's address and the QGIS authentication
configuration holding its API key (chosen from a list, or a new one made in place), instead of
typing ``https://host/api/v1?authcfg=<id>`` by hand. The key itself never leaves QGIS's
authentication database; the library's address keeps only the configuration's id.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from qgis.gui import QgsAuthConfigSelect
from qgis.PyQt.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit

from ..toolbelt.i18n import tr
from .dialog_buttons import ok_cancel_buttons


def service_uri(address: str, authcfg: str) -> str:
    """``address`` with ``authcfg=<id>`` set in its query (replacing one already there), or
    unchanged without an id. Raises ValueError for an address that is not http(s)."""
    address = address.strip()
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(tr("The address must start with http:// or https:// and name a host"))
    if not authcfg:
        return address
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "authcfg"]
    query.append(("authcfg", authcfg))
    return urlunsplit(parts._replace(query=urlencode(query)))


class ServiceDialog(QDialog):
    """The service's address and its key's authentication configuration; :meth:`uri` is the
    library address to open."""

    def __init__(self, parent=None, address: str = ""):
        super().__init__(parent)
        self.setWindowTitle(tr("Library service"))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        parts = urlsplit(address.strip()) if address else None
        current = dict(parse_qsl(parts.query)).get("authcfg", "") if parts else ""
        self.address = QLineEdit(
            urlunsplit(parts._replace(query="")) if parts and parts.scheme else ""
        )
        self.address.setPlaceholderText("https://host/api/v1")
        form.addRow(tr("Service address"), self.address)
        self.auth = QgsAuthConfigSelect(self)
        if current:
            self.auth.setConfigId(current)
        form.addRow(tr("API key"), self.auth)
        hint = QLabel(
            tr(
                "Keep the key in a QGIS authentication configuration (method Basic, the key "
                "as password); only its id is remembered."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        form.addRow(ok_cancel_buttons(self))

    def uri(self) -> str:
        return service_uri(self.address.text(), self.auth.configId())

    def accept(self) -> None:
        try:
            self.uri()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
