"""Timing shared by the pure-function benchmarks: the median wall time of a few runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def median_seconds(run: Callable[[], T], runs: int) -> tuple[float, T]:
    """The median of `runs` timings of run() in seconds, and the last run's result."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result
