"""The project library API on both backends: behaviour, bad input, audit, consistency.

Every bad-input test checks that the library is unchanged and consistent afterwards.
"""

import hashlib
import sqlite3
import subprocess
import sys

import pytest
import shapely

from tests.library_data import SEG
from yimatong_plugin.core.code import ProjectCode
from yimatong_plugin.core.library import SCHEMA_VERSION, LibraryError, open_library

SQUARE_4490 = "POLYGON((111.69 29.03, 111.70 29.03, 111.70 29.04, 111.69 29.04, 111.69 29.03))"
# 100 m x 100 m in CGCS2000 / 3-degree GK CM 111E (Changde)
SQUARE_4546 = (
    "POLYGON((500000 3212000, 500100 3212000, 500100 3212100, 500000 3212100, 500000 3212000))"
)


@pytest.fixture(params=["gpkg", "postgis"])
def lib(request, tmp_path):
    if request.param == "gpkg":
        library = open_library(tmp_path / "lib.gpkg", user="alice")
    else:
        server = request.getfixturevalue("postgis_server")
        library = open_library(server.new_database(), user="alice")
    yield library
    library.close()


@pytest.fixture
def project(lib):
    code = lib.allocate_code(**SEG)
    lib.add_project(code, name="武陵区安置房", source="municipal_key", applicant="常德市城投")
    return code


def snapshot(lib):
    assert lib.check_consistency() == []
    return lib.counts()


def assert_unchanged(lib, before):
    assert lib.check_consistency() == []
    assert lib.counts() == before


# --- allocation and projects -----------------------------------------------------------------
def test_allocation_is_sequential_per_prefix(lib):
    codes = [lib.allocate_code(**SEG) for _ in range(3)]
    assert [c.serial for c in codes] == ["000001", "000002", "000003"]
    other = lib.allocate_code(**dict(SEG, year="2025"))
    assert other.serial == "000001" and other.year == "2025"
    assert isinstance(codes[0], ProjectCode) and len(str(codes[0])) == 28


def test_add_and_read_project(lib, project):
    row = lib.project(project)
    assert row["code"] == str(project)
    assert row["name"] == "武陵区安置房"
    assert row["admin"] == "430702" and row["serial"] == "000001"
    assert row["archived"] is False and row["updated_by"] == "alice"
    assert lib.project(project.display()) == row  # grouped form accepted
    assert lib.project("4343070220240301120701999999") is None


def test_new_project_allocates_and_adds_in_one_go(lib):
    code = lib.new_project(
        "津市市产业园", "provincial_key", SEG, investment_code="2024-430781-44-01-00012X"
    )
    assert lib.project(code)["investment_code"] == "2024-430781-44-01-00012X"


def test_find_by_code_prefix_name_applicant_and_investment_code(lib, project):
    lib.update_project(project, investment_code="2024-430702-47-01-012345")
    other = lib.allocate_code(**dict(SEG, admin="430703"))
    lib.add_project(
        other, name="鼎城区学校", source="annual_reserve_plan", applicant="鼎城区教育局"
    )
    assert [r["code"] for r in lib.find(str(project))] == [str(project)]
    assert [r["code"] for r in lib.find(project.display())] == [str(project)]
    assert {r["code"] for r in lib.find("43430")} == {str(project), str(other)}
    assert [r["code"] for r in lib.find("43 430703")] == [str(other)]
    assert [r["code"] for r in lib.find("安置")] == [str(project)]
    assert [r["code"] for r in lib.find("教育局")] == [str(other)]
    assert [r["code"] for r in lib.find("2024-430702-47-01-012345")] == [str(project)]
    assert lib.find("不存在的项目") == []


def test_find_accepts_full_width_digits(lib, project):
    full_width = str(project).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert [r["code"] for r in lib.find(full_width)] == [str(project)]
    assert [r["code"] for r in lib.find("４３４３０７０２")] == [str(project)]


def test_query_and_wkb(lib, project):
    fid = lib.add_parcel(project, SQUARE_4490)
    rows = lib.query("SELECT fid, geom, retired FROM ymt_parcels WHERE code = ?", (str(project),))
    assert rows[0]["fid"] == fid and rows[0]["retired"] is False
    assert shapely.from_wkb(lib.wkb(rows[0]["geom"])).bounds[0] == pytest.approx(111.69)


