"""A small base class every Yimatong algorithm derives from.

It fixes the group, ``createInstance``, the icon and translation, and requires a
``shortHelpString``: subclasses set ``NAME``, ``DISPLAY_NAME``, ``GROUP_ID``/``GROUP_NAME`` and
``HELP`` (English source strings; translated through ``tr``), and declare their parameters
in ``add_parameters(tr)``; :class:`LibraryAlgorithm` is the base of the algorithms on a
project library (LIBRARY first, checked first). The shared parameters, checks and output
tables (``add_library_parameter``, ``open_library_parameter``, ``table_sink`` …) are in
processing/params.py, the parameter names in processing/names.py.
"""

from __future__ import annotations

import functools

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.crs import crs_display_name
from ..core.i18n import tr_noop
from ..core.proj_threads import keep_thread_context
from ..toolbelt.i18n import CONTEXT
from ..toolbelt.resources import icon
from .params import ParameterHelpers

#: display names (aliases) of the output fields of every algorithm; the field names themselves
#: are the public interface (models, qgis_process), the aliases are what a planner reads in
#: the attribute table. English source strings, translated when applied.
FIELD_ALIASES = {
    "parcel_id": tr_noop("Parcel"),
    "area_m2": tr_noop("Area (m²)"),
    "repaired": tr_noop("Geometry repaired"),
    "verdict": tr_noop("Verdict"),
    "verdict_rule": tr_noop("Grounds"),
    "project_code": tr_noop("Project code"),
    "layer": tr_noop("Control line / zoning"),
    "class_code": tr_noop("Planned use code"),
    "overlap_m2": tr_noop("Overlap (m²)"),
    "overlap_ratio": tr_noop("Share of the parcel"),
    "outside_m2": tr_noop("Outside (m²)"),
    "role": tr_noop("Kind (control or zoning)"),
    "fid_in": tr_noop("Input feature id"),
    "problem": tr_noop("Problem"),
    "detail": tr_noop("Detail"),
    "value": tr_noop("Value"),
    "other_id": tr_noop("Other parcel"),
    "code": tr_noop("Project code"),
    "name": tr_noop("Project name"),
    "rule": tr_noop("Rule"),
    "severity": tr_noop("Severity"),
    "stage": tr_noop("Stage"),
    "since": tr_noop("Rule met since"),
    "days": tr_noop("Days since the reference date"),
    "reference": tr_noop("Reference date kind"),
    "reference_date": tr_noop("Reference date"),
    "days_until": tr_noop("Days counted to"),
    "evidence": tr_noop("Evidence"),
    "row": tr_noop("Row"),
    "column": tr_noop("Column"),
    "field": tr_noop("Library field"),
    "rank": tr_noop("Rank"),
    "score": tr_noop("Score"),
    "compactness": tr_noop("Compactness"),
    "reasons": tr_noop("Reasons"),
}


_LIVE_POST_PROCESSORS: list = []


