"""Fault injection: dropped connections, slow replies, failing calls, unanswered pings.

All knobs can change while the sandbox runs. `seed` makes the failure choice reproducible.
Scripted faults hit chosen requests exactly: `fail_next(call, code, times)`,
`drop_on_next(call)` (cut the link when that call arrives) and `spoil_next_push(kind, payload)`.
Faults at a chosen moment: `drop_connections()`, `black_hole()`, `push_malformed(kind, payload)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections import deque
from collections.abc import Callable

from .errors import ApiError, invalid_token, rate_limited, wrong_response

FAIL_CODES = ("WrongResponse", "RateLimit")
DROP = "drop"  # a scripted fault that cuts the connection instead of answering
NEVER_FAILED = frozenset({"ping", "time"})


class Faults:
    """Run-time fault switches of one sandbox."""

    def __init__(
        self,
        dropper: Callable[[], int],
        black_holer: Callable[[], int] | None = None,
        malformed_pusher: Callable[[str, object], int] | None = None,
    ) -> None:
        self.delay = 0.0  # seconds added before every reply (not before stream pushes)
        self.fail_rate = 0.0  # share of calls (ping/time excluded) answered with `fail_code`
        self.fail_code = "WrongResponse"
        self.ignore_pings = False  # `{"ping": 1}` gets no reply at all
        self.fail_only: frozenset[str] | None = None  # limit failures to these calls
        self._seed: int | None = None
        self._rng = random.Random()  # noqa: S311 - simulation, not security
        self._dropper = dropper
        self._black_holer = black_holer
        self._malformed_pusher = malformed_pusher
        self._drop_every: float | None = None
        self._drop_task: asyncio.Task[None] | None = None
        self._cancelled: set[asyncio.Task[None]] = set()
        self._running = False
        self._scripted: dict[str, deque[str]] = {}  # call -> faults for its next requests
        self._spoiled: dict[str, deque[object]] = {}  # stream kind -> payloads of next pushes

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

    def fail_next(self, call: str, code: str, times: int = 1) -> None:
        """Answer the next `times` requests of `call` with error `code` (any code, e.g.
        "RateLimit", "WrongResponse", "InvalidToken"), after the faults queued before."""
        self._scripted.setdefault(call, deque()).extend([code] * times)

    def drop_on_next(self, call: str, times: int = 1) -> None:
        """Cut the connection (no reply, no close frame) when the next `call` arrives."""
        self._scripted.setdefault(call, deque()).extend([DROP] * times)

    def clear_scripted(self, call: str | None = None) -> int:
        """Forget the scripted faults still queued (for `call`, or all); returns how many."""
        calls = [call] if call is not None else list(self._scripted)
        return sum(len(self._scripted.pop(name, ())) for name in calls)

    def take_scripted(self, call: str) -> str | None:
        """The scripted fault for this request of `call` (a code or DROP), if one is queued."""
        queue = self._scripted.get(call)
        if not queue:
            return None
        return queue.popleft()

    def spoil_next_push(self, kind: str, payload: object, times: int = 1) -> None:
        """Send `payload` (e.g. a string where Deriv sends an object) instead of the real one
        in the next `times` pushes of streams of `kind` ("balance")."""
        self._spoiled.setdefault(kind, deque()).extend([payload] * times)

    def spoiled_push(self, kind: str, payload: object) -> object:
        """What a push of `kind` carries: a spoiled payload if one is queued, else `payload`."""
        queue = self._spoiled.get(kind)
        return queue.popleft() if queue else payload

    def drop_connections(self) -> int:
        """Cut every open WebSocket now (no close frame, like a network failure)."""
        return self._dropper()

    def black_hole(self) -> int:
        """Swallow all traffic of the legacy sockets open now, in both directions, without
        closing them (a dead route); later sockets work. Returns how many were hit."""
        if self._black_holer is None:
            raise RuntimeError("black holes need the sandbox's connections")
        return self._black_holer()

    def push_malformed(self, kind: str, payload: object = "not an object") -> int:
        """Push `payload` on every live stream of `kind` ("balance") now; returns how many."""
        if self._malformed_pusher is None:
            raise RuntimeError("pushes need the sandbox's streams")
        return self._malformed_pusher(kind, payload)

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


def scripted_error(code: str, call: str) -> ApiError:
    """The error a scripted fault answers with, worded as Deriv words it where we know how."""
    if code == "RateLimit":
        return rate_limited(call)
    if code == "WrongResponse":
        return wrong_response()
    if code == "InvalidToken":
        return invalid_token()
    return ApiError(code, "The request failed (injected by the sandbox).")
