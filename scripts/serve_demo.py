#!/usr/bin/env python3
"""`make serve`: the exchange service on the sample library, for a demo on this machine.

Builds the sample library with the demo when it is missing (``demo_output/sample_library.gpkg``),
registers a client ``demo`` with every scope (its key is printed and saved in
``demo_output/service_key.txt``), prints a curl example per interface, then runs
``python -m yimatong_plugin.service serve`` on 127.0.0.1 (port: $YMT_PORT, default 8765)
until Ctrl+C.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("YIMATONG_DEMO_OUT") or ROOT / "demo_output")
LIBRARY = OUT / "sample_library.gpkg"
PORT = int(os.environ.get("YMT_PORT", "8765"))
SCOPES = "read,stages,results,registrations,allocate"


def main() -> int:
    if not LIBRARY.exists():
        print(f"{LIBRARY} is missing: building it with scripts/demo.py first")
        subprocess.run([sys.executable, str(ROOT / "scripts" / "demo.py")], check=False)
        if not LIBRARY.exists():
            print("error: the demo did not build the sample library", file=sys.stderr)
            return 1
    service = [sys.executable, "-m", "yimatong_plugin.service"]
    out = subprocess.run(
        service + ["add-client", "demo", "--library", str(LIBRARY), "--scopes", SCOPES],
        capture_output=True,
        text=True,
        check=True,
    )
    key = out.stdout.strip().splitlines()[-1]
    (OUT / "service_key.txt").write_text(key + "\n", encoding="utf-8")
    con = sqlite3.connect(LIBRARY)
    code = con.execute("SELECT code FROM ymt_projects ORDER BY code LIMIT 1").fetchone()[0]
    con.close()
    base = f"http://127.0.0.1:{PORT}"
    auth = f'-H "Authorization: Bearer {key}"'
    print(f"\n一码通交换服务 on {base} over {LIBRARY}")
    print(f"API key of client 'demo' (also in {OUT / 'service_key.txt'}):\n  {key}\n")
    print("Try:")
    print(f'  curl {auth} "{base}/api/v1/projects?page_size=5"')
    print(f"  curl {auth} {base}/api/v1/projects/{code}")
    print(f"  curl {base}/p/{code}        # the public 码上直办 page, no key")
    print(f"  OpenAPI: {base}/openapi.json  ·  docs: {base}/docs\n")
    os.execv(
        sys.executable,
        service + ["serve", "--library", str(LIBRARY), "--host", "127.0.0.1", "--port", str(PORT)],
    )


if __name__ == "__main__":
    sys.exit(main())
