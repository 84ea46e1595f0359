"""Screenshot scenes, run inside the real QGIS desktop by scripts/screenshot.sh (``--code``).

Each scene is a function ``scene_<name>(iface) -> float``: it opens some UI and returns how many
seconds to wait before the screen is captured to ``docs/images/<name>.png`` (or a tuple
``(at most seconds, done)``: captured as soon as ``done()`` is true). ``YMT_SCENES``
selects scenes (``all`` for every one). QGIS quits when all are done.
"""

import os
import subprocess
import sys
import traceback
from pathlib import Path

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QMenu
from qgis.utils import iface, plugins

ROOT = Path(os.environ.get("YMT_ROOT", "."))
IMAGES = ROOT / "docs" / "images"
sys.path.insert(0, str(ROOT))

from scripts.screenshot_desk import desk_window  # noqa: E402


def _say(*args):
    print("YMT", *args, flush=True)


# -- errors in the desktop: every Python traceback and QGIS "Python error"/critical message is
# printed with the YMT prefix (screenshot.sh shows YMT lines) and counted; the run then fails
_ERRORS = []


def _report_error(source, text):
    _ERRORS.append(text)
    _say(f"PYTHON ERROR ({source}):")
    for line in str(text).rstrip().splitlines():
        _say("|", line)


def _on_log_message(message, tag, level):
    from qgis.core import Qgis

    python = "python" in tag.lower()
    if python and ("warn" in tag.lower() or "警告" in tag):  # Python warnings: shown, not fatal
        _say(f"python warning [{tag}]:", " / ".join(message.strip().splitlines()[:2]))
    elif python or level == Qgis.Critical:
        _report_error(f"message log [{tag}]", message)
    elif tag == "Yimatong" and level == Qgis.Warning:
        _say(f"warning [{tag}]:", message)


def _excepthook(previous):
    def hook(etype, value, tb):
        _report_error("excepthook", "".join(traceback.format_exception(etype, value, tb)))
        previous(etype, value, tb)

    return hook


def _install_error_hooks():
    from qgis.core import QgsApplication
    from qgis.PyQt.QtWidgets import QDockWidget, QPlainTextEdit, QTabWidget

    # what was logged before this script ran (plugin loading): read the message log panel
    panel = iface.mainWindow().findChild(QDockWidget, "MessageLog")
    tabs = panel.findChild(QTabWidget) if panel is not None else None
    for i in range(tabs.count() if tabs is not None else 0):
        name = tabs.tabText(i)
        text = tabs.widget(i).toPlainText() if isinstance(tabs.widget(i), QPlainTextEdit) else ""
        if "python" in name.lower() and text.strip():
            _report_error(f"at startup [{name}]", text)
    QgsApplication.messageLog().messageReceived.connect(_on_log_message)
    sys.excepthook = _excepthook(sys.excepthook)


def scene_menu(iface):
    """The 一码通 menu opened in the main window."""
    plugin = plugins.get("yimatong_plugin")
    menu = iface.mainWindow().findChild(QMenu, "YimatongMenu")
    _say("plugin loaded:", plugin is not None, "menu:", menu.title() if menu else None)
    bar = iface.mainWindow().menuBar()
    bar.setActiveAction(menu.menuAction())
    return 1.5


_KEEP = []


def scene_code_dialog(iface):
    """The code generator on a throwaway library: 122 codes allocated before (the user said
    yes each time), the segments and a project name filled in, and a click on 赋码并建项目…:
    the confirmation names the code prefix, the target library and the project."""
    import tempfile

    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.ui.code_dialog import CodeDialog

    path = Path(tempfile.mkdtemp()) / "常德市项目库.gpkg"
    library = open_library(str(path))
    dialog = CodeDialog(library=library, parent=iface.mainWindow(), library_label=str(path))
    _say("code dialog starts with:", dialog.values())
    for name, value in [
        ("admin", "430702"),
        ("year", "2024"),
        ("approval_type", "05"),
        ("project_type", "03"),
        ("supply_type", "13"),
        ("land_use", "0701"),
    ]:
        dialog.set_segment(name, value)
    dialog.confirm = lambda: True  # the earlier allocations: confirmed
    for k in range(122):
        dialog.name_edit.setText(f"武陵区住宅项目{k + 1}")
        code = dialog.allocate()
    del dialog.confirm
    _say("allocated", code, "projects in the library:", len(library.projects()))
    dialog.name_edit.setText("武陵区滨湖花园住宅项目")
    dialog.resize(760, 680)
    dialog.show()
    dialog.move(200, 80)
    _KEEP.extend([dialog, library])

    def ask():
        dialog.allocate_button.click()  # the real confirmation (modal) until the capture
        _say("code dialog: after the confirmation closed, allocated:", dialog.allocated_code)

    QTimer.singleShot(300, ask)
    return 2.0


