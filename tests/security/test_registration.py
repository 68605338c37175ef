"""Registration does not reveal which addresses or usernames have accounts: the same page answers every address
and the e-mail says the rest; a taken username is told only after the address is proven (issue 9, finding 6)."""

import base64
import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from biaozhun.accounts.models import AccountEvent, AccountEventKind, User
from biaozhun.accounts.privacy.models import ConsentVia, PrivacyConsent
from biaozhun.accounts.privacy.notice import current_version
from tests.accounts.test_pages import LINK, _registration, registration_link
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def _answer(client, email: str):
    response = client.post(reverse("accounts:register"), {"email": email})
    return response.status_code, CSRF.sub(b"", response.content)


def test_an_address_with_an_account_and_a_new_one_get_byte_identical_pages(client):
    UserFactory(username="lisi", email="lisi@example.com")
    taken, new = _answer(client, "lisi@example.com"), _answer(client, "lisi@example.com".replace("lisi", "lisj"))
    assert taken[0] == new[0] == 200
    assert taken[1] == new[1].replace(b"lisj@", b"lisi@")  # the same page, only the address it names differs
    page = taken[1].decode()
    assert "我们已向 <strong" in page and "lisi@example.com" in page
    assert "已被" not in page and "已注册" not in page  # nothing says whether the address is known
    assert User.objects.count() == 1  # no account, active or not, is made before the link is used


def test_the_answer_is_the_same_in_any_case_of_a_known_address(client):
    UserFactory(email="Wang.Fang@Example.com")
    upper, lower = _answer(client, "WANG.FANG@example.com"), _answer(client, "wang.fang@example.com")
    assert upper[1].lower() == lower[1].lower()
    assert [message.subject for message in mail.outbox] == ["有人试图用您的邮箱注册“标准”平台"] * 2


def test_a_new_address_is_sent_a_link_that_completes_the_registration(client):
    client.post(reverse("accounts:register"), {"email": "newcomer@example.com"})
    (message,) = mail.outbox
    assert (message.to, message.subject) == (["newcomer@example.com"], "完成“标准”平台的注册")
    assert "48 小时内有效" in message.body
    link = LINK.search(message.body).group(1)
    # The link carries the address sealed (SM4), not readable in mail logs or proxy logs.
    assert "newcomer" not in link and base64.urlsafe_b64encode(b"newcomer").decode()[:8] not in link
    response = client.post(link, _registration(username="newcomer"))
    assert response.status_code == 302
    user = User.objects.get(username="newcomer")
    assert (user.email, user.is_active, user.privacy_version) == ("newcomer@example.com", True, current_version())
    assert client.session["_auth_user_id"] == str(user.pk)
    event = AccountEvent.objects.get(kind=AccountEventKind.USER_REGISTERED)
    assert event.data == {"username": "newcomer", "self_registered": True}


def test_a_known_address_is_told_someone_tried_and_how_to_sign_in_or_reset(client):
    UserFactory(username="zhaoliu", email="zhaoliu@example.com")
    client.post(reverse("accounts:register"), {"email": "zhaoliu@example.com"})
    (message,) = mail.outbox
    assert (message.to, message.subject) == (["zhaoliu@example.com"], "有人试图用您的邮箱注册“标准”平台")
    assert "已经有账号，因此没有创建新账号" in message.body
    assert "http://127.0.0.1:8000/accounts/login/" in message.body
    assert "http://127.0.0.1:8000/accounts/password/reset/" in message.body
    assert "zhaoliu" in message.body and not LINK.search(message.body)  # no registration link
    assert User.objects.count() == 1


def test_the_emails_are_in_the_language_the_visitor_reads(client):
    UserFactory(email="known@example.com")
    client.post(reverse("accounts:register"), {"email": "known@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    client.post(reverse("accounts:register"), {"email": "new@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    assert [m.subject for m in mail.outbox] == ["Someone tried to register on Biaozhun with your address",
                                                "Complete your registration on Biaozhun"]
    assert "If it was you, sign in" in mail.outbox[0].body and "valid for 48 hours" in mail.outbox[1].body


def test_step_one_asks_no_username_and_a_taken_one_is_told_only_behind_the_link(client):
    assert 'name="username"' not in client.get(reverse("accounts:register")).content.decode()
    UserFactory(username="wangfang", email="someone@example.com")
    response = client.post(registration_link(client, "wangfang@example.com"), _registration(username="WangFang"))
    assert response.status_code == 422
    assert "这个用户名已被使用" in response.content.decode()
    assert not User.objects.filter(email_index="").exists() and User.objects.count() == 1


def test_consent_to_the_current_privacy_notice_is_required_and_recorded(client):
    link = registration_link(client)
    page = client.get(link).content.decode()
    assert f"《隐私政策》（第 {current_version()} 版）" in page and f'href="{reverse("privacy:page")}"' in page
    refused = client.post(link, _registration(consent=""))
    assert refused.status_code == 422 and "请阅读《隐私政策》并勾选同意" in refused.content.decode()
    assert not User.objects.exists()
    client.post(link, _registration(), REMOTE_ADDR="203.0.113.7")
    consent = PrivacyConsent.objects.get()
    assert (consent.user.username, consent.version, consent.address, consent.via) == (
        "wangfang", current_version(), "203.0.113.7", ConsentVia.REGISTRATION)


def test_consent_to_a_notice_that_is_no_longer_current_is_asked_again(client):
    link = registration_link(client)
    response = client.post(link, _registration(notice_version=str(current_version() - 1)))
    assert response.status_code == 422
    page = response.content.decode()
    assert "请阅读新版本后再确认同意" in page
    assert f'name="notice_version" value="{current_version()}"' in page and 'checked' not in page
    assert not User.objects.exists()


def test_a_used_altered_or_expired_link_creates_nothing(client, settings):
    link = registration_link(client)
    assert client.post(link, _registration()).status_code == 302
    client.logout()
    used = client.get(link)
    assert used.status_code == 410 and "这个电子邮箱已经注册" in used.content.decode()
    assert client.post(link, _registration(username="second")).status_code == 410
    token = link.rstrip("/").rsplit("/", 1)[1]
    altered = client.get(reverse("accounts:register_complete", args=[token[:-2] + "xx"]))
    assert altered.status_code == 400 and "注册链接无效或已过期" in altered.content.decode()
    expired = signing.dumps({"e": "x"}, salt="biaozhun.accounts.registration", compress=True)
    assert client.get(reverse("accounts:register_complete", args=[expired])).status_code == 400
    assert User.objects.count() == 1


def test_a_link_older_than_two_days_has_expired(client):
    import time_machine

    with time_machine.travel("2026-03-01 09:00", tick=False):
        link = registration_link(client)
    with time_machine.travel("2026-03-03 09:01", tick=False):
        response = client.get(link)
    assert response.status_code == 400 and "有效期 48 小时" in response.content.decode()
