#!/usr/bin/env python3
"""`make demo`: run Yimatong's main job on the bundled sample data and print where outputs are.

1. Compliance review (``yimatong:complianceoverlay`` through ``processing.run`` in a standalone
   QGIS): the sample parcels ``项目地块`` against 生态保护红线 / 永久基本农田 / 城镇开发边界 and the
   zoning ``国土空间规划分区`` of ``yimatong_plugin/data/sample/changde_sample.gpkg``, writing
   ``demo_output/合规性审查结果.gpkg`` (OUTPUT, OUTPUT_TABLE, OUTPUT_PIECES) and
   ``demo_output/report.html`` + ``report.pdf``.
   Then 辅助选址 (``yimatong:siteselection``): the top 5 sites for an industrial project (1001,
   ≥ 30,000 m², minimum width 30 m) in 武陵区 (430702) against the same layers, writing
   ``demo_output/辅助选址结果.gpkg`` and ``demo_output/siting_report.html``.
   Both use the control set 三区三线 published in the sample library (below), not the layers.
2. A small sample project library ``demo_output/sample_library.gpkg`` (projects, parcels and
   events for some of the sample parcels) with ONE seeded anomaly (idle land, see
   :data:`SEEDED_ANOMALIES`) for the lifecycle monitor and the project box, and the Changde
   一张图 catalog (``yimatong_plugin/data/catalog/changde_catalog.json``, 7 topics), and the
   sample control lines published as its current control set 三区三线 (``yimatong:
   publishcontrolset``: stored and prepared once; the review and the site selection use it).

Each part runs when the code it needs exists, and says clearly what is missing otherwise.
"""

from __future__ import annotations

import datetime
import gc
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = Path(os.environ.get("YIMATONG_DEMO_OUT") or ROOT / "demo_output")  # tests use a temp dir
SAMPLE = ROOT / "yimatong_plugin" / "data" / "sample" / "changde_sample.gpkg"
RESULT_GPKG = OUT / "合规性审查结果.gpkg"
REPORT_HTML = OUT / "report.html"
REPORT_PDF = OUT / "report.pdf"
LIBRARY_GPKG = OUT / "sample_library.gpkg"
SAMPLE_CATALOG = ROOT / "yimatong_plugin" / "data" / "catalog" / "changde_catalog.json"

CONTROL_LINES = ["生态保护红线", "永久基本农田", "城镇开发边界"]
CONTROL_SET = "三区三线"
# the sample control lines are synthetic: so is their approval document number
CONTROL_SET_DOC = "示例批复〔2023〕1号（合成样例）"
ZONING = "国土空间规划分区"
PARCELS = "项目地块"

# The sample library's seeded anomalies: exactly what yimatong:lifecyclemonitor must find in
# demo_output/sample_library.gpkg (and nothing else). Dates are relative to the day the demo runs
# so the case stays in the same stage whenever the demo is run.
SEEDED_ANOMALIES = [
    {
        "dkbh": "DK-2024-012",
        "code": "4343070220250301121001000001",
        "rule": "闲置土地",
        "why": "supplied; agreed start 1 year and 60 days before today; no construction_start",
    }
]


_KEEP: list = []


