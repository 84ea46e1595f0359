"""The plugin's page in QGIS Options: loads the settings, saves what the user changed."""

from yimatong_plugin.toolbelt import settings as settings_mod
from yimatong_plugin.ui.options import YimatongOptionsFactory, YimatongOptionsPage


def test_options_page_round_trip(qgis_app, tmp_path, monkeypatch):
    store = {}
    initial = settings_mod.PluginSettings(library_uri=str(tmp_path / "a.gpkg"), region_code="43")
    monkeypatch.setattr("yimatong_plugin.ui.options.load_settings", lambda: initial)
    monkeypatch.setattr("yimatong_plugin.ui.options.save_settings", lambda s: store.update(vars(s)))
    page = YimatongOptionsFactory().createWidget(None)
    assert isinstance(page, YimatongOptionsPage)
    assert page.library_file.filePath() == str(tmp_path / "a.gpkg")
    assert page.use_file.isChecked() and page.area_auto.isChecked()
    page.library_file.setFilePath(str(tmp_path / "b.gpkg"))
    page.region.setText("44")
    page.division_field.setText("xzqdm")
    assert page.public_base_url.text() == ""
    page.public_base_url.setText(" https://ymt.example.gov.cn ")
    page.area_fixed.setChecked(True)
    from qgis.core import QgsCoordinateReferenceSystem

    page.area_crs.setCrs(QgsCoordinateReferenceSystem("EPSG:4545"))
    page.apply()
    assert store["library_uri"] == str(tmp_path / "b.gpkg")
    assert store["library_connection"] == ""
    assert store["region_code"] == "44"
    assert store["division_field"] == "xzqdm"
    assert store["area_crs"] == "EPSG:4545"
    assert store["public_base_url"] == "https://ymt.example.gov.cn"
    page.deleteLater()
