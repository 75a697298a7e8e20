"""The session's state, watched for what deserves a notification (services/notify_rules.py),
worded (gui/notice_text.py) and handed to whichever desktop service shows it.

One ``Alerts`` lives as long as the app; ``attach`` points it at the current connection's state
(a new stack after a Settings change) and ``detach`` lets it go. Timers stand in for the rate
cap's wait and the link-down delay: nothing here sleeps.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from deriv_desktop.domain.health import Health, HealthPhase
from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.bridge import StateBridge
from deriv_desktop.gui.notice_text import notice_words
from deriv_desktop.gui.privacy import Privacy
from deriv_desktop.services.notify_rules import (
    AccessWatch,
    BalanceWatch,
    LinkDownWatch,
    Notice,
    NotifyPrefs,
    RateCap,
)

#: Shows one notification: ``(title, body, loginid to open on a click or None)``.
Deliver = Callable[[str, str, str | None], None]


class Alerts(QObject):
    def __init__(
        self,
        prefs: Callable[[], NotifyPrefs],
        privacy: Privacy,
        deliver: Deliver,
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._prefs = prefs
        self._privacy = privacy
        self._deliver = deliver
        self._clock = clock
        self._state: SessionState | None = None
        self._bridge: StateBridge | None = None
        self._balances = BalanceWatch()
        self._link = LinkDownWatch()
        self._access = AccessWatch()
        self.cap = RateCap()
        self._cap_timer = _single_shot(self, self._release)
        self._link_timer = _single_shot(self, self._link_due)

    # ------------------------------------------------------------------ attaching
    def attach(self, state: SessionState, bridge: StateBridge) -> None:
        self.detach()
        self._state, self._bridge = state, bridge
        self._balances.forget()
        self._access = AccessWatch()
        self._access.refused(state.refused)  # what was refused before is not news
        for account in state.accounts:
            balance = state.balance(account.loginid)
            if balance is not None:
                self._balances.observe(
                    self._prefs(),
                    account.loginid,
                    account.currency,
                    account.is_virtual,
                    balance.amount,
                )
        bridge.balancesChanged.connect(self._balances_changed)
        bridge.accountsChanged.connect(self._accounts_changed)
        bridge.healthChanged.connect(self._health_changed)
        self._health_changed(state.health)

    def detach(self) -> None:
        if self._state is not None:  # Deriv's sign-out may reach us only now
            self._health_changed(self._state.health)
        bridge, self._bridge, self._state = self._bridge, None, None
        if bridge is not None:
            bridge.balancesChanged.disconnect(self._balances_changed)
            bridge.accountsChanged.disconnect(self._accounts_changed)
            bridge.healthChanged.disconnect(self._health_changed)
        self._link_timer.stop()
        self._link = LinkDownWatch()

    # ------------------------------------------------------------------ watching
    def _balances_changed(self, loginids: frozenset[str]) -> None:
        state = self._state
        if state is None:
            return
        prefs = self._prefs()
        for loginid in sorted(loginids):
            account, balance = state.account(loginid), state.balance(loginid)
            if account is None or balance is None:
                continue
            for notice in self._balances.observe(
                prefs, loginid, account.currency, account.is_virtual, balance.amount
            ):
                self.post(notice)

    def _accounts_changed(self) -> None:
        if self._state is not None:
            for notice in self._access.refused(self._state.refused):
                self.post(notice)

    def _health_changed(self, health: Health) -> None:
        for notice in self._access.signed_out(health.phase is HealthPhase.SIGNED_OUT):
            self.post(notice)
        online = health.phase not in (HealthPhase.OFFLINE, HealthPhase.RECONNECTING)
        self._link.link(online or health.phase is HealthPhase.SIGNED_OUT, self._clock())
        self._arm(self._link_timer, self._link.due_at(self._prefs()))

    def _link_due(self) -> None:
        notice = self._link.check(self._prefs(), self._clock())
        if notice is not None:
            self.post(notice)
        else:
            self._arm(self._link_timer, self._link.due_at(self._prefs()))

    # ------------------------------------------------------------------ showing
    def post(self, notice: Notice) -> None:
        """Show ``notice`` now, or once the rate cap allows (switched-off kinds are dropped)."""
        if not self._prefs().wants(notice.kind):
            return
        now = self._clock()
        ready = self.cap.offer(notice, now)
        if ready is not None:
            self._show(ready)
        self._arm(self._cap_timer, self.cap.wake_at(now))

    def _release(self) -> None:
        now = self._clock()
        ready = self.cap.release(now)
        if ready is not None:
            self._show(ready)
        self._arm(self._cap_timer, self.cap.wake_at(now))

    def _show(self, notice: Notice) -> None:
        state = self._state if self._state is not None else SessionState()
        title, body = notice_words(notice, state, self._privacy)
        self._deliver(title, body, notice.loginid)

    def _arm(self, timer: QTimer, when: float | None) -> None:
        if when is None:
            timer.stop()
            return
        timer.start(max(0, int((when - self._clock()) * 1000) + 1))


def _single_shot(parent: QObject, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.timeout.connect(slot)
    return timer


__all__ = ["Alerts", "Deliver"]
