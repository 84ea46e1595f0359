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

    def add_parameters(self, tr):
        self.addOutput(QgsProcessingOutputString(self.VERSION, tr("Version")))
        self.addOutput(
            QgsProcessingOutputString(self.PROBLEMS, tr("Missing or broken dependencies"))
        )

    def processAlgorithm(self, parameters, context, feedback):
        from ...toolbelt.dependencies import INSTALL_HINT, missing_optional, missing_required

        feedback.pushInfo(self.tr("Yimatong version {version}").format(version=__version__))
        problems = missing_required()
        for problem in problems + missing_optional():
            feedback.reportError(problem, fatalError=False)
        if problems:
            feedback.reportError(
                self.tr("Install the missing packages into the Python QGIS uses: {hint}").format(
                    hint=INSTALL_HINT
                ),
                fatalError=False,
            )
        return {self.VERSION: __version__, self.PROBLEMS: "\n".join(problems)}
