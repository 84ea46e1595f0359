"""The report's translator: the report language whatever QGIS's locale is."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ...toolbelt.i18n import load_private_translator

CONTEXT = "yimatong"
I18N_DIR = Path(__file__).resolve().parents[2] / "i18n"


# ----------------------------------------------------------------------------- language
class _Language:
    """Translates the report's strings into the report language, whatever QGIS's locale is.

    Uses the compiled ``.qm`` when present; strings it lacks (a stale ``.qm``) are read from the
    ``.ts`` source next to it, so a freshly added string is never shown in English.
    """

    def __init__(self, language: str = "zh_CN"):
        self.language = language or "zh_CN"
        self._translator = None
        self._ts: dict[str, str] | None = None
        if self.language.startswith("en"):
            return
        self._translator = load_private_translator(self.language)

    def _from_ts(self, text: str) -> str:
        if self._ts is None:
            self._ts = {}
            ts = I18N_DIR / f"yimatong_{self.language}.ts"
            if ts.exists():
                root = ET.parse(ts).getroot()
                for context in root.iter("context"):
                    if context.findtext("name") != CONTEXT:
                        continue
                    for message in context.iter("message"):
                        source = message.findtext("source")
                        translation = message.find("translation")
                        if (
                            source
                            and translation is not None
                            and translation.text
                            and translation.get("type") != "obsolete"
                        ):
                            self._ts[source] = translation.text
        return self._ts.get(text, "")

    def tr(self, text: str) -> str:
        if self.language.startswith("en"):
            return text
        found = ""
        if self._translator is not None:
            # PyQt passes char* arguments as bytes: UTF-8, like Qt's own tr()
            found = self._translator.translate(CONTEXT.encode(), text.encode("utf-8"))
        return found or self._from_ts(text) or text
