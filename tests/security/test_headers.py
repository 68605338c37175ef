"""Transport and browser security headers, and who may keep a copy of a page.

* With DEBUG off and nothing else set, the settings are production's: `check --deploy --fail-level WARNING`
  passes (HSTS with subdomains and preload, http → https, secure HttpOnly cookies, referrer and opener
  policies), each overridable from the environment; `make run` (LOCAL_ENV) serves plain http.
* `Cache-Control: private, no-store` on pages that show a secret (biaozhun.core.caching.no_store) and on every
  answer to a signed-in person (PrivateNoStoreMiddleware), while public pages stay cacheable.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import RequestFactory

from biaozhun.accounts.services import create_api_token
from biaozhun.core.caching import PrivateNoStoreMiddleware
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]
# Variables a developer's shell might have set that would change what production gets.
CLEARED = {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
           "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_REFERRER_POLICY",
           "SECURE_CROSS_ORIGIN_OPENER_POLICY", "SECURE_REDIRECT_EXEMPT", "DJANGO_SETTINGS_MODULE"}
READ = """
import json, django
from django.conf import settings
names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
         "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SECURE_REFERRER_POLICY",
         "SECURE_CROSS_ORIGIN_OPENER_POLICY", "SECURE_REDIRECT_EXEMPT"]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def production(tmp_path: Path, **env: str) -> dict:
    """The environment of a production machine: a real secret key, its host name, nothing else."""
    clean = {k: v for k, v in os.environ.items() if k not in CLEARED}
    return {**clean, "DJANGO_SETTINGS_MODULE": "biaozhun.settings", "BIAOZHUN_VAR_DIR": str(tmp_path),
            "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "std.example.org", **env}


def settings_of(tmp_path: Path, **env: str) -> dict:
    result = subprocess.run([sys.executable, "-c", READ], cwd=ROOT, env=production(tmp_path, **env),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_deploy_check_passes_with_production_settings(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            env=production(tmp_path), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_defaults_are_https_only(tmp_path):
    values = settings_of(tmp_path)
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31_536_000  # one year, the preload list's minimum
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"


def test_each_setting_comes_from_the_environment(tmp_path):
    values = settings_of(tmp_path, SECURE_HSTS_SECONDS="300", SECURE_HSTS_INCLUDE_SUBDOMAINS="0", SECURE_HSTS_PRELOAD="0",
                         SECURE_REFERRER_POLICY="strict-origin-when-cross-origin",
                         SECURE_CROSS_ORIGIN_OPENER_POLICY="same-origin-allow-popups",
                         SECURE_REDIRECT_EXEMPT=r"^healthz$")
    assert values["SECURE_HSTS_SECONDS"] == 300
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False and values["SECURE_HSTS_PRELOAD"] is False
    assert values["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert values["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin-allow-popups"
    assert values["SECURE_REDIRECT_EXEMPT"] == ["^healthz$"]


def test_the_local_run_serves_plain_http(tmp_path):
    makefile = (ROOT / "Makefile").read_text()
    local = dict(item.split("=", 1) for item in makefile.split("LOCAL_ENV := ", 1)[1].splitlines()[0].split())
    values = settings_of(tmp_path, **local)
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False and values["CSRF_COOKIE_SECURE"] is False


@pytest.fixture
def https_site(settings):
    """The test settings as production has them (tests.settings turns the https redirect off)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True


@pytest.mark.django_db
def test_plain_http_is_sent_to_https(client, https_site):
    response = client.get("/standards/?q=GB")
    assert response.status_code == 301 and response["Location"] == "https://testserver/standards/?q=GB"


@pytest.mark.django_db
def test_pages_over_https_carry_the_browser_security_headers(client, https_site):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_session_cookie_is_secure_httponly_and_same_site(client, https_site):
    UserFactory(username="wangwu")
    response = client.post("/accounts/login/", {"username": "wangwu", "password": DEFAULT_PASSWORD}, secure=True)
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert response.cookies["csrftoken"]["secure"]


# --- Cache-Control ---------------------------------------------------------------------------------------
def no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.mark.django_db
def test_the_page_that_shows_a_new_api_token_is_never_stored(client, registered_user):
    client.force_login(registered_user)
    response = client.post("/accounts/tokens/", {"name": "脚本"})
    assert response.status_code == 201 and response.context["new_token"] in response.content.decode()
    assert no_store(response)
    assert no_store(client.get("/accounts/profile/"))


@pytest.mark.django_db
def test_the_password_reset_page_is_never_stored(client):
    UserFactory(username="lisi", email="lisi@example.com")
    client.post("/accounts/password/reset/", {"email": "lisi@example.com"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    first = client.get(link)  # the token moves from the address into the session
    form = client.get(first["Location"])
    assert 'name="new_password1"' in form.content.decode()
    assert no_store(first) and no_store(form)


@pytest.mark.django_db
def test_every_answer_to_a_signed_in_person_is_private_and_not_stored(client, registered_user):
    assert not no_store(client.get("/standards/"))  # the public catalogue stays cacheable
    assert not no_store(client.get("/api/v1/projects/"))
    client.force_login(registered_user)
    for url in ("/", "/standards/", "/watch/", "/api/v1/projects/"):
        assert no_store(client.get(url)), url


@pytest.mark.django_db
def test_a_program_with_a_token_gets_private_answers_too(client, registered_user):
    _record, token = create_api_token(actor=registered_user, name="脚本")
    response = client.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and no_store(response)


@pytest.mark.django_db
def test_a_view_that_sets_its_own_cache_control_keeps_it(registered_user):
    def view(request):
        response = HttpResponse("ok")
        response["Cache-Control"] = "private, max-age=60"
        return response

    request = RequestFactory().get("/")
    request.user = registered_user
    assert PrivateNoStoreMiddleware(view)(request)["Cache-Control"] == "private, max-age=60"
