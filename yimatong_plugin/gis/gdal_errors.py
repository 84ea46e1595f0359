"""Closing a geometry-less Processing sink without GDAL's "No geometry column" noise.

When a Processing output without geometry (a table) goes to a GeoPackage layer
(``ogr:dbname='….gpkg' table="…"``, what "Save to GeoPackage…" produces), QGIS 3.22's OGR
provider asks GDAL for the deferred spatial index when the writer closes; the GPKG driver
answers ``ERROR 1: No geometry column`` on stderr although the table is written correctly.
:func:`close_table_sink` closes such a sink with a GDAL error handler that drops exactly that
message; any other GDAL message raised meanwhile is re-emitted once the handler is removed.
"""

from __future__ import annotations

from contextlib import contextmanager

from qgis.PyQt import sip

NO_GEOMETRY_COLUMN = "No geometry column"


@contextmanager
def without_gdal_message(message: str):
    """Drop GDAL errors whose text is exactly ``message``; pass the others on afterwards."""
    try:
        from osgeo import gdal
    except ImportError:  # pragma: no cover - GDAL always ships with QGIS
        yield
        return
    others: list = []

    def handler(err_class, err_no, text):
        if (text or "").strip() != message:
            others.append((err_class, err_no, text))

    gdal.PushErrorHandler(handler)
    try:
        yield
    finally:
        gdal.PopErrorHandler()
        for err_class, err_no, text in others:
            emit_gdal_error(err_class, err_no, text)


def emit_gdal_error(err_class, err_no, text) -> None:
    """Pass a GDAL message on to the active error handler without raising it, also when
    Python exceptions are on for GDAL (QGIS 3.40's Processing turns them on)."""
    from osgeo import gdal

    manager = getattr(gdal, "ExceptionMgr", None)  # GDAL 3.7+
    if manager is not None:
        with manager(useExceptions=False):
            gdal.Error(err_class, err_no, text)
        return
    was_on = gdal.GetUseExceptions()
    if was_on:
        gdal.DontUseExceptions()
    try:
        gdal.Error(err_class, err_no, text)
    finally:
        if was_on:
            gdal.UseExceptions()


def close_table_sink(sink) -> None:
    """Delete the (Python-owned) geometry-less feature sink ``sink`` now: its writer closes
    here, without the spurious "No geometry column" error. Drop your own references to it
    before calling (``close_table_sink(sink); sink = None``)."""
    if sink is None:
        return
    with without_gdal_message(NO_GEOMETRY_COLUMN):
        sip.delete(sink)
