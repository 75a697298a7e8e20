"""One sign-in attempt: its secret ``state``, where the redirect goes, and when it expires.

The record itself is frozen. Its lifecycle (waiting → completed / refused / cancelled / expired)
is the one mutable part, so every capture route (loopback, custom scheme, pasted address) that
shares the attempt sees the same single use: the first accepted answer wins, later ones are
replays, and cancel or timeout end it for all routes at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum

from deriv_desktop.auth.authorize_url import new_state
from deriv_desktop.auth.timeouts import DEFAULT_TIMEOUT_SECONDS as DEFAULT_TIMEOUT_SECONDS
from deriv_desktop.domain.problems import Problem, ProblemKind


class AttemptStatus(Enum):
    """Where an attempt is in its life. Everything but ``WAITING`` is final."""

    WAITING = "waiting"
    COMPLETED = "completed"
    REFUSED = "refused"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


@dataclass(slots=True)
class _Lifecycle:
    status: AttemptStatus = AttemptStatus.WAITING
    wrong_state_count: int = 0


@dataclass(frozen=True, eq=False)
class LoginAttempt:
    """The per-attempt record. ``state`` is secret and therefore left out of ``repr``.

    ``redirect_uri`` is the registered redirect (port 0 means "any free port": the loopback
    receiver reports the real one). ``deadline`` is on ``clock`` (monotonic by default).
    """

    state: str = field(repr=False)
    redirect_uri: str
    created_at: datetime
    timeout: float
    deadline: float
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    _life: _Lifecycle = field(default_factory=_Lifecycle, init=False, repr=False)

    @classmethod
    def new(
        cls,
        redirect_uri: str,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> LoginAttempt:
        """Start an attempt with a fresh ``state`` that expires ``timeout`` seconds from now."""
        if not timeout > 0:
            raise ValueError("timeout must be positive")
        return cls(
            state=new_state(),
            redirect_uri=redirect_uri,
            created_at=datetime.now(UTC),
            timeout=float(timeout),
            deadline=clock() + timeout,
            clock=clock,
        )

    @property
    def status(self) -> AttemptStatus:
        """The current status; a waiting attempt past its deadline turns ``EXPIRED`` here."""
        life = self._life
        if life.status is AttemptStatus.WAITING and self.clock() >= self.deadline:
            life.status = AttemptStatus.EXPIRED
        return life.status

    @property
    def is_live(self) -> bool:
        return self.status is AttemptStatus.WAITING

    @property
    def wrong_state_count(self) -> int:
        """How many answers carried a missing or wrong ``state`` (stale tabs, strangers)."""
        return self._life.wrong_state_count

    def remaining(self) -> float:
        """Seconds left before the deadline (0 when past it)."""
        return max(0.0, self.deadline - self.clock())

    def timed_out_problem(self) -> Problem:
        """What to tell the user when this attempt times out: after how many minutes, and how
        many answers came from older tabs (they get their own explanation)."""
        minutes = max(1, round(self.timeout / 60))
        return Problem(ProblemKind.SIGN_IN_TIMED_OUT, minutes=minutes, count=self.wrong_state_count)

    def note_wrong_state(self) -> int:
        self._life.wrong_state_count += 1
        return self._life.wrong_state_count

    def cancel(self) -> bool:
        """End a waiting attempt as cancelled. False if it had already ended."""
        return self._finish(AttemptStatus.CANCELLED)

    def expire(self) -> bool:
        """End a waiting attempt as timed out. False if it had already ended."""
        return self._finish(AttemptStatus.EXPIRED)

    def settle(self, status: AttemptStatus) -> bool:
        """Record the single accepted answer (``COMPLETED`` or ``REFUSED``); the validator's job.

        Returns False (and changes nothing) when the attempt is no longer waiting, which is how
        a second answer becomes a replay.
        """
        if status not in (AttemptStatus.COMPLETED, AttemptStatus.REFUSED):
            raise ValueError("settle() takes COMPLETED or REFUSED")
        return self._finish(status)

    def _finish(self, status: AttemptStatus) -> bool:
        if self.status is not AttemptStatus.WAITING:
            return False
        self._life.status = status
        return True
