"""A shorter way through Django for the busiest anonymous reads (the search API), chosen per request in WSGI.

Every request crosses the whole MIDDLEWARE chain: sessions, authentication, second factor, privacy consent, CSRF,
messages, session timeout, audit context, static files. For a GET or HEAD of one of LEAN_PATHS that carries no
cookie and no Authorization header (an anonymous client of the search API, nearly all of its traffic), none of
them can change the answer: no session, no account, no token, no form, nothing audited. Such a request goes
through LEAN_MIDDLEWARE instead, which keeps every middleware that can change the answer to an anonymous visitor
(security headers, language, Content-Length, the anonymous rate limit, CSP, framing), with the same URLconf, views
and error handling. Measured on the long tail at national scale: docs/decisions/0016-search-long-tail-triples-lean-way.md.
tests/core/test_lean.py asserts that both ways give the same status, headers and body.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIHandler
from django.utils.cache import patch_vary_headers

LEAN_METHODS = frozenset({"GET", "HEAD"})


class AnonymousVisitorMiddleware:
    """In place of sessions and authentication on the lean way: request.user is nobody, as there is no cookie or
    token to say otherwise, and the answer says `Vary: Cookie` as the session middleware does, since a cookie
    would have taken the full way (a shared cache must not give this answer to someone signed in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = AnonymousUser()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        return response


class LeanHandler(WSGIHandler):
    """Django's WSGI handler with the middleware of settings.LEAN_MIDDLEWARE."""

    def load_middleware(self, is_async: bool = False) -> None:
        full = settings.MIDDLEWARE
        settings.MIDDLEWARE = settings.LEAN_MIDDLEWARE  # read by BaseHandler.load_middleware, once, at start
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = full


def is_lean(environ: dict) -> bool:
    return (
        environ.get("REQUEST_METHOD") in LEAN_METHODS
        and environ.get("PATH_INFO") in settings.LEAN_PATHS
        and not environ.get("HTTP_COOKIE")
        and not environ.get("HTTP_AUTHORIZATION")
    )


class LeanDispatcher:
    """The WSGI application: anonymous reads of LEAN_PATHS by the lean handler, everything else by the full one."""

    def __init__(self, full: WSGIHandler) -> None:
        self.full = full
        self.lean = LeanHandler()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        return (self.lean if is_lean(environ) else self.full)(environ, start_response)
