"""The panel's queries and the all-or-nothing import on a PostGIS library (throw-away server)."""

import openpyxl
import pytest

from yimatong_plugin.core import project_query as pq
from yimatong_plugin.core.importer import ImporterError, commit, dry_run, read_table
from yimatong_plugin.core.library import open_library

pytestmark = pytest.mark.postgis

NAMES = ["德山标准厂房", "武陵安置房", "柳叶湖商住小区", "桃源物流园"]
ADMINS = ["430702", "430703", "430725"]


@pytest.fixture(scope="module")
def lib(postgis_server):
    library = open_library(postgis_server.new_database(), user="tester")
    with library.transaction():
        for i in range(60):
            code = library.new_project(
                f"{NAMES[i % 4]}{i}号",
                "annual_transfer_plan" if i % 2 else "municipal_key",
                dict(
                    region="43",
                    admin=ADMINS[i % 3],
                    year=2020 + i % 4,
                    approval_type="05",
                    project_type="01",
                    supply_type="13",
                    land_use="1001",
                ),
                applicant="常德城投" if i % 5 == 0 else "湖南某公司",
                declared_area_m2=1000.0 + i,
            )
            if i % 3 == 0:
                library.add_event(code, "reserve", "2023-01-01")
            if i % 6 == 0:
                library.add_event(code, "supply", "2024-01-01")
    yield library
    library.close()


def test_queries_on_postgres(lib):
    conn = lib.connection
    assert pq.dialect_of(conn) == "postgres"
    flt = pq.ProjectFilter(text="德山")
    page = pq.fetch_page(conn, flt, limit=100)
    assert len(page) == 15 == pq.count(conn, flt)
    assert all("德山" in r[1] for r in page)
    # case-insensitive, wildcards literal, terms ANDed
    assert pq.count(conn, pq.ProjectFilter(text="%")) == 0
    assert pq.count(conn, pq.ProjectFilter(text="德山 城投")) == 3
    flt = pq.ProjectFilter(admin="430703", source="annual_transfer_plan")
    assert pq.count(conn, flt) == 10
    prefix = page[0][0][:12]
    assert all(r[0].startswith(prefix) for r in pq.fetch_page(conn, pq.ProjectFilter(text=prefix)))
    assert pq.count(conn, pq.ProjectFilter(stage="supply")) == 10
    assert pq.count(conn, pq.ProjectFilter(stage="reserve")) == 10
    assert pq.count(conn, pq.ProjectFilter(stage="none")) == 40
    areas = [r[9] for r in pq.fetch_page(conn, pq.ProjectFilter(), "declared_area_m2", True)]
    assert areas == sorted(areas, reverse=True)
    keyset, last = [], None
    while True:
        rows = pq.fetch_page(conn, pq.ProjectFilter(), limit=25, after_code=last)
        if not rows:
            break
        keyset += [r[0] for r in rows]
        last = rows[-1][0]
    assert len(keyset) == 60 and keyset == sorted(keyset)
    assert "2020" in pq.distinct_values(conn, "year")


def test_import_rolls_back_on_postgres(lib, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        ["项目代码", "项目名称", "行政区", "年度", "批准类型", "项目类型", "供地方式", "用途"]
    )
    ws.append(["", "新项目甲", "鼎城区", 2025, "05", "01", "挂牌出让", "1001"])
    ws.append(["", "新项目乙", "鼎城区", 2025, "05", "01", "挂牌出让", "1001"])
    existing = lib.find("德山", limit=1)[0]["code"]
    ws.append([existing, "撞码项目", "", "", "", "", "", ""])
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    table = read_table(path)
    plan = dry_run(table, "annual_transfer_plan", defaults={"region": "43"})  # no library
    assert plan.ok, plan.summary()
    before = pq.count(lib.connection, pq.ProjectFilter(include_archived=True))
    with pytest.raises(ImporterError, match="Row 4"):
        commit(plan, lib)
    assert pq.count(lib.connection, pq.ProjectFilter(include_archived=True)) == before
    assert lib.find("新项目甲") == []
    # with the library the dry run finds the clash first
    plan = dry_run(table, "annual_transfer_plan", library=lib, defaults={"region": "43"})
    assert [(p.row, p.column) for p in plan.problems] == [(4, "项目代码")]


