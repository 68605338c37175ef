"""The use counter in production buffers: a page view counts in memory (the page never waits for the database), a
flush writes the sums in one transaction, a failed flush keeps its counts for the next, and counts from many
threads add up exactly."""

import threading
import time
from datetime import date

import pytest
from django.db import OperationalError

from biaozhun.stats import usage
from biaozhun.stats.models import StandardUse
from biaozhun.stats.services import record_uses
from biaozhun.stats.use_buffer import UseBuffer

pytestmark = pytest.mark.django_db
DAY = date(2026, 5, 1)


@pytest.fixture
def buffered(settings, monkeypatch):
    """Production's setting, with a buffer whose flushes the test makes (no thread)."""
    settings.BIAOZHUN_USE_FLUSH_SECONDS = 5
    buffer = UseBuffer(5, thread=False)
    monkeypatch.setattr(usage, "buffer", lambda: buffer)
    return buffer


def test_a_page_view_is_counted_in_memory_and_written_by_the_flush(client, stats_world, buffered,
                                                                  django_assert_num_queries):
    standard = stats_world["gb1000"]
    client.get(standard.get_absolute_url())
    client.get(standard.get_absolute_url())
    client.head(standard.get_absolute_url())  # a probe is not a reader
    assert not StandardUse.objects.exists() and buffered.pending() == 2
    with django_assert_num_queries(3):  # savepoint, one upsert for the standard's day, release
        assert buffered.flush() == 2
    assert StandardUse.objects.get(standard=standard).views == 2
    client.get(standard.get_absolute_url())
    buffered.flush()
    assert StandardUse.objects.get(standard=standard).views == 3 and buffered.pending() == 0


def test_one_flush_sums_each_standards_day_over_every_kind(stats_world):
    first, second = stats_world["gb1000"], stats_world["db32"]
    buffer = UseBuffer(5, thread=False)
    for standard_id, kind in [(first.pk, "views")] * 3 + [(first.pk, "downloads"), (second.pk, "reads")]:
        buffer.add(standard_id, DAY, kind)
    buffer.add(first.pk, date(2026, 5, 2), "views")
    assert buffer.flush() == 6
    rows = set(StandardUse.objects.values_list("standard_id", "day", "views", "reads", "downloads"))
    assert rows == {(first.pk, DAY, 3, 0, 1), (second.pk, DAY, 0, 1, 0), (first.pk, date(2026, 5, 2), 1, 0, 0)}


def test_a_flush_that_fails_keeps_its_counts_for_the_next(stats_world, monkeypatch):
    from biaozhun.stats import services

    standard = stats_world["gb1000"]
    buffer = UseBuffer(5, thread=False)
    buffer.add(standard.pk, DAY, "views")

    def locked(counts):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "record_uses", locked)
    assert buffer.flush() == 0 and buffer.pending() == 1
    buffer.add(standard.pk, DAY, "views")
    monkeypatch.setattr(services, "record_uses", record_uses)
    assert buffer.flush() == 2
    assert StandardUse.objects.get().views == 2


def test_counts_from_many_threads_add_up_exactly():
    buffer = UseBuffer(5, thread=False)

    def view() -> None:
        for _ in range(500):
            buffer.add(1, DAY, "views")

    threads = [threading.Thread(target=view) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert buffer.pending() == 4000


def test_the_background_thread_flushes_every_interval(monkeypatch):
    from biaozhun.stats import services

    written = []
    monkeypatch.setattr(services, "record_uses", lambda counts: written.append(dict(counts)))
    buffer = UseBuffer(0.05)
    try:
        buffer.add(7, DAY, "reads")
        deadline = time.monotonic() + 10
        while not written and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        buffer.stop()
    assert written == [{(7, DAY, "reads"): 1}]


def test_an_unknown_kind_is_refused_before_anything_is_written(stats_world):
    with pytest.raises(ValueError):
        record_uses({(stats_world["gb1000"].pk, DAY, "likes"): 1})
    assert not StandardUse.objects.exists()
