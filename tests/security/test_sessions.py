"""Finding 5 (sessions): 14-day sessions with no idle timeout. Now a session ends after 30 idle minutes for
privileged people (8 hours for others) and 12 hours after signing in (14 days for others); the person is sent to
sign in again, told why, and brought back."""

from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY, user_logged_out
from django.urls import reverse
from django.utils import timezone

from biaozhun.accounts import signals

pytestmark = pytest.mark.django_db

START = timezone.make_aware(datetime(2026, 12, 1, 9, 0))
PROFILE = reverse("accounts:profile")
LOGIN = reverse("accounts:login")
IDLE_MESSAGE = "您已较长时间没有操作，为保护账号安全已自动退出"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.BIAOZHUN_SESSION_IDLE_MINUTES_PRIVILEGED = 30
    settings.BIAOZHUN_SESSION_IDLE_MINUTES = 480
    settings.BIAOZHUN_SESSION_MAX_HOURS_PRIVILEGED = 12
    settings.BIAOZHUN_SESSION_MAX_HOURS = 14 * 24


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_a_privileged_session_ends_after_30_idle_minutes(client, secretariat_user, clock):
    client.force_login(secretariat_user)
    clock.shift(timedelta(minutes=29))
    assert client.get(PROFILE).status_code == 200
    clock.shift(timedelta(minutes=29))  # active 29 minutes ago: still in
    assert client.get(PROFILE).status_code == 200

    ended, logged_out = [], []
    signals.session_expired.connect(on_end := lambda **kwargs: ended.append(kwargs["reason"]))
    user_logged_out.connect(on_out := lambda **kwargs: logged_out.append(kwargs["user"]))
    try:
        clock.shift(timedelta(minutes=31))
        response = client.get(PROFILE + "?tab=tokens")
    finally:
        signals.session_expired.disconnect(on_end)
        user_logged_out.disconnect(on_out)
    assert response.status_code == 302
    assert response["Location"] == LOGIN + "?next=" + quote(PROFILE + "?tab=tokens", safe="")
    assert SESSION_KEY not in client.session
    assert ended == ["idle"] and logged_out == [secretariat_user]
    login_page = client.get(response["Location"]).content.decode()
    assert IDLE_MESSAGE in login_page
    assert 'name="next" value="/accounts/profile/?tab=tokens"' in login_page


def test_others_stay_signed_in_longer_when_idle(client, registered_user, clock):
    client.force_login(registered_user)
    clock.shift(timedelta(hours=7))
    assert client.get(PROFILE).status_code == 200
    clock.shift(timedelta(hours=8, minutes=1))
    assert client.get(PROFILE)["Location"].startswith(LOGIN)


def test_a_privileged_session_ends_12_hours_after_signing_in_however_active(client, reviewer_user, clock):
    client.force_login(reviewer_user)
    for _step in range(12 * 3):
        clock.shift(timedelta(minutes=20))
        assert client.get(PROFILE).status_code == 200
    clock.shift(timedelta(minutes=20))
    response = client.get(PROFILE, follow=True)
    assert "您已登录较长时间" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_others_are_signed_out_after_14_days(client, registered_user, clock):
    client.force_login(registered_user)
    for _visit in range(14 * 24 // 7):  # a visit every 7 hours, never idle for 8
        clock.shift(timedelta(hours=7))
        assert client.get(PROFILE).status_code == 200
    clock.shift(timedelta(hours=7))
    assert client.get(PROFILE)["Location"].startswith(LOGIN)


def test_the_limits_are_settings(client, secretariat_user, clock, settings):
    settings.BIAOZHUN_SESSION_IDLE_MINUTES_PRIVILEGED = 5
    client.force_login(secretariat_user)
    clock.shift(timedelta(minutes=6))
    assert client.get(PROFILE)["Location"].startswith(LOGIN)


def test_an_expired_session_on_the_api_is_treated_as_signed_out(client, reviewer_user, clock):
    client.force_login(reviewer_user)
    clock.shift(timedelta(minutes=31))
    response = client.get("/api/v1/projects/")
    assert response.status_code == 200  # answered as to anyone, not redirected to a sign-in page
    assert response.wsgi_request.user.is_anonymous
    assert SESSION_KEY not in client.session


def test_a_form_sent_after_the_timeout_returns_to_the_page_it_came_from(client, secretariat_user, clock):
    client.force_login(secretariat_user)
    clock.shift(timedelta(minutes=31))
    response = client.post(reverse("accounts:token_create"), {"name": "x"},
                           HTTP_REFERER="http://testserver/accounts/profile/")
    assert response["Location"] == LOGIN + "?next=" + quote("http://testserver/accounts/profile/", safe="")


def test_an_htmx_request_after_the_timeout_redirects_the_whole_page(client, secretariat_user, clock):
    client.force_login(secretariat_user)
    clock.shift(timedelta(minutes=31))
    response = client.get(PROFILE, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(LOGIN + "?next=")
