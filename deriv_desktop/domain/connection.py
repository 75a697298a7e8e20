"""What the UI needs to know about the link to the server, independent of the protocol used."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class LinkPhase(enum.Enum):
    CONNECTING = "connecting"
    ONLINE = "online"
    RECONNECTING = "reconnecting"
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class LinkState:
    """A snapshot; ``next_try_at`` is a ``time.time()`` epoch so a countdown can be drawn."""

    phase: LinkPhase
    attempt: int = 0
    next_try_at: float | None = None
    reason: str = ""

    @property
    def online(self) -> bool:
        return self.phase is LinkPhase.ONLINE
