"""A geometry-less Processing output written to a GeoPackage layer closes without GDAL's
"No geometry column" error, and other GDAL errors raised meanwhile still reach the handler."""

from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsProcessingContext,
    QgsProcessingUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from yimatong_plugin.gis.gdal_errors import (
    close_table_sink,
    emit_gdal_error,
    without_gdal_message,
)


class _Collect:
    def __init__(self):
        self.messages = []

    def __call__(self, err_class, err_no, text):
        self.messages.append(text)

    def __enter__(self):
        gdal.PushErrorHandler(self)
        return self

    def __exit__(self, *exc):
        gdal.PopErrorHandler()


def test_only_the_named_message_is_dropped(qgis_app):
    with _Collect() as outer:
        with without_gdal_message("No geometry column"):
            emit_gdal_error(gdal.CE_Failure, 1, "No geometry column")
            emit_gdal_error(gdal.CE_Failure, 1, "disk full")
        assert outer.messages == ["disk full"]


def test_other_messages_pass_on_without_raising_when_gdal_exceptions_are_on(qgis_app):
    """QGIS 3.40's Processing turns GDAL's Python exceptions on: the message passed on after
    the sink closed must reach the handler, not raise out of the algorithm."""
    was_on = gdal.GetUseExceptions()
    gdal.UseExceptions()
    try:
        with _Collect() as outer:
            with without_gdal_message("No geometry column"):
                emit_gdal_error(gdal.CE_Failure, 1, "disk full")
            assert outer.messages == ["disk full"]
        assert gdal.GetUseExceptions()
    finally:
        if not was_on:
            gdal.DontUseExceptions()


def test_table_sink_to_geopackage_closes_quietly(qgis_app, tmp_path):
    path = tmp_path / "out.gpkg"
    fields = QgsFields()
    fields.append(QgsField("a", QVariant.Int))
    context = QgsProcessingContext()

    def write(close):
        sink, dest = QgsProcessingUtils.createFeatureSink(
            f"ogr:dbname='{path}' table=\"t_{close}\"",
            context,
            fields,
            QgsWkbTypes.NoGeometry,
            QgsCoordinateReferenceSystem(),
        )
        feat = QgsFeature(fields)
        feat.setAttributes([7])
        sink.addFeature(feat)
        with _Collect() as outer:
            if close:
                close_table_sink(sink)
            else:
                del sink
        return dest, outer.messages

    # without the helper GDAL complains (the reason for it: if QGIS stops, this shows it)
    _dest, messages = write(False)
    assert messages == ["No geometry column"]
    dest, messages = write(True)
    assert messages == []
    layer = QgsVectorLayer(dest, "t", "ogr")
    assert layer.isValid() and [f["a"] for f in layer.getFeatures()] == [7]
