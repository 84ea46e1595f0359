"""The 统计 dock's breakdown by town through its public behaviour: without a town layer the entry
says it needs one (no empty table); with one, the table and chart by town (figures against
shapely, tests/statistics_towns_data.py); the choice remembered in the saved project; an
unusable town layer said where the table would be; the town sheet in the export."""

import pytest
from openpyxl import load_workbook
from qgis.core import QgsProject, QgsVectorFileWriter, QgsVectorLayer
from qgis.PyQt.QtCore import QDate

from tests import statistics_towns_data as td
from yimatong_plugin.ui.statistics_dock import StatisticsDock

OUTSIDE = "Not in any town"


def town_layer(path, geoms: dict, name="乡镇界线"):
    """The towns written to a GeoPackage (EPSG:4546) and loaded in the project."""
    memory = td.town_layer(geoms, name=name)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        memory, str(path), QgsProject.instance().transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError, error
    layer = QgsVectorLayer(str(path), name, "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer


@pytest.fixture
def dock(qgis_app, qgis_iface, tmp_path):
    from yimatong_plugin.core.library import open_library

    QgsProject.instance().clear()
    path = str(tmp_path / "乡镇.gpkg")
    with open_library(path) as lib:
        td.build(lib)
        expected = td.expected(lib)
    dock = StatisticsDock(qgis_iface, source=lambda: (path, ""))
    dock.resize(900, 700)
    dock.show()
    dock.as_of_edit.setDate(QDate(2026, 6, 30))
    yield dock, expected
    dock.unload()
    dock.deleteLater()
    QgsProject.instance().clear()


def _cells(dock):
    t = dock.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_without_a_town_layer_the_entry_asks_for_one(dock):
    dock, _ = dock
    dock.refresh(background=False)
    assert "by_town" not in {t.key for t in dock.stats.tables}
    dock.show_table("by_town")
    assert dock.table_combo.currentText() == "Projects and area by town"
    assert (dock.table.rowCount(), dock.table.columnCount()) == (0, 0)  # no table of zeros
    assert "needs a town-boundary layer" in dock.status.text()
    assert "needs a town-boundary layer" in dock.figure.texts[0].get_text()


def test_town_table_and_chart_match_shapely(dock, tmp_path):
    dock, expected = dock
    layer = town_layer(tmp_path / "towns.gpkg", td.town_geoms_gk())
    dock.towns.set_towns(layer, "xzmc")
    dock.refresh(background=False)
    dock.show_table("by_town")
    rows = {r[0]: r for r in _cells(dock)}
    assert list(rows)[-1] == OUTSIDE
    for key, (projects, parcels, m2) in expected.items():
        row = rows[key or OUTSIDE]
        assert row[1:4] == [str(projects), str(parcels), f"{m2:,.2f}"], key
    assert len(dock.figure.axes[0].patches) == 3  # one bar per row
    # the export holds the same table
    dock.export(str(tmp_path / "统计.xlsx"))
    ws = load_workbook(tmp_path / "统计.xlsx")["Projects and area by town"]
    sheet = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] is not None}
    for key, (projects, parcels, m2) in expected.items():
        assert sheet[key or OUTSIDE][1:4] == (projects, parcels, pytest.approx(m2, rel=1e-9))


def test_the_town_layer_is_remembered_in_the_project(dock, tmp_path, qgis_iface):
    dock, _ = dock
    layer = town_layer(tmp_path / "towns.gpkg", td.town_geoms_gk())
    dock.towns.set_towns(layer, "xzmc")
    project_path = str(tmp_path / "统计.qgz")
    assert QgsProject.instance().write(project_path)
    QgsProject.instance().clear()
    assert dock.towns.layer() is None
    assert QgsProject.instance().read(project_path)
    assert dock.towns.layer() is not None and dock.towns.layer().name() == "乡镇界线"
    assert dock.towns.field() == "xzmc"
    other = StatisticsDock(qgis_iface, source=lambda: ("", ""))  # a dock opened later
    try:
        assert other.towns.layer().id() == dock.towns.layer().id()
    finally:
        other.unload()
        other.deleteLater()


def test_an_unusable_town_layer_is_said_where_the_table_would_be(dock, tmp_path):
    dock, _ = dock
    towns = td.town_geoms_gk()
    towns["甲镇"] = towns["甲镇"].buffer(150)  # overlaps 乙镇 on P2's parcel
    dock.towns.set_towns(town_layer(tmp_path / "towns.gpkg", towns), "xzmc")
    dock.refresh(background=False)
    assert dock.stats is not None  # the other tables are counted
    assert "overlap on" in dock.status.text()
    dock.show_table("by_town")
    assert dock.table.rowCount() == 0 and "甲镇" in dock.status.text()
