"""The code generator dialog through its public behaviour: combos, live preview, errors,
allocation with a library, clipboard, QR image, division from a selected parcel."""

from types import SimpleNamespace

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtWidgets import QApplication, QInputDialog, QMessageBox

from yimatong_plugin.core.code import CodeError, ProjectCode, build_prefix
from yimatong_plugin.ui.code_dialog import DEFAULT_DIVISION_LAYER, CodeDialog

WGS = QgsCoordinateReferenceSystem("EPSG:4490")


class FakeLibrary:
    """Follows the library contract: new_project(name, source, segments) -> ProjectCode."""

    def __init__(self):
        self.serials = {}
        self.calls = []
        self.projects = {}

    def new_project(self, name, source, segments):
        self.calls.append(segments)
        prefix = build_prefix(**segments)
        self.serials[prefix] = self.serials.get(prefix, 0) + 1
        code = ProjectCode.from_prefix(prefix, self.serials[prefix])
        self.projects[str(code)] = (name, source)
        return code


class BrokenLibrary:
    def new_project(self, name, source, segments):
        raise RuntimeError("database is locked")


@pytest.fixture
def answer(monkeypatch):
    """The user's answer to the confirmation (Yes unless a test sets answer["yes"] = False);
    answer["asked"] holds the questions asked."""
    state = {"yes": True, "asked": [], "buttons": []}

    def fake_exec(box):
        state["asked"].append(box.text())
        state["buttons"].append((box.defaultButton().text(), [b.text() for b in box.buttons()]))
        if state["yes"]:
            return QMessageBox.StandardButton.Yes
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return state


def _choose(dialog, name="测试项目", **values):
    for segment, value in values.items():
        dialog.set_segment(segment, value)
    dialog.name_edit.setText(name)


GOOD = dict(
    region="43",
    admin="430702",
    year="2024",
    approval_type="03",
    project_type="01",
    supply_type="12",
    land_use="0701",
)


@pytest.fixture
def make_dialog(qgis_app):
    """CodeDialog factory; every dialog is deleted (C++ side too) at the end of the test."""
    made = []

    def make(**kwargs):
        dlg = CodeDialog(**kwargs)
        made.append(dlg)
        return dlg

    yield make
    for dlg in made:
        dlg.close()
        dlg.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.fixture
def dialog(make_dialog, answer):
    library = FakeLibrary()
    dlg = make_dialog(library=library, library_label="/data/项目库.gpkg")
    dlg.fake = library
    return dlg


def test_combos_show_code_and_chinese_name(dialog):
    admin = dialog.combos["admin"]
    texts = [admin.itemText(i) for i in range(admin.count())]
    assert "430702 武陵区" in texts and "430781 津市市" in texts
    land_use = dialog.combos["land_use"]
    texts = [land_use.itemText(i) for i in range(land_use.count())]
    assert "0701 城镇住宅用地（居住用地）" in texts
    assert all(len(land_use.itemData(i)) == 4 for i in range(land_use.count()))  # level 2 only
    completer = admin.completer()
    completer.setCompletionPrefix("武陵")  # a name fragment finds the division
    found = [completer.currentCompletion()]
    while completer.setCurrentRow(completer.currentRow() + 1):
        found.append(completer.currentCompletion())
    assert found == ["430702 武陵区", "430811 武陵源区"]
    completer.setCompletionPrefix("4307")
    assert completer.completionCount() == 9  # Changde's nine county-level units


def test_live_preview_of_valid_segments(dialog):
    _choose(dialog, **GOOD)
    assert dialog.preview_text().startswith("43 430702 2024 03 01 12 0701 ")
    assert dialog.failing_segments() == {}
    assert dialog.error_text() == ""
    assert dialog.allocate_button.isEnabled()


def test_typed_code_is_accepted(dialog):
    _choose(dialog, **GOOD)
    dialog.combos["admin"].setEditText("430725")
    assert dialog.segment_value("admin") == "430725"
    assert "430725" in dialog.preview_text()
    assert dialog.failing_segments() == {}


def test_bad_segment_is_marked_and_explained(dialog):
    _choose(dialog, **{**GOOD, "admin": "430799"})
    failing = dialog.failing_segments()
    assert set(failing) == {"admin"} and isinstance(failing["admin"], CodeError)
    assert "430799" in dialog.error_text()
    assert "color:#c62828" in dialog.preview_label.text()  # the admin group is red
    assert "430799</span>" in dialog.preview_label.text()
    assert not dialog.allocate_button.isEnabled()
    assert dialog.allocate() is None and dialog.fake.calls == []


def test_several_bad_segments_all_reported(dialog):
    _choose(dialog, **{**GOOD, "year": "1900", "land_use": "0700"})
    assert set(dialog.failing_segments()) == {"year", "land_use"}
    assert "1900" in dialog.error_text() and "level-1" in dialog.error_text()


