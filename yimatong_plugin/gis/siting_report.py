"""The 辅助选址 report: a short HTML page (Chinese in a zh_CN QGIS) with the request, the
constraints, the method and weights, a map (inline SVG) and the table of the top candidates."""

from __future__ import annotations

import html

import numpy as np
import shapely

from ..core.i18n import tr
from ..core.siting.candidates import NEAR

TOP = 20
MAP_PX = 640


def _svg_path(geom, tx) -> str:
    parts = []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in [poly.exterior, *poly.interiors]:
            xy = tx(np.asarray(ring.coords))
            parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + " Z")
    return " ".join(parts)


def map_svg(search, allowed, candidates) -> str:
    """An SVG map: search area outline, allowed land, the top candidates with their rank."""
    xmin, ymin, xmax, ymax = search.bounds
    scale = MAP_PX / max(xmax - xmin, ymax - ymin, 1e-9)
    height = (ymax - ymin) * scale
    tol = 1.0 / scale  # one pixel

    def tx(coords):
        return np.column_stack(
            [(coords[:, 0] - xmin) * scale, height - (coords[:, 1] - ymin) * scale]
        )

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{MAP_PX}" height="{height:.0f}" '
        f'viewBox="0 0 {MAP_PX} {height:.0f}">',
        f'<path d="{_svg_path(search.simplify(tol), tx)}" fill="#f4f4f4" stroke="#555" '
        'stroke-width="1"/>',
    ]
    if not allowed.is_empty:
        out.append(
            f'<path d="{_svg_path(allowed.simplify(tol), tx)}" fill="#cfe8c9" '
            'fill-rule="evenodd" stroke="none"/>'
        )
    for cand in candidates[:TOP]:
        out.append(
            f'<path d="{_svg_path(cand.geometry, tx)}" fill="#f08a24" fill-rule="evenodd" '
            'stroke="#8a3b00" stroke-width="0.8"/>'
        )
        c = cand.geometry.representative_point()
        (x, y) = tx(np.array([[c.x, c.y]]))[0]
        out.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="12" text-anchor="middle" '
            f'fill="#000">{cand.rank}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _m2(value: float) -> str:
    return f"{value:,.0f}"


