"""What a search that found nothing offers instead (the search page and the API show the same):

- the same number in another form: GB ↔ GB/T ↔ GB/Z, JB ↔ JB/T, DB11 ↔ DB11/T, without the year (number_variants);
- the search without its filters, when the words alone find something;
- Chinese typed with a wrong character of the same sound: its pinyin reading, searched as pinyin;
- typed pinyin: the characters of the closest titles that read as (part of) it;
- the closest titles: those sharing most of the typed characters, words or readings (one standard per title).

Only suggestions that find something are offered, each with its count.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from biaozhun.text import analyse, highlight, number_variants, query_bigrams, squeeze
from biaozhun.text.pinyin import char_syllables, run_syllables
from biaozhun.text.tokens import cjk_runs

from .documents import STATUS_RANK
from .engine import MAX_QUERY_LENGTH, SearchEngine, SearchQuery

MAX_NUMBERS = 4
MAX_TITLES = 5
# A closest title shares at least this share of the query's character pairs.
MIN_SHARED = 0.5


class SuggestionKind(StrEnum):
    NUMBER = "number"  # the number in another form
    UNFILTERED = "unfiltered"  # the same text without the filters
    PINYIN = "pinyin"  # the Chinese typed, searched by its reading
    CHARACTERS = "characters"  # the characters that typed pinyin reads as
    TITLE = "title"  # a standard with one of the closest titles


@dataclass(frozen=True)
class Suggestion:
    kind: SuggestionKind
    query: str  # the search to run instead (for a title: "", open the standard)
    total: int  # how many standards it finds (a title: 1)
    identifier: str = ""  # a title's standard
    title: str = ""  # a title's Chinese title (or English where it has none)
    highlight: str = ""  # the title, HTML-escaped, with <mark> around what it shares with the query


def _total(engine: SearchEngine, query: SearchQuery, text: str, *, filters: bool = True) -> int:
    if len(text) > MAX_QUERY_LENGTH:  # the reading of a long query: not offered
        return 0
    return engine.search(replace(query, text=text, filters=query.filters if filters else {}, sort="relevance",
                                 page=1, page_size=1, facets=False)).total


def _numbers(engine: SearchEngine, query: SearchQuery) -> list[Suggestion]:
    out = []
    for variant in number_variants(query.text):
        total = _total(engine, query, variant)
        if total:
            out.append(Suggestion(SuggestionKind.NUMBER, variant, total))
        if len(out) == MAX_NUMBERS:
            break
    return out


def _reading(text: str) -> str:
    """"锂离子电尺" -> "li li zi dian chi": the reading of the Chinese characters typed, in order."""
    return " ".join(s for run in cjk_runs(text) for s in run_syllables(run))


def _characters(titles: list[str], syllables: tuple[str, ...]) -> str:
    """The longest stretch of a title's characters whose reading is a run of the typed syllables (two at least)."""
    best = ""
    typed = " " + " ".join(syllables) + " "
    for title in titles:
        read = [(title[i], s) for i, s in enumerate(char_syllables(title)) if s]
        for start in range(len(read)):
            for end in range(len(read), start + max(len(best), 1), -1):
                if " " + " ".join(s for _c, s in read[start:end]) + " " in typed:
                    best = "".join(c for c, _s in read[start:end])
                    break
    return best


def suggest(engine: SearchEngine, query: SearchQuery) -> list[Suggestion]:
    """Suggestions for `query`, which found nothing (not for a query with nothing to search for)."""
    plan = analyse(query.text)
    if plan.is_empty:
        return []
    if plan.number is not None:
        return _numbers(engine, query)
    out: list[Suggestion] = []
    if query.filters and (total := _total(engine, query, query.text, filters=False)):
        out.append(Suggestion(SuggestionKind.UNFILTERED, query.text, total))
    chars = "".join(term.chars for term in plan.terms)
    if chars and (reading := _reading(chars)) and len(reading.split()) > 1:
        total = _total(engine, query, reading)
        if total:
            out.append(Suggestion(SuggestionKind.PINYIN, reading, total))
    closest = engine.closest(query.text, limit=MAX_TITLES * 4)
    syllables = next((term.syllables for term in plan.terms if term.syllables and len(term.syllables) > 1), None)
    characters = _characters([hit.title_zh for hit in closest], syllables) if syllables else ""
    if characters and (total := _total(engine, query, characters)):
        out.append(Suggestion(SuggestionKind.CHARACTERS, characters, total))
    pairs = [pair for term in plan.terms for pair in query_bigrams(term.chars)]
    words = [word for term in plan.terms for word in term.words]
    marks = pairs + ([characters] if characters else [])
    titles = []
    shared = {hit.standard_id: sum(pair in squeeze(hit.title_zh) for pair in pairs) for hit in closest}
    # Most pairs shared first, then in force before replaced or abolished; else the engine's order (BM25: the
    # shorter of two titles sharing the same pairs is the closer).
    closest = sorted(closest, key=lambda hit: (-shared[hit.standard_id], -STATUS_RANK.get(hit.status, 0)))
    seen: set[str] = set()
    for hit in closest:
        if pairs and shared[hit.standard_id] < MIN_SHARED * len(pairs):
            continue
        if squeeze(hit.title_zh or hit.title_en) in seen:  # one standard per title (enterprises repeat titles)
            continue
        seen.add(squeeze(hit.title_zh or hit.title_en))
        title = hit.title_zh or hit.title_en
        titles.append(Suggestion(SuggestionKind.TITLE, "", 1, identifier=hit.identifier, title=title,
                                 highlight=highlight(title, substrings=marks, words=words)))
        if len(titles) == MAX_TITLES:
            break
    return out + titles