def test_allocate_copy_and_qr(dialog, tmp_path):
    _choose(dialog, **GOOD)
    assert not dialog.copy_button.isEnabled()
    dialog.allocate_button.click()
    assert str(dialog.allocated_code) == "4343070220240301120701000001"
    assert dialog.fake.calls[0]["year"] == 2024
    assert dialog.result_label.text() == "43 430702 2024 03 01 12 0701 000001"
    assert str(dialog.allocate()).endswith("000002")  # the library decides the serial

    assert dialog.copy_button.isEnabled()
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "4343070220240301120701000002"

    pixmap = dialog.qr_pixmap()
    assert not pixmap.isNull() and pixmap.width() == pixmap.height() >= 100
    assert not dialog.qr_label.pixmap().isNull()
    saved = dialog.save_qr(tmp_path / "code")
    assert saved.suffix == ".png"
    image = QImage(str(saved))
    assert not image.isNull() and image.width() == pixmap.width()


def test_library_error_is_shown(make_dialog, answer):
    dlg = make_dialog(library=BrokenLibrary())
    _choose(dlg, **GOOD)
    assert dlg.allocate() is None
    assert "database is locked" in dlg.error_text()
    assert dlg.allocated_code is None and not dlg.copy_button.isEnabled()


def test_without_library_allocation_is_disabled(make_dialog):
    dlg = make_dialog(library=None)
    _choose(dlg, **GOOD)
    assert not dlg.allocate_button.isEnabled()
    assert dlg.allocate() is None


def test_real_library_allocation(make_dialog, answer, tmp_path):
    from yimatong_plugin.core.library import open_library

    lib = open_library(str(tmp_path / "lib.gpkg"))
    try:
        dlg = make_dialog(library=lib, library_label=str(tmp_path / "lib.gpkg"))
        _choose(dlg, name="武陵区社区服务中心", **GOOD)
        dlg.source_combo.setCurrentIndex(dlg.source_combo.findData("annual_transfer_plan"))
        answer["yes"] = False  # the user declines: no serial is used up
        assert dlg.allocate() is None and lib.projects() == []
        answer["yes"] = True
        first = dlg.allocate()
        dlg.name_edit.setText("第二个项目")
        second = dlg.allocate()
        assert (first.serial, second.serial) == ("000001", "000002")
        # the project record was created with the code, in the same library
        record = lib.project(first)
        assert record["name"] == "武陵区社区服务中心"
        assert record["source"] == "annual_transfer_plan"
        assert lib.project(second)["name"] == "第二个项目"
    finally:
        lib.close()


def test_starts_with_no_type_chosen(make_dialog, answer):
    """No approval/project/supply type or land use is preselected: a click cannot allocate a
    code nobody chose; the target library is named."""
    lib = FakeLibrary()
    dlg = make_dialog(library=lib, library_label="/data/项目库.gpkg")
    for name in ("admin", "approval_type", "project_type", "supply_type", "land_use"):
        assert dlg.segment_value(name) == "", name
    assert dlg.segment_value("region") == "43"
    assert "/data/项目库.gpkg" in dlg.library_info.text()
    assert not dlg.allocate_button.isEnabled()
    dlg.name_edit.setText("某项目")
    assert not dlg.allocate_button.isEnabled()
    assert dlg.allocate() is None and lib.calls == [] and answer["asked"] == []


def test_starts_from_the_last_used_segments(make_dialog):
    dlg = make_dialog(library=FakeLibrary(), last_used={**GOOD, "source": "municipal_key"})
    assert dlg.values() == GOOD
    assert dlg.source_combo.currentData() == "municipal_key"
    assert dlg.name_edit.text() == ""  # the name is never carried over


def test_name_is_required_and_confirmation_names_everything(dialog, answer):
    _choose(dialog, name="", **GOOD)
    assert not dialog.allocate_button.isEnabled()
    assert dialog.allocate() is None and answer["asked"] == []
    dialog.name_edit.setText("城区学校扩建")
    assert dialog.allocate_button.isEnabled()
    answer["yes"] = False
    dialog.allocate_button.click()
    assert dialog.fake.calls == [] and dialog.allocated_code is None
    question = answer["asked"][0]
    default, buttons = answer["buttons"][0]
    assert default == "Cancel" and "Allocate and create project" in buttons  # safe default
    assert "43 430702 2024 03 01 12 0701" in question
    assert "/data/项目库.gpkg" in question and "城区学校扩建" in question
    answer["yes"] = True
    dialog.allocate_button.click()
    assert dialog.fake.projects[str(dialog.allocated_code)][0] == "城区学校扩建"
    assert dialog.last_used == {**GOOD, "source": dialog.source_combo.currentData()}


# -- division from the selected parcel ----------------------------------------------------------


def _divisions():
    layer = QgsVectorLayer(str(DEFAULT_DIVISION_LAYER), "divisions", "ogr")
    assert layer.isValid()
    return {f["adcode"]: f.geometry() for f in layer.getFeatures()}


