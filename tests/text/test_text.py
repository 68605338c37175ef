"""Tokenisation, pinyin, number keys, query analysis and highlighting (pure, no database)."""


from hypothesis import given
from hypothesis import strategies as st

from biaozhun.text import (
    analyse,
    cjk_bigrams,
    cjk_runs,
    cjk_unigrams,
    highlight,
    initial_pairs,
    latin_words,
    number_keys,
    query_bigrams,
    read_number,
    split_syllables,
    syllable_pairs,
)


def phrase_matches(tokens: list[str], phrase: list[str]) -> bool:
    """What a positional phrase query does: the phrase's tokens at consecutive positions."""
    n = len(phrase)
    return any(tokens[i : i + n] == phrase for i in range(len(tokens) - n + 1))


def test_runs_bigrams_and_unigrams():
    title = "锂离子电池 第1部分：通用要求"
    assert cjk_runs(title) == ["锂离子电池", "第", "部分", "通用要求"]
    assert cjk_bigrams(title) == ["锂离", "离子", "子电", "电池", "部分", "通用", "用要", "要求"]
    assert cjk_unigrams("电池 要求") == ["电", "池", "要", "求"]
    assert query_bigrams("电池") == ["电池"]


def test_filler_only_where_a_phrase_could_join_two_runs():
    assert cjk_bigrams("管理体系 系统要求") == ["管理", "理体", "体系", "|", "系统", "统要", "要求"]
    assert "|" not in cjk_bigrams("管理体系 要求")


@given(st.text(alphabet="甲乙丙 ", max_size=14), st.text(alphabet="甲乙丙", min_size=2, max_size=4))
def test_bigram_phrase_matches_exactly_the_substrings(title, query):
    assert phrase_matches(cjk_bigrams(title), query_bigrams(query)) == (query in title)


def test_latin_words_fold_full_width_and_keep_dotted_numbers():
    assert latin_words("LED 灯 ＩＥＣ 60598 第1.2部分") == ["led", "iec", "60598", "1.2"]


def test_pinyin_pairs_and_initials():
    assert syllable_pairs("锂离子电池") == ["li_li", "li_zi", "zi_dian", "dian_chi"]
    assert initial_pairs("锂离子电池") == ["ll", "lz", "zd", "dc"]
    assert syllable_pairs("行业标准")[0] == "hang_ye"  # phrase reading, not xing


def test_split_syllables():
    assert split_syllables("lizidianchi") == ["li", "zi", "dian", "chi"]
    assert split_syllables("xian") == ["xian"]
    assert split_syllables("xi'an") == ["xi", "an"]
    assert split_syllables("shipin tianjiaji") == ["shi", "pin", "tian", "jia", "ji"]
    assert split_syllables("lzdc") is None


def test_number_keys_cover_full_partial_and_adopted_forms():
    keys = set(number_keys("GB/T 19001-2016/ISO 9001:2015"))
    assert {"gbt19001-2016", "gbt19001", "19001", "=gbt19001-2016", "iso9001", "9001"} <= keys
    assert "=iso9001-2015" not in keys  # the original ISO record is the exact match
    assert {"gbt4208", "gbt4208.2", "4208", "4208.2"} <= set(number_keys("GB/T 4208.2-2008"))


def test_read_number():
    assert read_number("19001").key == "19001"
    assert read_number("GB/T 19001").key == "gbt19001"
    assert read_number("gbt19001-2016").exact == "=gbt19001-2016"
    assert read_number("DB11/T 1234").key == "db11t1234"
    assert read_number("锂离子电池") is None


def test_analyse_tells_numbers_words_and_pinyin():
    assert analyse("GB/T 19001").number is not None
    plan = analyse("食品添加剂 安全")
    assert [t.chars for t in plan.terms] == ["食品添加剂", "安全"]
    term = analyse("lizidianchi").terms[0]
    assert term.syllables == ("li", "zi", "dian", "chi") and term.initials == "lizidianchi"
    assert analyse("lzdc").terms[0].initials == "lzdc"
    assert analyse("  ").is_empty


def test_highlight_escapes_and_marks():
    html = highlight("锂离子电池 <安全> Lithium batteries", substrings=["电池"], words=["batteri"])
    assert html == "锂离子<mark>电池</mark> &lt;安全&gt; Lithium <mark>batteries</mark>"
    assert highlight("锂离子电池", readings=[["d", "c"]]) == "锂离子<mark>电池</mark>"
    assert highlight("a&b") == "a&amp;b"
