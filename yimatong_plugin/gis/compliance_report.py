"""The compliance-review report (规划符合性审查报告): the interface, kept where callers import it.

The report itself lives in :mod:`.reports` (:mod:`.reports.compliance` on top of its data,
maps, HTML and PDF modules); this module re-exports what the algorithm, scripts and tests use.
"""

from ..toolbelt.i18n import load_private_translator
from .reports.compliance import _Report as _Report
from .reports.compliance import write_report
from .reports.compliance_data import ReportError, display_code, land_use_name
from .reports.language import _Language as _Language

__all__ = [
    "ReportError",
    "display_code",
    "land_use_name",
    "load_private_translator",
    "write_report",
]
