"""Understand what was typed in the one search box: a number, Chinese, English, pinyin or initials.

analyse("锂离子电池 安全") -> every term must match: two Chinese terms.
analyse("电池安全") -> one term, found in "锂离子电池 安全要求": spaces and punctuation are ignored on both sides.
analyse("GB/T 19001") -> a number query.
analyse("lizidianchi") -> one Latin term, read as an English word, pinyin (li zi dian chi) or initials.
analyse("%") -> nothing to search for (has_nothing_to_search): punctuation and symbols alone are not a query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import NumberQuery, read_number
from .pinyin import split_syllables
from .tokens import cjk_runs, fold, latin_words, squeeze

_LATIN_ONLY = re.compile(r"[A-Za-z' ]+")
_MAX_INITIALS = 12


@dataclass(frozen=True, slots=True)
class Term:
    """One whitespace-separated part of the query; each term must match.

    chars: a term with Chinese characters, squeezed (tokens.squeeze: no spaces or punctuation, lower case), matched
    as a substring of the squeezed title (a phrase on character pairs, or a unigram for one character), Latin
    letters and digits in it included ("第1部分通用要求", "led灯"); words: Latin words and numbers of a term without
    Chinese; syllables / initials: readings of a purely Latin term as pinyin, None when it cannot be one.
    """

    text: str
    chars: str = ""
    words: tuple[str, ...] = ()
    syllables: tuple[str, ...] | None = None
    initials: str | None = None


@dataclass(frozen=True, slots=True)
class QueryPlan:
    text: str
    number: NumberQuery | None = None
    terms: tuple[Term, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return self.number is None and not self.terms

    @property
    def has_nothing_to_search(self) -> bool:
        """Something was typed, but no word, number, character, pinyin or initials in it (`%`, `*`, `(((`):
        not the empty query that browses everything."""
        return bool(self.text) and self.is_empty

    def highlight_needles(self) -> tuple[list[str], list[str], list[list[str]]]:
        """(CJK substrings, Latin words, pinyin syllable sequences) to mark in a title."""
        chars = [t.chars for t in self.terms if t.chars]
        words = [w for t in self.terms for w in t.words]
        readings = [list(t.syllables) for t in self.terms if t.syllables and len(t.syllables) > 1]
        readings += [list(t.initials) for t in self.terms if t.initials and len(t.initials) > 1]
        return chars, words, readings


def _latin_term(text: str) -> Term:
    letters = text.lower().replace("'", "")
    syllables = split_syllables(text)
    initials = letters if letters.isalpha() and 2 <= len(letters) <= _MAX_INITIALS else None
    return Term(
        text=text, words=tuple(latin_words(text)), syllables=tuple(syllables) if syllables else None,
        initials=initials,
    )


def analyse(text: str) -> QueryPlan:
    text = " ".join(fold(text or "").split())
    if not text:
        return QueryPlan(text="")
    number = read_number(text)
    if number is not None:
        return QueryPlan(text=text, number=number)
    if _LATIN_ONLY.fullmatch(text) and " " in text and split_syllables(text):
        # "li zi dian chi": one pinyin term, also read as English words.
        term = _latin_term(text)
        return QueryPlan(text=text, terms=(Term(text, words=term.words, syllables=term.syllables),))
    terms = []
    for part in text.split():
        if _LATIN_ONLY.fullmatch(part):
            term = _latin_term(part)
            if term.words or term.syllables or term.initials:  # not for a lone apostrophe
                terms.append(term)
            continue
        if read_number(part) is not None:
            terms.append(Term(text=part, words=(part.lower(),)))
        elif cjk_runs(part):
            terms.append(Term(text=part, chars=squeeze(part)))
        elif words := tuple(latin_words(part)):
            terms.append(Term(text=part, words=words))
    return QueryPlan(text=text, terms=tuple(terms))
