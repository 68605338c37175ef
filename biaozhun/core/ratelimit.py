"""One rate limiter for the API and the pages: fixed windows counted in Django's cache.

A *rate* is written "120/minute" (units: second, minute, hour, day); "" or "off" means no limit. Each rate is a
setting read at request time (so tests and operators change it without a restart of the code that uses it).
Counters live in the default cache: per process by default, shared by every web process with
``BIAOZHUN_CACHE=database`` (or any shared cache), so the limit holds across machines.

* ``hit(scope, key, rate)`` counts one use and says whether it is allowed and, if not, for how long to wait.
* ``limit_page(scope, rate_setting)`` decorates a view: over the limit the person gets the translated 429 page
  with ``Retry-After``.
* ``client_address(request)`` is the client's address: REMOTE_ADDR, or the first X-Forwarded-For entry when
  ``BIAOZHUN_TRUST_X_FORWARDED_FOR`` says a proxy of ours sets it.
"""

from __future__ import annotations

import functools
import hashlib
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int] | None:
    """"120/minute" → (120, 60); "" or "off" → None (no limit)."""
    rate = (rate or "").strip()
    if rate.lower() in {"", "off", "none"}:
        return None
    count, _slash, unit = rate.partition("/")
    return int(count), UNITS[unit.strip().removesuffix("s")]


def client_address(request: HttpRequest) -> str:
    if settings.BIAOZHUN_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    return request.META.get("REMOTE_ADDR", "unknown")[:64]


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds until the window ends (when refused)
    limit: int = 0


def hit(scope: str, key: str, rate: str) -> Verdict:
    """Count one use of ``scope`` by ``key`` (an address, a user id) against ``rate``."""
    parsed = parse_rate(rate)
    if parsed is None:
        return Verdict(True)
    limit, window = parsed
    now = int(time.time())
    start = now - now % window
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # any text, a bounded cache key
    cache_key = f"ratelimit:{scope}:{digest}:{window}:{start}"
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 1)
        used = 1
    if used > limit:
        return Verdict(False, retry_after=max(1, start + window - now), limit=limit)
    return Verdict(True, limit=limit)


def by_address(request: HttpRequest) -> str:
    return client_address(request)


def by_user_or_address(request: HttpRequest) -> str:
    """Signed-in people are counted as themselves (wherever they are), visitors by their address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"address:{client_address(request)}"


def wait_text(seconds: int) -> str:
    """"3 分钟" / "40 秒": how long to wait, in the reader's language."""
    if seconds >= 90:
        minutes = math.ceil(seconds / 60)
        return ngettext("%(count)d 分钟", "%(count)d 分钟", minutes) % {"count": minutes}
    return ngettext("%(count)d 秒", "%(count)d 秒", seconds) % {"count": seconds}


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The 429 page: what happened and how long to wait."""
    message = _("您在短时间内提交的请求过多，为保护网站的正常运行，请在 %(wait)s后再试。") % {
        "wait": wait_text(retry_after)}
    response = render(request, "429.html", {"message": message, "retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def limit_page(scope: str, rate_setting: str, *, methods: Iterable[str] = ("POST",),
               key: Callable[[HttpRequest], str] = by_address) -> Callable:
    """Limit a page view's ``methods`` to the rate in ``settings.<rate_setting>`` per ``key`` (the address by
    default); over it the person gets the translated 429 page with Retry-After."""
    methods = frozenset(method.upper() for method in methods)

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in methods:
                verdict = hit(scope, key(request), getattr(settings, rate_setting))
                if not verdict.allowed:
                    return too_many_requests(request, verdict.retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