def test_anomaly_filter_on_postgres(lib):
    conn = lib.connection
    codes = sorted(r[0] for r in pq.fetch_page(conn, pq.ProjectFilter(stage="supply")))[:3]
    pq.load_anomalies(conn, {"闲置土地": set(codes)})
    flt = pq.ProjectFilter(anomaly="闲置土地")
    assert [r[0] for r in pq.fetch_page(conn, flt)] == codes
    assert pq.count(conn, flt) == 3


def _anomaly_library(library):
    """One project per finding kind, a healthy one and an archived idle one; their codes."""
    seg = dict(
        region="43",
        admin="430702",
        year=2020,
        approval_type="05",
        project_type="01",
        supply_type="13",
        land_use="1001",
    )
    codes = {}

    def project(key, *events):
        code = str(library.new_project(key, "municipal_key", seg))
        for stage, day, attrs in events:
            library.add_event(code, stage, day, **attrs)
        codes[key] = code
        return code

    project("idle", ("supply", "2020-03-01", {"agreed_start": "2020-09-01"}))
    project("unused", ("supply", "2023-06-01", {"agreed_start": "2023-10-01"}))
    project(
        "late_start",
        ("supply", "2020-03-01", {"agreed_start": "2020-09-01"}),
        ("construction_start", "2020-12-01", {}),
    )
    project(
        "stalled",
        ("supply", "2019-03-01", {"agreed_start": "2019-09-01"}),
        ("construction_start", "2019-08-01", {}),
        ("supervision", "2022-06-01", {"stopped_on": "2022-05-01", "developed_ratio": 0.1}),
    )
    project(
        "resumed",
        ("supply", "2019-03-01", {"agreed_start": "2019-09-01"}),
        ("construction_start", "2019-08-01", {}),
        ("supervision", "2022-06-01", {"stopped_on": "2022-05-01", "developed_ratio": 0.1}),
        ("supervision", "2023-02-01", {"status": "复工"}),
    )
    for key, area in (("batch_supplied", 6000), ("batch_open", 4000), ("batch_archived", 4000)):
        project(key, ("conversion_approval", "2021-05-01", {"batch": "B", "area_m2": area}))
    library.add_event(codes["batch_supplied"], "supply", "2022-01-01", batch="B", area_m2=6000)
    project(
        "healthy",
        ("supply", "2020-03-01", {"agreed_start": "2020-09-01"}),
        ("construction_start", "2020-08-20", {}),
    )
    project("archived", ("supply", "2020-03-01", {"agreed_start": "2020-09-01"}))
    library.archive_project(codes["archived"])
    library.archive_project(codes["batch_archived"])
    return codes


def test_anomaly_codes_on_postgres_equal_geopackage(postgis_server, tmp_path):
    """The panel's anomaly filter computes the same findings on both backends."""
    import datetime as dt

    expected_keys = {
        "闲置土地": {"idle", "stalled"},
        "供而未用": {"unused"},
        "逾期开工": {"late_start"},
        "批而未供": {"batch_open"},
    }
    found = {}
    for backend, uri in (
        ("postgres", postgis_server.new_database()),
        ("gpkg", str(tmp_path / "anomalies.gpkg")),
    ):
        library = open_library(uri)
        try:
            codes = _anomaly_library(library)
            result = pq.anomaly_codes(library.connection, as_of=dt.date(2024, 1, 1))
        finally:
            library.close()
        key_of = {code: key for key, code in codes.items()}
        found[backend] = {rule: {key_of[c] for c in cs} for rule, cs in result.items()}
    assert found["postgres"] == expected_keys
    assert found["gpkg"] == expected_keys
