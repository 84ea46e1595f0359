"""Each backend's SQL dialect (core/library/dialect.py), through the library on a real
GeoPackage and a real PostGIS database: the one ``find`` text search, literal ``%`` in SQL,
the panel's filters."""

import pytest

from yimatong_plugin.core import project_query as pq
from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.library.dialect import POSTGRES, SQLITE

SEGMENTS = dict(
    region="43",
    admin="430702",
    year=2024,
    approval_type="05",
    project_type="01",
    supply_type="13",
    land_use="1001",
)
NAMES = ["Depot 50% share", "Depot 50 share", "Yard A_B", "Yard AxB", "Mill abc"]


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def lib(request, tmp_path):
    if request.param == "gpkg":
        uri = str(tmp_path / "dialect.gpkg")
    else:
        uri = request.getfixturevalue("postgis_server").new_database()
    library = open_library(uri, user="tester")
    for name in NAMES:
        library.new_project(name, "municipal_key", SEGMENTS)
    yield library
    library.close()


def _names(rows):
    return sorted(r["name"] for r in rows)


def test_each_backend_owns_its_dialect(lib):
    assert lib.dialect is (SQLITE if lib.backend == "gpkg" else POSTGRES)
    assert pq.dialect_of(lib.connection) == lib.dialect.name


def test_find_treats_wildcards_as_text_and_ignores_case(lib):
    assert _names(lib.find("50%")) == ["Depot 50% share"]
    assert _names(lib.find("a_b")) == ["Yard A_B"]
    assert _names(lib.find("ABC")) == ["Mill abc"]
    assert _names(lib.find("depot")) == ["Depot 50 share", "Depot 50% share"]


def test_literal_percent_beside_placeholders(lib):
    rows = lib.query(
        "SELECT name FROM ymt_projects WHERE name LIKE '%\\%%' ESCAPE '\\' AND source = ?",
        ("municipal_key",),
    )
    assert _names(rows) == ["Depot 50% share"]


def test_panel_filters_on_both_backends(lib):
    conn = lib.connection
    flt = pq.ProjectFilter(text="a_b")
    assert [r[1] for r in pq.fetch_page(conn, flt)] == ["Yard A_B"]
    assert pq.count(conn, pq.ProjectFilter(text="50%")) == 1
    code = lib.find("Mill")[0]["code"]
    lib.archive_project(code, "test")
    assert pq.count(conn, pq.ProjectFilter()) == len(NAMES) - 1
    assert pq.count(conn, pq.ProjectFilter(status="archived")) == 1


def test_a_failed_inner_transaction_is_undone_and_the_outer_one_commits(lib):
    with lib.transaction():
        kept = lib.new_project("Outer kept", "municipal_key", SEGMENTS)
        with pytest.raises(RuntimeError):
            with lib.transaction():
                lib.new_project("Inner undone", "municipal_key", SEGMENTS)
                raise RuntimeError("inner failure")
        with lib.transaction():
            lib.new_project("Inner kept", "municipal_key", SEGMENTS)
    assert lib.project(kept)["name"] == "Outer kept"
    assert _names(lib.find("Inner")) == ["Inner kept"]