def start_qgis():
    """A standalone QgsApplication with Processing and the Yimatong provider."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    plugins = "/usr/share/qgis/python/plugins"
    if plugins not in sys.path:
        sys.path.append(plugins)
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from qgis.PyQt.QtCore import QCoreApplication

    from yimatong_plugin.core import i18n as core_i18n
    from yimatong_plugin.gis.compliance_report import load_private_translator
    from yimatong_plugin.processing.provider import YimatongProvider
    from yimatong_plugin.toolbelt.i18n import tr as plugin_tr

    # verdict rules and messages in Chinese, as planners read them; from a private copy of the
    # .qm, so a rebuild of the shared file (lrelease) cannot crash the demo (SIGBUS)
    translator = load_private_translator("zh_CN")
    if translator is not None:
        _KEEP.append(translator)
        QCoreApplication.installTranslator(translator)
        core_i18n.set_translate(plugin_tr)
    registry = QgsApplication.processingRegistry()
    if registry.providerById("yimatong") is None:
        # keep a Python reference: without it the provider's Python half is garbage-collected
        _KEEP.append(YimatongProvider())
        registry.addProvider(_KEEP[-1])
    return app


def sample_layer(name):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{SAMPLE}|layername={name}", name, "ogr")
    if not layer.isValid():
        raise SystemExit(f"{SAMPLE}: layer {name} cannot be read (run scripts/gen_sample_data.py)")
    return layer


def run_compliance() -> bool:
    from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

    alg = QgsApplication.processingRegistry().algorithmById("yimatong:complianceoverlay")
    if alg is None:
        print(
            "MISSING: the algorithm yimatong:complianceoverlay is not available yet "
            "(yimatong_plugin/processing/algorithms/complianceoverlay.py not registered):\n"
            "         no compliance outputs and no report were written."
        )
        return False
    import processing

    parcels = sample_layer(PARCELS)
    controls = [sample_layer(name) for name in CONTROL_LINES]
    zoning = sample_layer(ZONING)
    QgsProject.instance().addMapLayers([parcels, zoning, *controls], False)
    for path in (RESULT_GPKG, REPORT_HTML, REPORT_PDF):
        if path.exists():
            path.unlink()

    def sink(table, geometry=True):
        return f"ogr:dbname='{RESULT_GPKG}' table=\"{table}\"" + (" (geom)" if geometry else "")

    params = {
        "PARCELS": parcels,
        "PARCEL_ID": "dkbh",
        "LIBRARY": str(LIBRARY_GPKG),
        "CONTROL_SET": CONTROL_SET,
        "ZONING": zoning,
        "ZONING_FIELD": "ydyhdm",
        "PROJECT_USE_FIELD": "ydxz",
        "PROJECT_CODE_FIELD": "xmdm",
        "SLIVER_M2": 1.0,
        "OUTPUT": sink("审查结果"),
        "OUTPUT_TABLE": sink("叠加分析表", geometry=False),
        "OUTPUT_PIECES": sink("叠加图斑"),
        "REPORT": str(REPORT_HTML),
    }
    known = {p.name() for p in alg.parameterDefinitions()}
    params = {k: v for k, v in params.items() if k in known}
    result = processing.run("yimatong:complianceoverlay", params)

    print("\nCompliance review (yimatong:complianceoverlay) of", SAMPLE.name)
    print(
        f"  against control set {CONTROL_SET} of {LIBRARY_GPKG.name} (批复文号 {CONTROL_SET_DOC})"
    )
    out = QgsVectorLayer(f"{RESULT_GPKG}|layername=审查结果", "OUTPUT", "ogr")
    if not out.isValid():
        out = QgsVectorLayer(str(result["OUTPUT"]), "OUTPUT", "ogr")
    header = f"  {'parcel':<13}{'area m²':>12}{'ha':>9}{'亩':>9}  verdict  grounds"
    print(header)
    print("  " + "-" * (len(header) + 30))
    for f in out.getFeatures():
        area = float(f["area_m2"] or 0.0)
        rule = str(f["verdict_rule"] or "")
        rule = rule if len(rule) <= 60 else rule[:57] + "…"
        print(
            f"  {str(f['parcel_id']):<13}{area:>12,.2f}{area / 1e4:>9.4f}{area / (1e4 / 15):>9.2f}"
            f"  {f['verdict']:<6} {rule}"
        )
    print("\nOutputs:")
    print(
        f"  {RESULT_GPKG}  (layers 审查结果 = OUTPUT, 叠加分析表 = OUTPUT_TABLE, 叠加图斑 = PIECES)"
    )
    for path in (REPORT_HTML, REPORT_PDF):
        if path.exists():
            print(f"  {path}")
        else:
            print(f"  MISSING: {path} was not written")
    return True


def run_parcel_check() -> bool:
    """yimatong:checkparcels on the sample parcels: the invalid bowtie and the declared-area
    mismatch are the seeded problems (yimatong_plugin/data/README.md)."""
    from qgis.core import QgsApplication

    if QgsApplication.processingRegistry().algorithmById("yimatong:checkparcels") is None:
        print("\nMISSING: the algorithm yimatong:checkparcels is not available yet.")
        return False
    import processing

    result = processing.run(
        "yimatong:checkparcels",
        {
            "INPUT": sample_layer(PARCELS),
            "PARCEL_ID": "dkbh",
            "DECLARED_AREA_FIELD": "sbmj",
            "DECLARED_AREA_UNIT": 0,  # m²
            "AREA_TOLERANCE": 5.0,
            "OUTPUT": f"ogr:dbname='{RESULT_GPKG}' table=\"图形检查\" (geom)",
        },
    )
    from qgis.core import QgsVectorLayer

    rows = QgsVectorLayer(f"{RESULT_GPKG}|layername=图形检查", "check", "ogr")
    if not rows.isValid():
        rows = QgsVectorLayer(str(result["OUTPUT"]), "check", "ogr")
    print("\nParcel check (yimatong:checkparcels): one row per problem, layer 图形检查")
    for f in rows.getFeatures():
        print(f"  {str(f['parcel_id']):<13}{str(f['problem']):<22}{str(f['detail'])[:70]}")
    return True


def build_library() -> bool:
    try:
        from yimatong_plugin.core.library import open_library
    except ImportError:
        print("\nMISSING: yimatong_plugin.core.library.open_library: no sample library was built.")
        return False
    from qgis.core import QgsVectorLayer

    if LIBRARY_GPKG.exists():
        LIBRARY_GPKG.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(LIBRARY_GPKG) + suffix).unlink(missing_ok=True)
    today = datetime.date.today()

    def ago(days):
        return (today - datetime.timedelta(days=days)).isoformat()

    parcels = {f["dkbh"]: f for f in sample_layer(PARCELS).getFeatures()}
    lib = open_library(str(LIBRARY_GPKG), user="demo")
    try:

        def project(dkbh, source, applicant, stage):
            f = parcels[dkbh]
            code = f["xmdm"]
            lib.add_project(
                code,
                name=f["xmmc"],
                source=source,
                applicant=applicant,
                declared_area_m2=float(f["sbmj"]),
            )
            pid = lib.add_parcel(code, bytes(f.geometry().asWkb()), crs="EPSG:4490", stage=stage)
            return code, pid

        # 1. housing: approved, supplied, started before the agreed start; completion due (clean)
        code, pid = project("DK-2024-001", "municipal_key", "常德市城市建设投资集团", "supply")
        lib.add_event(code, "preliminary_review", ago(900), doc_no="常自然资预〔2024〕8号")
        lib.add_event(code, "conversion_approval", ago(800), doc_no="湘政土批〔2024〕112号")
        # 耕地占补平衡: the farmland taken is made up elsewhere (the project box's 补 lane)
        lib.add_event(
            code, "supplementary_farmland", ago(780), doc_no="常自然资补〔2024〕6号", area_m2=12000
        )
        lib.add_event(
            code,
            "supply",
            ago(700),
            doc_no="常自然资供〔2024〕21号",
            agreed_handover=ago(670),
            agreed_start=ago(600),
            agreed_completion=ago(-500),
        )
        lib.add_event(code, "planning_permit", ago(640), doc_no="建字第430702202400031号")
        lib.add_event(code, "construction_start", ago(605), origin_system="一体化审批系统")
        # the surveyed parcel replaced the planning sketch: lineage for the project box
        resurveyed = parcels["DK-2024-001"].geometry().buffer(0.00005, 4)
        lib.replace_parcel(pid, bytes(resurveyed.asWkb()), crs="EPSG:4490", reason="竣工测绘后更新")

        # 2. industrial park: the whole life, completed and registered (clean)
        code, _ = project("DK-2024-002", "provincial_key", "常德高新技术产业开发区", "supply")
        lib.add_event(
            code,
            "supply",
            ago(760),
            doc_no="常自然资供〔2024〕09号",
            agreed_start=ago(700),
            agreed_completion=ago(60),
        )
        lib.add_event(code, "construction_start", ago(705))
        lib.add_event(code, "completion", ago(90), doc_no="竣验字〔2026〕15号")
        lib.add_event(code, "registration", ago(30), origin_system="不动产登记信息平台")

        # 3. commercial complex: approved recently, not supplied yet (below the 2-year threshold)
        code, _ = project("DK-2024-003", "annual_transfer_plan", "常德市武陵区城投", "reserve")
        lib.add_event(code, "preliminary_review", ago(300))
        lib.add_event(code, "conversion_approval", ago(200), batch="2026年第3批次")

        # 4. community centre (multipart parcel): supplied, start agreed in the future (clean);
        #    its planning permit comes from the approval system (run_approval_sync below)
        code, _ = project("DK-2024-010", "annual_reserve_plan", "武陵区民政局", "supply")
        lib.update_project(code, investment_code=SYNC_INVESTMENT_CODE)
        lib.add_event(
            code,
            "supply",
            ago(100),
            doc_no="常自然资划〔2026〕05号",
            agreed_start=ago(-200),
            agreed_completion=ago(-900),
        )

        # 5. SEEDED ANOMALY (lifecycle tests rely on it; see SEEDED_ANOMALIES): idle land —
        #    supplied, agreed start more than one full year ago, no construction_start event.
        anomaly = SEEDED_ANOMALIES[0]
        code, _ = project(anomaly["dkbh"], "investment_platform", "常德市某实业有限公司", "supply")
        assert code == anomaly["code"]
        lib.add_event(
            code,
            "supply",
            ago(365 + 60 + 120),
            doc_no="常自然资供〔2025〕33号",
            agreed_handover=ago(365 + 60 + 90),
            agreed_start=ago(365 + 60),
            agreed_completion=ago(-300),
        )
        # the 一张图 catalog of Changde (scripts/gen_sample_catalog.py), shown by the dock
        from yimatong_plugin.core.library.catalog import Catalog

        catalog = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
        imported = Catalog(lib).import_json(catalog)
        counts = lib.counts()
    finally:
        lib.close()
    print(f"\nSample project library: {LIBRARY_GPKG}")
    print(f"  {counts}")
    print(f"  一张图 catalog {SAMPLE_CATALOG.name}: {imported['added']} topics and layers")
    for case in SEEDED_ANOMALIES:
        print(f"  seeded anomaly: {case['code']} ({case['dkbh']}) {case['rule']}: {case['why']}")
    check = QgsVectorLayer(f"{LIBRARY_GPKG}|layername=ymt_parcels", "ymt_parcels", "ogr")
    print(f"  ymt_parcels readable as a QGIS layer: {check.isValid()} ({check.featureCount()})")
    return publish_control_set() and run_lifecycle_monitor() and run_approval_sync()


def publish_control_set() -> bool:
    """The sample control lines as the library's current control set 三区三线 (prepared once)."""
    import processing

    result = processing.run(
        "yimatong:publishcontrolset",
        {
            "LIBRARY": str(LIBRARY_GPKG),
            "NAME": CONTROL_SET,
            "LAYERS": [sample_layer(name) for name in CONTROL_LINES],
            "DOC_NO": CONTROL_SET_DOC,
            "EFFECTIVE_DATE": "2023-10-12",
            "SET_DATE": "2023-10-12",
            "DESCRIPTION": "2023 批复版（合成样例数据）",
        },
    )
    print(
        f"  control set {result['SET']} published and prepared "
        f"({result['PREPARED']} layers), the library's current set"
    )
    return True


