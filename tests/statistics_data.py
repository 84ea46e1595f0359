"""A small library for the statistics tests, and an independent computation of the figures in
plain Python over the raw rows (no GROUP BY, no lifecycle code)."""

import datetime as dt

import shapely

AS_OF = dt.date(2026, 6, 30)
WULING, DINGCHENG = "430702", "430703"


def seg(admin, year, supply="12", land="0701"):
    return dict(
        region="43",
        admin=admin,
        year=year,
        approval_type="03",
        project_type="01",
        supply_type=supply,
        land_use=land,
    )


def square(x0, y0, size=0.002):
    return shapely.box(x0, y0, x0 + size, y0 + size).wkt


def build(lib) -> dict:
    """Projects chosen for each figure; returns {name: code}."""
    c = {}

    def project(name, segments, source, declared=None):
        code = lib.new_project(name, source, segments, declared_area_m2=declared)
        c[name] = str(code)
        return code

    # batch B1 (2023): P1 in 武陵区 approves 6,000 m², supplies 2,000; P2 in 鼎城区 4,000, none
    p1 = project("P1", seg(WULING, 2023), "municipal_key", 6000)
    lib.add_parcel(p1, square(111.69, 29.03))
    lib.add_event(p1, "conversion_approval", "2023-03-01", batch="B1", area_m2=6000)
    lib.add_event(p1, "supply", "2023-09-01", batch="B1", area_m2=2000, agreed_start="2024-01-01")
    p2 = project("P2", seg(DINGCHENG, 2023, land="1001"), "municipal_key", 4000)
    lib.add_event(p2, "conversion_approval", "2023-03-10", batch="B1", area_m2=4000)
    # the 2026 transfer plan: P3 (武陵区, 10,000 m²) supplied twice; P4 (鼎城区, 5,000 m²)
    p3 = project("P3", seg(WULING, 2026, supply="13"), "annual_transfer_plan", 10000)
    lib.add_parcel(p3, square(111.70, 29.03))
    lib.add_event(p3, "supply", "2026-02-15", area_m2=3000, agreed_start="2026-03-01")
    lib.add_event(p3, "supply", "2026-05-20", agreed_start="2026-03-01")  # no area recorded
    p4 = project("P4", seg(DINGCHENG, 2026, supply="13", land="1001"), "annual_transfer_plan", 5000)
    lib.add_event(p4, "supply", "2025-12-20", area_m2=1000, agreed_start="2026-04-01")
    lib.add_event(p4, "supply", "2026-04-01", area_m2=4000, agreed_start="2026-04-01")
    lib.add_event(p4, "construction_start", "2026-05-01")
    lib.add_event(p4, "completion", "2026-07-15")  # after AS_OF: ignored
    # batch B2 (2024) records no area: counted by projects
    p5 = project("P5", seg(WULING, 2024, supply="10", land="0601"), "investment_platform")
    lib.add_event(p5, "conversion_approval", "2024-01-05", batch="B2")
    # archived: left out everywhere
    p6 = project("P6", seg(WULING, 2024), "municipal_key", 7000)
    lib.add_parcel(p6, square(111.72, 29.03))
    lib.add_event(p6, "supply", "2024-01-01", agreed_start="2024-02-01")
    lib.archive_project(p6, reason="合并")
    # started, stalled: 闲置土地 fee stage; a resurveyed parcel (the old one retired)
    p7 = project("P7", seg(DINGCHENG, 2024), "municipal_key", 8000)
    old = lib.add_parcel(p7, square(111.74, 29.03, 0.004))
    lib.replace_parcel(old, square(111.74, 29.03), reason="resurvey")
    lib.add_event(p7, "supply", "2024-03-01", agreed_start="2024-06-01")
    lib.add_event(p7, "construction_start", "2024-07-01")
    lib.add_event(p7, "supervision", "2025-02-01", stopped_on="2025-01-01", developed_ratio=0.1)
    # nothing recorded at all
    project("P8", seg(WULING, 2025), "municipal_key")
    return c


# -- the independent computation ---------------------------------------------------------------


def raw(lib):
    projects = [r for r in lib.query("SELECT * FROM ymt_projects") if not r["archived"]]
    parcels = lib.query("SELECT code, area_m2, retired FROM ymt_parcels")
    events = [r for r in lib.query("SELECT * FROM ymt_events") if not r["archived"]]
    return projects, parcels, events


