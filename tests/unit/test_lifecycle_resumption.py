"""闲置土地 (started, then stalled) ends when development resumes: a supervision record whose
status says 复工 (resumed), or a later 开工 event, after the stop. A new stop after the
resumption counts its full years again from its own date."""

import datetime as dt

import pytest

from tests.library_data import PROJECT_BOX_SEG as SEG
from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core import project_query as pq
from yimatong_plugin.core import projectbox as pb
from yimatong_plugin.core.library import open_library

A = "4343070220240301120701000123"
STOPPED = dt.date(2023, 1, 5)
FEE = dt.date(2024, 1, 5)
AS_OF = dt.date(2024, 6, 1)


def stalled():
    return [
        {"stage": "supply", "date": dt.date(2021, 1, 5), "agreed_start": "2021-07-01", "id": 1},
        {"stage": "construction_start", "date": dt.date(2021, 6, 1), "id": 2},
        {
            "stage": "supervision",
            "date": dt.date(2023, 3, 1),
            "stopped_on": STOPPED,
            "developed_ratio": 0.2,
            "id": 3,
        },
    ]


def idle(events, as_of=AS_OF):
    return [f for f in lc.project_findings(A, events, as_of) if f.rule == lc.RULE_IDLE]


def test_stalled_without_resumption_is_idle():
    (f,) = idle(stalled())
    assert f.since == FEE


@pytest.mark.parametrize("status", ["复工", "已复工", "恢复施工", "resumed", "Resumed"])
def test_supervision_record_of_resumption_ends_the_stall(status):
    resumed = {"stage": "supervision", "date": dt.date(2023, 9, 1), "status": status, "id": 4}
    assert idle(stalled() + [resumed]) == []


def test_resumption_record_repeating_the_old_stop_date_still_ends_the_stall():
    # a 复工 record that carries the earlier stop date and the low development share over
    resumed = {
        "stage": "supervision",
        "date": dt.date(2023, 9, 1),
        "status": "复工",
        "stopped_on": STOPPED,
        "developed_ratio": 0.2,
    }
    assert idle(stalled() + [resumed]) == []


def test_a_later_start_event_is_a_resumption():
    restart = {"stage": "construction_start", "date": dt.date(2023, 9, 1), "id": 5}
    assert idle(stalled() + [restart]) == []
    # a start recorded before the stop is no resumption
    early = {"stage": "construction_start", "date": dt.date(2022, 12, 1)}
    assert [f.since for f in idle(stalled() + [early])] == [FEE]


def test_resumption_after_as_of_does_not_count_yet():
    resumed = {"stage": "supervision", "date": dt.date(2024, 9, 1), "status": "复工"}
    assert [f.since for f in idle(stalled() + [resumed])] == [FEE]


def test_stop_after_resumption_counts_from_the_new_stop():
    events = stalled() + [
        {"stage": "supervision", "date": dt.date(2023, 9, 1), "status": "复工"},
        {
            "stage": "supervision",
            "date": dt.date(2024, 2, 1),
            "status": "停工",
            "developed_ratio": 0.25,
        },
    ]
    assert idle(events, dt.date(2025, 1, 31)) == []
    (f,) = idle(events, dt.date(2025, 2, 1))
    assert f.since == dt.date(2025, 2, 1) and f.stage == lc.IDLE_FEE


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def lib(request, tmp_path):
    if request.param == "gpkg":
        library = open_library(str(tmp_path / "resume.gpkg"))
    else:
        server = request.getfixturevalue("postgis_server")
        library = open_library(server.new_database())
    yield library
    library.close()


def test_resumption_recorded_in_the_library_clears_the_project_box_and_panel(lib):
    code = str(lib.allocate_code(**SEG))
    lib.add_project(code, name="停工后复工", source="municipal_key")
    lib.add_event(code, "supply", "2021-01-05", agreed_start="2021-07-01")
    lib.add_event(code, "construction_start", "2021-06-01")
    lib.add_event(code, "supervision", "2023-03-01", stopped_on=STOPPED, developed_ratio=0.2)
    assert [f.rule for f in pb.project_file(lib, code, AS_OF)["findings"]] == [lc.RULE_IDLE]
    lib.add_event(code, "supervision", "2023-09-01", status="复工", doc_no="监管〔2023〕9号")
    assert pb.project_file(lib, code, AS_OF)["findings"] == []
    assert pb.library_findings(lib, AS_OF) == []
    assert lc.RULE_IDLE not in pq.anomaly_codes(lib.connection, AS_OF)