def test_update_and_archive_project(lib, project):
    lib.update_project(
        project, status="supplied", declared_area_m2=1234.5, agreed_start="2024-11-01"
    )
    row = lib.project(project)
    assert row["status"] == "supplied" and row["declared_area_m2"] == 1234.5
    assert str(row["agreed_start"]) == "2024-11-01"
    lib.archive_project(project, reason="merged")
    assert lib.project(project)["archived"] is True
    with pytest.raises(LibraryError) as err:
        lib.update_project(project, status="x")
    assert err.value.kind == "archived"
    # the archived code is never issued again
    assert lib.allocate_code(**SEG).serial == "000002"
    actions = [(h["table_name"], h["action"]) for h in lib.history(project)]
    assert actions == [
        ("ymt_projects", "insert"),
        ("ymt_projects", "update"),
        ("ymt_projects", "archive"),
    ]


# --- bad input: codes ------------------------------------------------------------------------
def test_unknown_segment_is_refused_and_nothing_written(lib):
    before = snapshot(lib)
    with pytest.raises(LibraryError) as err:
        lib.allocate_code(**dict(SEG, admin="999999"))
    assert err.value.kind == "bad_code" and "999999" in str(err.value)
    with pytest.raises(LibraryError):
        lib.allocate_code(**dict(SEG, land_use="07"))
    with pytest.raises(LibraryError) as err:
        lib.add_project("43430702202403011207010000", name="x", source="municipal_key")
    assert err.value.kind == "bad_code"
    assert_unchanged(lib, before)


def test_duplicate_code_on_import_is_refused(lib, project):
    before = snapshot(lib)
    with pytest.raises(LibraryError) as err:
        lib.add_project(str(project), name="又一个", source="municipal_key")
    assert err.value.kind == "duplicate_code"
    assert project.display() in str(err.value) and "武陵区安置房" in str(err.value)
    assert_unchanged(lib, before)


def test_imported_code_is_never_reissued(lib):
    imported = ProjectCode.from_prefix(lib.allocate_code(**SEG).prefix, 50)
    lib.add_project(imported, name="导入项目", source="annual_transfer_plan")
    assert lib.allocate_code(**SEG).serial == "000051"


def test_project_inserted_outside_the_api_reserves_its_serial(lib):
    prefix = lib.allocate_code(**SEG).prefix  # serial 1
    code = ProjectCode.from_prefix(prefix, 7)
    cols = dict(code.segments(), code=str(code), name="在QGIS中录入", source="municipal_key")
    with lib.transaction():  # as QGIS's attribute table would insert it
        lib._execute(
            "INSERT INTO ymt_projects ({}) VALUES ({})".format(
                ", ".join(cols), ", ".join("?" * len(cols))
            ),
            tuple(cols.values()),
        )
    assert lib.allocate_code(**SEG).serial == "000008"
    assert lib.check_consistency() == []


def test_serials_exhausted_gives_clear_error(lib):
    prefix = lib.allocate_code(**SEG).prefix
    lib.add_project(
        ProjectCode.from_prefix(prefix, 999999), name="最后一个", source="municipal_key"
    )
    before = snapshot(lib)
    with pytest.raises(LibraryError) as err:
        lib.allocate_code(**SEG)
    assert err.value.kind == "serials_exhausted" and prefix in str(err.value)
    assert_unchanged(lib, before)


def test_bad_project_fields_are_refused(lib):
    code = lib.allocate_code(**SEG)
    before = snapshot(lib)
    for kwargs, where in [
        (dict(name="x", source="somewhere"), "source"),
        (dict(name="  ", source="municipal_key"), "name"),
        (dict(name="x", source="municipal_key", agreed_start="2024-13-45"), "agreed_start"),
        (dict(name="x", source="municipal_key", declared_area_m2=-5), "declared_area_m2"),
        (dict(name="x", source="municipal_key", investment_code="12345"), "investment_code"),
        (dict(name="x", source="municipal_key", colour="red"), "colour"),
    ]:
        with pytest.raises(LibraryError) as err:
            lib.add_project(code, **kwargs)
        assert err.value.where == where, kwargs
    assert_unchanged(lib, before)


# --- parcels ---------------------------------------------------------------------------------
def test_add_parcel_in_4490_and_reprojected(lib, project):
    a = lib.add_parcel(project, SQUARE_4490, stage="supply", label="A-1")
    b = lib.add_parcel(project, SQUARE_4546, crs="EPSG:4546", stage="supply")
    rows = {r["fid"]: r for r in lib.parcels(project)}
    assert rows[a]["area_m2"] == pytest.approx(1.0796e6, rel=1e-3)
    assert rows[b]["area_m2"] == pytest.approx(10000, rel=2e-3)  # GK CM 111E, on the meridian
    geom = shapely.from_wkb(rows[b]["geometry"])
    assert geom.geom_type == "MultiPolygon"
    assert 110.99 < geom.bounds[0] < 111.01 and 29.0 < geom.bounds[1] < 29.05
    assert rows[b]["source_crs"] == "EPSG:4546" and rows[b]["repaired"] is False


