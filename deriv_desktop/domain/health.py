"""The session's health: what the window may honestly say about the figures it shows.

The link alone is not the truth: a socket can be up while the balance stream is dead, or while
Deriv has stopped accepting the session. :func:`session_health` derives one verdict from the
facts the session holds (the link, each supervised stream, a sign-out by Deriv), so the status
bar can never say "Online" while a figure it depends on is frozen.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.domain.problems import Problem


class StreamRole(enum.Enum):
    """What a stream keeps fresh (the window marks exactly that as stale while it is down)."""

    BALANCES = "balances"
    RATES = "rates"


class StreamPhase(enum.Enum):
    STARTING = "starting"  # opened, nothing delivered yet
    LIVE = "live"
    RETRYING = "retrying"  # ended or failed; opened again at ``next_try_at``
    STOPPED = "stopped"  # ended for good (``problem`` says why)


@dataclass(frozen=True, slots=True)
class StreamState:
    """One supervised stream; ``next_try_at`` is a ``time.time()`` epoch for a countdown."""

    name: str
    role: StreamRole
    phase: StreamPhase = StreamPhase.STARTING
    attempt: int = 0
    next_try_at: float | None = None
    problem: Problem | None = None
    malformed: int = 0  # messages skipped because they could not be read

    @property
    def live(self) -> bool:
        return self.phase is StreamPhase.LIVE


class HealthPhase(enum.Enum):
    ONLINE = "online"  # link up, authorized, every stream live
    CONNECTING = "connecting"  # first connection, or streams still starting
    DEGRADED = "degraded"  # link up but a stream is down (``parts``), retried at ``next_try_at``
    RECONNECTING = "reconnecting"
    OFFLINE = "offline"
    SIGNED_OUT = "signed_out"  # Deriv stopped accepting the session (``problem`` says why)


@dataclass(frozen=True, slots=True)
class Health:
    phase: HealthPhase
    parts: tuple[StreamRole, ...] = ()  # what is not live (DEGRADED)
    next_try_at: float | None = None
    problem: Problem | None = None

    @property
    def online(self) -> bool:
        return self.phase is HealthPhase.ONLINE


def session_health(
    link: LinkState, streams: Iterable[StreamState], signed_out: Problem | None = None
) -> Health:
    """The verdict for these facts; see the module docstring."""
    if signed_out is not None:
        return Health(HealthPhase.SIGNED_OUT, problem=signed_out)
    if link.phase is LinkPhase.OFFLINE:
        return Health(HealthPhase.OFFLINE)
    if link.phase is LinkPhase.CONNECTING:
        return Health(HealthPhase.CONNECTING)
    if link.phase is LinkPhase.RECONNECTING:
        return Health(HealthPhase.RECONNECTING, next_try_at=link.next_try_at)
    down = [s for s in streams if s.phase in (StreamPhase.RETRYING, StreamPhase.STOPPED)]
    if down:
        parts = tuple(dict.fromkeys(s.role for s in down))
        waits = [s.next_try_at for s in down if s.next_try_at is not None]
        problem = next((s.problem for s in down if s.problem is not None), None)
        return Health(HealthPhase.DEGRADED, parts, min(waits) if waits else None, problem)
    if any(s.phase is StreamPhase.STARTING for s in streams):
        return Health(HealthPhase.CONNECTING)
    return Health(HealthPhase.ONLINE)
