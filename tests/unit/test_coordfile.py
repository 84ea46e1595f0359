"""The surveyors' coordinate file (坐标 TXT): hand-written files read, refused with line numbers,
and written back (round trip to the file's precision)."""

import datetime as dt

import pytest
import shapely

from yimatong_plugin.core.coordfile import CoordFileError, read_coordfile
from yimatong_plugin.core.coordfile_writer import ExportParcel, encode_gbk, write_coordfile

META = """[属性描述]
格式版本号=1.01版本
数据产生单位=常德市勘测院
数据产生日期=2024-05-01
坐标系={crs}
几度分带=3
投影类型=高斯克吕格
计量单位=米
带号={zone}
精度=0.001
转换参数=,,,,,,
[地块坐标]
"""  # 12 lines: the first parcel header is line 13


def _file(body, crs="2000国家大地坐标系", zone="37", encoding="gbk", bom=b""):
    return bom + (META.format(crs=crs, zone=zone) + body).encode(encoding)


def _square(x0, y0, size, ring=1, first=1, prefix=37_000_000):
    """Point lines of a closed square (X north, Y east), numbered from J{first}."""
    pts = [(x0, y0), (x0, y0 + size), (x0 - size, y0 + size), (x0 - size, y0), (x0, y0)]
    out = []
    for i, (x, y) in enumerate(pts):
        n = first + (i if i < 4 else 0)
        out.append(f"J{n},{ring},{x:.3f},{y + prefix:.3f}")
    return out


# a 120 m square with a 20 m square hole (1.44 ha - 0.04 ha = 1.40 ha), and a second parcel
PARCEL_WITH_HOLE = "\n".join(
    ["10,1.4000,DK-1,一号地块,面,H49G001001,工业用地,1001,@"]
    + _square(3211000, 500000, 120)
    + _square(3210980, 500020, 20, ring=2, first=5)
)
SECOND = "\n".join(["5,0.2500,DK-2,二号地块,面,,商业用地,0901,@"] + _square(3210500, 500300, 50))


def test_gbk_file_with_hole_and_two_parcels_zone_prefixed():
    cf = read_coordfile(_file(PARCEL_WITH_HOLE + "\n" + SECOND + "\n"))
    assert cf.encoding == "GBK"
    assert cf.authid == "EPSG:4525"  # CGCS2000 3-degree GK zone 37, zone number in front of Y
    assert (cf.zone, cf.zone_width, cf.prefixed, cf.decimals) == (37, 3, True, 3)
    first, second = cf.parcels
    assert (first.number, first.name, first.use, first.class_code) == (
        "DK-1",
        "一号地块",
        "工业用地",
        "1001",
    )
    assert first.geometry.geom_type == "Polygon"
    assert (first.holes, first.parts) == (1, 1)
    assert first.area_m2 == pytest.approx(14_000.0)
    assert first.area_ok is True
    # x is the easting (Y as written), y the northing (X)
    assert first.geometry.bounds == (37_500_000.0, 3_210_880.0, 37_500_120.0, 3_211_000.0)
    assert second.line == 24 and second.area_m2 == pytest.approx(2_500.0)
    assert cf.area_warnings() == []


def test_unprefixed_eastings_take_the_zone_from_the_header():
    body = "\n".join(["5,0.2500,DK-2,二号地块,面,,,,@"] + _square(3210500, 500300, 50, prefix=0))
    cf = read_coordfile(_file(body, zone="37"))
    assert cf.authid == "EPSG:4546"  # CGCS2000 3-degree GK CM 111E, no zone number
    assert not cf.prefixed
    assert cf.parcels[0].geometry.bounds[0] == 500_300.0


def test_six_degree_zones_and_a_missing_zone_width():
    six = _file(SECOND, zone="19").replace("几度分带=3".encode("gbk"), "几度分带=6".encode("gbk"))
    six = six.replace(b",3750", b",1950")  # zone 19 in front of Y
    cf = read_coordfile(six)
    assert (cf.authid, cf.zone_width) == ("EPSG:4497", 6)  # CGCS2000 / Gauss-Kruger zone 19
    undeclared = _file(SECOND).replace("几度分带=3\n".encode("gbk"), b"")
    cf = read_coordfile(undeclared)
    assert cf.authid == "EPSG:4525"
    assert cf.notes[0] == "几度分带 missing: 3-degree zones from zone 37"


