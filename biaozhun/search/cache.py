"""A small least-recently-used mapping for the engine's per-process caches (results, facets, frequencies)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any


class LRU(OrderedDict):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size
        self.lock = threading.Lock()

    def get_(self, key: tuple) -> Any:
        with self.lock:
            value = self.get(key)
            if value is not None:
                self.move_to_end(key)
            return value

    def put(self, key: tuple, value: Any) -> None:
        with self.lock:
            self[key] = value
            self.move_to_end(key)
            while len(self) > self.size:
                self.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            super().clear()
