"""The public verify page re-runs a draw once and keeps the re-run (its inputs never change after the draw), compares
it with the stored sample on every request, rate-limits the requests that would re-run it, and runs one re-run per
campaign at a time."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from biaozhun.inspections import drawing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reruns(monkeypatch):
    """Counts the expensive re-runs (the real one still runs)."""
    calls = []
    real = drawing.rerun

    def counting(campaign):
        calls.append(campaign.pk)
        return real(campaign)

    monkeypatch.setattr(drawing, "rerun", counting)
    return calls


def _verify(client, campaign):
    return client.get(reverse("inspections:verify", args=[campaign.pk]))


def test_the_draw_is_re_run_once_and_later_visits_read_the_kept_result(client, drawn_campaign, reruns):
    first, second = _verify(client, drawn_campaign), _verify(client, drawn_campaign)
    assert first.status_code == second.status_code == 200
    assert 'id="verify-outcome"' in second.content.decode() and "alert-success" in second.content.decode()
    assert 'id="verified-at"' in second.content.decode()
    assert reruns == [drawn_campaign.pk]


def test_a_kept_re_run_is_still_compared_with_the_sample_stored_now(client, drawn_campaign, reruns):
    assert "alert-success" in _verify(client, drawn_campaign).content.decode()
    drawn_campaign.items.filter(rank=1).update(key="0" * 18)
    page = _verify(client, drawn_campaign).content.decode()
    assert "alert-danger" in page and reruns == [drawn_campaign.pk]


def test_over_the_limit_a_visit_that_would_re_run_is_refused_and_runs_nothing(client, settings, drawn_campaign,
                                                                             reruns):
    settings.BIAOZHUN_RATE_VERIFY = "1/hour"
    assert _verify(client, drawn_campaign).status_code == 200  # the one allowed re-run
    cache.clear()  # the kept result is gone (evicted, expired): the next visit would re-run
    settings.BIAOZHUN_RATE_VERIFY = "0/hour"
    refused = _verify(client, drawn_campaign)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert reruns == [drawn_campaign.pk]


def test_a_kept_result_is_served_whatever_the_rate_limit(client, settings, drawn_campaign, reruns):
    assert _verify(client, drawn_campaign).status_code == 200
    settings.BIAOZHUN_RATE_VERIFY = "0/hour"
    for _ in range(3):
        assert _verify(client, drawn_campaign).status_code == 200
    assert reruns == [drawn_campaign.pk]


def test_while_one_visit_re_runs_a_draw_the_others_are_asked_to_come_back(client, drawn_campaign, reruns):
    cache.add(drawing._rerun_key(drawn_campaign) + ":running", 1, timeout=60)
    busy = _verify(client, drawn_campaign)
    assert busy.status_code == 503 and busy["Retry-After"] == "30"
    assert 'id="verify-running"' in busy.content.decode() and reruns == []


def test_a_re_run_that_fails_is_kept_as_a_failure_and_reported(client, drawn_campaign):
    storage = drawn_campaign.inspectors_file.storage
    with storage.open(drawn_campaign.inspectors_file.name, "wb") as handle:
        handle.write(b"not json\n")
    page = _verify(client, drawn_campaign).content.decode()
    assert "alert-danger" in page
    assert drawing.cached_rerun(drawn_campaign).failed
