"""Sign-in, restore, switch, top-up and log-out: the session's whole life, without Qt.

Ordering rules that keep a session whole: tokens are saved to the keyring before the metadata
that points at them, and removed from the keyring before that metadata; a failure to remember
(no keyring, locked, plaintext only) never fails the sign-in itself, it is reported so the UI
can say the session will not be remembered.

Switching tells the backend (``activate``) so a backend with one socket per account can move its
live balance stream; a backend that reports ``SignInAgain`` from that stream (its credential died
mid-session, e.g. a REST 401 on the new API) ends the session here, as if the user signed out.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import ApiError, BadInput, ConnectionProblem, DerivError
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.migration import MigrationStatus
from deriv_desktop.domain.models import Account, Money
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.domain.state import SessionState
from deriv_desktop.services.backend import AccountBackend, SignedIn, SignInAgain
from deriv_desktop.storage.secrets import SecretStoreError, TokenStore, session_key
from deriv_desktop.storage.settings import SessionMeta, Settings, SettingsFile

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignInOutcome:
    signed_in: SignedIn
    remembered: bool
    storage_problem: SecretStoreError | None = None
    dropped: list[str] = field(default_factory=list)


def choose_active(accounts: Sequence[Account], last: str | None) -> str | None:
    """The last one used, else the first enabled real account, else the demo."""
    usable = [a for a in accounts if a.selectable]
    if last and any(a.loginid == last for a in usable):
        return last
    # The window lists non-EU real accounts first, then EU ones: pick the first one shown.
    for account in sorted(usable, key=lambda a: a.is_eu):
        if not account.is_virtual:
            return account.loginid
    return usable[0].loginid if usable else None


class SessionService:
    def __init__(
        self,
        *,
        server: str,
        app_id: str,
        state: SessionState,
        backend_factory: Callable[[], AccountBackend],
        store: TokenStore,
        settings: Settings,
        settings_file: SettingsFile,
    ) -> None:
        self.server = server
        self.app_id = app_id
        self.state = state
        self._backend_factory = backend_factory
        self.store = store
        self.settings = settings
        self.settings_file = settings_file
        self.backend: AccountBackend | None = None
        self._credentials: list[AccountCredential] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._balance_task: asyncio.Task[None] | None = None
        self._rates_task: asyncio.Task[None] | None = None
        self._unlink: Callable[[], None] | None = None
        self.problem: Event[DerivError] = Event("session problem")
        self.signed_out: Event[str] = Event("signed out")

    def __repr__(self) -> str:
        return f"SessionService({self.server!r}, app {self.app_id}, {len(self._credentials)} tok)"

    @property
    def key(self) -> str:
        return session_key(self.server, self.app_id)

    @property
    def signed_in(self) -> bool:
        return bool(self._credentials)

    def credential(self, loginid: str) -> AccountCredential | None:
        return next((c for c in self._credentials if c.loginid == loginid), None)

    # ------------------------------------------------------------------ connection
    async def _ensure_backend(self) -> AccountBackend:
        if self.backend is None:
            backend = self._backend_factory()
            self._unlink = backend.link_changed.connect(self.state.set_link)
            await backend.open()
            self.backend = backend
        return self.backend

    def reconnect_now(self) -> None:
        """Connect again without waiting out the backoff (any API; nothing when never opened)."""
        if self.backend is not None:
            self.backend.reconnect_now()

    # ------------------------------------------------------------------ sign-in
    async def sign_in(
        self, credentials: Sequence[AccountCredential], *, via: str = "oauth"
    ) -> SignInOutcome:
        backend = await self._ensure_backend()
        signed = await backend.sign_in(credentials)
        return await self._adopt(signed, via=via)

    async def sign_in_with_tokens(
        self, tokens: Sequence[str], *, via: str = "api_token"
    ) -> SignInOutcome:
        """Pasted API tokens (or a new-API PAT / OAuth2 access token): find each one's
        account(s), then sign in with all of them."""
        unique = list(dict.fromkeys(t.strip() for t in tokens if t.strip()))
        if not unique:
            raise BadInput(Problem(ProblemKind.NO_TOKENS))
        backend = await self._ensure_backend()
        creds = await backend.identify(unique)
        signed = await backend.sign_in(creds)
        return await self._adopt(signed, via=via)

    async def restore(self) -> SignInOutcome | None:
        """Sign in again with the saved session; None when nothing (usable) is saved."""
        meta = self.settings.sessions.get(self.key)
        if meta is None:
            return None
        tokens = await self.store.load(self.key)
        if not tokens:
            return None
        creds = [AccountCredential(loginid, token) for loginid, token in tokens.items()]
        backend = await self._ensure_backend()
        signed = await backend.sign_in(creds, drop_invalid=True)
        return await self._adopt(signed, via=meta.via)

    async def _adopt(self, signed: SignedIn, *, via: str) -> SignInOutcome:
        self._credentials = list(signed.credentials)
        meta = self.settings.sessions.get(self.key)
        last = meta.last_active if meta else None
        self.state.user_label = signed.user_label
        self.state.set_currencies(signed.currencies)
        self.state.set_accounts(signed.accounts)
        self.state.set_active(choose_active(self.state.accounts, last))
        if self.state.active is not None and self.backend is not None:
            await self.backend.activate(self.state.active)
        self._start_balances()
        self._start_rates()
        remembered, problem = await self._remember(via)
        return SignInOutcome(signed, remembered, problem, list(signed.dropped))

    async def _remember(self, via: str) -> tuple[bool, SecretStoreError | None]:
        tokens = {c.loginid: c.token for c in self._credentials}
        try:
            await self.store.save(self.key, tokens)
        except SecretStoreError as e:
            log.warning("session not remembered: %s", e.reason.value)
            self.settings.sessions.pop(self.key, None)
            await self.settings_file.save(self.settings)
            return False, e
        if not self.store.remembers:
            return False, None
        self.settings.sessions[self.key] = SessionMeta(
            accounts=[{"loginid": a.loginid, "currency": a.currency} for a in self.state.accounts],
            last_active=self.state.active,
            via=via,
        )
        await self.settings_file.save(self.settings)
        return True, None

    # ------------------------------------------------------------------ balances
    def _start_balances(self) -> None:
        if self._balance_task is not None:
            self._balance_task.cancel()
        anchor = self._credentials[0].loginid
        self._balance_task = self._spawn(self._follow_balances(anchor), "balances")

    # Currencies offered for the converted total, besides the accounts' own.
    RATE_TARGETS = ("USD", "EUR", "GBP", "AUD", "BTC", "ETH")

    def _start_rates(self) -> None:
        if self._rates_task is not None:
            self._rates_task.cancel()
        anchor = self._credentials[0].loginid
        self._rates_task = self._spawn(self._follow_rates(anchor), "rates")

    async def _follow_rates(self, anchor: str, base: str = "USD") -> None:
        """Keep ``state.rates`` (units of each currency per one USD) live for converted totals."""
        backend = self.backend
        assert backend is not None
        targets = [a.currency for a in self.state.accounts if a.currency]
        targets += list(self.RATE_TARGETS)
        rates: dict[str, Decimal] = {}
        try:
            rates.update(await backend.exchange_rates(base))
            self.state.set_rates(base, rates)
            async for update in backend.rate_updates(base, targets, anchor):
                rates.update(update)
                self.state.set_rates(base, rates)
        except (ApiError, ConnectionProblem) as e:
            log.info("exchange rates unavailable: %s", type(e).__name__)

    async def _follow_balances(self, anchor: str) -> None:
        backend = self.backend
        assert backend is not None
        try:
            async for balances, totals in backend.balance_updates(anchor):
                self.state.update_balances(balances)
                if totals is not None:
                    self.state.set_totals(totals)
        except SignInAgain as e:
            log.warning("the server no longer accepts this session; signing out")
            self.problem.emit(e)
            if self.signed_in:
                # Not awaited here: forget_locally cancels this very task.
                self._spawn(self.forget_locally(), "signed-out-by-server")
        except (ApiError, ConnectionProblem) as e:
            log.warning("balance stream ended: %s", type(e).__name__)
            self.problem.emit(e)

    def _spawn(self, coro: Coroutine[Any, Any, None], name: str) -> asyncio.Task[None]:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s failed", task.get_name(), exc_info=task.exception())

    # ------------------------------------------------------------------ actions
    async def switch(self, loginid: str) -> None:
        account = self.state.account(loginid)
        if account is None or not account.selectable:
            raise ValueError(f"{loginid} cannot be selected.")
        self.state.set_active(loginid)
        if self.backend is not None:
            await self.backend.activate(loginid)
        meta = self.settings.sessions.get(self.key)
        if meta is not None:
            meta.last_active = loginid
            await self.settings_file.save(self.settings)

    async def topup(self, loginid: str) -> Money:
        backend = self._require()
        return await backend.topup(loginid)

    async def migration_status(self) -> MigrationStatus | None:
        """Which world the user's accounts live in, as far as the backend can tell."""
        return await self._require().migration_status()

    async def logout(self) -> None:
        """Revoke on the server where possible, then forget the session locally, keyring first."""
        backend = self.backend
        active = self.state.active or (self._credentials[0].loginid if self._credentials else None)
        if backend is not None and active is not None:
            try:
                await backend.logout(active)
            except (ApiError, ConnectionProblem) as e:
                log.warning(
                    "server logout failed (%s); forgetting the session anyway", type(e).__name__
                )
        await self.forget_locally()

    async def forget_locally(self) -> None:
        """End the session here: streams, the connection (so a reconnect can never authorize a
        dead token again), the keyring entry, then the metadata that pointed at it."""
        for task in (self._balance_task, self._rates_task):
            if task is not None and task is not asyncio.current_task():
                task.cancel()
        self._balance_task = self._rates_task = None
        self._credentials = []
        backend, self.backend = self.backend, None
        if self._unlink is not None:
            self._unlink()
            self._unlink = None
        if backend is not None:
            await backend.close()
        with contextlib.suppress(SecretStoreError):
            await self.store.delete(self.key)
        if self.settings.sessions.pop(self.key, None) is not None:
            await self.settings_file.save(self.settings)
        self.state.clear()
        self.signed_out.emit(self.key)

    def _require(self) -> AccountBackend:
        if self.backend is None:
            raise ConnectionProblem("Not connected.")
        return self.backend

    async def shutdown(self) -> None:
        """Stop everything: close the link first so cancelled streams need no network to end."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        backend, self.backend = self.backend, None
        if backend is not None:
            await backend.close()
        if tasks:
            # Bounded: a task that swallowed its cancellation must not hold up quitting.
            await asyncio.wait(tasks, timeout=5.0)
        if self._unlink is not None:
            self._unlink()
            self._unlink = None
