"""The days of a finding are shown with what they count — the reference date and the day
counted to — in the project box, the project file and the lifecycle monitor's output (the
issue's case: a fee-stage finding since 2026-09-30 with 425 days as of 2026-11-29, counted
from the agreed start 2025-09-30)."""

import datetime as dt
from html.parser import HTMLParser

import pytest
from qgis.PyQt.QtCore import QDate

from yimatong_plugin.core import lifecycle as lc
from yimatong_plugin.core.library import open_library
from yimatong_plugin.ui.project_box import ProjectBoxDock

SEGMENTS = dict(
    region="43",
    admin="430702",
    year=2025,
    approval_type="01",
    project_type="01",
    supply_type="13",
    land_use="0701",
)
AS_OF = dt.date(2026, 11, 29)
AGREED = dt.date(2025, 9, 30)
COUNTED = "agreed start 2025-09-30 to 2026-11-29"  # English: no translator in these tests


@pytest.fixture
def library(tmp_path):
    lib = open_library(str(tmp_path / "ref.gpkg"))
    code = lib.allocate_code(**SEGMENTS)
    lib.add_project(code, name="约定开工后未开工", source="annual_transfer_plan")
    lib.add_parcel(
        code, "POLYGON((111.69 29.03, 111.70 29.03, 111.70 29.04, 111.69 29.04, 111.69 29.03))"
    )
    lib.add_event(code, "supply", "2025-03-01", doc_no="常国土出〔2025〕3号", agreed_start=AGREED)
    yield lib, str(code)
    lib.close()


def test_project_box_shows_the_reference_beside_the_days(qgis_iface, library):
    lib, code = library
    dock = ProjectBoxDock(qgis_iface)
    try:
        dock.set_library(lib)
        dock.as_of_edit.setDate(QDate(AS_OF.year, AS_OF.month, AS_OF.day))
        dock.show_project(code)
        header = dock.finding_list.headerItem()
        columns = [header.text(i) for i in range(header.columnCount())]
        assert dock.finding_list.topLevelItemCount() == 1
        item = dock.finding_list.topLevelItem(0)
        row = dict(zip(columns, (item.text(i) for i in range(len(columns)))))
        assert row["Since"] == "2026-09-30" and row["Days"] == "425"
        assert row["Days counted over"] == COUNTED
        assert columns.index("Days counted over") == columns.index("Days") + 1
    finally:
        dock.unload()
        dock.deleteLater()


class _Findings(HTMLParser):
    """Cells of the table of class "findings"."""

    def __init__(self):
        super().__init__()
        self.rows, self._in, self._cell = [], False, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._in = dict(attrs).get("class") == "findings"
        elif self._in and tag == "tr":
            self.rows.append([])
        elif self._in and tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._in = False
        elif self._in and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def test_project_file_and_monitor_show_the_reference(processing_ready, library, tmp_path):
    import processing

    lib, code = library
    out = tmp_path / "file.html"
    processing.run(
        "yimatong:projectboxreport",
        {"LIBRARY": lib.uri, "CODE": code, "AS_OF": AS_OF.isoformat(), "OUTPUT_HTML": str(out)},
    )
    page = _Findings()
    page.feed(out.read_text(encoding="utf-8"))
    header, (row,) = page.rows[0], page.rows[1:]
    cells = dict(zip(header, row))
    assert cells["Since"] == "2026-09-30" and cells["Days"] == "425"
    assert cells["Days counted over"] == COUNTED

    result = processing.run(
        "yimatong:lifecyclemonitor",
        {"LIBRARY": lib.uri, "AS_OF": AS_OF.isoformat(), "OUTPUT": "memory:"},
    )
    (f,) = result["OUTPUT"].getFeatures()
    assert (f["rule"], f["stage"], f["days"]) == (lc.RULE_IDLE, lc.IDLE_FEE, 425)
    assert f["since"] == QDate(2026, 9, 30)
    assert f["reference"] == "agreed start"
    assert f["reference_date"] == QDate(2025, 9, 30) and f["days_until"] == QDate(2026, 11, 29)
    assert f["reference_date"].daysTo(f["days_until"]) == f["days"]