def test_parcel_accepts_wkb_shapely_and_qgsgeometry_like(lib, project):
    poly = shapely.from_wkt(SQUARE_4490)

    class QByteArrayLike:
        def __init__(self, data):
            self._data = data

        def data(self):
            return self._data

    class QgsGeometryLike:
        def asWkb(self):
            return QByteArrayLike(shapely.to_wkb(poly))

    ids = [
        lib.add_parcel(project, shapely.to_wkb(poly)),
        lib.add_parcel(project, poly),
        lib.add_parcel(project, QgsGeometryLike()),
        lib.add_parcel(project, shapely.to_wkb(poly, hex=True)),
    ]
    assert len(set(ids)) == 4
    areas = {round(r["area_m2"]) for r in lib.parcels(project)}
    assert len(areas) == 1


def test_invalid_geometry_is_repaired_and_flagged(lib, project):
    bowtie = "POLYGON((111.69 29.03, 111.70 29.04, 111.70 29.03, 111.69 29.04, 111.69 29.03))"
    fid = lib.add_parcel(project, bowtie)
    row = [r for r in lib.parcels(project) if r["fid"] == fid][0]
    assert row["repaired"] is True and "Self-intersection" in row["repair_note"]
    assert shapely.from_wkb(row["geometry"]).is_valid


@pytest.mark.parametrize(
    "geometry, crs, kind",
    [
        ("POLYGON EMPTY", "EPSG:4490", "bad_geometry"),
        ("POLYGON((1 2, 3", "EPSG:4490", "bad_geometry"),
        ("POINT(111.7 29.0)", "EPSG:4490", "bad_geometry"),
        ("POLYGON((111.69 29.03, 111.70 29.03, 111.69 29.03))", "EPSG:4490", "bad_geometry"),
        (SQUARE_4490, "EPSG:999999", "unknown_crs"),
        (SQUARE_4490, "not a crs", "unknown_crs"),
        (SQUARE_4490, "EPSG:4546", "units"),  # degrees where metres are expected
        (SQUARE_4546, "EPSG:4490", "units"),  # metres given as degrees
        (SQUARE_4546.replace("500", "37500"), "EPSG:4546", "units"),  # zone-prefixed X, plain CRS
        (
            "POLYGON((29.03 111.69, 29.03 111.70, 29.04 111.70, 29.04 111.69, 29.03 111.69))",
            "EPSG:4490",
            "units",
        ),
        (12345, "EPSG:4490", "bad_geometry"),
    ],
)
def test_bad_geometry_is_refused_and_nothing_written(lib, project, geometry, crs, kind):
    before = snapshot(lib)
    with pytest.raises(LibraryError) as err:
        lib.add_parcel(project, geometry, crs=crs)
    assert err.value.kind == kind, str(err.value)
    assert_unchanged(lib, before)


def test_parcel_for_unknown_or_archived_project_is_refused(lib, project):
    with pytest.raises(LibraryError) as err:
        lib.add_parcel("4343070220240301120701000099", SQUARE_4490)
    assert err.value.kind == "not_found"
    lib.archive_project(project)
    before = snapshot(lib)
    with pytest.raises(LibraryError) as err:
        lib.add_parcel(project, SQUARE_4490)
    assert err.value.kind == "archived"
    assert_unchanged(lib, before)


def test_replace_parcel_keeps_lineage(lib, project):
    old = lib.add_parcel(project, SQUARE_4490, stage="supply", label="A-1")
    new = lib.replace_parcel(old, SQUARE_4546, crs="EPSG:4546", reason="resurvey")
    rows = {r["fid"]: r for r in lib.parcels(project)}
    assert rows[old]["retired"] is True and rows[old]["replaced_by"] == new
    assert rows[old]["retire_reason"] == "resurvey"
    assert (
        rows[new]["replaces"] == old
        and rows[new]["stage"] == "supply"
        and rows[new]["label"] == "A-1"
    )
    assert [r["fid"] for r in lib.parcels(project, include_retired=False)] == [new]
    before = snapshot(lib)
    with pytest.raises(LibraryError) as err:
        lib.replace_parcel(old, SQUARE_4490)
    assert err.value.kind == "archived"
    assert_unchanged(lib, before)
    actions = [(h["table_name"], h["row_fid"], h["action"]) for h in lib.history(project)]
    assert ("ymt_parcels", old, "archive") in actions and ("ymt_parcels", new, "insert") in actions


