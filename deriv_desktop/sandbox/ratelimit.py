"""Sliding-window request limits as published in `website_status.api_call_limits`.

Windows slide (rather than reset on the minute) so that tests asserting "the N+1th call is
refused" cannot be flaky around a minute boundary.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from .config import RateLimits

EXEMPT_CALLS = frozenset({"ping", "time"})


class RateLimiter:
    """Counts calls per key (an account when authorized, else a connection)."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._minute: dict[str, deque[float]] = {}
        self._hour: dict[str, deque[float]] = {}

    def allow(self, key: str, call: str) -> bool:
        """Record one call; False when it is over a limit (the call must then be refused)."""
        if call in EXEMPT_CALLS:
            return True
        now = self._clock()
        minute = self._minute.setdefault(key, deque())
        hour = self._hour.setdefault(key, deque())
        while minute and minute[0] <= now - 60.0:
            minute.popleft()
        while hour and hour[0] <= now - 3600.0:
            hour.popleft()
        if len(minute) >= self.limits.general_minutely or len(hour) >= self.limits.general_hourly:
            return False
        minute.append(now)
        hour.append(now)
        return True

    def forget(self, key: str) -> None:
        self._minute.pop(key, None)
        self._hour.pop(key, None)