SYNC_INVESTMENT_CODE = "2026-430702-89-01-000123"


def write_staging(path: Path) -> None:
    """A small 工改 staging database (前置库, SPGL_* tables) as an approval system fills it:
    the community centre's 建设工程规划许可 passed, its 施工许可 accepted, a record for a project
    the library does not know, and an invalidated row (SJYXBS = 0)."""
    import sqlite3

    today = datetime.date.today()

    def ago(days):
        return (today - datetime.timedelta(days=days)).isoformat()

    path.unlink(missing_ok=True)
    other = "2026-430702-89-01-000999"
    conn = sqlite3.connect(str(path))
    conn.executescript(
        "CREATE TABLE SPGL_XMJBXXB (DFSJZJ, XMDM, XMMC, XZQHDM, SJYXBS);"
        "CREATE TABLE SPGL_XMSPSXBLXXB (DFSJZJ, XMDM, SPSXSLBM, SPSXBM, SPSXMC, SJYXBS);"
        "CREATE TABLE SPGL_XMSPSXBLXXXXB (DFSJZJ, LSH, SPSXSLBM, BLZT, BLSJ, BLCS, SJYXBS);"
        "CREATE TABLE SPGL_XMSPSXPFWJXXB (DFSJZJ, SPSXSLBM, PFWH, PFRQ, PFWJBT, PFWJYXQX, SJYXBS);"
    )
    conn.executemany(
        "INSERT INTO SPGL_XMJBXXB VALUES (?, ?, ?, ?, 1)",
        [
            ("J1", SYNC_INVESTMENT_CODE, "武陵区社区服务中心", "430702"),
            ("J2", other, "外区项目", "430703"),
        ],
    )
    conn.executemany(
        "INSERT INTO SPGL_XMSPSXBLXXB VALUES (?, ?, ?, ?, ?, 1)",
        [
            ("S1", SYNC_INVESTMENT_CODE, "SL-001", "GH-004", "建设工程规划许可证核发"),
            ("S2", SYNC_INVESTMENT_CODE, "SL-002", "JS-001", "建筑工程施工许可证核发"),
            ("S3", other, "SL-003", "GH-004", "建设工程规划许可证核发"),
        ],
    )
    conn.executemany(
        "INSERT INTO SPGL_XMSPSXBLXXXXB VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            ("BL-001", "LSH-001", "SL-001", 3, ago(60) + " 09:30:00", "规划科", 1),
            ("BL-002", "LSH-002", "SL-001", 11, ago(40) + " 16:00:00", "规划科", 1),
            ("BL-003", "LSH-003", "SL-002", 3, ago(10) + " 10:00:00", "建管科", 1),
            ("BL-004", "LSH-004", "SL-002", 6, ago(9) + " 10:00:00", "建管科", 0),  # invalidated
            ("BL-005", "LSH-005", "SL-003", 11, ago(20) + " 11:00:00", "规划科", 1),
        ],
    )
    conn.execute(
        "INSERT INTO SPGL_XMSPSXPFWJXXB VALUES (?, ?, ?, ?, ?, ?, 1)",
        (
            "PF-001",
            "SL-001",
            "建字第430702202600045号",
            ago(40),
            "建设工程规划许可证",
            "9999-01-01",
        ),
    )
    conn.commit()
    conn.close()


