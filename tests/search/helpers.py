"""Read every matching standard id straight from the index (the engine pages at most 100)."""

from biaozhun.search.queries import full_query
from biaozhun.text import analyse


def all_ids(engine, text: str, filters: dict | None = None) -> set[int]:
    searcher = engine.index().searcher()
    query = full_query(engine.schema, analyse(text), filters or {})
    found = searcher.search(query, 100_000)
    return set(searcher.fast_field_values("sid", [address for _score, address in found.hits]))