def scene_review_result(iface):
    """A compliance review of the sample run as the Processing dialog runs it (a task in a
    background thread, outputs loaded into the project, with the report): the reviewed
    parcels coloured by verdict, the overlap pieces by control line, the attribute table with
    2-decimal areas. The message log must stay free of "HTML" label warnings."""
    import tempfile

    from qgis.core import (
        QgsApplication,
        QgsProcessingAlgRunnerTask,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingOutputLayerDefinition,
        QgsProject,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtGui import QColor

    sample = ROOT / "yimatong_plugin" / "data" / "sample" / "changde_sample.gpkg"
    folder = Path(tempfile.mkdtemp())
    controls = []
    for name in ("城镇开发边界", "永久基本农田", "生态保护红线"):
        layer = QgsVectorLayer(f"{sample}|layername={name}", name, "ogr")
        controls.append(layer)
    controls[0].renderer().symbol().setColor(QColor(236, 236, 222))
    controls[1].renderer().symbol().setColor(QColor(205, 228, 180))
    controls[2].renderer().symbol().setColor(QColor(246, 205, 205))
    QgsProject.instance().addMapLayers(controls)
    params = {
        "PARCELS": f"{sample}|layername=项目地块",
        "PARCEL_ID": "dkbh",
        "CONTROL_LAYERS": controls[::-1],
        "ZONING": f"{sample}|layername=国土空间规划分区",
        "ZONING_FIELD": "ydyhdm",
        "PROJECT_USE_FIELD": "ydxz",
        "PROJECT_CODE_FIELD": "xmdm",
        "OUTPUT": QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance()),
        "OUTPUT_TABLE": QgsProcessingOutputLayerDefinition(
            "TEMPORARY_OUTPUT", QgsProject.instance()
        ),
        "OUTPUT_PIECES": QgsProcessingOutputLayerDefinition(
            "TEMPORARY_OUTPUT", QgsProject.instance()
        ),
        "REPORT": str(folder / "report.html"),
    }
    for name in ("OUTPUT", "OUTPUT_TABLE", "OUTPUT_PIECES"):
        params[name].destinationName = {
            "OUTPUT": "审查后的地块",
            "OUTPUT_TABLE": "重叠统计表",
            "OUTPUT_PIECES": "重叠部分",
        }[name]
    alg = QgsApplication.processingRegistry().createAlgorithmById("yimatong:complianceoverlay")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    logged = []

    def on_message(message, tag, level):
        logged.append((tag, message))

    QgsApplication.messageLog().messageReceived.connect(on_message)
    task = QgsProcessingAlgRunnerTask(alg, params, context, feedback)
    state = {"task": task, "context": context, "feedback": feedback, "alg": alg}
    _KEEP.append(state)

    def finished(ok, results):
        from processing.gui.Postprocessing import handleAlgorithmResults

        QgsApplication.messageLog().messageReceived.disconnect(on_message)
        html = [m for _t, m in logged if "HTML" in m]
        _say("review task ok:", ok, "report:", results.get("REPORT"))
        _say("review: HTML label warnings during the run:", len(html))
        if html:
            _report_error("scene review_result", f"{len(html)} HTML label warnings: {html[0]}")
        handleAlgorithmResults(alg, context, feedback, False, params)
        out = next(
            (
                lyr
                for lyr in QgsProject.instance().mapLayers().values()
                if "verdict" in lyr.fields().names() and lyr.geometryType() == 2
            ),
            None,
        )
        if out is None:
            _report_error("scene review_result", "the reviewed parcels were not loaded")
            return
        _say(
            "review: renderer",
            out.renderer().type(),
            [c.label() for c in out.renderer().categories()]
            if out.renderer().type() == "categorizedSymbol"
            else None,
        )
        canvas = iface.mapCanvas()
        QgsProject.instance().setCrs(out.crs())
        canvas.setDestinationCrs(out.crs())
        extent = None
        for feature in out.getFeatures():  # the parcels around the town centre
            if feature["parcel_id"] in ("DK-2024-001", "DK-2024-002", "DK-2024-010"):
                box = feature.geometry().boundingBox()
                extent = box if extent is None else extent.combineExtentWith(box) or extent
        if extent is not None:
            extent.scale(2.2)
            canvas.setExtent(extent)
        canvas.refresh()
        table = iface.showAttributeTable(out)
        if table is not None:
            table.resize(1000, 330)
            table.move(560, 640)
            state["table"] = table

    task.executed.connect(finished)
    QgsApplication.taskManager().addTask(task)
    return 25.0


def scene_project_box(iface):
    """The project box: the sample library's parcels on the map, a click on the idle-land
    parcel, its projects listed, its timeline with the 闲置土地 finding, parcels highlighted."""
    import shapely
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFillSymbol,
        QgsPointXY,
        QgsProject,
        QgsRectangle,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import Qt

    from yimatong_plugin.core.library import open_library

    path = ROOT / "demo_output" / "sample_library.gpkg"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "demo.py")], check=False)
    code = "4343070220250301121001000001"  # the demo's seeded idle-land case
    lib = open_library(str(path))
    if lib.project(code) is None:  # a library left by another run: make the demo's anew
        lib.close()
        path.unlink()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "demo.py")], check=False)
        lib = open_library(str(path))
    parcel = next(p for p in lib.parcels(code) if not p["retired"])
    geom = shapely.from_wkb(parcel["geometry"])
    lib.close()
    sample = ROOT / "yimatong_plugin" / "data" / "sample" / "changde_sample.gpkg"
    layers = []
    for name in ("城镇开发边界", "永久基本农田"):
        layer = QgsVectorLayer(f"{sample}|layername={name}", name, "ogr")
        if layer.isValid():
            layers.append(layer)
    parcels = QgsVectorLayer(f"{path}|layername=ymt_parcels", "项目库地块", "ogr")
    if parcels.isValid():
        layers.append(parcels)
    styles = {
        "城镇开发边界": {
            "color": "0,0,0,0",
            "outline_color": "120,120,120",
            "outline_width": "0.6",
        },
        "永久基本农田": {"color": "190,225,160,255", "outline_color": "110,160,90"},
        "项目库地块": {"color": "255,230,120,200", "outline_color": "150,120,0"},
    }
    for layer in layers:
        props = styles.get(layer.name())
        if props:
            layer.renderer().setSymbol(QgsFillSymbol.createSimple(props))
    gk = QgsCoordinateReferenceSystem("EPSG:4546")
    QgsProject.instance().setCrs(gk)
    QgsProject.instance().addMapLayers(layers)
    canvas = iface.mapCanvas()
    xform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4490"), gk, QgsProject.instance()
    )
    minx, miny, maxx, maxy = geom.bounds
    box = xform.transformBoundingBox(QgsRectangle(minx, miny, maxx, maxy))
    box.scale(14.0)

    plugin = plugins.get("yimatong_plugin")
    dock = plugin.project_box
    dock.set_library_uri(str(path))
    dock.activate_tool()
    iface.mainWindow().resizeDocks([dock], [780], Qt.Orientation.Horizontal)

    def click():
        QgsProject.instance().setCrs(gk)
        canvas.setDestinationCrs(gk)
        canvas.setExtent(box)
        canvas.refresh()
        point = geom.representative_point()
        target = xform.transform(QgsPointXY(point.x, point.y))
        # a real left click on the canvas where the parcel is drawn (the map tool is active)
        from qgis.PyQt.QtCore import QPoint
        from qgis.PyQt.QtTest import QTest

        pixel = canvas.getCoordinateTransform().transform(target)
        active = canvas.mapTool() is dock.map_tool
        QTest.mouseClick(
            canvas.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(int(pixel.x()), int(pixel.y())),
        )
        clicked = [r["code"] for r in dock.projects]
        _say("project box: map tool active:", active, "a mouse click found:", clicked)
        if code not in clicked:
            _report_error("scene project_box", f"a click on the idle-land parcel found {clicked}")
            dock.map_tool.pick(target)
        dock.select_project(code)
        _say(
            "project box rows:",
            [r["code"] for r in dock.projects],
            "findings:",
            [f.rule for f in dock.current.get("findings", [])],
            "canvas crs:",
            canvas.mapSettings().destinationCrs().authid(),
        )

    def tidy():
        # QGIS 3.22 can crash at exit while removing layers: remove them while it runs
        dock.show_project(None)
        QgsProject.instance().removeAllMapLayers()

    QTimer.singleShot(1500, click)
    QTimer.singleShot(4700, tidy)  # after the capture (4.5 s), before the next scene/exit
    dock._ymt_close_after_shot = False
    return 4.5


