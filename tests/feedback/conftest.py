"""Feedback tests start with an empty cache: the statistics (and the rate limits) live there for a while."""

import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
