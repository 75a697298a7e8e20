"""Client-side pacing for Deriv's published limits, so the server never has to refuse us.

REST: 60 requests a minute per token. A token bucket with ``burst`` tokens that refills at
``(limit - burst)`` per minute can never let more than ``limit`` requests into any 60-second
window (at most ``burst`` saved up plus what refills during the window), yet allows a short
burst at sign-in. Sockets: at most 5 per user and 100 requests a second on each (the latter is
handed to the socket client as its rate-limit spacing).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

REST_REQUESTS_PER_MINUTE = 60
MAX_SOCKETS_PER_USER = 5
SOCKET_REQUESTS_PER_SECOND = 100


class TokenBucket:
    """``await take()`` before each request; waits (never fails) when the budget is spent."""

    def __init__(
        self,
        per_minute: int = REST_REQUESTS_PER_MINUTE,
        *,
        burst: int = 10,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not 0 < burst < per_minute:
            raise ValueError("burst must be positive and below the per-minute limit")
        self.per_minute = per_minute
        self.burst = burst
        self._rate = (per_minute - burst) / 60.0  # tokens per second
        self._clock = clock
        self._tokens = float(burst)
        self._stamp = clock()
        self._lock = asyncio.Lock()
        self.waited = 0  # how many takes had to wait (diagnostics and tests)

    def __repr__(self) -> str:
        return f"TokenBucket({self.per_minute}/min, burst {self.burst})"

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(float(self.burst), self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now

    def try_take(self) -> bool:
        self._refill()
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        return False

    def wait_time(self) -> float:
        """Seconds until the next token (0 when one is available now)."""
        self._refill()
        return 0.0 if self._tokens >= 1.0 else (1.0 - self._tokens) / self._rate

    async def take(self) -> None:
        async with self._lock:  # first come, first served
            while not self.try_take():
                self.waited += 1
                await asyncio.sleep(self.wait_time())  # pacing, not synchronisation
