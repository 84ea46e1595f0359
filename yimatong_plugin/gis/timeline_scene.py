"""The drawn timeline of one project's life as a scene without a widget: lanes 批 供 用 补 查,
events by date, agreed dates beside actual ones, anomalies marked.

Works from plain data (the library's event and result dicts, :class:`lifecycle.Finding` s) and
draws into a :class:`QGraphicsScene`, so the project box's view (``ui/timeline.py``) shows it and
the project-file report renders it to an image in a background task (no QGraphicsView needed).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPen,
    QPolygonF,
)
from qgis.PyQt.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from ..core import lifecycle as lc
from ..toolbelt.i18n import tr
from .finding_text import finding_mark_text, finding_tooltip

LANE_HEIGHT = 70.0
# offsets inside a lane (from its top): event row, agreed-start row, agreed-completion row
EVENT_ROW = 25.0
START_ROW = 50.0
COMPLETION_ROW = 60.0
AXIS_HEIGHT = 30.0
LABEL_WIDTH = 92.0
MARKER_R = 6.0
MIN_PX_PER_DAY = 0.01
MAX_PX_PER_DAY = 40.0
EPOCH = _dt.date(1970, 1, 1)


GROUP_COLORS = {
    "approve": QColor("#1f6fb4"),
    "supply": QColor("#2e9a3a"),
    "use": QColor("#e07b00"),
    "supplement": QColor("#8c5a3c"),
    "inspect": QColor("#7b4ab0"),
}
SEVERITY_COLORS = {
    lc.SEVERITY_INFO: QColor("#7f7f7f"),
    lc.SEVERITY_WARNING: QColor("#e6a700"),
    lc.SEVERITY_SERIOUS: QColor("#d62728"),
    lc.SEVERITY_CRITICAL: QColor("#8b0000"),
}
LATE_COLOR = QColor("#d62728")
ON_TIME_COLOR = QColor("#2e9a3a")

# QGraphicsItem.data() keys
KIND = 0
INDEX = 1

KIND_EVENT = "event"
KIND_AGREED = "agreed"
KIND_LATENESS = "lateness"
KIND_FINDING = "finding"


def _days(day: _dt.date) -> int:
    return (day - EPOCH).days


class TimelineScene(QGraphicsScene):
    """The timeline's drawing. Feed it with :meth:`set_project`, lay it out with :meth:`build`
    at a time scale (``px_per_day``), or get an image with :meth:`render_image`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.events: list[lc.Event] = []
        self.findings: list[lc.Finding] = []
        self.milestones: list[lc.Milestone] = []
        self.results: list[dict] = []
        self.as_of: _dt.date = _dt.date.today()
        self.px_per_day = 0.5
        self.first: _dt.date = self.as_of
        self.last: _dt.date = self.as_of
        #: the lane-name boxes, kept at the left edge of what is shown (see :meth:`place_labels`)
        self.labels: list[QGraphicsItem] = []
        self.event_items: list[QGraphicsItem] = []
        self.agreed_items: list[QGraphicsItem] = []
        self.lateness_items: list[QGraphicsRectItem] = []
        self.finding_items: list[QGraphicsItem] = []

    # -- data -----------------------------------------------------------------------------
    def set_project(
        self,
        events: Iterable[Any],
        findings: Iterable[lc.Finding] = (),
        results: Iterable[dict] = (),
        as_of: _dt.date | None = None,
        thresholds: lc.Thresholds | None = None,
        project: dict | None = None,
    ) -> None:
        """Take a project's events (dicts or :class:`lifecycle.Event`), findings and results
        (not drawn until :meth:`build`)."""
        self.as_of = lc.to_date(as_of) or _dt.date.today()
        self.events = [e for e in lc.with_project_defaults(project, events) if e.date]
        self.findings = list(findings)
        self.results = [dict(r) for r in results]
        self.milestones = lc.milestones(self.events, self.as_of, thresholds)
        dates = [e.date for e in self.events] + [f.since for f in self.findings]
        dates += [m.agreed for m in self.milestones] + [self.as_of]
        span_first, span_last = min(dates), max(dates)
        pad = max(90, (span_last - span_first).days // 12)
        self.first = span_first - _dt.timedelta(days=pad)
        self.last = span_last + _dt.timedelta(days=pad)

    def clear_project(self) -> None:
        self.events, self.findings, self.milestones, self.results = [], [], [], []
        self.build()

    def results_for(self, event: lc.Event) -> list[dict]:
        """Result files attached to an event: same stage (or naming the event's id)."""
        out = []
        for res in self.results:
            if res.get("archived"):
                continue
            linked = res.get("event_fid", res.get("event_id"))
            if linked is not None and event.id is not None:
                if linked == event.id:
                    out.append(res)
            elif res.get("stage") == event.stage:
                out.append(res)
        return out

    # -- geometry -------------------------------------------------------------------------
    def x_for(self, day: _dt.date) -> float:
        return _days(day) * self.px_per_day

    def date_at(self, x: float) -> _dt.date:
        return EPOCH + _dt.timedelta(days=round(x / self.px_per_day))

    def lane_top(self, group_key: str) -> float:
        """Top of a lane in scene coordinates."""
        keys = [g.key for g in lc.STAGE_GROUPS]
        return AXIS_HEIGHT + LANE_HEIGHT * keys.index(group_key)

    def span_days(self) -> int:
        return max(30, (self.last - self.first).days)

    def place_labels(self, left: float) -> None:
        """Keep the lane names at scene x ``left`` (the left edge of what is shown)."""
        for item in self.labels:
            item.setPos(left, 0)

    # -- drawing --------------------------------------------------------------------------
    def build(self) -> None:
        """Draw everything anew at the current ``px_per_day``."""
        scene = self
        scene.clear()
        self.labels = []
        self.event_items, self.agreed_items, self.lateness_items, self.finding_items = (
            [],
            [],
            [],
            [],
        )
        lanes = lc.STAGE_GROUPS
        height = AXIS_HEIGHT + LANE_HEIGHT * len(lanes)
        x0 = self.x_for(self.first) - LABEL_WIDTH
        # room on the right for the findings' labels, which are written right of their mark
        x1 = self.x_for(self.last) + self.label_room()
        scene.setSceneRect(QRectF(x0, 0, x1 - x0, height + 4))

        # lane bands
        for i in range(len(lanes)):
            top = AXIS_HEIGHT + LANE_HEIGHT * i
            band = scene.addRect(
                QRectF(x0, top, x1 - x0, LANE_HEIGHT),
                QPen(QColor("#e3e3e3")),
                QBrush(QColor("#fafafa") if i % 2 else QColor("#f1f4f8")),
            )
            band.setZValue(-10)
        self._draw_axis(x0, x1, height)

        if self.events or self.findings:
            today = self.x_for(self.as_of)
            pen = QPen(QColor("#555555"), 1, Qt.PenStyle.DashLine)
            line = scene.addLine(today, AXIS_HEIGHT, today, height, pen)
            line.setZValue(-1)
            label = scene.addSimpleText(tr("as of {date}").format(date=self.as_of.isoformat()))
            label.setBrush(QBrush(QColor("#555555")))
            label.setPos(today - label.boundingRect().width() - 4, height - 16)
            label.setZValue(-1)

        self._draw_milestones()
        self._draw_events()
        self._draw_findings()
        self._draw_lane_labels(height)

    def _draw_axis(self, x0: float, x1: float, height: float) -> None:
        scene = self
        scene.addRect(
            QRectF(x0, 0, x1 - x0, AXIS_HEIGHT), QPen(Qt.PenStyle.NoPen), QBrush(QColor("#ffffff"))
        )
        axis_pen = QPen(QColor("#444444"))
        grid_pen = QPen(QColor("#d0d0d0"), 1, Qt.PenStyle.DotLine)
        scene.addLine(x0, AXIS_HEIGHT, x1, AXIS_HEIGHT, axis_pen)
        px_year = 365.25 * self.px_per_day
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if px_year * s >= 48), 100)
        first = self.first.year
        for year in range(first - first % step, self.last.year + 1, step):
            day = _dt.date(year, 1, 1)
            if day < self.first:
                continue
            x = self.x_for(day)
            scene.addLine(x, AXIS_HEIGHT - 8, x, AXIS_HEIGHT, axis_pen)
            grid = scene.addLine(x, AXIS_HEIGHT, x, height, grid_pen)
            grid.setZValue(-5)
            text = scene.addSimpleText(str(year))
            text.setPos(x + 3, 4)
        if px_year >= 12 * 28:  # months get ticks once a month is wide enough for its number
            day = _dt.date(self.first.year, self.first.month, 1)
            while day <= self.last:
                if day.month != 1 and day >= self.first:
                    x = self.x_for(day)
                    scene.addLine(x, AXIS_HEIGHT - 4, x, AXIS_HEIGHT, axis_pen)
                    text = scene.addSimpleText(str(day.month))
                    font = QFont(text.font())
                    font.setPointSizeF(max(6.0, font.pointSizeF() - 2))
                    text.setFont(font)
                    text.setBrush(QBrush(QColor("#777777")))
                    text.setPos(x + 2, AXIS_HEIGHT - 15)
                day = _dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)

    def _draw_lane_labels(self, height: float) -> None:
        scene = self
        for i, group in enumerate(lc.STAGE_GROUPS):
            top = AXIS_HEIGHT + LANE_HEIGHT * i
            box = QGraphicsRectItem(QRectF(0, top, LABEL_WIDTH, LANE_HEIGHT))
            box.setPen(QPen(QColor("#d0d0d0")))
            box.setBrush(QBrush(QColor("#ffffff")))
            box.setZValue(50)
            big = QGraphicsSimpleTextItem(group.label, box)
            font = QFont(big.font())
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            big.setFont(font)
            big.setBrush(QBrush(GROUP_COLORS[group.key]))
            big.setPos(8, top + LANE_HEIGHT / 2 - big.boundingRect().height() / 2)
            small = QGraphicsSimpleTextItem(group.name, box)
            small.setBrush(QBrush(QColor("#444444")))
            small.setPos(
                14 + big.boundingRect().width(),
                top + LANE_HEIGHT / 2 - small.boundingRect().height() / 2,
            )
            box.setToolTip(" / ".join(lc.stage_name(s) for s in group.stages) or group.name)
            scene.addItem(box)
            self.labels.append(box)
        corner = QGraphicsRectItem(QRectF(0, 0, LABEL_WIDTH, AXIS_HEIGHT))
        corner.setPen(QPen(Qt.PenStyle.NoPen))
        corner.setBrush(QBrush(QColor("#ffffff")))
        corner.setZValue(50)
        scene.addItem(corner)
        self.labels.append(corner)

    def _event_label(self, event: lc.Event) -> str:
        return lc.stage_name(event.stage)

    def _draw_events(self) -> None:
        scene = self
        counts: dict[str, int] = {}
        for index, event in enumerate(self.events):
            group = lc.stage_group(event.stage)
            key = group.key if group else "inspect"
            slot = counts.get(key, 0)
            counts[key] = slot + 1
            x = self.x_for(event.date)
            y = self.lane_top(key) + EVENT_ROW
            color = GROUP_COLORS[key]
            results = self.results_for(event)
            marker = QGraphicsEllipseItem(-MARKER_R, -MARKER_R, 2 * MARKER_R, 2 * MARKER_R)
            marker.setPos(x, y)
            marker.setBrush(QBrush(color))
            marker.setPen(QPen(QColor("#222222"), 2.0 if results else 1.0))
            marker.setZValue(10)
            marker.setData(KIND, KIND_EVENT)
            marker.setData(INDEX, index)
            marker.setToolTip(self._event_tooltip(event, results))
            scene.addItem(marker)
            text = self._event_label(event) + (" ▣" if results else "")
            label = QGraphicsSimpleTextItem(text, marker)
            label.setBrush(QBrush(QColor("#222222")))
            # alternate above / below so neighbours in a lane do not overprint
            # (above first: the agreed-date row lies below the events)
            dy = MARKER_R + 1 if slot % 2 else -MARKER_R - label.boundingRect().height()
            label.setPos(-label.boundingRect().width() / 2, dy)
            self.event_items.append(marker)

    def _event_tooltip(self, event: lc.Event, results: Sequence[dict]) -> str:
        lines = [
            f"<b>{lc.stage_name(event.stage)}</b> {event.date.isoformat()}",
            tr("Document number: {doc}").format(doc=event.doc_no or "—"),
            tr("Originating system: {system}").format(system=event.system or "—"),
        ]
        status = event.get("status")
        if status:
            lines.append(tr("Status: {status}").format(status=status))
        for key, text in (
            ("agreed_handover", tr("Agreed hand-over: {date}")),
            ("agreed_start", tr("Agreed start: {date}")),
            ("agreed_completion", tr("Agreed completion: {date}")),
        ):
            day = event.date_attr(key) if event.stage == "supply" else None
            if day:
                lines.append(text.format(date=day.isoformat()))
        area = event.float_attr("area_m2")
        if area is not None:
            lines.append(tr("Area: {area} m²").format(area=f"{area:,.0f}"))
        stopped = event.date_attr("stopped_on")
        if stopped:
            lines.append(tr("Development stopped: {date}").format(date=stopped.isoformat()))
        note = event.get("note")
        if note:
            lines.append(str(note))
        if results:
            lines.append(tr("Double-click to open {n} result file(s):").format(n=len(results)))
            lines += ["· " + Path(str(r.get("path", ""))).name for r in results]
        return "<br>".join(lines)

    def _draw_milestones(self) -> None:
        scene = self

        names = {
            "handover": tr("agreed hand-over"),
            "start": tr("agreed start"),
            "completion": tr("agreed completion"),
        }
        for m in self.milestones:
            x_agreed = self.x_for(m.agreed)
            if m.kind == "handover":
                lane_y = self.lane_top("supply") + START_ROW
            elif m.kind == "start":
                lane_y = self.lane_top("use") + START_ROW
            else:
                lane_y = self.lane_top("use") + COMPLETION_ROW
            end = m.actual or (self.as_of if m.late else None)
            if end is not None and end != m.agreed:
                x_end = self.x_for(end)
                color = LATE_COLOR if m.late else ON_TIME_COLOR
                bar = QGraphicsRectItem(
                    QRectF(min(x_agreed, x_end), lane_y - 3, abs(x_end - x_agreed), 6)
                )
                bar.setBrush(QBrush(color))
                bar.setPen(QPen(Qt.PenStyle.NoPen))
                bar.setZValue(5)
                bar.setData(KIND, KIND_LATENESS)
                days = (end - m.agreed).days
                if m.late:
                    tip = tr("{what} {agreed}: {days} days late ({end})").format(
                        what=names[m.kind], agreed=m.agreed, days=days, end=end
                    )
                else:
                    tip = tr("{what} {agreed}: done {days} days early ({end})").format(
                        what=names[m.kind], agreed=m.agreed, days=-days, end=end
                    )
                bar.setToolTip(tip)
                scene.addItem(bar)
                self.lateness_items.append(bar)
            diamond = QGraphicsPolygonItem(
                QPolygonF([QPointF(0, -6), QPointF(6, 0), QPointF(0, 6), QPointF(-6, 0)])
            )
            diamond.setPos(x_agreed, lane_y)
            diamond.setBrush(QBrush(QColor("#ffffff")))
            diamond.setPen(QPen(QColor("#333333"), 1.2, Qt.PenStyle.DashLine))
            diamond.setZValue(8)
            diamond.setData(KIND, KIND_AGREED)
            diamond.setToolTip(
                tr("{what}: {date} (supply {doc})").format(
                    what=names[m.kind], date=m.agreed, doc=m.source.doc_no or "—"
                )
            )
            tag = QGraphicsSimpleTextItem(names[m.kind], diamond)
            font = QFont(tag.font())
            font.setPointSizeF(max(6.0, font.pointSizeF() - 2))
            tag.setFont(font)
            tag.setBrush(QBrush(QColor("#666666")))
            tag.setPos(-tag.boundingRect().width() / 2, 5)
            scene.addItem(diamond)
            self.agreed_items.append(diamond)

    def _draw_findings(self) -> None:
        scene = self
        for index, finding in enumerate(self.findings):
            x = self.x_for(finding.since)
            row = COMPLETION_ROW if finding.rule == lc.RULE_LATE_COMPLETION else START_ROW
            y = self.lane_top(lc.RULE_GROUP.get(finding.rule, "inspect")) + row
            color = SEVERITY_COLORS.get(finding.severity, LATE_COLOR)
            tri = QGraphicsPolygonItem(QPolygonF([QPointF(0, -9), QPointF(8, 6), QPointF(-8, 6)]))
            tri.setPos(x, y)
            tri.setBrush(QBrush(color))
            tri.setPen(QPen(QColor("#400000"), 1))
            tri.setZValue(20)
            tri.setData(KIND, KIND_FINDING)
            tri.setData(INDEX, index)
            tri.setToolTip(finding_tooltip(finding))
            mark = QGraphicsSimpleTextItem("!", tri)
            mark.setBrush(QBrush(QColor("#ffffff")))
            font = QFont(mark.font())
            font.setBold(True)
            font.setPointSizeF(max(6.0, font.pointSizeF() - 2))
            mark.setFont(font)
            mark.setPos(-mark.boundingRect().width() / 2, -5)
            label = QGraphicsSimpleTextItem(self.finding_label(finding), tri)
            label.setBrush(QBrush(color.darker(130)))
            # right of the mark, always: on its left it ran under the lane names ("置土地 · …")
            label.setPos(10, -label.boundingRect().height() - 2)
            scene.addItem(tri)
            self.finding_items.append(tri)

    def finding_label(self, finding: lc.Finding) -> str:
        """The text beside a finding's mark (:func:`.finding_text.finding_mark_text`)."""
        return finding_mark_text(finding)

    def label_room(self) -> float:
        """Scene width kept right of the last date so every finding's label is whole."""
        if not self.findings:
            return 0.0
        metrics = QFontMetricsF(QGraphicsSimpleTextItem().font())
        widest = max(
            metrics.horizontalAdvance(line)
            for f in self.findings
            for line in self.finding_label(f).splitlines()
        )
        return widest + 20.0

    # -- export ---------------------------------------------------------------------------
    def render_image(self, width: int = 1400, scale: float = 1.0) -> QImage:
        """The whole life (not just the visible part) laid out ``width`` pixels wide, drawn
        ``scale`` times as many pixels (sharp when printed small)."""
        saved = self.px_per_day
        span = max(30, (self.last - self.first).days)
        self.px_per_day = max(MIN_PX_PER_DAY, (width - LABEL_WIDTH) / span)
        self.build()
        rect = self.sceneRect()
        for item in self.labels:
            item.setPos(rect.left(), 0)
        w, h = rect.width() * scale, rect.height() * scale
        image = QImage(int(w), int(h), QImage.Format.Format_ARGB32)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.render(painter, QRectF(0, 0, int(w), int(h)), rect)
        painter.end()
        self.px_per_day = saved
        self.build()
        return image
