"""Code segments and geometries shared by the library tests."""

#: a valid 22-digit prefix's segments (武陵区, 2024, 城镇住宅用地)
SEG = dict(
    region="43",
    admin="430702",
    year=2024,
    approval_type="03",
    project_type="01",
    supply_type="12",
    land_use="0701",
)
#: a small square parcel in Changde, EPSG:4490
SQUARE = "POLYGON((111.69 29.03, 111.70 29.03, 111.70 29.04, 111.69 29.04, 111.69 29.03))"

#: a 2021 project with supply type 13, used by the project-box and saved-connection tests
PROJECT_BOX_SEG = dict(
    region="43",
    admin="430702",
    year=2021,
    approval_type="01",
    project_type="01",
    supply_type="13",
    land_use="0701",
)
