"""Where a request comes from, for audit records written by code that has no request (the services).

``AuditContextMiddleware`` notes the client's address and user agent for the length of each request; the
audit records written meanwhile (an access change through the admin, a token created on the profile page)
carry them. Records written outside a request (management commands, tasks) have no address. Who acted is
never taken from here: it is always passed explicitly.
"""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar
from dataclasses import dataclass

from django.http import HttpRequest

from biaozhun.core.ratelimit import client_address


@dataclass(frozen=True)
class Client:
    address: str = ""
    user_agent: str = ""


NOWHERE = Client()
_current: ContextVar[Client] = ContextVar("biaozhun_audit_client", default=NOWHERE)


def _address(request: HttpRequest) -> str:
    """The client's address (X-Forwarded-For only when BIAOZHUN_TRUST_X_FORWARDED_FOR), normalised if it is
    an IP address; anything else is kept as sent (cut to 64 characters) so an auditor sees it."""
    raw = client_address(request)
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return "" if raw == "unknown" else raw[:64]


def client_of(request: HttpRequest | None) -> Client:
    """The request's client; without a request, the client of the request being handled (if any)."""
    if request is None:
        return _current.get()
    return Client(address=_address(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:300])


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = _current.set(client_of(request))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
