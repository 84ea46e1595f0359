"""Translation for the plugin: one context (``yimatong``) for every ``tr()`` string.

``tr()`` takes literal strings only (``make ts`` extracts them with ``scripts/i18n.py``);
format after translating: ``tr("{n} parcels").format(n=3)``.
"""

from __future__ import annotations

import os
import tempfile
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


# QGIS names Simplified Chinese "zh-Hans" (its own qgis_zh-Hans.qm); Qt and the system say
# zh_CN / zh_SG / zh-Hans-CN. All of them mean the plugin's zh_CN translation.
_ALIASES = {"zh_hans": "zh_CN", "zh_cn": "zh_CN", "zh_sg": "zh_CN", "zh": "zh_CN"}


def normalise_locale(value: str) -> str:
    """``zh-Hans``, ``zh_Hans_CN``, ``zh-CN``, ``zh_CN.UTF-8``… → ``zh_CN``; others ``ll_CC``."""
    text = (value or "en_US").split(".")[0].replace("-", "_")
    parts = text.split("_")
    key = "_".join(parts[:2]).lower()
    if key in _ALIASES:
        return _ALIASES[key]
    if parts[0].lower() == "zh" and len(parts) > 1 and parts[1].lower() in ("hant", "tw", "hk"):
        return "zh_TW"
    if len(parts) > 1:
        return f"{parts[0].lower()}_{parts[1].upper()}"
    return parts[0].lower()


def user_locale() -> str:
    """The locale QGIS runs in, e.g. ``zh_CN`` (honours QGIS's locale override)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        value = settings.value("locale/userLocale", "", type=str)
    else:
        value = QgsApplication.locale()
    return normalise_locale(value)


def qm_path(locale: str) -> Path:
    return I18N_DIR / f"yimatong_{locale}.qm"


def load_private_translator(locale: str, folder: Path = I18N_DIR):
    """A QTranslator for ``yimatong_<locale>.qm`` loaded from a private copy, or None.

    QTranslator memory-maps the file it loads: when the shared ``.qm`` is rebuilt (``lrelease``,
    ``make qm``, the i18n test) while a process has it loaded, that process dies of SIGBUS on its
    next translation (reproduced here). A private copy, unlinked once loaded, cannot change
    under the mapping.
    """
    qm = folder / f"yimatong_{locale}.qm"
    if not qm.exists():
        return None
    try:
        data = qm.read_bytes()
    except OSError:
        return None
    handle, copy = tempfile.mkstemp(prefix="ymt_", suffix=".qm")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        translator = QTranslator()
        return translator if translator.load(copy) else None
    finally:
        os.unlink(copy)  # the mapping keeps the data; nobody can rewrite it


def install_translator(locale: str | None = None) -> bool:
    """Load the compiled translation for ``locale`` (default: QGIS's) if one exists.

    Returns True when a translation was installed. Also routes the Qt-free core's
    ``tr()`` through Qt so core error messages are translated too.
    """
    global _translator
    remove_translator()
    locale = normalise_locale(locale) if locale else user_locale()
    for candidate in (locale, locale[:2]):
        translator = load_private_translator(candidate)
        if translator is not None:
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