def test_utf8_with_bom_and_a_ring_outside_ring_1_is_a_second_part():
    body = "\n".join(
        ["10,0.5000,DK-3,三号,面,,,,@"]
        + _square(3211000, 500000, 50)
        + _square(3211000, 500100, 50, ring=2, first=5)
    )
    cf = read_coordfile(_file(body, encoding="utf-8", bom=b"\xef\xbb\xbf"))
    assert cf.encoding == "UTF-8"
    parcel = cf.parcels[0]
    assert parcel.geometry.geom_type == "MultiPolygon"
    assert (parcel.parts, parcel.holes) == (2, 0)
    assert parcel.area_m2 == pytest.approx(5_000.0)


def test_island_inside_a_hole_is_a_part():
    body = "\n".join(
        ["15,1.4100,DK-4,,面,,,,@"]
        + _square(3211000, 500000, 120)
        + _square(3210980, 500020, 60, ring=2, first=5)
        + _square(3210970, 500030, 10, ring=3, first=9)
    )
    parcel = read_coordfile(_file(body)).parcels[0]
    assert (parcel.parts, parcel.holes) == (2, 1)
    assert parcel.area_m2 == pytest.approx(14_400 - 3_600 + 100)


def _problems(data):
    with pytest.raises(CoordFileError) as info:
        read_coordfile(data)
    return [(p.line, p.message) for p in info.value.problems], str(info.value)


def test_wrong_point_count_names_the_header_line_and_nothing_is_returned():
    bad = SECOND.replace("5,0.2500", "6,0.2500")
    problems, text = _problems(_file(PARCEL_WITH_HOLE + "\n" + bad + "\n"))
    assert problems == [(24, "界址点数 is 6 but 5 point lines follow (lines 25-29)")]
    assert text.startswith("line 24: ")


def test_ring_left_open_names_its_last_line():
    lines = SECOND.split("\n")
    body = "\n".join(["4" + lines[0][1:]] + lines[1:5])  # the closing J1 is missing
    problems, _ = _problems(_file(body))
    assert problems == [
        (17, "ring 1 is left open: its last point does not repeat its first point (line 14)")
    ]
    # an open ring followed by another ring number
    body = "\n".join(
        ["9,1.4000,DK-1,,面,,,,@"]
        + _square(3211000, 500000, 120)[:4]
        + _square(3210980, 500020, 20, ring=2, first=5)
    )
    problems, _ = _problems(_file(body))
    assert problems[0][0] == 17 and "ring 1 is left open" in problems[0][1]


def test_each_malformed_line_is_named():
    lines = SECOND.split("\n")
    body = "\n".join(
        [lines[0].replace(",面,", ",多边形,"), lines[1], lines[2].replace("3210500", "32105OO")]
        + lines[3:]
        + ["J9,1,3210500.000"]
    )
    problems, _ = _problems(_file(body))
    lines_named = [p[0] for p in problems]
    assert 13 in lines_named and 15 in lines_named and 19 in lines_named
    texts = {line: " | ".join(m for n, m in problems if n == line) for line in lines_named}
    assert "unknown 图形属性 '多边形'" in texts[13]
    assert "界址点数 is 5 but 6 point lines follow (lines 14-19)" in texts[13]
    assert "'32105OO.000' is not a number" in texts[15]
    assert "needs 点号,圈号,X,Y (3 fields found)" in texts[19]


def test_missing_sections_and_line_records_are_refused():
    problems, _ = _problems(b"J1,1,3211000,37500000\n")
    messages = [m for _l, m in problems]
    assert "the section [属性描述] is missing" in messages
    assert "the section [地块坐标] is missing" in messages
    line_record = SECOND.replace(",面,", ",线,")
    problems, _ = _problems(_file(line_record))
    assert problems == [(13, "图形属性 '线': only 面 (polygon) records are parcels")]


@pytest.mark.parametrize(
    ("crs", "needle"),
    [
        ("1980西安坐标系", "(西安80) is not converted"),
        ("北京54坐标系", "(北京54) is not converted"),
    ],
)
def test_xian80_and_beijing54_are_refused_not_treated_as_cgcs2000(crs, needle):
    problems, _ = _problems(_file(SECOND, crs=crs))
    assert problems[0][0] == 5 and needle in problems[0][1]


