"""Command-line tools the tests use. ``make setup`` installs every one of them
(scripts/setup_system.sh), so a missing tool fails the test that needs it — in CI and on a
developer's machine alike — instead of skipping it silently."""

import shutil

import pytest

#: tool -> the Debian package scripts/setup_system.sh installs it from
TOOLS = {
    "qgis_process.bin": "qgis",
    "pdftoppm": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "chromium": "chromium",
}


def require(tool: str) -> str:
    """The path of ``tool``; fails the test (never skips it) when the tool is missing."""
    path = shutil.which(tool, path="/usr/local/bin:/usr/bin:/bin") or shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} is missing: `make setup` installs it (Debian package {TOOLS.get(tool, '?')})",
            pytrace=False,
        )
    return path
