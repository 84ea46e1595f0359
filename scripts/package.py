#!/usr/bin/env python3
"""Build dist/yimatong_plugin-<version>.zip for QGIS → Plugins → Install from ZIP.

The zip holds the plugin folder with compiled translations (.qm) and no tests, caches or .ts.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "yimatong_plugin"
sys.path.insert(0, str(ROOT))

EXCLUDE_DIRS = {"__pycache__", "tests", ".pytest_cache"}
EXCLUDE_SUFFIXES = {".pyc", ".ts", ".pro"}


def build() -> Path:
    from yimatong_plugin.__about__ import __version__

    ts = PLUGIN / "i18n" / "yimatong_zh_CN.ts"
    qm = ts.with_suffix(".qm")
    tmp = qm.with_suffix(".qm.tmp")
    subprocess.run(["lrelease", "-silent", str(ts), "-qm", str(tmp)], check=True)
    tmp.replace(qm)  # rename: a process that has the old .qm loaded keeps it intact
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    target = dist / f"yimatong_plugin-{__version__}.zip"
    count = 0
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(PLUGIN.rglob("*")):
            rel = path.relative_to(PLUGIN)
            if path.is_dir() or EXCLUDE_DIRS.intersection(rel.parts):
                continue
            if path.suffix in EXCLUDE_SUFFIXES or path.name.startswith("test_"):
                continue
            zf.write(path, Path("yimatong_plugin") / rel)
            count += 1
    print(f"{target} ({count} files, {target.stat().st_size // 1024} KiB)")
    return target


if __name__ == "__main__":
    build()