def test_failure_mid_transaction_leaves_nothing(lib, project, monkeypatch):
    old = lib.add_parcel(project, SQUARE_4490)
    before = snapshot(lib)

    def boom(*args, **kwargs):
        raise LibraryError("disk on fire", "io")

    monkeypatch.setattr(lib, "_update", boom)  # the new parcel is inserted, then this fails
    with pytest.raises(LibraryError):
        lib.replace_parcel(old, SQUARE_4546, crs="EPSG:4546")
    monkeypatch.undo()
    assert_unchanged(lib, before)
    assert [r["fid"] for r in lib.parcels(project, include_retired=False)] == [old]


def test_transaction_groups_calls_and_inner_failures_leave_nothing(lib, monkeypatch):
    before = snapshot(lib)
    with pytest.raises(RuntimeError):
        with lib.transaction():
            code = lib.allocate_code(**SEG)
            lib.add_project(code, name="甲", source="municipal_key")
            raise RuntimeError("user cancelled")
    assert_unchanged(lib, before)
    with lib.transaction():
        code = lib.allocate_code(**SEG)
        lib.add_project(code, name="乙", source="municipal_key")
        with pytest.raises(LibraryError):
            lib.add_parcel(code, "POINT(111 29)")
        old = lib.add_parcel(code, SQUARE_4490)
        real_update = lib._update

        def boom(*args, **kwargs):
            raise LibraryError("disk on fire", "io")

        monkeypatch.setattr(lib, "_update", boom)
        with pytest.raises(LibraryError):  # inserts the new parcel, then fails: savepoint undone
            lib.replace_parcel(old, SQUARE_4546, crs="EPSG:4546")
        monkeypatch.setattr(lib, "_update", real_update)
    assert code.serial == "000001"  # the cancelled allocation was rolled back too
    assert len(lib.parcels(code)) == 1 and lib.check_consistency() == []


# --- events and results ----------------------------------------------------------------------
def test_events_and_supply_dates(lib, project):
    lib.add_event(
        project, "conversion_approval", "2023-06-01", doc_no="湘政地〔2023〕88号", batch="2023-05"
    )
    lib.add_event(
        project,
        "supply",
        "2024-05-01",
        doc_no="常自然资供〔2024〕12号",
        agreed_handover="2024-06-01",
        agreed_start="2024-11-01",
        agreed_completion="2026-11-01",
    )
    lib.add_event(
        project, "construction_start", "2024-12-01", developed_ratio=0.2, invested_ratio=0.1
    )
    events = lib.events(project)
    assert [e["stage"] for e in events] == ["conversion_approval", "supply", "construction_start"]
    assert str(events[1]["agreed_start"]) == "2024-11-01" and events[2]["developed_ratio"] == 0.2
    assert str(lib.project(project)["agreed_completion"]) == "2026-11-01"


@pytest.mark.parametrize(
    "stage, date, attrs, where",
    [
        ("approval", "2024-01-01", {}, "stage"),
        ("supply", "yesterday", {}, "date"),
        ("planning_permit", "2024-01-01", {"agreed_start": "2024-02-01"}, "agreed_start"),
        ("completion", "2024-01-01", {"developed_ratio": 1.5}, "developed_ratio"),
        ("completion", "2024-01-01", {"colour": "red"}, "colour"),
    ],
)
def test_bad_events_are_refused(lib, project, stage, date, attrs, where):
    before = snapshot(lib)
    with pytest.raises(LibraryError) as err:
        lib.add_event(project, stage, date, **attrs)
    assert err.value.where == where
    assert_unchanged(lib, before)


def test_add_result_hashes_the_file(lib, project, tmp_path):
    doc = tmp_path / "出让合同.pdf"
    doc.write_bytes(b"%PDF-1.4 contract" * 1000)
    fid = lib.add_result(project, "supply", doc, kind="contract")
    (row,) = lib.results(project)
    assert row["fid"] == fid and row["kind"] == "contract" and row["who"] == "alice"
    assert row["sha256"] == hashlib.sha256(doc.read_bytes()).hexdigest()
    assert row["size_bytes"] == doc.stat().st_size
    before = snapshot(lib)
    with pytest.raises(LibraryError) as err:
        lib.add_result(project, "supply", tmp_path / "missing.pdf")
    assert err.value.kind == "not_found" and "missing.pdf" in str(err.value)
    assert_unchanged(lib, before)


