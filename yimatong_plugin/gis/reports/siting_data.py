"""The 辅助选址 report's content, in the report language: the request, the constraints and their
versions, the method with the weights, the candidates and why each ranks where it does.

The HTML (:mod:`.siting_html`) and the PDF (:mod:`.siting_pdf`) lay out the same content.

``info["constraints"]`` is the hook for what the constraints are and which version was used: a
list of dicts, one per layer, filled by the algorithm (:func:`constraint_entries`): ``name``,
``rule`` (``avoid``, ``inside``, ``zoning``, ``exclude``), ``source`` (file and layer, or
provider and table; never a password) and optionally ``features``, ``modified``, ``set`` (the
control set's name) and ``document`` (its 批复文号). A key that is absent is not shown.
"""

from __future__ import annotations

import datetime
import os

from ...core.siting.candidates import NEAR
from .compliance_data import fmt_ha, fmt_m2, fmt_mu, land_use_name

TOP = 20  # candidates in the tables and on the map


# ----------------------------------------------------------------------------- the hook
def layer_source_text(layer) -> str:
    """Where a layer comes from, without credentials: file name and layer, or provider and
    table."""
    from qgis.core import QgsDataSourceUri

    from ..shapely_io import layer_file, layer_name_in_source

    path = layer_file(layer)
    if path:
        inner = layer_name_in_source(layer)
        name = os.path.basename(path)
        return f"{name} | {inner}" if inner else name
    provider = layer.providerType()
    table = QgsDataSourceUri(layer.source()).table()
    return f"{provider}: {table}" if table else f"{provider}: {layer.name()}"


def _modified(layer) -> str:
    from ..shapely_io import layer_file

    path = layer_file(layer)
    if path and os.path.exists(path):
        stamp = datetime.datetime.fromtimestamp(os.path.getmtime(path))
        return stamp.isoformat(sep=" ", timespec="minutes")
    return ""


def constraint_entries(
    control_layers=(),
    zoning_layer=None,
    zoning_field="",
    exclude_layers=(),
    library="",
    control_set=None,
    set_rules=(),
) -> list:
    """``info["constraints"]`` for the layers of a run: ``control_layers`` is a list of
    ``(QgsVectorLayer, rule)``. With a control set (``control_set`` as the review's
    ``set_info``, ``set_rules`` the ``(name, rule)`` of its layers) each of its layers is an
    entry with ``set`` (name and version) and ``document`` (the layer's 批复文号)."""
    out = []
    for layer, rule in control_layers:
        out.append(_entry(layer, layer.name(), rule))
    if control_set:
        docs = {name: (doc, date) for name, doc, date in control_set.get("layers", [])}
        for name, rule in set_rules:
            doc, date = docs.get(name, ("", ""))
            entry = {"name": name, "rule": rule, "set": control_set["label"]}
            if doc:
                entry["document"] = doc
            if date:
                entry["effective"] = date
            out.append(entry)
    if zoning_layer is not None:
        entry = _entry(zoning_layer, zoning_layer.name(), "zoning")
        entry["field"] = zoning_field
        out.append(entry)
    for layer in exclude_layers:
        out.append(_entry(layer, "exclude", "exclude"))
    if library and not exclude_layers:
        out.append(
            {
                "name": "exclude",
                "rule": "exclude",
                "source": _library_text(library),
                "library": True,
            }
        )
    return out


def _library_text(library: str) -> str:
    """A library path's file name, a saved connection's name; a connection string (it may hold
    a password) only as PostgreSQL."""
    if "://" in library or "=" in library:
        return "PostgreSQL"
    return os.path.basename(library) or library


def _entry(layer, name, rule) -> dict:
    entry = {"name": name, "rule": rule, "source": layer_source_text(layer)}
    entry["features"] = int(layer.featureCount())
    modified = _modified(layer)
    if modified:
        entry["modified"] = modified
    return entry


