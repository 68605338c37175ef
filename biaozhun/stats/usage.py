"""The portal's hook for the use counter: `count(request, standard, kind)` adds one for a GET (not HEAD, not a
link checker's probe), never failing the page it is called from."""

from __future__ import annotations

import logging

from django.db import DatabaseError

from .services import record_use

logger = logging.getLogger(__name__)


def count(request, standard, kind: str) -> None:
    if request.method != "GET":
        return
    try:
        record_use(standard.pk, kind)
    except DatabaseError:  # a locked database must not cost the reader the page
        logger.warning("use counter: %s of %s not counted", kind, standard.pk, exc_info=True)
