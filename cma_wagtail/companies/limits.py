"""Be a good citizen of the directory: a request rate under its limit, and a breaker.

Two layers keep the rate under ``CMA_WAGTAIL_COMPANY_DIRECTORY_RATE`` per second: a lock
that spaces this process's requests (so that threads of one worker never burst), and a
counter per second in the shared cache (so that several workers together stay under it).
The circuit breaker lives in the shared cache too: once the directory failed
``FAILURES_TO_OPEN`` times in a row, nobody calls it for ``OPEN_SECONDS``.
"""

from __future__ import annotations

import threading
import time

from django.core.cache import caches

from ..conf import settings as cma_settings

sleep = time.sleep
clock = time.monotonic
wall_clock = time.time

#: Spacing margin: the directory's clock and ours do not cut seconds at the same instant.
MARGIN = 1.05


def _cache():
    return caches[cma_settings.COMPANY_DIRECTORY_CACHE]


class Throttle:
    """At most ``rate`` requests per second, for this process and across processes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next_at = 0.0

    def wait(self) -> None:
        rate = max(float(cma_settings.COMPANY_DIRECTORY_RATE), 0.1)
        with self._lock:
            self._space(rate)
            self._shared_slot(int(rate) or 1)

    def _space(self, rate: float) -> None:
        now = clock()
        if self._next_at > now:
            sleep(self._next_at - now)
            now = self._next_at
        self._next_at = now + MARGIN / rate

    def _shared_slot(self, per_second: int) -> None:
        """Take one of the ``per_second`` slots of the current second, else wait for the next."""
        cache = _cache()
        for _attempt in range(50):
            second = int(wall_clock())
            key = f"cma-companies:rate:{second}"
            if cache.add(key, 1, timeout=5):
                return
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                continue
            if count <= per_second:
                return
            sleep(max(second + 1 - wall_clock(), 0.01))

    def reset(self) -> None:
        with self._lock:
            self._next_at = 0.0


throttle = Throttle()


class CircuitOpen(Exception):
    """The directory failed repeatedly: it is left alone for a while."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"directory unavailable, circuit open for {retry_after} s")


class Breaker:
    FAILURES_TO_OPEN = 5
    OPEN_SECONDS = 60
    FAILURES_KEY = "cma-companies:breaker:failures"
    OPEN_KEY = "cma-companies:breaker:open-until"

    def check(self) -> None:
        open_until = _cache().get(self.OPEN_KEY)
        if open_until and open_until > wall_clock():
            raise CircuitOpen(int(open_until - wall_clock()) + 1)

    def failure(self) -> None:
        cache = _cache()
        cache.add(self.FAILURES_KEY, 0, timeout=self.OPEN_SECONDS * 10)
        try:
            failures = cache.incr(self.FAILURES_KEY)
        except ValueError:
            failures = 1
        if failures >= self.FAILURES_TO_OPEN:
            cache.set(self.OPEN_KEY, wall_clock() + self.OPEN_SECONDS, timeout=self.OPEN_SECONDS)
            cache.delete(self.FAILURES_KEY)

    def success(self) -> None:
        _cache().delete_many([self.FAILURES_KEY, self.OPEN_KEY])


breaker = Breaker()