# ----------------------------------------------------------------------------- content
class SitingContent:
    """The report's text pieces; ``tr`` translates into the report language."""

    def __init__(self, result, info: dict, tr):
        self.result = result
        self.info = info
        self.tr = tr
        self.candidates = list(result.candidates)
        self.top = self.candidates[:TOP]
        self.title = tr("Site selection report")
        self.date = str(info.get("date") or "").replace("T", " ")

    # ---- request and constraints ----------------------------------------------------------
    def request_items(self) -> list[tuple[str, str]]:
        tr, info = self.tr, self.info
        use = str(info.get("land_use") or "")
        name = land_use_name(use)
        items = [
            (tr("Search area"), str(info.get("search") or "")),
            (tr("Project land use"), f"{use} {name}".strip()),
            (tr("Minimum area (m²)"), _int(info.get("min_area") or 0)),
            (
                tr("Target maximum area (m²)"),
                _int(info["max_area"]) if info.get("max_area") else "—",
            ),
            (tr("Minimum width (m)"), f"{info.get('min_width') or 0:g}"),
            (
                tr("Area computed"),
                tr("planar area in {crs}").format(crs=info.get("area_crs") or ""),
            ),
            (tr("Date"), self.date),
        ]
        return items

    def rule_text(self, rule: str, entry: dict | None = None) -> str:
        tr = self.tr
        if rule == "avoid":
            return tr("must stay out of")
        if rule == "inside":
            return tr("must stay inside")
        if rule == "zoning":
            codes = "、".join(self.result.land.compatible_codes) or "—"
            return tr("planned use compatible with the project: {codes}").format(codes=codes)
        return tr("not offered")

    def version_text(self, entry: dict) -> str:
        tr = self.tr
        parts = []
        if entry.get("set"):
            parts.append(tr("control set {name}").format(name=entry["set"]))
        if entry.get("document"):
            parts.append(tr("approval document {number}").format(number=entry["document"]))
        if entry.get("source"):
            parts.append(
                (tr("project library {source}") if entry.get("library") else "{source}").format(
                    source=entry["source"]
                )
            )
        if entry.get("field"):
            parts.append(tr("code field {field}").format(field=entry["field"]))
        if entry.get("features") is not None:
            parts.append(tr("{n} features").format(n=entry["features"]))
        if entry.get("modified"):
            parts.append(tr("modified {date}").format(date=entry["modified"]))
        if entry.get("effective"):
            parts.append(tr("effective {date}").format(date=entry["effective"]))
        return "；".join(parts) or "—"

    def constraint_rows(self) -> list[tuple[str, str, str, str]]:
        """(layer, rule, source and version, m² removed) in the order the steps were applied."""
        tr = self.tr
        entries = list(self.info.get("constraints") or [])
        if not entries:  # an older caller: names and rules only
            entries = [{"name": n, "rule": r} for n, r in self.info.get("controls") or []]
            zoning = self.info.get("zoning")
            if zoning:
                entries.append({"name": zoning[0], "rule": "zoning", "field": zoning[1]})
        by_name: dict[str, list] = {}
        for entry in entries:
            by_name.setdefault(entry.get("name"), []).append(entry)
        rows = []
        for step, removed in self.result.land.removed_m2.items():
            found = by_name.get(step) or [{"name": step, "rule": "exclude"}]
            for k, entry in enumerate(found):
                name = tr("excluded land") if step == "exclude" else step
                rule = self.rule_text(entry.get("rule", ""), entry)
                rows.append(
                    (name, rule, self.version_text(entry), fmt_m2(removed) if not k else "")
                )
        return rows

    def land_summary(self) -> str:
        land, result = self.result.land, self.result
        return self.tr(
            "Search area {search} m², allowed land {allowed} m², at least the minimum width "
            "{opened} m², in pieces below the minimum area {small} m², lost at grid cuts "
            "{cut} m²."
        ).format(
            search=_int(land.search_m2),
            allowed=_int(land.geometry.area),
            opened=_int(result.opened_m2),
            small=_int(result.small_m2),
            cut=_int(result.cut_dropped_m2),
        )

    # ---- method -----------------------------------------------------------------------------
    def method_lines(self) -> list[str]:
        tr = self.tr
        return [
            tr(
                "Allowed land = search area − lines to stay out of ∩ lines to stay inside ∩ "
                "zoning compatible (合规) with the project's use by the compliance review's "
                "table − excluded land."
            ),
            tr(
                "Minimum width: morphological opening (buffer −w/2 then +w/2, intersected with "
                "the allowed land); every point of a candidate lies in a disc of diameter w "
                "inside it."
            ),
            tr("Each connected piece of at least the minimum area is a candidate."),
            tr(
                "With a target maximum area, larger pieces are cut by a square grid of that "
                "cell area aligned on the search area's lower-left corner, each cell opened "
                "again."
            ),
            tr(
                "Criteria: distance to the nearest feature, normalised 0–1 over the candidates "
                "(min–max); score = weighted sum Σ w·s / Σ w; without criteria the score is the "
                "compactness 4πA/P². Ties: larger area first, then the lower-left centroid."
            ),
        ]

    def weight_rows(self) -> list[tuple[str, str, str, str]]:
        """(criterion, direction, weight, share of the score)."""
        tr = self.tr
        crits = self.result.criteria
        total = sum(c.weight for c in crits) or 1.0
        return [
            (
                c.name,
                tr("nearer is better") if c.direction == NEAR else tr("farther is better"),
                f"{c.weight:g}",
                f"{c.weight / total:.1%}",
            )
            for c in crits
        ]

    # ---- candidates ---------------------------------------------------------------------------
    def candidate_head(self) -> list[str]:
        tr = self.tr
        head = [tr("Rank"), tr("Score"), tr("Area (m²)"), tr("Area (ha)"), tr("Area (mu)")]
        head.append(tr("Compactness"))
        for crit in self.result.criteria:
            head.append(tr("{name} (m)").format(name=crit.name))
        return head

    def candidate_row(self, cand) -> list[str]:
        row = [str(cand.rank), f"{cand.score:.3f}", fmt_m2(cand.area_m2)]
        row += [fmt_ha(cand.area_m2), fmt_mu(cand.area_m2), f"{cand.compactness:.2f}"]
        row += [_int(d) for d in cand.raw]
        return row

    def why(self, index: int) -> str:
        """Why the candidate at ``index`` (0-based) ranks where it does."""
        tr = self.tr
        cands = self.candidates
        cand = cands[index]
        crits = self.result.criteria
        parts = []
        if crits:
            total = sum(c.weight for c in crits)
            terms = " + ".join(
                tr("{name} {w}/{total} × {s}").format(
                    name=c.name, w=f"{c.weight:g}", total=f"{total:g}", s=f"{s:.2f}"
                )
                for c, s in zip(crits, cand.norm)
            )
            parts.append(
                tr("score {score} = {terms}").format(score=f"{cand.score:.3f}", terms=terms)
            )
            for c, d, s in zip(crits, cand.raw, cand.norm):
                better = tr("nearer is better") if c.direction == NEAR else tr("farther is better")
                parts.append(
                    tr("{name}: {d} m ({better}), normalised {s}").format(
                        name=c.name, d=_int(d), better=better, s=f"{s:.2f}"
                    )
                )
        else:
            parts.append(
                tr("score {score} = compactness 4πA/P² (no criteria given)").format(
                    score=f"{cand.score:.3f}"
                )
            )
        parts.append(self._versus(index))
        if cand.cut:
            parts.append(
                tr("cut from allowed piece {piece} by a {side} m grid").format(
                    piece=cand.piece, side=f"{self.result.grid_m:,.0f}"
                )
            )
        parts.append(
            tr("{area} m² ({ha} ha, {mu} mu), compactness {c}").format(
                area=fmt_m2(cand.area_m2),
                ha=fmt_ha(cand.area_m2),
                mu=fmt_mu(cand.area_m2),
                c=f"{cand.compactness:.2f}",
            )
        )
        return "；".join(p for p in parts if p)

    def _versus(self, index: int) -> str:
        """The comparison with the next candidate (or, for the last, the previous one)."""
        tr = self.tr
        cands = self.candidates
        cand = cands[index]
        if len(cands) == 1:
            return tr("the only candidate")
        if index + 1 < len(cands):
            other = cands[index + 1]
            if round(cand.score, 12) > round(other.score, 12):
                return tr("ahead of rank {rank} by {diff} in score").format(
                    rank=other.rank, diff=_diff(cand.score - other.score)
                )
            if cand.area_m2 > other.area_m2:
                return tr("same score as rank {rank}, ahead by its larger area").format(
                    rank=other.rank
                )
            return tr("same score and area as rank {rank}, ahead by the fixed tie-break").format(
                rank=other.rank
            )
        other = cands[index - 1]
        if round(other.score, 12) > round(cand.score, 12):
            return tr("behind rank {rank} by {diff} in score").format(
                rank=other.rank, diff=_diff(other.score - cand.score)
            )
        return tr("same score as rank {rank}, behind it by area or the fixed tie-break").format(
            rank=other.rank
        )


def _diff(value: float) -> str:
    """A score difference: 3 decimals, or its first digits when smaller (never "0.000")."""
    return f"{value:.3f}" if value >= 0.001 else f"{value:.1e}"


def _int(value: float) -> str:
    return f"{value:,.0f}"
