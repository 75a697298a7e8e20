"""What the app hands the loopback receiver and gets back: limits, its verdict, the outcome."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from deriv_desktop.auth import messages
from deriv_desktop.auth.redirect import RedirectRejected
from deriv_desktop.domain.problems import Problem

if TYPE_CHECKING:  # the receiver (h11, the pages) loads when a browser sign-in starts
    from deriv_desktop.auth.loopback import LoopbackReceiver


@dataclass(frozen=True, slots=True)
class LoopbackConfig:
    """Limits and timings of the handler. Tests shrink the timings; the defaults suit people."""

    read_timeout: float = 10.0  # the whole request head must arrive within this
    write_timeout: float = 10.0
    app_ceiling: float = 10.0  # how long the browser waits for the app's verdict
    done_grace: float = 10.0  # how long /done stays reachable after the answer
    max_connections: int = 32
    max_head_bytes: int = 16_384  # request line + headers (room for other sites' cookies)
    max_target_bytes: int = 8_192
    max_header_count: int = 64
    backlog: int = 16
    done_path: str = "/done"
    # Origins whose Private Network Access preflight we answer (the authorization server's).
    pna_origins: tuple[str, ...] = ("https://oauth.deriv.com",)

    def __post_init__(self) -> None:
        timings = (self.read_timeout, self.write_timeout, self.app_ceiling, self.done_grace)
        if min(timings) <= 0:
            raise ValueError("loopback timings must be positive")
        limits = (self.max_connections, self.max_head_bytes, self.max_target_bytes, self.backlog)
        if min(limits) < 1:
            raise ValueError("loopback limits must be positive")
        if not self.done_path.startswith("/") or "?" in self.done_path or "#" in self.done_path:
            raise ValueError("done_path must be a plain absolute path")


@dataclass(frozen=True, slots=True)
class AppOutcome:
    """The app's verdict on the credentials (did ``authorize`` work?), shown in the browser.

    ``message`` is shown as plain text on the browser's failure page (never in the app): use
    fixed sentences.
    """

    ok: bool
    message: str = ""

    @classmethod
    def success(cls) -> AppOutcome:
        return cls(True)

    @classmethod
    def failure(cls, message: str = messages.APP_FAILURE_DEFAULT) -> AppOutcome:
        return cls(False, message)


class LoopbackStatus(Enum):
    """How a receiver's attempt ended."""

    SUCCEEDED = "succeeded"  # accepted, and the app said the sign-in worked
    FAILED = "failed"  # accepted, but the app could not use the credentials
    REFUSED = "refused"  # Deriv or the user stopped the sign-in
    TIMED_OUT = "timed_out"
    CANCELLED = "cancelled"
    ENDED_ELSEWHERE = "ended_elsewhere"  # another route (paste, custom scheme) used the attempt


@dataclass(frozen=True, slots=True)
class LoopbackOutcome:
    """The final result of a receiver. ``problem`` is what to tell the user in the app (None
    when the sign-in worked, or when the route that ended it reports for itself)."""

    status: LoopbackStatus
    problem: Problem | None
    result: object | None = None  # a RedirectAccepted/CodeAccepted or a RedirectRefused
    app_outcome: AppOutcome | None = None
    wrong_state_count: int = 0


# Awaited with what the validator accepted: a legacy ``RedirectAccepted`` (account tokens) or,
# for the new API's OAuth2 relay, a ``CodeAccepted``.
OnCredentials = Callable[[Any], Awaitable[AppOutcome]]
# Checks one callback query ("?…"); the legacy default is ``validate_redirect``.
Validator = Callable[[str], object]
OnTlsAttempt = Callable[[], None]
OnRejected = Callable[[RedirectRejected], None]


class LoopbackSlot:
    """Holds at most one receiver: starting a new attempt closes the previous one first."""

    def __init__(self) -> None:
        self._current: LoopbackReceiver | None = None

    @property
    def current(self) -> LoopbackReceiver | None:
        return self._current

    async def start(self, receiver: LoopbackReceiver) -> str:
        """Close the previous receiver (if any), then start ``receiver``; returns its URI.

        A receiver that fails to start is not kept, so its attempt stays usable for the
        paste and custom-scheme routes.
        """
        await self.stop()
        uri = await receiver.start()
        self._current = receiver
        return uri

    async def stop(self) -> None:
        receiver, self._current = self._current, None
        if receiver is not None:
            await receiver.aclose()
