"""Turn a QueryPlan (biaozhun.text.analyse) and filters into one tantivy query.

Every term of the plan must match. A term with Chinese characters matches as an exact substring of the squeezed
title (spaces and punctuation ignored): one character is a unigram term, two a pair, three a triple, more a phrase
over the few triples that cover them (text.trigram_cover). A Latin term matches as English words (stemmed) or number
keys, or as pinyin syllables, or as initials. A number matches its key; the number typed in full is boosted to the top.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache

import tantivy
from django.utils.translation import gettext as _
from tantivy import Occur, Query

from biaozhun.text import QueryPlan, Term, query_bigrams, squeeze, trigram_cover

from .documents import (
    CO_SCOPE,
    CO_TITLE,
    DATE_FILTERS,
    FACETS,
    FILTERS,
    META_ID,
    NAME_FILTERS,
    NO,
    TAG_FILTERS,
    YES,
    english_analyzer,
)
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


def chars_query(schema: tantivy.Schema, chars: str) -> Query:
    """`chars` squeezed (biaozhun.text.squeeze) as a substring of the title. A phrase over every pair (what schema 4
    ran) reads the positions of common pairs for each title holding them all, ~1 ms on the long tail at national
    scale; one triple, or a phrase of two or three rare triples at fixed offsets, a fraction of it (decision 0016)."""
    if len(chars) == 1:
        return Query.term_query(schema, "zh1", chars)
    if len(chars) == 2:
        return Query.term_query(schema, "zh2", chars)
    cover = trigram_cover(chars)
    if len(cover) == 1:
        return Query.term_query(schema, "zh3", chars)
    return Query.phrase_query(schema, "zh3", [(offset, triple) for offset, triple in cover])


def _word_query(schema: tantivy.Schema, word: str) -> Query:
    alternatives = [Query.term_query(schema, "num", word)]
    stems = _english().analyze(word)
    if stems:
        alternatives.append(_all([Query.term_query(schema, "en", stem) for stem in stems]))
    return _any(alternatives)


def term_query(schema: tantivy.Schema, term: Term) -> Query:
    parts = [chars_query(schema, term.chars)] if term.chars else []
    parts += [_word_query(schema, word) for word in term.words]
    alternatives = [_all(parts)] if parts else []
    if term.syllables and len(term.syllables) > 1:
        alternatives.append(_sequence(schema, "py", _pairs(list(term.syllables), "_")))
    if term.initials and len(term.initials) > 1:
        alternatives.append(_sequence(schema, "pyi", _pairs(list(term.initials), "")))
    return _any(alternatives)


def closest_query(schema: tantivy.Schema, plan: QueryPlan) -> Query | None:
    """Any character pair, word or reading of the query (none needs all of them): titles that share the most rank
    first. What a search that found nothing offers as the closest titles; None when there is nothing to share."""
    alternatives = []
    for term in plan.terms:
        pairs = query_bigrams(term.chars) if len(term.chars) > 1 else []
        alternatives += [Query.term_query(schema, "zh2", pair) for pair in pairs]
        if len(term.chars) == 1:
            alternatives.append(Query.term_query(schema, "zh1", term.chars))
        alternatives += [_word_query(schema, word) for word in term.words]
        if term.syllables and len(term.syllables) > 1:
            alternatives += [Query.term_query(schema, "py", p) for p in _pairs(list(term.syllables), "_")]
    return _any(alternatives) if alternatives else None


# Coordination candidates: a title unit found in a scope, and a scope's key unit anywhere, count this share of
# its weight.
CROSS_BOOST = 0.4
KEY_BOOST = 0.4
# Among equally close candidates (a title many standards share), national ones first, then industry ones.
TIER_BONUS = {"national": 0.02, "industry": 0.01}


def coordination_query(schema: tantivy.Schema, title_units: Mapping[str, float], key_units: Mapping[str, float], *,
                       tiers: list[str], statuses: list[str]) -> Query | None:
    """Standards of these tiers and statuses scored by the weights of the units they share: a title unit found in
    their title (or, counting CROSS_BOOST of it, only in their scope), a key unit of the scope found in their
    title or scope (KEY_BOOST). Constant scores, so neither BM25's length normalisation nor its statistics over
    the whole index (most documents have no coordination fields) decide; None when there is nothing to share."""
    def term(field: str, unit: str, weight: float) -> Query:
        return Query.const_score_query(Query.term_query(schema, field, unit), weight)

    def either(unit: str, title: float, scope: float) -> Query:
        """The unit in the title or the scope counts once, as the larger of the two (a standard without a scope
        is not outscored by the same title with one)."""
        return Query.disjunction_max_query([term(CO_TITLE, unit, title), term(CO_SCOPE, unit, scope)])

    alternatives = [either(unit, weight, weight * CROSS_BOOST) for unit, weight in title_units.items() if weight > 0]
    alternatives += [either(unit, weight * KEY_BOOST, weight * KEY_BOOST) for unit, weight in key_units.items()
                     if weight > 0 and KEY_BOOST > 0]
    if not alternatives or not tiers:
        return None
    must = [(Occur.Must, _any(alternatives)),
            (Occur.Must, Query.const_score_query(Query.term_set_query(schema, "tier", tiers), 0.0))]
    if statuses:
        must.append((Occur.Must, Query.const_score_query(Query.term_set_query(schema, "status", statuses), 0.0)))
    bonus = [(Occur.Should, Query.const_score_query(Query.term_query(schema, "tier", tier), score))
             for tier, score in TIER_BONUS.items() if tier in tiers]
    return Query.boolean_query(must + bonus)


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


# Facets whose values are a fixed yes/no.
YES_NO_FACETS = frozenset({"fulltext", "adopted"})
MIN_NAME_LENGTH = 2


def _one(name: str, values: list[str]) -> str:
    values = [str(v).strip() for v in values if str(v).strip()]
    if len(values) > 1:
        raise SearchError("repeated_filter", message=_("筛选条件“%(filter)s”只能给出一个值，收到 %(count)s 个") % {
            "filter": name, "count": len(values)}, filter=name)
    return values[0] if values else ""


def _date(name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SearchError("bad_date", message=_("“%(filter)s”应为 年-月-日 格式的日期，如 2020-01-31；收到“%(value)s”") % {
            "filter": name, "value": value}, filter=name, value=value) from None


def date_ranges(filters: dict[str, list[str]]) -> dict[str, tuple[date | None, date | None]]:
    """The date filters as field -> (from, to), both ends inclusive; a reversed range is refused."""
    ranges: dict[str, list[date | None]] = {}
    for name, (field, end) in DATE_FILTERS.items():
        value = _one(name, filters.get(name, []))
        if value:
            ranges.setdefault(field, [None, None])[0 if end == "from" else 1] = _date(name, value)
    for field, (start, stop) in ranges.items():
        if start is not None and stop is not None and start > stop:
            raise SearchError("reversed_range", message=_(
                "日期范围颠倒：“%(field)s”的起始日期 %(start)s 晚于截止日期 %(stop)s；请交换两个日期") % {
                "field": field, "start": start.isoformat(), "stop": stop.isoformat()},
                field=field, start=start.isoformat(), stop=stop.isoformat())
    return {field: (start, stop) for field, (start, stop) in ranges.items()}


def _day(value: date | None) -> int | None:
    return None if value is None else value.year * 10000 + value.month * 100 + value.day


def name_query(schema: tantivy.Schema, name: str, field: str, text: str) -> Query:
    """An organisation name typed in part: a substring of one of the names, spaces and punctuation ignored."""
    chars = squeeze(text)
    if len(chars) < MIN_NAME_LENGTH:
        raise SearchError("short_name", message=_("“%(filter)s”请至少输入 %(min)s 个字，如“标准化技术委员会”中的“标准”") % {
            "filter": name, "min": MIN_NAME_LENGTH}, filter=name, min_length=MIN_NAME_LENGTH)
    return _sequence(schema, field, query_bigrams(chars))


def filter_queries(schema: tantivy.Schema, filters: dict[str, list[str]]) -> list[Query]:
    """Facet values (alternatives within a facet), date ranges (inclusive) and organisation names; all combine."""
    out = []
    for name, values in filters.items():
        if name not in FILTERS:
            raise SearchError("unknown_filter", message=_("不能按“%(filter)s”筛选；可用的筛选条件：%(filters)s") % {
                "filter": name, "filters": ", ".join(FILTERS)}, filter=name, filters=list(FILTERS))
        if name in NAME_FILTERS:
            if text := _one(name, values):
                out.append(name_query(schema, name, NAME_FILTERS[name], text))
            continue
        if name in TAG_FILTERS:
            if values := [str(v).strip() for v in values if str(v).strip()]:
                out.append(Query.term_set_query(schema, TAG_FILTERS[name], values))
            continue
        if name not in FACETS:
            continue  # a date: below
        values = [str(v) for v in values if str(v)]
        if name in YES_NO_FACETS and set(values) - {YES, NO}:
            raise SearchError("bad_filter_value", message=_("“%(filter)s”只能是 %(yes)s 或 %(no)s，收到“%(value)s”") % {
                "filter": name, "yes": YES, "no": NO, "value": ", ".join(values)}, filter=name, values=[YES, NO])
        if values:
            out.append(Query.term_set_query(schema, name, values))
    for field, (start, stop) in date_ranges(filters).items():
        out.append(Query.range_query(schema, field, tantivy.FieldType.Integer, _day(start) or 1, _day(stop)))
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
