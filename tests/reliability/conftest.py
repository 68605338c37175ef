"""Reliability tests run the real programs (manage.py, the worker) in processes of their own, with the production
settings on a temporary SQLite database, and kill them where a crash would hurt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Site:
    """A site's environment: its var directory, database, mail directory, and `manage(*args)`."""

    var: Path
    db: Path
    mail: Path
    env: dict[str, str]
    manage: Callable[..., subprocess.CompletedProcess]

    def run(self, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
        """Run `python *args` (a script) in the site's environment."""
        return subprocess.run([sys.executable, *args], cwd=ROOT, env=self.env, check=check, capture_output=True,
                              text=True, **kwargs)


def site_env(var: Path) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "biaozhun.settings", "BIAOZHUN_VAR_DIR": str(var),
           "DATABASE_URL": f"sqlite:///{var / 'site.sqlite3'}", "SECRET_KEY": "reliability-tests-only",
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(var / "mail"),
           "MEDIA_ROOT": str(var / "media"), "BIAOZHUN_PRIVATE_MEDIA_ROOT": str(var / "private"),
           "BIAOZHUN_SEARCH_PATH": str(var / "search")}
    env.pop("PYTEST_XDIST_WORKER", None)
    return env


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Path:
    """A migrated database with the reference tables, made once per session and copied for each site."""
    var = tmp_path_factory.mktemp("template-site")
    env = site_env(var)
    for command in (["migrate", "--noinput"], ["seed_reference"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    return var / "site.sqlite3"


@pytest.fixture
def site(tmp_path, migrated_database) -> Site:
    """A fresh site (its own database, files, search index and mail directory) for one test."""
    var = tmp_path / "site"
    var.mkdir()
    shutil.copy(migrated_database, var / "site.sqlite3")
    env = site_env(var)

    def manage(*args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=check,
                              capture_output=True, text=True, **kwargs)

    return Site(var=var, db=var / "site.sqlite3", mail=var / "mail", env=env, manage=manage)
