"""Keep pyproj's PROJ context of a Qt worker thread alive (pyproj 3.7.0–3.7.2, QGIS 3.40).

pyproj 3.7 stores a thread's PROJ context in the OS thread's storage but frees it with the
Python thread state. QGIS runs Processing algorithms and tasks on Qt's pooled threads, whose
Python thread state is made and dropped around each call: a later call on the same thread then
uses a freed context and QGIS can crash (SIGSEGV in pyproj's CRS constructor; pyproj issue 1509,
fixed in later pyproj releases). :func:`keep_thread_context` holds each thread's context for the
life of the process (one small object per pooled thread), so it is never freed under a thread
that still points at it. Older pyproj (Debian 12: 3.4) keeps contexts differently; nothing to do.
"""

from __future__ import annotations

import threading

_KEPT: dict = {}
_LOCK = threading.Lock()


def keep_thread_context() -> None:
    """Hold the calling thread's pyproj context, if pyproj made one in this thread state."""
    try:
        from pyproj._context import get_context_manager
    except ImportError:  # pyproj without per-thread contexts: nothing to keep
        return
    manager = get_context_manager()
    if manager is not None:
        with _LOCK:
            _KEPT.setdefault(id(manager), manager)
