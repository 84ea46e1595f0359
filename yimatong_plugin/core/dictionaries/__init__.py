"""Code lists of the 28-digit project code, as data files (see README.md in this folder).

``load_dictionaries(folder=None)`` returns a dict with keys ``region``, ``admin``,
``approval_type``, ``project_type``, ``supply_type``, ``land_use`` (each code -> Chinese name)
and ``land_use_aliases`` (三调 working code -> 用地用海 code). A bureau replaces any list by
putting a file of the same name (``admin.csv``…) in its own folder: files present there win,
the bundled ones fill the rest. A broken file raises :class:`DictionaryError` naming the file
and line.
"""

from __future__ import annotations

import copy
import csv
import io
import os
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

from ..i18n import tr

BUNDLED_DIR = Path(__file__).resolve().parent

#: list key -> (file name, allowed code widths)
LISTS: dict[str, tuple[str, tuple[int, ...]]] = {
    "region": ("region.csv", (2,)),
    "admin": ("admin.csv", (6,)),
    "approval_type": ("approval_type.csv", (2,)),
    "project_type": ("project_type.csv", (2,)),
    "supply_type": ("supply_type.csv", (2,)),
    "land_use": ("land_use.csv", (2, 4, 6)),
}
ALIASES_KEY = "land_use_aliases"
ALIASES_FILE = "land_use_aliases.csv"
HEADER = ["code", "name"]
ALIASES_HEADER = ["code", "land_use", "name"]
#: short forms and other names of code-list entries (挂牌 -> 13, 商住 -> 0701|0901: a choice)
VALUE_ALIASES_KEY = "value_aliases"
VALUE_ALIASES_FILE = "value_aliases.csv"
VALUE_ALIASES_HEADER = ["list", "alias", "code"]
_ALIAS_RE = re.compile(r"[0-9]{2}[0-9A-Z]{2}[0-9A-Z]{0,2}")


class DictionaryError(ValueError):
    """A code-list file is broken. ``path`` and ``line`` (1-based, or None) say where."""

    def __init__(self, message: str, path: Union[str, Path, None] = None, line=None):
        super().__init__(message)
        self.path = str(path) if path is not None else None
        self.line = line


def _error(path: Path, line: int, what: str) -> DictionaryError:
    return DictionaryError(
        tr("{file}, line {line}: {problem}").format(file=path, line=line, problem=what),
        path,
        line,
    )


def _check_new(path: Path, line: int, code: str, lines: dict[str, int]) -> None:
    """Refuse a code listed twice (``lines``: each code read so far and its line)."""
    if code in lines:
        raise _error(
            path,
            line,
            tr("duplicate code {code} (first on line {first}).").format(
                code=code, first=lines[code]
            ),
        )


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _error(
            path,
            line,
            tr("not valid UTF-8 text (save the file as UTF-8; GBK is not accepted)."),
        ) from exc


def _rows(path: Path, header: list[str]):
    """(line number, row) of the data rows of a CSV file whose first row is ``header``."""
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    first = True
    for row in reader:
        line = reader.line_num
        cells = [c.strip() for c in row]
        if first:
            first = False
            if cells != header:
                raise _error(
                    path,
                    line,
                    tr("the header must be '{expected}', not '{found}'.").format(
                        expected=",".join(header), found=",".join(row)
                    ),
                )
            continue
        if not any(cells):
            continue
        if len(cells) != len(header):
            raise _error(
                path,
                line,
                tr("expected {n} columns ({columns}), found {found}.").format(
                    n=len(header), columns=",".join(header), found=len(cells)
                ),
            )
        yield line, cells
    if first:
        raise _error(
            path,
            1,
            tr("the file is empty: the header must be '{expected}'.").format(
                expected=",".join(header)
            ),
        )


def read_list(path: Union[str, Path], widths: tuple[int, ...]) -> dict[str, str]:
    """Read one ``code,name`` list whose codes are digits of one of ``widths``."""
    path = Path(path)
    result: dict[str, str] = {}
    lines: dict[str, int] = {}
    for line, (code, name) in _rows(path, HEADER):
        if not (code.isascii() and code.isdigit()) or len(code) not in widths:
            raise _error(
                path,
                line,
                tr("code '{code}' must be {widths} digits.").format(
                    code=code, widths="/".join(str(w) for w in widths)
                ),
            )
        _check_new(path, line, code, lines)
        if not name:
            raise _error(path, line, tr("code {code} has an empty name.").format(code=code))
        result[code] = name
        lines[code] = line
    if len(widths) > 1:  # hierarchical list (land use): every class needs its parent
        for code, line in lines.items():
            if len(code) > widths[0] and code[:-2] not in result:
                raise _error(
                    path,
                    line,
                    tr("code {code} has no parent class {parent} in the list.").format(
                        code=code, parent=code[:-2]
                    ),
                )
    return result


def read_aliases(path: Union[str, Path], land_use: Mapping[str, str]) -> dict[str, str]:
    """Read ``code,land_use,name`` (三调 working code -> 用地用海 code)."""
    path = Path(path)
    result: dict[str, str] = {}
    lines: dict[str, int] = {}
    for line, (code, target, name) in _rows(path, ALIASES_HEADER):
        code = code.upper()
        if not _ALIAS_RE.fullmatch(code):
            raise _error(
                path,
                line,
                tr("code '{code}' must be 4 to 6 digits or capital letters.").format(code=code),
            )
        _check_new(path, line, code, lines)
        if code in land_use:
            raise _error(
                path,
                line,
                tr("code {code} is itself a 用地用海 code and cannot be an alias.").format(
                    code=code
                ),
            )
        if target not in land_use:
            raise _error(
                path,
                line,
                tr("target {target} is not a code of the land-use list.").format(target=target),
            )
        if not name:
            raise _error(path, line, tr("code {code} has an empty name.").format(code=code))
        result[code] = target
        lines[code] = line
    return result


