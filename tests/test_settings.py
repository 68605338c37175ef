"""The settings a fresh checkout gets: DEBUG off, a secret key of its own from var/, secure cookies unless the
local run turns them off, static files hashed and served by WhiteNoise."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
READ = """
import json, django
from django.conf import settings
print(json.dumps({"DEBUG": settings.DEBUG, "SECRET_KEY": settings.SECRET_KEY,
                  "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
                  "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE, "EMAIL_BACKEND": settings.EMAIL_BACKEND,
                  "STATICFILES": settings.STORAGES["staticfiles"]["BACKEND"], "MIDDLEWARE": settings.MIDDLEWARE}))
"""
CLEARED = ("DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "EMAIL_BACKEND")


def project_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Import biaozhun.settings in a fresh process with a clean environment (var/ in tmp_path) plus `env`."""
    clean = {k: v for k, v in os.environ.items() if k not in CLEARED}
    clean.update(DJANGO_SETTINGS_MODULE="biaozhun.settings", BIAOZHUN_VAR_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "-c", READ], cwd=ROOT, env=clean, capture_output=True, text=True)


def read(tmp_path: Path, **env: str) -> dict:
    result = project_settings(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_is_off_unless_asked_for(tmp_path):
    assert read(tmp_path, SECRET_KEY="k")["DEBUG"] is False
    assert read(tmp_path, SECRET_KEY="k", DEBUG="1")["DEBUG"] is True


def test_the_secret_key_comes_from_var_when_the_environment_has_none(tmp_path):
    (tmp_path / "secret_key").write_text("from-the-file\n")
    assert read(tmp_path)["SECRET_KEY"] == "from-the-file"
    assert read(tmp_path, SECRET_KEY="from-the-environment")["SECRET_KEY"] == "from-the-environment"
    other = tmp_path / "elsewhere"
    other.write_text("from-secret-key-file")
    assert read(tmp_path, SECRET_KEY_FILE=str(other))["SECRET_KEY"] == "from-secret-key-file"


def test_without_any_secret_key_the_site_refuses_to_start_and_says_how(tmp_path):
    result = project_settings(tmp_path)
    assert result.returncode != 0
    assert "make setup" in result.stderr and "SECRET_KEY" in result.stderr


def test_production_keeps_secure_cookies_and_smtp(tmp_path):
    values = read(tmp_path, SECRET_KEY="k")
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_the_local_run_has_cookies_for_plain_http_and_prints_emails(tmp_path):
    makefile = (ROOT / "Makefile").read_text()
    local = makefile.split("LOCAL_ENV := ", 1)[1].splitlines()[0]
    assert "export $(LOCAL_ENV)" in makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    values = read(tmp_path, SECRET_KEY="k", **dict(item.split("=", 1) for item in local.split()))
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is False and values["CSRF_COOKIE_SECURE"] is False
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_static_files_are_hashed_and_served_by_whitenoise(tmp_path):
    values = read(tmp_path, SECRET_KEY="k")
    assert values["STATICFILES"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["MIDDLEWARE"][1] == "whitenoise.middleware.WhiteNoiseMiddleware"  # right after security


@pytest.mark.skipif(not Path("/usr/bin/make").exists(), reason="needs make")
def test_make_writes_a_secret_key_once_and_keeps_it(tmp_path):
    target = tmp_path / "secret_key"

    def make() -> None:
        subprocess.run(["make", "-s", str(target), f"BIAOZHUN_VAR_DIR={tmp_path}"], cwd=ROOT, check=True,
                       capture_output=True)

    make()
    key = target.read_text().strip()
    assert len(key) >= 50
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # readable by its owner only
    make()
    assert target.read_text().strip() == key


def test_the_secret_key_file_is_never_committed():
    ignored = subprocess.run(["git", "check-ignore", "-q", "var/secret_key"], cwd=ROOT)
    assert ignored.returncode == 0
