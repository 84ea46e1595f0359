"""Column mapping: source column → library field, guessed from headers, remembered per source.

No Qt/QGIS imports here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from ..i18n import tr
from ..units import AreaUnit, AreaUnitError, unit_in_header
from .fields import FIELDS, ImporterError
from .values import _UNIT_RE, _as_text

_HEADER_NOISE = re.compile(r"[\s_\-—·:：/\\（）()【】\[\]]|（[^）]*）|\([^)]*\)")


def _norm_header(text: str) -> str:
    text = str(text).lower()
    text = re.sub(r"（[^）]*）|\([^)]*\)|【[^】]*】|\[[^\]]*\]", "", text)  # "(公顷)" units
    text = _UNIT_RE.sub("", text)
    return _HEADER_NOISE.sub("", text)


def guess_mapping(headers: Iterable[str]) -> dict[str, str]:
    """A default mapping ``{source column: library field}`` from header names.

    Exact (normalised) synonyms win over partial matches; each field is used at most once.
    """
    headers = list(headers)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    normed = {h: _norm_header(h) for h in headers}
    # pass 1: exact synonyms
    for h in headers:
        for spec in FIELDS.values():
            if spec.name in used:
                continue
            if normed[h] in spec.synonyms or normed[h] == spec.name:
                mapping[h] = spec.name
                used.add(spec.name)
                break
    # pass 2: a synonym (of 2+ chars) contained in the header, longest synonym first
    candidates = sorted(
        ((len(s), s, spec.name) for spec in FIELDS.values() for s in spec.synonyms if len(s) >= 2),
        reverse=True,
    )
    for h in headers:
        if h in mapping or not normed[h]:
            continue
        for _, syn, name in candidates:
            if name not in used and syn in normed[h]:
                mapping[h] = name
                used.add(name)
                break
    return mapping


def area_factor(header: str) -> float:
    """m² per unit of an area column, from the unit in its header (公顷, 亩, 平方米…)."""
    try:
        return (unit_in_header(header) or AreaUnit.M2).m2
    except AreaUnitError:
        return float("nan")  # never a plausible factor: the dry run refuses the column


def merge_mapping(headers: Iterable[str], explicit: dict[str, str] | None) -> dict[str, str]:
    """The guess for ``headers`` overridden by ``explicit`` ``{column: field}``; an empty field
    means "ignore this column". A field chosen explicitly is not also guessed for another
    column. Explicit columns missing from ``headers`` are kept (the dry run reports them)."""
    mapping = guess_mapping(headers)
    explicit = explicit or {}
    chosen = {f: c for c, f in explicit.items() if f}
    mapping = {c: f for c, f in mapping.items() if f not in chosen or chosen[f] == c}
    for c, f in explicit.items():
        if f:
            mapping[c] = f
        else:
            mapping.pop(c, None)
    return mapping


#: the key under which MappingStore keeps segment defaults (not a source name)
DEFAULTS_KEY = "_defaults"


class MappingStore:
    """Column mappings remembered per source in one JSON file (``{source: {column: field}}``)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def _load_all(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def get(self, source: str) -> dict[str, str]:
        value = self._load_all().get(source) or {}
        return {str(k): str(v or "") for k, v in value.items() if not v or v in FIELDS}

    def mapping_for(self, source: str, headers: Iterable[str]) -> dict[str, str]:
        """The remembered mapping for the headers present, the guess for the others."""
        headers = list(headers)
        remembered = self.get(source)
        return merge_mapping(headers, {h: remembered[h] for h in headers if h in remembered})

    def defaults_for(self, source: str) -> dict[str, str]:
        """The segment defaults remembered with the mapping of ``source`` (``{"year": "2024"}``)."""
        value = (self._load_all().get(DEFAULTS_KEY) or {}).get(source) or {}
        return {str(k): str(v) for k, v in value.items() if k in FIELDS and v not in (None, "")}

    def set(
        self, source: str, mapping: dict[str, str], defaults: dict[str, str] | None = None
    ) -> None:
        data = self._load_all()
        data[source] = {str(k): str(v or "") for k, v in mapping.items()}
        if defaults is not None:
            all_defaults = data.get(DEFAULTS_KEY)
            all_defaults = all_defaults if isinstance(all_defaults, dict) else {}
            all_defaults[source] = {str(k): str(v) for k, v in defaults.items() if v}
            data[DEFAULTS_KEY] = all_defaults
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(self.path)


def parse_mapping(text_or_path: str | None) -> dict[str, str] | None:
    """A mapping given as a JSON string or a JSON file path (``None``/empty: no mapping)."""
    if not text_or_path or not str(text_or_path).strip():
        return None
    text = str(text_or_path).strip()
    if not text.startswith("{"):
        path = Path(text)
        if not path.exists():
            raise ImporterError(tr("Mapping file not found: {path}").format(path=text))
        text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ImporterError(tr("The mapping is not valid JSON: {error}").format(error=exc)) from exc
    if not isinstance(data, dict):
        raise ImporterError(tr("The mapping must be a JSON object {column: field}."))
    bad = [v for v in data.values() if v and v not in FIELDS]
    if bad:
        raise ImporterError(
            tr("Unknown library field(s) in the mapping: {fields}. Known: {known}").format(
                fields=", ".join(map(str, bad)), known=", ".join(FIELDS)
            )
        )
    return {str(k): str(v or "") for k, v in data.items()}


def parse_defaults(text: str | None) -> dict[str, str] | None:
    """Segment defaults given as a JSON object ``{"year": "2024"}`` (None when empty)."""
    if not text or not str(text).strip():
        return None
    try:
        data = json.loads(str(text))
    except ValueError as exc:
        raise ImporterError(
            tr("The defaults are not valid JSON: {error}").format(error=exc)
        ) from exc
    if not isinstance(data, dict) or any(k not in FIELDS for k in data):
        raise ImporterError(
            tr(
                "The defaults must be a JSON object {{field: value}} with fields of: {known}"
            ).format(known=", ".join(FIELDS))
        )
    return {str(k): _as_text(v) for k, v in data.items() if v not in (None, "")}
