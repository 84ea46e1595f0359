"""parse_code throughput: ``.venv/bin/python benchmarks/code.py``.

Ours: ``parse_code`` (bare and grouped forms; full validation against the bundled code lists:
division, year range, type lists, level-2 land use, serial). Peer, measured in the same run: a
plain ``re.fullmatch(r"[0-9]{28}")`` — the check most systems do, which validates nothing but
the shape. Printed as codes per second and as the ratio peer/ours.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from yimatong_plugin.core.code import ProjectCode, parse_code
from yimatong_plugin.core.dictionaries import default_dictionaries

N = 200_000
REPEATS = 5


def sample_codes(n: int, seed: int = 7) -> list[ProjectCode]:
    rng = random.Random(seed)
    d = default_dictionaries()
    pick = {k: sorted(v) for k, v in d.items()}
    level2 = [c for c in pick["land_use"] if len(c) == 4]
    return [
        ProjectCode(
            rng.choice(pick["region"]),
            rng.choice(pick["admin"]),
            str(rng.randint(2000, 2026)),
            rng.choice(pick["approval_type"]),
            rng.choice(pick["project_type"]),
            rng.choice(pick["supply_type"]),
            rng.choice(level2),
            f"{rng.randint(1, 999_999):06d}",
        )
        for _ in range(n)
    ]


def best_rate(func, items) -> float:
    """Items per second, best of REPEATS runs."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        for item in items:
            func(item)
        best = min(best, time.perf_counter() - start)
    return len(items) / best


def main() -> int:
    codes = sample_codes(N)
    bare = [str(c) for c in codes]
    grouped = [c.display() for c in codes]
    default_dictionaries()  # load once, outside the timing
    pattern = re.compile(r"[0-9]{28}")

    peer = best_rate(pattern.fullmatch, bare)
    ours_bare = best_rate(parse_code, bare)
    ours_grouped = best_rate(parse_code, grouped)
    assert all(parse_code(t) == c for t, c in zip(grouped[:1000], codes[:1000]))

    print(f"codes: {N:,} (best of {REPEATS} runs)")
    print(f"peer  re.fullmatch([0-9]{{28}}):  {peer:12,.0f} /s")
    for label, rate in (("bare", ours_bare), ("grouped", ours_grouped)):
        print(
            f"ours  parse_code {label:8}:        {rate:12,.0f} /s   peer/ours {peer / rate:5.1f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
