"""pyproj 3.7 (QGIS 3.40 on Debian 13) frees a Qt worker thread's PROJ context with the Python
thread state while the thread keeps pointing at it: the compliance review from the Processing
dialog crashed QGIS 3.40 on a later run (seen with scripts/desktop_review_check.sh: SIGSEGV in
pyproj's CRS constructor). Every Yimatong algorithm now holds the context of the thread it ran
on (core/proj_threads.py)."""

import importlib.util

from qgis.PyQt.QtCore import QRunnable, QThreadPool

from yimatong_plugin.core import proj_threads
from yimatong_plugin.processing.base import YimatongAlgorithm


class _Probe(YimatongAlgorithm):
    NAME = "probe"

    def processAlgorithm(self, parameters, context, feedback):
        from pyproj import CRS

        return {"epsg": CRS.from_user_input("EPSG:4546").to_epsg()}


def test_an_algorithm_run_on_a_pool_thread_keeps_that_threads_proj_context(qgis_app):
    results = []

    class Run(QRunnable):
        def run(self):
            results.append(_Probe().processAlgorithm({}, None, None))

    before = set(proj_threads._KEPT)
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.start(Run())
    pool.waitForDone()
    assert results == [{"epsg": 4546}]
    per_thread = importlib.util.find_spec("pyproj._context") is not None
    if per_thread:  # pyproj with per-thread contexts (3.7; Debian 12 has 3.4 without them)
        assert set(proj_threads._KEPT) - before, "the worker thread's PROJ context was not kept"
    # the wrapper is installed once per algorithm class, also on subclasses of subclasses
    assert getattr(_Probe.processAlgorithm, "_keeps_proj_context", False)
