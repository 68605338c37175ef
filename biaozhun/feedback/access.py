"""A browser's grant to see one item without an account: given when the visitor submits it, or enters the code
sent to the address they gave. Held in the session (signed, server-side) for GRANT_MINUTES; a grant is not a
role, so it lets the holder read the item and its attachments, nothing more."""

from __future__ import annotations

import time

from django.http import HttpRequest

KEY = "feedback_grants"
GRANT_MINUTES = 120


def grant(request: HttpRequest, number: str) -> None:
    grants = {k: v for k, v in request.session.get(KEY, {}).items() if v > time.time()}
    grants[number] = time.time() + GRANT_MINUTES * 60
    request.session[KEY] = grants


def granted(request: HttpRequest, number: str) -> bool:
    return request.session.get(KEY, {}).get(number, 0) > time.time()
