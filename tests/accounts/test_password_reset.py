"""Password reset by e-mail (bilingual message, working link) and password change."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Xin-mi-ma-2026!"
LINK = re.compile(r"http://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)")


def test_reset_mail_is_bilingual_and_its_link_sets_a_new_password(client):
    user = UserFactory(username="lisi", email="lisi@example.com", real_name="李四")
    response = client.post(reverse("accounts:password_reset"), {"email": "LiSi@Example.com"})
    assert response["Location"] == reverse("accounts:password_reset_done")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lisi@example.com"]
    assert "重设" in message.subject and "Reset" in message.subject
    assert message.body.index("李四，您好") < message.body.index("Hello 李四")
    links = LINK.findall(message.body)
    assert len(links) == 2 and links[0] == links[1]

    set_password_page = client.get(links[0], follow=True)
    assert set_password_page.status_code == 200
    assert 'name="new_password1"' in set_password_page.content.decode()
    done = client.post(
        set_password_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.login(username="lisi", password=NEW_PASSWORD)

    used_again = client.get(links[0], follow=True)
    assert "链接已失效" in used_again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_reset_pages_render(client):
    for name in ["password_reset", "password_reset_done", "password_reset_complete"]:
        assert client.get(reverse(f"accounts:{name}")).status_code == 200


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:password_change")).status_code == 200
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(response["Location"]).status_code == 200


def test_password_change_with_a_wrong_old_password_shows_the_error(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert 'id="id_old_password_error"' in response.content.decode()