class _AliasPostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Gives an output layer loaded into the project the Chinese display names of its fields,
    its style and a sensible display precision of its numbers (gis/output_styles.py)."""

    def postProcessLayer(self, layer, context, feedback):
        from ..gis.output_styles import style_output_layer

        translate = QCoreApplication.translate
        fields = layer.fields()
        for index in range(fields.count()):
            name = fields.at(index).name()
            if name in FIELD_ALIASES:
                layer.setFieldAlias(index, translate(CONTEXT, FIELD_ALIASES[name]))
            elif name.endswith("_ratio"):
                layer.setFieldAlias(
                    index,
                    translate(CONTEXT, tr_noop("{line}: share of the parcel")).format(
                        line=name[:-6]
                    ),
                )
        # last: QGIS drops the field widget setups when an alias is set (in the Processing
        # context), so the display precision is set after the aliases
        style_output_layer(layer)


class YimatongAlgorithm(ParameterHelpers, QgsProcessingAlgorithm):
    def __init_subclass__(cls, **kwargs):
        """Each algorithm's processAlgorithm starts with QGIS's projection caches emptied
        (:func:`fresh_projection_caches`) and keeps the pyproj context of the thread it ran on
        (core/proj_threads.py: on QGIS 3.40 a later run in the same pool thread could crash)."""
        super().__init_subclass__(**kwargs)
        run = cls.__dict__.get("processAlgorithm")
        if run is None or getattr(run, "_keeps_proj_context", False):
            return

        @functools.wraps(run)
        def process(self, *args, **kw):
            fresh_projection_caches()
            try:
                return run(self, *args, **kw)
            finally:
                keep_thread_context()

        process._keeps_proj_context = True
        cls.processAlgorithm = process

    # what a subclass sets (English source strings, translated through tr)
    NAME = ""
    DISPLAY_NAME = ""
    GROUP_ID, GROUP_NAME = "general", "General"
    HELP = ""
    ICON = "yimatong.svg"

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

    def initAlgorithm(self, config=None):
        self.add_parameters(self.tr)

    def add_parameters(self, tr) -> None:
        """Declare the algorithm's parameters and outputs (``tr`` is :meth:`tr`; the helpers
        are in processing/params.py)."""

    def parameterAsSink(self, parameters, name, context, *args, **kwargs):
        """As QGIS's, and the sink's layer gets Chinese field aliases when it is loaded."""
        sink, dest_id = super().parameterAsSink(parameters, name, context, *args, **kwargs)
        if sink is not None and dest_id and context.willLoadLayerOnCompletion(dest_id):
            processor = _AliasPostProcessor()
            # the context keeps only a pointer, and QgsProcessingAlgorithm.run() executes a copy
            # of the algorithm that is gone before the layers are loaded: keep the processor
            # alive here (small objects; the oldest are dropped)
            _LIVE_POST_PROCESSORS.append(processor)
            del _LIVE_POST_PROCESSORS[:-200]
            details = context.layerToLoadOnCompletionDetails(dest_id)  # a copy in Python
            details.setPostProcessor(processor)
            context.addLayerToLoadOnCompletion(dest_id, details)
        return sink, dest_id

    # -- shared checks (parameters: processing/params.py) -------------------------------
    def area_crs(self, parameters, name: str, context, source, feedback):
        """The CRS areas are computed in: the parameter, else the CGCS2000 3-degree GK zone
        nearest the source's centroid longitude; stated in the log."""
        from ..core.area_check import AreaCheckError
        from ..gis.shapely_io import auto_area_crs

        crs = self.parameterAsCrs(parameters, name, context)
        if not crs.isValid():
            try:
                crs = auto_area_crs(source, context.transformContext())
            except AreaCheckError as exc:
                raise QgsProcessingException(str(exc)) from exc
        if crs.isGeographic():
            raise QgsProcessingException(
                self.tr("AREA_CRS {crs} is geographic: choose a projected CRS for areas").format(
                    crs=crs.authid()
                )
            )
        feedback.pushInfo(
            self.tr("Areas are planar in {crs} ({name})").format(
                crs=crs.authid(), name=crs_display_name(crs.authid(), crs.description())
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


class LibraryAlgorithm(YimatongAlgorithm):
    """An algorithm on a project library: LIBRARY is its first parameter, and it is checked
    (after QGIS's own checks) before the algorithm's own checks.

    Subclasses declare their other parameters in ``add_parameters`` and check them in
    :meth:`check_more_parameters`; a family of such algorithms checks the parameters its
    members share in :meth:`check_shared_parameters` (after each one's own checks).
    """

    def initAlgorithm(self, config=None):
        self.add_library_parameter(self.LIBRARY)
        self.add_parameters(self.tr)

    def checkParameterValues(self, parameters, context):
        ok, msg = self.check_with_library(parameters, context, self.LIBRARY)
        if not ok:
            return ok, msg
        try:
            self.check_more_parameters(parameters, context)
            self.check_shared_parameters(parameters, context)
        except (ValueError, QgsProcessingException) as exc:
            return False, str(exc)
        return True, ""

    def check_more_parameters(self, parameters, context) -> None:
        """The algorithm's own checks: raise ValueError or QgsProcessingException with the
        message for the user."""

    def check_shared_parameters(self, parameters, context) -> None:
        """The checks of the parameters a family of algorithms shares (as
        :meth:`check_more_parameters`)."""


class LibraryGroup:
    """Mixed into the algorithms of the toolbox group 项目库 (put it first in the bases)."""

    GROUP_ID = "library"
    GROUP_NAME = "Project library"
    ICON = "library.svg"


class ComplianceGroup:
    """Mixed into the algorithms of the toolbox group 合规性审查 (put it first in the bases)."""

    GROUP_ID = "compliance"
    GROUP_NAME = "Compliance review"
    ICON = "compliance.svg"


def fresh_projection_caches() -> None:
    """Empty QGIS's caches of CRSs and coordinate transforms before an algorithm computes areas.

    The Processing dialog runs an algorithm in a thread of Qt's pool; an idle thread ends after
    30 s and takes its PROJ context with it. QGIS 3.22 then kept CRS/transform objects made in
    that thread, and in the next run (another thread) a transform could silently return its
    input: an extent left in metres chose EPSG:4554 for data at 111°E, parcels stayed in
    EPSG:4546 while the output said EPSG:4554, and a red-line conflict was lost (issue 16).
    Objects made after this call belong to the running thread."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

    QgsCoordinateTransform.invalidateCache()
    QgsCoordinateReferenceSystem.invalidateCache()


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
