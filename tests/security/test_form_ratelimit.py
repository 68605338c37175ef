"""Finding 2 (forms) and 6 (reset emails): only the API was rate limited. Now the pages that do heavy work or guard
accounts (validity check, search, sign-in, registration, password reset) answer a translated 429 with Retry-After
over their rate, counted by one limiter shared with the API in the cache; password-reset emails are throttled per
account and per address while the page answers the same."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "您在短时间内提交的请求过多"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _login(client, **extra):
    return client.post(reverse("accounts:login"), {"username": "nobody", "password": "x"}, **extra)


def _register(client, **extra):
    return client.post(reverse("accounts:register"), {"real_name": "王芳"}, **extra)


def _reset(client, **extra):
    return client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"}, **extra)


def _validity(client, **extra):
    return client.post(reverse("portal:validity_check"), {"numbers": "GB/T 19001-2016"}, **extra)


def _search(client, **extra):
    return client.get(reverse("portal:standard_list"), {"q": "信息"}, **extra)


@pytest.mark.parametrize("setting, send", [
    ("BIAOZHUN_RATE_LOGIN", _login),
    ("BIAOZHUN_RATE_REGISTER", _register),
    ("BIAOZHUN_RATE_PASSWORD_RESET", _reset),
    ("BIAOZHUN_RATE_VALIDITY", _validity),
    ("BIAOZHUN_RATE_SEARCH", _search),
])
def test_each_form_answers_429_with_retry_after_over_its_rate(client, settings, setting, send):
    setattr(settings, setting, "3/minute")
    answers = [send(client) for _ in range(4)]
    assert 429 not in [a.status_code for a in answers[:3]]
    refused = answers[3]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert TOO_MANY in refused.content.decode()
    assert re.search(r"请在 \d+ 秒后再试", refused.content.decode())
    # Another address has its own count.
    assert send(client, REMOTE_ADDR="10.0.0.8").status_code != 429


def test_the_429_page_is_in_the_readers_language(client, settings):
    settings.BIAOZHUN_RATE_LOGIN = "1/hour"
    _login(client)
    refused = _login(client, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert "try again in" in refused.content.decode()


def test_a_signed_in_searcher_is_counted_as_themself(client, settings, registered_user, search_index):
    settings.BIAOZHUN_RATE_SEARCH = "2/minute"
    _search(client)
    _search(client)
    assert _search(client).status_code == 429
    client.force_login(registered_user)
    assert _search(client).status_code == 200


def test_page_views_and_the_api_share_one_limiter(client, settings):
    """The API's anonymous limit is counted by the same module (biaozhun.core.ratelimit)."""
    from biaozhun.api import ratelimit as api_ratelimit
    from biaozhun.core import ratelimit

    assert api_ratelimit.client_address is ratelimit.client_address
    settings.BIAOZHUN_API_ANON_RATE = "2/minute"
    codes = [client.get("/api/v1/nothing-here").status_code for _ in range(3)]
    assert codes[-1] == 429


def test_with_the_database_cache_the_counters_are_shared_rows(client, settings):
    """BIAOZHUN_CACHE=database: every web process reads and writes the same counters."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                   "LOCATION": "biaozhun_cache_test"}}
    call_command("createcachetable", verbosity=0)  # (Django's test signals reopen the caches on CACHES)
    settings.BIAOZHUN_RATE_VALIDITY = "2/minute"
    assert [_validity(client).status_code for _ in range(3)][-1] == 429
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM biaozhun_cache_test")
        keys = [row[0] for row in cursor.fetchall()]
    assert any(":ratelimit:validity:" in key for key in keys)


def test_the_trusted_proxy_address_is_used_only_when_configured(client, settings):
    settings.BIAOZHUN_RATE_LOGIN = "1/minute"
    _login(client, HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert _login(client, HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 429  # the header is ignored
    settings.BIAOZHUN_TRUST_X_FORWARDED_FOR = True
    assert _login(client, HTTP_X_FORWARDED_FOR="203.0.113.3").status_code == 200


# --- Password-reset emails -------------------------------------------------------------------------------
def test_reset_emails_are_throttled_per_account_and_the_page_answers_the_same(client, settings):
    settings.BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ACCOUNT = "3/hour"
    UserFactory(email="lisi@example.com")
    answers = [client.post(reverse("accounts:password_reset"), {"email": "lisi@example.com"},
                           REMOTE_ADDR=f"10.0.0.{n}") for n in range(5)]
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert len(mail.outbox) == 3
    assert {(a.status_code, a["Location"]) for a in [*answers, unknown]} == {
        (302, reverse("accounts:password_reset_done"))}


def test_reset_emails_are_throttled_per_address(client, settings):
    settings.BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ADDRESS = "2/hour"
    for n in range(4):
        UserFactory(email=f"person{n}@example.com")
        response = client.post(reverse("accounts:password_reset"), {"email": f"person{n}@example.com"})
        assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 2
    other = client.post(reverse("accounts:password_reset"), {"email": "person3@example.com"}, REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302 and len(mail.outbox) == 3


def test_the_sign_in_rate_is_counted_before_any_password_is_checked(client, settings):
    settings.BIAOZHUN_RATE_LOGIN = "2/minute"
    UserFactory(username="zhangsan")
    _login(client)
    _login(client)
    refused = client.post(reverse("accounts:login"), {"username": "zhangsan", "password": DEFAULT_PASSWORD})
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
