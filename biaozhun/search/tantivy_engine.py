"""The embedded engine: a tantivy index in a directory of this machine, no server.

Layout of PATH: `index-<stamp>/` directories and a `current` symlink to the one in use. A rebuild writes a new
directory and switches the link atomically; every process notices the switch at its next search and reopens.
Only one process writes an index (tantivy's lock); web processes only read, and see each commit within a moment.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tantivy

from biaozhun.text import QueryPlan, analyse, highlight

from .documents import FACETS, META_ID, SCHEMA_VERSION, build_schema, meta_document, to_document
from .engine import MAX_OFFSET, MAX_PAGE_SIZE, SORT_ORDERS, SearchError, SearchHit, SearchQuery, SearchResult
from .queries import full_query

CURRENT = "current"
WRITER_HEAP = 256_000_000
FACET_SEGMENT_SIZE = 5000
FACET_CACHE_MIN_HITS = 200_000
FACET_CACHE_SECONDS = 60.0


class TantivyEngine:
    def __init__(self, path: Path | str, *, directory: Path | None = None, writer_heap: int = WRITER_HEAP) -> None:
        """path: the PATH of the settings. directory: write into this index directory instead of `current`
        (a rebuild in progress, published with publish())."""
        self.root = Path(path)
        self.schema = build_schema()
        self._fixed_directory = directory
        self._directory: Path | None = None
        self._index: tantivy.Index | None = None
        self._writer: tantivy.IndexWriter | None = None
        self._pending_state: dict[str, Any] | None = None
        self._lock = threading.RLock()
        self._writer_heap = writer_heap
        self._facet_cache: dict[tuple, tuple[float, int, dict[str, list[tuple[str, int]]]]] = {}

    # --- opening -----------------------------------------------------------------------------------------
    def _target(self) -> Path:
        if self._fixed_directory is not None:
            return self._fixed_directory
        link = self.root / CURRENT
        try:
            return self.root / os.readlink(link)
        except FileNotFoundError:
            return self._create_current()

    def _create_current(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        directory = new_directory(self.root)
        tantivy.Index(self.schema, path=str(directory))
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
                    raise SearchError("the index was switched by a rebuild while this process was writing to it")
                target.mkdir(parents=True, exist_ok=True)
                self._index = tantivy.Index(self.schema, path=str(target))
                self._directory = target
            return self._index

    def _writer_(self) -> tantivy.IndexWriter:
        with self._lock:
            if self._writer is None:
                self._writer = self.index().writer(heap_size=self._writer_heap, num_threads=min(os.cpu_count() or 1, 4))
            return self._writer

    def close(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.rollback()
                self._writer = None
            self._index = None

    # --- writing -----------------------------------------------------------------------------------------
    def index_standards(self, standards: Iterable[Any]) -> int:
        from .rows import row_from_standard

        rows = [item if isinstance(item, dict) else row_from_standard(item) for item in standards]
        self.delete(row["id"] for row in rows)  # deletes apply to documents added before them only
        writer = self._writer_()
        for row in rows:
            writer.add_document(to_document(row))
        return len(rows)

    def add_new(self, rows: Iterable[dict[str, Any]]) -> int:
        """Rows known not to be in the index yet (a rebuild): no delete first."""
        writer = self._writer_()
        count = 0
        for row in rows:
            writer.add_document(to_document(row))
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
            writer.commit()
            self.index().reload()

    def finish(self) -> None:
        """Wait for background merges and release the writer lock (end of a rebuild or a sync run)."""
        with self._lock:
            if self._writer is not None:
                self._writer.wait_merging_threads()
                self._writer = None
            self._index = None

    def clear(self) -> None:
        writer = self._writer_()
        writer.delete_all_documents()
        self._pending_state = {"schema": SCHEMA_VERSION}
        self.commit()

    def get_state(self) -> dict[str, Any]:
        searcher = self.index().searcher()
        hits = searcher.search(tantivy.Query.term_query(self.schema, "sid", META_ID), 1, count=False).hits
        if not hits:
            return {}
        return json.loads(bytes(searcher.doc(hits[0][1]).get_first("payload")))

    # --- reading -----------------------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        if query.sort not in SORT_ORDERS:
            raise SearchError(f'unknown sort "{query.sort}"; use one of {", ".join(SORT_ORDERS)}')
        if query.page < 1 or not 1 <= query.page_size <= MAX_PAGE_SIZE:
            raise SearchError(f"page must be ≥ 1 and page_size between 1 and {MAX_PAGE_SIZE}")
        offset = (query.page - 1) * query.page_size
        if offset > MAX_OFFSET:
            raise SearchError(f"results beyond the first {MAX_OFFSET} are not served; narrow the query with filters")
        plan = analyse(query.text)
        tquery = full_query(self.schema, plan, query.filters)
        searcher = self.index().searcher()
        if query.sort == "relevance":
            found = searcher.search(tquery, query.page_size, offset=offset, weight_by_field="tie")
        elif query.sort == "date":
            found = searcher.search(tquery, query.page_size, offset=offset, order_by_field="published")
        else:
            found = searcher.search(
                tquery, query.page_size, offset=offset, order_by_field="sort_key", order=tantivy.Order.Asc
            )
        hits = [self._hit(searcher.doc(address), plan) for _score, address in found.hits]
        facets = self._cached_facets(searcher, tquery, (plan.text, _filters_key(query.filters)), found.count)
        return SearchResult(
            total=found.count, hits=hits, facets=facets, took_ms=(time.perf_counter() - started) * 1000
        )

    def _hit(self, doc: tantivy.Document, plan: QueryPlan) -> SearchHit:
        data = json.loads(bytes(doc.get_first("payload")))
        substrings, words, readings = plan.highlight_needles()
        return SearchHit(
            standard_id=doc.get_first("sid"),
            highlight_zh=highlight(data["title_zh"], substrings=substrings, words=words, readings=readings),
            highlight_en=highlight(data["title_en"], words=words),
            **data,
        )

    def _cached_facets(self, searcher, tquery, key, total: int) -> dict[str, list[tuple[str, int]]]:
        """Facets of very large hit sets (browse everything, one common character) cost 0.1–0.2 s at national
        scale and hardly change: they are kept FACET_CACHE_SECONDS in this process."""
        if total < FACET_CACHE_MIN_HITS:
            return self._facets(searcher, tquery)
        now = time.monotonic()
        cached = self._facet_cache.get(key)
        if cached is not None and now - cached[0] < FACET_CACHE_SECONDS and cached[1] == total:
            return cached[2]
        facets = self._facets(searcher, tquery)
        if len(self._facet_cache) > 256:
            self._facet_cache.clear()
        self._facet_cache[key] = (now, total, facets)
        return facets

    def _facets(self, searcher: tantivy.Searcher, tquery: tantivy.Query) -> dict[str, list[tuple[str, int]]]:
        # segment_size above each facet's number of values keeps the counts exact across segments.
        aggregations = {
            name: {"terms": {"field": name, "size": size, "segment_size": FACET_SEGMENT_SIZE}}
            for name, size in FACETS.items()
        }
        raw = searcher.aggregate(tquery, aggregations)
        return {
            name: [(str(b["key"]), int(b["doc_count"])) for b in raw.get(name, {}).get("buckets", [])]
            for name in FACETS
        }


def _filters_key(filters: dict[str, list[str]]) -> tuple:
    return tuple(sorted((name, tuple(sorted(map(str, values)))) for name, values in filters.items()))


def new_directory(root: Path) -> Path:
    directory = root / f"index-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**9:09d}"
    directory.mkdir(parents=True)
    return directory


def switch_current(root: Path, directory: Path, *, replace: bool = False) -> None:
    """Point `current` at `directory` atomically (rename of a fresh symlink over the old one)."""
    link = root / CURRENT
    if not replace:
        os.symlink(directory.name, link)  # FileExistsError if another process made one
        return
    temporary = root / f".{CURRENT}-{os.getpid()}"
    if temporary.is_symlink():
        temporary.unlink()
    os.symlink(directory.name, temporary)
    os.replace(temporary, link)


def remove_old_directories(root: Path, keep: Path) -> None:
    for child in root.glob("index-*"):
        if child.is_dir() and child.resolve() != keep.resolve():
            shutil.rmtree(child, ignore_errors=True)