def build_html(result, info: dict, search_geom) -> str:
    e = html.escape
    cands = result.candidates
    land = result.land
    rows = []
    rule_names = {"avoid": tr("must stay out of"), "inside": tr("must stay inside")}
    req = [
        (tr("Search area"), info["search"]),
        (tr("Project land use"), info["land_use"]),
        (tr("Minimum area (m²)"), _m2(info["min_area"])),
        (tr("Target maximum area (m²)"), _m2(info["max_area"]) if info["max_area"] else "—"),
        (tr("Minimum width (m)"), f"{info['min_width']:g}"),
        (tr("CRS for areas"), info["area_crs"]),
        (tr("Date"), info["date"]),
    ]
    rows.append(f"<h1>{e(tr('Site selection report'))}</h1>")
    rows.append(f"<h2>{e(tr('Request'))}</h2><table>")
    rows += [f"<tr><th>{e(k)}</th><td>{e(str(v))}</td></tr>" for k, v in req]
    rows.append("</table>")
    rows.append(f"<h2>{e(tr('Constraints'))}</h2><table>")
    rows.append(
        f"<tr><th>{e(tr('Layer'))}</th><th>{e(tr('Rule'))}</th>"
        f"<th>{e(tr('Removed (m², steps in the order applied)'))}</th></tr>"
    )
    rules = dict(info["controls"])
    zname, zfield = info.get("zoning") or (None, None)
    for step, removed in land.removed_m2.items():  # in the order the steps were applied
        if step in rules:
            name, what = step, rule_names.get(rules[step], rules[step])
        elif step == zname:
            codes = "、".join(land.compatible_codes) or "—"
            name = f"{zname} ({zfield})"
            what = tr("planned use compatible with the project: {codes}").format(codes=codes)
        else:
            name, what = tr("excluded land"), tr("not offered")
        rows.append(f"<tr><td>{e(name)}</td><td>{e(what)}</td><td>{_m2(removed)}</td></tr>")
    rows.append("</table>")
    rows.append(
        "<p>"
        + e(
            tr(
                "Search area {search} m², allowed land {allowed} m², at least the minimum width "
                "{opened} m², in pieces below the minimum area {small} m², lost at grid cuts "
                "{cut} m²."
            ).format(
                search=_m2(land.search_m2),
                allowed=_m2(land.geometry.area),
                opened=_m2(result.opened_m2),
                small=_m2(result.small_m2),
                cut=_m2(result.cut_dropped_m2),
            )
        )
        + "</p>"
    )
    rows.append(f"<h2>{e(tr('Method'))}</h2><ol>")
    method = [
        tr(
            "Allowed land = search area − lines to stay out of ∩ lines to stay inside ∩ zoning "
            "compatible (合规) with the project's use by the compliance review's table − "
            "excluded land."
        ),
        tr(
            "Minimum width: morphological opening (buffer −w/2 then +w/2, intersected with the "
            "allowed land); every point of a candidate lies in a disc of diameter w inside it."
        ),
        tr("Each connected piece of at least the minimum area is a candidate."),
        tr(
            "With a target maximum area, larger pieces are cut by a square grid of that cell "
            "area aligned on the search area's lower-left corner, each cell opened again."
        ),
        tr(
            "Criteria: distance to the nearest feature, normalised 0–1 over the candidates "
            "(min–max); score = weighted sum Σ w·s / Σ w; without criteria the score is the "
            "compactness 4πA/P². Ties: larger area first, then the lower-left centroid."
        ),
    ]
    rows += [f"<li>{e(m)}</li>" for m in method]
    rows.append("</ol>")
    if result.criteria:
        rows.append(
            f"<table><tr><th>{e(tr('Criterion'))}</th><th>{e(tr('Direction'))}</th>"
            f"<th>{e(tr('Weight'))}</th></tr>"
        )
        for crit in result.criteria:
            better = tr("nearer is better") if crit.direction == NEAR else tr("farther is better")
            rows.append(
                f"<tr><td>{e(crit.name)}</td><td>{e(better)}</td><td>{crit.weight:g}</td></tr>"
            )
        rows.append("</table>")
    rows.append(f"<h2>{e(tr('Map of the top candidates'))}</h2>")
    rows.append(map_svg(search_geom, land.geometry, cands))
    rows.append(
        f"<h2>{e(tr('Candidates'))}</h2><p>"
        + e(tr("{n} candidate sites; the first {top} are listed.").format(n=len(cands), top=TOP))
        + "</p><table>"
    )
    head = [tr("Rank"), tr("Score"), tr("Area (m²)"), tr("Compactness")]
    for crit in result.criteria:
        head += [f"{crit.name} (m)", tr("{name} score").format(name=crit.name)]
    head.append(tr("Reasons"))
    rows.append("<tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>")
    for cand in cands[:TOP]:
        cells = [str(cand.rank), f"{cand.score:.3f}", _m2(cand.area_m2), f"{cand.compactness:.2f}"]
        for raw, norm in zip(cand.raw, cand.norm):
            cells += [_m2(raw), f"{norm:.2f}"]
        cells.append(cand.reasons)
        rows.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>")
    rows.append("</table>")
    style = (
        "body{font-family:sans-serif;margin:24px}table{border-collapse:collapse;margin:8px 0}"
        "th,td{border:1px solid #999;padding:3px 6px;font-size:13px;text-align:left}"
    )
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{e(tr('Site selection report'))}</title><style>{style}</style></head><body>"
        + "\n".join(rows)
        + "</body></html>"
    )


def write_report(result, info: dict, search_geom, path: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(build_html(result, info, search_geom))