def run_approval_sync() -> bool:
    """yimatong:syncapprovals from the staging database, twice: the second run adds nothing."""
    from qgis.core import QgsApplication

    if QgsApplication.processingRegistry().algorithmById("yimatong:syncapprovals") is None:
        print("\nMISSING: the algorithm yimatong:syncapprovals is not available yet.")
        return False
    import processing

    from yimatong_plugin.core.library import open_library

    staging = OUT / "spgl_staging.sqlite"
    write_staging(staging)
    print(f"\nApproval sync (yimatong:syncapprovals) from the staging database {staging}:")
    for run in (1, 2):
        result = processing.run(
            "yimatong:syncapprovals",
            {"LIBRARY": str(LIBRARY_GPKG), "SOURCE": str(staging), "OUTPUT": "memory:"},
        )
        print(f"  run {run}: {result['APPLIED']} applied, {result['REFUSED']} refused")
        for f in result["OUTPUT"].getFeatures():
            print(f"    {f['record_key']}  {f['status']}  {f['action']}  {f['reason'] or ''}")
    lib = open_library(str(LIBRARY_GPKG), user="demo")
    try:
        code = lib.query(
            "SELECT code FROM ymt_projects WHERE investment_code = ?", (SYNC_INVESTMENT_CODE,)
        )[0]["code"]
        project = lib.project(code)
        print(f"  project box of {code} ({project['name']}):")
        print(f"    approval status: {project['approval_status']} {project['approval_status_at']}")
        for e in lib.events(code):
            origin = f"{e['origin_system']}:{e['origin_key']}" if e["origin_key"] else ""
            print(f"    {e['event_date']}  {e['stage']}  {e['doc_no'] or ''}  {origin}")
    finally:
        lib.close()
    return True


