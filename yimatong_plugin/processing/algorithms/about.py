"""``yimatong:about``: reports the plugin version and where its code lists come from."""

from __future__ import annotations

from qgis.core import QgsProcessingOutputString

from ...__about__ import __version__
from ..base import YimatongAlgorithm


class AboutAlgorithm(YimatongAlgorithm):
    NAME = "about"
    DISPLAY_NAME = "About Yimatong"
    GROUP_ID = "general"
    GROUP_NAME = "General"
    HELP = (
        "Reports the installed Yimatong version. Useful to check from qgis_process that the "
        "plugin and its Processing provider are installed."
    )
    VERSION = "VERSION"

    def initAlgorithm(self, config=None):
        self.addOutput(QgsProcessingOutputString(self.VERSION, self.tr("Version")))

    def processAlgorithm(self, parameters, context, feedback):
        feedback.pushInfo(self.tr("Yimatong version {version}").format(version=__version__))
        return {self.VERSION: __version__}
