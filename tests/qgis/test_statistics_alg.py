"""``yimatong:statistics`` through processing.run: the .xlsx opened with openpyxl and checked
cell by cell against the raw rows, 批而未供 against ``yimatong:lifecyclemonitor``, the brief's
charts, and bad filters refused with the message a user sees."""

import processing
import pytest
from openpyxl import load_workbook
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests import statistics_data as sd
from yimatong_plugin.core import units
from yimatong_plugin.core.library import open_library


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("stats") / "s.gpkg")
    with open_library(path) as lib:
        codes = sd.build(lib)
    return path, codes


def run(path, tmp_path, **extra):
    params = {
        "LIBRARY": path,
        "AS_OF": sd.AS_OF.isoformat(),
        "OUTPUT_XLSX": str(tmp_path / "统计.xlsx"),
        "OUTPUT_HTML": str(tmp_path / "统计简报.html"),
        **extra,
    }
    return processing.run("yimatong:statistics", params)


def sheet_rows(ws):
    header = [c.value for c in ws[1]]
    rows = []
    for values in ws.iter_rows(min_row=2, values_only=True):
        if all(v is None for v in values):
            break
        rows.append(dict(zip(header, values)))
    return header, rows


def test_xlsx_cells_match_the_raw_rows(processing_ready, library, tmp_path):
    path, codes = library
    result = run(path, tmp_path)
    assert result["PROJECTS"] == 7  # P6 is archived
    wb = load_workbook(result["OUTPUT_XLSX"])
    assert wb.sheetnames[0] == "Scope of the statistics"
    ws = wb["Projects and area by division"]
    header, rows = sheet_rows(ws)
    assert header == [
        "Group code",
        "Name",
        "Projects",
        "Area (m²)",
        "Area (ha)",
        "Area (mu)",
        "Counted with declared area (projects)",
        "Without area (projects)",
    ]
    with open_library(path) as lib:
        expected = sd.expected_groups(lib, sd.AS_OF, "admin")
    assert {r["Group code"] for r in rows} == set(expected)
    for r in rows:
        n, area, declared_only, no_area = expected[r["Group code"]]
        assert isinstance(r["Area (m²)"], float) and isinstance(r["Projects"], int)
        assert r["Projects"] == n
        assert r["Area (m²)"] == pytest.approx(area)
        assert r["Area (ha)"] == pytest.approx(area / 10_000)
        assert r["Area (mu)"] == pytest.approx(area / units.M2_PER_MU)
        assert (r["Counted with declared area (projects)"], r["Without area (projects)"]) == (
            declared_only,
            no_area,
        )
    assert ws["E2"].number_format == "#,##0.0000"
    # the note under the table says how areas are counted
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Area:")]
    assert len(notes) == 1


def test_unsupplied_sheet_agrees_with_lifecyclemonitor(processing_ready, library, tmp_path):
    path, _ = library
    result = run(path, tmp_path)
    monitor = processing.run(
        "yimatong:lifecyclemonitor",
        {"LIBRARY": path, "AS_OF": sd.AS_OF.isoformat(), "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    layer = monitor["OUTPUT"]
    if isinstance(layer, str):
        layer = QgsVectorLayer(layer)
    batches = {
        f["batch"]: f["supplied_ratio"] for f in layer.getFeatures() if f["rule"] == "批而未供"
    }
    assert set(batches) == {"B1", "B2"}
    _, rows = sheet_rows(load_workbook(result["OUTPUT_XLSX"])["批而未供 by approval batch"])
    assert {r["Batch"]: r["Supplied ratio"] for r in rows} == {
        k: pytest.approx(v) for k, v in batches.items()
    }
    b1 = next(r for r in rows if r["Batch"] == "B1")
    assert b1["Unsupplied area (m²)"] == pytest.approx(8000)
    b2 = next(r for r in rows if r["Batch"] == "B2")
    assert b2["Unsupplied area (m²)"] is None  # no area recorded: empty, not 0


def test_brief_has_the_charts(processing_ready, library, tmp_path):
    path, _ = library
    result = run(path, tmp_path)
    text = open(result["OUTPUT_HTML"], encoding="utf-8").read()
    assert text.count("data:image/png;base64,") == 12
    assert "Projects and area by division" in text and "B1" in text


def test_brief_pdf_holds_the_charts_and_tables(processing_ready, library, tmp_path):
    """统计简报 as PDF: A4 pages with the brief's text (tables, notes) and its 12 charts."""
    import shutil
    import subprocess
    import unicodedata

    path, _ = library
    pdf = tmp_path / "统计简报.pdf"
    result = run(path, tmp_path, OUTPUT_PDF=str(pdf))
    assert result["OUTPUT_PDF"] == str(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext, pdfimages) not installed")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # the CJK font maps some ideographs to their Kangxi radical forms (而 → ⽽): NFKC undoes it
    text = unicodedata.normalize("NFKC", text)
    html = open(result["OUTPUT_HTML"], encoding="utf-8").read()
    for title in ("Statistics brief", "Projects and area by division", "批而未供 over time"):
        assert title in text and title in html
    # (pdftotext does not map every digit glyph of the font back: numbers are looked at)
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(images) == 12


def test_filters_and_bad_input(processing_ready, library, tmp_path):
    path, codes = library
    result = run(path, tmp_path, ADMIN="鼎城区", YEAR="2026", SOURCE=6)
    _, rows = sheet_rows(load_workbook(result["OUTPUT_XLSX"])["Projects and area by division"])
    assert [(r["Group code"], r["Projects"]) for r in rows] == [(sd.DINGCHENG, 1)]
    with pytest.raises(QgsProcessingException, match="4 digits: 20x6"):
        run(path, tmp_path, YEAR="20x6")
    with pytest.raises(QgsProcessingException, match="Unknown division 火星区"):
        run(path, tmp_path, ADMIN="火星区")


def test_every_sheet_holds_the_tables_cell_by_cell(processing_ready, library, tmp_path):
    from yimatong_plugin.core.statistics import compute

    path, _ = library
    result = run(path, tmp_path)
    with open_library(path) as lib:
        stats = compute(lib, sd.AS_OF)
    wb = load_workbook(result["OUTPUT_XLSX"])
    sheets = wb.worksheets[1:]
    assert len(sheets) == len(stats.tables)  # one sheet per table, in order
    assert len({ws.title for ws in sheets}) == len(sheets)
    for ws, table in zip(sheets, stats.tables):
        header, rows = sheet_rows(ws)
        assert header == [c.header for c in table.columns], table.key

        def expected(v):  # an empty text is an empty cell
            return pytest.approx(v) if isinstance(v, float) else (None if v == "" else v)

        assert [list(r.values()) for r in rows] == [
            [expected(v) for v in row] for row in table.rows
        ], table.key
