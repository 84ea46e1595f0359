"""The 辅助选址 screenshot scenes (called from scripts/screenshot_scenes.py in the real QGIS
desktop): the Processing dialog filled for 武陵区, and its result on the map labelled by rank."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("YMT_ROOT", "."))
SAMPLE = ROOT / "yimatong_plugin" / "data" / "sample" / "changde_sample.gpkg"
CONTROLS = ("生态保护红线", "永久基本农田", "城镇开发边界")
TOP = 5


def _sample_layers():
    from qgis.core import QgsProject, QgsVectorLayer
    from qgis.PyQt.QtGui import QColor

    colours = {
        "生态保护红线": QColor(246, 205, 205),
        "永久基本农田": QColor(205, 228, 180),
        "城镇开发边界": QColor(236, 236, 222),
        "国土空间规划分区": QColor(250, 250, 250),
    }
    layers = {}
    for name in ("国土空间规划分区", "城镇开发边界", "永久基本农田", "生态保护红线"):
        layer = QgsVectorLayer(f"{SAMPLE}|layername={name}", name, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"sample layer {name} not found in {SAMPLE}")
        symbol = layer.renderer().symbol()
        symbol.setColor(colours[name])
        if name == "国土空间规划分区":
            symbol.symbolLayer(0).setStrokeColor(QColor(190, 190, 190))
        layers[name] = layer
    QgsProject.instance().addMapLayers(list(layers.values()))
    return layers


def parameters(layers: dict) -> dict:
    """The planner's request: 武陵区, industrial use 1001, at least 30,000 m², 30 m wide."""
    return {
        "SEARCH_DIVISION": "430702",
        "LAND_USE": "1001",
        "MIN_AREA_M2": 30000.0,
        "MIN_WIDTH_M": 30.0,
        "CONTROL_LAYERS": [layers[n] for n in CONTROLS],
        "ZONING": layers["国土空间规划分区"],
        "ZONING_FIELD": "ydyhdm",
        "ZONING_CLASSIFICATION": 1,  # 2023 用地用海
    }


def siting_dialog(iface, keep: list, say) -> float:
    """The Processing dialog of yimatong:siteselection filled in, as the menu opens it."""
    import processing
    from qgis.PyQt.QtWidgets import QApplication

    layers = _sample_layers()
    dlg = processing.createAlgorithmDialog("yimatong:siteselection", parameters(layers))
    if dlg is None:
        raise RuntimeError("no dialog for yimatong:siteselection")
    dlg.resize(1100, 860)
    dlg.move(250, 70)
    dlg.show()
    QApplication.processEvents()
    keep.append(dlg)
    say("siting dialog:", dlg.windowTitle())
    return 2.5


def siting_result(iface, keep: list, say, report_error) -> float:
    """The site selection run as the dialog runs it (a task), its candidates on the map over the
    control lines labelled by rank, the top five in view and drawn stronger."""
    from qgis.core import (
        QgsApplication,
        QgsFillSymbol,
        QgsProcessingAlgRunnerTask,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingOutputLayerDefinition,
        QgsProject,
        QgsRectangle,
        QgsRuleBasedRenderer,
        QgsVectorLayerSimpleLabeling,
    )

    from yimatong_plugin.gis.reports.siting_maps import _rank_labels

    layers = _sample_layers()
    params = parameters(layers)
    params["OUTPUT"] = QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance())
    params["OUTPUT"].destinationName = "候选选址"
    alg = QgsApplication.processingRegistry().createAlgorithmById("yimatong:siteselection")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    task = QgsProcessingAlgRunnerTask(alg, params, context, feedback)
    state = {"task": task, "context": context, "feedback": feedback, "alg": alg}
    keep.append(state)

    def finished(ok, results):
        from processing.gui.Postprocessing import handleAlgorithmResults

        say("siting task ok:", ok)
        handleAlgorithmResults(alg, context, feedback, False, params)
        out = next(
            (
                lyr
                for lyr in QgsProject.instance().mapLayers().values()
                if "rank" in lyr.fields().names() and "reasons" in lyr.fields().names()
            ),
            None,
        )
        if out is None:
            report_error("scene siting_result", "the candidate sites were not loaded")
            return
        root = QgsRuleBasedRenderer.Rule(None)
        for expression, colour, width, label in (
            (f'"rank" <= {TOP}', "230,85,13,235", "0.8", f"排名前 {TOP}"),
            (f'"rank" > {TOP}', "253,190,133,200", "0.3", "其他候选选址"),
        ):
            symbol = QgsFillSymbol.createSimple(
                {"color": colour, "outline_color": "110,40,0", "outline_width": width}
            )
            root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label))
        out.setRenderer(QgsRuleBasedRenderer(root))
        out.setLabeling(QgsVectorLayerSimpleLabeling(_rank_labels()))
        out.setLabelsEnabled(True)
        out.triggerRepaint()
        top = [f for f in out.getFeatures() if f["rank"] <= TOP]
        say("siting: candidates", out.featureCount(), "top", [f["rank"] for f in top])
        if len(top) < TOP:
            report_error("scene siting_result", f"only {len(top)} candidates")
        canvas = iface.mapCanvas()
        QgsProject.instance().setCrs(out.crs())
        canvas.setDestinationCrs(out.crs())
        extent = QgsRectangle(top[0].geometry().boundingBox()) if top else out.extent()
        for feature in top[1:]:
            extent.combineExtentWith(feature.geometry().boundingBox())
        extent.scale(1.3)
        canvas.setExtent(extent)
        canvas.refresh()
        iface.setActiveLayer(out)

    task.executed.connect(finished)
    QgsApplication.taskManager().addTask(task)
    return 30.0
