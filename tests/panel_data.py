"""A synthetic project library of N projects (default 100,000) for the panel benchmark and tests.

Created with the library (schema, triggers) and filled in ONE transaction by bulk inserts on the
library's connection (allocating 100,000 codes one API call at a time would take minutes and
is not what the panel benchmark measures). Codes, segments and names are realistic: Changde's
nine divisions, years 2015–2025, the bundled code lists, Chinese project names and applicants;
about 60 % of the projects have 1–4 stage events; a few hundred are archived.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "_data"

ADMINS = ["430702", "430703", "430721", "430722", "430723", "430724", "430725", "430726", "430781"]
PLACES = [
    "德山",
    "武陵",
    "鼎城",
    "柳叶湖",
    "桃花源",
    "津市",
    "澧阳",
    "汉寿",
    "石门",
    "安乡",
    "临澧",
    "白马湖",
    "穿紫河",
    "丹洲",
    "河洑",
    "斗姆湖",
    "灌溪",
    "石公桥",
]
KINDS = [
    "标准厂房",
    "安置房",
    "商住小区",
    "物流园",
    "学校",
    "医院",
    "污水处理厂",
    "道路工程",
    "公园",
    "产业园",
    "商业综合体",
    "变电站",
    "农贸市场",
    "体育馆",
    "仓储中心",
    "保障房",
]
COMPANIES = [
    "常德市城投",
    "湖南德山建设",
    "常德经开区投资",
    "武陵区城发",
    "鼎城区国资",
    "湖南某电子有限公司",
    "常德某置业有限公司",
    "桃源县城建",
    "澧县交投",
    "津市市水务",
]
APPROVAL = ["03", "05", "07", "11", "12", "13"]
PROJECT_TYPES = ["01", "02", "03", "04", "05", "06", "09", "12"]
SUPPLY = ["10", "11", "12", "13", "14", "20", "30"]
LAND_USE = [
    "0701",
    "0702",
    "0801",
    "0804",
    "0806",
    "0901",
    "0902",
    "1001",
    "1101",
    "1202",
    "1207",
    "1301",
    "1302",
    "1401",
]
SOURCES = [
    "national_key",
    "provincial_key",
    "municipal_key",
    "investment_platform",
    "annual_reserve_plan",
    "annual_transfer_plan",
]
STAGE_SEQ = [
    "preliminary_review",
    "conversion_approval",
    "reserve",
    "supply",
    "planning_permit",
    "construction_start",
    "completion",
    "registration",
]
STATUSES = ["active"] * 18 + ["suspended", "completed"]


def make_library(path: Path | str, n: int = 100_000, seed: int = 20241121) -> Path:
    """Create (once) a GeoPackage library with ``n`` projects at ``path``."""
    from yimatong_plugin.core.library import open_library

    path = Path(path)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.gpkg")
    if tmp.exists():
        tmp.unlink()
    rng = random.Random(seed)
    lib = open_library(str(tmp), user="benchmark")
    try:
        conn = lib.connection
        serials: dict[str, int] = {}
        projects = []
        events = []
        stamp = "2025-01-01T00:00:00.000Z"
        for i in range(n):
            admin = rng.choice(ADMINS)
            year = str(rng.randint(2015, 2025))
            seg = (
                "43",
                admin,
                year,
                rng.choice(APPROVAL),
                rng.choice(PROJECT_TYPES),
                rng.choice(SUPPLY),
                rng.choice(LAND_USE),
            )
            prefix = "".join(seg)
            serials[prefix] = serial = serials.get(prefix, 0) + 1
            serial_s = f"{serial:06d}"
            code = prefix + serial_s
            name = (
                f"{rng.choice(PLACES)}{rng.choice(KINDS)}{rng.choice(['', '一期', '二期', '三期'])}"
            )
            name = f"{name}（{i + 1}号）"
            archived = 1 if rng.random() < 0.005 else 0
            projects.append(
                (
                    code,
                    name,
                    rng.choice(SOURCES),
                    *seg,
                    serial_s,
                    rng.choice(COMPANIES),
                    round(rng.uniform(500, 200_000), 1),
                    rng.choice(STATUSES),
                    archived,
                    stamp,
                    stamp,
                    "benchmark",
                )
            )
            if rng.random() < 0.6:
                k = rng.randint(1, 4)
                y = int(year)
                for j in range(k):
                    events.append(
                        (
                            code,
                            STAGE_SEQ[j],
                            f"{y + j // 2}-{rng.randint(1, 12):02d}-15",
                            stamp,
                            stamp,
                            "benchmark",
                        )
                    )
        with lib.transaction():
            conn.executemany(
                "INSERT INTO ymt_projects (code, name, source, region, admin, year, "
                "approval_type, project_type, supply_type, land_use, serial, applicant, "
                "declared_area_m2, status, archived, created_at, updated_at, updated_by) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                projects,
            )
            conn.executemany(
                "INSERT INTO ymt_events (code, stage, event_date, created_at, updated_at, "
                "updated_by) VALUES (?,?,?,?,?,?)",
                events,
            )
            # schema v3+ reserves each inserted project's serial by trigger; older schemas do not
            conn.executemany(
                "INSERT INTO ymt_serials (prefix, last_serial, updated_at) VALUES (?,?,?) "
                "ON CONFLICT (prefix) DO UPDATE SET last_serial = excluded.last_serial "
                "WHERE ymt_serials.last_serial < excluded.last_serial",
                [(p, s, stamp) for p, s in serials.items()],
            )
        conn.execute("ANALYZE")
    finally:
        lib.close()
    tmp.rename(path)
    for suffix in ("-wal", "-shm"):
        side = Path(str(tmp) + suffix)
        if side.exists():
            side.unlink()
    return path


def benchmark_library(n: int = 100_000) -> Path:
    return make_library(DATA / f"panel_{n}.gpkg", n)
