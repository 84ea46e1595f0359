"""Paged, filtered, sorted project queries of the library panel, against a real GeoPackage."""

import pytest

from tests.panel_data import make_library
from yimatong_plugin.core import project_query as pq
from yimatong_plugin.core.library import open_library


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    path = make_library(tmp_path_factory.mktemp("panel") / "lib.gpkg", n=3000, seed=7)
    library = open_library(str(path))
    yield library
    library.close()


def _all(conn):
    cols = ", ".join(pq.COLUMN_NAMES) + ", archived"
    return [
        dict(zip([*pq.COLUMN_NAMES, "archived"], r))
        for r in conn.execute(f"SELECT {cols} FROM ymt_projects")
    ]


def test_pages_cover_every_match_once_in_order(lib):
    conn = lib.connection
    flt = pq.ProjectFilter(text="德山")
    expected = sorted(
        r["code"]
        for r in _all(conn)
        if not r["archived"] and ("德山" in r["name"] or "德山" in (r["applicant"] or ""))
    )
    assert pq.count(conn, flt) == len(expected) > 100
    got, offset = [], 0
    while True:
        page = pq.fetch_page(conn, flt, offset=offset, limit=50)
        got += [r[0] for r in page]
        offset += len(page)
        if len(page) < 50:
            break
    assert got == expected
    # keyset paging gives the same pages
    keyset, last = [], None
    while True:
        page = pq.fetch_page(conn, flt, limit=50, after_code=last)
        if not page:
            break
        keyset += [r[0] for r in page]
        last = page[-1][0]
    assert keyset == expected


def test_code_prefix_and_equality_filters(lib):
    conn = lib.connection
    rows = _all(conn)
    live = [r for r in rows if not r["archived"]]
    prefix = live[0]["code"][:12]
    flt = pq.ProjectFilter(text=" ".join([prefix[:2], prefix[2:8], prefix[8:12]]))
    page = pq.fetch_page(conn, flt, limit=1000)
    assert {r[0] for r in page} == {r["code"] for r in live if r["code"].startswith(prefix)}
    flt = pq.ProjectFilter(admin="430703", year="2020", supply_type="13")
    want = {
        r["code"]
        for r in live
        if (r["admin"], r["year"], r["supply_type"]) == ("430703", "2020", "13")
    }
    assert {r[0] for r in pq.fetch_page(conn, flt, limit=1000)} == want
    assert pq.count(conn, flt) == len(want)
    archived = pq.ProjectFilter(status="archived")
    assert pq.count(conn, archived) == sum(1 for r in rows if r["archived"])


def test_sorting_by_any_column_with_ties_broken_by_code(lib):
    conn = lib.connection
    page = pq.fetch_page(conn, pq.ProjectFilter(text="厂房"), "declared_area_m2", True, limit=100)
    areas = [r[pq.COLUMN_NAMES.index("declared_area_m2")] for r in page]
    assert areas == sorted(areas, reverse=True)
    page = pq.fetch_page(conn, pq.ProjectFilter(), "name", limit=300)
    keys = [(r[1], r[0]) for r in page]
    assert keys == sorted(keys)
    with pytest.raises(ValueError):
        pq.fetch_page(conn, pq.ProjectFilter(), "name; DROP TABLE ymt_projects")


def test_stage_filter_is_the_latest_event(lib):
    conn = lib.connection
    code = pq.fetch_page(conn, pq.ProjectFilter(stage="none"), limit=1)[0][0]
    lib.add_event(code, "reserve", "2020-01-01")
    lib.add_event(code, "supply", "2021-06-01", agreed_start="2021-12-01")
    in_supply = {r[0] for r in pq.fetch_page(conn, pq.ProjectFilter(stage="supply"), limit=5000)}
    in_reserve = {r[0] for r in pq.fetch_page(conn, pq.ProjectFilter(stage="reserve"), limit=5000)}
    assert code in in_supply and code not in in_reserve
    assert code not in {
        r[0] for r in pq.fetch_page(conn, pq.ProjectFilter(stage="none"), limit=5000)
    }


def test_like_wildcards_are_literal(lib):
    conn = lib.connection
    assert pq.count(conn, pq.ProjectFilter(text="%")) == 0
    assert pq.count(conn, pq.ProjectFilter(text="_")) == 0


def test_anomalies_found_and_filtered(tmp_path):
    import datetime as dt

    lib = open_library(str(tmp_path / "a.gpkg"))
    seg = dict(
        region="43",
        admin="430702",
        year=2020,
        approval_type="05",
        project_type="01",
        supply_type="13",
        land_use="1001",
    )
    idle = lib.new_project("闲置的厂房", "municipal_key", seg)
    lib.add_event(idle, "supply", "2020-03-01", agreed_start="2020-09-01")
    ok = lib.new_project("按期开工的厂房", "municipal_key", seg)
    lib.add_event(ok, "supply", "2020-03-01", agreed_start="2020-09-01")
    lib.add_event(ok, "construction_start", "2020-08-20")
    quiet = lib.new_project("没有事件的项目", "municipal_key", seg)
    found = pq.anomaly_codes(lib.connection, as_of=dt.date(2024, 1, 1))
    assert str(idle) in found["闲置土地"]
    assert str(ok) not in set().union(*found.values())
    assert str(quiet) not in set().union(*found.values())
    pq.load_anomalies(lib.connection, found)
    flt = pq.ProjectFilter(anomaly="闲置土地")
    assert [r[0] for r in pq.fetch_page(lib.connection, flt)] == [str(idle)]
    assert pq.count(lib.connection, flt) == 1
    # nothing was written to the library file: the table is temporary
    assert (
        lib.connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'ymt_panel_anomalies'"
        ).fetchone()[0]
        == 0
    )
    lib.close()
