"""Code lists: bundled defaults, the reproducible division list, overrides, broken files."""

import importlib.util
import shutil
from pathlib import Path

import pytest

from yimatong_plugin.core.code import CodeError, parse_code
from yimatong_plugin.core.dictionaries import (
    BUNDLED_DIR,
    DictionaryError,
    load_dictionaries,
    normalise_land_use,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "43 430702 2024 03 01 12 0701 000123"
KEYS = {"region", "admin", "approval_type", "project_type", "supply_type", "land_use"}


def test_bundled_lists_have_every_key_and_chinese_names():
    dicts = load_dictionaries()
    assert KEYS <= set(dicts)
    for key in KEYS:
        assert dicts[key], key
        assert all(name.strip() for name in dicts[key].values())
    assert dicts["supply_type"]["10"] == "划拨"
    assert dicts["land_use"]["0701"] == "城镇住宅用地"


def test_changde_divisions_complete():
    admin = load_dictionaries()["admin"]
    changde = {c: n for c, n in admin.items() if c.startswith("4307")}
    assert changde == {
        "430702": "武陵区",
        "430703": "鼎城区",
        "430721": "安乡县",
        "430722": "汉寿县",
        "430723": "澧县",
        "430724": "临澧县",
        "430725": "桃源县",
        "430726": "石门县",
        "430781": "津市市",
    }
    assert len(admin) > 2800  # the whole country
    assert admin["110101"] == "东城区" and admin["429004"] == "仙桃市"
    assert all(code[2:] != "0000" for code in admin)


def test_division_list_is_reproducible(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "gen_divisions", ROOT / "scripts" / "gen_divisions.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    target = tmp_path / "admin.csv"
    assert module.main(["gen_divisions.py", str(target)]) == 0
    assert target.read_bytes() == (BUNDLED_DIR / "admin.csv").read_bytes()


def test_land_use_levels_1_to_3():
    land_use = load_dictionaries()["land_use"]
    level1 = [c for c in land_use if len(c) == 2]
    level2 = [c for c in land_use if len(c) == 4]
    level3 = [c for c in land_use if len(c) == 6]
    assert len(level1) == 24 and sorted(level1) == [f"{i:02d}" for i in range(1, 25)]
    assert {"0101", "0205", "0507", "1208", "1312", "1507", "1706", "2307"} <= set(level2)
    assert land_use["070102"] == "二类城镇住宅用地"
    assert land_use["100103"] == "三类工业用地"
    assert land_use["110101"] == "一类物流仓储用地"
    assert all(c[:-2] in land_use for c in level2 + level3)


@pytest.mark.parametrize(
    "code,expected",
    [
        ("05H1", "09"),
        ("08H1", "08"),
        ("08H2", "08"),
        ("0508", "1101"),
        ("1104A", "1704"),
        ("0307K", "0304"),
        ("0701", "0701"),
        ("070101", "070101"),
        ("1001", "1001"),
        ("701", "0701"),
        (701, "0701"),
        ("05h1", "09"),
        ("9999", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_land_use(code, expected):
    assert normalise_land_use(code) == expected


def test_aliases_exposed_and_point_into_the_land_use_list():
    dicts = load_dictionaries()
    aliases = dicts["land_use_aliases"]
    assert aliases["1104A"] == "1704"
    assert all(target in dicts["land_use"] for target in aliases.values())
    assert not set(aliases) & set(dicts["land_use"])


def test_load_returns_a_fresh_copy():
    first = load_dictionaries()
    first["admin"].clear()
    assert load_dictionaries()["admin"]


# -- bureau overrides ------------------------------------------------------------------------


def test_folder_overrides_only_the_files_it_has(tmp_path):
    (tmp_path / "supply_type.csv").write_text(
        "code,name\n10,划拨\n77,局定供地方式\n", encoding="utf-8"
    )
    (tmp_path / "region.csv").write_text("\ufeffcode,name\n43,常德\n88,测试区\n", encoding="utf-8")
    dicts = load_dictionaries(tmp_path)
    assert dicts["supply_type"] == {"10": "划拨", "77": "局定供地方式"}
    assert dicts["region"]["88"] == "测试区"
    assert dicts["admin"] == load_dictionaries()["admin"]  # bundled fallback
    code = parse_code("88 430702 2024 03 01 77 0701 000001", dicts)
    assert code.supply_type == "77"
    with pytest.raises(CodeError) as info:
        parse_code(EXAMPLE, dicts)  # 12 is not in the bureau's supply list
    assert info.value.segment == "supply_type"


def test_edited_override_is_picked_up(tmp_path):
    path = tmp_path / "project_type.csv"
    path.write_text("code,name\n01,甲\n", encoding="utf-8")
    assert load_dictionaries(tmp_path)["project_type"] == {"01": "甲"}
    path.write_text("code,name\n01,甲\n02,乙\n", encoding="utf-8")
    import os

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    assert load_dictionaries(tmp_path)["project_type"] == {"01": "甲", "02": "乙"}


def test_missing_folder(tmp_path):
    with pytest.raises(DictionaryError) as info:
        load_dictionaries(tmp_path / "nope")
    assert "nope" in str(info.value)


# -- broken files: each error names the file and the line --------------------------------------


def _broken(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(DictionaryError) as info:
        load_dictionaries(tmp_path)
    error = info.value
    assert isinstance(error, ValueError)
    assert str(path) in str(error) and error.path == str(path)
    return error


def test_bad_header(tmp_path):
    error = _broken(tmp_path, "supply_type.csv", "代码,名称\n10,划拨\n")
    assert error.line == 1 and "header" in str(error) and "line 1" in str(error)


def test_empty_file(tmp_path):
    assert _broken(tmp_path, "region.csv", "").line == 1


def test_wrong_code_width(tmp_path):
    error = _broken(tmp_path, "admin.csv", "code,name\n430702,武陵区\n43070,鼎城\n")
    assert error.line == 3 and "43070" in str(error) and "6 digits" in str(error)


def test_non_digit_code(tmp_path):
    assert _broken(tmp_path, "approval_type.csv", "code,name\n0A,甲\n").line == 2


def test_duplicate_code(tmp_path):
    error = _broken(tmp_path, "project_type.csv", "code,name\n01,甲\n02,乙\n\n01,丙\n")
    assert error.line == 5 and "duplicate" in str(error) and "line 2" in str(error)


def test_empty_name(tmp_path):
    error = _broken(tmp_path, "supply_type.csv", "code,name\n10,划拨\n21, \n")
    assert error.line == 3 and "empty name" in str(error)


def test_wrong_column_count(tmp_path):
    assert _broken(tmp_path, "supply_type.csv", "code,name\n10,划拨,多余\n").line == 2


def test_bad_encoding_gbk(tmp_path):
    content = "code,name\n10,划拨\n20,出让\n".encode("gbk")
    error = _broken(tmp_path, "supply_type.csv", content)
    assert error.line == 2 and "UTF-8" in str(error)


def test_land_use_needs_parents(tmp_path):
    shutil.copy(BUNDLED_DIR / "land_use.csv", tmp_path / "land_use.csv")
    with open(tmp_path / "land_use.csv", "a", encoding="utf-8") as fh:
        fh.write("2599,无上级\n")
    error = _broken(tmp_path, "land_use.csv", (tmp_path / "land_use.csv").read_bytes())
    assert "2599" in str(error) and "25" in str(error)


def test_alias_pointing_nowhere(tmp_path):
    error = _broken(tmp_path, "land_use_aliases.csv", "code,land_use,name\n05H1,0999,商服\n")
    assert error.line == 2 and "0999" in str(error)


def test_alias_shadowing_a_land_use_code(tmp_path):
    error = _broken(tmp_path, "land_use_aliases.csv", "code,land_use,name\n1001,1201,铁路用地\n")
    assert error.line == 2 and "1001" in str(error)
