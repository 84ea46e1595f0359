"""Lifecycle findings (:class:`core.lifecycle.Finding`) in words, one wording for the timeline,
the project box's list and the project-file report: severities, the list's column titles, the
text beside a finding's mark and its tooltip."""

from __future__ import annotations

from ..core import lifecycle as lc
from ..toolbelt.i18n import tr


def severity_label(severity: str) -> str:
    """The severity of a finding in the user's language."""
    return {
        lc.SEVERITY_INFO: tr("info"),
        lc.SEVERITY_WARNING: tr("warning"),
        lc.SEVERITY_SERIOUS: tr("serious"),
        lc.SEVERITY_CRITICAL: tr("critical"),
    }.get(severity, severity)


def finding_headers() -> list[str]:
    """The column titles of a list of lifecycle findings (project box, project-file report)."""
    return [
        tr("Rule"),
        tr("Severity"),
        tr("Since"),
        tr("Days"),
        tr("Days counted over"),
        tr("Evidence"),
    ]


def finding_mark_text(finding: lc.Finding) -> str:
    """The text beside a finding's mark, e.g. ``闲置土地 ·`` over ``征缴闲置费阶段`` (two
    lines: narrow enough for the project box in a side panel)."""
    text = finding.rule
    if finding.stage == lc.IDLE_FEE:
        text += " ·\n" + tr("idle-land fee stage")
    elif finding.stage == lc.IDLE_REPOSSESSION:
        text += " ·\n" + tr("repossession stage")
    return text


def finding_tooltip(finding: lc.Finding) -> str:
    """The tooltip of a finding's mark (rich text): rule, severity, since when, evidence."""
    return "<b>{}</b> ({}) {}<br>{}".format(
        finding.rule,
        severity_label(finding.severity),
        tr("since {date}; {days} days: {counted}").format(
            date=finding.since, days=finding.days, counted=finding.reference_text()
        ),
        finding.evidence,
    )