def scene_library_dock(iface):
    """The project-library panel on 100,000 projects: a name typed, one project selected,
    its parcels (surveyed from the sample data) on the map with the library layers."""
    import shutil
    import tempfile

    from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsVectorLayer
    from qgis.PyQt.QtGui import QColor

    from tests.panel_data import benchmark_library
    from yimatong_plugin.core.library import open_library

    src = benchmark_library(100_000)
    path = Path(tempfile.mkdtemp()) / "常德市项目库.gpkg"
    shutil.copy(src, path)
    lib = open_library(str(path), user="zhang.san")
    code = lib.find("德山标准厂房一期", limit=1)[0]["code"]
    sample = ROOT / "yimatong_plugin" / "data" / "sample" / "changde_sample.gpkg"
    parcels = QgsVectorLayer(f"{sample}|layername=项目地块", "项目地块", "ogr")
    feats = [f for f in parcels.getFeatures() if f["dkbh"] in ("DK-2024-001", "DK-2024-002")]
    for f in feats:
        lib.add_parcel(code, f.geometry(), crs=parcels.crs(), stage="supply", label=f["dkbh"])
    lib.add_event(code, "reserve", "2023-04-18", doc_no="常储〔2023〕18号")
    lib.add_event(
        code,
        "supply",
        "2024-03-01",
        doc_no="常自然资供〔2024〕12号",
        agreed_start="2024-09-01",
        agreed_completion="2026-09-01",
    )
    lib.update_project(code, applicant="常德经开区投资有限公司")
    lib.close()

    window = desk_window(iface)
    plugin = plugins.get("yimatong_plugin")
    dock = plugin.library_dock
    action = next((a for a in plugin.actions if a.text() in ("项目库", "Project library")), None)
    if action is None:
        _report_error("scene library_dock", "no 项目库 action")
    else:
        action.trigger()  # opens the panel as the menu does: where it has room
    _say(
        "library dock area:",
        window.dockWidgetArea(dock),
        "size:",
        dock.width(),
        dock.height(),
        "tabified with:",
        [d.windowTitle() for d in window.tabifiedDockWidgets(dock)],
    )
    dock.open_uri(str(path), background=False)
    dock.search.setText("德山标准厂房")
    dock.apply_filter()
    dock.select_code(code)
    dock.details.setCurrentIndex(1)
    dock.add_layers()
    canvas = iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4546"))
    base = QgsVectorLayer(f"{sample}|layername=城镇开发边界", "城镇开发边界", "ogr")
    if base.isValid():
        base.renderer().symbol().setColor(QColor(230, 230, 210))
        QgsProject.instance().addMapLayer(base, False)
        QgsProject.instance().layerTreeRoot().addLayer(base)  # below the library layers
    from qgis.PyQt.QtCore import QTimer

    def zoom():
        QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:4546"))
        dock.zoom_to_parcels([dock.parcels_tree.topLevelItem(0)])

    QTimer.singleShot(1500, zoom)
    _say("library dock rows:", dock.model.rowCount(), "code:", code)
    dock._ymt_close_after_shot = False
    _KEEP.append(dock)
    return 5.0  # after the flash of the parcel


def scene_import_dry_run(iface):
    """A dry run of an annual transfer plan (GBK CSV) with errors in four rows: the Processing
    dialog's log and the problems table."""
    import tempfile

    import processing
    from qgis.core import QgsProject

    from yimatong_plugin.core.library import open_library

    folder = Path(tempfile.mkdtemp())
    library = folder / "常德市项目库.gpkg"
    open_library(str(library)).close()
    rows = [
        "序号,项目名称,用地单位,行政区,年度,批准类型,项目类型,供地方式,用途,出让面积（亩）,约定开工时间",
        "1,德山电子信息产业园一期,湖南某电子有限公司,鼎城区,2024,市级人民政府批准,工业项目,挂牌出让,工业用地,45.6,2024年9月1日",
        "2,柳叶湖片区商住地块,,武陵区,2024,05,住宅项目,拍卖出让,城镇住宅用地,120,2024/10/1",
        "3,,常德某置业有限公司,武陵区,2024,05,03,拍卖出让,0701,80,2024-11-01",
        "4,桃花源旅游服务中心,桃源县城建,桃源县,2024,05,04,挂牌出让,商业用地,12.5,2024-02-30",
        "5,津市物流园,津市市交投,津市市,2024,05,02,出让,物流仓储用地,60,2025/3/1",
        "6,澧县城南学校,澧县教育局,澧县,2024,07,05,划拨,教育用地,30,2024/8/15",
        "7,石门县污水处理厂,石门县水务,石门县,2024,07,09,划拨,火星用地,8,2024/12/1",
    ]
    csv = folder / "2024年度国有建设用地出让计划.csv"
    csv.write_bytes(("\r\n".join(rows) + "\r\n").encode("gbk"))
    dlg = processing.createAlgorithmDialog(
        "yimatong:importprojects",
        {
            "INPUT": str(csv),
            "LIBRARY": str(library),
            "SOURCE": 5,
            "DRY_RUN": True,
            "OUTPUT_PROBLEMS": "TEMPORARY_OUTPUT",
        },
    )
    iface.mainWindow().setGeometry(0, 0, 1600, 1000)
    dlg.resize(980, 600)
    dlg.move(20, 100)
    dlg.show()
    dlg.runAlgorithm()

    def show_table():
        layers = [
            lyr
            for lyr in QgsProject.instance().mapLayers().values()
            if lyr.fields().indexOf("problem") >= 0
        ]
        if layers:
            from qgis.PyQt.QtWidgets import QTableView

            table = iface.showAttributeTable(layers[-1])
            if table is not None:
                table.resize(980, 330)
                table.move(600, 640)
                for view in table.findChildren(QTableView):
                    view.resizeColumnsToContents()
        _say("problems layers:", len(layers))

    from qgis.PyQt.QtCore import QTimer

    QTimer.singleShot(2500, show_table)
    _KEEP.append(dlg)
    return 5.0


