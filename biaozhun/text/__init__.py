"""Text for search, pure Python (no Django): CJK bigrams and unigrams, Latin words, number keys, pinyin and
initials, query analysis and highlighting.

    from biaozhun.text import analyse, highlight
    analyse("锂离子电池 安全").terms[1].chars   # "安全"
"""

from .highlight import highlight
from .numbers import NumberQuery, compact, number_keys, number_variants, read_number
from .pinyin import initial_pairs, split_syllables, syllable_pairs
from .query import QueryPlan, Term, analyse
from .tokens import (
    char_bigrams,
    char_trigrams,
    cjk_bigrams,
    cjk_runs,
    cjk_unigrams,
    latin_words,
    query_bigrams,
    squeeze,
    trigram_cover,
)

__all__ = [
    "NumberQuery",
    "QueryPlan",
    "Term",
    "analyse",
    "char_bigrams",
    "char_trigrams",
    "cjk_bigrams",
    "cjk_runs",
    "cjk_unigrams",
    "compact",
    "highlight",
    "initial_pairs",
    "latin_words",
    "number_keys",
    "number_variants",
    "query_bigrams",
    "read_number",
    "split_syllables",
    "squeeze",
    "syllable_pairs",
    "trigram_cover",
]