def run_lifecycle_monitor() -> bool:
    """yimatong:lifecyclemonitor on the sample library: it must report the seeded anomalies."""
    from qgis.core import QgsApplication

    if QgsApplication.processingRegistry().algorithmById("yimatong:lifecyclemonitor") is None:
        print("\nMISSING: the algorithm yimatong:lifecyclemonitor is not available yet.")
        return False
    import processing

    findings = OUT / "lifecycle_findings.gpkg"
    if findings.exists():
        findings.unlink()
    result = processing.run(
        "yimatong:lifecyclemonitor",
        {"LIBRARY": str(LIBRARY_GPKG), "OUTPUT": f"ogr:dbname='{findings}' table=\"findings\""},
    )
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{findings}|layername=findings", "findings", "ogr")
    if not layer.isValid():
        layer = QgsVectorLayer(str(result["OUTPUT"]), "findings", "ogr")
    print(f"\nLifecycle monitor (yimatong:lifecyclemonitor) on the sample library: {findings}")
    for f in layer.getFeatures():
        print(f"  {f['code']}  {f['rule']}  {f['severity']}  {str(f['evidence'])[:60]}")
    return True


SITING_GPKG = OUT / "辅助选址结果.gpkg"
SITING_HTML = OUT / "siting_report.html"