def scene_import_dialog(iface):
    """The import dialog on a GBK CSV annual transfer plan: the column mapping guessed from the
    Chinese headers, and a dry run listing the problems by row and column."""
    import tempfile

    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.ui.import_dialog import ImportDialog

    folder = Path(tempfile.mkdtemp())
    library = folder / "常德市项目库.gpkg"
    open_library(str(library)).close()
    rows = [
        "序号,项目名称,用地单位,行政区,年度,批准类型,项目类型,供地方式,用途,出让面积（亩）,约定开工时间",
        "1,德山电子信息产业园一期,湖南某电子有限公司,鼎城区,2024,市级人民政府批准,工业项目,"
        "挂牌出让,工业用地,45.6,2024年9月1日",
        "2,柳叶湖片区商住地块,,武陵区,2024,05,住宅项目,拍卖出让,城镇住宅用地,120,2024/10/1",
        "3,,常德某置业有限公司,武陵区,2024,05,03,拍卖出让,0701,80,2024-11-01",
        "4,桃花源旅游服务中心,桃源县城建,桃源县,2024,05,04,挂牌出让,商业用地,12.5,2024-02-30",
        "5,津市物流园,津市市交投,津市市,2024,05,02,出让,物流仓储用地,60,2025/3/1",
        "6,澧县城南学校,澧县教育局,澧县,2024,07,05,划拨,教育用地,30,2024/8/15",
    ]
    csv = folder / "2024年度国有建设用地出让计划.csv"
    csv.write_bytes(("\r\n".join(rows) + "\r\n").encode("gbk"))
    iface.mainWindow().setGeometry(0, 0, 1600, 1000)
    dlg = ImportDialog(str(library), parent=iface.mainWindow(), store_path=folder / "m.json")
    dlg.file.setFilePath(str(csv))
    dlg.resize(900, 860)
    dlg.move(350, 60)
    dlg.show()
    dlg.run(dry=True, background=False)
    _say("import dialog problems:", len(dlg.plan.problems) if dlg.plan else None)
    _KEEP.append(dlg)
    return 1.5


def scene_import_defaults(iface):
    """A plan table as a bureau keeps it (merged title, 单位：公顷 line, 行政区 merged down, a 小计
    row, no year/approval/project-type columns): the defaults tab after a clean dry run, the year
    taken from the title, the notes saying what was converted, skipped and defaulted."""
    import tempfile

    import openpyxl

    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.ui.import_dialog import ImportDialog

    folder = Path(tempfile.mkdtemp())
    library = folder / "常德市项目库.gpkg"
    open_library(str(library)).close()
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [
        ["常德市2024年度国有建设用地供应计划", None, None, None, None, None],
        ["填报单位：常德市自然资源和规划局        单位：公顷", None, None, None, None, None],
        ["序号", "行政区", "项目名称", "用地面积", "供地方式", "用途"],
        [1, "武陵区", "武陵安置房", 4, "划拨", "城镇住宅用地"],
        [2, None, "柳叶湖商业综合体", "18亩", "拍卖", "商业"],
        [3, None, "武陵标准厂房", 2.6, "挂牌", "工业"],
        ["小计", None, None, 7.8, None, None],
        [4, "鼎城区", "德山电子产业园", 2.5, "挂牌", "工业"],
        ["合计", None, None, 10.3, None, None],
    ]:
        ws.append(row)
    for rng in ("A1:F1", "A2:F2", "B4:B6"):
        ws.merge_cells(rng)
    path = folder / "2024年度国有建设用地供应计划.xlsx"
    wb.save(path)
    iface.mainWindow().setGeometry(0, 0, 1600, 1000)
    dlg = ImportDialog(str(library), parent=iface.mainWindow(), store_path=folder / "m.json")
    dlg.file.setFilePath(str(path))
    dlg.defaults.set_value("approval_type", "05")
    dlg.defaults.set_value("project_type", "01")
    dlg.resize(900, 860)
    dlg.move(350, 60)
    dlg.show()
    dlg.run(dry=True, background=False)
    dlg.tabs.setCurrentWidget(dlg.defaults)
    _say("import defaults notes:", len(dlg.plan.notes) if dlg.plan else None)
    _KEEP.append(dlg)
    return 1.5


def scene_parcel_attach(iface):
    """Attaching surveyors' parcels: a GBK Shapefile's features checked against the project's
    library parcel — one redrawn on a web map is flagged as GCJ-02, one is a bowtie."""
    import tempfile

    import shapely
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsFeature,
        QgsField,
        QgsFields,
        QgsGeometry,
        QgsProject,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QVariant

    from yimatong_plugin.core.gcj02 import wgs84_to_gcj02
    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.gis.parcel_attach import open_parcel_layer
    from yimatong_plugin.ui.parcel_attach_dialog import ParcelAttachDialog

    folder = Path(tempfile.mkdtemp())
    lib = open_library(str(folder / "常德市项目库.gpkg"), user="li.si")
    code = lib.new_project(
        "德山电子信息产业园",
        "municipal_key",
        dict(
            region="43",
            admin="430703",
            year=2024,
            approval_type="05",
            project_type="01",
            supply_type="13",
            land_use="1001",
        ),
    )
    true = shapely.box(111.700, 29.000, 111.702, 29.0018)
    lib.add_parcel(code, true, stage="supply", label="DK-01")  # no .wkt: QGIS's GEOS
    xy = shapely.get_coordinates(true)
    gx, gy = wgs84_to_gcj02(xy[:, 0], xy[:, 1])
    fields = QgsFields()
    fields.append(QgsField("dkbh", QVariant.String, len=20))
    fields.append(QgsField("xmmc", QVariant.String, len=60))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.fileEncoding = "ESRI Shapefile", "GBK"
    shp = folder / "测绘地块.shp"
    writer = QgsVectorFileWriter.create(
        str(shp),
        fields,
        QgsWkbTypes.Polygon,
        QgsCoordinateReferenceSystem("EPSG:4490"),
        QgsProject.instance().transformContext(),
        options,
    )
    rows = [
        ("DK-01", "一期（高德描绘）", shapely.Polygon(list(zip(gx, gy)))),
        ("DK-02", "二期", shapely.box(111.703, 29.000, 111.704, 29.0008)),
        (
            "DK-03",
            "三期（自相交）",
            shapely.Polygon(
                [(111.705, 29.0), (111.706, 29.001), (111.706, 29.0), (111.705, 29.001)]
            ),
        ),
    ]
    for dkbh, xmmc, geom in rows:
        f = QgsFeature(fields)
        f.setAttributes([dkbh, xmmc])
        g = QgsGeometry()
        g.fromWkb(shapely.to_wkb(geom, output_dimension=2))
        f.setGeometry(g)
        writer.addFeature(f)
    del writer
    cpg = shp.with_suffix(".cpg")
    if cpg.exists():
        cpg.unlink()  # as surveyors deliver them: GBK, no .cpg
    layer = open_parcel_layer(str(shp))
    QgsProject.instance().addMapLayer(layer)
    layer.selectAll()
    iface.mainWindow().setGeometry(0, 0, 1600, 1000)
    dlg = ParcelAttachDialog(lib, code=str(code), parent=iface.mainWindow(), layer=layer)
    dlg.label_field.setField("dkbh")
    dlg.stage_combo.setCurrentIndex(dlg.stage_combo.findData("supply"))
    dlg.replace_combo.setCurrentIndex(0)
    dlg.resize(900, 640)
    dlg.move(350, 150)
    dlg.show()
    cands = dlg.run_checks()
    dlg.results.setColumnWidth(0, 120)
    _say("parcel attach:", [(c.label, c.errors, c.warnings) for c in cands])
    _KEEP.extend([dlg, lib])
    return 1.5


