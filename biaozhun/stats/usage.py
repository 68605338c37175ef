"""The portal's hook for the use counter: `count(request, standard, kind)` adds one for a GET (not HEAD, not a
link checker's probe), never failing the page it is called from. Counts go to the process's buffer
(use_buffer.py), written every BIAOZHUN_USE_FLUSH_SECONDS; with 0, each is written at once."""

from __future__ import annotations

import logging
from functools import cache

from django.conf import settings
from django.db import DatabaseError

from biaozhun.core import clock

from .services import USE_KINDS, record_use
from .use_buffer import UseBuffer

logger = logging.getLogger(__name__)


@cache
def buffer() -> UseBuffer:
    return UseBuffer(settings.BIAOZHUN_USE_FLUSH_SECONDS)


def count(request, standard, kind: str) -> None:
    if request.method != "GET":
        return
    if kind not in USE_KINDS:
        raise ValueError(kind)
    if settings.BIAOZHUN_USE_FLUSH_SECONDS > 0:
        buffer().add(standard.pk, clock.today(), kind)
        return
    try:
        record_use(standard.pk, kind)
    except DatabaseError:  # a locked database must not cost the reader the page
        logger.warning("use counter: %s of %s not counted", kind, standard.pk, exc_info=True)
