"""The public 码上直办 page rendered by a real headless browser (Debian's chromium) at phone
width: the Chinese text is in the rendered DOM and the screenshot is not blank."""

from __future__ import annotations

import subprocess

from tests.library_data import SEG
from tests.service_server import Service, add_client
from tests.tools import require
from yimatong_plugin.core.library import open_library

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def test_public_page_in_chromium(tmp_path):
    chromium = require("chromium")
    uri = str(tmp_path / "library.gpkg")
    lib = open_library(uri, user="seed")
    code = str(lib.allocate_code(**SEG))
    lib.add_project(code, name="武陵区滨湖花园住宅项目", source="municipal_key", applicant="不公开")
    lib.add_event(code, "supply", "2024-12-29")
    lib.close()
    svc = Service(uri)
    try:
        key = add_client(uri, "approval")
        api = svc.session(key)
        api.post(
            f"{svc.api}/projects/{code}/stages",
            json={
                "stage": "planning_permit",
                "record_id": "1",
                "approval": {"blzt": 3, "pfrq": "2025-02-27"},
            },
            timeout=10,
        ).raise_for_status()
        url = f"{svc.url}/p/{code}"
        dom = subprocess.run(
            [chromium, *FLAGS, "--window-size=390,860", "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        ).stdout
        png = tmp_path / "page.png"
        subprocess.run(
            [chromium, *FLAGS, "--window-size=390,860", f"--screenshot={png}", url],
            capture_output=True,
            timeout=120,
            cwd=tmp_path,
        )
    finally:
        svc.stop()
    assert "武陵区滨湖花园住宅项目" in dom and "规划许可" in dom and "已受理" in dom
    assert "不公开" not in dom
    from PIL import Image

    image = Image.open(png).convert("L")
    assert image.size[0] == 390
    low, high = image.getextrema()
    assert high - low > 100  # text and header drawn, not a blank page
