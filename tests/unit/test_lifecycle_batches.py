"""批而未供 per batch: a project counts once in its batch however many approvals it has there,
and archived projects follow one policy — left out of a batch's ratio, and named as left out —
in the project box, the lifecycle monitor and the library panel alike (both backends)."""

import datetime as dt

import pytest

from tests.library_data import PROJECT_BOX_SEG as SEG
from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core import project_query as pq
from yimatong_plugin.core import projectbox as pb
from yimatong_plugin.core.library import open_library

A = "4343070220240301120701000123"
B = "4343070220240301120701000124"
APPROVED = dt.date(2022, 3, 15)
DUE = dt.date(2024, 3, 15)
FOUR_YEARS_ON = dt.date(2026, 3, 15)


def approval(area=None, doc="湘政地〔2022〕3号", batch="2022年第3批次", fid=None):
    ev = {"stage": "conversion_approval", "date": APPROVED, "batch": batch, "doc_no": doc}
    if area is not None:
        ev["area_m2"] = area
    if fid is not None:
        ev["fid"] = fid
    return ev


def supply(area=None, day=dt.date(2023, 1, 1)):
    ev = {"stage": "supply", "date": day, "doc_no": "常国土出〔2023〕1号"}
    if area is not None:
        ev["area_m2"] = area
    return ev


def test_two_approvals_of_one_project_in_one_batch_by_area():
    # approvals of 100 + 100 m² in one batch, one 100 m² supply: half supplied, four years on
    projects = {
        A: [approval(100, fid=1), approval(100, doc="湘政地〔2022〕4号", fid=2), supply(100)]
    }
    (f,) = lc.unsupplied_findings(projects, FOUR_YEARS_ON)
    assert f.supplied_ratio == pytest.approx(0.5)
    assert "100 of 200 m²" in f.evidence and "50.0%" in f.evidence
    assert f.codes == (A,) and f.events[:2] == (1, 2)


def test_two_approvals_fully_supplied_are_not_flagged():
    projects = {A: [approval(100), approval(100, doc="湘政地〔2022〕4号"), supply(150), supply(50)]}
    assert lc.unsupplied_findings(projects, FOUR_YEARS_ON) == []


def test_two_approvals_of_one_project_count_as_one_project():
    projects = {
        A: [approval(), approval(doc="湘政地〔2022〕4号"), supply()],
        B: [approval(), approval(doc="湘政地〔2022〕4号")],
    }
    (f,) = lc.unsupplied_findings(projects, DUE)
    assert f.supplied_ratio == pytest.approx(0.5)
    assert "1 of 2 projects" in f.evidence and f.codes == (B,)


def test_archived_projects_are_left_out_of_the_ratio_and_named():
    projects = {
        A: [approval(6000), supply(6000)],
        B: [approval(4000)],
        "4343070220240301120701000125": [approval(4000)],
    }
    (f,) = lc.unsupplied_findings(projects, DUE, archived={B})
    assert f.supplied_ratio == pytest.approx(0.6)
    assert f.codes == ("4343070220240301120701000125",)
    assert "6,000 of 10,000 m²" in f.evidence
    assert B in f.evidence and "archived" in f.evidence
    # a batch whose only unsupplied project is archived gives no finding
    assert lc.unsupplied_findings({A: projects[A], B: projects[B]}, DUE, archived={B}) == []
    # monitor: no project rule for an archived project either
    idle = {B: [supply(day=dt.date(2020, 1, 5)) | {"agreed_start": "2020-07-01"}]}
    assert [f.rule for f in lc.monitor(idle, DUE)] == [lc.RULE_IDLE]
    assert lc.monitor(idle, DUE, archived={B}) == []


# -- one policy: project box, monitor and panel agree (GeoPackage and PostGIS) -------------------
@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def lib(request, tmp_path):
    if request.param == "gpkg":
        library = open_library(str(tmp_path / "batches.gpkg"))
    else:
        server = request.getfixturevalue("postgis_server")
        library = open_library(server.new_database())
    yield library
    library.close()


def test_project_box_monitor_and_panel_agree_on_archived_batch_members(lib):
    codes = []
    for name, area in (("甲 已供", 6000), ("乙 已归档", 4000), ("丙 未供", 4000)):
        code = str(lib.allocate_code(**SEG))
        lib.add_project(code, name=name, source="municipal_key", declared_area_m2=area)
        lib.add_event(code, "conversion_approval", APPROVED, batch="B", area_m2=area)
        codes.append(code)
    supplied, archived, unsupplied = codes
    lib.add_event(supplied, "supply", "2023-01-01", batch="B", area_m2=6000)
    lib.archive_project(archived, reason="撤销")

    (box,) = pb.project_file(lib, unsupplied, DUE)["findings"]
    (mon,) = [f for f in pb.library_findings(lib, DUE) if f.rule == lc.RULE_UNSUPPLIED]
    for f in (box, mon):
        assert f.supplied_ratio == pytest.approx(0.6)
        assert f.codes == (unsupplied,)
        assert archived in f.evidence
    assert box.evidence == mon.evidence
    assert pq.anomaly_codes(lib.connection, DUE)[lc.RULE_UNSUPPLIED] == {unsupplied}
    # the archived project's own file shows no finding of a batch it is not counted in
    assert pb.project_file(lib, archived, DUE)["findings"] == []


def test_a_supply_without_batch_is_not_counted_in_two_batches():
    # one project approved in two batches (100 m² each), one 100 m² supply naming no batch:
    # it supplies the earlier batch; the later one stays unsupplied (was: both "supplied")
    projects = {
        A: [
            approval(100, batch="X"),
            {**approval(100, batch="Y"), "date": dt.date(2022, 6, 1)},
            supply(100),
        ]
    }
    (f,) = lc.unsupplied_findings(projects, FOUR_YEARS_ON)
    assert (f.batch, f.supplied_ratio) == ("Y", 0.0)
    assert "approval order" in f.evidence
    # 150 m²: X full, 50 m² left for Y
    projects[A][2] = supply(150)
    (f,) = lc.unsupplied_findings(projects, FOUR_YEARS_ON)
    assert (f.batch, f.supplied_ratio) == ("Y", pytest.approx(0.5))
    # a supply naming its batch goes to that batch only; without an area it is the whole project
    projects[A][2] = supply(100) | {"batch": "Y"}
    assert [f.batch for f in lc.unsupplied_findings(projects, FOUR_YEARS_ON)] == ["X"]
    projects[A][2] = supply()
    assert lc.unsupplied_findings(projects, FOUR_YEARS_ON) == []