# --- audit, refusals -------------------------------------------------------------------------
def test_delete_is_refused_on_every_table(lib, project, tmp_path):
    lib.add_parcel(project, SQUARE_4490)
    lib.add_event(project, "reserve", "2024-01-01")
    (tmp_path / "r.txt").write_text("x")
    lib.add_result(project, None, tmp_path / "r.txt")
    before = snapshot(lib)
    for table in (
        "ymt_projects",
        "ymt_parcels",
        "ymt_events",
        "ymt_results",
        "ymt_audit",
        "ymt_serials",
    ):
        with pytest.raises(LibraryError) as err:
            with lib._tx():
                lib._execute(f"DELETE FROM {table}")
        assert (
            "never deleted" in str(err.value)
            or "append-only" in str(err.value)
            or "never" in str(err.value)
        )
    with pytest.raises(LibraryError) as err:
        with lib._tx():
            lib._execute("UPDATE ymt_audit SET who = 'mallory'")
    assert "append-only" in str(err.value)
    with pytest.raises(LibraryError) as err:
        with lib._tx():
            lib._execute("UPDATE ymt_projects SET code = '4343070220240301120701000777'")
    with pytest.raises(LibraryError):
        with lib._tx():
            lib._execute("UPDATE ymt_serials SET last_serial = 0")
    assert_unchanged(lib, before)


def test_edit_outside_the_api_is_audited(lib, project):
    with lib._tx():
        lib._execute(
            "UPDATE ymt_projects SET applicant = ? WHERE code = ?", ("鼎城区城投", str(project))
        )
    last = lib.history(project)[-1]
    assert last["action"] == "update"
    assert (
        last["before"]["applicant"] == "常德市城投" and last["after"]["applicant"] == "鼎城区城投"
    )
    if lib.backend == "gpkg":
        assert last["who"] == "external"  # a GeoPackage trigger cannot know the OS user
    else:
        assert last["who"].startswith(lib.role)  # PostgreSQL: the role that made the change
    lib.update_project(project, applicant="常德市城投")
    assert lib.history(project)[-1]["who"].endswith("alice")


def test_history_records_who_when_before_after(lib, project):
    fid = lib.add_parcel(project, SQUARE_4490)
    lib.update_project(project, name="武陵区安置房二期")
    hist = lib.history(project)
    assert [h["action"] for h in hist] == ["insert", "insert", "update"]
    assert hist[1]["row_fid"] == fid and hist[1]["table_name"] == "ymt_parcels"
    assert (
        hist[2]["before"]["name"] == "武陵区安置房"
        and hist[2]["after"]["name"] == "武陵区安置房二期"
    )
    assert all(h["who"].endswith("alice") and h["at"] for h in hist)


# --- files -----------------------------------------------------------------------------------
def test_busy_geopackage_gives_a_busy_error(tmp_path):
    path = tmp_path / "busy.gpkg"
    open_library(path).close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    lib = open_library(path, timeout=0.3)
    with pytest.raises(LibraryError) as err:
        lib.allocate_code(**SEG)
    assert err.value.kind == "busy" and str(path) in str(err.value)
    blocker.execute("ROLLBACK")
    assert lib.allocate_code(**SEG).serial == "000001"  # nothing was consumed by the failure
    blocker.close()
    lib.close()


def test_not_a_geopackage(tmp_path):
    text = tmp_path / "notes.gpkg"
    text.write_text("hello, not a database")
    with pytest.raises(LibraryError) as err:
        open_library(text)
    assert err.value.kind == "not_a_geopackage" and str(text) in str(err.value)
    assert text.read_text() == "hello, not a database"
    plain = tmp_path / "plain.sqlite"
    con = sqlite3.connect(plain)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(LibraryError) as err:
        open_library(plain)
    assert err.value.kind == "not_a_geopackage" and "plain.sqlite" in str(err.value)
    with pytest.raises(LibraryError) as err:
        open_library(tmp_path / "no" / "such" / "dir.gpkg")
    assert err.value.kind == "io"


