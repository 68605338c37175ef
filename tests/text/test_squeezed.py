"""Spaces and punctuation are ignored: a title is found by what it contains once they are removed (issue 10)."""

from hypothesis import given
from hypothesis import strategies as st

from biaozhun.text import (
    analyse,
    char_bigrams,
    char_trigrams,
    highlight,
    query_bigrams,
    squeeze,
    syllable_pairs,
    trigram_cover,
)
from biaozhun.text.tokens import (
    joined_runs,
    segment_offset,
    squeeze_one_by_one,
    squeeze_with_offsets,
    squeeze_with_segments,
)

from .test_text import phrase_matches


def test_squeeze_drops_spaces_and_punctuation_folds_and_lowercases():
    assert squeeze("电动汽车 传导充电系统 第1部分：通用要求") == "电动汽车传导充电系统第1部分通用要求"
    assert squeeze("信息技术\u3000安全技术　—— 密钥管理") == "信息技术安全技术密钥管理"
    assert squeeze("家用和类似用途电器的安全 第2部分：IEC 60335-2-9") == "家用和类似用途电器的安全第2部分iec6033529"
    assert squeeze("ＧＢ／Ｔ 2828.1 抽样") == "gbt2828.1抽样"  # the decimal point stays: 2828.1 is not 28281
    assert squeeze("额定电压1 kV（Um=1.2 kV）") == "额定电压1kvum=1.2kv"  # symbols such as = stay
    assert squeeze("《食品安全国家标准》、“绿色”·产品") == "食品安全国家标准绿色产品"


def test_title_pairs_run_across_spaces_and_punctuation():
    assert char_bigrams("电池 安全") == ["电池", "池安", "安全"]
    assert char_bigrams("第1部分：通用") == ["第1", "1部", "部分", "分通", "通用"]


@given(st.text(alphabet="甲乙丙1a ：、", max_size=16), st.text(alphabet="甲乙丙1a ：", min_size=1, max_size=6))
def test_a_phrase_on_title_pairs_matches_exactly_the_squeezed_substrings(title, query):
    chars = squeeze(query)
    if len(chars) >= 2:
        assert phrase_matches(char_bigrams(title), query_bigrams(chars)) == (chars in squeeze(title))


def test_a_term_with_chinese_is_squeezed_latin_and_digits_included():
    assert [t.chars for t in analyse("第1部分：通用要求").terms] == ["第1部分通用要求"]
    assert [t.chars for t in analyse("LED灯 电池安全").terms] == ["led灯", "电池安全"]
    assert [t.chars for t in analyse("*电池*").terms] == ["电池"]  # wildcards are punctuation: ignored
    assert analyse("IEC 60335").number is not None or analyse("IEC 60335").terms[0].words


def test_pinyin_reads_across_spaces_but_each_run_keeps_its_reading():
    assert joined_runs("锂离子电池 安全要求（试行）") == [["锂离子电池", "安全要求", "试行"]]
    assert joined_runs("第1部分") == [["第"], ["部分"]]
    assert "chi_an" in syllable_pairs("电池 安全")
    assert syllable_pairs("银行 行业")[-1] == "hang_ye"


def test_highlight_marks_a_squeezed_match_in_the_title_with_its_spaces():
    title = "电动汽车 传导充电系统 第1部分：通用要求"
    assert highlight(title, substrings=["传导充电系统第1部分通用"]) == \
        "电动汽车 <mark>传导充电系统 第1部分：通用</mark>要求"
    assert highlight("锂离子电池 安全要求", substrings=["电池安全"]) == "锂离子<mark>电池 安全</mark>要求"
    assert highlight("锂离子电池 安全要求", readings=[["dian", "chi", "an", "quan"]]) == "锂离子<mark>电池 安全</mark>要求"
    assert highlight("A & B 电池", substrings=["b电池"]) == "A &amp; <mark>B 电池</mark>"


def test_punctuation_and_wildcards_alone_have_nothing_to_search():
    for text in ("*", "%", "？？", "……", "——", "·", "（）", "《》", "* ?", "＊", "、，。"):
        assert analyse(text).has_nothing_to_search, text
    assert not analyse("*电池").has_nothing_to_search


@given(st.text())
def test_the_fast_squeeze_gives_what_the_character_by_character_one_gives(text):
    assert squeeze_with_offsets(text) == squeeze_one_by_one(text)


@given(st.text(alphabet=st.sampled_from("电池安全 要求：,.Σİ𠀀Ａb（）\u3000-")) | st.text())
def test_the_segments_give_every_offset_the_character_by_character_squeeze_gives(text):
    squeezed, offsets = squeeze_one_by_one(text)
    segmented, starts, origins = squeeze_with_segments(text)
    assert segmented == squeezed
    assert [segment_offset(starts, origins, index) for index in range(len(squeezed))] == offsets


def test_a_match_across_several_gaps_is_marked_from_its_first_to_its_last_character():
    assert highlight("电 池，安全 要求", substrings=["池安全要"]) == "电 <mark>池，安全 要</mark>求"
    assert highlight("电池 电池", substrings=["池电"]) == "电<mark>池 电</mark>池"
    assert highlight("  ", substrings=["电"]) == "  "


def test_the_fast_squeeze_keeps_the_context_free_lower_case_and_offsets():
    assert squeeze_with_offsets("ΣΑΣ Ａ：B") == ("σασab", [0, 1, 2, 4, 6])  # σ alone, never the final ς
    assert squeeze_with_offsets("İ 𠀀字") == squeeze_one_by_one("İ 𠀀字")


def cover_matches(title_triples: list[str], cover: list[tuple[int, str]]) -> bool:
    """A phrase whose triples sit at fixed offsets, as tantivy reads it over positions."""
    span = cover[-1][0] + 1
    return any(all(title_triples[start + offset] == triple for offset, triple in cover)
               for start in range(len(title_triples) - span + 1))


@given(st.text(alphabet="甲乙丙1a ：、", max_size=20), st.text(alphabet="甲乙丙1a ：", min_size=1, max_size=9))
def test_a_phrase_of_the_covering_triples_matches_exactly_the_squeezed_substrings(title, query):
    chars = squeeze(query)
    if len(chars) >= 3:
        cover = trigram_cover(chars)
        assert "".join(triple for _offset, triple in cover).startswith(chars[:3])
        assert {i for offset, _t in cover for i in range(offset, offset + 3)} == set(range(len(chars)))
        assert cover_matches(char_trigrams(title), cover) == (chars in squeeze(title))