def scene_coordfile_attach(iface):
    """A surveyors' coordinate file (坐标 TXT, GBK) opened in the parcel attach dialog: two
    parcels (one with a hole), the second declaring 0.26 公顷 for 0.25 drawn (reported)."""
    import tempfile

    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.ui.parcel_attach_dialog import ParcelAttachDialog

    folder = Path(tempfile.mkdtemp())
    lib = open_library(str(folder / "常德市项目库.gpkg"), user="li.si")
    code = lib.new_project(
        "德山电子信息产业园",
        "municipal_key",
        dict(region="43", admin="430703", year=2024, approval_type="05", project_type="01",
             supply_type="13", land_use="1001"),
    )  # fmt: skip

    def square(x0, y0, size, ring, first):
        pts = [(x0, y0), (x0, y0 + size), (x0 - size, y0 + size), (x0 - size, y0), (x0, y0)]
        return [
            f"J{first + (i if i < 4 else 0)},{ring},{x:.3f},{37_000_000 + y:.3f}"
            for i, (x, y) in enumerate(pts)
        ]

    lines = [
        "[属性描述]", "格式版本号=1.01版本", "数据产生单位=常德市勘测院", "数据产生日期=2024-05-01",
        "坐标系=2000国家大地坐标系", "几度分带=3", "投影类型=高斯克吕格", "计量单位=米", "带号=37",
        "精度=0.001", "转换参数=,,,,,,", "[地块坐标]",
        "10,1.4000,DK-1,一号地块,面,,工业用地,1001,@",
        *square(3211000, 500000, 120, 1, 1), *square(3210980, 500020, 20, 2, 5),
        "5,0.2600,DK-2,二号地块,面,,工业用地,1001,@", *square(3210500, 500300, 50, 1, 1),
    ]  # fmt: skip
    path = folder / "勘测定界坐标.txt"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    iface.mainWindow().setGeometry(0, 0, 1600, 1000)
    dlg = ParcelAttachDialog(lib, code=str(code), parent=iface.mainWindow())
    layer = dlg.open_file(str(path))
    dlg.stage_combo.setCurrentIndex(dlg.stage_combo.findData("supply"))
    dlg.resize(900, 640)
    dlg.move(350, 150)
    dlg.show()
    cands = dlg.run_checks()
    dlg.results.setColumnWidth(0, 120)
    if layer is not None:
        iface.mapCanvas().setExtent(layer.extent().buffered(60))
    _say("coordinate file attach:", [(c.label, c.errors, c.warnings) for c in cands])
    _KEEP.extend([dlg, lib])
    return 1.5


def _gbk_shapefile(folder, rows):
    """A surveyor's Shapefile in GBK without .cpg, as delivered: rows of (dkbh, xmmc, shapely)."""
    import shapely
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsFeature,
        QgsField,
        QgsFields,
        QgsGeometry,
        QgsProject,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QVariant

    fields = QgsFields()
    fields.append(QgsField("dkbh", QVariant.String, len=20))
    fields.append(QgsField("xmmc", QVariant.String, len=60))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.fileEncoding = "ESRI Shapefile", "GBK"
    shp = Path(folder) / "测绘成果地块.shp"
    writer = QgsVectorFileWriter.create(
        str(shp),
        fields,
        QgsWkbTypes.Polygon,
        QgsCoordinateReferenceSystem("EPSG:4490"),
        QgsProject.instance().transformContext(),
        options,
    )
    for dkbh, xmmc, geom in rows:
        f = QgsFeature(fields)
        f.setAttributes([dkbh, xmmc])
        g = QgsGeometry()
        g.fromWkb(shapely.to_wkb(geom, output_dimension=2))
        f.setGeometry(g)
        writer.addFeature(f)
    del writer
    if shp.with_suffix(".cpg").exists():
        shp.with_suffix(".cpg").unlink()
    return shp


