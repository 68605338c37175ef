"""What a typed query has to search for: punctuation and symbols alone are nothing, never "everything"."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.text import analyse

SYMBOLS = st.text(alphabet=st.sampled_from("%*()[]{}<>?!~`'\"#$^&_+=|\\:;,.，。、（）《》％＊？！ \t-/"), min_size=1)


@pytest.mark.parametrize("text", ["%", "*", "(((", "％", "《》", "- / ?", "'"])
def test_punctuation_alone_has_nothing_to_search(text):
    plan = analyse(text)
    assert plan.is_empty and plan.has_nothing_to_search


def test_the_empty_query_is_not_nothing_to_search():
    assert analyse("").is_empty and not analyse("").has_nothing_to_search
    assert not analyse("   ").has_nothing_to_search


@given(SYMBOLS)
def test_any_run_of_symbols_is_nothing_or_empty(text):
    plan = analyse(text)
    assert plan.is_empty  # never a query that matches something (or everything)


@given(SYMBOLS, st.sampled_from(["电池", "GB/T 19001", "lzdc", "battery", "19001"]))
def test_symbols_around_a_word_keep_the_word(noise, word):
    plan = analyse(f"{noise}{word}{noise}")
    assert not plan.is_empty
