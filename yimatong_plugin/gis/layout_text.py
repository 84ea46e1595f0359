"""Plain text in a print layout, without QgsLayoutItemLabel.

QGIS 3.22's QgsLayoutItemLabel logs "Cannot load HTML based item label in background threads"
(无法在后台线程中加载基于 HTML 的项标注) for every label *created* off the main thread, HTML or not;
a report built in a Processing task has a hundred labels, so each run buried real warnings in
the message log. :class:`TextItem` draws the same text (font, colour, alignment, word wrap)
and creates nothing HTML.
"""

from __future__ import annotations

from qgis.core import QgsLayoutItem, QgsLayoutItemRegistry
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont

#: our item type id (QGIS reserves PluginItem + n for plugins)
TEXT_ITEM_TYPE = QgsLayoutItemRegistry.PluginItem + 0x7A7
MM_PER_POINT = 25.4 / 72.0


class TextItem(QgsLayoutItem):
    """A rectangle of wrapped text; ``font`` sized in points, like a label's text format."""

    def __init__(self, layout, text: str, font: QFont, colour: QColor, alignment):
        super().__init__(layout)
        self._text = text
        self._font = QFont(font)
        self._colour = QColor(colour)
        self._alignment = alignment

    def type(self) -> int:
        return TEXT_ITEM_TYPE

    def displayName(self) -> str:
        return self._text[:40]

    def text(self) -> str:
        return self._text

    def draw(self, context) -> None:
        render = context.renderContext()
        painter = render.painter()
        if painter is None:
            return
        pixels_per_mm = render.scaleFactor()  # the painter draws in device pixels here
        font = QFont(self._font)
        dpi = painter.device().logicalDpiY() or 96
        wanted_px = self._font.pointSizeF() * MM_PER_POINT * pixels_per_mm
        font.setPointSizeF(wanted_px * 72.0 / dpi)
        painter.save()
        painter.setFont(font)
        painter.setPen(self._colour)
        box = QRectF(
            0, 0, self.rect().width() * pixels_per_mm, self.rect().height() * pixels_per_mm
        )
        painter.drawText(box, int(self._alignment | Qt.TextFlag.TextWordWrap), self._text)
        painter.restore()
