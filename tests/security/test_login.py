"""Finding 3: brute force. 220 wrong passwords, then the right one, used to sign in. Now failed sign-ins lock the
account name (any name, existing or not) and slow the client address, in the database; the lock ends with time, a
password reset by email, or an administrator."""

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY, user_logged_in, user_login_failed
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from biaozhun.accounts import signals
from biaozhun.accounts.models import AccountEvent, AccountEventKind, SignInThrottle, ThrottleScope
from biaozhun.accounts.security import lockout
from biaozhun.core.actors import SYSTEM
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
ACCOUNT_LOCKED = "这个账号已暂时锁定"
ADDRESS_LOCKED = "从您所在的网络地址登录失败的次数过多"
WRONG = "用户名（或电子邮箱）与密码不匹配"
START = timezone.make_aware(datetime(2026, 12, 1, 9, 0))


@pytest.fixture(autouse=True)
def _limits(settings):
    cache.clear()
    settings.BIAOZHUN_LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    settings.BIAOZHUN_LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    settings.BIAOZHUN_LOGIN_FAILURE_WINDOW_MINUTES = 15
    settings.BIAOZHUN_LOGIN_LOCK_MINUTES = 15


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def sign_in(client, username, password=DEFAULT_PASSWORD, address="127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def page(response) -> str:
    """The page without its CSRF tokens (which differ on every answer)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text(response))


def test_220_wrong_passwords_then_the_right_one_does_not_sign_in(client, clock):
    user = UserFactory(username="zhangsan")
    answers = [sign_in(client, "zhangsan", f"wrong-{n}") for n in range(220)]
    assert all(response.status_code == 200 for response in answers)
    assert all(WRONG in text(response) for response in answers[:4])
    assert all(ACCOUNT_LOCKED in text(response) or ADDRESS_LOCKED in text(response) for response in answers[4:])

    right = sign_in(client, "zhangsan")
    assert right.status_code == 200
    assert not signed_in(client)
    assert ADDRESS_LOCKED in text(right)  # the address is checked first; the account is locked as well
    assert SignInThrottle.objects.get(scope=ThrottleScope.ACCOUNT, user=user).is_locked()
    assert SignInThrottle.objects.get(scope=ThrottleScope.ADDRESS, key="127.0.0.1").is_locked()
    # From another address, the account's own lock still holds, and says what to do.
    elsewhere = sign_in(client, "zhangsan", address="10.1.2.3")
    assert not signed_in(client)
    assert ACCOUNT_LOCKED in text(elsewhere) and "忘记密码" in text(elsewhere)


def test_the_lock_says_how_long_and_the_right_password_signs_in_after_it(client, clock):
    UserFactory(username="zhangsan")
    for n in range(5):
        response = sign_in(client, "zhangsan", f"wrong-{n}")
    assert ACCOUNT_LOCKED in text(response) and "15 分钟" in text(response)
    clock.shift(timedelta(minutes=14))
    assert not signed_in(client) and ACCOUNT_LOCKED in text(sign_in(client, "zhangsan"))
    clock.shift(timedelta(minutes=2))
    assert sign_in(client, "zhangsan").status_code == 302
    assert signed_in(client)
    # A complete sign-in clears the account's count: one more mistake does not lock it again.
    client.logout()
    sign_in(client, "zhangsan", "wrong-again")
    assert sign_in(client, "zhangsan").status_code == 302


def test_the_email_address_and_any_case_count_for_the_same_account(client, clock):
    UserFactory(username="zhangsan", email="zhang.san@example.com")
    for name in ["zhangsan", "ZHANG.SAN@example.com", "zhang.san@EXAMPLE.com", "zhangsan", "zhang.san@example.com"]:
        sign_in(client, name, "wrong")
    assert ACCOUNT_LOCKED in text(sign_in(client, "zhangsan", address="10.9.9.9"))


def test_another_account_from_the_same_address_is_slowed_too(client, clock):
    UserFactory(username="zhangsan")
    UserFactory(username="lisi")
    for n in range(220):
        sign_in(client, "zhangsan", f"wrong-{n}")
    response = sign_in(client, "lisi")  # right password, an account nobody attacked
    assert not signed_in(client)
    assert ADDRESS_LOCKED in text(response)
    assert sign_in(client, "lisi", address="10.1.2.3").status_code == 302  # from elsewhere: fine


def test_many_names_from_one_address_lock_the_address(client, clock):
    UserFactory(username="lisi")
    for n in range(20):
        sign_in(client, f"guess{n}", "123456")  # a different name each time: no account is locked
    assert ADDRESS_LOCKED in text(sign_in(client, "lisi"))
    assert not signed_in(client)


def test_unknown_names_are_counted_and_answered_exactly_like_accounts(client, clock):
    UserFactory(username="zhangsan")
    known = [sign_in(client, "zhangsan", f"wrong-{n}", address="10.0.0.1") for n in range(6)]
    unknown = [sign_in(client, "nobody", f"wrong-{n}", address="10.0.0.2") for n in range(6)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [200] * 6
    for mine, theirs in zip(known, unknown, strict=True):
        assert page(mine).replace("zhangsan", "NAME") == page(theirs).replace("nobody", "NAME")
    assert ACCOUNT_LOCKED in text(unknown[-1])
    assert SignInThrottle.objects.get(scope=ThrottleScope.ACCOUNT, key="name:nobody").is_locked()


def test_an_administrator_unlocks_the_account_in_the_admin(client, admin_client, admin_user, clock):
    user = UserFactory(username="zhangsan")
    for n in range(5):
        sign_in(client, "zhangsan", f"wrong-{n}")
    response = admin_client.post(reverse("admin:accounts_user_changelist"),
                                 {"action": "unlock_sign_in", "_selected_action": [user.pk]}, follow=True)
    assert "已解除 1 个账号的登录锁定" in text(response)
    assert sign_in(client, "zhangsan").status_code == 302
    event = AccountEvent.objects.get(kind=AccountEventKind.SIGN_IN_UNLOCKED)
    assert (event.actor, event.target_user, event.data["reason"]) == (admin_user, user, "administrator")


def test_an_administrator_unlocks_an_address(client, admin_client, clock):
    UserFactory(username="lisi")
    for n in range(20):
        sign_in(client, f"guess{n}", "123456")
    row = SignInThrottle.objects.get(scope=ThrottleScope.ADDRESS, key="127.0.0.1")
    admin_client.post(reverse("admin:accounts_signinthrottle_changelist"),
                      {"action": "unlock", "_selected_action": [row.pk]})
    assert sign_in(client, "lisi").status_code == 302


def test_a_password_reset_by_email_unlocks_the_account(client, clock):
    user = UserFactory(username="zhangsan", email="zhangsan@example.com")
    for n in range(5):
        sign_in(client, "zhangsan", f"wrong-{n}")
    client.post(reverse("accounts:password_reset"), {"email": "zhangsan@example.com"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": "Xin-mi-ma-2026!", "new_password2": "Xin-mi-ma-2026!"})
    assert sign_in(client, "zhangsan", "Xin-mi-ma-2026!").status_code == 302
    event = AccountEvent.objects.get(kind=AccountEventKind.SIGN_IN_UNLOCKED)
    assert (event.actor, event.data["reason"]) == (user, "password_reset")


def test_the_locks_are_shared_through_the_database(client, clock):
    """Another web process sees the same rows: a fresh client (another session, no cache) is refused too."""
    from django.test import Client

    UserFactory(username="zhangsan")
    for n in range(5):
        sign_in(client, "zhangsan", f"wrong-{n}")
    cache.clear()
    assert ACCOUNT_LOCKED in text(sign_in(Client(), "zhangsan", address="10.7.7.7"))


def test_django_signals_keep_firing_and_locks_send_their_own(client, clock):
    failed, locked, logged_in = [], [], []

    def on_failed(**kwargs):
        failed.append(kwargs)

    def on_locked(**kwargs):
        locked.append(kwargs)

    def on_logged_in(**kwargs):
        logged_in.append(kwargs)

    user = UserFactory(username="zhangsan")
    user_login_failed.connect(on_failed)
    signals.sign_in_locked.connect(on_locked)
    user_logged_in.connect(on_logged_in)
    try:
        for n in range(6):
            sign_in(client, "zhangsan", f"wrong-{n}")
        clock.shift(timedelta(minutes=16))
        sign_in(client, "zhangsan")
    finally:
        user_login_failed.disconnect(on_failed)
        signals.sign_in_locked.disconnect(on_locked)
        user_logged_in.disconnect(on_logged_in)
    assert len(failed) == 6 and failed[-1]["reason"] == "locked" and "reason" not in failed[0]
    assert "password" not in failed[-1]["credentials"]
    assert [(s["scope"], s["user"], s["failures"]) for s in locked] == [("account", user, 5)]
    assert [s["user"] for s in logged_in] == [user]


def test_the_admin_signs_in_through_the_same_throttled_page(client):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN + "?next=%2Fadmin%2F"


def test_stale_counters_are_purged_but_locks_in_force_are_kept(client, clock):
    UserFactory(username="zhangsan")
    sign_in(client, "someone", "wrong", address="10.0.0.9")
    for n in range(5):
        sign_in(client, "zhangsan", f"wrong-{n}")
    clock.shift(timedelta(minutes=14))
    assert lockout.purge_sign_in_throttles(actor=SYSTEM) == 0
    clock.shift(timedelta(minutes=20))
    assert lockout.purge_sign_in_throttles(actor=SYSTEM) == 4  # two names, two addresses
    assert not SignInThrottle.objects.exists()
