"""The library panel listing through the exchange service, in the real QGIS desktop (called from
scripts/screenshot_scenes.py, scene ``library_service``; run ``make demo`` first).

As ``make serve`` does: a client ``demo`` registered in ``demo_output/sample_library.gpkg`` and the
service started on it (a free loopback port); its key kept in a QGIS authentication
configuration (Basic, the key as password). In the panel, 打开 → 项目库服务（HTTP）…: the address
``http://127.0.0.1:<port>/api/v1`` typed, that configuration chosen (``library_service_open.png``);
the list comes page by page from the service, a project with approval feedback selected, its
events on the 事件 tab (``library_service.png``). The service is stopped afterwards.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

from scripts.screenshot_desk import desk_window

ROOT = Path(os.environ.get("YMT_ROOT", "."))
IMAGES = ROOT / "docs" / "images"
LIBRARY = ROOT / "demo_output" / "sample_library.gpkg"
CODE = "4343070220240301120702000010"  # 社区服务中心及配套公园: approval feedback, events
SCOPES = "read,stages,results,registrations,allocate"
LIMIT = 90.0  # seconds at most until the capture


def _python() -> str:
    return str(Path(os.environ.get("YMT_VENV") or ROOT / ".venv") / "bin" / "python")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_service(say):
    """(process, api url, key): the service on the sample library, as `make serve` starts it."""
    import requests

    env = dict(os.environ, PYTHONPATH=str(ROOT), PROJ_DATA="/usr/share/proj")
    env.pop("QT_QPA_PLATFORM", None)
    service = [_python(), "-m", "yimatong_plugin.service"]
    out = subprocess.run(
        service + ["add-client", "demo", "--library", str(LIBRARY), "--scopes", SCOPES],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    key = out.stdout.strip().splitlines()[-1]
    port = _free_port()
    proc = subprocess.Popen(
        service + ["serve", "--library", str(LIBRARY), "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/openapi.json", timeout=2).ok:
                say("service: answering on", base, "pid", proc.pid)
                return proc, base + "/api/v1", key
        except requests.RequestException:
            pass
        time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("the exchange service did not start")


def _authcfg(key: str) -> str:
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    am = QgsApplication.authManager()
    am.setMasterPassword("ymt-screenshot-master", True)  # the throw-away profile's store
    config = QgsAuthMethodConfig("Basic")
    config.setName("一码通交换服务（示例）")
    config.setConfig("username", "demo")
    config.setConfig("password", key)
    if not am.storeAuthenticationConfig(config):
        raise RuntimeError("the authentication configuration was not stored")
    return config.id()


def _map_layers(iface) -> None:
    """The county boundaries on the map (the canvas, not the welcome page, beside the panel)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsVectorLayer
    from qgis.PyQt.QtGui import QColor

    data = ROOT / "yimatong_plugin" / "data"
    counties = QgsVectorLayer(str(data / "changde_counties.geojson"), "常德市县级行政区", "ogr")
    counties.renderer().symbol().setColor(QColor(245, 245, 240))
    QgsProject.instance().addMapLayers([counties])
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:4546"))
    iface.mapCanvas().setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4546"))


def library_service(iface, plugin, keep: list, say, report_error):
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication

    from yimatong_plugin.ui.library_service_dialog import ServiceDialog

    if not LIBRARY.exists():
        report_error("scene library_service", f"{LIBRARY} is missing: run `make demo` first")
        return 0.5
    proc, api, key = _start_service(say)
    state: dict = {"proc": proc}
    keep.append(state)
    authcfg = _authcfg(key)
    desk_window(iface)
    _map_layers(iface)
    dock = plugin.library_dock
    dock.close_library()  # (a scene before may have left one open)
    action = {a.text(): a for a in plugin.actions}
    action.get("项目库", action.get("Project library")).trigger()
    dock._ymt_close_after_shot = False
    keep.append(dock)

    def type_address():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ServiceDialog) or not dialog.isVisible():
            QTimer.singleShot(200, type_address)
            return
        dialog.address.setText(api)
        dialog.auth.setConfigId(authcfg)
        dialog.move(420, 300)
        QTimer.singleShot(800, lambda: _capture_then_accept(dialog))

    def _capture_then_accept(dialog):
        target = IMAGES / "library_service_open.png"
        subprocess.run(["import", "-window", "root", str(target)], check=False)
        say("saved", target)
        dialog.accept()

    QTimer.singleShot(300, type_address)
    # 打开 → 项目库服务（HTTP）…: the menu's action, as a click on it runs it
    wanted = ("项目库服务（HTTP）…", "Library service (HTTP)…")
    dock._fill_open_menu()
    entry = next((a for a in dock.open_menu.actions() if a.text() in wanted), None)
    if entry is None:
        report_error("scene library_service", "no Library service (HTTP)… in the Open menu")
        proc.terminate()
        return 0.5
    QTimer.singleShot(100, entry.trigger)  # the input dialog is modal: after this returns

    def listed():
        model = dock.model
        remote = getattr(dock.library, "backend", "") == "remote"
        return remote and model.rowCount() > 0 and not model.busy()

    def select():
        if not listed():
            QTimer.singleShot(300, select)
            return
        say("service panel:", dock.library_label.text(), "rows:", dock.model.rowCount())
        say("service panel count:", dock.count_label.text())
        dock.select_code(CODE)
        dock.details.setCurrentIndex(2)  # 事件
        QTimer.singleShot(500, lambda: zoom(40))

    def zoom(tries):  # the project's details, parcels included, came from the service
        if dock.parcels_tree.topLevelItemCount() == 0 and tries > 0:
            QTimer.singleShot(500, lambda: zoom(tries - 1))
            return
        say("service panel: parcels of the project:", dock.parcels_tree.topLevelItemCount())
        if dock.parcels_tree.topLevelItemCount() == 0:
            report_error("scene library_service", "no parcels of the project came")
        canvas = iface.mapCanvas()
        counties = QgsProject.instance().mapLayersByName("常德市县级行政区")[0]
        canvas.setExtent(
            canvas.mapSettings().layerExtentToOutputExtent(counties, counties.extent())
        )
        canvas.mapCanvasRefreshed.connect(lambda: state.update(drawn=True))
        canvas.refresh()
        QTimer.singleShot(2500, lambda: state.update(shown=True))

    QTimer.singleShot(1000, select)

    def done():
        if state.get("shown") and state.get("drawn"):
            stop()  # the panel keeps what it shows; QGIS may quit right after the capture
        return bool(state.get("shown") and state.get("drawn"))

    def stop():
        if proc.poll() is not None:
            return
        proc.terminate()
        proc.wait(20)
        say("service: stopped, exit code", proc.returncode)

    def give_up():  # never leave the service running, whatever happened
        if not state.get("shown"):
            report_error("scene library_service", "the panel did not list through the service")
            stop()

    QTimer.singleShot(int(LIMIT * 1000) - 500, give_up)
    return LIMIT, done
