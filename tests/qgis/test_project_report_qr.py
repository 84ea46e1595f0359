"""The project file's QR code opens the exchange service's public page when its public base
URL is configured (settings ``public_base_url``), else holds the code."""

import pytest

from tests.qgis.test_project_box import library  # noqa: F401 (fixture)
from yimatong_plugin.toolbelt.settings import load_settings, save_settings


@pytest.fixture
def public_url():
    before = load_settings()

    def set_url(url):
        settings = load_settings()
        settings.public_base_url = url
        save_settings(settings)

    yield set_url
    save_settings(before)


def _qr_of(text, path):
    import segno

    segno.make(text, error="m").save(str(path), scale=6, border=2)
    return path.read_bytes()


def _report_qr(lib, code, out):
    import processing

    processing.run(
        "yimatong:projectboxreport",
        {"LIBRARY": lib.uri, "CODE": code, "AS_OF": "2024-06-01", "OUTPUT_HTML": str(out)},
    )
    return (out.parent / (out.stem + "_files") / "qr.png").read_bytes()


def test_qr_points_to_the_public_page_when_configured(
    processing_ready,
    library,  # noqa: F811
    public_url,
    tmp_path,
):
    lib, idle, _moved, _far = library
    public_url("https://ymt.example.gov.cn/")
    qr = _report_qr(lib, idle, tmp_path / "a" / "idle.html")
    assert qr == _qr_of(f"https://ymt.example.gov.cn/p/{idle}", tmp_path / "expected.png")
    public_url("")  # not configured: the code itself
    qr = _report_qr(lib, idle, tmp_path / "b" / "idle.html")
    assert qr == _qr_of(idle, tmp_path / "plain.png")
