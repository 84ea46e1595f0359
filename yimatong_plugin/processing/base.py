"""A small base class every Yimatong algorithm derives from.

It fixes the group, ``createInstance``, the icon and translation, and requires a
``shortHelpString``: subclasses set ``NAME``, ``DISPLAY_NAME``, ``GROUP_ID``/``GROUP_NAME`` and
``HELP`` (English source strings; translated through ``tr``).
"""

from __future__ import annotations

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
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

    # -- shared parameters and checks ------------------------------------------------------
    def add_library_parameter(self, name: str = "LIBRARY") -> None:
        """The project-library parameter (default: the library the plugin's settings name)."""
        from ..toolbelt.settings import load_settings

        settings = load_settings()
        param = QgsProcessingParameterString(
            name,
            self.tr("Project library"),
            defaultValue=settings.library_connection or settings.library_uri or None,
        )
        param.setHelp(
            self.tr(
                "A GeoPackage path, a PostgreSQL connection string / service, or the name of a "
                "saved QGIS PostgreSQL connection (credentials from its authentication "
                "configuration)."
            )
        )
        self.addParameter(param)

    def check_library_parameter(self, parameters, context, name: str = "LIBRARY"):
        """(ok, message) for the library parameter: a PostgreSQL URI, an existing GeoPackage
        or the name of a saved QGIS PostgreSQL connection."""
        import os

        from ..core.library import is_postgres_uri
        from ..gis.library_connect import postgres_connection_names

        uri = self.parameterAsString(parameters, name, context).strip()
        if not uri:
            return False, self.tr("Choose a project library.")
        if (
            not is_postgres_uri(uri)
            and not os.path.isfile(uri)
            and uri not in postgres_connection_names()
        ):
            return False, self.tr("The project library {uri} does not exist.").format(uri=uri)
        return True, ""

    def area_crs(self, parameters, name: str, context, source, feedback):
        """The CRS areas are computed in: the parameter, else the CGCS2000 3-degree GK zone
        nearest the source's centroid longitude; stated in the log."""
        from ..gis.shapely_io import auto_area_crs

        crs = self.parameterAsCrs(parameters, name, context)
        if not crs.isValid():
            crs = auto_area_crs(source, context.transformContext())
        if crs.isGeographic():
            raise QgsProcessingException(
                self.tr("AREA_CRS {crs} is geographic: choose a projected CRS for areas").format(
                    crs=crs.authid()
                )
            )
        feedback.pushInfo(
            self.tr("Areas are planar in {crs} ({name})").format(
                crs=crs.authid(), name=crs.description()
            )
        )
        return crs

    def polygon_source(self, parameters, name: str, context, what: str):
        """The feature source of parameter ``name``: polygons, with a CRS and features.

        ``what`` names the parameter for the user (e.g. "PARCELS: the parcel layer").
        """
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.tr("{what} could not be read").format(what=what))
        layer = source.sourceName()
        if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PolygonGeometry:
            raise QgsProcessingException(
                self.tr("Layer '{layer}' is not a polygon layer").format(layer=layer)
            )
        if not source.sourceCrs().isValid():
            raise QgsProcessingException(
                self.tr("Layer '{layer}' has no CRS: set its CRS and run again").format(layer=layer)
            )
        if source.featureCount() == 0:
            raise QgsProcessingException(
                self.tr("Layer '{layer}' has no features").format(layer=layer)
            )
        return source


class RepairingAlgorithm(YimatongAlgorithm):
    """An algorithm that repairs and reports invalid geometries itself.

    Processing would otherwise skip or refuse them (the context's invalid-geometry setting);
    the setting is restored afterwards because a model shares the context with the other
    algorithms. Subclasses implement :meth:`process_repairing` instead of ``processAlgorithm``.
    """

    def processAlgorithm(self, parameters, context, feedback):
        previous = context.invalidGeometryCheck()
        context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
        try:
            return self.process_repairing(parameters, context, feedback)
        finally:
            context.setInvalidGeometryCheck(previous)

    def process_repairing(self, parameters, context, feedback):  # pragma: no cover - abstract
        raise NotImplementedError