def run_site_selection() -> bool:
    """辅助选址: an industrial project (1001) of at least 30,000 m² in 武陵区 (430702)."""
    from qgis.core import QgsApplication, QgsVectorLayer

    if QgsApplication.processingRegistry().algorithmById("yimatong:siteselection") is None:
        print("MISSING: the algorithm yimatong:siteselection is not available")
        return False
    import processing

    for path in (SITING_GPKG, SITING_HTML):
        if path.exists():
            path.unlink()
    result = processing.run(
        "yimatong:siteselection",
        {
            "SEARCH_DIVISION": "430702",
            "LAND_USE": "1001",
            "MIN_AREA_M2": 30000.0,
            "MIN_WIDTH_M": 30.0,
            "LIBRARY": str(LIBRARY_GPKG),
            "CONTROL_SET": CONTROL_SET,
            "ZONING": sample_layer(ZONING),
            "ZONING_FIELD": "ydyhdm",
            "OUTPUT": f"ogr:dbname='{SITING_GPKG}' table=\"候选选址\" (geom)",
            "REPORT": str(SITING_HTML),
        },
    )
    out = QgsVectorLayer(f"{SITING_GPKG}|layername=候选选址", "OUTPUT", "ogr")
    if not out.isValid():
        out = QgsVectorLayer(str(result["OUTPUT"]), "OUTPUT", "ogr")
    feats = sorted(out.getFeatures(), key=lambda f: f["rank"])
    print("\nSite selection (yimatong:siteselection): 工业用地 1001, ≥ 30,000 m², 武陵区 430702:")
    print(f"  {len(feats)} candidate sites; top 5:")
    print(f"  {'rank':>4}{'score':>8}{'area m²':>12}{'compact':>9}  reasons")
    for f in feats[:5]:
        reasons = str(f["reasons"] or "")
        reasons = reasons if len(reasons) <= 70 else reasons[:67] + "…"
        print(
            f"  {f['rank']:>4}{f['score']:>8.3f}{f['area_m2']:>12,.0f}{f['compactness']:>9.2f}"
            f"  {reasons}"
        )
    print(f"  {SITING_GPKG}\n  {SITING_HTML}")
    return True


def main() -> int:
    OUT.mkdir(exist_ok=True)
    print("Yimatong demo: outputs in", OUT)
    app = start_qgis()
    ok = True
    try:
        ok = build_library() and ok  # first: the review uses its control set 三区三线
        ok = run_compliance() and ok
        ok = run_site_selection() and ok
        ok = run_parcel_check() and ok
    finally:
        gc.collect()  # layers and tasks of the runs go while QGIS is still up
        app.exitQgis()
    if not ok:
        print("\nDemo incomplete: see MISSING above.")
    return 0


if __name__ == "__main__":
    code = main()
    # every output is written and closed: leave without the interpreter's teardown, which could
    # destroy a leftover QGIS object after exitQgis() (seen as a rare SIGSEGV at exit under load)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
