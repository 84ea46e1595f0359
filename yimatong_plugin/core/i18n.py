"""Translation hook for the Qt-free core.

Core modules mark user-facing strings with :func:`tr` (literal strings only, format afterwards:
``tr("Unknown division {code}").format(code=...)``). Without QGIS the English source text is
returned; the plugin installs Qt's translator through :func:`set_translate` so the same call
gives Chinese in a zh_CN QGIS.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Callable

_translate: Callable[[str], str] | None = None


def set_translate(func: Callable[[str], str] | None) -> None:
    """Install (or with ``None`` remove) the function that translates source strings."""
    global _translate
    _translate = func


def tr(text: str) -> str:
    """Translate ``text`` (an English source string) if a translator is installed."""
    if _translate is None:
        return text
    return _translate(text)


def tr_noop(text: str) -> str:
    """Mark ``text`` for translation without translating it now (Qt's QT_TR_NOOP)."""
    return text


def tr_label(labels: Mapping[str, str], key, translate: Callable[[str], str] | None = None) -> str:
    """The translated label of ``key`` from ``labels``, a table of English source strings marked
    with :func:`tr_noop` (``{"ymt_projects": tr_noop("project")}``); ``key`` itself when the
    table has no label for it. ``translate``: the function to use (default :func:`tr`)."""
    text = labels.get(key)
    if text is None:
        return key
    return (translate or tr)(text)
