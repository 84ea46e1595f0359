"""One way to run a piece of work off the GUI thread: a QgsTask with progress and cancel, the
outcome told on the GUI thread; inline for tests and scripts (``background=False``)."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsTask


def run_task(title: str, work, finished, background: bool = True, progress=None):
    """Run ``work(task)`` in a QgsTask titled ``title`` and call ``finished(exception)`` on the
    GUI thread when it ends (``None`` when it succeeded). ``progress(percent)`` follows the
    task's progress. With ``background`` False, ``work(None)`` runs here and now and its
    exception goes to ``finished`` the same way. The task, or None when run inline."""
    if not background:
        try:
            work(None)
        except Exception as exc:  # told to finished() like a failed task
            finished(exc)
            return None
        finished(None)
        return None
    task = QgsTask.fromFunction(title, work, on_finished=finished)
    if progress is not None:
        task.progressChanged.connect(progress)
    QgsApplication.taskManager().addTask(task)
    return task
