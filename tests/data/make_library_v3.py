"""How tests/data/library_v3.gpkg was made: run with the schema-v3 library code (commit 1689bbc)
as ``python tests/data/make_library_v3.py tests/data/library_v3.gpkg``. The file is a real v3
library with data (projects, parcel lineage, events, an archived event and project, a result,
audit rows) for the v3 -> v4 migration test."""

import os
import sqlite3
import sys

from yimatong_plugin.core.library import SCHEMA_VERSION, open_library

SQ1 = "POLYGON((111.69 29.03, 111.70 29.03, 111.70 29.04, 111.69 29.04, 111.69 29.03))"
SQ2 = "POLYGON((111.69 29.03, 111.701 29.03, 111.701 29.04, 111.69 29.04, 111.69 29.03))"
SQ3 = "POLYGON((111.71 29.03, 111.72 29.03, 111.72 29.04, 111.71 29.04, 111.71 29.03))"
SEG = dict(
    region="43",
    admin="430702",
    year=2023,
    approval_type="03",
    project_type="01",
    supply_type="12",
    land_use="0701",
)


def main(out: str) -> None:
    assert SCHEMA_VERSION == 3
    if os.path.exists(out):
        os.remove(out)
    lib = open_library(out, user="v3.maker", wal=False)
    a = lib.allocate_code(**SEG)
    lib.add_project(
        a,
        name="武陵区安置房",
        source="municipal_key",
        applicant="常德市城投",
        declared_area_m2=20000,
        agreed_start="2023-09-01",
    )
    p1 = lib.add_parcel(a, SQ1, stage="supply", label="A-1")
    lib.replace_parcel(p1, SQ2, reason="resurvey")
    lib.add_event(
        a, "conversion_approval", "2022-03-01", doc_no="湘政土批〔2022〕8号", batch="2022-08"
    )
    lib.add_event(
        a,
        "supply",
        "2023-05-01",
        doc_no="常供〔2023〕1号",
        agreed_start="2023-09-01",
        batch="2022-08",
    )
    e3 = lib.add_event(a, "construction_start", "2023-10-01")
    lib.archive_event(e3, reason="wrong date")
    res = "/tmp/v3gen/批复.txt"
    os.makedirs(os.path.dirname(res), exist_ok=True)
    with open(res, "w") as fh:
        fh.write("v3")
    lib.add_result(a, "conversion_approval", res, kind="approval")
    b = lib.allocate_code(**SEG)
    lib.add_project(b, name="物流园", source="annual_transfer_plan")
    lib.add_parcel(b, SQ3, stage="reserve")
    lib.add_event(b, "supervision", "2024-02-01", developed_ratio=0.1, status="stopped")
    lib.update_project(b, note="v3")
    lib.archive_project(b, reason="merged")
    print(lib.counts(), lib.check_consistency())
    lib.close()
    conn = sqlite3.connect(out)
    conn.execute("VACUUM")
    conn.close()


if __name__ == "__main__":
    main(sys.argv[1])
