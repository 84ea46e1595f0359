"""The planner's walk of issue 12 in the real QGIS desktop (called from
scripts/screenshot_scenes.py, scene ``planner``; run ``make demo`` first):

1. the sample library ``demo_output/sample_library.gpkg`` opened in the project-library panel;
2. 一码通 → 一张图: the catalog follows it; the topic 三区三线 double-clicked (one click on the
   topic) → its three layers in their topic group with the standard styles
   (``planner_topic.png``);
3. the parcels to review from the topic 报批地块; the Processing dialog of
   yimatong:complianceoverlay with CONTROL_SET 三区三线 typed, LIBRARY left at its default (the
   library the panel opened) (``planner_review_dialog.png``); Run, as the button runs it
   (``planner_review_log.png``: the log naming the set);
4. page 1 of the report PDF it wrote (``planner_report.png``, rendered by pdftoppm) and the
   review on the map (the scene's own capture, ``planner.png``).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from scripts.screenshot_desk import desk_window

ROOT = Path(os.environ.get("YMT_ROOT", "."))
IMAGES = ROOT / "docs" / "images"
LIBRARY = ROOT / "demo_output" / "sample_library.gpkg"
CONTROL_SET = "三区三线"
WAIT = 150.0  # at most, seconds until the scene's own capture (the report's maps take a while)


def _capture(name: str, say) -> None:
    target = IMAGES / f"{name}.png"
    subprocess.run(["import", "-window", "root", str(target)], check=False)
    say("saved", target)


class _Walk:
    """Steps run one after another on the GUI thread: each waits (polling) for its condition."""

    def __init__(self, say, report_error):
        self.say, self.report_error = say, report_error
        self.steps: list = []

    def then(self, until, action, timeout=30.0):
        self.steps.append((until, action, timeout))
        return self

    def start(self):
        self._next(0.0)

    def _next(self, waited: float):
        from qgis.PyQt.QtCore import QTimer

        if not self.steps:
            return
        until, action, timeout = self.steps[0]
        try:
            ready = until()
        except Exception as exc:  # a bug in the walk: reported, the walk stops
            self.report_error("scene planner", f"step condition failed: {exc!r}")
            return
        if not ready:
            if waited > timeout:
                self.report_error("scene planner", f"step {action.__name__} never became ready")
                return
            QTimer.singleShot(200, lambda: self._next(waited + 0.2))
            return
        self.steps.pop(0)
        try:
            action()
        except Exception:
            import traceback

            self.report_error("scene planner", traceback.format_exc())
            return
        QTimer.singleShot(700, lambda: self._next(0.0))


def planner(iface, plugin, keep: list, say, report_error):
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import Qt, QTimer
    from qgis.PyQt.QtWidgets import QDockWidget

    if not LIBRARY.exists():
        report_error("scene planner", f"{LIBRARY} is missing: run `make demo` first")
        return 0.5
    window = desk_window(iface)
    state: dict = {"folder": Path(tempfile.mkdtemp())}
    keep.append(state)
    library = plugin.library_dock
    action = {a.text(): a for a in plugin.actions}
    # 1. the planner opens the sample library (打开 → GeoPackage 文件… in the panel)
    library.open_uri(str(LIBRARY), background=False)
    library.hide()  # the panel is closed again: the 一张图 dock follows the library it opened
    # 2. 一码通 → 一张图
    action.get("一张图", action.get("One map (一张图)")).trigger()
    catalog = plugin.catalog_dock
    window.resizeDocks([catalog], [420], Qt.Orientation.Horizontal)
    layers_panel = window.findChild(QDockWidget, "Layers")
    if layers_panel is not None:
        window.resizeDocks([layers_panel, catalog], [300, 560], Qt.Orientation.Vertical)
    catalog._ymt_close_after_shot = False
    keep.append(catalog)

    def topic(title):
        for i in range(catalog.tree.topLevelItemCount()):
            item = catalog.tree.topLevelItem(i)
            if item.text(0).rstrip(" ✓") == title:
                return item
        return None

    def group_layers(title):
        group = QgsProject.instance().layerTreeRoot().findGroup(title)
        return [n.layer() for n in group.findLayers()] if group is not None else []

    def load_topic():
        item = topic(CONTROL_SET)
        catalog.tree.setCurrentItem(item)
        catalog.tree.itemDoubleClicked.emit(item, 0)  # what a double-click does

    def show_topic():
        layers = group_layers(CONTROL_SET)
        say(
            "planner: catalog of",
            catalog.library_label.text(),
            "topic",
            CONTROL_SET,
            "loaded:",
            [(lyr.name(), lyr.renderer().type()) for lyr in layers],
        )
        canvas = iface.mapCanvas()
        extent = None
        for lyr in layers:
            box = canvas.mapSettings().layerExtentToOutputExtent(lyr, lyr.extent())
            extent = box if extent is None else extent.combineExtentWith(box) or extent
        extent.scale(1.05)
        canvas.mapCanvasRefreshed.connect(lambda: state.update(topic_drawn=True))
        canvas.setExtent(extent)
        canvas.refresh()

    def topic_drawn():  # the capture waits for the canvas, not for a fixed time
        return state.get("topic_drawn", False) and not iface.mapCanvas().isDrawing()

    def capture_topic():
        _capture("planner_topic", say)

    def load_parcels():
        catalog.tree.itemDoubleClicked.emit(topic("报批地块"), 0)

    def open_dialog():
        import processing

        parcels = group_layers("报批地块")[0]
        dlg = processing.createAlgorithmDialog(
            "yimatong:complianceoverlay",
            {
                "PARCELS": parcels,
                "PARCEL_ID": "dkbh",
                "PROJECT_USE_FIELD": "ydxz",
                "PROJECT_CODE_FIELD": "xmdm",
                "CONTROL_SET": CONTROL_SET,
                "REPORT": str(state["folder"] / "合规性审查报告.html"),
            },
        )
        dlg.resize(1100, 860)
        dlg.move(250, 60)
        dlg.show()
        state["dialog"] = dlg
        from qgis.PyQt.QtWidgets import QApplication, QScrollArea

        QApplication.processEvents()
        shown = dlg.mainWidget().wrappers["LIBRARY"].wrappedWidget()
        for area in dlg.mainWidget().findChildren(QScrollArea):
            if area.isAncestorOf(shown):
                area.ensureWidgetVisible(shown, 50, 30)  # the set and the library in view
        values = dlg.mainWidget().createProcessingParameters()
        say("planner: dialog LIBRARY default:", values.get("LIBRARY"))
        say("planner: dialog CONTROL_SET:", values.get("CONTROL_SET"))
        if str(values.get("LIBRARY")) != str(LIBRARY):
            report_error("scene planner", f"LIBRARY defaults to {values.get('LIBRARY')!r}")
        dlg.algorithmFinished.connect(lambda ok, results: state.update(ok=ok, results=results))

    def run():
        _capture("planner_review_dialog", say)
        state["dialog"].runButton().click()  # as the planner clicks 运行

    def after_run():
        dlg = state.pop("dialog")
        say("planner: review ok:", state["ok"], "outputs:", sorted(state["results"]))
        _capture("planner_review_log", say)
        html = state["folder"] / "合规性审查报告.html"
        text = html.read_text(encoding="utf-8") if html.exists() else ""
        say("planner: report names the set:", f"{CONTROL_SET} v" in text, "批复文号" in text)
        pdf = html.with_suffix(".pdf")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf)]
            + [str(IMAGES / "planner_report")],
            check=False,
        )
        say("saved", IMAGES / "planner_report.png", (IMAGES / "planner_report.png").exists())
        dlg.close()
        reviewed = [
            lyr
            for lyr in QgsProject.instance().mapLayers().values()
            if "verdict" in lyr.fields().names() and lyr.geometryType() == 2
        ]
        if reviewed:
            first = next(reviewed[0].getFeatures(), None)
            say(
                "planner: OUTPUT control_set:",
                first["control_set"] if first else None,
                "approval_docs:",
                first["approval_docs"] if first else None,
            )
            canvas = iface.mapCanvas()  # every reviewed parcel, over the control lines
            extent = canvas.mapSettings().layerExtentToOutputExtent(
                reviewed[0], reviewed[0].extent()
            )
            extent.scale(1.1)
            canvas.setExtent(extent)
            canvas.refresh()
            QTimer.singleShot(2500, lambda: state.update(shown=True))  # drawn
        else:
            report_error("scene planner", "the review's OUTPUT was not loaded")

    walk = _Walk(say, report_error)
    walk.then(lambda: topic(CONTROL_SET) is not None, load_topic)
    walk.then(lambda: len(group_layers(CONTROL_SET)) == 3, show_topic)
    walk.then(topic_drawn, capture_topic)
    walk.then(lambda: True, load_parcels)
    walk.then(lambda: bool(group_layers("报批地块")), open_dialog)
    walk.then(lambda: True, run)
    walk.then(lambda: "ok" in state, after_run, timeout=WAIT - 30)
    walk.start()

    def done():
        return not walk.steps and state.get("shown", False)

    def check_done():
        if not done():
            report_error("scene planner", f"{len(walk.steps)} steps not done before the capture")

    QTimer.singleShot(int(WAIT * 1000) - 200, check_done)
    return WAIT, done
