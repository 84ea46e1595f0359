"""core/presentation.py: the one display form of codes, stages and sources."""

from yimatong_plugin.core import code as code_module
from yimatong_plugin.core import presentation as p

CODE = "4343070220240301120701000123"


def test_grouped_code_bare_and_grouped_forms():
    assert p.format_code(CODE) == "43 430702 2024 03 01 12 0701 000123"
    assert p.format_code("43-430702-2024-03-01-12-0701-000123") == (
        "43 430702 2024 03 01 12 0701 000123"
    )
    # another bureau's lists: grouped without the code-list checks
    assert p.format_code("9999999920240399990000000001") == "99 999999 2024 03 99 99 0000 000001"


def test_not_a_code_is_shown_as_it_is_or_refused_by_grouped_code():
    for text in ("12345", "430702001002GB00001F00010001", "abc"):
        assert p.format_code(text) == text
        assert p.grouped_code(text) is None
    assert p.format_code(None) == ""
    assert p.grouped_code(None) is None


def test_one_formatter_everywhere():
    from yimatong_plugin.core.code import format_code, parse_code

    assert format_code is p.format_code is p.display_code
    assert code_module.format_code is p.format_code
    assert parse_code(CODE).display() == p.format_code(CODE)


def test_stage_and_source_labels():
    assert p.stage_label("supply") == "供地"
    assert p.stage_label("unknown_stage") == "unknown_stage"
    assert p.stage_label(None) == ""
    assert p.source_label("municipal_key") == "市级重点项目"
    assert p.source_label("elsewhere") == "elsewhere"
    assert p.source_label(None) == ""


def test_area_unit_from_its_stored_key():
    import pytest

    from yimatong_plugin.core.units import AreaUnit

    assert AreaUnit.from_key("ha").to_m2(1.5) == 15_000.0
    assert AreaUnit.from_key("mu") is AreaUnit.MU
    assert AreaUnit.from_key("m2").format(1234.5, 1) == "1,234.5 平方米"
    with pytest.raises(KeyError):
        AreaUnit.from_key("acre")
