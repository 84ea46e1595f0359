"""Translation for the plugin: one context (``yimatong``) for every ``tr()`` string.

``tr()`` takes literal strings only (``make ts`` extracts them with ``scripts/i18n.py``);
format after translating: ``tr("{n} parcels").format(n=3)``.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from ..core import i18n as core_i18n

CONTEXT = "yimatong"
I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"

_translator: QTranslator | None = None


def tr(text: str) -> str:
    """Translate an English source string in the plugin's context."""
    return QCoreApplication.translate(CONTEXT, text)


def user_locale() -> str:
    """The locale QGIS runs in, e.g. ``zh_CN`` (honours QGIS's locale override)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        value = settings.value("locale/userLocale", "", type=str)
    else:
        value = QgsApplication.locale()
    return (value or "en_US")[:5]


def qm_path(locale: str) -> Path:
    return I18N_DIR / f"yimatong_{locale}.qm"


def install_translator(locale: str | None = None) -> bool:
    """Load the compiled translation for ``locale`` (default: QGIS's) if one exists.

    Returns True when a translation was installed. Also routes the Qt-free core's
    ``tr()`` through Qt so core error messages are translated too.
    """
    global _translator
    remove_translator()
    locale = locale or user_locale()
    candidates = [qm_path(locale), qm_path(locale[:2])]
    for path in candidates:
        if path.exists():
            translator = QTranslator()
            if translator.load(str(path)):
                QCoreApplication.installTranslator(translator)
                _translator = translator
                core_i18n.set_translate(tr)
                return True
    return False


def remove_translator() -> None:
    global _translator
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None
    core_i18n.set_translate(None)
