"""Waiting in a test for what arrives through Qt's event loop (answers of worker threads)."""

import time

from qgis.PyQt.QtCore import QCoreApplication


def wait_until(predicate, timeout: float = 60.0) -> bool:
    """Process Qt events until ``predicate()`` is true (True) or ``timeout`` s pass (False)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        if predicate():
            return True
        time.sleep(0.01)
    return False
