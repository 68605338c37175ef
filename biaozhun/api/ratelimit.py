"""Rate limit for anonymous use of the API: a fixed window per client address, counted by the shared limiter
(``biaozhun.core.ratelimit``, counters in Django's cache).

Signed-in users are not limited here. Over the limit the answer is 429 problem+json with Retry-After.
With several web processes, point CACHES at a shared cache (BIAOZHUN_CACHE=database) so the count is shared.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from biaozhun.core.ratelimit import client_address, hit, parse_rate

from .errors import problem

__all__ = ["AnonymousApiRateLimit", "client_address", "parse_rate"]


class AnonymousApiRateLimit:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path.startswith("/api/") and not request.user.is_authenticated:
            verdict = hit("api", client_address(request), settings.BIAOZHUN_API_ANON_RATE)
            if not verdict.allowed:
                retry = verdict.retry_after
                response = problem(
                    429, "rate_limited", "Too many requests.",
                    f"Anonymous use of the API is limited to {settings.BIAOZHUN_API_ANON_RATE} per address; "
                    f"try again in {retry} s, or sign in.",
                    retry_after=retry,
                )
                response["Retry-After"] = str(retry)
                return response
        return self.get_response(request)
