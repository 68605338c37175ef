"""Rate limits of the API, counted by the shared limiter (``biaozhun.core.ratelimit``, fixed windows in Django's
cache; with several web processes set BIAOZHUN_CACHE=database so the counts are shared).

* Anonymous use of the API: per client address (``BIAOZHUN_API_ANON_RATE``); signed-in users are not limited here.
* Bulk exports of the catalogue: per address, or per account when signed in (``BIAOZHUN_EXPORT_RATE``);
  administrators are not limited (policy rule ``catalog.export_unlimited``).

Over a limit the answer is 429 problem+json with Retry-After and a translated message.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from biaozhun.core.ratelimit import client_address, hit, parse_rate

from .errors import problem

__all__ = ["AnonymousApiRateLimit", "client_address", "parse_rate", "per_period", "rate_limited", "take"]


def take(scope: str, who: str, rate: str) -> int | None:
    """Count one use of ``scope`` by ``who``: None while within the limit, else the seconds until the window ends."""
    verdict = hit(scope, who, rate)
    return None if verdict.allowed else verdict.retry_after


def rate_limited(retry: int, detail: str) -> JsonResponse:
    response = problem(429, "rate_limited", _("请求过于频繁。"), detail, retry_after=retry)
    response["Retry-After"] = str(retry)
    return response


def per_period(rate: str) -> str:
    """"4/hour" in words of the reader's language: "每小时 4 次"."""
    count, window = parse_rate(rate) or (0, 0)
    units = {1: _("秒"), 60: _("分钟"), 3600: _("小时"), 86400: _("天")}
    return _("每%(unit)s %(count)d 次") % {"unit": units.get(window, ""), "count": count}


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
