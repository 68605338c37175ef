"""Account pages: registration, login (username or e-mail), logout, my account, create organisation."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from biaozhun.accounts.models import AccountEvent, AccountEventKind, MembershipRole, Organisation, User
from biaozhun.accounts.privacy.notice import current_version
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory, make_uscc

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Zhun-bei-2019!"


def _registration(**overrides: str) -> dict[str, str]:
    """The completion form (step 2) of a registration, consenting to the current privacy notice."""
    data = {
        "real_name": "王芳",
        "username": "wangfang",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "consent": "on",
        "notice_version": str(current_version()),
    }
    return data | overrides


LINK = re.compile(r"http://127\.0\.0\.1:8000(/accounts/register/[^/\s]+/)")


def registration_link(client, email: str = "wangfang@example.com", *, next_url: str = "") -> str:
    """Step 1: ask for a registration e-mail; the path of the link it carries."""
    mail.outbox.clear()
    data = {"email": email} | ({"next": next_url} if next_url else {})
    assert client.post(reverse("accounts:register"), data).status_code == 200
    (message,) = mail.outbox
    return LINK.search(message.body).group(1)


# --- Registration ---------------------------------------------------------------------------------
def test_registration_pages_have_labelled_fields(client):
    response = client.get(reverse("accounts:register"))
    assert response.status_code == 200
    assert '<label class="form-label" for="id_email">电子邮箱' in response.content.decode()
    content = client.get(registration_link(client)).content.decode()
    for field, label in [("real_name", "真实姓名"), ("username", "用户名")]:
        assert f'<label class="form-label" for="id_{field}">{label}' in content
    assert 'autocomplete="new-password"' in content and "wangfang@example.com" in content


def test_registering_creates_the_user_logs_them_in_and_hashes_the_password(client):
    response = client.post(registration_link(client), _registration())
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    user = User.objects.get(username="wangfang")
    assert (user.real_name, user.email) == ("王芳", "wangfang@example.com")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.password != NEW_PASSWORD
    assert user.check_password(NEW_PASSWORD)
    assert AccountEvent.objects.get().kind == AccountEventKind.USER_REGISTERED


def test_mismatched_passwords_are_shown_and_nothing_is_created(client):
    response = client.post(registration_link(client), _registration(password2="something-else-1"))
    assert response.status_code == 422
    assert "两次输入的密码不一致" in response.content.decode()
    assert not User.objects.exists()


def test_service_errors_appear_on_their_fields(client):
    UserFactory(username="wangfang")
    response = client.post(registration_link(client, "newcomer@example.com"),
                           _registration(password1="123", password2="123"))
    assert response.status_code == 422
    content = response.content.decode()
    assert 'id="id_username_error"' in content  # a taken username, told only after the address is proven
    assert 'id="id_password1_error"' in content
    assert 'aria-invalid="true"' in content
    assert User.objects.count() == 1


def test_a_signed_in_user_is_sent_from_registration_to_their_account(client, registered_user):
    client.force_login(registered_user)
    assert client.get(reverse("accounts:register"))["Location"] == reverse("accounts:profile")


# --- Login and logout -----------------------------------------------------------------------------
@pytest.mark.parametrize("identifier", ["zhangsan", "zhangsan@example.com", "ZhangSan@Example.COM"])
def test_login_with_username_or_email(client, identifier):
    user = UserFactory(username="zhangsan", email="zhangsan@example.com")
    response = client.post(reverse("accounts:login"), {"username": identifier, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"


def test_wrong_password_is_refused_with_a_message(client):
    UserFactory(username="zhangsan")
    response = client.post(reverse("accounts:login"), {"username": "zhangsan", "password": "wrong"})
    assert response.status_code == 200
    assert "密码不匹配" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_inactive_account_cannot_log_in(client):
    UserFactory(username="gone", is_active=False)
    client.post(reverse("accounts:login"), {"username": "gone", "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_login_page_links_to_password_reset(client):
    response = client.get(reverse("accounts:login"))
    assert reverse("accounts:password_reset") in response.content.decode()


def test_logout_is_a_post(client, registered_user):
    client.force_login(registered_user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# --- My account -----------------------------------------------------------------------------------
def test_my_account_needs_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_my_account_lists_my_organisations_and_roles(
    client, enterprise, enterprise_user, django_assert_max_num_queries
):
    client.force_login(enterprise_user)
    with django_assert_max_num_queries(8):  # 6, the administrative roles (audit links), the second factor
        response = client.get(reverse("accounts:profile"))
    content = response.content.decode()
    assert enterprise.name in content
    assert enterprise.uscc in content
    assert "管理员" in content
    assert reverse("accounts:organisation_create") in content


# --- Create organisation --------------------------------------------------------------------------
def test_create_organisation_offers_only_self_service_kinds(client, registered_user):
    client.force_login(registered_user)
    content = client.get(reverse("accounts:organisation_create")).content.decode()
    assert 'value="enterprise"' in content
    assert 'value="bureau"' not in content
    assert 'name="region_code"' not in content


def test_administrators_see_every_kind_and_the_scope_codes(client, admin_user):
    client.force_login(admin_user)
    content = client.get(reverse("accounts:organisation_create")).content.decode()
    assert 'value="bureau"' in content
    assert 'name="region_code"' in content


def test_creating_an_organisation_makes_me_its_admin(client, registered_user):
    client.force_login(registered_user)
    uscc = make_uscc(31)
    response = client.post(
        reverse("accounts:organisation_create"), {"kind": "enterprise", "name": "某某有限公司", "uscc": uscc}
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(uscc=uscc)
    assert registered_user.role_in(organisation) == MembershipRole.ADMIN
    assert "某某有限公司" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "uscc, message",
    [("9111000060003734", "您输入了 16 位"), ("91110000600037341M", "校验位"), ("", "必须填写统一社会信用代码")],
)
def test_a_bad_uscc_is_shown_on_the_field(client, registered_user, uscc, message):
    client.force_login(registered_user)
    response = client.post(
        reverse("accounts:organisation_create"), {"kind": "enterprise", "name": "某某有限公司", "uscc": uscc}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_uscc_error"' in content
    assert message in content
    assert not Organisation.objects.exists()


def test_a_non_administrator_cannot_post_a_bureau(client, registered_user):
    client.force_login(registered_user)
    response = client.post(
        reverse("accounts:organisation_create"), {"kind": "bureau", "name": "某局", "region_code": "32"}
    )
    assert response.status_code == 200
    assert 'id="id_kind_error"' in response.content.decode()
    assert not Organisation.objects.exists()


def test_create_organisation_needs_login(client):
    response = client.get(reverse("accounts:organisation_create"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_pages_answer_in_english_too(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert '<label class="form-label" for="id_username">Username or e-mail' in content


def test_english_pages_and_errors(client, registered_user):
    client.force_login(registered_user)
    response = client.post(
        reverse("accounts:organisation_create"),
        {"kind": "enterprise", "name": "ACME", "uscc": "91110000600037341M"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    content = response.content.decode()
    assert "Register an organisation" in content
    assert "The check character (the 18th)" in content


def test_registering_in_english_makes_english_the_preferred_language(client):
    client.post(reverse("accounts:register"), {"email": "wangfang@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    assert mail.outbox[0].subject == "Complete your registration on Biaozhun"  # the e-mail is in English too
    link = LINK.search(mail.outbox[0].body).group(1)
    client.post(link, _registration(), HTTP_ACCEPT_LANGUAGE="en")
    assert User.objects.get(username="wangfang").language == "en"
