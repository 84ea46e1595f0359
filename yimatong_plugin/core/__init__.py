"""Domain core: no Qt or QGIS imports here, so it is fast to test and usable from scripts."""
