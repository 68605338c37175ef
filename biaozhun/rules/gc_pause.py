"""Pausing Python's cyclic garbage collector around work that makes many objects and no cyclic garbage. Pure."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector() -> Iterator[None]:
    """Run the block without Python's cyclic garbage collector, and restore it after. A draw or an import makes
    hundreds of thousands to millions of small objects (records, rows, ranks, heap entries), none of them cyclic
    garbage, and the collector would otherwise walk the whole heap again and again while they are made (measured: a
    third of the time of reading a draw's snapshot, a fifth of a declaration import). Memory is freed as usual
    meanwhile (reference counting); nested uses leave the collector as the outermost found it. Also a decorator:
    ``@paused_collector()``."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What the pause left alive goes straight to the oldest generation (freeze, then unfreeze: two list
            # splices), instead of being walked whole by the first young collection after it; the next full
            # collection sees it as usual.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
