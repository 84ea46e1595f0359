"""Run inside the real QGIS desktop by scripts/desktop_review_check.sh (issue 16 item 0).

The steps a user took when a red-line conflict came out as 合规: review the bundled sample from
the Processing dialog, clear the project, add an own EPSG:4546 Shapefile (ESRI .prj, Chinese
file name) and a red line, review it from the dialog (AREA_CRS automatic) twice, with pauses in
between so that the dialog's worker threads expire (QGIS: 30 s idle; 1 s here). Writes what each
review gave to the JSON file $YMT_RESULT and quits.
"""

import json
import os
import time
import traceback
from pathlib import Path

from osgeo import ogr, osr
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QThreadPool, QTimer
from qgis.PyQt.QtWidgets import QTextEdit
from qgis.utils import iface

ROOT = Path(os.environ["YMT_ROOT"])
SAMPLE = ROOT / "yimatong_plugin" / "data" / "sample" / "changde_sample.gpkg"
WORK = Path(os.environ["YMT_WORK"])
X0, Y0 = 500_000.0, 3_200_000.0  # EPSG:4546, 111°E


def _pause(seconds):
    end = time.time() + seconds
    while time.time() < end:
        QCoreApplication.processEvents()
        time.sleep(0.05)


def _write_shp(path, boxes, ids):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4546)
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    lyr = ds.CreateLayer(path.stem, None, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("dkbh", ogr.OFTString))
    for (x0, y0, x1, y1), i in zip(boxes, ids):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("dkbh", i)
        wkt = f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None
    srs.MorphToESRI()  # as ArcGIS writes it: no EPSG code
    path.with_suffix(".prj").write_text(srs.ExportToWkt())
    return str(path)


def _review(params):
    """Run the algorithm from its dialog (a worker thread) and read what it loaded."""
    import processing

    dialog = processing.createAlgorithmDialog("yimatong:complianceoverlay", params)
    dialog.show()
    before = set(QgsProject.instance().mapLayers())
    dialog.runAlgorithm()
    _pause(0.5)
    end = time.time() + 120
    while QgsApplication.taskManager().countActiveTasks() and time.time() < end:
        _pause(0.05)
    _pause(0.5)
    log = dialog.findChild(QTextEdit, "txtLog")
    run = {"log": log.toPlainText() if log is not None else "", "crs": None, "parcels": {}}
    for layer_id in set(QgsProject.instance().mapLayers()) - before:
        layer = QgsProject.instance().mapLayer(layer_id)
        if layer.fields().lookupField("verdict") >= 0:
            run["crs"] = layer.crs().authid()
            for f in layer.getFeatures():
                run["parcels"][f["parcel_id"]] = [f["area_m2"], f["verdict"]]
    dialog.close()
    return run


def main():
    result = {"runs": [], "error": None}
    try:
        QThreadPool.globalInstance().setExpiryTimeout(1000)
        project = QgsProject.instance()
        names = ["项目地块", "生态保护红线", "永久基本农田", "城镇开发边界"]
        sample = {n: iface.addVectorLayer(f"{SAMPLE}|layername={n}", n, "ogr") for n in names}
        params = {
            "PARCELS": sample["项目地块"].id(),
            "PARCEL_ID": "dkbh",
            "CONTROL_LAYERS": [sample[n].id() for n in names[1:]],
        }
        result["sample"] = _review(params)
        _pause(3)
        iface.newProject(False)
        project.clear()
        parcels = [(X0, Y0, X0 + 200, Y0 + 100), (X0 + 1000, Y0, X0 + 1200, Y0 + 100)]
        red = [(X0 + 150, Y0 + 50, X0 + 250, Y0 + 150)]
        own = iface.addVectorLayer(
            _write_shp(WORK / "地块.shp", parcels, ["A", "B"]), "地块", "ogr"
        )
        line = iface.addVectorLayer(
            _write_shp(WORK / "生态保护红线.shp", red, ["r"]), "生态保护红线", "ogr"
        )
        for _ in range(2):
            _pause(3)
            result["runs"].append(
                _review({"PARCELS": own.id(), "PARCEL_ID": "dkbh", "CONTROL_LAYERS": [line.id()]})
            )
    except Exception:
        result["error"] = traceback.format_exc()
    Path(os.environ["YMT_RESULT"]).write_text(json.dumps(result, ensure_ascii=False), "utf-8")
    os._exit(0)


QTimer.singleShot(1000, main)
