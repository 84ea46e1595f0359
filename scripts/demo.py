#!/usr/bin/env python3
"""`make demo`: run Yimatong's main job on the bundled sample data and print where outputs are."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "demo_output"


def main() -> int:
    OUT.mkdir(exist_ok=True)
    print("Yimatong demo: outputs in", OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
