"""Rate limits, as fixed windows counted in Django's cache.

* Anonymous use of the API: per client address (``BIAOZHUN_API_ANON_RATE``); signed-in users are not limited here.
* Bulk exports of the catalogue: per address, or per account when signed in (``BIAOZHUN_EXPORT_RATE``);
  administrators are not limited (policy rule ``catalog.export_unlimited``).

Over a limit the answer is 429 problem+json with Retry-After. With several web processes, point CACHES at a shared
cache (database or Redis) so the count is shared.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from .errors import problem

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """"120/minute" → (120, 60)."""
    count, _sep, unit = rate.partition("/")
    return int(count), UNITS[unit.strip()]


def client_address(request: HttpRequest) -> str:
    if settings.BIAOZHUN_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def take(scope: str, who: str, rate: str) -> int | None:
    """Count one use of ``scope`` by ``who`` in the current window of ``rate``: None while within the limit, else
    the seconds until the window ends."""
    limit, window = parse_rate(rate)
    now = int(time.time())
    start = now - now % window
    key = f"ratelimit:{scope}:{who}:{start}"
    cache.add(key, 0, timeout=window + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        used = 1
    return start + window - now if used > limit else None


def rate_limited(retry: int, detail: str) -> JsonResponse:
    response = problem(429, "rate_limited", _("请求过于频繁。"), detail, retry_after=retry)
    response["Retry-After"] = str(retry)
    return response


def per_period(rate: str) -> str:
    """"4/hour" in words of the reader's language: "每小时 4 次"."""
    count, window = parse_rate(rate)
    units = {1: _("秒"), 60: _("分钟"), 3600: _("小时"), 86400: _("天")}
    return _("每%(unit)s %(count)d 次") % {"unit": units[window], "count": count}


class AnonymousApiRateLimit:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path.startswith("/api/") and not request.user.is_authenticated:
            rate = settings.BIAOZHUN_API_ANON_RATE
            retry = take("api", client_address(request), rate)
            if retry is not None:
                return rate_limited(retry, _("匿名使用接口的次数按地址限制为%(limit)s；请 %(seconds)d 秒后再试，或登录后使用"
                                             "（个人 API 令牌不受此限制）。") % {"limit": per_period(rate), "seconds": retry})
        return self.get_response(request)
