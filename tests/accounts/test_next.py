"""Where a person goes after signing up or in: back to the page that sent them (only a page of this site)."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.test_pages import LINK, _registration, registration_link
from tests.factories.accounts import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

STANDARD_PAGE = "/std/GB/T 19001-2016"
ENCODED = "/std/GB/T%2019001-2016"


def test_the_registration_form_carries_next(client):
    page = client.get(reverse("accounts:register"), {"next": STANDARD_PAGE}).content.decode()
    assert f'<input type="hidden" name="next" value="{STANDARD_PAGE}">' in page


def test_registering_lands_on_next(client):
    """The page that sent the person travels in the e-mailed link, and they land there once registered."""
    response = client.post(registration_link(client, next_url=STANDARD_PAGE), _registration())
    assert response.status_code == 302 and response["Location"] in (STANDARD_PAGE, ENCODED)


def test_registering_with_next_in_the_query_lands_on_next(client):
    mail.outbox.clear()
    client.post(reverse("accounts:register") + f"?next={ENCODED}", {"email": "wangfang@example.com"})
    link = LINK.search(mail.outbox[0].body).group(1)
    response = client.post(link, _registration())
    assert response.status_code == 302 and response["Location"] in (STANDARD_PAGE, ENCODED)


def test_a_form_with_errors_keeps_next(client):
    response = client.post(reverse("accounts:register") + f"?next={ENCODED}", {"email": "not an address"})
    assert f'name="next" value="{STANDARD_PAGE}"' in response.content.decode()


@pytest.mark.parametrize("target", ["https://evil.example.org/", "//evil.example.org/x", "javascript:alert(1)"])
def test_an_external_next_is_ignored(client, target):
    page = client.get(reverse("accounts:register"), {"next": target}).content.decode()
    form = page.split('action="/accounts/register/"', 1)[1].split("</form>", 1)[0]
    assert 'name="next"' not in form
    assert 'href="/accounts/login/?next' not in page  # no link hands the target on
    response = client.post(registration_link(client, next_url=target), _registration())
    assert response["Location"] == reverse("accounts:profile")


def test_the_login_link_on_the_registration_page_carries_next(client):
    page = client.get(reverse("accounts:register"), {"next": STANDARD_PAGE}).content.decode()
    assert f'href="{reverse("accounts:login")}?next={ENCODED.replace("/", "%2F")}"' in page


def test_the_registration_link_on_the_login_page_carries_next(client):
    page = client.get(reverse("accounts:login"), {"next": STANDARD_PAGE}).content.decode()
    assert f'href="{reverse("accounts:register")}?next={ENCODED.replace("/", "%2F")}"' in page


def test_signing_in_lands_on_next(client, registered_user):
    response = client.post(reverse("accounts:login") + f"?next={ENCODED}",
                           {"username": registered_user.username, "password": DEFAULT_PASSWORD})
    assert response["Location"] in (STANDARD_PAGE, ENCODED)


def test_the_navigation_links_bring_the_reader_back_to_the_page(client):
    page = client.get("/validity/").content.decode()
    assert f'href="{reverse("accounts:login")}?next=%2Fvalidity%2F"' in page
    assert f'href="{reverse("accounts:register")}?next=%2Fvalidity%2F"' in page
