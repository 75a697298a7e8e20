"""What deserves a desktop notification, and how many the user gets: decisions without Qt.

The GUI feeds these watchers what the session state announces (balances, link, refused tokens,
Deriv signing the user out) with the time, and shows what they return; :class:`RateCap` keeps a
burst from flooding the desktop. Notices carry figures, never text and never a token: the GUI
words them (and masks the figures in privacy mode).
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

MIN_GAP_S = 0.5  # at most one notification every half second...
PER_MINUTE = 10  # ...and ten a minute
DEFAULT_LINK_DOWN_MINUTES = 5


class NoticeKind(enum.Enum):
    BALANCE_CHANGE = "balance_change"
    LOW_BALANCE = "low_balance"
    LINK_DOWN = "link_down"
    ACCESS_REVOKED = "access_revoked"  # a token deleted or the app revoked outside this app
    SUMMARY = "summary"  # several notices held back by the rate cap, in one


@dataclass(frozen=True, slots=True)
class Notice:
    kind: NoticeKind
    loginid: str | None = None
    currency: str = ""
    amount: Decimal | None = None  # the new balance
    change: Decimal | None = None  # how much it moved
    minutes: int = 0  # how long the link has been down
    count: int = 1  # SUMMARY: how many notices it stands for
    kinds: tuple[NoticeKind, ...] = ()  # SUMMARY: which kinds, in order of arrival


def parse_amount(text: str) -> Decimal | None:
    """A threshold or low mark as saved in the settings ("" or junk: none)."""
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None
    return value if value.is_finite() and value >= 0 else None


@dataclass
class NotifyPrefs:
    """The user's choices (Settings ▸ Notifications); amounts as saved, per login id."""

    kinds: frozenset[NoticeKind] = frozenset(
        {
            NoticeKind.BALANCE_CHANGE,
            NoticeKind.LOW_BALANCE,
            NoticeKind.LINK_DOWN,
            NoticeKind.ACCESS_REVOKED,
        }
    )
    thresholds: Mapping[str, str] = field(default_factory=dict)
    low_marks: Mapping[str, str] = field(default_factory=dict)
    link_down_minutes: float = DEFAULT_LINK_DOWN_MINUTES

    def wants(self, kind: NoticeKind) -> bool:
        return kind is NoticeKind.SUMMARY or kind in self.kinds

    def threshold(self, loginid: str, is_virtual: bool) -> Decimal | None:
        """The smallest move worth a notice; ``None``: none for this account. Real accounts
        notify every move unless told otherwise; demo accounts only once given a threshold."""
        saved = self.thresholds.get(loginid)
        if saved is not None:
            return parse_amount(saved)
        return None if is_virtual else Decimal(0)

    def low_mark(self, loginid: str) -> Decimal | None:
        saved = self.low_marks.get(loginid)
        return parse_amount(saved) if saved is not None else None


class BalanceWatch:
    """Balance moves beyond the account's threshold, and balances falling under the low mark
    (once per fall: it must climb back to the mark before it notifies again)."""

    def __init__(self) -> None:
        self._last: dict[str, Decimal] = {}
        self._under: set[str] = set()

    def forget(self) -> None:
        """A new session: the next figures are a start, not a move."""
        self._last.clear()
        self._under.clear()

    def observe(
        self, prefs: NotifyPrefs, loginid: str, currency: str, is_virtual: bool, amount: Decimal
    ) -> list[Notice]:
        previous = self._last.get(loginid)
        self._last[loginid] = amount
        out: list[Notice] = []
        threshold = prefs.threshold(loginid, is_virtual)
        if previous is not None and previous != amount and threshold is not None:
            change = amount - previous
            if abs(change) >= threshold:
                out.append(Notice(NoticeKind.BALANCE_CHANGE, loginid, currency, amount, change))
        mark = prefs.low_mark(loginid)
        if mark is None or amount >= mark:
            self._under.discard(loginid)
        elif loginid not in self._under:
            self._under.add(loginid)
            out.append(Notice(NoticeKind.LOW_BALANCE, loginid, currency, amount))
        return out


