"""Background life: balances move at a chosen rate and exchange rates random-walk.

Off by default so tests stay deterministic; a benchmark can ask for thousands of balance
changes per second (each one is pushed to every stream following that account).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from decimal import Decimal

from .world import World

_TICK = 0.02  # seconds between bursts; changes per burst follow the requested rate


class Activity:
    """Drives random balance and rate changes while running."""

    def __init__(
        self, world: World, *, rate: float, rates_interval: float, seed: int | None = None
    ) -> None:
        self.world = world
        self.rate = rate
        self.rates_interval = rates_interval
        self.rng = random.Random(seed)  # noqa: S311 - simulation, not security
        self.accounts: set[str] | None = None  # limit balance moves to these loginids
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    def stop_soon(self) -> None:
        """Stop without waiting (from synchronous code)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        next_rates = last + self.rates_interval
        carry = 0.0
        while True:
            await asyncio.sleep(_TICK)
            now = loop.time()
            carry += (now - last) * self.rate
            last = now
            count, carry = int(carry), carry - int(carry)
            if count:
                self.move_balances(count)
            if now >= next_rates:
                self.walk_rates()
                next_rates = now + self.rates_interval

    def move_balances(self, count: int) -> None:
        """Apply `count` small random balance changes to accounts that can have them."""
        wanted = self.accounts
        candidates = [
            a
            for a in self.world.accounts.values()
            if a.currency and not a.is_disabled and (wanted is None or a.loginid in wanted)
        ]
        if not candidates:
            return
        for _ in range(count):
            account = self.rng.choice(candidates)
            step = max(
                account.balance * Decimal("0.01"),
                Decimal("1")
                if account.currency in ("USD", "EUR", "GBP", "AUD")
                else Decimal("0.001"),
            )
            delta = step * Decimal(str(round(self.rng.uniform(-1.0, 1.0), 4)))
            self.world.adjust_balance(account.loginid, delta, trade=True)

    def walk_rates(self) -> None:
        changes = {
            code: value * Decimal(str(round(1 + self.rng.gauss(0, 0.001), 6)))
            for code, value in self.world.usd_values.items()
            if code != "USD"
        }
        self.world.walk_rates(changes)
