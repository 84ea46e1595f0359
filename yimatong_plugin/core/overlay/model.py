"""What the engine takes and gives: rules, roles, verdicts, the layers in and the results out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..i18n import tr
from ..landuse_compat import ARGUE, COMPATIBLE, CONFLICT
from .prepared import PreparedLayer, _code_text

AVOID = "avoid"
INSIDE = "inside"
RULES = (AVOID, INSIDE)
# what an overlap is with: a control line or the planning zoning (a role, never a layer name)
CONTROL_ROLE = "control"
ZONING_ROLE = "zoning"

# Verdicts (the Chinese words are the values written into the output fields)
VERDICT_OK = COMPATIBLE  # 合规
VERDICT_CONFLICT = CONFLICT  # 冲突
VERDICT_ARGUE = ARGUE  # 需论证


class OverlayCanceledError(Exception):
    """Raised when the caller's ``is_canceled`` returns True."""


def check_rules(layers) -> None:
    """ValueError naming the first control layer whose rule is neither avoid nor inside."""
    for layer in layers:
        if layer.rule not in RULES:
            raise ValueError(
                tr(
                    "Unknown rule '{rule}' for control layer '{layer}' (use avoid or inside)"
                ).format(rule=layer.rule, layer=layer.name)
            )


@dataclass
class ControlLayer:
    """One control line: ``source`` is an array of shapely geometries or a PreparedLayer."""

    name: str
    source: object
    rule: str = AVOID

    def prepared(self) -> PreparedLayer:
        if not isinstance(self.source, PreparedLayer):
            self.source = PreparedLayer(self.source)
        return self.source


@dataclass
class ZoningLayer:
    """Planning zoning: geometries (or a PreparedLayer built with ``codes``) and their codes."""

    source: object
    codes: Sequence | None = None
    name: str = "zoning"
    scheme: str = "2023"  # the codes' classification: "2023" 用地用海 or "sandiao" 三调

    def prepared(self) -> PreparedLayer:
        if not isinstance(self.source, PreparedLayer):
            self.source = PreparedLayer(self.source, codes=self.codes)
        if self.source.codes is None:
            self.source.codes = np.asarray([_code_text(c) for c in (self.codes or [])])
        return self.source


@dataclass
class Overlap:
    layer: str
    class_code: str  # zoning code; "" for control lines
    overlap_m2: float
    ratio: float
    outside_m2: float | None = None  # inside-type lines only
    geometry: object = None  # the overlap geometry when pieces were asked for
    role: str = CONTROL_ROLE  # CONTROL_ROLE or ZONING_ROLE


@dataclass
class ParcelResult:
    index: int
    area_m2: float
    repaired: bool
    empty: bool
    verdict: str = VERDICT_OK
    rules: list = field(default_factory=list)
    overlaps: list = field(default_factory=list)

    @property
    def verdict_rule(self) -> str:
        return "; ".join(self.rules)

    def overlap(self, layer: str, class_code: str = "", role: str = CONTROL_ROLE) -> Overlap | None:
        for ov in self.overlaps:
            if ov.layer == layer and ov.class_code == class_code and ov.role == role:
                return ov
        return None

    def ratio(self, layer: str) -> float:
        ov = self.overlap(layer)
        return ov.ratio if ov is not None else 0.0


@dataclass
class OverlayResult:
    parcels: list
    layer_repaired: dict  # layer name -> indices of its polygons that were repaired
    layer_unusable: dict  # layer name -> indices of empty/NULL/non-polygonal polygons met
