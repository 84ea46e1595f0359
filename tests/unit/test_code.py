"""The 28-digit project code: round trips (hypothesis) and one test per bad-input class."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yimatong_plugin.core.code import (
    SEGMENTS,
    YEAR_MAX_AHEAD,
    YEAR_MIN,
    CodeError,
    ProjectCode,
    build_prefix,
    is_valid_code,
    looks_like_unit_number,
    parse_code,
    segment_key,
)
from yimatong_plugin.core.dictionaries import load_dictionaries

DICTS = load_dictionaries()
LEVEL2 = sorted(c for c in DICTS["land_use"] if len(c) == 4)
EXAMPLE = "43 430702 2024 03 01 12 0701 000123"
UNIT_NUMBER = "430702001002GB00001F00010001"
THIS_YEAR = datetime.date.today().year


def _sorted(key):
    return sorted(DICTS[key])


codes = st.builds(
    ProjectCode,
    region=st.sampled_from(_sorted("region")),
    admin=st.sampled_from(_sorted("admin")),
    year=st.integers(YEAR_MIN, THIS_YEAR + YEAR_MAX_AHEAD).map(str),
    approval_type=st.sampled_from(_sorted("approval_type")),
    project_type=st.sampled_from(_sorted("project_type")),
    supply_type=st.sampled_from(_sorted("supply_type")),
    land_use=st.sampled_from(LEVEL2),
    serial=st.integers(1, 999_999).map(lambda n: f"{n:06d}"),
)


def _replace(code_text, segment, value):
    parts = dict(zip([n for n, _ in SEGMENTS], code_text.split()))
    parts[segment] = value
    return " ".join(parts.values())


def _error(text, **kwargs):
    with pytest.raises(CodeError) as info:
        parse_code(text, **kwargs)
    return info.value


# -- round trips -----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(codes)
def test_str_parse_round_trip(code):
    text = str(code)
    assert len(text) == 28 and text.isdigit()
    assert parse_code(text) == code
    assert code.prefix == text[:22]


@settings(max_examples=300, deadline=None)
@given(codes, st.sampled_from([" ", "-", " - ", "  "]))
def test_display_parse_round_trip(code, separator):
    assert parse_code(code.display()) == code
    assert parse_code(code.display(separator)) == code
    assert code.display().split() == [getattr(code, name) for name, _ in SEGMENTS]


@settings(max_examples=200, deadline=None)
@given(codes)
def test_build_prefix_and_from_prefix_round_trip(code):
    segs = code.segments()
    serial = int(segs.pop("serial"))
    prefix = build_prefix(**{**segs, "year": int(segs["year"])})
    assert prefix == code.prefix
    assert ProjectCode.from_prefix(prefix, serial) == code


def test_example_from_the_domain_note():
    code = parse_code(EXAMPLE)
    assert str(code) == "4343070220240301120701000123"
    assert code.display() == EXAMPLE
    assert code.prefix == "4343070220240301120701"
    assert (code.admin, code.year, code.land_use, code.serial) == (
        "430702",
        "2024",
        "0701",
        "000123",
    )
    assert parse_code("43-430702-2024-03-01-12-0701-000123") == code
    assert parse_code("  4343070220240301120701000123\n") == code
    # coarser grouping along segment boundaries is fine (prefix + serial)
    assert parse_code("4343070220240301120701 000123") == code


def test_segment_names_and_chinese_labels():
    code = parse_code(EXAMPLE)
    assert code.segment("admin") == "430702"
    assert code.segment("行政区划代码") == "430702"
    assert code.segment("流水号") == "000123"
    assert segment_key("供地类型") == "supply_type"
    with pytest.raises(KeyError):
        segment_key("nonsense")


def test_from_prefix_serial_limits():
    assert str(ProjectCode.from_prefix("4343070220240301120701", 999_999)).endswith("999999")
    for serial in (0, 1_000_000, -1):
        with pytest.raises(CodeError) as info:
            ProjectCode.from_prefix("4343070220240301120701", serial)
        assert info.value.segment == "serial"
    with pytest.raises(CodeError):
        ProjectCode.from_prefix("43430702", 1)


# -- one test per bad-input class ------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["434307022024030112070100012", "43430702202403011207010001234", "43"]
)
def test_wrong_length(text):
    error = _error(text)
    assert error.segment is None
    assert "28 digits" in str(error) and str(len(text)) in str(error)


def test_non_digit_names_position_and_segment():
    error = _error("43430702202A0301120701000123")
    assert error.segment == "year"
    assert "'A'" in str(error) and "position 12" in str(error)
    assert _error("43 430702 2024 03 01 12 07O1 000123").segment == "land_use"


def test_unknown_division():
    error = _error(_replace(EXAMPLE, "admin", "430799"))
    assert error.segment == "admin" and "430799" in str(error)
    # a prefecture-level code is not a county-level division
    assert _error(_replace(EXAMPLE, "admin", "430700")).segment == "admin"


@pytest.mark.parametrize("year", ["1948", "0000", str(THIS_YEAR + YEAR_MAX_AHEAD + 1), "9999"])
def test_implausible_year(year):
    error = _error(_replace(EXAMPLE, "year", year))
    assert error.segment == "year"
    assert year in str(error) and str(YEAR_MIN) in str(error)


def test_year_bounds_are_accepted():
    for year in (YEAR_MIN, THIS_YEAR + YEAR_MAX_AHEAD):
        assert parse_code(_replace(EXAMPLE, "year", str(year))).year == str(year)


@pytest.mark.parametrize(
    "segment,word",
    [
        ("approval_type", "approval type"),
        ("project_type", "project type"),
        ("supply_type", "land-supply type"),
    ],
)
def test_unknown_bureau_segments(segment, word):
    error = _error(_replace(EXAMPLE, segment, "77"))
    assert error.segment == segment
    assert word in str(error) and "77" in str(error)


def test_unknown_region():
    assert _error(_replace(EXAMPLE, "region", "99")).segment == "region"


@pytest.mark.parametrize("land_use", ["0700", "0799", "1600", "0508"])
def test_land_use_not_level_2(land_use):
    error = _error(_replace(EXAMPLE, "land_use", land_use))
    assert error.segment == "land_use"
    assert "level-2" in str(error) and land_use in str(error)


def test_level_1_land_use_named_as_such():
    assert "level-1" in str(_error(_replace(EXAMPLE, "land_use", "0700")))


def test_serial_zero():
    error = _error(_replace(EXAMPLE, "serial", "000000"))
    assert error.segment == "serial" and "000000" in str(error)


@pytest.mark.parametrize(
    "text",
    [
        UNIT_NUMBER,
        "430702 001002 GB00001 F00010001",
        "430703003001JC00012W00000000",
        "430781002005GH00003Q00000001",
    ],
)
def test_real_estate_unit_number_is_named(text):
    assert looks_like_unit_number(text)
    error = _error(text)
    assert error.segment is None
    assert "real-estate unit number" in str(error) and "不动产单元号" in str(error)


def test_looks_like_unit_number_rejects_others():
    assert not looks_like_unit_number(EXAMPLE)
    assert not looks_like_unit_number("430702001002GB00001F0001000")  # 27 chars
    assert not looks_like_unit_number("430702001002GB00001X00010001")  # X is no fixture code
    assert not looks_like_unit_number(None)


def test_grouping_that_splits_a_segment():
    error = _error("4343 0702 2024 03 01 12 0701 000123")
    assert error.segment == "admin" and "2-6-4-2-2-2-4-6" in str(error)


def test_empty_input():
    assert _error("").segment is None
    assert _error("   ").segment is None
    assert _error(None).segment is None


def test_code_error_is_value_error():
    assert issubclass(CodeError, ValueError)
    assert not is_valid_code("43")
    assert is_valid_code(EXAMPLE)


# -- build_prefix ----------------------------------------------------------------------------


GOOD = dict(
    region="43",
    admin="430702",
    year=2024,
    approval_type="03",
    project_type="01",
    supply_type="12",
    land_use="0701",
)


def test_build_prefix_accepts_int_year_and_checks_every_segment():
    assert build_prefix(**GOOD) == "4343070220240301120701"
    assert build_prefix(**{**GOOD, "year": "2024"}) == "4343070220240301120701"
    for segment, bad in [
        ("region", "4"),
        ("admin", "430799"),
        ("year", 1800),
        ("approval_type", "77"),
        ("project_type", "7x"),
        ("supply_type", ""),
        ("land_use", "07"),
    ]:
        with pytest.raises(CodeError) as info:
            build_prefix(**{**GOOD, segment: bad})
        assert info.value.segment == segment, (segment, bad)


def test_validation_uses_given_dictionaries():
    dicts = load_dictionaries()
    dicts["supply_type"]["77"] = "测试"
    assert parse_code(_replace(EXAMPLE, "supply_type", "77"), dicts).supply_type == "77"
    assert not is_valid_code(_replace(EXAMPLE, "supply_type", "77"))


def test_project_code_checks_structure():
    with pytest.raises(CodeError) as info:
        ProjectCode("43", "43070", "2024", "03", "01", "12", "0701", "000123")
    assert info.value.segment == "admin"
    with pytest.raises(CodeError):
        ProjectCode("43", "430702", "２０２４", "03", "01", "12", "0701", "000123")


def test_segment_errors_reports_every_failing_segment():
    from yimatong_plugin.core.code import segment_errors

    assert segment_errors(GOOD) == {}
    errors = segment_errors({**GOOD, "admin": "430799", "year": "19", "land_use": "0700"})
    assert set(errors) == {"admin", "year", "land_use"}
    assert all(isinstance(e, CodeError) and e.segment == name for name, e in errors.items())
    assert "4" in str(errors["year"])  # "must be 4 digits"


def test_fast_and_slow_paths_agree():
    # standard grouping (fast path) and unusual separators/grouping (slow path)
    code = parse_code(EXAMPLE)
    for text in [
        "43\u3000430702\u30002024\u300003\u300001\u300012\u30000701\u3000000123",
        "434307022024 030112 0701000123",
        "43\t430702\t2024\t03\t01\t12\t0701\t000123",
    ]:
        assert parse_code(text) == code
    assert _error("43 430702 2024 03 01 12 0701 000000").segment == "serial"
