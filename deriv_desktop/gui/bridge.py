"""The one place where domain events become Qt signals; widgets connect only to this."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from deriv_desktop.domain.connection import LinkState
from deriv_desktop.domain.errors import DerivError
from deriv_desktop.domain.health import Health
from deriv_desktop.domain.models import Totals
from deriv_desktop.domain.state import SessionState


class StateBridge(QObject):
    accountsChanged = Signal()
    balancesChanged = Signal(object)  # frozenset[str] of login ids
    activeChanged = Signal(object)  # str | None
    linkChanged = Signal(object)  # LinkState
    healthChanged = Signal(object)  # Health
    totalsChanged = Signal(object)  # Totals
    ratesChanged = Signal()
    problem = Signal(object)  # DerivError

    def __init__(self, state: SessionState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._unlink: list[Callable[[], None]] = [
            state.accounts_changed.connect(lambda _: self.accountsChanged.emit()),
            state.balances_changed.connect(self.balancesChanged.emit),
            state.active_changed.connect(self.activeChanged.emit),
            state.link_changed.connect(self._link),
            state.health_changed.connect(self._health),
            state.totals_changed.connect(self._totals),
            state.rates_changed.connect(lambda _: self.ratesChanged.emit()),
        ]

    def _link(self, link: LinkState) -> None:
        self.linkChanged.emit(link)

    def _health(self, health: Health) -> None:
        self.healthChanged.emit(health)

    def _totals(self, totals: Totals) -> None:
        self.totalsChanged.emit(totals)

    def report(self, error: DerivError) -> None:
        self.problem.emit(error)

    def detach(self) -> None:
        for unlink in self._unlink:
            unlink()
        self._unlink.clear()
