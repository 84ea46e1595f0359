"""With the zh_CN translation installed the UI strings come out in Chinese."""

import os
import subprocess
from pathlib import Path

from qgis.PyQt.QtCore import QCoreApplication

from yimatong_plugin.core.i18n import tr as core_tr
from yimatong_plugin.toolbelt import i18n

ROOT = Path(__file__).resolve().parents[2]


def test_zh_cn_translation_is_used(qgis_app, tmp_path):
    ts = ROOT / "yimatong_plugin" / "i18n" / "yimatong_zh_CN.ts"
    qm = i18n.qm_path("zh_CN")
    tmp_qm = tmp_path / "yimatong_zh_CN.qm"
    subprocess.run(["lrelease", "-silent", str(ts), "-qm", str(tmp_qm)], check=True)
    # copy beside the target, then rename: a process with the old .qm loaded keeps it intact
    staged = qm.with_suffix(".qm.tmp")
    staged.write_bytes(tmp_qm.read_bytes())
    os.replace(staged, qm)
    try:
        assert i18n.install_translator("zh_CN")
        assert QCoreApplication.translate("yimatong", "Yimatong") == "一码通"
        assert i18n.tr("About Yimatong") == "关于一码通"
        # the Qt-free core goes through the same translator
        assert core_tr("Yimatong") == "一码通"
    finally:
        i18n.remove_translator()
    assert i18n.tr("Yimatong") == "Yimatong"
    assert core_tr("Yimatong") == "Yimatong"


def test_qgis_locale_names_map_to_the_zh_cn_translation():
    # QGIS's own Simplified Chinese is "zh-Hans"; a Chinese user's QGIS reports that
    for name in ("zh-Hans", "zh_Hans_CN", "zh-CN", "zh_CN", "zh_CN.UTF-8", "zh"):
        assert i18n.normalise_locale(name) == "zh_CN", name
    assert i18n.normalise_locale("zh-Hant") == "zh_TW"
    assert i18n.normalise_locale("en_US") == "en_US"
    assert i18n.normalise_locale("de") == "de"


def test_chinese_qgis_user_gets_chinese(qgis_app):
    from qgis.core import QgsSettings

    settings = QgsSettings()
    old = (settings.value("locale/overrideFlag"), settings.value("locale/userLocale"))
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "zh-Hans")
    try:
        assert i18n.user_locale() == "zh_CN"
        assert i18n.install_translator()
        assert i18n.tr("Yimatong") == "一码通"
    finally:
        i18n.remove_translator()
        settings.setValue("locale/overrideFlag", old[0] if old[0] is not None else False)
        settings.setValue("locale/userLocale", old[1] if old[1] is not None else "")
