"""Consent to the privacy notice: the service that records it, and the middleware that asks signed-in people to
accept the current version before they go on."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed
from biaozhun.core.ratelimit import client_address as core_client_address

from . import notice
from .models import ConsentVia, PrivacyConsent


def client_address(request: HttpRequest) -> str | None:
    """The visitor's IP address as recorded with a consent (biaozhun.core.ratelimit.client_address: REMOTE_ADDR, or
    the first X-Forwarded-For entry behind a proxy of ours); None when it is not an address."""
    try:
        return str(ipaddress.ip_address(core_client_address(request)))
    except ValueError:
        return None


def stale_version_refusal(version: Any) -> ValidationFailed:
    message = _("隐私政策已更新为第 %(current)s 版（您看到的是第 %(seen)s 版）：请阅读新版本后再确认同意。") % {
        "current": notice.current_version(), "seen": version}
    return ValidationFailed(message, errors=[{"field": "consent", "message": message, "code": "stale_notice"}])


@transaction.atomic
def accept_privacy_notice(*, actor: Any, version: int, address: str | None, language: str,
                          via: str = ConsentVia.NEW_VERSION) -> PrivacyConsent:
    """Record that ``actor`` accepted ``version`` of the privacy notice (only the current one can be accepted:
    a page shown before a new version took effect is refused and shown again)."""
    policy.require(actor, "accounts.accept_privacy_notice", actor)
    if version != notice.current_version():
        raise stale_version_refusal(version)
    consent = PrivacyConsent.objects.create(user=actor, version=version, at=clock.now(), address=address,
                                            language=language[:10], via=via)
    if actor.privacy_version != version:
        actor.privacy_version = version
        actor.save(update_fields=["privacy_version"])
    return consent


# Pages a person may open before accepting: the notice itself, signing out, and taking their data or their
# account away with them if they do not accept (PIPL art. 15: withdrawing consent).
EXEMPT_PREFIXES = ("/privacy/", "/static/", "/i18n/", "/api/", "/media/", "/favicon")
EXEMPT_URL_NAMES = ("accounts:logout", "accounts:personal_data", "accounts:delete_account")


class PrivacyConsentMiddleware:
    """A signed-in person who has not accepted the current privacy notice is sent to /privacy/accept/ (and back
    afterwards). Programs calling the API with a token, and the API itself, are not stopped: the person is asked on
    their next page. Off with BIAOZHUN_PRIVACY_CONSENT_REQUIRED=0."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_accept(request):
            target = reverse("privacy:accept")
            if request.method in ("GET", "HEAD"):
                target += "?" + urlencode({"next": request.get_full_path()})
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _must_accept(request: HttpRequest) -> bool:
        if not settings.BIAOZHUN_PRIVACY_CONSENT_REQUIRED or getattr(request, "token_user", None) is not None:
            return False
        path = request.path_info
        if path.startswith(EXEMPT_PREFIXES) or path in {reverse(name) for name in EXEMPT_URL_NAMES}:
            return False
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated and user.privacy_version < notice.current_version())
