"""Turn a QueryPlan (biaozhun.text.analyse) and filters into one tantivy query.

Every term of the plan must match. A CJK run of two or more characters is a phrase over its bigrams (exact
substring), one character a unigram term; a Latin term matches as English words (stemmed) or number keys, or as
pinyin syllables, or as initials. A number matches its key; the number typed in full is boosted to the top.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tantivy
from django.utils.translation import gettext as _
from tantivy import Occur, Query

from biaozhun.text import QueryPlan, Term, query_bigrams

from .documents import FACETS, META_ID, english_analyzer
from .engine import SearchError

EXACT_BOOST = 50.0
# A partial number ("GB/T 1900", "1900", "DB11/T 12") also finds the numbers it begins (GB/T 19001, DB11/T 1234),
# ranked after the numbers it names. Only with enough digits typed, so a prefix never expands to most of the index.
PREFIX_SCORE = 0.5
_PREFIXABLE = re.compile(r"(?:[a-z][a-z0-9.]*?\d{2,}|\d{3,})(?:[.]\d+)*")
_REGEX_SPECIAL = re.compile(r"([.+*?()|\[\]{}^$\\])")


@lru_cache(maxsize=1)
def _english() -> tantivy.TextAnalyzer:
    return english_analyzer()


def _all(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Must, q) for q in queries])


def _any(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Should, q) for q in queries])


def _sequence(schema: tantivy.Schema, field: str, tokens: list[str]) -> Query:
    if len(tokens) == 1:
        return Query.term_query(schema, field, tokens[0])
    return Query.phrase_query(schema, field, tokens)


def _pairs(units: list[str], join: str) -> list[str]:
    return [units[i] + join + units[i + 1] for i in range(len(units) - 1)]


def run_query(schema: tantivy.Schema, run: str) -> Query:
    if len(run) == 1:
        return Query.term_query(schema, "zh1", run)
    return _sequence(schema, "zh2", query_bigrams(run))


def _word_query(schema: tantivy.Schema, word: str) -> Query:
    alternatives = [Query.term_query(schema, "num", word)]
    stems = _english().analyze(word)
    if stems:
        alternatives.append(_all([Query.term_query(schema, "en", stem) for stem in stems]))
    return _any(alternatives)


def term_query(schema: tantivy.Schema, term: Term) -> Query:
    parts = [run_query(schema, run) for run in term.runs]
    parts += [_word_query(schema, word) for word in term.words]
    alternatives = [_all(parts)] if parts else []
    if term.syllables and len(term.syllables) > 1:
        alternatives.append(_sequence(schema, "py", _pairs(list(term.syllables), "_")))
    if term.initials and len(term.initials) > 1:
        alternatives.append(_sequence(schema, "pyi", _pairs(list(term.initials), "")))
    return _any(alternatives)


def text_query(schema: tantivy.Schema, plan: QueryPlan) -> Query | None:
    """None for an empty plan (browse everything)."""
    if plan.number is not None:
        # Constant scores: how many keys a standard has (a double number has twice as many) must not matter.
        found = Query.const_score_query(Query.term_query(schema, "num", plan.number.key), 1.0)
        if _PREFIXABLE.fullmatch(plan.number.key):
            pattern = _REGEX_SPECIAL.sub(r"\\\1", plan.number.key) + "[0-9].*"
            prefix = Query.const_score_query(Query.regex_query(schema, "num", pattern), PREFIX_SCORE)
            found = _any([found, prefix])
        if plan.number.exact is None:
            return found
        exact = Query.const_score_query(Query.term_query(schema, "num", plan.number.exact), EXACT_BOOST)
        return Query.boolean_query([(Occur.Must, found), (Occur.Should, exact)])
    if not plan.terms:
        return None
    return _all([term_query(schema, term) for term in plan.terms])


def filter_queries(schema: tantivy.Schema, filters: dict[str, list[str]]) -> list[Query]:
    out = []
    for name, values in filters.items():
        if name not in FACETS:
            raise SearchError("unknown_filter", message=_("不能按“%(filter)s”筛选；可用的筛选条件：%(filters)s") % {
                "filter": name, "filters": ", ".join(FACETS)}, filter=name, filters=list(FACETS))
        values = [str(v) for v in values if str(v)]
        if values:
            out.append(Query.term_set_query(schema, name, values))
    return out


def full_query(schema: tantivy.Schema, plan: QueryPlan, filters: dict[str, list[str]]) -> Query:
    """Text AND filters; filters do not score. Without text: every standard (never the meta document)."""
    text = text_query(schema, plan)
    clauses: list[tuple[Occur, Query]] = []
    if text is not None:
        clauses.append((Occur.Must, text))
    for query in filter_queries(schema, filters):
        clauses.append((Occur.Must, Query.const_score_query(query, 0.0)))
    if text is None:
        clauses.insert(0, (Occur.Must, Query.const_score_query(Query.all_query(), 1.0)))
        clauses.append((Occur.MustNot, Query.term_query(schema, "sid", META_ID)))
    if len(clauses) == 1:
        return clauses[0][1]
    return Query.boolean_query(clauses)
