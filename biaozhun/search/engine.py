"""The one search interface that pages and the API call, and the configured engine behind it.

    from biaozhun.search.engine import SearchQuery, get_engine
    result = get_engine().search(SearchQuery(text="锂离子电池", filters={"status": ["current"]}, facets=True))
    result.total, result.hits[0].highlight_zh, result.facets["tier"]

Settings: BIAOZHUN_SEARCH = {"ENGINE": "tantivy", "PATH": VAR_DIR / "search"} (PATH defaults to VAR_DIR/search).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

SortOrder = Literal["relevance", "date", "number"]
SORT_ORDERS: tuple[str, ...] = ("relevance", "date", "number")
MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000
# The longest query accepted (characters): longer ones are refused with a message, never cut or passed on.
MAX_QUERY_LENGTH = 200


def query_too_long(length: int) -> str:
    """What a person reads about a query over MAX_QUERY_LENGTH characters (the search page, the engine)."""
    return _("检索词过长：您输入了 %(length)s 个字符，最多 %(max)s 个。请缩短后再试，例如只保留标准号，或两三个关键词。") % {
        "length": length, "max": MAX_QUERY_LENGTH}


class SearchError(ValueError):
    """A query the engine refuses. ``code`` says why, for programs (stable: unknown_filter, unknown_sort, bad_page,
    beyond_last_page); ``data`` holds the values involved; the message (``message``, ``str()``) is in the active
    language and says what to do. The search page shows the message; the API returns all three."""

    def __init__(self, code: str, message: str, **data: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data


class IndexStateError(RuntimeError):
    """This machine's index cannot be used as it is (for operators; the message names the command to run)."""


class IndexMissing(IndexStateError):
    """No index where the settings say (never built, or its directory was removed): readers never create one
    (an empty index would answer "0 results"); `search_sync` builds it (search.health, search.feed.catch_up)."""


@dataclass(frozen=True)
class SearchQuery:
    """text: what was typed (words, pinyin, initials or a number); filters: facet name -> accepted values
    (values of one facet are alternatives, facets combine with AND); page counts from 1. facets: count the values
    of every facet over all hits too (costs as much as the search itself on large hit sets: ask only when shown)."""

    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: SortOrder = "relevance"
    page: int = 1
    page_size: int = 20
    facets: bool = False


@dataclass(frozen=True)
class SearchHit:
    standard_id: int
    identifier: str
    title_zh: str
    title_en: str
    status: str
    tier: str
    nature: str
    implemented_on: str  # ISO date or ""
    published_on: str
    highlight_zh: str  # HTML-escaped title with <mark> around matches
    highlight_en: str


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[tuple[str, int]]]  # facet name -> [(value, count)], most frequent first; {} unless asked
    took_ms: float
    # The text had nothing to search for (`%`, `*`, `(((`): no results, rather than everything.
    nothing_to_search: bool = False


class SearchEngine(Protocol):
    def search(self, query: SearchQuery) -> SearchResult: ...

    def closest(self, text: str, limit: int = 5) -> list[SearchHit]:
        """Standards whose titles share most of the text's pairs, words or readings (for search.suggest)."""
        ...

    def similar(self, title_units: Mapping[str, float], *, tiers: list[str], key_units: Mapping[str, float] | None = None,
                statuses: list[str] = (), limit: int = 50) -> list[int]:
        """Standards of these tiers and statuses (any status when empty) sharing the most weight of the title
        units (text.overlap.units -> weight) in their title, or of the key units in their title or scope: their
        ids, best first (candidates of the filing coordination check)."""
        ...

    def unit_frequencies(self, units: Iterable[str], *, scope: bool = False) -> tuple[int, dict[str, int]]:
        """(documents, unit -> documents having it in their title, or scope with scope=True), over the standards
        the coordination check compares with."""
        ...

    def index_standards(self, standards: Iterable[Any]) -> int:
        """Add or replace standards (Standard instances or rows from search.rows); visible after commit()."""
        ...

    def delete(self, standard_ids: Iterable[int]) -> None: ...

    def commit(self) -> None: ...

    def clear(self) -> None: ...

    def get_state(self) -> dict[str, Any]:
        """The sync state committed with the index (last applied event id, ...)."""
        ...

    def set_state(self, state: dict[str, Any]) -> None:
        """Stored by the next commit(), atomically with the documents written before it."""
        ...


_engines: dict[tuple[str, str], SearchEngine] = {}
_lock = threading.Lock()


def search_settings() -> tuple[str, Path]:
    config = getattr(settings, "BIAOZHUN_SEARCH", None) or {}
    engine = config.get("ENGINE", "tantivy")
    path = Path(config.get("PATH") or Path(settings.VAR_DIR) / "search")
    return engine, path


def get_engine() -> SearchEngine:
    """The configured engine; one instance per process and index path (readers reload after each commit).
    It only reads: a missing index raises IndexMissing instead of being created empty."""
    name, path = search_settings()
    key = (name, str(path))
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            if name != "tantivy":
                raise ImproperlyConfigured(f'unknown search engine "{name}" in BIAOZHUN_SEARCH["ENGINE"]; use "tantivy"')
            from .tantivy_engine import TantivyEngine

            engine = _engines[key] = TantivyEngine(path, create=False)
        return engine


def forget_engines() -> None:
    """Drop cached engines (tests, and after a rebuild in the same process)."""
    with _lock:
        for engine in _engines.values():
            close = getattr(engine, "close", None)
            if close is not None:
                close()
        _engines.clear()
    from .health import forget_health  # health imports this module

    forget_health()
