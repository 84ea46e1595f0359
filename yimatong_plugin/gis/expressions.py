"""Expression functions in the "一码通" group: ``ymt_segment``, ``ymt_is_valid``, ``ymt_display``.

Usable in the field calculator, labels, rules and filters::

    ymt_is_valid("project_code")
    ymt_segment("project_code", 'admin')        -- or '行政区划代码'
    ymt_display("project_code")                 -- '43 430702 2024 03 01 12 0701 000123'

Validation uses the code lists of the plugin setting "code-list folder" (bundled lists when
empty). :func:`register_expression_functions` / :func:`unregister_expression_functions` are
called by the plugin's load/unload.
"""

from __future__ import annotations

import time

from qgis.core import QgsExpression, QgsExpressionFunction, QgsSettings

from ..core.code import SEGMENT_LABELS, CodeError, is_valid_code, segment_key, split_code
from ..core.dictionaries import DictionaryError, default_dictionaries
from ..core.presentation import grouped_code
from ..toolbelt.i18n import tr

GROUP = "一码通"
_SETTINGS_KEY = "yimatong/dictionary_dir"
_CACHE_SECONDS = 2.0
_cache: dict = {"at": -1e9, "folder": None}

_registered: list[QgsExpressionFunction] = []


def _dictionaries():
    """The code lists of the configured folder (re-read at most every couple of seconds)."""
    now = time.monotonic()
    if now - _cache["at"] > _CACHE_SECONDS:
        _cache["folder"] = QgsSettings().value(_SETTINGS_KEY, "", type=str) or None
        _cache["at"] = now
    return default_dictionaries(_cache["folder"])


def _text(value):
    if value is None:
        return None
    try:  # QVariant NULL
        if hasattr(value, "isNull") and value.isNull():
            return None
    except TypeError:
        pass
    text = str(value)
    return text if text.strip() else None


def _param(name: str) -> QgsExpressionFunction.Parameter:
    return QgsExpressionFunction.Parameter(name)


class _YmtFunction(QgsExpressionFunction):
    """Base: a fixed-arity function of the 一码通 group, NULL in -> NULL out."""

    NAME = ""
    PARAMS: tuple[str, ...] = ()

    def __init__(self, help_html: str):
        super().__init__(self.NAME, [_param(p) for p in self.PARAMS], GROUP, help_html)

    def usesGeometry(self, node) -> bool:
        return False

    def handlesNull(self) -> bool:
        return True

    def func(self, values, context, parent, node):
        try:
            return self.evaluate(*values, parent=parent)
        except DictionaryError as exc:
            parent.setEvalErrorString(str(exc))
            return None

    def evaluate(self, *args, parent):  # pragma: no cover - overridden
        raise NotImplementedError


class SegmentFunction(_YmtFunction):
    NAME = "ymt_segment"
    PARAMS = ("code", "name")

    def evaluate(self, code, name, parent):
        text = _text(code)
        key_text = _text(name)
        if key_text is None:
            return None
        try:
            key = segment_key(key_text)
        except KeyError:
            parent.setEvalErrorString(
                tr("Unknown segment name '{name}'; use one of: {names}.").format(
                    name=key_text, names=", ".join(SEGMENT_LABELS)
                )
            )
            return None
        if text is None:
            return None
        try:
            return split_code(text)[key]
        except CodeError:
            return None


class IsValidFunction(_YmtFunction):
    NAME = "ymt_is_valid"
    PARAMS = ("code",)

    def evaluate(self, code, parent):
        text = _text(code)  # NULL is not a valid code
        return text is not None and is_valid_code(text, _dictionaries())


class DisplayFunction(_YmtFunction):
    NAME = "ymt_display"
    PARAMS = ("code",)

    def evaluate(self, code, parent):
        text = _text(code)
        if text is None:
            return None
        return grouped_code(text)


def _help_segment() -> str:
    labels = "".join(
        f"<li><code>'{key}'</code> / <code>'{label}'</code></li>"
        for key, label in SEGMENT_LABELS.items()
    )
    return (
        "<h3>ymt_segment</h3><div>"
        + tr("Returns one segment of a 28-digit project code (NULL when the code is malformed).")
        + "</div><h4>"
        + tr("Syntax")
        + "</h4><code>ymt_segment(code, name)</code><h4>"
        + tr("Segment names")
        + f"</h4><ul>{labels}</ul><h4>"
        + tr("Examples")
        + "</h4><ul><li><code>ymt_segment('4343070220240301120701000123', 'admin')</code>"
        " &rarr; '430702'</li></ul>"
    )


def _help_is_valid() -> str:
    return (
        "<h3>ymt_is_valid</h3><div>"
        + tr(
            "True when the value is a valid 28-digit project code: right length, digits only, "
            "every segment in the code lists, serial not 000000."
        )
        + "</div><h4>"
        + tr("Syntax")
        + "</h4><code>ymt_is_valid(code)</code><h4>"
        + tr("Examples")
        + "</h4><ul><li><code>ymt_is_valid('43 430702 2024 03 01 12 0701 000123')</code>"
        " &rarr; true</li></ul>"
    )


def _help_display() -> str:
    return (
        "<h3>ymt_display</h3><div>"
        + tr("The project code grouped by segment for reading (NULL when malformed).")
        + "</div><h4>"
        + tr("Syntax")
        + "</h4><code>ymt_display(code)</code><h4>"
        + tr("Examples")
        + "</h4><ul><li><code>ymt_display('4343070220240301120701000123')</code>"
        " &rarr; '43 430702 2024 03 01 12 0701 000123'</li></ul>"
    )


FUNCTION_NAMES = (SegmentFunction.NAME, IsValidFunction.NAME, DisplayFunction.NAME)


def register_expression_functions() -> None:
    """Register the 一码通 functions (idempotent)."""
    unregister_expression_functions()
    for cls, help_func in (
        (SegmentFunction, _help_segment),
        (IsValidFunction, _help_is_valid),
        (DisplayFunction, _help_display),
    ):
        function = cls(help_func())
        if QgsExpression.registerFunction(function):
            _registered.append(function)


def unregister_expression_functions() -> None:
    """Remove the 一码通 functions."""
    for name in FUNCTION_NAMES:
        if QgsExpression.isFunctionName(name):
            QgsExpression.unregisterFunction(name)
    _registered.clear()
