"""Following one's own item without an account: the tracking number and the address given with it bring a one-time
code by email; the code, entered within CODE_MINUTES, opens the item for that browser (views/track.py) or answers
the API call that carries it.

The answer to a code request is the same whether or not the number exists and the address matches, so the page
tells nobody whose item is whose. Requests are limited per client address and per number, attempts per code; only
the code's digest is stored, and it works once."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock, crypto
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.core.outbox import enqueue_with_transaction
from biaozhun.core.ratelimit import hit, wait_text
from biaozhun.rules.feedback import normalise_tracking_number

from .. import events
from ..models import AccessCode, Feedback
from ..notify import CODE_CONTEXT, author_address, send_access_code

CODE_MINUTES = 15
MAX_ATTEMPTS = 5


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429


def _digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"feedback-code:{code}".encode(), hashlib.sha256).hexdigest()


def _limit(scope: str, key: str, rate_setting: str) -> None:
    verdict = hit(scope, key, getattr(settings, rate_setting))
    if not verdict.allowed:
        raise RateLimited(_("验证码请求过于频繁，请在 %(wait)s后再试。") % {"wait": wait_text(verdict.retry_after)},
                          retry_after=verdict.retry_after)


def number_or_refusal(text: str) -> str:
    """The tracking number as printed; ValidationFailed when what was typed cannot be one (a typo is caught by its
    check symbol before any lookup)."""
    number = normalise_tracking_number(text)
    if number is None:
        raise ValidationFailed(_("查询编号有误，请核对。"), [{"field": "tracking_number", "message": _(
            "查询编号形如 FK-7Q4M-2XK9-PW3（受理邮件中有），请逐位核对")}])
    return number


@transaction.atomic
def request_access_code(*, actor: Any, tracking_number: str, email: str, client: str) -> None:
    """Send a code to the address of the item if `email` is that address; otherwise do nothing, silently."""
    policy.require(actor, "feedback.track")
    number = number_or_refusal(tracking_number)
    _limit("feedback-code-client", client, "BIAOZHUN_RATE_FEEDBACK_CODE")
    _limit("feedback-code-number", number, "BIAOZHUN_RATE_FEEDBACK_CODE_PER_ITEM")
    item = Feedback.objects.select_related("author").filter(tracking_number=number).first()
    if item is None:
        return
    address, _language = author_address(item)
    if not address or address.strip().lower() != (email or "").strip().lower():
        return
    code = f"{secrets.randbelow(1_000_000):06d}"
    now = clock.now()
    AccessCode.objects.create(feedback=item, digest=_digest(code), created_at=now,
                              expires_at=now + timedelta(minutes=CODE_MINUTES))
    events.access_code_sent(item, actor=actor)
    enqueue_with_transaction(send_access_code, item.pk, crypto.encrypt(code, context=CODE_CONTEXT))


def verify_access_code(*, actor: Any, tracking_number: str, code: str, client: str) -> Feedback:
    """The item, if `code` is a live code of it; ValidationFailed otherwise (the same for a wrong number). A wrong
    code counts as an attempt (kept though the call is refused); the code works once."""
    policy.require(actor, "feedback.track")
    number = number_or_refusal(tracking_number)
    _limit("feedback-verify-client", client, "BIAOZHUN_RATE_FEEDBACK_CODE_VERIFY")
    wrong = ValidationFailed(_("验证码不正确或已过期。"), [{"field": "code", "message": _(
        "请输入邮件中的 6 位验证码；验证码 %(minutes)d 分钟内有效，只能使用一次，输错 %(attempts)d 次后失效，可重新获取") % {
        "minutes": CODE_MINUTES, "attempts": MAX_ATTEMPTS}}])
    code = "".join((code or "").split())
    now = clock.now()
    with transaction.atomic():
        live = (AccessCode.objects.select_for_update().filter(
            feedback__tracking_number=number, used_at__isnull=True, expires_at__gt=now, attempts__lt=MAX_ATTEMPTS)
            .order_by("-created_at").first())
        matched = live is not None and code.isdigit() and hmac.compare_digest(live.digest, _digest(code))
        if matched:
            live.used_at = now
            live.save(update_fields=["used_at"])
        elif live is not None:
            AccessCode.objects.filter(pk=live.pk).update(attempts=F("attempts") + 1)
    if not matched:
        raise wrong
    return Feedback.objects.select_related("standard", "assigned_to", "answered_by").get(pk=live.feedback_id)
