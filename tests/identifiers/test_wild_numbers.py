"""Numbers as they appear in real files: a missing number, a doubled code, alphanumeric group numbers with hyphen
groups, and part ranges. Each is read, or refused with its own code and a message that says what to do."""

import pytest
from django.utils import translation

from biaozhun.catalog.identifier_messages import identifier_message
from biaozhun.identifiers import IdentifierError, default_tables, expand_part_range, normalise, parse
from biaozhun.identifiers.api import parse_full
from biaozhun.identifiers.ranges import MAX_RANGE_PARTS


def _error(text: str) -> IdentifierError:
    with pytest.raises(IdentifierError) as caught:
        parse(text)
    return caught.value


@pytest.mark.parametrize("text", ["GB/T -2006", "GB/T—2006", "GB/T－2006", "gb/t -2006", "DB11/T-2019", "JB/T -2015",
                                  "T/CAS -2020", "DB3301/T —2021"])
def test_a_year_without_a_number_is_refused_never_read_as_the_number(text):
    error = _error(text)
    assert error.code == "year_without_number"
    with translation.override("zh-hans"):
        assert "缺少标准顺序号" in identifier_message(error)


def test_a_hyphen_before_a_real_number_still_reads():
    assert parse("GB/T-19001-2016").canonical == "GB/T 19001-2016"
    assert parse("JB/T-10001").canonical == "JB/T 10001"  # not a year: the number of an undated citation
    assert parse("GB/T 2006").canonical == "GB/T 2006"  # written without a hyphen it is a number


@pytest.mark.parametrize(("text", "canonical"), [
    ("T/ABC T/ABC 001-2020", "T/ABC 001-2020"),
    ("T/CECA-G T/CECA-G 0123-2021", "T/CECA-G 0123-2021"),
    ("GB/T GB/T 19001-2016", "GB/T 19001-2016"),
    ("DB33/T DB33/T 1303-2023", "DB33/T 1303-2023"),
    ("JB/T JB/T 10001-2018", "JB/T 10001-2018"),
])
def test_a_code_written_twice_reads_once(text, canonical):
    assert parse(text).canonical == canonical


def test_two_different_codes_are_refused_at_the_second():
    error = _error("T/ABC T/ABD 001-2020")
    assert (error.code, error.position) == ("number", 6)


@pytest.mark.parametrize(("text", "number", "part", "year"), [
    ("T/XYZ AB12-003.2—2024", "AB12-003", "2", 2024),
    ("T/XYZ AB12-003-2024", "AB12-003", None, 2024),
    ("T/CSAE 12-1-2021", "12-1", None, 2021),
    ("T/ZZB 0789-01.3-2019", "0789-01", "3", 2019),
    ("Q/ABC 001-01-2020", "001-01", None, 2020),
    ("T/CAS 115-2005", "115", None, 2005),
    ("T/XYZ AB12.2-2024", "AB12", "2", 2024),
])
def test_alphanumeric_group_numbers_keep_their_hyphen_groups(text, number, part, year):
    ident = parse(text)
    assert (ident.number, ident.part, ident.year) == (number, part, year)
    assert parse_full(text) == ident
    assert parse(ident.canonical) == ident


def test_a_group_number_ending_in_a_short_group_is_a_bad_year_not_a_number():
    assert _error("T/ABC 001-20").code == "year"


@pytest.mark.parametrize(("text", "count", "first", "last"), [
    ("GB/T 1234.1~7-2005", 7, "GB/T 1234.1-2005", "GB/T 1234.7-2005"),
    ("GB/T 1234.1～1234.7—2005", 7, "GB/T 1234.1-2005", "GB/T 1234.7-2005"),
    ("GB/T 1234.1 〜 3", 3, "GB/T 1234.1", "GB/T 1234.3"),
    ("GB/T 4208.2.1~3-2010", 3, "GB/T 4208.2.1-2010", "GB/T 4208.2.3-2010"),
    ("DB44/T 100.2~4-2019", 3, "DB44/T 100.2-2019", "DB44/T 100.4-2019"),
])
def test_a_part_range_is_refused_naming_its_parts(text, count, first, last):
    error = _error(text)
    assert error.code == "part_range"
    assert error.params["count"] == str(count)
    assert (error.params["first"], error.params["last"]) == (first, last)
    with translation.override("zh-hans"):
        message = identifier_message(error)
    assert first in message and last in message and "单列" in message
    parts = expand_part_range(text)
    assert [p.canonical for p in parts][0] == first and parts[-1].canonical == last and len(parts) == count


@pytest.mark.parametrize("text", ["GB/T 1234.3~1-2005", "GB/T 1234.3~3-2005", "GB/T 1234.3~-2005"])
def test_a_range_that_does_not_go_up_is_refused(text):
    assert _error(text).code == "part_range_order"


def test_a_very_long_range_is_not_expanded():
    text = f"GB/T 1234.1~{MAX_RANGE_PARTS + 1}-2005"
    with pytest.raises(IdentifierError):
        expand_part_range(text)
    assert expand_part_range("GB/T 1234.1-2005") is None
    assert _error("GB/T 1234.1~").code == "part_range_order"


@pytest.mark.parametrize("text", ["GB/T 1234.1 ~ 7-2005", "GB/T 1234.1〜7", "T/ABC T/ABC 001-2020"])
def test_normalise_stays_a_fixed_point(text):
    once = normalise(text)
    assert normalise(once) == once


def test_the_shipped_tables_are_used_by_default():
    assert parse("DB1331/T 025.1-2022", default_tables()).region_code == "1331"
    assert parse("DB3712/T 001-2010").region_code == "3712"  # 莱芜, abolished 2019: old standards still read
