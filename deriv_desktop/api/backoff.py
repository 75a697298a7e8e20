"""Reconnect pacing: exponential growth with jitter so many clients never retry in lock step."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Delays of about base, base*factor, base*factor**2 ... seconds, never above ``cap``."""

    base: float = 1.0
    factor: float = 2.0
    cap: float = 30.0
    jitter: float = 0.2
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        """Delay before retry number ``attempt`` (1 for the first retry)."""
        raw = self.base * self.factor ** max(0, attempt - 1)
        spread = raw * self.jitter
        return max(0.0, min(self.cap, raw + self.rng.uniform(-spread, spread)))
