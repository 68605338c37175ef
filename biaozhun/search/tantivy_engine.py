"""The embedded engine: a tantivy index in a directory of this machine, no server.

Layout of PATH: `index-<stamp>/` directories and a `current` symlink to the one in use. A rebuild writes a new
directory and switches the link atomically; every process notices the switch at its next search and reopens.
Only one process writes an index (tantivy's lock); web processes only read, and see each commit within a moment.
Readers (`create=False`, as get_engine() opens it) raise IndexMissing where there is no index instead of creating
an empty one, so a lost index is reported (search.health) rather than answering "0 results".
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import tantivy
from django.utils.translation import gettext as _
from tantivy import Occur, Query

from biaozhun.text import QueryPlan, analyse, highlight

from .cache import LRU as _LRU
from .directories import CURRENT, new_directory, open_index, switch_current
from .documents import (
    CO_SCOPE,
    CO_TITLE,
    COORDINATION_TIERS,
    FACETS,
    FRESH,
    META_ID,
    SCHEMA_VERSION,
    build_schema,
    decode_payload,
    meta_document,
    to_document,
)
from .engine import (
    MAX_OFFSET,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    SORT_ORDERS,
    IndexMissing,
    IndexStateError,
    SearchError,
    SearchHit,
    SearchQuery,
    SearchResult,
    query_too_long,
)
from .facets import count_facets
from .queries import closest_query, coordination_query, full_query

logger = logging.getLogger(__name__)

WRITER_HEAP = 256_000_000
# Results and facet counts are cached in each process per commit of the index (the generation): a commit seen
# in meta.json reloads the reader and starts a new generation, so nothing is served from an older commit.
RESULT_CACHE_SIZE = 512
FACET_CACHE_SIZE = 256
FREQUENCY_CACHE_SIZE = 500_000  # (field, unit) -> document frequency, for the coordination check
# The first page of browsing everything (no text, no filter, by relevance) and its facets take ~0.2 s at national
# scale: the writer computes them once when it finishes (end of a rebuild or a sync run), in BROWSE_FILE next to
# the index, for the commit it names (opstamp); readers at that commit take them instead of counting.
BROWSE_FILE = "browse.json"
BROWSE_PAGE_SIZES = (20,)
# A rebuild's writer: one thread and the largest heap tantivy takes, so the catalogue fits one segment.
REBUILD_HEAP = 4_000_000_000 - 1
# Fresh documents matching a query are all sorted by score and tie when there are at most FRESH_MAX of them.
FRESH_MARGIN = 64
FRESH_MAX = 5000
# Facets that hold one value per standard: a filter with a single value fixes their counts (value -> total).
SINGLE_VALUED = frozenset({"tier", "nature", "status", "ccs1", "ccs", "industry", "province", "city", "tc", "year",
                           "fulltext", "adopted"})


class TantivyEngine:
    def __init__(self, path: Path | str, *, directory: Path | None = None, writer_heap: int = WRITER_HEAP,
                 create: bool = True) -> None:
        """path: the PATH of the settings. directory: write into this index directory instead of `current`
        (a rebuild in progress, published with publish()). create: make an empty index where there is none
        (writers); readers pass False and get IndexMissing."""
        self.root = Path(path)
        self.schema = build_schema()
        self._fixed_directory = directory
        self._directory: Path | None = None
        self._index: tantivy.Index | None = None
        self._writer: tantivy.IndexWriter | None = None
        self._pending_state: dict[str, Any] | None = None
        self._lock = threading.RLock()
        self._writer_heap = writer_heap
        self._create = create
        self._meta: bytes | None = None  # meta.json of the commit the reader was last reloaded for
        self._generation = 0
        self._committed: tuple[Path, int] | None = None  # directory and opstamp of this writer's last commit
        self._results = _LRU(RESULT_CACHE_SIZE)
        self._facet_cache = _LRU(FACET_CACHE_SIZE)
        self._frequencies: dict[tuple[str, str], int] = {}  # (field, unit) -> documents, this generation
        self._link = str(self.root / CURRENT)
        self._link_name: str | None = None  # what `current` pointed to when last read, and that directory
        self._link_target: Path | None = None
        self._meta_path = ""

    # --- opening -----------------------------------------------------------------------------------------
    def _target(self) -> Path:
        if self._fixed_directory is not None:
            return self._fixed_directory
        try:
            name = os.readlink(self._link)
        except FileNotFoundError:
            if not self._create:
                raise IndexMissing(f"no search index at {self.root}: run manage.py search_sync") from None
            return self._create_current()
        if name == self._link_name:  # as last time (every search looks): _searcher() notices a directory gone
            return self._link_target
        target = self.root / name
        if not self._create and not (target / "meta.json").is_file():
            raise IndexMissing(f"the search index {target} is gone: run manage.py search_sync")
        self._link_name, self._link_target = name, target
        return target

    def _create_current(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        directory = new_directory(self.root)
        open_index(self.schema, directory)
        try:
            switch_current(self.root, directory)
        except FileExistsError:  # another process created it first
            shutil.rmtree(directory, ignore_errors=True)
        return self.root / os.readlink(self.root / CURRENT)

    def index(self) -> tantivy.Index:
        with self._lock:
            target = self._target()
            if self._index is None or target != self._directory:
                if self._writer is not None:
                    raise IndexStateError("the index was switched by a rebuild while this process was writing to it")
                target.mkdir(parents=True, exist_ok=True)
                self._index = open_index(self.schema, target)
                # Reloaded by _searcher() when meta.json changes, so each cached result belongs to one commit.
                self._index.config_reader(reload_policy="Manual")
                self._directory = target
                self._meta_path = str(target / "meta.json")
                self._meta = None
            return self._index

    def _writer_(self) -> tantivy.IndexWriter:
        with self._lock:
            if self._writer is None:
                # A rebuild writes one thread into one large heap: one segment, all of it in static-rank order.
                threads = 1 if self._fixed_directory is not None else min(os.cpu_count() or 1, 4)
                heap = REBUILD_HEAP if self._fixed_directory is not None else self._writer_heap
                self._writer = self.index().writer(heap_size=heap, num_threads=threads)
            return self._writer

    def close(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.rollback()
                self._writer = None
            self._committed = None
            self._index = None

    # --- writing -----------------------------------------------------------------------------------------
    def index_standards(self, standards: Iterable[Any]) -> int:
        from .rows import row_from_standard

        rows = [item if isinstance(item, dict) else row_from_standard(item) for item in standards]
        self.delete(row["id"] for row in rows)  # deletes apply to documents added before them only
        writer = self._writer_()
        for row in rows:
            writer.add_document(to_document(row, fresh=True))
        return len(rows)

    def add_new(self, rows: Iterable[dict[str, Any]]) -> int:
        """Rows known not to be in the index yet (a rebuild): no delete first, not fresh."""
        writer = self._writer_()
        count = 0
        for row in rows:
            writer.add_document(to_document(row, fresh=False))
            count += 1
        return count

    def delete(self, standard_ids: Iterable[int]) -> None:
        ids = [int(i) for i in standard_ids]
        if ids:  # by query: delete_documents_by_term does not match unsigned fields in tantivy-py 0.27
            self._writer_().delete_documents_by_query(tantivy.Query.term_set_query(self.schema, "sid", ids))

    def set_state(self, state: dict[str, Any]) -> None:
        self._pending_state = {**state, "schema": SCHEMA_VERSION}

    def commit(self) -> None:
        with self._lock:
            writer = self._writer_()
            if self._pending_state is not None:
                writer.delete_documents_by_query(tantivy.Query.term_query(self.schema, "sid", META_ID))
                writer.add_document(meta_document(self._pending_state))
                self._pending_state = None
            opstamp = writer.commit()
            self.index().reload()
            self._committed = (self._directory, opstamp)

    def finish(self) -> None:
        """Wait for background merges and release the writer lock (end of a rebuild or a sync run)."""
        with self._lock:
            if self._writer is not None:
                self._writer.wait_merging_threads()
                self._writer = None
            if self._committed is not None and self._index is not None and self._committed[0] == self._directory:
                try:
                    self._write_browse(self._committed[1])
                except (OSError, ValueError):  # only a shortcut for readers: they count themselves without it
                    logger.exception("could not precompute browsing everything in %s", self._directory)
            self._committed = None
            self._index = None

    def clear(self) -> None:
        writer = self._writer_()
        writer.delete_all_documents()
        self._pending_state = {"schema": SCHEMA_VERSION}
        self.commit()

    def get_state(self) -> dict[str, Any]:
        """The state of the latest commit (reloading the reader if another process committed since)."""
        searcher = self._searcher()[0]
        hits = searcher.search(tantivy.Query.term_query(self.schema, "sid", META_ID), 1, count=False).hits
        if not hits:
            return {}
        return json.loads(bytes(searcher.doc(hits[0][1]).get_first("payload")))

    # --- reading -----------------------------------------------------------------------------------------
    def _searcher(self) -> tuple[tantivy.Searcher, tuple[str, int]]:
        """A searcher on the latest commit, and the generation that names it (directory, counter)."""
        with self._lock:
            index = self.index()
            try:
                with open(self._meta_path, "rb") as handle:
                    meta = handle.read()
            except FileNotFoundError:
                if not self._create:
                    self._index = self._link_name = None  # the next look checks the directory again
                    raise IndexMissing(f"the search index {self._directory} is gone: run manage.py search_sync") from None
                meta = b""
            if meta != self._meta:
                index.reload()  # reads meta.json again: the reader is at this commit or a later one
                self._meta = meta
                self._generation += 1
                self._results.clear()
                self._facet_cache.clear()
                self._frequencies = {}
                self._read_browse(meta)
            return index.searcher(), (str(self._directory), self._generation)

    def _write_browse(self, opstamp: int) -> None:
        """Compute the first page and facets of browsing everything at commit `opstamp` (see BROWSE_FILE).
        Only this process writes the index, so its latest commit is that one (merges keep the opstamp)."""
        index = self._index
        index.reload()
        searcher = index.searcher()
        plan = analyse("")
        tquery = full_query(self.schema, plan, {})
        pages = {}
        for size in BROWSE_PAGE_SIZES:
            found = searcher.search(tquery, size, order_by_field="tie")
            total = found.count
            hits = self._hits(searcher, [address for _tie, address in found.hits], plan)
            pages[str(size)] = [hit.__dict__ for hit in hits]
        data = {"opstamp": opstamp, "total": total, "pages": pages, "facets": self._facets(searcher, tquery, {}, total)}
        temporary = self._directory / f".{BROWSE_FILE}-{os.getpid()}"
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self._directory / BROWSE_FILE)

    def _read_browse(self, meta: bytes) -> None:
        """Prime this generation's caches from BROWSE_FILE when it was computed at the commit just loaded."""
        try:
            opstamp = json.loads(meta)["opstamp"]
            data = json.loads((self._directory / BROWSE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError):
            return
        if data.get("opstamp") != opstamp:
            return
        generation = (str(self._directory), self._generation)
        facets = {name: [(str(v), int(n)) for v, n in values] for name, values in data["facets"].items()}
        self._facet_cache.put((generation, "", ()), facets)
        for size, page in data["pages"].items():
            hits = [SearchHit(**hit) for hit in page]
            self._results.put((generation, "", (), "relevance", 1, int(size)), (data["total"], hits))

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        if query.sort not in SORT_ORDERS:
            raise SearchError("unknown_sort", message=_("不能按“%(sort)s”排序；请选择：%(sorts)s") % {
                "sort": query.sort, "sorts": ", ".join(SORT_ORDERS)}, sort=query.sort, sorts=list(SORT_ORDERS))
        if query.page < 1 or not 1 <= query.page_size <= MAX_PAGE_SIZE:
            raise SearchError("bad_page", message=_("页码应从 1 开始，每页 1 至 %(max)s 条结果") % {"max": MAX_PAGE_SIZE},
                              page=query.page, page_size=query.page_size, max_page_size=MAX_PAGE_SIZE)
        offset = (query.page - 1) * query.page_size
        if offset > MAX_OFFSET:
            raise SearchError("beyond_last_page", message=_(
                "只能翻阅前 %(max)s 条结果；请增加筛选条件或换用更具体的检索词，缩小范围") % {"max": MAX_OFFSET},
                max_offset=MAX_OFFSET)
        if len(query.text) > MAX_QUERY_LENGTH:
            raise SearchError("query_too_long", message=query_too_long(len(query.text)), length=len(query.text),
                              max_length=MAX_QUERY_LENGTH)
        searcher, generation = self._searcher()
        filters_key = _filters_key(query.filters)
        key = (generation, query.text, filters_key, query.sort, query.page, query.page_size)
        cached = self._results.get_(key)
        plan = tquery = None
        if cached is None:
            plan = analyse(query.text)
            if plan.has_nothing_to_search:  # not the empty query: never "everything" for `%`
                return SearchResult(total=0, hits=[], facets={}, took_ms=(time.perf_counter() - started) * 1000,
                                    nothing_to_search=True)
            tquery = full_query(self.schema, plan, query.filters)
            cached = self._top(searcher, tquery, plan, query, offset)
            self._results.put(key, cached)
        total, hits = cached
        facets = {}
        if query.facets:
            facets_key = (generation, query.text, filters_key)
            facets = self._facet_cache.get_(facets_key)
            if facets is None:
                if tquery is None:
                    tquery = full_query(self.schema, analyse(query.text), query.filters)
                facets = self._facets(searcher, tquery, query.filters, total)
                self._facet_cache.put(facets_key, facets)
        return SearchResult(
            total=total, hits=list(hits), facets=dict(facets), took_ms=(time.perf_counter() - started) * 1000
        )

    def closest(self, text: str, limit: int = 5) -> list[SearchHit]:
        """The standards whose titles share most of the text's character pairs, words or readings, best first
        (suggestions for a search that found nothing; no filters). Highlights are left to the caller."""
        plan = analyse(text)
        tquery = closest_query(self.schema, plan)
        if tquery is None:
            return []
        searcher = self._searcher()[0]
        return self._hits(searcher, [address for _score, address in searcher.search(tquery, limit).hits], analyse(""))

    def similar(self, title_units: Mapping[str, float], *, tiers: list[str], key_units: Mapping[str, float] | None = None,
                statuses: list[str] = (), limit: int = 50) -> list[int]:
        """Standards of these tiers (a subset of COORDINATION_TIERS) and statuses sharing the most weight of the
        title units (unit -> weight) in their title, or of the key units in their title or scope: their ids, best
        first (queries.coordination_query)."""
        tquery = coordination_query(self.schema, title_units, key_units or {}, tiers=list(tiers),
                                    statuses=list(statuses))
        if tquery is None:
            return []
        searcher = self._searcher()[0]
        found = searcher.search(tquery, limit, count=False)
        return [searcher.doc(address).get_first("sid") for _score, address in found.hits]

    def unit_frequencies(self, units: Iterable[str], *, scope: bool = False) -> tuple[int, dict[str, int]]:
        """How many standards of the COORDINATION_TIERS the index holds, and how many of them have each unit in
        their title (in their scope with scope=True); cached per commit."""
        searcher = self._searcher()[0]
        field = CO_SCOPE if scope else CO_TITLE
        cache = self._frequencies
        if len(cache) > FREQUENCY_CACHE_SIZE:  # a long-lived reader between two commits: start again
            cache.clear()
        documents = cache.get(("", ""))
        if documents is None:
            documents = cache[("", "")] = sum(searcher.doc_freq("tier", tier) for tier in COORDINATION_TIERS)
        out = {}
        for unit in units:
            frequency = cache.get((field, unit))
            if frequency is None:
                frequency = cache[(field, unit)] = searcher.doc_freq(field, unit)
            out[unit] = frequency
        return documents, out

    def _top(self, searcher, tquery, plan: QueryPlan, query: SearchQuery, offset: int) -> tuple[int, list[SearchHit]]:
        """The exact total and the hits of one page."""
        if query.sort == "relevance" and plan.is_empty:  # every score is equal: the tie alone orders
            found = searcher.search(tquery, query.page_size, offset=offset, order_by_field="tie")
            total, addresses = found.count, [address for _tie, address in found.hits]
        elif query.sort == "relevance":
            total, addresses = ranked(searcher, self.schema, tquery, query.page_size, offset)
        elif query.sort == "date":
            found = searcher.search(tquery, query.page_size, offset=offset, order_by_field="published")
            total, addresses = found.count, [address for _date, address in found.hits]
        else:
            found = searcher.search(
                tquery, query.page_size, offset=offset, order_by_field="sort_key", order=tantivy.Order.Asc
            )
            total, addresses = found.count, [address for _key, address in found.hits]
        return total, self._hits(searcher, addresses, plan)

    @staticmethod
    def _hits(searcher: tantivy.Searcher, addresses: list, plan: QueryPlan) -> list[SearchHit]:
        needles = plan.highlight_needles()
        return [TantivyEngine._hit(searcher.doc(address), needles) for address in addresses]

    @staticmethod
    def _hit(doc: tantivy.Document, needles: tuple) -> SearchHit:
        data = decode_payload(bytes(doc.get_first("payload")))
        substrings, words, readings = needles
        return SearchHit(
            standard_id=doc.get_first("sid"),
            highlight_zh=highlight(data["title_zh"], substrings=substrings, words=words, readings=readings),
            highlight_en=highlight(data["title_en"], words=words),
            **data,
        )

    def _facets(
        self, searcher: tantivy.Searcher, tquery: tantivy.Query, filters: dict[str, list[str]], total: int
    ) -> dict[str, list[tuple[str, int]]]:
        fixed = fixed_facets(filters, total)
        wanted = [name for name in FACETS if name not in fixed]
        counted = count_facets(searcher, tquery, wanted, total) if total and wanted else {}
        return {name: fixed[name] if name in fixed else counted.get(name, []) for name in FACETS}


def ranked(searcher: tantivy.Searcher, schema: tantivy.Schema, tquery: tantivy.Query, limit: int,
           offset: int) -> tuple[int, list]:
    """The total and the addresses of hits offset..offset+limit in relevance order: BM25 score, then the static
    rank `tie` (in force first, newer first).

    Weighting every hit by its tie (tantivy's weight_by_field) cost twice the plain search, and re-ranking the best
    hits does not help: most queries end a page inside a group of thousands of equal scores. So the index is sorted
    by tie (sort_by_field) and a rebuild writes it as one segment: plain BM25 top-k breaks equal scores by document
    order, which is the static rank. Documents the feed wrote since (FRESH, in small segments of their own) are
    searched apart — few, so sorted by score and tie here — and the two lists merged.
    """
    needed = offset + limit
    fresh = Query.term_query(schema, "fresh", FRESH)
    rebuilt = searcher.search(Query.boolean_query([(Occur.Must, tquery), (Occur.MustNot, fresh)]), needed)
    recent = Query.boolean_query([(Occur.Must, tquery), (Occur.Must, Query.const_score_query(fresh, 0.0))])
    found = searcher.search(recent, needed + FRESH_MARGIN)
    if found.count > len(found.hits) and found.count <= FRESH_MAX:  # every fresh hit, to sort them all by tie
        found = searcher.search(recent, found.count)
    if found.count > len(found.hits):  # more fresh hits than is cheap to sort here (rebuild to restore order)
        found = searcher.search(recent, needed, weight_by_field="tie")
    total = rebuilt.count + found.count
    if not found.hits:
        return total, [address for _score, address in rebuilt.hits[offset:needed]]
    hits = rebuilt.hits + found.hits
    ties = searcher.fast_field_values("tie", [address for _score, address in hits])
    order = sorted(zip(hits, ties, strict=True),
                   key=lambda item: (-item[0][0], -(item[1] or 0.0), item[0][1].segment_ord, item[0][1].doc))
    return total, [address for (_score, address), _tie in order[offset:needed]]


def fixed_facets(filters: dict[str, list[str]], total: int) -> dict[str, list[tuple[str, int]]]:
    """Facets whose counts a filter decides without counting: a single-valued facet filtered on one value
    (every hit has it), and the CCS class of a single CCS code."""
    fixed = {}
    for name, values in filters.items():
        values = {str(v) for v in values if str(v)}
        if name in SINGLE_VALUED and len(values) == 1:
            fixed[name] = [(next(iter(values)), total)] if total else []
    if "ccs" in fixed and "ccs1" not in fixed:
        fixed["ccs1"] = [(value[0], count) for value, count in fixed["ccs"]]
    return fixed


def _filters_key(filters: dict[str, list[str]]) -> tuple:
    return tuple(sorted((name, tuple(sorted(map(str, values)))) for name, values in filters.items()))
