"""Finding 3: no second factor. Now staff, administrators, reviewers and TC secretariats must sign in with a TOTP
authenticator (django-otp) or a single-use recovery code, on the site and in /admin/; others may turn it on."""

import re
import time
from base64 import b32encode
from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY, user_logged_in
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from biaozhun.accounts.models import AccountEvent, AccountEventKind, RecoveryCode
from biaozhun.accounts.security import second_factor
from biaozhun.core.actors import SYSTEM
from tests.factories.accounts import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
SETUP = reverse("accounts:second_factor_setup")
VERIFY = reverse("accounts:second_factor_verify")
PROFILE = reverse("accounts:profile")
KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key
START = timezone.make_aware(datetime(2026, 12, 1, 9, 0))


@pytest.fixture(autouse=True)
def _required(settings):
    cache.clear()
    settings.BIAOZHUN_MFA_REQUIRED = True


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def code_for(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def enrol(user) -> TOTPDevice:
    return second_factor.enrol_known_key(actor=SYSTEM, user=user, key_hex=KEY)


def sign_in(client, user, **extra):
    return client.post(LOGIN, {"username": user.username, "password": DEFAULT_PASSWORD, **extra})


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_secretary_can_do_nothing_before_enrolling(client, secretariat_user, clock):
    assert sign_in(client, secretariat_user).status_code == 302
    for path in [PROFILE, "/", reverse("development:dashboard"), "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(SETUP + "?next="), path

    page = client.get(SETUP + "?next=/projects/dashboard/")
    device = TOTPDevice.objects.get(user=secretariat_user, confirmed=False)
    secret = b32encode(device.bin_key).decode()
    content = text(page)
    assert "<svg" in content and "<title>" in content  # the QR code, drawn here (no outside service)
    assert " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)) in content
    assert "no-store" in page["Cache-Control"]

    wrong = client.post(SETUP, {"code": "000000", "next": "/projects/dashboard/"})
    assert "验证码不正确" in text(wrong)
    clock.shift(timedelta(seconds=5))
    done = client.post(SETUP, {"code": code_for(device), "next": "/projects/dashboard/"})
    listed = re.search(r'<ol[^>]*id="recovery-codes"[^>]*>(.*?)</ol>', text(done)).group(1)
    codes = re.findall(r"[a-z2-9]{5}-[a-z2-9]{5}", listed)
    assert len(set(codes)) == 10 and "离开本页后将无法再次查看" in text(done)
    assert 'href="/projects/dashboard/"' in text(done)
    assert "no-store" in done["Cache-Control"]
    assert client.get(reverse("development:dashboard")).status_code == 200
    assert AccountEvent.objects.filter(kind=AccountEventKind.SECOND_FACTOR_ENROLLED, target_user=secretariat_user
                                       ).exists()
    # Only keyed digests are stored: no code can be read back.
    stored = list(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(stored) == 10 and not {code.replace("-", "") for code in codes} & set(stored)


def test_an_enrolled_person_is_signed_in_only_after_the_code(client, reviewer_user, clock):
    device = enrol(reviewer_user)
    logged_in = []
    user_logged_in.connect(receiver := lambda **kwargs: logged_in.append(kwargs["user"]))
    try:
        response = sign_in(client, reviewer_user, next="/projects/queue/")
        assert response["Location"] == VERIFY
        assert SESSION_KEY not in client.session and logged_in == []
        assert client.get(PROFILE)["Location"].startswith(LOGIN)  # the password alone signs nobody in

        wrong = client.post(VERIFY, {"code": "123456"})
        assert "验证码不正确或已用过" in text(wrong) and SESSION_KEY not in client.session
        clock.shift(timedelta(seconds=5))
        right = client.post(VERIFY, {"code": code_for(device)})
    finally:
        user_logged_in.disconnect(receiver)
    assert right["Location"] == "/projects/queue/"
    assert client.session[SESSION_KEY] == str(reviewer_user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert logged_in == [reviewer_user]
    assert client.get(reverse("development:queue")).status_code == 200


def test_a_code_is_not_accepted_twice(client, reviewer_user, clock):
    device = enrol(reviewer_user)
    sign_in(client, reviewer_user)
    code = code_for(device)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.logout()
    clock.shift(timedelta(seconds=5))
    sign_in(client, reviewer_user)
    assert "验证码不正确或已用过" in text(client.post(VERIFY, {"code": code}))


def test_a_recovery_code_signs_in_once(client, secretariat_user, clock):
    enrol(secretariat_user)
    codes = second_factor.issue_recovery_codes(actor=secretariat_user, user=secretariat_user)
    sign_in(client, secretariat_user)
    used = client.post(VERIFY, {"code": codes[0].upper().replace("-", " ")}, follow=True)
    assert "还剩 9 个" in text(used)
    assert client.session[SESSION_KEY] == str(secretariat_user.pk)
    event = AccountEvent.objects.get(kind=AccountEventKind.RECOVERY_CODE_USED)
    assert event.data == {"remaining": 9}

    client.logout()
    clock.shift(timedelta(minutes=1))
    sign_in(client, secretariat_user)
    assert "验证码不正确或已用过" in text(client.post(VERIFY, {"code": codes[0]}))
    assert SESSION_KEY not in client.session


def test_wrong_codes_lock_the_account_like_wrong_passwords(client, reviewer_user, clock, settings):
    settings.BIAOZHUN_LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    device = enrol(reviewer_user)
    sign_in(client, reviewer_user)
    for _attempt in range(4):
        clock.shift(timedelta(minutes=1))
        assert "验证码不正确" in text(client.post(VERIFY, {"code": "000000"}))
    clock.shift(timedelta(minutes=1))
    locked = client.post(VERIFY, {"code": "000000"}, follow=True)
    assert "这个账号已暂时锁定" in text(locked)
    assert locked.redirect_chain[-1][0] == LOGIN
    clock.shift(timedelta(minutes=1))
    assert "这个账号已暂时锁定" in text(sign_in(client, reviewer_user))
    assert client.post(VERIFY, {"code": code_for(device)})["Location"] == LOGIN  # nothing pending any more
    assert SESSION_KEY not in client.session


def test_the_admin_asks_for_the_second_factor(client, admin_user, clock):
    client.force_login(admin_user)  # a session signed in with the password only
    response = client.get("/admin/")
    assert response["Location"].startswith(SETUP)
    device = enrol(admin_user)
    response = client.get("/admin/")
    assert response["Location"].startswith(VERIFY)
    assert client.post(VERIFY + "?next=/admin/", {"code": code_for(device), "next": "/admin/"})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_api_refuses_an_unverified_privileged_session(client, reviewer_user):
    client.force_login(reviewer_user)
    response = client.get("/api/v1/projects/")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"


def test_others_may_turn_it_on_and_off(client, registered_user, clock):
    client.force_login(registered_user)
    assert "启用两步验证" in text(client.get(PROFILE))
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=registered_user)
    client.post(SETUP, {"code": code_for(device)})
    assert "已启用" in text(client.get(PROFILE))

    wrong = client.post(reverse("accounts:second_factor_disable"), {"password": "not-my-password"})
    assert "密码不正确" in text(wrong)
    client.post(reverse("accounts:second_factor_disable"), {"password": DEFAULT_PASSWORD})
    assert not TOTPDevice.objects.filter(user=registered_user).exists()
    assert AccountEvent.objects.filter(kind=AccountEventKind.SECOND_FACTOR_REMOVED).count() == 1
    client.logout()
    assert sign_in(client, registered_user)["Location"] != VERIFY


def test_people_who_must_use_it_cannot_turn_it_off(client, secretariat_user, clock):
    device = enrol(secretariat_user)
    sign_in(client, secretariat_user)
    client.post(VERIFY, {"code": code_for(device)})
    response = client.post(reverse("accounts:second_factor_disable"), {"password": DEFAULT_PASSWORD}, follow=True)
    assert "必须使用两步验证" in text(response)
    assert TOTPDevice.objects.filter(user=secretariat_user).exists()


def test_an_authenticator_is_never_replaced_without_it(client, secretariat_user, clock):
    enrol(secretariat_user)
    client.force_login(secretariat_user)  # the password only
    assert client.get(SETUP + "?replace=1")["Location"].startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456", "replace": "1"})["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=secretariat_user).count() == 1


def test_an_administrator_resets_a_lost_second_factor(client, admin_client, secretariat_user, admin_user, settings):
    settings.BIAOZHUN_MFA_REQUIRED = False  # the administrator's own session (force_login) needs none here
    enrol(secretariat_user)
    second_factor.issue_recovery_codes(actor=SYSTEM, user=secretariat_user)
    response = admin_client.post(reverse("admin:accounts_user_changelist"),
                                 {"action": "reset_second_factor", "_selected_action": [secretariat_user.pk]},
                                 follow=True)
    assert "已重置 1 个账号的两步验证" in text(response)
    assert not second_factor.has_second_factor(secretariat_user)
    assert not RecoveryCode.objects.exists()
    event = AccountEvent.objects.filter(kind=AccountEventKind.SECOND_FACTOR_REMOVED).get()
    assert event.actor == admin_user and event.data["devices"] == ["totp", "recovery_codes"]
    settings.BIAOZHUN_MFA_REQUIRED = True
    sign_in(client, secretariat_user)
    assert client.get(PROFILE)["Location"].startswith(SETUP)  # they enrol again


def test_who_must_use_it(secretariat_user, reviewer_user, admin_user, registered_user, enterprise_user,
                         ministry_user, settings):
    assert [second_factor.required_for(u) for u in (secretariat_user, reviewer_user, admin_user)] == [True] * 3
    assert [second_factor.required_for(u) for u in (registered_user, enterprise_user, ministry_user)] == [False] * 3
    registered_user.is_staff = True
    assert second_factor.required_for(registered_user)
    settings.BIAOZHUN_MFA_REQUIRED = False
    assert not second_factor.required_for(secretariat_user)


def test_the_demo_accounts_sign_in_with_the_published_key(client, secretariat_user, clock):
    from io import StringIO
    from pathlib import Path

    from django.core.management import call_command

    from biaozhun.accounts.security import demo

    assert demo.enrol_demo_accounts([secretariat_user.username]) == [secretariat_user.username]
    assert demo.enrol_demo_accounts([secretariat_user.username]) == []  # once only
    printed = StringIO()
    call_command("demo_totp_code", stdout=printed)
    sign_in(client, secretariat_user)
    assert client.post(VERIFY, {"code": printed.getvalue().strip()}).status_code == 302
    assert client.session[SESSION_KEY] == str(secretariat_user.pk)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert demo.key_base32() in readme and "demo_totp_code" in readme


def test_an_htmx_request_of_an_unverified_session_redirects_the_whole_page(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.get(PROFILE, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"].startswith(SETUP)
