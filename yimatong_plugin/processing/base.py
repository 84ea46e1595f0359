"""A small base class every Yimatong algorithm derives from.

It fixes the group, ``createInstance``, the icon and translation, and requires a
``shortHelpString``: subclasses set ``NAME``, ``DISPLAY_NAME``, ``GROUP_ID``/``GROUP_NAME`` and
``HELP`` (English source strings; translated through ``tr``).
"""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtCore import QCoreApplication

from ..toolbelt.i18n import CONTEXT
from ..toolbelt.resources import icon


class YimatongAlgorithm(QgsProcessingAlgorithm):
    NAME: str = ""
    DISPLAY_NAME: str = ""
    GROUP_ID: str = "general"
    GROUP_NAME: str = "General"
    HELP: str = ""
    ICON: str = "yimatong.svg"

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(CONTEXT, text)

    def name(self) -> str:
        return self.NAME

    def displayName(self) -> str:
        return self.tr(self.DISPLAY_NAME)

    def group(self) -> str:
        return self.tr(self.GROUP_NAME)

    def groupId(self) -> str:
        return self.GROUP_ID

    def shortHelpString(self) -> str:
        if not self.HELP:
            raise NotImplementedError(f"{type(self).__name__} must define HELP")
        return self.tr(self.HELP)

    def icon(self):
        return icon(self.ICON)

    def createInstance(self):
        return type(self)()