def test_zone_conflicts_and_unknown_zone_are_refused():
    problems, _ = _problems(_file(SECOND, zone="38"))
    assert problems == [(9, "带号 38 contradicts the zone number 37 in front of Y")]
    body = "\n".join(["5,0.2500,DK-2,,面,,,,@"] + _square(3210500, 500300, 50, prefix=0))
    problems, _ = _problems(_file(body, zone=""))
    assert problems == [
        (9, "带号 is missing and Y has no zone number in front: the zone is unknown")
    ]


def test_swapped_x_and_y_are_named():
    swapped = "\n".join(
        ["5,0.2500,DK-2,,面,,,,@"]
        + [
            f"{a},{b},{d},{c}"
            for a, b, c, d in (ln.split(",") for ln in _square(3210500, 500300, 50, prefix=0))
        ]
    )
    problems, _ = _problems(_file(swapped))
    assert problems[0][0] == 14 and "are X and Y swapped?" in problems[0][1]


def test_declared_area_beyond_the_tolerance_is_reported():
    body = SECOND.replace("0.2500", "0.2600")  # 2,600 m² declared, 2,500 m² drawn
    cf = read_coordfile(_file(body))
    assert cf.parcels[0].area_ok is False
    assert cf.parcels[0].area_diff_m2 == pytest.approx(-100.0)
    (warning,) = cf.area_warnings()
    assert warning.line == 13 and "difference -100.00 m²" in warning.message
    # within 1 m² (the 4 decimals of 公顷) it is not
    assert read_coordfile(_file(SECOND.replace("0.2500", "0.2501"))).parcels[0].area_ok is True


def test_round_trip_reproduces_the_geometry_to_the_file_precision():
    hole = shapely.Polygon(
        [
            (500000.1234, 3211000.9876),
            (500120.5, 3211000.2),
            (500119.7, 3210880.3),
            (500000, 3210881),
        ],
        [[(500020, 3210980), (500040, 3210980), (500040, 3210960), (500020, 3210960)]],
    )
    other = shapely.MultiPolygon(
        [
            shapely.box(500300, 3210450, 500350, 3210500),
            shapely.box(500400, 3210450, 500410, 3210460),
        ]
    )
    parcels = [
        ExportParcel(
            shapely.affinity.translate(hole, 37_000_000), "DK-1", "一号地块", use="工业用地"
        ),
        ExportParcel(shapely.affinity.translate(other, 37_000_000), "DK,2", "二号"),
    ]
    text = write_coordfile(parcels, zone=37, prefixed=True, decimals=3, date=dt.date(2024, 5, 1))
    data = encode_gbk(text)
    assert "J1,1,3211000.988,37500000.123" in text
    cf = read_coordfile(data)
    assert cf.authid == "EPSG:4525" and cf.decimals == 3
    assert [p.number for p in cf.parcels] == ["DK-1", "DK，2"]  # a comma cannot split the header
    for written, read in zip(parcels, cf.parcels):
        assert shapely.hausdorff_distance(written.geometry, read.geometry) <= 0.0005 * 2**0.5
        assert read.area_ok is True
    assert (cf.parcels[0].holes, cf.parcels[1].parts) == (1, 2)


def test_writer_refuses_characters_gbk_lacks():
    text = write_coordfile(
        [ExportParcel(shapely.box(37500000, 3210000, 37500010, 3210010), "𠀀")], 37
    )
    with pytest.raises(CoordFileError) as info:
        encode_gbk(text)
    assert info.value.problems[0].line == 13


def test_writer_refuses_a_parcel_that_rounding_makes_invalid():
    shell = [(37500000, 3210000), (37500010, 3210000), (37500010, 3210010), (37500000, 3210010)]
    # a hole 0.4 mm inside the shell's east edge: on it once rounded to millimetres
    hole = [(37500005, 3210004), (37500009.9996, 3210004), (37500009.9996, 3210006),
            (37500005, 3210006)]  # fmt: skip
    parcel = ExportParcel(shapely.Polygon(shell, [hole]), "DK-9")
    assert parcel.geometry.is_valid
    with pytest.raises(CoordFileError) as info:
        write_coordfile([parcel], 37, decimals=3)
    assert "parcel DK-9 is not a valid polygon with 3 decimals" in str(info.value)
    assert "DK-9" in write_coordfile([parcel], 37, decimals=4)
