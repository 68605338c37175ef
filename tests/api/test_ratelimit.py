"""Anonymous API use is rate limited with a clear 429; signed-in use is not."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.BIAOZHUN_API_ANON_RATE = "3/minute"
    cache.clear()


def test_anonymous_requests_over_the_limit_get_429(client):
    codes = [client.get("/api/v1/catalog/standards/GB/T%201-2020").status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]
    response = client.get("/api/v1/catalog/standards/GB/T%201-2020")
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "rate_limited"
    assert 0 < int(response["Retry-After"]) <= 60


def test_pages_are_not_limited(client):
    assert all(client.get("/").status_code == 200 for _ in range(5))


def test_signed_in_users_are_not_limited(client, registered_user):
    client.force_login(registered_user)
    assert {client.get("/api/v1/catalog/standards/GB/T%201-2020").status_code for _ in range(5)} == {404}
