"""Docks, dialogs and map tools (Qt/QGIS widgets)."""
