"""Yimatong (一码通) QGIS plugin."""


def classFactory(iface):
    """Entry point QGIS calls to create the plugin."""
    from .plugin import YimatongPlugin

    return YimatongPlugin(iface)
