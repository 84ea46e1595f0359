"""The 辅助选址 report: the interface, kept where callers import it (the report itself lives in
:mod:`.reports.siting` on its data, map, HTML and PDF modules)."""

from .reports.siting import write_report

__all__ = ["write_report"]
