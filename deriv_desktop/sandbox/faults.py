"""Fault injection: dropped connections, slow replies, failing calls, unanswered pings.

All knobs can change while the sandbox runs. `seed` makes the failure choice reproducible.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Callable

FAIL_CODES = ("WrongResponse", "RateLimit")
NEVER_FAILED = frozenset({"ping", "time"})


class Faults:
    """Run-time fault switches of one sandbox."""

    def __init__(self, dropper: Callable[[], int]) -> None:
        self.delay = 0.0  # seconds added before every reply (not before stream pushes)
        self.fail_rate = 0.0  # share of calls (ping/time excluded) answered with `fail_code`
        self.fail_code = "WrongResponse"
        self.ignore_pings = False  # `{"ping": 1}` gets no reply at all
        self.fail_only: frozenset[str] | None = None  # limit failures to these calls
        self._seed: int | None = None
        self._rng = random.Random()  # noqa: S311 - simulation, not security
        self._dropper = dropper
        self._drop_every: float | None = None
        self._drop_task: asyncio.Task[None] | None = None
        self._cancelled: set[asyncio.Task[None]] = set()
        self._running = False

    @property
    def seed(self) -> int | None:
        return self._seed

    @seed.setter
    def seed(self, value: int | None) -> None:
        self._seed = value
        self._rng = random.Random(value)  # noqa: S311 - reproducible faults

    def should_fail(self, call: str) -> str | None:
        """The error code to answer `call` with, or None to serve it normally."""
        if self.fail_rate <= 0 or call in NEVER_FAILED:
            return None
        if self.fail_only is not None and call not in self.fail_only:
            return None
        if self._rng.random() < self.fail_rate:
            return self.fail_code
        return None

    def drop_connections(self) -> int:
        """Cut every open WebSocket now (no close frame, like a network failure)."""
        return self._dropper()

    @property
    def drop_every(self) -> float | None:
        return self._drop_every

    @drop_every.setter
    def drop_every(self, seconds: float | None) -> None:
        if seconds is not None and seconds <= 0:
            raise ValueError("drop_every must be positive")
        self._drop_every = seconds
        self._reschedule()

    def start(self) -> None:
        self._running = True
        self._reschedule()

    async def stop(self) -> None:
        self._running = False
        task, self._drop_task = self._drop_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _reschedule(self) -> None:
        if self._drop_task is not None:
            old, self._drop_task = self._drop_task, None
            old.cancel()
            self._cancelled.add(old)  # keep a reference until the cancellation has run
            old.add_done_callback(self._cancelled.discard)
        if self._running and self._drop_every is not None:
            self._drop_task = asyncio.get_running_loop().create_task(
                self._drop_periodically(self._drop_every)
            )

    async def _drop_periodically(self, seconds: float) -> None:
        while True:
            await asyncio.sleep(seconds)
            self._dropper()
