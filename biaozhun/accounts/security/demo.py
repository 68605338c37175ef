"""The demo accounts' authenticator: one published key, so that the privileged demo accounts of `make run`
(admin, secretary, reviewer) can sign in with the second factor. Add the key to any authenticator app, or print the
current code with `manage.py demo_totp_code`. Demo data only: real accounts enrol with a key made for them."""

from __future__ import annotations

import time
from base64 import b32encode

from django_otp.oath import TOTP

from biaozhun.core.actors import SYSTEM

from ..models import User
from . import second_factor

DEMO_KEY = b"biaozhun-demo-totp!!"  # 20 bytes, as django-otp makes them


def key_hex() -> str:
    return DEMO_KEY.hex()


def key_base32() -> str:
    return b32encode(DEMO_KEY).decode()


def current_code(at: float | None = None) -> str:
    totp = TOTP(DEMO_KEY)
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def enrol_demo_accounts(usernames: list[str]) -> list[str]:
    """Enrol the demo key for these accounts where they have no authenticator yet; the usernames enrolled."""
    enrolled = []
    for user in User.objects.filter(username__in=usernames).order_by("username"):
        if not second_factor.has_second_factor(user):
            second_factor.enrol_known_key(actor=SYSTEM, user=user, key_hex=key_hex())
            enrolled.append(user.username)
    return enrolled
