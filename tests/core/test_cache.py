"""The shared database cache (BIAOZHUN_CACHE=database): `incr` counts under a row lock, so increments from several
processes add up (tests/reliability/test_several_machines.py shows it across two machines), and the anonymous
API limit counted in it answers 429 past the limit."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

DATABASE_CACHE = {"default": {"BACKEND": "biaozhun.core.cache.DatabaseCache", "LOCATION": "biaozhun_test_cache"}}


@pytest.fixture
def database_cache(settings):
    settings.CACHES = DATABASE_CACHE
    call_command("createcachetable")  # inside the test's transaction: rolled back with it
    cache = caches["default"]
    cache.clear()
    return cache


def test_incr_adds_to_the_stored_value_and_returns_it(database_cache):
    database_cache.add("count", 0, timeout=60)
    assert [database_cache.incr("count") for _ in range(3)] == [1, 2, 3]
    assert database_cache.incr("count", 10) == 13
    assert database_cache.get("count") == 13


def test_incr_of_a_missing_or_expired_key_raises_value_error(database_cache):
    with pytest.raises(ValueError, match="not found"):
        database_cache.incr("missing")
    database_cache.set("short", 5, timeout=10)
    with time_machine.travel(timezone.now() + timedelta(seconds=30)), pytest.raises(ValueError, match="not found"):
        database_cache.incr("short")


def test_the_anonymous_api_limit_counts_in_the_database_cache(database_cache, settings, client):
    settings.BIAOZHUN_API_ANON_RATE = "3/hour"
    with time_machine.travel(datetime(2026, 6, 1, 10, 30, tzinfo=UTC), tick=False):  # one window
        codes = [client.get("/api/v1/catalog/standards/GB/T%201-2020").status_code for _ in range(5)]
    assert codes == [404, 404, 404, 429, 429]
