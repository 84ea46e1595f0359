#!/usr/bin/env python3
"""一张图: loading a topic of 10 PostGIS layers from a PostGIS library into QGIS.

A throwaway PostGIS cluster (tests/postgis_server.py) holds the library and 10 control tables of
``--features`` polygons each (in Changde, EPSG:4490, GiST-indexed); the library's catalog has one
topic with those 10 tables (source type postgis, a QML style each). Measured with the real dock
(``ui/catalog_dock.py``) in a standalone QGIS, offscreen:

- catalog read: ``open_uri`` until the tree is filled (a worker thread reads it);
- one click on the topic (``add_items``) until the first layer is in the project (PostGIS
  sources are checked on a worker thread first), and until it is drawn: that time plus its
  render into a 1600×1000 image (the canvas size) at the layer's full extent, measured alone;
- until all 10 are in the project.

Peer: the same 10 tables added by hand the usual way (QgsVectorLayer + loadNamedStyle from a
.qml file), one after the other, until the first is drawn. Goal (issue 12): ≤ 1 s to the first
layer drawn. Usage: ``.venv/bin/python benchmarks/catalog.py [--features N] [--repeats R]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def start_qgis():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    return app


def build(uri: str, features: int) -> dict:
    import psycopg2
    from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer, QgsVectorLayer
    from qgis.PyQt.QtXml import QDomDocument

    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.core.library.catalog import Catalog

    lib = open_library(uri, user="bench")
    conn = psycopg2.connect(uri)
    conn.autocommit = True
    cur = conn.cursor()
    for i in range(10):
        cur.execute(
            f"CREATE TABLE ctl_{i} AS SELECT g AS id, ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint("
            "111.2 + random() * 1.4, 28.9 + random() * 1.0), 4490), 0.004 + random() * 0.01, 8))"
            f"::geometry(MultiPolygon, 4490) AS geom FROM generate_series(1, {features}) g"
        )
        cur.execute(f"ALTER TABLE ctl_{i} ADD PRIMARY KEY (id)")
        cur.execute(f"CREATE INDEX ctl_{i}_gist ON ctl_{i} USING gist (geom)")
        cur.execute(f"ANALYZE ctl_{i}")
    import psycopg2.extensions

    parts = psycopg2.extensions.parse_dsn(uri)
    base = " ".join(f"{k}='{v}'" for k, v in parts.items())
    memory = QgsVectorLayer("MultiPolygon?crs=EPSG:4490", "x", "memory")
    memory.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({"color": "200,0,0,90"})))
    doc = QDomDocument()
    memory.exportNamedStyle(doc)
    qml = doc.toString()
    cat = Catalog(lib)
    cat.add_topic("bench", "十个控制图层")
    uris = []
    for i in range(10):
        layer_uri = f'{base} key=\'id\' srid=4490 type=MultiPolygon table="public"."ctl_{i}" (geom)'
        uris.append(layer_uri)
        cat.add_layer("bench", f"控制图层 {i}", "postgis", layer_uri, key=f"ctl{i}", style_qml=qml)
    lib.close()
    conn.close()
    return {"uris": uris, "qml": qml}


def _render(layer) -> float:
    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize

    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(1600, 1000))
    settings.setExtent(layer.extent())
    t = time.perf_counter()
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return time.perf_counter() - t


def run_dock(uri: str) -> dict:
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QCoreApplication

    from yimatong_plugin.ui.catalog_dock import CatalogDock

    QgsProject.instance().clear()
    dock = CatalogDock(None)
    t0 = time.perf_counter()
    dock.open_uri(uri)
    while len(dock.layers) < 10:
        QCoreApplication.processEvents()
        time.sleep(0.001)
    read = time.perf_counter() - t0
    added: list = []
    stamps: list = []

    def on_added(layers):  # when each layer enters the project (one event-loop pass may add many)
        added.extend(layers)
        stamps.append(time.perf_counter())

    QgsProject.instance().layersAdded.connect(on_added)
    t0 = time.perf_counter()
    dock.add_items([dock.tree.topLevelItem(0)])
    while len(added) < 10:
        QCoreApplication.processEvents()
        time.sleep(0.001)
    QgsProject.instance().layersAdded.disconnect(on_added)
    first_in = stamps[0] - t0
    all_in = stamps[-1] - t0
    # the first layer's first render (the canvas renders it as soon as it is in the project)
    first_drawn = first_in + _render(added[0])
    dock.unload()
    QgsProject.instance().clear()
    return {"read": read, "first_in": first_in, "first_drawn": first_drawn, "all_in": all_in}


def run_peer(data: dict, folder: Path) -> float:
    from qgis.core import QgsProject, QgsVectorLayer

    QgsProject.instance().clear()
    qml = folder / "style.qml"
    qml.write_text(data["qml"], encoding="utf-8")
    t0 = time.perf_counter()
    layer = QgsVectorLayer(data["uris"][0], "控制图层 0", "postgres")
    layer.loadNamedStyle(str(qml))
    QgsProject.instance().addMapLayer(layer)
    drawn = time.perf_counter() - t0 + _render(layer)
    QgsProject.instance().clear()
    return drawn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=5000, help="polygons per table")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = start_qgis()
    from tests.postgis_server import PostgisServer

    server = PostgisServer().start()
    try:
        uri = server.new_database()
        data = build(uri, args.features)
        runs = [run_dock(uri) for _ in range(args.repeats)]
        peer = [run_peer(data, Path(tempfile.mkdtemp())) for _ in range(args.repeats)]
    finally:
        server.stop()
    print(f"catalog benchmark: 10 PostGIS tables × {args.features} polygons, {args.repeats} runs")
    for key, label in (
        ("read", "catalog read (worker thread)"),
        ("first_in", "click → first layer in the project"),
        ("first_drawn", "click → first layer drawn"),
        ("all_in", "click → all 10 layers in the project"),
    ):
        values = [r[key] for r in runs]
        print(f"  {label}: median {statistics.median(values) * 1000:.0f} ms, "
              f"worst {max(values) * 1000:.0f} ms")  # fmt: skip
    print(f"  peer (by hand, first layer drawn): median {statistics.median(peer) * 1000:.0f} ms")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
