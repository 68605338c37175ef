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
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
USER, PASSWORD = "browser", "a-long-browser-password"  # noqa: S105 (test account)



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
           "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
           "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
           "BIAOZHUN_API_ANON_RATE": "100000/minute"}
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


@pytest.fixture
def page(browser, site):
    context = browser.new_context(locale="zh-CN", base_url=site, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"