class LinkDownWatch:
    """The link to Deriv down for longer than the user's patience: one notice per outage."""

    def __init__(self) -> None:
        self._down_since: float | None = None
        self._told = False

    def link(self, online: bool, now: float) -> None:
        if online:
            self._down_since = None
            self._told = False
        elif self._down_since is None:
            self._down_since = now

    def due_at(self, prefs: NotifyPrefs) -> float | None:
        """When to look again (``check``), or ``None`` while up or already told."""
        if self._down_since is None or self._told:
            return None
        return self._down_since + prefs.link_down_minutes * 60

    def check(self, prefs: NotifyPrefs, now: float) -> Notice | None:
        due = self.due_at(prefs)
        if due is None or now < due:
            return None
        self._told = True
        assert self._down_since is not None
        return Notice(NoticeKind.LINK_DOWN, minutes=int((now - self._down_since) // 60))


class AccessWatch:
    """Tokens Deriv refuses (deleted elsewhere) and a session Deriv ended (app revoked)."""

    def __init__(self) -> None:
        self._refused: frozenset[str] = frozenset()
        self._signed_out = False

    def refused(self, loginids: Iterable[str]) -> list[Notice]:
        now = frozenset(loginids)
        fresh = sorted(now - self._refused)
        self._refused = now
        return [Notice(NoticeKind.ACCESS_REVOKED, loginid) for loginid in fresh]

    def signed_out(self, signed_out: bool) -> list[Notice]:
        told = signed_out and not self._signed_out
        self._signed_out = signed_out
        return [Notice(NoticeKind.ACCESS_REVOKED)] if told else []


class RateCap:
    """At most one notice every ``MIN_GAP_S`` and ``PER_MINUTE`` a minute; what arrives in
    between waits, and whatever waited is shown as one summary (or as itself, if alone)."""

    def __init__(self, min_gap: float = MIN_GAP_S, per_minute: int = PER_MINUTE) -> None:
        self._min_gap = min_gap
        self._per_minute = per_minute
        self._sent: deque[float] = deque()
        self._waiting: list[Notice] = []

    def _next_slot(self, now: float) -> float:
        while self._sent and now - self._sent[0] >= 60:
            self._sent.popleft()
        slot = now
        if self._sent:
            slot = max(slot, self._sent[-1] + self._min_gap)
        if len(self._sent) >= self._per_minute:
            slot = max(slot, self._sent[-self._per_minute] + 60)
        return slot

    def offer(self, notice: Notice, now: float) -> Notice | None:
        """``notice`` to show now, or ``None``: it waits (see :meth:`wake_at`)."""
        if not self._waiting and self._next_slot(now) <= now:
            self._sent.append(now)
            return notice
        self._waiting.append(notice)
        return None

    def wake_at(self, now: float) -> float | None:
        """When the waiting notices may go out (``release``), or ``None`` if none wait."""
        return self._next_slot(now) if self._waiting else None

    def release(self, now: float) -> Notice | None:
        """The waiting notices as one, if their slot has come."""
        if not self._waiting or self._next_slot(now) > now:
            return None
        waiting, self._waiting = self._waiting, []
        self._sent.append(now)
        if len(waiting) == 1:
            return waiting[0]
        return Notice(
            NoticeKind.SUMMARY,
            loginid=_common_account(waiting),
            count=len(waiting),
            kinds=tuple(dict.fromkeys(n.kind for n in waiting)),
        )


def _common_account(notices: list[Notice]) -> str | None:
    """The account a summary opens: the one they all concern, if they concern one."""
    accounts = {n.loginid for n in notices}
    return accounts.pop() if len(accounts) == 1 else None


__all__ = [
    "AccessWatch",
    "BalanceWatch",
    "LinkDownWatch",
    "Notice",
    "NoticeKind",
    "NotifyPrefs",
    "RateCap",
    "parse_amount",
]
