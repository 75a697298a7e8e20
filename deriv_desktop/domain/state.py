"""The one copy of what the user is looking at; services change it, views observe it.

Every change announces itself through an ``Event``; the GUI bridges these to Qt signals and
never keeps balances of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.models import Account, Balance, CurrencyInfo, Totals
from deriv_desktop.domain.ordering import sorted_accounts


class SessionState:
    def __init__(self) -> None:
        self._accounts: dict[str, Account] = {}
        self._order: list[str] = []
        self._balances: dict[str, Balance] = {}
        self.currencies: dict[str, CurrencyInfo] = {}
        self.totals = Totals()
        self.rates: dict[str, Decimal] = {}
        self.rates_base = "USD"
        self.active: str | None = None
        self.link = LinkState(LinkPhase.OFFLINE)
        self.user_label = ""

        self.accounts_changed: Event[None] = Event("accounts changed")
        self.balances_changed: Event[frozenset[str]] = Event("balances changed")
        self.active_changed: Event[str | None] = Event("active account changed")
        self.link_changed: Event[LinkState] = Event("link changed")
        self.totals_changed: Event[Totals] = Event("totals changed")
        self.rates_changed: Event[None] = Event("rates changed")

    # ----------------------------------------------------------------- accounts
    @property
    def accounts(self) -> list[Account]:
        return [self._accounts[x] for x in self._order]

    def account(self, loginid: str) -> Account | None:
        return self._accounts.get(loginid)

    def set_accounts(self, accounts: Iterable[Account]) -> None:
        fresh = {a.loginid: a for a in accounts}
        self._accounts = fresh
        self._order = [a.loginid for a in sorted_accounts(fresh.values(), self.currencies)]
        self._balances = {k: v for k, v in self._balances.items() if k in fresh}
        if self.active not in fresh:
            self.active = None
        self.accounts_changed.emit(None)

    def set_currencies(self, currencies: Mapping[str, CurrencyInfo]) -> None:
        self.currencies = dict(currencies)
        if self._accounts:
            self._order = [
                a.loginid for a in sorted_accounts(self._accounts.values(), self.currencies)
            ]
            self.accounts_changed.emit(None)

    def clear(self) -> None:
        self.set_accounts(())
        self.totals = Totals()
        self.set_active(None)

    # ----------------------------------------------------------------- balances
    def balance(self, loginid: str) -> Balance | None:
        return self._balances.get(loginid)

    def update_balances(self, balances: Iterable[Balance]) -> None:
        """Apply updates by login id; announces only the accounts whose figure changed."""
        changed: set[str] = set()
        for bal in balances:
            if bal.loginid not in self._accounts:
                continue
            old = self._balances.get(bal.loginid)
            self._balances[bal.loginid] = bal
            if old is None or old.amount != bal.amount or old.converted != bal.converted:
                changed.add(bal.loginid)
            elif old.updated_at != bal.updated_at:
                changed.add(bal.loginid)  # "last updated" moves even if the amount did not
        if changed:
            self.balances_changed.emit(frozenset(changed))

    def set_totals(self, totals: Totals) -> None:
        if totals != self.totals:
            self.totals = totals
            self.totals_changed.emit(totals)

    def set_rates(self, base: str, rates: Mapping[str, Decimal]) -> None:
        self.rates_base = base
        self.rates = dict(rates)
        self.rates_changed.emit(None)

    # ----------------------------------------------------------------- active / link
    def set_active(self, loginid: str | None) -> None:
        if loginid is not None and loginid not in self._accounts:
            raise KeyError(loginid)
        if loginid != self.active:
            self.active = loginid
            self.active_changed.emit(loginid)

    def set_link(self, link: LinkState) -> None:
        if link != self.link:
            self.link = link
            self.link_changed.emit(link)

    @property
    def stale(self) -> bool:
        """Balances are only fresh while the link is up."""
        return not self.link.online
