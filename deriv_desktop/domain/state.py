"""The one copy of what the user is looking at; services change it, views observe it.

Every change announces itself through an ``Event``; the GUI bridges these to Qt signals and
never keeps balances of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.health import Health, StreamRole, StreamState, session_health
from deriv_desktop.domain.models import Account, Balance, CurrencyInfo, Totals
from deriv_desktop.domain.ordering import sorted_accounts
from deriv_desktop.domain.problems import Problem


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
        self._streams: dict[str, StreamState] = {}
        self._signed_out: Problem | None = None
        self._refused: frozenset[str] = frozenset()  # accounts whose token Deriv refused
        self._health = session_health(self.link, ())

        self.accounts_changed: Event[None] = Event("accounts changed")
        self.balances_changed: Event[frozenset[str]] = Event("balances changed")
        self.active_changed: Event[str | None] = Event("active account changed")
        self.link_changed: Event[LinkState] = Event("link changed")
        self.totals_changed: Event[Totals] = Event("totals changed")
        self.rates_changed: Event[None] = Event("rates changed")
        self.health_changed: Event[Health] = Event("health changed")

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
        self._refused = frozenset()
        self.user_label = ""
        self.set_accounts(())
        self.set_totals(Totals())
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
            self._update_health()

    # ----------------------------------------------------------------- health
    @property
    def health(self) -> Health:
        return self._health

    @property
    def streams(self) -> dict[str, StreamState]:
        return dict(self._streams)

    def set_stream(self, stream: StreamState) -> None:
        """A supervised stream's new state (the supervisor reports every change)."""
        if self._streams.get(stream.name) != stream:
            self._streams[stream.name] = stream
            self._update_health()

    def drop_stream(self, name: str) -> None:
        """The stream is no longer part of the session (stopped on purpose)."""
        if self._streams.pop(name, None) is not None:
            self._update_health()

    def set_signed_out(self, problem: Problem | None) -> None:
        """Deriv ended the session (``problem`` says why); None when a new session starts."""
        if problem != self._signed_out:
            self._signed_out = problem
            self._update_health()

    def _update_health(self) -> None:
        health = session_health(self.link, self._streams.values(), self._signed_out)
        if health != self._health:
            self._health = health
            self.health_changed.emit(health)

    def _role_live(self, role: StreamRole) -> bool:
        return all(s.live for s in self._streams.values() if s.role is role)

    @property
    def stale(self) -> bool:
        """Balances are fresh only while the link is up and every balance stream is live."""
        return (
            not self.link.online
            or self._signed_out is not None
            or not self._role_live(StreamRole.BALANCES)
        )

    @property
    def totals_stale(self) -> bool:
        """Converted totals also need the exchange-rate streams."""
        return self.stale or not self._role_live(StreamRole.RATES)

    @property
    def refused(self) -> frozenset[str]:
        return self._refused

    def set_refused(self, loginids: Iterable[str]) -> None:
        """Accounts whose token Deriv refused during the session: no access any more."""
        refused = frozenset(loginids)
        if refused != self._refused:
            self._refused = refused
            self.accounts_changed.emit(None)

    def balance_stale(self, loginid: str) -> bool:
        """An account's balance is stale while the balances are, or once Deriv refused its
        token (nothing keeps it current any more)."""
        return self.stale or loginid in self._refused
