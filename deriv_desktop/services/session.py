"""Sign-in, restore, switch, top-up and log-out: the session's whole life, without Qt.

Ordering rules that keep a session whole: tokens are saved to the keyring before the metadata
that points at them, and removed from the keyring before that metadata; a failure to remember
(no keyring, locked, plaintext only) never fails the sign-in itself, it is reported so the UI
can say the session will not be remembered.

Switching tells the backend (``activate``) so a backend with one socket per account can move its
live balance stream; a backend that reports ``SignInAgain`` from that stream (its credential died
mid-session, e.g. a REST 401 on the new API) ends the session here, as if the user signed out.

Every background stream (balances, rates) runs under a ``StreamSupervisor`` that reopens it after
any error or end, so the state's health always says whether the figures are live. When Deriv
stops accepting the session (the backend's ``signed_out_by_server``, or ``SignInAgain`` from a
stream) the session is forgotten here and the state says "signed out by Deriv" with the reason;
when Deriv refuses only some accounts' tokens (``accounts_refused``) those accounts lose their
access and their tokens leave the stored session.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.domain.connection import LinkState
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import ApiError, BadInput, ConnectionProblem, DerivError
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.health import StreamRole
from deriv_desktop.domain.migration import MigrationStatus
from deriv_desktop.domain.models import Account, Money
from deriv_desktop.domain.problems import Problem, ProblemKind, problem_of
from deriv_desktop.domain.state import SessionState
from deriv_desktop.services.backend import AccountBackend, BalanceUpdate, SignedIn, SignInAgain
from deriv_desktop.services.streams import StreamSpec, StreamSupervisor
from deriv_desktop.storage.secrets import SecretStoreError, TokenStore, session_key
from deriv_desktop.storage.settings import SessionMeta, Settings, SettingsFile, not_saved

log = logging.getLogger(__name__)
task_log = logging.getLogger("deriv_desktop.tasks")  # the test suite fails on its errors


@dataclass(frozen=True)
class SignInOutcome:
    signed_in: SignedIn
    remembered: bool
    #: Why the session is not remembered: a keyring or settings-file problem.
    storage_problem: DerivError | None = None
    dropped: list[str] = field(default_factory=list)


def choose_active(accounts: Sequence[Account], last: str | None) -> str | None:
    """The last one used, else the first enabled real account that holds a currency, else the
    demo; an account with no currency yet (nothing can be traded or shown on it) comes last."""
    usable = [a for a in accounts if a.selectable]
    if last and any(a.loginid == last for a in usable):
        return last
    # The window lists non-EU real accounts first, then EU ones: pick the first one shown.
    ranked = sorted(usable, key=lambda a: (not a.currency, a.is_virtual, a.is_eu))
    return ranked[0].loginid if ranked else None


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
        stream_backoff: Backoff | None = None,
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
        self._unlink: list[Callable[[], None]] = []
        self._ending = False  # a sign-out by Deriv is being carried out
        self.streams = StreamSupervisor(
            report=state.set_stream,
            forget=state.drop_stream,
            backoff=stream_backoff,
            fatal=(SignInAgain,),
            on_fatal=self._server_signed_out,
            on_error=self._stream_failed,
        )
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
            self._unlink = [
                backend.link_changed.connect(self.state.set_link),
                backend.link_changed.connect(self._link_changed),
                backend.signed_out_by_server.connect(self._server_signed_out),
                backend.accounts_refused.connect(self._accounts_refused),
            ]
            await backend.open()
            self.backend = backend
        return self.backend

    def _unlink_backend(self) -> None:
        for unlink in self._unlink:
            unlink()
        self._unlink = []

    def _link_changed(self, link: LinkState) -> None:
        if link.online:  # streams waiting out a backoff need not wait for a link that is back
            self.streams.retry_now()

    def reconnect_now(self) -> None:
        """Connect again without waiting out the backoff (any API; nothing when never opened);
        streams waiting to be opened again try at once too."""
        if self.backend is not None:
            self.backend.reconnect_now()
        self.streams.retry_now()

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
        self._ending = False
        self.state.set_signed_out(None)
        self.state.set_refused(())
        meta = self.settings.sessions.get(self.key)
        last = meta.last_active if meta else None
        self.state.user_label = signed.user_label
        self.state.set_currencies(signed.currencies)
        self.state.set_accounts(signed.accounts)
        self.state.set_active(choose_active(self.state.accounts, last))
        if self.state.active is not None and self.backend is not None:
            await self.backend.activate(self.state.active)
        self._start_streams()
        remembered, problem = await self._remember(via)
        return SignInOutcome(signed, remembered, problem, list(signed.dropped))

    async def _remember(self, via: str) -> tuple[bool, DerivError | None]:
        """Keyring first, then the metadata that points at it. When the metadata cannot be
        written (read-only folder, full disk) the keyring entry is removed again: a token
        nothing points at would stay in the keyring for good."""
        tokens = {c.loginid: c.token for c in self._credentials}
        try:
            await self.store.save(self.key, tokens)
        except SecretStoreError as e:
            log.warning("session not remembered: %s", e.reason.value)
            self.settings.sessions.pop(self.key, None)
            await self._save_settings()
            return False, e
        if not self.store.remembers:
            return False, None
        self.settings.sessions[self.key] = SessionMeta(
            accounts=[{"loginid": a.loginid, "currency": a.currency} for a in self.state.accounts],
            last_active=self.state.active,
            via=via,
        )
        problem = await self._save_settings()
        if problem is None:
            return True, None
        self.settings.sessions.pop(self.key, None)
        with contextlib.suppress(SecretStoreError):
            await self.store.delete(self.key)
        return False, problem

    async def _save_settings(self) -> DerivError | None:
        """Write the settings; a file that cannot be written costs nothing but this save."""
        try:
            await self.settings_file.save(self.settings)
        except OSError as exc:
            log.warning("settings not saved (%s)", type(exc).__name__)
            return not_saved(exc)
        return None

    # ------------------------------------------------------------------ streams
    # Currencies offered for the converted total, besides the accounts' own.
    RATE_TARGETS = ("USD", "EUR", "GBP", "AUD", "BTC", "ETH")
    RATES_BASE = "USD"

    def _start_streams(self) -> None:
        anchor = self._credentials[0].loginid
        self.streams.start(
            StreamSpec(
                "balances",
                StreamRole.BALANCES,
                lambda: self._require().balance_updates(anchor),
                self._apply_balances,
            )
        )
        self.streams.start(
            StreamSpec(
                "rates", StreamRole.RATES, lambda: self._rate_feed(anchor), self._apply_rates
            )
        )

    def _apply_balances(self, update: BalanceUpdate) -> None:
        balances, totals = update
        self.state.update_balances(balances)
        if totals is not None:
            self.state.set_totals(totals)

    def _apply_rates(self, rates: Mapping[str, Decimal]) -> None:
        self.state.set_rates(self.RATES_BASE, rates)

    async def _rate_feed(self, anchor: str) -> AsyncIterator[Mapping[str, Decimal]]:
        """``state.rates`` (units of each currency per one USD) for converted totals: the
        current rates with the first live update of the currencies Deriv quotes, then each
        later update.

        The current rates are shown at once, but nothing is yielded before the live updates
        are flowing: the supervisor counts the stream live from its first item, and the status
        must not say online while the rate streams are still being opened."""
        backend = self._require()
        base = self.RATES_BASE
        rates: dict[str, Decimal] = dict(await backend.exchange_rates(base))
        self._apply_rates(rates)
        wanted = [a.currency for a in self.state.accounts if a.currency]
        wanted += list(self.RATE_TARGETS)
        targets = [t for t in dict.fromkeys(wanted) if t != base and t in rates]
        if not targets:  # nothing Deriv would move (the new API quotes none): stay current
            yield dict(rates)
            await asyncio.get_running_loop().create_future()
        async for update in backend.rate_updates(base, targets, anchor):
            rates.update(update)
            yield dict(rates)

    def _spawn(self, coro: Coroutine[Any, Any, None], name: str) -> asyncio.Task[None]:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            task_log.error("background task %s failed", task.get_name(), exc_info=task.exception())

    def _stream_failed(self, error: DerivError) -> None:
        """A live stream ended with an error: pass on what is news to the user (e.g. its token
        was deleted); passing faults show in the health alone."""
        if isinstance(error, ApiError) and not error.transient:
            self.problem.emit(error)

    # ------------------------------------------------------------------ Deriv ends access
    def _server_signed_out(self, error: BaseException) -> None:
        """Deriv stopped accepting the session's main credential: sign out here, saying why."""
        if not self.signed_in or self._ending:
            return
        self._ending = True
        cause = problem_of(error)
        log.warning("Deriv no longer accepts this session (%s); signing out", cause.kind.value)
        reason = Problem(ProblemKind.SIGNED_OUT_BY_DERIV, cause=cause)
        self.state.set_signed_out(reason)
        if isinstance(error, DerivError):
            self.problem.emit(error)
        # Not awaited: this may run inside a stream that forget_locally cancels.
        self._spawn(self.forget_locally(reason), "signed-out-by-server")

    def _accounts_refused(self, refusal: tuple[list[str], ApiError]) -> None:
        """Deriv refused some accounts' own tokens: they lose their access, the rest go on."""
        loginids, error = refusal
        refused = {x for x in loginids if self.credential(x) is not None}
        if not refused or self._ending:
            return
        log.warning("Deriv refused %d account token(s): %s", len(refused), error.server_code)
        self._credentials = [c for c in self._credentials if c.loginid not in refused]
        if not self._credentials:
            self._server_signed_out(error)
            return
        state = self.state
        state.set_refused(state.refused | refused)
        state.set_accounts(
            replace(a, has_token=False) if a.loginid in refused else a for a in state.accounts
        )
        if state.active is None or state.active in refused:
            state.set_active(choose_active(state.accounts, None))
        self.problem.emit(
            DerivError(
                "accounts refused",
                problem=Problem(ProblemKind.ACCOUNTS_REFUSED, accounts=tuple(sorted(refused))),
            )
        )
        self._spawn(self._keep_remembered(), "forget-refused-tokens")

    async def _keep_remembered(self) -> None:
        """Store the session again without the refused tokens (when it was remembered)."""
        if self.backend is not None and self.state.active is not None:
            with contextlib.suppress(ApiError, ConnectionProblem):
                await self.backend.activate(self.state.active)
        meta = self.settings.sessions.get(self.key)
        if meta is not None:
            await self._remember(meta.via)

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
            await self._save_settings()

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

    async def forget_locally(self, reason: Problem | None = None) -> None:
        """End the session here: streams, the connection (so a reconnect can never authorize a
        dead token again), the keyring entry, then the metadata that pointed at it.

        ``reason``: Deriv ended the session (the state then says so, with this reason)."""
        if reason is not None:
            self.state.set_signed_out(reason)
        self.streams.stop_soon()
        self._credentials = []
        backend, self.backend = self.backend, None
        self._unlink_backend()
        if backend is not None:
            await backend.close()
        with contextlib.suppress(SecretStoreError):
            await self.store.delete(self.key)
        if self.settings.sessions.pop(self.key, None) is not None:
            await self._save_settings()
        self.state.clear()
        self.signed_out.emit(self.key)

    async def forget_orphan(self) -> None:
        """Remove this server's keyring entry when no saved session points at it (after the
        settings were repaired, say): a token nothing would use must not stay behind."""
        if self.key not in self.settings.sessions and not self.signed_in:
            with contextlib.suppress(SecretStoreError):
                await self.store.delete(self.key)

    def _require(self) -> AccountBackend:
        if self.backend is None:
            raise ConnectionProblem("Not connected.")
        return self.backend

    async def shutdown(self) -> None:
        """Stop everything: close the link first so cancelled streams need no network to end."""
        tasks = list(self._tasks) + self.streams.stop_soon()
        for task in tasks:
            task.cancel()
        backend, self.backend = self.backend, None
        if backend is not None:
            await backend.close()
        if tasks:
            # Bounded: a task that swallowed its cancellation must not hold up quitting.
            await asyncio.wait(tasks, timeout=5.0)
        self._unlink_backend()
