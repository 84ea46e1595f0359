"""QGIS glue: conversions between QGIS and shapely/WKB, layer reading, reports."""