def scene_technician(iface):
    """Issue 3's technician workflow, each step through the plugin's UI objects: open a new
    GeoPackage library in the panel, import an annual transfer plan (.xlsx, Chinese headers)
    through the import dialog, allocate a code in the code dialog, attach a surveyor's GBK
    Shapefile parcels, find the project by typing its code in QGIS's locator bar, and read its
    history. Screenshots: technician_import, technician_code, technician_attach,
    technician_locator, technician_history."""
    import tempfile

    import openpyxl
    import shapely
    from qgis.core import QgsProject
    from qgis.gui import QgsLocatorWidget
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QKeyEvent
    from qgis.PyQt.QtWidgets import QDockWidget, QLineEdit, QWidget

    from yimatong_plugin.gis.parcel_attach import open_parcel_layer
    from yimatong_plugin.ui.code_dialog import CodeDialog
    from yimatong_plugin.ui.parcel_attach_dialog import ParcelAttachDialog

    folder = Path(tempfile.mkdtemp())
    window = desk_window(iface)
    plugin = plugins.get("yimatong_plugin")
    plugin.project_box.hide()
    dock = plugin.library_dock
    state = {}

    # 1. open a library: a new GeoPackage
    path = folder / "常德市项目库2025.gpkg"
    dock.show()
    window.resizeDocks([dock], [820], Qt.Orientation.Horizontal)
    dock.search.clear()
    dock.open_uri(str(path), background=False)
    _say("technician: library open:", dock.library is not None, path.exists())

    # 2. an annual transfer plan, .xlsx with Chinese headers, through the import dialog
    xlsx = folder / "2025年度国有建设用地供应计划.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "出让计划"
    ws.append(
        ["序号", "项目名称", "用地单位", "行政区", "年度", "批准类型", "项目类型", "供地方式"]
        + ["用途", "出让面积（亩）", "约定开工时间"]
    )
    ws.append(
        [1, "德山电子信息产业园二期", "湖南某电子有限公司", "鼎城区", 2025, "05", "01"]
        + ["挂牌出让", "工业用地", 45.6, "2025年9月1日"]
    )
    ws.append(
        [2, "柳叶湖片区商住地块", "常德某置业有限公司", "武陵区", 2025, "05", "03"]
        + ["拍卖出让", "城镇住宅用地", 120, "2025/10/1"]
    )
    ws.append(
        [3, "桃花源旅游服务中心", "桃源县城建", "桃源县", 2025, "05", "04"]
        + ["挂牌出让", "商业用地", 12.5, "2025-11-01"]
    )
    wb.save(xlsx)
    dlg = dock.open_import()
    dlg.file.setFilePath(str(xlsx))
    dlg.load_file(str(xlsx))
    dlg.resize(900, 860)
    dlg.move(650, 60)
    dlg.run(dry=True, background=False)
    dry_ok = bool(dlg.plan and dlg.plan.ok)
    dlg.run(dry=False, background=False)
    codes = [str(c) for c in (dlg.imported or [])]
    state["codes"] = codes
    _say("technician: panel rows right after the import:", dock.model.rowCount())
    _say("technician: dry run ok:", dry_ok, "imported:", codes, "status:", dlg.status.text())
    _KEEP.append(dlg)

    def step_code():
        _say("technician: panel after the import:", dock.model.rowCount(), dock.count_label.text())
        _capture("technician_import")
        dlg.close()
        code_dlg = CodeDialog(library=dock.library, parent=window, library_label=dock.uri)
        for name, value in [
            ("admin", "430703"),
            ("year", "2025"),
            ("approval_type", "05"),
            ("project_type", "01"),
            ("supply_type", "13"),
            ("land_use", "1001"),
        ]:
            code_dlg.set_segment(name, value)
        code_dlg.name_edit.setText("鼎城区仓储物流中心")
        code_dlg.confirm = lambda: True  # the technician answers 是 to the confirmation
        allocated = code_dlg.allocate()
        _say("technician: code dialog allocated", allocated, code_dlg.error_text())
        code_dlg.resize(760, 560)
        code_dlg.move(700, 120)
        code_dlg.show()
        state["code_dlg"] = code_dlg
        _KEEP.append(code_dlg)
        # painted now: without it the capture showed the closed import dialog's pixels
        code_dlg.raise_()
        QApplication.processEvents()
        code_dlg.repaint()

    def step_attach():
        _capture("technician_code")
        state["code_dlg"].close()
        code = state["codes"][0] if state["codes"] else None
        if code is None:
            _report_error("scene technician", "the import wrote no project: nothing to attach")
            return
        shp = _gbk_shapefile(
            folder,
            [
                (
                    "DK-2025-01",
                    "德山电子信息产业园二期（一）",
                    shapely.box(111.70, 29.00, 111.702, 29.0018),
                ),
                (
                    "DK-2025-02",
                    "德山电子信息产业园二期（二）",
                    shapely.box(111.703, 29.00, 111.704, 29.0008),
                ),
            ],
        )
        layer = open_parcel_layer(str(shp))
        QgsProject.instance().addMapLayer(layer)
        _say("technician: GBK attributes read:", [f["xmmc"] for f in layer.getFeatures()])
        layer.selectAll()
        dock.select_code(code)
        attach = ParcelAttachDialog(dock.library, code=code, parent=window, layer=layer)
        attach.label_field.setField("dkbh")
        attach.stage_combo.setCurrentIndex(attach.stage_combo.findData("supply"))
        attach.resize(900, 640)
        attach.move(650, 150)
        attach.show()
        cands = attach.run_checks()
        _say("technician: checks:", [(c.label, c.errors, c.warnings) for c in cands])
        state["attach"] = attach
        _KEEP.append(attach)

    def step_locator():
        _capture("technician_attach")
        ids = state["attach"].do_attach()
        _say("technician: attached parcel ids:", ids, state["attach"].status.text())
        dock.add_layers()
        from qgis.PyQt import sip

        found = [
            w
            for w in window.findChildren(QWidget)
            if w.metaObject().className() == "QgsLocatorWidget"
        ]
        _say("technician: locator widgets:", len(found))
        locator = sip.cast(found[0], QgsLocatorWidget)
        code = state["codes"][0]
        state["locator"] = locator
        locator.search(code)  # as if typed in the search bar (Ctrl+K)
        _say("technician: locator search for", code)

    def step_trigger():
        _capture("technician_locator")
        locator = state["locator"]
        edit = locator.findChild(QLineEdit)
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Return):
            # Enter accepts the selected result, exactly as a user does
            QApplication.sendEvent(
                edit, QKeyEvent(QKeyEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
            )

    def step_history():
        code = state["codes"][0]
        _say("technician: after Enter, dock shows", dock._current_code, "expected", code)
        dock.details.setCurrentIndex(dock.details.indexOf(dock.history_tree))
        layers_panel = window.findChild(QDockWidget, "Layers")
        if layers_panel is not None:
            window.resizeDocks([layers_panel, dock], [120, 860], Qt.Orientation.Vertical)
        tree = dock.history_tree
        rows = [
            [tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
            for i in range(tree.topLevelItemCount())
        ]
        _say("technician: history rows:", len(rows))
        for row in rows:
            _say("  ", " | ".join(row))

    QTimer.singleShot(1500, step_code)
    QTimer.singleShot(3500, step_attach)
    QTimer.singleShot(5500, step_locator)
    QTimer.singleShot(8500, step_trigger)
    QTimer.singleShot(10500, step_history)
    dock._ymt_close_after_shot = False
    return 12.0  # the last capture: technician.png = the history tab


def scene_compliance_dialog(iface):
    """Every yimatong:* algorithm's Processing dialog opens (each shown, then closed); the
    compliance review's stays open for the screenshot."""
    import processing
    from qgis.core import QgsApplication

    provider = QgsApplication.processingRegistry().providerById("yimatong")
    ids = sorted(a.id() for a in provider.algorithms())
    window = iface.mainWindow()
    window.setGeometry(0, 0, 1600, 1000)
    opened = []
    for alg_id in ids:
        dlg = processing.createAlgorithmDialog(alg_id)
        if dlg is None:
            _report_error("scene compliance_dialog", f"no dialog for {alg_id}")
            continue
        dlg.show()
        QApplication.processEvents()
        opened.append((alg_id, dlg.windowTitle()))
        if alg_id == "yimatong:complianceoverlay":
            dlg.resize(1100, 780)
            dlg.move(250, 110)
            _KEEP.append(dlg)
        else:
            dlg.close()
    _say("processing dialogs opened:", opened)
    return 2.0


def scene_catalog_dock(iface):
    """The 一张图 dock on the sample Changde catalog: the 三区三线 and 行政区划 topics loaded in
    one click each (standard styles, topic groups, loaded layers marked), a search typed."""
    import json
    import tempfile

    from qgis.core import QgsCoordinateReferenceSystem, QgsProject
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QDockWidget

    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.core.library.catalog import Catalog

    path = Path(tempfile.mkdtemp()) / "常德市项目库.gpkg"
    data = json.loads(
        (ROOT / "yimatong_plugin/data/catalog/changde_catalog.json").read_text(encoding="utf-8")
    )
    with open_library(str(path), user="zhang.san") as lib:
        Catalog(lib).import_json(data)
    window = desk_window(iface)
    dock = plugins.get("yimatong_plugin").catalog_dock
    dock.show()
    window.resizeDocks([dock], [420], Qt.Orientation.Horizontal)
    layers_panel = window.findChild(QDockWidget, "Layers")
    if layers_panel is not None:
        window.resizeDocks([layers_panel, dock], [260, 600], Qt.Orientation.Vertical)
    dock.open_uri(str(path))
    canvas = iface.mapCanvas()

    def load():
        tops = {
            dock.tree.topLevelItem(i).text(0): dock.tree.topLevelItem(i)
            for i in range(dock.tree.topLevelItemCount())
        }
        _say("catalog topics:", list(tops))
        dock.add_items([tops["行政区划"]])
        dock.add_items([tops["三区三线"]])
        QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:4546"))
        canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4546"))
        group = QgsProject.instance().layerTreeRoot().findGroup("行政区划")
        if group is not None and group.findLayers():
            canvas.setExtent(canvas.mapSettings().layerExtentToOutputExtent(
                group.findLayers()[0].layer(), group.findLayers()[0].layer().extent()))  # fmt: skip
        canvas.refresh()
        dock.item("sqsx-stbhhx").setSelected(True)

    QTimer.singleShot(1500, load)
    dock._ymt_close_after_shot = False
    _KEEP.append(dock)
    return 5.0


def _statistics_dock(iface, table_key, before_refresh=None):
    """The 统计 dock on a demo library (tests/statistics_data.build_demo) opened in the library
    panel, as of 2026-06-30, showing ``table_key`` (``before_refresh(dock)`` first)."""
    import tempfile

    from qgis.PyQt.QtCore import QDate, Qt
    from qgis.PyQt.QtWidgets import QDockWidget

    from tests import statistics_data as sd
    from yimatong_plugin.core.library import open_library

    path = Path(tempfile.mkdtemp()) / "常德市项目库.gpkg"
    with open_library(str(path), user="zhang.san") as lib:
        codes = sd.build_demo(lib)
    window = iface.mainWindow()
    for name in ("Browser", "Browser2", "LayerOrder"):
        other = window.findChild(QDockWidget, name)
        if other is not None:
            other.hide()
    plugin = plugins.get("yimatong_plugin")
    plugin.library_dock.open_uri(str(path), background=False)
    (action,) = [a for a in plugin.actions if a.text() == "统计"]
    action.trigger()
    dock = plugin.statistics_dock
    import time

    end = time.monotonic() + 60
    while dock._task is not None and time.monotonic() < end:  # the first refresh (today)
        QApplication.processEvents()
        time.sleep(0.02)
    dock.as_of_edit.setDate(QDate(2026, 6, 30))
    window.resizeDocks([dock], [900], Qt.Orientation.Horizontal)
    if before_refresh is not None:
        before_refresh(dock)
    dock.refresh(background=False)
    dock.show_table(table_key)
    dock._ymt_close_after_shot = False
    _KEEP.append(dock)
    return dock, codes


def scene_statistics_dock(iface):
    """The 统计 dock: 批而未供 by division, table and chart (zh-Hans)."""
    dock, _ = _statistics_dock(iface, "unsupplied_by_admin")
    _say("statistics dock:", dock.status.text(), "rows:", dock.table.rowCount())
    return 2.0


def scene_statistics_idle(iface):
    """The 统计 dock: a click on the 闲置土地 repossession-stage bar lists its project; a click
    on the project shows it in the library panel and zooms the map to it."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject
    from qgis.PyQt.QtCore import QPoint, Qt
    from qgis.PyQt.QtTest import QTest

    dock, codes = _statistics_dock(iface, "idle_by_stage")
    plugin = plugins.get("yimatong_plugin")
    plugin.library_dock.add_layers()
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:4490"))
    QApplication.processEvents()
    ax = dock.figure.axes[0]
    bar = ax.patches[1]
    px, py = ax.transData.transform((bar.get_x() + bar.get_width() / 2, bar.get_height() / 2))
    ratio = dock.canvas.device_pixel_ratio
    point = QPoint(int(px / ratio), int(dock.canvas.height() - py / ratio))
    QTest.mouseClick(dock.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    shown = dock.shown_codes()
    _say("idle bar click lists:", shown)
    if codes["P1"] not in shown:
        _report_error("scene statistics_idle", f"the repossession bar listed {shown}")
    if shown:
        QTimer.singleShot(800, lambda: dock.table.cellClicked.emit(0, 0))
    return 4.0


def scene_statistics_towns(iface):
    """The 统计 dock: projects and area by town, the parcels cut by a town-boundary layer
    (乡镇界线, on the map) chosen in the dock."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsFillSymbol,
        QgsPalLayerSettings,
        QgsProject,
        QgsTextFormat,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor

    from tests import statistics_towns_data as td

    towns = td.town_layer(td.demo_towns(), crs="EPSG:4490", name="乡镇界线")
    towns.renderer().setSymbol(
        QgsFillSymbol.createSimple(
            {"color": "0,0,0,0", "outline_color": "80,80,80", "outline_width": "0.6"}
        )
    )
    label = QgsPalLayerSettings()
    label.fieldName = "xzmc"
    text = QgsTextFormat()
    text.setSize(10)
    text.setColor(QColor(60, 60, 60))
    label.setFormat(text)
    towns.setLabeling(QgsVectorLayerSimpleLabeling(label))
    towns.setLabelsEnabled(True)
    QgsProject.instance().addMapLayer(towns)
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:4490"))
    dock, _ = _statistics_dock(iface, "by_town", lambda d: d.towns.set_towns(towns, "xzmc"))
    plugin = plugins.get("yimatong_plugin")
    plugin.library_dock.add_layers()
    iface.mapCanvas().setExtent(towns.extent().buffered(0.05))
    iface.mapCanvas().refresh()
    _say("statistics towns:", dock.status.text(), "rows:", dock.table.rowCount())
    if dock.table.rowCount() != len(td.DEMO_TOWNS) + 1:
        _report_error("scene statistics_towns", f"{dock.table.rowCount()} rows by town")
    return 3.0


def scene_siting_dialog(iface):
    """辅助选址: the yimatong:siteselection dialog filled for 武陵区, 1001, 30,000 m²."""
    from scripts.screenshot_siting import siting_dialog

    return siting_dialog(iface, _KEEP, _say)


def scene_siting_result(iface):
    """辅助选址: the candidates of that request on the map, the top five labelled by rank."""
    from scripts.screenshot_siting import siting_result

    return siting_result(iface, _KEEP, _say, _report_error)


def scene_planner(iface):
    """Issue 12's walk: the sample library opened, 三区三线 loaded from the 一张图 dock in one
    click, the compliance review run against the current control set (scripts/
    screenshot_planner.py; also writes planner_topic, planner_review_dialog, _log, _report)."""
    from scripts.screenshot_planner import planner

    return planner(iface, plugins.get("yimatong_plugin"), _KEEP, _say, _report_error)


def scene_library_service(iface):
    """The library panel listing through the exchange service (打开 → 项目库服务（HTTP）…) on the
    sample library, the service started as `make serve` does (scripts/screenshot_service.py)."""
    from scripts.screenshot_service import library_service

    return library_service(iface, plugins.get("yimatong_plugin"), _KEEP, _say, _report_error)


def _scenes():
    return {
        name[len("scene_") :]: func
        for name, func in globals().items()
        if name.startswith("scene_") and callable(func)
    }


def _capture(name):
    IMAGES.mkdir(parents=True, exist_ok=True)
    target = IMAGES / f"{name}.png"
    subprocess.run(["import", "-window", "root", str(target)], check=False)
    _say("saved", target)


def _reset():
    """Each scene starts from the same desktop: a 1600x1000 window, no plugin dock or attribute
    table left over from the scene before."""
    from qgis.PyQt.QtWidgets import QDialog

    window = iface.mainWindow()
    window.setGeometry(0, 0, 1600, 1000)
    plugin = plugins.get("yimatong_plugin")
    for dock in (
        getattr(plugin, "library_dock", None),
        getattr(plugin, "project_box", None),
        getattr(plugin, "catalog_dock", None),
        getattr(plugin, "statistics_dock", None),
    ):
        if dock is not None:
            dock.hide()
    for widget in window.findChildren(QDialog):
        if widget.isVisible() and widget.metaObject().className() == "QgsAttributeTableDialog":
            widget.close()
    from qgis.core import QgsProject

    iface.layerTreeView().setCurrentLayer(None)
    QgsProject.instance().removeAllMapLayers()


def _run(queue):
    if not queue:
        _say("python errors:", len(_ERRORS))
        # QGIS 3.22 crashes in its exit teardown (QgisApp::setMapStyleDockLayer while the
        # project's layers are removed): remove them while QGIS still runs, then quit
        from qgis.core import QgsProject

        iface.layerTreeView().setCurrentLayer(None)
        QgsProject.instance().clear()
        QTimer.singleShot(500, lambda: QApplication.instance().exit(0))
        return
    name, func = queue.pop(0)
    _reset()
    try:
        wait = func(iface)
    except Exception:
        _report_error(f"scene {name}", traceback.format_exc())
        QTimer.singleShot(100, lambda: _run(queue))
        return

    def _after():
        _capture(name)
        for widget in QApplication.topLevelWidgets():
            if widget is not iface.mainWindow() and widget.isVisible() and widget.isWindow():
                if isinstance(widget, QMenu) or getattr(widget, "_ymt_close_after_shot", True):
                    widget.close()
        iface.mainWindow().menuBar().setActiveAction(None)
        QTimer.singleShot(300, lambda: _run(queue))

    if isinstance(wait, tuple):  # (at most seconds, done()): captured as soon as it is done
        limit, done = wait
        _poll_then(done, limit, _after)
        return
    QTimer.singleShot(int(wait * 1000), _after)


def _poll_then(done, limit, after):
    if done() or limit <= 0:
        QTimer.singleShot(500, after)
        return
    QTimer.singleShot(500, lambda: _poll_then(done, limit - 0.5, after))


def _start():
    wanted = os.environ.get("YMT_SCENES", "all").split()
    scenes = _scenes()
    queue = [(n, f) for n, f in scenes.items() if "all" in wanted or n in wanted]
    _install_error_hooks()
    _say("plugin loaded:", "yimatong_plugin" in plugins, "scenes:", [n for n, _ in queue])
    iface.mainWindow().showMaximized()
    _run(queue)


QTimer.singleShot(4000, _start)