def test_parcel_inside_one_division(make_dialog):
    taoyuan = _divisions()["430725"]
    square = QgsGeometry.fromRect(taoyuan.pointOnSurface().boundingBox().buffered(0.001))
    assert taoyuan.contains(square)
    dlg = make_dialog(library=FakeLibrary(), selected_geometry=lambda: (square, WGS))
    assert dlg.fill_division_from_parcel() == "430725"
    assert dlg.segment_value("admin") == "430725"


def test_parcel_straddling_two_divisions_asks(make_dialog, monkeypatch):
    divisions = _divisions()
    shared = divisions["430702"].intersection(divisions["430703"])  # the common border
    assert not shared.isEmpty()
    vertex = shared.vertexAt(len(list(shared.vertices())) // 2)
    point = QgsGeometry.fromPointXY(QgsPointXY(vertex.x(), vertex.y()))
    square = QgsGeometry.fromRect(point.boundingBox().buffered(0.002))
    asked = {}

    def fake_get_item(parent, title, label, items, current, editable):
        asked["items"] = items
        return next(item for item in items if "鼎城区" in item), True  # the user picks 鼎城区

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(fake_get_item))
    dlg = make_dialog(library=FakeLibrary(), selected_geometry=lambda: (square, WGS))
    shares = dlg.division_shares(square, WGS)
    codes = [c for c, _, _ in shares]
    assert {"430702", "430703"} <= set(codes)
    assert abs(sum(s for _, _, s in shares) - 1.0) < 0.01
    chosen = dlg.fill_division_from_parcel()
    assert len(asked["items"]) == len(shares) >= 2
    assert "%" in asked["items"][0] and ("武陵区" in " ".join(asked["items"]))
    assert chosen == "430703" and dlg.segment_value("admin") == "430703"  # 鼎城区


def test_no_selection_says_so(make_dialog):
    dlg = make_dialog(library=FakeLibrary(), selected_geometry=lambda: (None, None))
    assert dlg.fill_division_from_parcel() is None
    assert dlg.error_text()


def test_selected_parcel_geometry_from_the_active_layer(make_dialog):
    from yimatong_plugin.ui.code_dialog_open import selected_parcel_geometry

    layer = QgsVectorLayer("Polygon?crs=EPSG:4490", "parcels", "memory")
    taoyuan = _divisions()["430725"]
    square = QgsGeometry.fromRect(taoyuan.pointOnSurface().boundingBox().buffered(0.001))
    feature = QgsFeature(layer.fields())
    feature.setGeometry(square)
    layer.dataProvider().addFeatures([feature])

    # a stand-in for iface (no class: a class would keep the layer alive in a reference
    # cycle until after QGIS exits)
    iface = SimpleNamespace(activeLayer=lambda: layer)
    assert selected_parcel_geometry(iface) == (None, None)  # nothing selected
    layer.selectAll()
    geometry, crs = selected_parcel_geometry(iface)
    assert crs.authid() == "EPSG:4490" and geometry.equals(square)
    dlg = make_dialog(library=FakeLibrary(), selected_geometry=lambda: (geometry, crs))
    assert dlg.fill_division_from_parcel() == "430725"


def test_menu_opener_uses_the_library_of_the_settings(qgis_app, qgis_iface, answer, tmp_path):
    """open_code_dialog (the menu action) opens the configured library; allocate in it."""
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QTimer

    from yimatong_plugin.core.library import open_library
    from yimatong_plugin.ui.code_dialog_open import LAST_USED_KEY, open_code_dialog

    path = tmp_path / "settings_library.gpkg"
    settings = QgsSettings()
    settings.setValue("yimatong/library_uri", str(path))
    settings.remove(LAST_USED_KEY)
    seen = {}

    def drive():
        dlg = QApplication.activeModalWidget()
        seen["is_dialog"] = isinstance(dlg, CodeDialog)
        if isinstance(dlg, CodeDialog):
            seen["library"] = dlg.library_info.text()
            _choose(dlg, **GOOD)
            dlg.allocate_button.click()
            seen["code"] = str(dlg.allocated_code)
            dlg.reject()
        elif dlg is not None:
            dlg.close()

    try:
        QTimer.singleShot(200, drive)
        created = open_code_dialog(qgis_iface)
        assert [str(c) for c in created] == [seen["code"]]  # the panel refreshes on these
        # the next time, the dialog starts from these segments
        from yimatong_plugin.ui.code_dialog_open import load_last_used

        assert {k: v for k, v in load_last_used().items() if k != "source"} == GOOD
    finally:
        settings.remove("yimatong/library_uri")
        settings.remove(LAST_USED_KEY)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert seen == {
        "is_dialog": True,
        "library": str(path),
        "code": "4343070220240301120701000001",
    }
    lib = open_library(str(path))
    try:  # the serial was reserved in the library file
        assert str(lib.allocate_code(**{**GOOD, "year": 2024})).endswith("000002")
    finally:
        lib.close()
