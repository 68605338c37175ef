"""Settings every benchmark's Django processes share (not secrets, never used outside bench/), and the one way a
benchmark opens a site of its own on a SQLite file."""

from __future__ import annotations

import base64
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The site refuses to start without a key for personal data at rest (settings._field_keys); benchmarks that
# make their own VAR_DIR pass this one.
FIELD_KEYS = "bench:" + base64.b64encode(b"bench-only-field-key-32-bytes!!!").decode()
SECRET_KEY = "bench-only-not-a-secret"  # noqa: S105 (benchmark)


def django_env(**overrides: str) -> dict[str, str]:
    """DEBUG off, a fixed secret and field key; overrides on top."""
    return {"DEBUG": "0", "SECRET_KEY": SECRET_KEY, "BIAOZHUN_FIELD_KEYS": FIELD_KEYS, **overrides}


def site_env(db: Path, **overrides: str) -> dict[str, str]:
    """A site on its own SQLite file, its var directory beside it, driven by the test client: no TLS redirect, no
    anonymous rate limit, and signed-in users go straight to their pages (no second factor, no consent page)."""
    return django_env(
        DJANGO_SETTINGS_MODULE="biaozhun.settings", DATABASE_URL=f"sqlite:///{db}", BIAOZHUN_VAR_DIR=str(db.parent),
        ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0", BIAOZHUN_API_ANON_RATE="1000000/minute",
        BIAOZHUN_MFA_REQUIRED="0", BIAOZHUN_PRIVACY_CONSENT_REQUIRED="0", **overrides)


def open_site(db: Path, *, fresh: bool = False, **overrides: str) -> None:
    """Django set up in this process on `db` (deleted first when `fresh`), migrated, its static files collected
    once, as `make setup` leaves a checkout."""
    sys.path.insert(0, str(ROOT))
    if fresh:
        for path in db.parent.glob(db.name + "*"):
            path.unlink()
    db.parent.mkdir(parents=True, exist_ok=True)
    os.environ.update(site_env(db, **overrides))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not (db.parent / "static" / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
