"""Issue 16 item 6: the classification of zoning codes, told from the layer's whole code set."""

import pytest

from yimatong_plugin.core import zoning_scheme as zs


def test_sandiao_codes_are_read_as_sandiao():
    assert zs.normalise("1001", zs.SANDIAO) == "1201"  # 铁路用地
    assert zs.normalise("0601", zs.SANDIAO) == "1001"  # 工业用地
    assert zs.normalise("0101", zs.SANDIAO) == "0101"  # 水田, same in both lists
    assert zs.normalise("0307K", zs.SANDIAO) == "0304"
    assert zs.normalise("10", zs.SANDIAO) == "12"
    assert zs.normalise("1301", zs.SANDIAO) is None  # not a 三调 code
    assert zs.normalise("1001", zs.Y2023) == "1001"  # 工业用地


@pytest.mark.parametrize(
    ("codes", "scheme"),
    [
        (["1001", "1301"], zs.Y2023),  # 13 公用设施用地 exists only in 2023
        (["1001", "070101", "08H1"], zs.Y2023),  # a 2023 layer with 三调 working codes
        (["1001", "0810"], zs.SANDIAO),  # 0810 公园与绿地 exists only in 三调
        (["1104A", "0101"], zs.SANDIAO),
        (["0101", "0701"], zs.Y2023),  # same meaning in both lists: it does not matter
    ],
)
def test_detect_from_the_code_set(codes, scheme):
    assert zs.detect(codes)[0] == scheme


def test_codes_that_differ_and_cannot_be_told_are_refused():
    with pytest.raises(zs.ZoningSchemeError, match="1001"):
        zs.detect(["1001", "0101"])
