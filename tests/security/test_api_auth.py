"""Who may write through the API, and the bulk export as open data.

* A write without a caller is answered 401 problem+json with `WWW-Authenticate: Bearer` and a translated
  message saying how to get a token, never 403 "CSRF check failed"; a browser's signed-in session still needs
  its CSRF token (403 `csrf_failed` without it). The write operations are read from the OpenAPI schema, so a new
  endpoint is covered as soon as it exists.
* `/api/v1/catalog/export.jsonl` is open data (policy `catalog.export_bulk` is public; biaozhun/catalog/
  permissions.py says why), limited to BIAOZHUN_EXPORT_RATE per address or account; administrators unlimited.
"""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import Client

from biaozhun.accounts import policy
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

WRITES = {"post", "put", "patch", "delete"}
# Operations sent with POST that change nothing and are public (a batch read too long for a query string).
PUBLIC_POSTS = {("post", "/api/v1/catalog/validity"),
                # implementation feedback: anyone writes, and follows their item with a code sent to their address
                ("post", "/api/v1/feedback/"), ("post", "/api/v1/feedback/track/code"),
                ("post", "/api/v1/feedback/track/verify")}


def schema() -> dict:
    return Client().get("/api/v1/openapi.json").json()


def write_operations() -> list[tuple[str, str, bool]]:
    """(method, path with every parameter 1, needs a caller) for each write operation of the API."""
    found = []
    for path, operations in schema()["paths"].items():
        for method, operation in operations.items():
            if method in WRITES:
                url = path
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "path":
                        url = url.replace(f"{{{parameter['name']}}}", "1")
                found.append((method, url, bool(operation.get("security")), path))
    return found


def send(client: Client, method: str, url: str, **headers):
    return getattr(client, method)(url, data="{}", content_type="application/json", **headers)


def test_the_api_has_write_operations_and_each_needs_a_caller_unless_listed_as_public():
    operations = write_operations()
    assert len(operations) >= 4
    assert {(m, p) for m, _u, needs, p in operations if not needs} == PUBLIC_POSTS


@pytest.mark.parametrize("language, words", [("zh-hans", "请先登录"), ("en", "Sign in")])
def test_an_anonymous_write_is_told_to_authenticate_with_401(language, words):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    for method, url, needs, _path in write_operations():
        if not needs:
            continue
        response = send(client, method, url)
        assert response.status_code == 401, (method, url, response.content)
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"] == 'Bearer realm="biaozhun"'
        body = response.json()
        assert body["code"] == "unauthenticated" and words in body["title"], body
        assert "/accounts/profile/" in body["detail"] and "CSRF" not in json.dumps(body)


def test_an_unknown_token_is_refused_with_the_bearer_challenge():
    response = send(Client(), "post", "/api/v1/projects/1/comments", HTTP_AUTHORIZATION="Bearer bz_nonsense")
    assert response.status_code == 401 and response.json()["code"] == "invalid_token"
    assert response["WWW-Authenticate"] == 'Bearer realm="biaozhun", error="invalid_token"'


def test_a_signed_in_browser_still_needs_its_csrf_token(registered_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(registered_user)
    client.get("/")  # the page sets the CSRF cookie its scripts send back
    token = client.cookies["csrftoken"].value
    for method, url, needs, _path in write_operations():
        if not needs:
            continue
        refused = send(client, method, url)
        assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed", (method, url)
        assert "X-CSRFToken" in refused.json()["title"]
        passed = send(client, method, url, HTTP_X_CSRFTOKEN=token)
        assert passed.status_code not in (401, 403) or passed.json()["code"] not in ("csrf_failed", "unauthenticated")


# --- Bulk export ---------------------------------------------------------------------------------------
@pytest.fixture
def two_exports_an_hour(settings):
    settings.BIAOZHUN_EXPORT_RATE = "2/hour"
    cache.clear()
    make_standard("GB/T 19001-2016")


def export(client: Client, address: str = "192.0.2.1"):
    return client.get("/api/v1/catalog/export.jsonl", REMOTE_ADDR=address)


def test_the_export_is_open_data_by_policy():
    assert policy.can(AnonymousUser(), "catalog.export_bulk")
    assert not policy.can(AnonymousUser(), "catalog.export_unlimited")


def test_anyone_may_export_but_an_address_gets_429_after_its_exports_for_the_hour(client, two_exports_an_hour):
    first = export(client)
    assert first.status_code == 200
    assert json.loads(b"".join(first.streaming_content).decode())["identifier"] == "GB/T 19001-2016"
    assert export(client).status_code == 200
    refused = export(client)
    assert refused.status_code == 429 and refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "rate_limited" and "updated_since" in refused.json()["detail"]
    assert "每小时 2 次" in refused.json()["detail"]
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert export(client, "192.0.2.2").status_code == 200  # another address has its own count


def test_a_signed_in_person_is_counted_per_account(client, registered_user, two_exports_an_hour):
    client.force_login(registered_user)
    assert [export(client, f"192.0.2.{n}").status_code for n in range(3)] == [200, 200, 429]


def test_administrators_export_without_limit(client, admin_user, two_exports_an_hour):
    client.force_login(admin_user)
    assert {export(client).status_code for _ in range(4)} == {200}
