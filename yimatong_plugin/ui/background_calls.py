"""Library calls run off the GUI thread, their answers handed back to it; only the latest call
of each kind is delivered (a pick or a page asked again drops the stale answer).

For a library reached over HTTP (the exchange service): a slow or silent service must never
freeze QGIS. Each call runs on its own worker thread with its own copy of the client
(``RemoteLibrary.copy()``: a requests session is not shared between threads); the answer, or
the :class:`LibraryError` it raised, comes back through a queued Qt signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.library import LibraryError


def run_task(owner, description: str, work, finished, background=True, errors=(Exception,)):
    """Run ``work(task=None)`` in a QgsTask kept as ``owner._task`` (``background``), or at
    once; ``finished(exception)`` afterwards either way (in the task's way: on the GUI thread,
    the exception None on success). Run at once, only ``errors`` are handed to ``finished``."""
    from qgis.core import QgsApplication, QgsTask

    if not background:
        try:
            work()
        except errors as exc:  # shown to the user like a failed task
            finished(exc)
            return
        finished(None)
        return
    task = QgsTask.fromFunction(description, work, on_finished=finished)
    owner._task = task
    QgsApplication.taskManager().addTask(task)


def is_remote(lib) -> bool:
    """True for a library reached over HTTP (its calls must not run on the GUI thread)."""
    return getattr(lib, "backend", "") == "remote"


class _Relay(QObject):
    done = pyqtSignal(str, int, object, object)  # kind, generation, result, error


class BackgroundCalls(QObject):
    """``start(kind, lib, work, on_done)``: ``work(client)`` on a worker thread with a copy of
    ``lib``; ``on_done(result, error)`` on the GUI thread, unless a newer call of the same kind
    started (or :meth:`drop` was called) meanwhile. ``error``: a LibraryError (or another
    exception, which is a bug in ``work`` and is passed on to be reported), else None."""

    finished = pyqtSignal(str)  # kind: an answer of that kind was delivered

    def __init__(self, parent=None):
        super().__init__(parent)
        self._generation: dict[str, int] = {}
        self._pending: dict[str, Callable[[Any, Any], None]] = {}
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)

    def start(self, kind: str, lib, work: Callable[[Any], Any], on_done) -> None:
        generation = self._generation.get(kind, 0) + 1
        self._generation[kind] = generation
        self._pending[kind] = on_done
        copy = getattr(lib, "copy", None)
        client = copy() if callable(copy) else lib

        def run():
            result = error = None
            try:
                result = work(client)
            except LibraryError as exc:
                error = exc
            except Exception as exc:  # a bug: handed to the GUI thread to be reported there
                error = exc
            finally:
                if client is not lib:
                    client.close()
            try:
                self._relay.done.emit(kind, generation, result, error)
            except RuntimeError:  # the dock was closed meanwhile: nobody waits for it
                pass

        threading.Thread(target=run, name=f"ymt-{kind}", daemon=True).start()

    def drop(self, kind: str) -> None:
        """Forget the running call of ``kind``: its answer will not be delivered."""
        self._generation[kind] = self._generation.get(kind, 0) + 1
        self._pending.pop(kind, None)

    def busy(self, kind: str) -> bool:
        """A call of ``kind`` runs and its answer is still wanted."""
        return kind in self._pending

    def _deliver(self, kind: str, generation: int, result, error) -> None:
        if generation != self._generation.get(kind) or kind not in self._pending:
            return  # stale: a newer call of this kind was started, or it was dropped
        on_done = self._pending.pop(kind)
        try:
            on_done(result, error)
        finally:
            self.finished.emit(kind)
