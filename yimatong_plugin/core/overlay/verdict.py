"""The verdict of one parcel: control-line rules, then zoning as a role (use compatibility)."""

from __future__ import annotations

from .. import zoning_scheme
from ..dictionaries import land_use_name
from ..i18n import tr
from ..landuse_compat import ARGUE, CONFLICT, compatibility, normalise_land_use
from .model import AVOID, VERDICT_ARGUE, VERDICT_CONFLICT, VERDICT_OK, ZONING_ROLE, ParcelResult


def _fmt(m2: float) -> str:
    return f"{m2:,.2f}"


def _decide(res: ParcelResult, layers, zoning, sliver_m2: float, project_use) -> None:
    """Set the parcel's verdict and the rules that produced it."""
    if res.empty:
        res.verdict = VERDICT_ARGUE
        res.rules = [tr("empty or NULL geometry: the parcel could not be reviewed")]
        return
    conflicts, argue, minor = [], [], []
    for layer in layers:
        ov = res.overlap(layer.name)
        if layer.rule == AVOID:
            if ov is None or ov.overlap_m2 <= 0:
                continue
            if ov.overlap_m2 > sliver_m2:
                conflicts.append(
                    tr("{layer}: {m2} m² inside a line the project must stay out of").format(
                        layer=layer.name, m2=_fmt(ov.overlap_m2)
                    )
                )
            else:
                minor.append(
                    tr("{layer}: {m2} m² overlap within the sliver tolerance").format(
                        layer=layer.name, m2=_fmt(ov.overlap_m2)
                    )
                )
        else:
            outside = ov.outside_m2 if ov is not None else res.area_m2
            if outside > sliver_m2:
                conflicts.append(
                    tr("{layer}: {m2} m² outside a line the project must stay inside").format(
                        layer=layer.name, m2=_fmt(outside)
                    )
                )
            elif outside > 0:
                minor.append(
                    tr("{layer}: {m2} m² outside within the sliver tolerance").format(
                        layer=layer.name, m2=_fmt(outside)
                    )
                )
    if zoning is not None and project_use not in (None, ""):
        use_norm = normalise_land_use(project_use)
        if use_norm is None:
            argue.append(
                tr(
                    "project land-use code '{code}' is unknown: use compatibility not decided"
                ).format(code=project_use)
            )
        else:
            for ov in res.overlaps:
                if ov.role != ZONING_ROLE or ov.overlap_m2 <= sliver_m2:
                    continue
                planned = zoning_scheme.normalise(ov.class_code, zoning.scheme)
                verdict = compatibility(planned, project_use) if planned else ARGUE
                name = land_use_name(planned) if planned else ""
                if planned is None:
                    argue.append(
                        tr("planned use code '{code}' is unknown ({m2} m²)").format(
                            code=ov.class_code, m2=_fmt(ov.overlap_m2)
                        )
                    )
                elif verdict == CONFLICT:
                    conflicts.append(
                        tr(
                            "planned use {code} {name} ({m2} m²) does not allow project use {use}"
                        ).format(
                            code=ov.class_code, name=name, m2=_fmt(ov.overlap_m2), use=project_use
                        )
                    )
                elif verdict == ARGUE:
                    argue.append(
                        tr("planned {code} {name} ({m2} m²) vs project use {use}: to argue").format(
                            code=ov.class_code, name=name, m2=_fmt(ov.overlap_m2), use=project_use
                        )
                    )
    if conflicts:
        res.verdict, res.rules = VERDICT_CONFLICT, conflicts + argue
    elif argue:
        res.verdict, res.rules = VERDICT_ARGUE, argue
    else:
        res.verdict = VERDICT_OK
        res.rules = [tr("no conflict with the control lines and the planned use")] + minor
    if res.repaired:
        res.rules.append(tr("invalid parcel geometry was repaired (make_valid) before the overlay"))
