"""项目档案… from the project box: the project file written where the user can find it and
opened when done.

The user confirms a file name in the folder used last (PDF by default; HTML when they choose
it); the project file algorithm (``yimatong:projectboxreport``) writes it with its HTML and
images beside it, and the file opens in the system's viewer.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingException, QgsSettings
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QApplication, QFileDialog, QMessageBox

from ..toolbelt.i18n import tr

LAST_FOLDER_KEY = "yimatong/project_file_folder"


def last_folder() -> Path:
    """The folder a project file was written to last, else Documents (or home)."""
    saved = QgsSettings().value(LAST_FOLDER_KEY, "", type=str)
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def default_path(code: str) -> Path:
    """``<last folder>/项目档案_<28 digits>.pdf``."""
    digits = "".join(ch for ch in str(code) if ch.isdigit())
    return last_folder() / "{name}_{code}.pdf".format(name=tr("project file"), code=digits)


def write_project_file(library, code: str, as_of: str, path, open_when_done: bool = True):
    """Write the project file of ``code`` to ``path`` (.pdf: PDF and its HTML beside it;
    .html: HTML only), remember the folder and open the file. Returns the path; raises
    QgsProcessingException with the algorithm's message."""
    import processing

    path = Path(path)
    if path.suffix.lower() not in (".pdf", ".html", ".htm"):
        path = path.with_suffix(".pdf")
    pdf = path.suffix.lower() == ".pdf"
    params = {
        "LIBRARY": library,
        "CODE": code,
        "AS_OF": as_of,
        "OUTPUT_HTML": str(path.with_suffix(".html") if pdf else path),
    }
    if pdf:
        params["OUTPUT_PDF"] = str(path)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        processing.run("yimatong:projectboxreport", params)
    finally:
        QApplication.restoreOverrideCursor()
    QgsSettings().setValue(LAST_FOLDER_KEY, str(path.parent))
    if open_when_done:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


def ask_and_write(parent, library, code: str, as_of: str):
    """Ask where (PDF by default, in the last-used folder), write, open. Returns the path or
    None (cancelled or failed: the failure is shown)."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        tr("Save the project file"),
        str(default_path(code)),
        tr("PDF (*.pdf);;HTML (*.html)"),
    )
    if not chosen:
        return None
    try:
        return write_project_file(library, code, as_of, chosen)
    except QgsProcessingException as exc:
        QMessageBox.warning(parent, tr("Project file…"), str(exc))
        return None
