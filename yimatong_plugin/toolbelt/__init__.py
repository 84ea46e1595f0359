"""Thin QGIS/Qt helpers shared by the plugin: translation, logging, settings, icons."""
