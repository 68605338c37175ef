"""The plan-text reader (biaozhun/rules/plan_text.py) on the real 2019 plan and on generated variants of plan texts:
full-width numbering, items wrapped over several lines, CRLF, a byte-order mark, blank lines, numbering from 1 in
each section, and the errors for text it cannot place."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.rules.plan_text import PlanTextError, chinese_number, parse_plan

SEED = Path(__file__).resolve().parents[2] / "biaozhun" / "workplan" / "demo" / "2019-work-points.txt"
HEADINGS_2019 = [
    "深化标准化工作改革，建设更加科学合理的标准体系",
    "全面提升标准水平，建设更加先进适用的标准体系",
    "着力强化标准实施与监督，建设更高效能的标准体系",
    "大力推进国际标准化工作，建设更加开放兼容的标准体系",
    "提升标准化基础能力水平，建设更加保障有力的标准体系",
]


@pytest.fixture(scope="module")
def plan_2019():
    return parse_plan(SEED.read_text(encoding="utf-8"))


def test_the_2019_plan_has_123_items_in_5_parts_with_their_headings(plan_2019):
    assert len(plan_2019.items) == 123
    assert [part.heading for part in plan_2019.parts] == HEADINGS_2019
    assert [item.number for item in plan_2019.items] == list(range(1, 124))
    assert plan_2019.numbered_through
    assert plan_2019.title == "2019年全国标准化工作要点"


def test_the_2019_plan_sections_and_their_item_counts(plan_2019):
    counts = [[len(section.items) for section in part.sections] for part in plan_2019.parts]
    assert counts == [[3, 4, 5, 5, 4, 4], [7, 3, 6, 6, 5, 5, 6], [4, 5, 3], [5, 6, 6, 4], [4, 6, 5, 7, 3, 2]]
    assert plan_2019.parts[3].sections[3].heading == "全力办好第83届IEC大会。"
    # "(三) 不断完善标准信息服务。" is written with half-width parentheses and a space in the seed
    assert plan_2019.parts[4].sections[2].heading == "不断完善标准信息服务。"


def test_items_split_over_lines_are_joined_and_keep_their_first_line(plan_2019):
    item_11 = plan_2019.items[10]
    assert item_11.text == "开展具备相应条件的学协会、商会、联合会等社会团体承接行业标准转化团体标准的试点。"
    assert item_11.line == 47
    assert plan_2019.items[120].text.startswith("用好标准化统计数据，加强标准化发展趋势分析，及时发现")
    # "103 加强…" has no mark after its number
    assert plan_2019.items[102].text.startswith("加强重要技术标准研究")


def test_closing_matter_after_the_last_item_is_not_part_of_it(plan_2019):
    assert plan_2019.items[-1].text.endswith("等重点工作的资金投入。")
    assert plan_2019.closing.startswith("抄送：")
    assert "2019年2月27日印发" in plan_2019.closing
    assert "国家标准化管理委员会关于印发" in plan_2019.preamble


# --- Generated plans ---------------------------------------------------------------------------------------------
NUMERALS = "一二三四五六七八九十"
FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _chinese(n: int) -> str:
    return NUMERALS[n - 1] if n <= 10 else "十" + NUMERALS[n - 11]


def make_plan(shape: list[list[int]], *, full_width=False, wrap=0, restart=False, item_mark=". ",
              section_style="（{}）", blank_lines=1) -> tuple[str, list[str]]:
    """A plan text of the given shape (items per section per part) and the texts of its items in order."""
    lines, texts, number = ["2030年全国标准化工作要点", "", "总体思路：……。"], [], 0
    gap = [""] * blank_lines
    for p, sections in enumerate(shape, start=1):
        lines += [f"{_chinese(p)}、第{p}部分标题", *gap]
        for s, count in enumerate(sections, start=1):
            lines += [section_style.format(_chinese(s)) + f"第{p}部分第{s}小节。", *gap]
            if restart:
                number = 0
            for _ in range(count):
                number += 1
                text = f"第{len(texts) + 1}条工作，推进ABC{number}项标准研制和实施，确保2035年目标完成。"
                texts.append(text)
                label = f"{number}{item_mark}"
                if full_width:
                    label = label.translate(FULL)
                if wrap:
                    cut = [text[i:i + wrap] for i in range(0, len(text), wrap)]
                    lines += [label + cut[0], *[line for piece in cut[1:] for line in (*gap, piece)], *gap]
                else:
                    lines += [label + text, *gap]
    lines += ["抄送：有关单位。", "", "2030年1月1日印发"]
    return "\n".join(lines), texts


shapes = st.lists(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=4), min_size=1, max_size=6)


@given(shape=shapes, full_width=st.booleans(), wrap=st.sampled_from([0, 7, 13]), restart=st.booleans(),
       item_mark=st.sampled_from([". ", ".", "、", "．", " "]), section_style=st.sampled_from(["（{}）", "({})", "( {} ) "]),
       blank_lines=st.integers(min_value=0, max_value=2), crlf=st.booleans(), bom=st.booleans())
def test_generated_plans_are_read_back_exactly(shape, full_width, wrap, restart, item_mark, section_style,
                                                blank_lines, crlf, bom):
    text, texts = make_plan(shape, full_width=full_width, wrap=wrap, restart=restart, item_mark=item_mark,
                            section_style=section_style, blank_lines=blank_lines)
    if crlf:
        text = text.replace("\n", "\r\n")
    if bom:
        text = "\ufeff" + text
    plan = parse_plan(text)
    assert [item.text for item in plan.items] == texts
    assert [[len(section.items) for section in part.sections] for part in plan.parts] == shape
    assert [part.heading for part in plan.parts] == [f"第{p}部分标题" for p in range(1, len(shape) + 1)]
    assert plan.closing.startswith("抄送：")
    keys = [key for key, *_ in plan.keyed_items()]
    assert len(set(keys)) == len(texts)


def test_full_width_numbers_crlf_and_a_bom_give_the_same_plan_as_the_plain_text():
    plain, _ = make_plan([[2, 3], [4]])
    variant, _ = make_plan([[2, 3], [4]], full_width=True, wrap=9, blank_lines=2)
    variant = "\ufeff" + variant.replace("\n", "\r\n")
    def shape(plan):
        return [(part.heading, [(section.heading, [(item.number, item.text) for item in section.items])
                                for section in part.sections]) for part in plan.parts]

    assert shape(parse_plan(variant)) == shape(parse_plan(plain))
    assert len(parse_plan(plain).items) == 9


def test_numbering_from_1_in_each_section_keys_items_by_part_and_section():
    text, _ = make_plan([[2, 2], [1]], restart=True)
    plan = parse_plan(text)
    assert not plan.numbered_through
    assert [key for key, *_ in plan.keyed_items()] == ["1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1.1"]


def test_items_directly_under_a_part_get_a_section_without_heading():
    plan = parse_plan("一、总体要求\n1. 第一条。\n2. 第二条。\n二、保障\n3. 第三条。\n")
    assert [(s.number, s.heading, len(s.items)) for s in plan.parts[0].sections] == [(0, "", 2)]
    assert len(plan.items) == 3


def test_a_line_starting_with_a_year_continues_the_unfinished_item():
    plan = parse_plan("一、部分\n（一）小节。\n1. 到\n2035 年建成标准体系。\n2. 第二条。\n")
    assert plan.items[0].text == "到2035 年建成标准体系。"
    assert len(plan.items) == 2


@pytest.mark.parametrize("text, line, code", [
    ("一、部分\n（一）小节。\n1. 第一条。\n3. 第三条。\n", 4, "item_order"),
    ("一、部分\n（一）小节。\n1. 第一条。\n这一段不属于任何条目。\n2. 第二条。\n", 4, "stray_text"),
    ("一、部分\n（一）小节。\n1. 第一条。\n三、第三部分\n2. 第二条。\n", 4, "part_order"),
    ("一、部分\n（二）小节。\n1. 第一条。\n", 2, "section_order"),
    ("只有标题\n没有部分\n", 1, "no_parts"),
    ("一、部分\n（一）小节。\n1. 第一条。\n二、空的部分\n", 4, "empty_part"),
])
def test_text_that_fits_nowhere_is_refused_with_its_line(text, line, code):
    with pytest.raises(PlanTextError) as refused:
        parse_plan(text)
    assert (refused.value.line, refused.value.code) == (line, code)
    assert f"第 {line} 行" in str(refused.value)


@pytest.mark.parametrize("numeral, value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23)])
def test_chinese_numerals(numeral, value):
    assert chinese_number(numeral) == value
