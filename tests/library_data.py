"""Code segments and geometries shared by the library tests."""

#: a valid 22-digit prefix's segments (武陵区, 2024, 城镇住宅用地)
SEG = dict(
    region="43",
    admin="430702",
    year=2024,
    approval_type="03",
    project_type="01",
    supply_type="12",
    land_use="0701",
)
#: a small square parcel in Changde, EPSG:4490
SQUARE = "POLYGON((111.69 29.03, 111.70 29.03, 111.70 29.04, 111.69 29.04, 111.69 29.03))"

#: a 2021 project with supply type 13, used by the project-box and saved-connection tests
PROJECT_BOX_SEG = dict(
    region="43",
    admin="430702",
    year=2021,
    approval_type="01",
    project_type="01",
    supply_type="13",
    land_use="0701",
)


def square(x: float, y: float, d: float = 0.001) -> str:
    """A ``d``-degree square parcel with its south-west corner at (x, y), EPSG:4490."""
    return f"POLYGON(({x} {y}, {x + d} {y}, {x + d} {y + d}, {x} {y + d}, {x} {y}))"


def seed_detail_cases(lib, many_parcels: int, supply_extra: dict | None = None) -> dict:
    """Projects whose detail (``GET /projects/{code}``, ``project_bundle``) has odd cases: a
    quoted/backslashed applicant, a replaced parcel whose corners move by 1e-13°, a batch
    shared with a peer, a supply with a float area, 0.1 + 0.2 and a multi-line note, a stored
    result, a project without events, one with ``many_parcels`` parcels, and one to archive.
    ``supply_extra``: more columns of the supply. Returns ``{"codes": [in order], "full",
    "peer", "bare", "many", "archived"}`` (the caller adds its own events, then archives)."""
    import io

    codes = []

    def project(name, **kw):
        code = str(lib.allocate_code(**dict(SEG, **kw)))
        lib.add_project(code, name=name, source="municipal_key", applicant='城投 "甲"\\乙')
        codes.append(code)
        return code

    full = project("安置房一期")
    lib.add_parcel(full, SQUARE, stage="supply", label="A-1")
    old = lib.add_parcel(full, square(111.61, 29.01))
    lib.replace_parcel(old, square(111.6100000000001, 29.0100000000003), reason="测绘更正")
    lib.add_event(full, "conversion_approval", "2021-03-01", batch="湘政土批〔2021〕7号")
    lib.add_event(
        full,
        "supply",
        "2021-09-15",
        doc_no="常供〔2021〕1号",
        area_m2=1234.5678901,
        agreed_start="2022-01-01",
        developed_ratio=0.3,
        invested_ratio=0.1 + 0.2,
        note="第一行\n第二行\t制表",
        **(supply_extra or {}),
    )
    lib.store_result(full, None, io.BytesIO(b"x" * 1000), "红线图.dwg", kind="drawing")
    peer = project("同批次项目")
    lib.add_event(peer, "conversion_approval", "2021-03-01", batch="湘政土批〔2021〕7号")
    bare = project("没有事件的项目", year=2023)
    many = project("多地块项目", year=2022)
    for i in range(many_parcels):
        lib.add_parcel(many, square(111.5 + i * 0.0011, 29.1 + i * 1e-7), label=f"第{i}块")
    archived = project("已撤销项目", year=2020)
    return dict(codes=codes, full=full, peer=peer, bare=bare, many=many, archived=archived)
