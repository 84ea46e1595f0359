"""A drawn timeline of one project's life: lanes 批 供 用 补 查, events by date, agreed dates
beside actual ones, anomalies marked.

The drawing is :class:`~yimatong_plugin.gis.timeline_scene.TimelineScene` (no widget, also used
by the project-file report); this view shows it. Wheel zooms in time around the mouse, dragging
pans, double-clicking an event opens the result files attached to its stage.
"""

from __future__ import annotations

import datetime as _dt

from qgis.PyQt.QtCore import Qt, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QDesktopServices, QImage, QPainter
from qgis.PyQt.QtWidgets import QGraphicsView

from ..core import lifecycle as lc
from ..gis.timeline_scene import (  # noqa: F401 (public names of this module)
    AXIS_HEIGHT,
    COMPLETION_ROW,
    EVENT_ROW,
    GROUP_COLORS,
    INDEX,
    KIND,
    KIND_AGREED,
    KIND_EVENT,
    KIND_FINDING,
    KIND_LATENESS,
    LABEL_WIDTH,
    LANE_HEIGHT,
    LATE_COLOR,
    MARKER_R,
    MAX_PX_PER_DAY,
    MIN_PX_PER_DAY,
    ON_TIME_COLOR,
    SEVERITY_COLORS,
    START_ROW,
    TimelineScene,
)


class TimelineView(QGraphicsView):
    """The timeline. Feed it with :meth:`set_project`."""

    #: emitted with the path of each result file a double-click opens
    result_opened = pyqtSignal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._scene = TimelineScene(self)
        self.setScene(self._scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setMinimumHeight(int(AXIS_HEIGHT + LANE_HEIGHT * 2))
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        self.horizontalScrollBar().valueChanged.connect(lambda *_: self._place_labels())
        self._user_zoomed = False
        self._build()

    # -- the scene's data, read through the view --------------------------------------------
    events = property(lambda self: self._scene.events)
    findings = property(lambda self: self._scene.findings)
    milestones = property(lambda self: self._scene.milestones)
    results = property(lambda self: self._scene.results)
    as_of = property(lambda self: self._scene.as_of)
    event_items = property(lambda self: self._scene.event_items)
    agreed_items = property(lambda self: self._scene.agreed_items)
    lateness_items = property(lambda self: self._scene.lateness_items)
    finding_items = property(lambda self: self._scene.finding_items)
    _labels = property(lambda self: self._scene.labels)

    @property
    def px_per_day(self) -> float:
        return self._scene.px_per_day

    @px_per_day.setter
    def px_per_day(self, value: float) -> None:
        self._scene.px_per_day = value

    # -- data -----------------------------------------------------------------------------
    def set_project(self, events, *args, **kwargs) -> None:
        """Show a project's events (dicts or :class:`lifecycle.Event`), findings and results:
        the arguments of :meth:`TimelineScene.set_project` (events, findings, results, as_of,
        thresholds, project)."""
        self._scene.set_project(events, *args, **kwargs)
        self._user_zoomed = False
        self.fit_time()

    def clear_project(self) -> None:
        self._scene.clear_project()
        self._place_labels()

    def results_for(self, event: lc.Event) -> list[dict]:
        """Result files attached to an event: same stage (or naming the event's id)."""
        return self._scene.results_for(event)

    # -- geometry -------------------------------------------------------------------------
    def x_for(self, day: _dt.date) -> float:
        return self._scene.x_for(day)

    def date_at(self, x: float) -> _dt.date:
        return self._scene.date_at(x)

    def lane_top(self, group_key: str) -> float:
        """Top of a lane in scene coordinates."""
        return self._scene.lane_top(group_key)

    def label_room(self) -> float:
        """Scene width kept right of the last date so every finding's label is whole."""
        return self._scene.label_room()

    def finding_label(self, finding: lc.Finding) -> str:
        return self._scene.finding_label(finding)

    def fit_time(self) -> None:
        """Zoom so the whole life fits the view's width."""
        span = self._scene.span_days()
        width = max(150.0, self.viewport().width() - LABEL_WIDTH - 10 - self.label_room())
        self.px_per_day = min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, width / span))
        self._build()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())

    def zoom(self, factor: float, anchor_view_x: float | None = None) -> None:
        """Change the time scale by ``factor`` keeping the date under ``anchor_view_x``."""
        if anchor_view_x is None:
            anchor_view_x = self.viewport().width() / 2
        anchor_scene_x = self.mapToScene(int(anchor_view_x), 0).x()
        anchor_days = anchor_scene_x / self.px_per_day
        new = min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, self.px_per_day * factor))
        if new == self.px_per_day:
            return
        self.px_per_day = new
        self._build()
        target = anchor_days * new
        # put ``target`` at anchor_view_x: scroll so that the left edge is target - anchor
        bar = self.horizontalScrollBar()
        left = target - anchor_view_x
        bar.setValue(int(round(left - self.sceneRect().left())) + bar.minimum())
        self._place_labels()

    # -- events ---------------------------------------------------------------------------
    def wheelEvent(self, event):
        delta = event.angleDelta().y()
        if delta == 0:
            return super().wheelEvent(event)
        self._user_zoomed = True
        self.zoom(1.25 ** (delta / 120.0), event.position().x())
        event.accept()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        # until the user zooms, the whole life fits the width (the dock may be resized)
        if not self._user_zoomed and (self.events or self.findings):
            self.fit_time()
        self._place_labels()

    def mouseDoubleClickEvent(self, event):
        item = self.itemAt(event.pos())
        while item is not None and item.data(KIND) is None:
            item = item.parentItem()
        if item is not None and item.data(KIND) == KIND_EVENT:
            self.open_results(self.events[item.data(INDEX)])
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def open_results(self, event: lc.Event) -> list[str]:
        """Open every result file attached to ``event`` with the system's viewer."""
        opened = []
        for res in self.results_for(event):
            path = str(res.get("path") or "")
            if not path:
                continue
            url = QUrl(path) if "://" in path else QUrl.fromLocalFile(path)
            QDesktopServices.openUrl(url)
            opened.append(path)
            self.result_opened.emit(path)
        return opened

    # -- drawing --------------------------------------------------------------------------
    def _build(self) -> None:
        self._scene.build()
        for item in self.event_items:
            item.setCursor(Qt.CursorShape.PointingHandCursor)
        self._place_labels()

    def _place_labels(self) -> None:
        if self._labels:
            self._scene.place_labels(self.mapToScene(0, 0).x())

    # -- export ---------------------------------------------------------------------------
    def render_image(self, width: int = 1400, scale: float = 1.0) -> QImage:
        """The whole life (not just the visible part) laid out ``width`` pixels wide, drawn
        ``scale`` times as many pixels (sharp when printed small)."""
        image = self._scene.render_image(width, scale)
        self._build()
        return image
