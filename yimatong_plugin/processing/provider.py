"""The Yimatong Processing provider (id ``yimatong``)."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication

from ..__about__ import PROVIDER_ID, __version__
from ..toolbelt.i18n import CONTEXT
from ..toolbelt.resources import icon
from .algorithms import algorithm_classes


class YimatongProvider(QgsProcessingProvider):
    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return QCoreApplication.translate(CONTEXT, "Yimatong")

    def longName(self) -> str:
        return f"{self.name()} {__version__}"

    def icon(self):
        return icon("yimatong.svg")

    def loadAlgorithms(self):
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
