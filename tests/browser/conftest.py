"""Browser tests: a real server (manage.py runserver on a fresh SQLite database with the tiny demo catalogue)
driven by Playwright through Debian's chromium. Never a downloaded browser.

The server runs as `make run` serves the site: DEBUG off, static files collected (hashed, compressed) and served
by WhiteNoise, cookies without the Secure flag on plain http://127.0.0.1. Its log is in the site's var/server.log."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from base64 import b32decode
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
USER, PASSWORD = "browser", "a-long-browser-password"  # noqa: S105 (test account)
# What chromium's console says when the Content Security Policy refuses something ("Refused to execute inline
# script because it violates the following Content Security Policy directive: ...").
CSP_REFUSAL = "Content Security Policy"
# Authenticator keys of the accounts that enrolled a second factor in this session (read off the setup page), and
# the last time step each used (a code is accepted once).
SECOND_FACTOR_KEYS: dict[str, bytes] = {}
_LAST_STEP: dict[str, int] = {}


def pytest_collection_modifyitems(items):
    """Browser tests share one server: keep them on one xdist worker."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site(str):
    """The base URL, with the path of the site's database for tests that need to pick their data."""

    db: Path
    manage: "callable"  # manage(*args) runs a management command against the site's database

    def shell(self, code: str) -> str:
        """Run Python in `manage.py shell` against the site's database (to set up a test's data); its stdout."""
        return self.manage("shell", "-c", code).stdout.decode()

    def query(self, sql: str, *params) -> list[tuple]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """A running site with the tiny demo catalogue and one registered user."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium fonts-noto-cjk)")
    var = tmp_path_factory.mktemp("site")
    env = {**os.environ, "BIAOZHUN_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var / 'site.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "biaozhun.settings", "DEBUG": "0", "SECRET_KEY": "browser-tests-only",
           "BIAOZHUN_FIELD_KEYS": "browser:YnJvd3Nlci10ZXN0cy1vbmx5LWZpZWxkLWtleS0zMmI=",
           # The accounts the tests make in the shell have accepted no privacy notice (its pages are tested with
           # Django's client, tests/security/test_privacy.py).
           "BIAOZHUN_PRIVACY_CONSENT_REQUIRED": "0",
           "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0", "SECURE_SSL_REDIRECT": "0",
           "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
           "BIAOZHUN_API_ANON_RATE": "100000/minute", "BIAOZHUN_RATE_SEARCH": "100000/minute",
           "BIAOZHUN_RATE_VALIDITY": "100000/minute"}
    env.pop("PYTEST_XDIST_WORKER", None)

    def manage(*args):
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                              capture_output=True)

    manage("migrate", "--noinput")
    manage("seed_reference")
    manage("load_demo", "--scale", "tiny")
    manage("search_sync")
    manage("collectstatic", "--noinput")
    manage("shell", "-c", f"from biaozhun.accounts.models import User; User.objects.create_user("
                          f"username='{USER}', email='browser@example.com', real_name='浏览器测试', password='{PASSWORD}')")
    port = _free_port()
    log = open(var / "server.log", "wb")  # noqa: SIM115 (open while the server runs)
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = Site(f"http://127.0.0.1:{port}")
    url.db = var / "site.sqlite3"
    url.manage = manage
    deadline = time.monotonic() + 90  # a loaded machine (two suites at once on two cores) starts it slowly
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=5)  # noqa: S310 (our own server)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.terminate()
                server.wait(timeout=10)
                log.close()
                pytest.fail(f"the test site did not start (runserver exit code {server.poll()}):\n"
                            f"{(var / 'server.log').read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _no_content_security_policy_refusals(request, monkeypatch):
    """Fails a browser test if any page it opened (in any context it made) broke the Content Security Policy:
    the page would work differently for its users than the test saw."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    refusals: list[str] = []
    make_context = browser.new_context

    def new_context(*args, **kwargs):
        context = make_context(*args, **kwargs)
        context.on("console", lambda message: refusals.append(f"{message.location.get('url')}: {message.text}")
                   if CSP_REFUSAL in message.text else None)
        return context

    monkeypatch.setattr(browser, "new_context", new_context)
    yield
    assert not refusals, "Content Security Policy refusals:\n" + "\n".join(refusals)


@pytest.fixture
def page(browser, site):
    context = browser.new_context(locale="zh-CN", base_url=site, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def second_factor_code(username: str) -> str:
    """The current code of the account's authenticator (waiting for the next step if this one was used)."""
    from django_otp.oath import TOTP

    step = int(time.time()) // 30
    if _LAST_STEP.get(username) == step:
        time.sleep(30 - time.time() % 30 + 0.5)
        step += 1
    _LAST_STEP[username] = step
    totp = TOTP(SECOND_FACTOR_KEYS[username])
    totp.time = time.time()
    return f"{totp.token():06d}"


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in as the site asks, in any language: the password, then for privileged accounts the second factor,
    enrolled on first sign-in from the setup page (the key shown as text) and entered from then on."""
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/two-step/setup/" in page.url:
        secret = page.locator("#second-factor-secret").inner_text()
        SECOND_FACTOR_KEYS[username] = b32decode("".join(secret.split()))
        page.locator("input[name=code]").fill(second_factor_code(username))
        page.locator("input[name=code]").press("Enter")
        page.locator("#recovery-codes").wait_for()
        page.locator("main a.btn-primary").click()
    elif "/accounts/two-step/verify/" in page.url:
        page.locator("input[name=code]").fill(second_factor_code(username))
        page.locator("input[name=code]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/two-step/" not in url)
