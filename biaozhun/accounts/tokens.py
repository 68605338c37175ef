"""Personal API tokens: a program acts as its owner through the API with `Authorization: Bearer <token>`.

The token is shown once, when it is made; only its SHA-256 digest is stored, with a short prefix that lets the
owner tell their tokens apart. A revoked token stops working at once.
"""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken

PREFIX = "bz_"
# Record use at most this often, so that a busy client does not write on every request.
LAST_USED_RESOLUTION_SECONDS = 60


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def user_for(token: str):
    """The active owner of a token, or None; notes the use (at most once a minute)."""
    if not token.startswith(PREFIX):
        return None
    found = (ApiToken.objects.select_related("user").filter(key_digest=digest(token), revoked_at__isnull=True)
             .first())
    if found is None or not found.user.is_active:
        return None
    now = timezone.now()
    if found.last_used_at is None or (now - found.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user
