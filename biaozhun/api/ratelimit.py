"""Rate limit for anonymous use of the API: a fixed window per client address, kept in Django's cache.

Signed-in users are not limited here. Over the limit the answer is 429 problem+json with Retry-After.
With several web processes, point CACHES at a shared cache (database or Redis) so the count is shared.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from .errors import problem

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """"120/minute" → (120, 60)."""
    count, _, unit = rate.partition("/")
    return int(count), UNITS[unit.strip()]


def client_address(request: HttpRequest) -> str:
    if settings.BIAOZHUN_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


class AnonymousApiRateLimit:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path.startswith("/api/") and not request.user.is_authenticated:
            limit, window = parse_rate(settings.BIAOZHUN_API_ANON_RATE)
            now = int(time.time())
            start = now - now % window
            key = f"ratelimit:api:{client_address(request)}:{start}"
            cache.add(key, 0, timeout=window + 1)
            try:
                used = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=window + 1)
                used = 1
            if used > limit:
                retry = start + window - now
                response = problem(
                    429, "rate_limited", "Too many requests.",
                    f"Anonymous use of the API is limited to {settings.BIAOZHUN_API_ANON_RATE} per address; "
                    f"try again in {retry} s, or sign in.",
                    retry_after=retry,
                )
                response["Retry-After"] = str(retry)
                return response
        return self.get_response(request)
