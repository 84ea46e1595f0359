"""Command-line tools the tests use. ``make setup`` installs every one of them
(scripts/setup_system.sh), so a missing tool fails the test that needs it — in CI and on a
developer's machine alike — instead of skipping it silently."""

import os
import shutil
import sys
from pathlib import Path

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


ROOT = Path(__file__).resolve().parents[1]


def qgis_process_env(tmp_path: Path) -> dict:
    """The environment of a ``qgis_process.bin`` run with this repository's plugin on
    QGIS_PLUGINPATH (a symlink under ``tmp_path/plugins``) and a throw-away profile under
    ``tmp_path/profile``; the caller enables the plugin in that profile."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "yimatong_plugin").symlink_to(ROOT / "yimatong_plugin")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QGIS_PLUGINPATH=str(plugins),
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
        PYTHONPATH=os.pathsep.join([sys.prefix + "/lib/python3.11/site-packages", str(ROOT)]),
    )
    return env
