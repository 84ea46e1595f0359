"""Parameters, checks and outputs every Yimatong algorithm shares, so that an algorithm's
``add_parameters`` reads as the list of what it asks for and its ``processAlgorithm`` as what
it does. :class:`~.base.YimatongAlgorithm` inherits all of this, and the parameter names
(processing/names.py).

- ``add_*``: declare a parameter with its help text in one call (labels and help are English
  source strings: pass them through ``tr`` at the call site, literal strings only);
  ``add_counts`` the number outputs.
  ``add_library_parameter`` is the project library (default: the library of the settings).
- ``check_library_parameter`` / ``check_with_library`` / ``check_project_code``:
  ``(ok, message)`` for ``checkParameterValues``.
- ``open_library_parameter``: the library, opened (use it in a ``with`` block: it closes
  itself).
- ``table_sink``: an output table or layer from ``(name, QVariant type)`` pairs, with a
  :class:`SinkWriter` that adds rows.
"""

from __future__ import annotations

import os

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from .names import ParameterNames


def digits(text) -> str:
    """The digits of ``text`` (a project code typed bare or grouped with spaces)."""
    return "".join(ch for ch in (text or "") if ch.isdigit())


class SinkWriter:
    """Adds rows (a list of values in the order of the fields) to a feature sink."""

    def __init__(self, sink, fields: QgsFields):
        self.sink, self.fields = sink, fields

    def add(self, values, geometry=None) -> None:
        feature = QgsFeature(self.fields)
        if geometry is not None:
            feature.setGeometry(geometry)
        feature.setAttributes(list(values))
        self.sink.addFeature(feature, QgsFeatureSink.FastInsert)


def make_fields(specs) -> QgsFields:
    """QgsFields from ``(name, QVariant type)`` pairs."""
    fields = QgsFields()
    for name, kind in specs:
        fields.append(QgsField(name, kind))
    return fields


