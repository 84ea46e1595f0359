"""One logging entry point: QGIS message log under the plugin tag, optionally the message bar."""

from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog

TAG = "Yimatong"

_LEVELS = {
    "info": Qgis.Info,
    "warning": Qgis.Warning,
    "critical": Qgis.Critical,
    "success": Qgis.Success,
}


def log(message: str, level: str = "info", push: bool = False, duration: int = 5) -> None:
    """Log ``message``; with ``push=True`` also show it in QGIS's message bar."""
    qlevel = _LEVELS.get(level, Qgis.Info)
    QgsMessageLog.logMessage(str(message), TAG, qlevel)
    if push:
        try:
            from qgis.utils import iface
        except ImportError:  # pragma: no cover - qgis.utils always exists inside QGIS
            iface = None
        if iface is not None and hasattr(iface, "messageBar"):
            iface.messageBar().pushMessage(TAG, str(message), qlevel, duration)
