#!/usr/bin/env python3
"""`make bench`: run every benchmark in this folder, one after the other, with its defaults.

Each benchmark prints its own ratios against its peer; results are recorded by hand in
RESULTS.md. Pass benchmark names to run only some: `benchmarks/run_all.py code library`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "plugin_start",
    "code",
    "library",
    "panel",
    "projectbox",
    "compliance",
    "siteselection",
    "sync",
    "service",
    "catalog",
    "stats_refresh",
]


def main(argv: list[str]) -> int:
    wanted = argv[1:] or ORDER
    failed = []
    for name in wanted:
        script = HERE / f"{name}.py"
        if not script.exists():
            print(f"no benchmark {name}")
            failed.append(name)
            continue
        print(f"\n===== {name} =====", flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)])
        print(f"===== {name}: exit {result.returncode}, {time.perf_counter() - start:.0f} s")
        if result.returncode:
            failed.append(name)
    if failed:
        print("failed:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
