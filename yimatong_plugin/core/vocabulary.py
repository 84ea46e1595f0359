"""Plan vocabulary: the short forms and other names bureaus write for code-list entries
(``挂牌`` for 出让（挂牌）, ``工业`` for 1001 工业用地, a development zone for its county), read
from ``value_aliases.csv`` in the code lists; a mixed or general term (``商住``, ``商服``) names
several entries and becomes a question to the user, never a guess; an unknown name gets the
closest entries as suggestions.

No Qt/QGIS imports here.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from .dictionaries import VALUE_ALIASES_KEY, alias_key
from .i18n import tr


def alias_codes(field: str, value: Any, dictionaries: Mapping | None) -> tuple[str, ...] | None:
    """The code(s) ``value`` is an alias of in the list ``field``, or None when it is none."""
    aliases = (dictionaries or {}).get(VALUE_ALIASES_KEY, {}).get(field, {})
    return aliases.get(alias_key(value)) if aliases else None


def _entry(code: str, entries: Mapping[str, str]) -> str:
    return f"{code} {entries.get(code, '')}".strip()


def choice_message(label: str, value: Any, codes: tuple[str, ...], entries) -> str:
    """The row problem for a value naming several entries (``商住``)."""
    return tr(
        "{field} value {value} names several entries; choose one (or split the project): {options}"
    ).format(field=label, value=value, options="; ".join(_entry(c, entries) for c in codes))


def closest(
    field: str, value: Any, entries: Mapping[str, str], dictionaries: Mapping | None, n: int = 3
) -> list[str]:
    """Up to ``n`` entries (``"13 出让（挂牌）"``) nearest to an unknown ``value``: the entries
    whose name holds it first (出让 → the four 出让 kinds), then the most similar names and
    aliases."""
    text = alias_key(value)
    if not text:
        return []
    found: list[str] = [c for c, name in entries.items() if text in name]
    aliases = (dictionaries or {}).get(VALUE_ALIASES_KEY, {}).get(field, {})
    if len(found) < n:
        names = {name: c for c, name in entries.items()}
        for alias, codes in aliases.items():
            if len(codes) == 1:
                names.setdefault(alias, codes[0])
        for match in difflib.get_close_matches(text, list(names), n=n * 2, cutoff=0.4):
            if names[match] not in found:
                found.append(names[match])
    return [_entry(c, entries) for c in found[:n]]


def unknown_message(
    field: str, label: str, value: Any, entries: Mapping[str, str], dictionaries
) -> str:
    """The row problem for a value no entry or alias matches, with the closest entries."""
    near = closest(field, value, entries, dictionaries)
    if near:
        msg = tr("unknown {field} value {value}; closest: {options}").format(
            field=label, value=value, options="; ".join(near)
        )
    else:
        msg = tr("unknown {field} value {value}").format(field=label, value=value)
    if field == "admin":
        msg += tr(" (a development zone or other area name can be added to value_aliases.csv)")
    return msg