def project_areas(projects, parcels):
    """code -> (area, declared_only, no_area) by hand."""
    out = {}
    for p in projects:
        current = [x["area_m2"] for x in parcels if x["code"] == p["code"] and not x["retired"]]
        if current:
            out[p["code"]] = (sum(current), 0, 0)
        elif p["declared_area_m2"] is not None:
            out[p["code"]] = (p["declared_area_m2"], 1, 0)
        else:
            out[p["code"]] = (0.0, 0, 1)
    return out


def stage_as_of(code, events, as_of):
    mine = [e for e in events if e["code"] == code and str(e["event_date"]) <= as_of.isoformat()]
    if not mine:
        return ""
    return max(mine, key=lambda e: (str(e["event_date"]), e["fid"]))["stage"]


def expected_groups(lib, as_of, dimension, flt=None):
    projects, parcels, events = raw(lib)
    if flt is not None:
        projects = [
            p
            for p in projects
            if all(
                getattr(flt, k) in (None, "") or str(p[k]) == str(getattr(flt, k))
                for k in ("admin", "year", "source")
            )
        ]
    areas = project_areas(projects, parcels)
    out = {}
    for p in projects:
        key = {
            "admin": p["admin"],
            "year": str(p["year"]),
            "source": p["source"],
            "stage": stage_as_of(p["code"], events, as_of),
            "supply_type": p["supply_type"],
            "land_use_1": p["land_use"][:2],
            "land_use_2": p["land_use"],
        }[dimension]
        acc = out.setdefault(key, [0, 0.0, 0, 0])
        area, declared_only, no_area = areas[p["code"]]
        acc[0] += 1
        acc[1] += area
        acc[2] += declared_only
        acc[3] += no_area
    return out


def build_demo(lib, n: int = 60, seed: int = 13) -> dict:
    """:func:`build` plus ``n`` projects over five of Changde's divisions (screenshots)."""
    import random

    rng = random.Random(seed)
    codes = build(lib)
    admins = ["430702", "430703", "430721", "430723", "430781"]
    names = ["标准厂房", "安置房", "物流园", "学校", "商住小区", "产业园"]
    lands = ["0701", "1001", "0601", "1101"]
    sources = ["municipal_key", "annual_transfer_plan", "investment_platform", "provincial_key"]
    for i in range(n):
        admin = rng.choice(admins)
        year = rng.choice([2022, 2023, 2024, 2025, 2026])
        source = rng.choice(sources)
        if source == "annual_transfer_plan":
            year = 2026
        area = rng.choice([8000, 12000, 20000, 30000, 45000])
        code = lib.new_project(
            f"{rng.choice(['德山', '柳叶湖', '桃花源', '津市', '澧阳'])}{rng.choice(names)}{i}",
            source,
            seg(admin, year, supply=rng.choice(["10", "12", "13"]), land=rng.choice(lands)),
            declared_area_m2=area,
        )
        x0 = 111.5 + rng.random() * 0.6
        y0 = 28.9 + rng.random() * 0.6
        lib.add_parcel(code, square(x0, y0, 0.0015 + rng.random() * 0.002))
        batch = f"{year - 1}-{rng.randint(1, 4)}"
        approved = f"{year - 1}-{rng.randint(1, 12):02d}-15"
        lib.add_event(code, "conversion_approval", approved, batch=batch, area_m2=area)
        if rng.random() < 0.7:
            supplied = f"{year}-{rng.randint(1, 6):02d}-10"
            start = f"{year}-{rng.randint(7, 12):02d}-01"
            part = area if rng.random() < 0.6 else area / 2
            lib.add_event(code, "supply", supplied, batch=batch, area_m2=part, agreed_start=start)
            if rng.random() < 0.5:
                lib.add_event(code, "construction_start", f"{year}-12-20")
    return codes


def figures(lib) -> dict:
    """``{table key: rows}`` of the statistics of ``lib`` as of :data:`AS_OF` (to compare a
    library before and after a change)."""
    from yimatong_plugin.core.statistics import compute

    return {t.key: t.rows for t in compute(lib, AS_OF).tables}
