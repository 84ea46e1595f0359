"""Plugin metadata, read once from ``metadata.txt`` (the single source of truth)."""

from configparser import ConfigParser
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
METADATA_PATH = PLUGIN_DIR / "metadata.txt"


def _read_metadata() -> dict:
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str  # keep keys such as "description[zh_CN]"
    with METADATA_PATH.open(encoding="utf-8") as handle:
        parser.read_file(handle)
    return dict(parser["general"])


METADATA = _read_metadata()
__title__ = METADATA["name"]
__version__ = METADATA["version"]
__summary__ = METADATA["description"]
PLUGIN_SLUG = "yimatong"
PROVIDER_ID = "yimatong"