def test_schema_newer_than_the_code(tmp_path):
    path = tmp_path / "future.gpkg"
    open_library(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE ymt_meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(LibraryError) as err:
        open_library(path)
    assert (
        err.value.kind == "schema_too_new"
        and "99" in str(err.value)
        and str(path) in str(err.value)
    )


def test_migration_from_version_1(tmp_path, monkeypatch):
    from yimatong_plugin.core.library import gpkg

    path = tmp_path / "old.gpkg"
    monkeypatch.setattr(gpkg, "SCHEMA_VERSION", 1)
    lib = open_library(path, user="alice")
    assert lib.schema_version == 1
    code = lib.allocate_code(**SEG)
    lib.add_project(code, name="武陵区老项目安置房", source="municipal_key")
    lib.close()
    monkeypatch.undo()
    lib = open_library(path, user="alice")
    assert lib.schema_version == SCHEMA_VERSION >= 5
    assert [r["code"] for r in lib.find("老项目")] == [str(code)]  # indexed by the migration
    lib.update_project(code, name="武陵区新名称安置房")
    assert lib.find("老项目") == [] and [r["code"] for r in lib.find("新名称")] == [str(code)]
    imported = ProjectCode.from_prefix(code.prefix, 9)  # v3: inserts reserve their serial
    lib.add_project(imported, name="导入", source="municipal_key")
    assert lib.allocate_code(**SEG).serial == "000010"
    assert lib.check_consistency() == []
    lib.close()


def test_find_short_and_long_text_agree_with_a_scan(lib):
    names = ["学校", "第一中学", "安置房一期", "物流园", "常德学校附属"]
    for name in names:
        lib.add_project(lib.allocate_code(**SEG), name=name, source="municipal_key")
    for text in ["学校", "学", "中学", "安置房", "置房一", "物流园", "校附属", "无此名"]:
        expected = sorted(c for c, n in zip(range(len(names)), names) if text in n)
        got = sorted(names.index(r["name"]) for r in lib.find(text))
        assert got == expected, text


def test_find_common_text_uses_the_ordered_scan(tmp_path):
    lib = open_library(tmp_path / "many.gpkg")
    codes = []
    for i in range(8):
        codes.append(str(lib.allocate_code(**SEG)))
        lib.add_project(codes[-1], name=f"安置房{i}期", source="municipal_key")
    lib.fts_cap = 5  # 8 matches > cap: the code-ordered scan answers
    assert [r["code"] for r in lib.find("安置房", limit=3)] == codes[:3]
    assert [r["code"] for r in lib.find("安置房", limit=20)] == codes  # cap 21: the FTS answers
    lib.archive_project(codes[0])
    assert [r["code"] for r in lib.find("安置房", limit=3, include_archived=False)] == codes[1:4]
    lib.close()


def test_geopackage_is_standard(tmp_path):
    path = tmp_path / "std.gpkg"
    lib = open_library(path, user="alice")
    code = lib.allocate_code(**SEG)
    lib.add_project(code, name="x", source="municipal_key")
    lib.add_parcel(code, SQUARE_4490)
    lib.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert con.execute("SELECT srs_id FROM gpkg_spatial_ref_sys WHERE srs_id = 4490").fetchone()
    contents = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert contents["ymt_parcels"] == "features"
    assert {t for t, k in contents.items() if k == "attributes"} >= {
        "ymt_projects",
        "ymt_events",
        "ymt_audit",
    }
    assert con.execute(
        "SELECT geometry_type_name, srs_id FROM gpkg_geometry_columns"
    ).fetchall() == [("MULTIPOLYGON", 4490)]
    blob = con.execute("SELECT geom FROM ymt_parcels").fetchone()[0]
    assert blob[:2] == b"GP"
    (minx, maxx) = con.execute("SELECT minx, maxx FROM rtree_ymt_parcels_geom").fetchone()
    assert minx == pytest.approx(111.69, abs=1e-4) and maxx == pytest.approx(111.70, abs=1e-4)
    con.close()


def test_gdal_geopackage_validator_accepts_the_library(tmp_path):
    """GDAL's own GeoPackage conformance checker (osgeo_utils validate_gpkg.py)."""
    validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"
    path = tmp_path / "valid.gpkg"
    lib = open_library(path, user="alice")
    code = lib.allocate_code(**SEG)
    lib.add_project(code, name="x", source="municipal_key")
    old = lib.add_parcel(code, SQUARE_4490)
    lib.replace_parcel(old, SQUARE_4546, crs="EPSG:4546")
    lib.add_event(code, "supply", "2024-05-01")
    lib.close()  # the last connection closing checkpoints the WAL into the file
    proc = subprocess.run([sys.executable, validator, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
