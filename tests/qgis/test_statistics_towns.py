"""The breakdown by town of ``yimatong:statistics`` (TOWNS, TOWN_FIELD) through processing.run,
on GeoPackage and PostGIS: every figure against shapely intersections computed here (pyproj to
EPSG:4546), the .xlsx sheet cell by cell, the brief's section, and unusable town layers
refused with the message a user sees."""

import processing
import pytest
import shapely
from openpyxl import load_workbook
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from tests import statistics_towns_data as td
from tests.statistics_towns_data import town_layer
from yimatong_plugin.core import units
from yimatong_plugin.core.library import open_library

SHEET = "Projects and area by town"
OUTSIDE = "Not in any town"


@pytest.fixture(scope="module", params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def library(request, tmp_path_factory):
    if request.param == "gpkg":
        uri = str(tmp_path_factory.mktemp("towns") / "t.gpkg")
    else:
        uri = request.getfixturevalue("postgis_server").new_database()
    with open_library(uri) as lib:
        codes = td.build(lib)
        expected = td.expected(lib)
        expected_2025 = td.expected(lib, year="2025")
    return uri, codes, expected, expected_2025


def run(uri, tmp_path, towns, feedback=None, **extra):
    params = {
        "LIBRARY": uri,
        "AS_OF": "2026-06-30",
        "TOWNS": towns,
        "TOWN_FIELD": "xzmc",
        "OUTPUT_XLSX": str(tmp_path / "统计.xlsx"),
        **extra,
    }
    return processing.run("yimatong:statistics", params, feedback=feedback)


def sheet(path):
    ws = load_workbook(path)[SHEET]
    header = [c.value for c in ws[1]]
    rows, note = [], None
    for values in ws.iter_rows(min_row=2, values_only=True):
        if all(v is None for v in values):
            continue
        if values[1] is None:
            note = values[0]
            continue
        rows.append(list(values))
    return header, rows, note


def by_town(rows) -> dict:
    """{town or None (the row of the area outside every town, which comes last): row}"""
    assert rows[-1][0] == OUTSIDE
    return {None if r[0] == OUTSIDE else r[0]: r for r in rows}


def check_rows(rows, expected):
    assert sorted(by_town(rows), key=str) == sorted(expected, key=str)
    for key, row in by_town(rows).items():
        projects, parcels, m2 = expected[key]
        assert row[1:3] == [projects, parcels], key
        assert row[3] == pytest.approx(m2, rel=1e-7), key
        assert row[4] == pytest.approx(units.m2_to_hectares(m2), rel=1e-7)
        assert row[5] == pytest.approx(units.m2_to_mu(m2), rel=1e-7)


def test_town_sheet_matches_shapely_cell_by_cell(processing_ready, library, tmp_path):
    uri, codes, expected, _ = library
    # the figures the test data are built for: P1 (2 parcels) + half of P2 in 甲镇; half of P2,
    # P3 (its current parcel) and half of P4 in 乙镇; half of P4 and P5 outside
    assert {k: v[:2] for k, v in expected.items()} == {
        "甲镇": (2, 3),
        "乙镇": (3, 3),
        None: (2, 2),
    }
    result = run(uri, tmp_path, town_layer(td.town_geoms_gk()))
    header, rows, note = sheet(result["OUTPUT_XLSX"])
    assert header == ["Town", "Projects", "Parcels", "Area (m²)", "Area (ha)", "Area (mu)"]
    check_rows(rows, expected)
    total = sum(v[2] for v in expected.values())
    assert sum(r[3] for r in rows) == pytest.approx(total, rel=1e-9)  # the rows balance
    assert "EPSG:4546" in note and f"{total:,.2f} m²" in note
    assert "counted in each town it touches" in note
    assert "1 project(s) without current parcels" in note  # P6, declared area only
    # the town sheet comes right after the breakdown by division
    names = load_workbook(result["OUTPUT_XLSX"]).sheetnames
    assert names.index(SHEET) == names.index("Projects and area by division") + 1


def test_towns_follow_the_filters(processing_ready, library, tmp_path):
    uri, codes, _, expected_2025 = library
    result = run(uri, tmp_path, town_layer(td.town_geoms_gk()), YEAR="2025")
    _, rows, _ = sheet(result["OUTPUT_XLSX"])
    check_rows(rows, expected_2025)
    assert by_town(rows)["乙镇"][1:3] == [1, 1]  # P3 alone


def test_town_layer_in_lonlat_gives_the_same_figures(processing_ready, library, tmp_path):
    uri, _, expected, _ = library
    lonlat = {k: shapely.box(*b) for k, b in td.TOWNS.items()}
    result = run(uri, tmp_path, town_layer(lonlat, crs="EPSG:4490"))
    _, rows, _ = sheet(result["OUTPUT_XLSX"])
    # straight edges in lon/lat are not straight in the GK plane: the same to 0.1 %
    for key, row in by_town(rows).items():
        assert row[3] == pytest.approx(expected[key][2], rel=1e-3)


def test_brief_has_the_town_section(processing_ready, library, tmp_path):
    uri, *_ = library
    result = run(
        uri, tmp_path, town_layer(td.town_geoms_gk()), OUTPUT_HTML=str(tmp_path / "b.html")
    )
    text = open(result["OUTPUT_HTML"], encoding="utf-8").read()
    section = text.split("<h2>Projects and area by town</h2>")[1].split("<h2>")[0]
    assert "<img" in section and "甲镇" in section and OUTSIDE in section


def test_without_towns_there_is_no_town_sheet(processing_ready, library, tmp_path):
    uri, *_ = library
    result = run(uri, tmp_path, None)
    assert SHEET not in load_workbook(result["OUTPUT_XLSX"]).sheetnames


def test_invalid_town_is_repaired_with_a_warning(processing_ready, library, tmp_path):
    uri, _, expected, _ = library
    towns = td.town_geoms_gk()
    c = list(towns["乙镇"].exterior.coords)[:4]
    # 乙镇 drawn once more along its first side, back again: invalid; make_valid keeps its area
    bowtie = shapely.Polygon([*c, c[0], c[1]])
    assert not bowtie.is_valid
    towns["乙镇"] = bowtie
    feedback = QgsProcessingFeedback()
    result = run(uri, tmp_path, town_layer(towns), feedback=feedback)
    warned = [line for line in feedback.textLog().splitlines() if "repaired" in line]
    assert warned and "invalid polygon(s) repaired" in warned[0] and "乙镇" in warned[0]
    _, rows, note = sheet(result["OUTPUT_XLSX"])
    assert "repaired" in note
    assert by_town(rows)["乙镇"][3] == pytest.approx(expected["乙镇"][2], rel=1e-6)


def test_unusable_town_layers_are_refused(processing_ready, library, tmp_path):
    uri, *_ = library
    towns = td.town_geoms_gk()
    with pytest.raises(QgsProcessingException, match="甲镇.*乙镇.*overlap on .* project 43"):
        grown = dict(towns, 甲镇=towns["甲镇"].buffer(150))  # over P2's half in 乙镇
        run(uri, tmp_path, town_layer(grown))
    nameless = dict(towns)
    nameless[""] = nameless.pop("乙镇")
    with pytest.raises(QgsProcessingException, match="feature 2 .*has no town value"):
        run(uri, tmp_path, town_layer(nameless))
    with pytest.raises(QgsProcessingException, match="TOWN_FIELD"):
        run(uri, tmp_path, town_layer(towns), TOWN_FIELD="")
