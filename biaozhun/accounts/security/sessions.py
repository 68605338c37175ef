"""Session lifetimes: an idle timeout and an absolute lifetime, shorter for privileged people.

``SessionTimeoutMiddleware`` records in the session when the person signed in and when they were last seen (at
most once a minute, so a busy page does not write the session on every request). A session idle for longer than
``BIAOZHUN_SESSION_IDLE_MINUTES`` (``..._PRIVILEGED`` for staff, administrators, reviewers and TC secretariats), or
older than ``BIAOZHUN_SESSION_MAX_HOURS`` (``..._PRIVILEGED``), is signed out (``user_logged_out`` and
``accounts.signals.session_expired``); the person is sent to the sign-in page with a translated message and
``next`` (the API answers as to anyone not signed in). The session cookie lasts as long as the longest lifetime.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout, user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from biaozhun.core import clock

from .. import signals
from .models import SessionEnd

SIGNED_IN_AT = "_biaozhun_signed_in_at"
LAST_SEEN = "_biaozhun_last_seen"
SEEN_RESOLUTION_SECONDS = 60


def limits(user) -> tuple[timedelta, timedelta]:
    """(idle timeout, absolute lifetime) for this person."""
    if user.is_privileged:
        return (timedelta(minutes=settings.BIAOZHUN_SESSION_IDLE_MINUTES_PRIVILEGED),
                timedelta(hours=settings.BIAOZHUN_SESSION_MAX_HOURS_PRIVILEGED))
    return (timedelta(minutes=settings.BIAOZHUN_SESSION_IDLE_MINUTES),
            timedelta(hours=settings.BIAOZHUN_SESSION_MAX_HOURS))


@receiver(user_logged_in, dispatch_uid="biaozhun.accounts.session_start")
def _note_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        now = clock.now().timestamp()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now


def expiry_reason(request: HttpRequest) -> str | None:
    """"idle" or "lifetime" when this signed-in session has run out; None while it is valid (noting the visit)."""
    session = request.session
    now = clock.now().timestamp()
    signed_in_at = session.setdefault(SIGNED_IN_AT, now)  # sessions from before this rule start counting now
    last_seen = session.get(LAST_SEEN, now)
    idle, lifetime = limits(request.user)
    if now - last_seen > idle.total_seconds():
        return SessionEnd.IDLE
    if now - signed_in_at > lifetime.total_seconds():
        return SessionEnd.LIFETIME
    if now - last_seen >= SEEN_RESOLUTION_SECONDS or LAST_SEEN not in session:
        session[LAST_SEEN] = now
    return None


def _back_to(request: HttpRequest) -> str:
    """Where to return after signing in again: this page; for a form sent, the page it was sent from."""
    if request.method in {"GET", "HEAD"}:
        return request.get_full_path()
    referer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(referer, {request.get_host()}, require_https=request.is_secure()):
        return referer
    return ""


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (SESSION_KEY in request.session and getattr(request, "token_user", None) is None
                and request.user.is_authenticated):
            reason = expiry_reason(request)
            if reason is not None:
                return self.expire(request, reason)
        return self.get_response(request)

    def expire(self, request: HttpRequest, reason: str) -> HttpResponse:
        user = request.user
        signals.session_expired.send(sender=__name__, request=request, user=user, reason=reason)
        logout(request)
        if request.path.startswith("/api/"):
            return self.get_response(request)  # answered as to anyone not signed in
        if reason == SessionEnd.IDLE:
            message = _("您已较长时间没有操作，为保护账号安全已自动退出。请重新登录，登录后将回到刚才的页面。")
        else:
            message = _("您已登录较长时间，为保护账号安全已自动退出。请重新登录，登录后将回到刚才的页面。")
        messages.warning(request, message)
        target = reverse(settings.LOGIN_URL) + "?" + urlencode({"next": _back_to(request)})
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return HttpResponseRedirect(target)
