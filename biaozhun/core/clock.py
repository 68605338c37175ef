"""The current time for services, with an "as of" override for replaying history with its real dates.

Services that stamp records call `now()` / `today()` instead of django.utils.timezone directly. Loading
historical records (demo data, a migration of legacy projects) runs inside `as_of(moment)` so that events,
periods and deadlines get the dates they really had. Outside `as_of` this is timezone.now() (and so follows
time-machine in tests). Side effects meant for the present, such as emails, check `replaying()`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import date, datetime

from django.utils import timezone

_as_of: ContextVar[datetime | None] = ContextVar("biaozhun_as_of", default=None)


def now() -> datetime:
    return _as_of.get() or timezone.now()


def replaying() -> bool:
    """Inside `as_of`: history is being written with its past dates (nobody is emailed about the past)."""
    return _as_of.get() is not None


def today() -> date:
    return timezone.localdate(now())


@contextlib.contextmanager
def as_of(moment: datetime) -> Iterator[None]:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    token = _as_of.set(moment)
    try:
        yield
    finally:
        _as_of.reset(token)
