"""Values every page's search boxes need."""

from biaozhun.search.engine import MAX_QUERY_LENGTH


def search_limits(request) -> dict[str, int]:
    return {"search_max_length": MAX_QUERY_LENGTH}