def alias_key(text) -> str:
    """How an alias is compared: full-width folded, no spaces (``挂 牌`` is ``挂牌``)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def read_value_aliases(
    path: Union[str, Path], lists: Mapping[str, Mapping[str, str]], strict: bool = True
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Read ``list,alias,code`` rows: ``code`` names one entry of the list ``list``, or several
    separated by ``|`` (a mixed or general term: the user is asked to choose, never guessed).

    With ``strict`` (a bureau's own file) a code missing from the list is an error; the bundled
    file's aliases whose codes a bureau's list does not have are left out instead.
    """
    path = Path(path)
    result: dict[str, dict[str, tuple[str, ...]]] = {}
    lines: dict[tuple[str, str], int] = {}
    for line, (key, alias, codes) in _rows(path, VALUE_ALIASES_HEADER):
        if key not in lists:
            raise _error(
                path,
                line,
                tr("unknown list '{key}' (one of: {known}).").format(
                    key=key, known=", ".join(lists)
                ),
            )
        alias = alias_key(alias)
        if not alias:
            raise _error(path, line, tr("empty alias."))
        if (key, alias) in lines:
            raise _error(
                path,
                line,
                tr("duplicate alias {alias} (first on line {first}).").format(
                    alias=alias, first=lines[(key, alias)]
                ),
            )
        targets = tuple(c.strip() for c in codes.split("|") if c.strip())
        missing = [c for c in targets if c not in lists[key]]
        if not targets or missing:
            if not strict:
                continue
            raise _error(
                path,
                line,
                tr("code {code} is not in the list {key}.").format(
                    code=", ".join(missing) or codes, key=key
                ),
            )
        result.setdefault(key, {})[alias] = targets
        lines[(key, alias)] = line
    return result


def _pick(folder: Optional[Path], file_name: str) -> Path:
    if folder is not None:
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    return BUNDLED_DIR / file_name


def _load(folder: Optional[str]) -> dict[str, dict[str, str]]:
    base: Optional[Path] = None
    if folder:
        base = Path(folder)
        if not base.is_dir():
            raise DictionaryError(
                tr("Code-list folder {folder} does not exist.").format(folder=folder), base
            )
    result: dict[str, dict[str, str]] = {}
    for key, (file_name, widths) in LISTS.items():
        result[key] = read_list(_pick(base, file_name), widths)
    result[ALIASES_KEY] = read_aliases(_pick(base, ALIASES_FILE), result["land_use"])
    value_aliases = _pick(base, VALUE_ALIASES_FILE)
    result[VALUE_ALIASES_KEY] = read_value_aliases(
        value_aliases, {k: result[k] for k in LISTS}, strict=value_aliases.parent != BUNDLED_DIR
    )
    return result


@lru_cache(maxsize=8)
def _cached(folder: Optional[str], stamp) -> dict[str, dict[str, str]]:
    return _load(folder)


def _stamp(folder: Optional[str]):
    """Modification times of the folder's list files (cache key: edits are picked up)."""
    if not folder:
        return None
    stamps = []
    for file_name in [f for f, _ in LISTS.values()] + [ALIASES_FILE, VALUE_ALIASES_FILE]:
        try:
            stamps.append(os.stat(os.path.join(folder, file_name)).st_mtime_ns)
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def default_dictionaries(folder: Optional[str] = None) -> Mapping[str, Mapping[str, str]]:
    """The (cached, shared: do not modify) code lists, bundled or from ``folder``."""
    folder = str(folder) if folder else None
    return _cached(folder, _stamp(folder))


def load_dictionaries(folder: Union[str, Path, None] = None) -> dict[str, dict[str, str]]:
    """A fresh copy of the code lists; files in ``folder`` replace the bundled ones."""
    return copy.deepcopy(default_dictionaries(str(folder) if folder else None))


def land_use_level(code: str) -> Optional[int]:
    """1, 2 or 3 for a 2-, 4- or 6-digit 用地用海 code, else None."""
    return {2: 1, 4: 2, 6: 3}.get(len(code)) if code.isdigit() else None


def normalise_land_use(code, dictionaries: Optional[Mapping] = None) -> Optional[str]:
    """The 用地用海 code for ``code`` (a 用地用海 code of any level, or a 三调 working code
    such as ``05H1``/``1104A``/``0307K``), or None when unknown.

    Leading zeros lost by spreadsheets (``701`` -> ``0701``) are restored.
    """
    if code is None:
        return None
    dicts = dictionaries if dictionaries is not None else default_dictionaries()
    text = str(code).strip().upper()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if text.isdigit() and len(text) in (1, 3, 5):
        text = "0" + text
    if text in dicts["land_use"]:
        return text
    return dicts.get(ALIASES_KEY, {}).get(text)


def land_use_name(code, dictionaries: Optional[Mapping] = None) -> str:
    """The Chinese name of a 用地用海 code at its own level (0702 城镇社区服务设施用地, never
    the level-1 07 居住用地), 三调 working codes mapped; '' when unknown. The one lookup of
    land-use names for verdicts, reports and dialogs."""
    if code is None or str(code).strip() == "":
        return ""
    try:
        dicts = dictionaries if dictionaries is not None else default_dictionaries()
        norm = normalise_land_use(code, dicts)
        return dicts["land_use"].get(norm, "") if norm else ""
    except DictionaryError:  # an administrator's broken list must not stop a verdict
        return ""


__all__ = [
    "BUNDLED_DIR",
    "LISTS",
    "DictionaryError",
    "alias_key",
    "default_dictionaries",
    "land_use_level",
    "land_use_name",
    "load_dictionaries",
    "normalise_land_use",
]
