"""What is wrong with a standard number, in the reader's language: the parser's code and parameters, rendered."""

import pytest
from django.utils import translation

from biaozhun.catalog.identifier_messages import EXPECTED, RULES, identifier_message, invalid_number_message
from biaozhun.identifiers import ERROR_CODES, IdentifierError, parse


def error_of(text: str) -> IdentifierError:
    with pytest.raises(IdentifierError) as caught:
        parse(text)
    return caught.value


@pytest.mark.parametrize("text, chinese, english", [
    ("GB/T 19001-20", "第 12 个字符处应为年代号（如 2016；两位数年代号只用于 1950—1999 年），实际为“20”",
     "at character 12: expected a year (e.g. 2016; two-digit years only for 1950-1999), found “20”"),
    ("GB/T", "第 5 个字符处“GB/T”之后应为标准顺序号，但标准号已结束",
     "at character 5: expected the number after “GB/T”, but the number ends there"),
    ("XX/T 1234-2020", "第 1 个字符处的行业标准代号“XX”不存在，请核对代号",
     "at character 1: there is no industry code “XX”; check the code"),
    ("DB99/T 1-2020", "第 3 个字符处的行政区划代码“99”不存在，请核对代码",
     "at character 3: there is no region code “99”; check the code"),
    ("GB 2762/XG1-2021", "第 8 个字符处：修改单（/XG）只能跟在带年代号的标准号之后",
     "at character 8: an amendment sheet (/XG) may only follow a number with its year"),
    ("GB/T 19001-2016 X", "第 16 个字符处标准号应已结束，实际为“空格”",
     "at character 16: the number should end here, found “a space”"),
    ("", "请填写标准号，如 GB/T 19001-2016", "Enter a standard number, e.g. GB/T 19001-2016"),
])
def test_errors_read_in_chinese_and_in_english(text, chinese, english):
    error = error_of(text)
    assert identifier_message(error) == chinese
    with translation.override("en"):
        assert identifier_message(error) == english
    assert str(error).startswith(f"at position {error.position}: ")  # the command line keeps its English


def test_every_code_of_the_parser_has_its_message():
    assert set(EXPECTED) | set(RULES) == set(ERROR_CODES)
    assert not set(EXPECTED) & set(RULES)


def test_an_unknown_code_still_says_where():
    error = IdentifierError(3, "something", "X", code="from_the_future")
    assert identifier_message(error) == "第 4 个字符处标准号格式有误"


def test_a_list_names_the_number_it_talks_about():
    assert invalid_number_message("GB/T 1-20", error_of("GB/T 1-20")).startswith("“GB/T 1-20”不是有效的标准号：第 8 个字符处")