class ParameterHelpers(ParameterNames):
    """The shared parameter vocabulary of the algorithms (mixed into YimatongAlgorithm): the
    names (processing/names.py) and the helpers that declare, check and read them."""

    # -- declaring --------------------------------------------------------------------------
    def add(self, param, help_text: str):
        """Add ``param`` with its help text; returns it."""
        param.setHelp(help_text)
        self.addParameter(param)
        return param

    def add_polygon_source(self, name, label, help_text, optional=False):
        """A polygon layer to read (a feature source)."""
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        param = QgsProcessingParameterFeatureSource(name, label, polygon, optional=optional)
        return self.add(param, help_text)

    def add_string(self, name, label, help_text, optional=False, default=None):
        param = QgsProcessingParameterString(name, label, defaultValue=default, optional=optional)
        return self.add(param, help_text)

    def add_bool(self, name, label, help_text, default=False):
        return self.add(QgsProcessingParameterBoolean(name, label, defaultValue=default), help_text)

    def add_number(
        self, name, label, help_text, default, minimum=None, maximum=None, integer=False
    ):
        number = QgsProcessingParameterNumber
        kind = number.Type.Integer if integer else number.Type.Double
        param = number(name, label, kind, default)
        if minimum is not None:
            param.setMinimum(minimum)
        if maximum is not None:
            param.setMaximum(maximum)
        return self.add(param, help_text)

    def add_field(self, name, label, help_text, parent, numeric=False):
        """An optional field of the layer parameter ``parent``."""
        field = QgsProcessingParameterField
        param = field(
            name,
            label,
            parentLayerParameterName=parent,
            type=field.DataType.Numeric if numeric else field.DataType.Any,
            optional=True,
        )
        return self.add(param, help_text)

    def add_file(self, name, label, help_text, extension="", file_filter="", optional=False):
        param = QgsProcessingParameterFile(
            name, label, extension=extension, optional=optional, fileFilter=file_filter
        )
        return self.add(param, help_text)

    def add_file_output(self, name, label, help_text, file_filter, optional=False):
        """A file the algorithm writes; an optional one is not written unless given."""
        param = QgsProcessingParameterFileDestination(
            name, label, fileFilter=file_filter, optional=optional, createByDefault=not optional
        )
        return self.add(param, help_text)

    def add_date(self, name, label, help_text):
        """An optional date (no time of day)."""
        param = QgsProcessingParameterDateTime(
            name, label, type=QgsProcessingParameterDateTime.Type.Date, optional=True
        )
        return self.add(param, help_text)

    def add_area_crs(self, label, help_text):
        """AREA_CRS, the optional projected CRS areas are computed in (read it with
        :meth:`~.base.YimatongAlgorithm.area_crs`, which chooses the zone when it is empty)."""
        param = QgsProcessingParameterCrs(self.AREA_CRS, label, optional=True)
        return self.add(param, help_text)

    def add_polygon_output(self, name, label, help_text):
        """An output polygon layer."""
        polygon = QgsProcessing.SourceType.TypeVectorPolygon
        return self.add(QgsProcessingParameterFeatureSink(name, label, polygon), help_text)

    def add_counts(self, *outputs):
        """Number outputs (the counts the algorithm returns) from ``(name, label)`` pairs."""
        for name, label in outputs:
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def add_table_output(self, name, label, help_text, optional=False):
        """A geometry-less output table (created by default also when optional)."""
        table = QgsProcessing.SourceType.TypeVector
        param = QgsProcessingParameterFeatureSink(
            name, label, type=table, optional=optional, createByDefault=True
        )
        return self.add(param, help_text)

    def add_library_parameter(self, name: str = "LIBRARY", optional=False, help_text=None):
        """The project-library parameter (default: the library the plugin's settings name)."""
        from ..gis.library_connect import settings_library_value

        param = QgsProcessingParameterString(
            name,
            self.tr("Project library"),
            defaultValue=settings_library_value() or None,
            optional=optional,
        )
        return self.add(
            param,
            help_text
            or self.tr(
                "A GeoPackage path, a PostgreSQL connection string / service, or the name of a "
                "saved QGIS PostgreSQL connection (credentials from its authentication "
                "configuration)."
            ),
        )

    def add_project_code(self, label, help_text, library_help, name="PROJECT_CODE"):
        """An optional project code and the library to find it in (LIBRARY, optional too:
        needed only with a code; :meth:`check_project_code` checks both)."""
        self.add_string(name, label, help_text, optional=True)
        return self.add_library_parameter(self.LIBRARY, optional=True, help_text=library_help)

    # -- checking ---------------------------------------------------------------------------
    def check_library_parameter(self, parameters, context, name: str = "LIBRARY"):
        """(ok, message) for the library parameter: a PostgreSQL URI, an existing GeoPackage
        or the name of a saved QGIS PostgreSQL connection."""
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

    def check_with_library(self, parameters, context, name: str = "LIBRARY"):
        """(ok, message): QGIS's own checks of the parameters, then the library parameter's;
        the ``checkParameterValues`` of an algorithm that needs nothing else."""
        ok, message = QgsProcessingAlgorithm.checkParameterValues(self, parameters, context)
        if not ok:
            return ok, message
        return self.check_library_parameter(parameters, context, name)

    def project_code(self, parameters, name, context) -> str:
        """The digits of the project-code parameter ``name`` ("" when empty)."""
        return digits(self.parameterAsString(parameters, name, context))

    def check_project_code(self, parameters, context, name="PROJECT_CODE", library="LIBRARY"):
        """(ok, message) for an optional project code: when given, 28 digits and a library
        to find it in."""
        code = self.project_code(parameters, name, context)
        if not code:
            return True, ""
        if len(code) != 28:
            return False, self.tr("PROJECT_CODE must have 28 digits.")
        return self.check_library_parameter(parameters, context, library)

    # -- running ----------------------------------------------------------------------------
    def open_library_parameter(self, parameters, context, name: str = "LIBRARY"):
        """The library the parameter names (a saved QGIS PostgreSQL connection, with its
        authcfg credentials, a GeoPackage path or a PostgreSQL URI/service), opened; a failure
        is a QgsProcessingException naming the library."""
        from ..gis.library_connect import open_library_value

        uri = self.parameterAsString(parameters, name, context).strip()
        try:
            return open_library_value(uri)
        except Exception as exc:
            raise QgsProcessingException(
                self.tr("Cannot open the project library {uri}: {error}").format(uri=uri, error=exc)
            ) from exc

    def table_sink(self, parameters, name, context, specs, wkb=QgsWkbTypes.NoGeometry, crs=None):
        """(SinkWriter, destination id) of the output ``name`` with the fields ``specs``
        (``(name, QVariant type)`` pairs); QGIS's error naming the output when it cannot be
        created."""
        fields = make_fields(specs)
        extra = () if crs is None else (crs,)
        sink, dest = self.parameterAsSink(parameters, name, context, fields, wkb, *extra)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        return SinkWriter(sink, fields), dest
