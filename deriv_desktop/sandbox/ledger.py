"""Balance moves as a trader's statement and profit table (legacy and new API alike).

Every balance change is recorded per account. A move marked as trading (the background
activity) becomes one closed contract: a `buy` of a stake and a `sell` paying stake + result;
other moves (tests setting a balance, top-ups, demo resets, the opening balance) are a
`deposit` or a `withdrawal`. Only the latest `KEEP` entries per account are kept.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

KEEP = 500
CONTRACT_SECONDS = 60
SYMBOL, SYMBOL_NAME = "R_100", "Volatility 100 Index"


@dataclass(frozen=True)
class Contract:
    """A closed Rise contract on the Volatility 100 Index."""

    contract_id: int
    buy_transaction: int
    buy_price: Decimal
    sell_price: Decimal
    purchase_time: int
    sell_time: int

    @property
    def payout(self) -> Decimal:
        return self.buy_price * 2

    @property
    def shortcode(self) -> str:
        return f"CALL_{SYMBOL}_{self.payout}_{self.purchase_time}_{self.sell_time}_S0P_0"

    @property
    def longcode(self) -> str:
        return (
            f"Win payout if {SYMBOL_NAME} is strictly higher than entry spot at "
            f"{CONTRACT_SECONDS} seconds after contract start time."
        )


@dataclass(frozen=True)
class Entry:
    """One statement line."""

    transaction_id: int
    time: int
    action: str  # buy | sell | deposit | withdrawal
    amount: Decimal
    balance_after: Decimal
    contract: Contract | None = None

    @property
    def longcode(self) -> str:
        if self.contract is not None:
            return self.contract.longcode
        return "Deposit" if self.action == "deposit" else "Withdrawal"


EntryListener = Callable[[str, Entry], None]


class Ledger:
    """Statement entries and closed contracts by account id."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._entries: dict[str, deque[Entry]] = {}
        self._contracts: dict[str, deque[Contract]] = {}
        self._ids = itertools.count(10_000_000_001, 2)
        self._contract_ids = itertools.count(250_000_000_001)
        self.listeners: list[EntryListener] = []

    def record(self, key: str, before: Decimal, after: Decimal, *, trade: bool = False) -> None:
        """Note a move from `before` to `after` (nothing when the balance did not change)."""
        delta = after - before
        if not delta:
            return
        now = int(self._clock())
        stake = abs(delta)
        if trade and stake <= before:
            buy_id = next(self._ids)
            contract = Contract(
                next(self._contract_ids),
                buy_id,
                stake,
                stake + delta,
                now - CONTRACT_SECONDS,
                now,
            )
            self._contracts.setdefault(key, deque(maxlen=KEEP)).append(contract)
            self._add(key, Entry(buy_id, now, "buy", -stake, before - stake, contract))
            self._add(key, Entry(next(self._ids), now, "sell", stake + delta, after, contract))
            return
        action = "deposit" if delta > 0 else "withdrawal"
        self._add(key, Entry(next(self._ids), now, action, delta, after))

    def _add(self, key: str, entry: Entry) -> Entry:
        self._entries.setdefault(key, deque(maxlen=KEEP)).append(entry)
        for listener in self.listeners:
            listener(key, entry)
        return entry

    def statement(
        self,
        key: str,
        *,
        action: str | None = None,
        date_from: int | None = None,
        date_to: int | None = None,
    ) -> list[Entry]:
        """Newest first, filtered as `statement` asks."""
        return [
            e
            for e in reversed(self._entries.get(key, ()))
            if (action is None or e.action == action)
            and (date_from is None or e.time >= date_from)
            and (date_to is None or e.time <= date_to)
        ]

    def contracts(self, key: str) -> list[Contract]:
        """Closed contracts, oldest first."""
        return list(self._contracts.get(key, ()))


T = TypeVar("T")


def page(items: Iterable[T], offset: int, limit: int) -> list[T]:
    return list(itertools.islice(items, offset, offset + limit))
