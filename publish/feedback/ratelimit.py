"""A sliding-window rate limiter per client, in memory (one service process).

Each client keeps the times of its last ``limit`` allowed requests; a new one is allowed when
fewer than ``limit`` fall inside the last ``window`` seconds. Memory stays bounded: clients whose
last request left the window are dropped in sweeps.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

SWEEP_EVERY = 1000


class SlidingWindow:
    """At most ``limit`` requests per client in any ``window`` seconds."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._calls = 0

    def check(self, client: str) -> float:
        """Record a request from ``client``: 0 if allowed, else the seconds to wait (> 0)."""
        now = self._clock()
        with self._lock:
            self._calls += 1
            if self._calls % SWEEP_EVERY == 0:
                self._sweep(now)
            hits = self._hits.setdefault(client, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(hits[0] + self.window - now, 0.001)
            hits.append(now)
            return 0.0

    def _sweep(self, now: float) -> None:
        stale = [k for k, hits in self._hits.items() if not hits or hits[-1] <= now - self.window]
        for key in stale:
            del self._hits[key]

    def __len__(self) -> int:
        return len(self._hits)


def retry_after(wait: float) -> str:
    """The Retry-After header value for a wait in seconds (whole seconds, at least 1)."""
    return str(max(1, math.ceil(wait)))
