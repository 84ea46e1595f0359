"""What the import dialog and the import algorithm share: the six sources and where column
mappings are remembered (below both, so the dialog does not import the algorithm)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication

#: the six sources, in the order the enum shows them (keys of the library's SOURCES)
SOURCE_KEYS = (
    "national_key",
    "provincial_key",
    "municipal_key",
    "investment_platform",
    "annual_reserve_plan",
    "annual_transfer_plan",
)


def source_labels(tr) -> list[str]:
    return [
        tr("National key project"),
        tr("Provincial key project"),
        tr("Municipal key project"),
        tr("Investment online approval platform"),
        tr("Annual land reserve plan"),
        tr("Annual land transfer plan"),
    ]


def mapping_store_path() -> Path:
    """Where column mappings are remembered (the user's QGIS profile folder)."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "yimatong" / "import_mappings.json"
