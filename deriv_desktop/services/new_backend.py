"""``AccountBackend`` over the new Deriv API: REST for the account list, one socket per account.

Sign-in takes a Personal Access Token (or an OAuth2 access token) as the credential's token and
lists the user's Options accounts over REST. Balances come from two places merged into the
``BalanceUpdate``s ``SessionService`` already consumes:

* the active account's socket, opened from a fresh OTP address, with a ``balance`` stream that
  follows ``activate`` (the old stream is forgotten, the new account's socket takes over);
* the REST account list every ``refresh_interval`` seconds (30 by default: 2 of the 60 REST
  calls a minute) for the other accounts.

Only a terminal 401 (the token was revoked or expired and could not be renewed) ends the
session, as ``SignInAgain``; 5xx, 429 and timeouts are logged and retried at the next tick. Any
other refusal for the active account (403, 404) stops its live stream until the user switches;
the REST refresh goes on.
The new API has no calls for API tokens or connected apps: those methods raise
``TokensUnsupported``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from decimal import Decimal

from deriv_desktop.api.legacy.client import DerivClient
from deriv_desktop.api.newapi import calls, parse
from deriv_desktop.api.newapi.parse import OptionsAccount
from deriv_desktop.api.newapi.rest import RestClient
from deriv_desktop.api.newapi.sockets import AccountSockets
from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import (
    ApiError,
    ClientClosed,
    ConnectionProblem,
    DerivError,
    InvalidAppID,
    InvalidToken,
    TopupRefused,
)
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.migration import MigrationStatus
from deriv_desktop.domain.models import ApiToken, ConnectedApp, Money, Scope
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.services.backend import BalanceUpdate, SignedIn, SignInAgain
from deriv_desktop.services.legacy_backend import SignInRefused
from deriv_desktop.services.tokens import TokensUnsupported

log = logging.getLogger(__name__)

REFRESH_INTERVAL = 30.0
RETRY_PAUSE = 2.0  # before opening a stream again after a transient refusal

_NO_TOKENS = "the new API has no calls for API tokens or connected apps"

_Item = BalanceUpdate | BaseException


class NewApiBackend:
    supports_tokens = False

    def __init__(
        self,
        rest: RestClient,
        *,
        sockets: AccountSockets | None = None,
        refresh_interval: float = REFRESH_INTERVAL,
        retry_pause: float = RETRY_PAUSE,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if refresh_interval <= 0:
            raise ValueError("refresh_interval must be positive")  # the REST budget caps polls
        self.rest = rest
        self.sockets = sockets or AccountSockets(rest)
        self.refresh_interval = refresh_interval
        self.retry_pause = retry_pause
        self._clock = clock
        self.link = LinkState(LinkPhase.OFFLINE)
        self.link_changed: Event[LinkState] = Event("link state")
        self.signed_out_by_server: Event[ApiError] = Event("signed out by server")
        self.accounts_refused: Event[tuple[list[str], ApiError]] = Event("accounts refused")
        self._accounts: dict[str, OptionsAccount] = {}
        self._active: str | None = None
        self._streaming: str | None = None  # account whose live stream is running
        self._moved = asyncio.Event()
        self._retry = asyncio.Event()  # "Retry now": end a retry pause early
        self._feeds: set[asyncio.Queue[_Item]] = set()
        self._unlink: Callable[[], None] | None = None
        self._linked: DerivClient | None = None
        self._signed_out = False  # after logout nothing may poll or stream any more
        self._told_signed_out = False  # signed_out_by_server is emitted once per sign-in

    def __repr__(self) -> str:
        return f"NewApiBackend({self.rest!r}, {self.sockets!r})"

    def _signed_out_by(self, error: ApiError) -> SignInAgain:
        """The error that ends the session after Deriv refused its credential; the first time,
        ``signed_out_by_server`` tells the session too (the balance feed still raises it)."""
        again = _sign_in_again(error)
        if not self._told_signed_out:
            self._told_signed_out = True
            self.signed_out_by_server.emit(again)
        return again

    # ------------------------------------------------------------------ lifecycle
    async def open(self) -> None:
        """Nothing to connect yet: sockets need an account, which sign-in provides."""
        self._set_link(LinkState(LinkPhase.CONNECTING))

    async def close(self) -> None:
        self._signed_out = True
        await self._close_sockets()
        self._set_link(LinkState(LinkPhase.OFFLINE, reason="closed"))

    def reconnect_now(self) -> None:
        """Every open account socket skips its backoff, and a balance stream waiting to be
        opened again tries at once."""
        for account_id in self.sockets.open_ids():
            client = self.sockets.get(account_id)
            if client is not None:
                client.reconnect_now()
        self._retry.set()

    # ------------------------------------------------------------------ sign-in
    async def identify(self, tokens: Sequence[str]) -> list[AccountCredential]:
        """A pasted token's accounts: the token opens every listed account of its user."""
        unique = list(dict.fromkeys(tokens))
        if len(unique) != 1:
            raise SignInRefused(
                f"{len(unique)} tokens for one session", problem=Problem(ProblemKind.ONE_PAT_ONLY)
            )
        listed = await self._list_with(unique[0])
        return [AccountCredential(a.account_id, unique[0], a.currency) for a in listed]

    async def sign_in(
        self, credentials: Sequence[AccountCredential], *, drop_invalid: bool = False
    ) -> SignedIn:
        """List the accounts with the (single) token; every listed account is reachable.

        Saved account ids that Deriv no longer lists are reported in ``dropped``.
        """
        tokens = {c.token for c in credentials}
        if len(tokens) != 1:
            raise SignInRefused(
                f"{len(tokens)} tokens for one session",
                problem=Problem(ProblemKind.ONE_TOKEN_SESSION),
            )
        token = tokens.pop()
        listed = await self._list_with(token)
        listed_ids = {a.account_id for a in listed}
        dropped = [c.loginid for c in credentials if c.loginid not in listed_ids]
        creds = [AccountCredential(a.account_id, token, a.currency) for a in listed]
        return SignedIn(
            accounts=[parse.domain_account(a) for a in listed],
            credentials=creds,
            currencies=parse.currencies(listed),
            user_label="",
            scopes={},
            dropped=dropped,
        )

    async def _list_with(self, token: str) -> list[OptionsAccount]:
        self._signed_out = False
        self._told_signed_out = False
        self.rest.set_token(token)
        try:
            listed = parse.ordered(await self.rest.accounts())
        except ConnectionProblem as e:
            self._set_link(LinkState(LinkPhase.OFFLINE, reason=str(e)))
            raise
        if not listed:
            raise SignInRefused(
                "no Options accounts listed", problem=Problem(ProblemKind.NO_OPTIONS_ACCOUNTS)
            )
        self._remember(listed)
        if self._linked is None:
            self._set_link(LinkState(LinkPhase.ONLINE))
        return listed

    def _remember(self, listed: Sequence[OptionsAccount]) -> None:
        """The latest list replaces the old one (closed accounts drop out of the totals)."""
        fresh: dict[str, OptionsAccount] = {}
        for account in listed:
            live = self._accounts.get(account.account_id)
            if live is not None and account.account_id == self._streaming:
                account = dataclasses.replace(account, balance=live.balance)  # stream is newer
            fresh[account.account_id] = account
        self._accounts = fresh

    # ------------------------------------------------------------------ balances
    async def activate(self, loginid: str) -> None:
        """Move the live balance stream to ``loginid`` (returns at once; the move runs in the
        balance feed)."""
        if loginid != self._active:
            self._active = loginid
            self._moved.set()

    async def balance_updates(self, loginid: str) -> AsyncIterator[BalanceUpdate]:
        """The last REST snapshot first, then live updates of the active account and REST
        refreshes of all accounts, until cancelled or a terminal error. The sockets exist for
        this stream only, so they are closed when it ends."""
        if self._active is None:
            self._active = loginid
        feed: asyncio.Queue[_Item] = asyncio.Queue()
        self._feeds.add(feed)
        tasks = [
            asyncio.create_task(self._stream_active(feed), name="options-balance-stream"),
            asyncio.create_task(self._poll(feed), name="options-balance-poll"),
        ]
        try:
            if self._accounts:
                yield self._snapshot(list(self._accounts.values()))
            while True:
                item = await feed.get()
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            self._feeds.discard(feed)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if not self._feeds:
                await self._close_sockets()

    async def _close_sockets(self) -> None:
        if self._unlink is not None:
            self._unlink()
            self._unlink = None
        self._linked = None
        await self.sockets.close_all()

    def _snapshot(self, accounts: Sequence[OptionsAccount]) -> BalanceUpdate:
        now = self._clock()
        balances = [parse.rest_balance(a, now) for a in accounts]
        return balances, parse.totals(list(self._accounts.values()))

    def _publish(self, update: BalanceUpdate) -> None:
        for feed in self._feeds:
            feed.put_nowait(update)

    async def _poll(self, feed: asyncio.Queue[_Item]) -> None:
        """Refresh every account from the REST list (the active one only while its stream is
        down: the stream is fresher)."""
        while True:
            await asyncio.sleep(self.refresh_interval)  # pacing within the REST budget
            if self._signed_out:
                return
            try:
                listed = await self.rest.accounts()
            except (InvalidToken, InvalidAppID) as e:
                feed.put_nowait(self._signed_out_by(e))
                return
            except (ApiError, ConnectionProblem) as e:
                log.info(
                    "account refresh failed (%s); next try in %.0f s",
                    getattr(e, "server_code", type(e).__name__),
                    self.refresh_interval,
                )
                continue
            self._remember(listed)
            now = self._clock()
            fresh = [parse.rest_balance(a, now) for a in listed if a.account_id != self._streaming]
            feed.put_nowait((fresh, parse.totals(list(self._accounts.values()))))

    async def _stream_active(self, feed: asyncio.Queue[_Item]) -> None:
        """Keep one ``balance`` stream on the active account's socket, moving it on switch."""
        while True:
            account_id = self._active
            assert account_id is not None
            self._moved.clear()
            if self._signed_out:
                return
            try:
                ended_by = await self._follow(account_id, feed)
            except ClientClosed:  # logout or shutdown closed the sockets under us
                return
            except (InvalidToken, InvalidAppID) as e:
                feed.put_nowait(self._signed_out_by(e))
                return
            except ApiError as e:
                if not e.transient:
                    # E.g. the account was closed (404) or the token lost a scope (403): this
                    # account cannot stream, the others still refresh over REST. Try again only
                    # when the user comes back to it.
                    log.warning("no live balance for the active account (%s)", e.server_code)
                    await self.sockets.close(account_id)
                    await self._moved.wait()
                    continue
                log.info("balance stream refused (%s); trying again", e.server_code)
                await self._wait_moved(self.retry_pause)
            except ConnectionProblem as e:
                log.info("balance stream not started (%s); trying again", type(e).__name__)
                await self._wait_moved(self.retry_pause)
            else:
                if ended_by is None:  # the server ended the stream cleanly: open it again
                    await self._wait_moved(self.retry_pause)

    async def _follow(self, account_id: str, feed: asyncio.Queue[_Item]) -> str | None:
        """Stream ``account_id`` until the user switches (returns "moved") or it ends."""
        client = await self.sockets.client(account_id)
        self._link_to(client)
        sub = await client.subscribe(calls.balance())
        self._streaming = account_id
        try:
            assert sub.first is not None
            self._apply(account_id, sub.first.get("balance"), feed)
            moved = asyncio.create_task(self._moved.wait(), name="options-balance-moved")
            try:
                async for msg in _until(sub, moved):
                    self._apply(account_id, msg.get("balance"), feed)
            finally:
                moved.cancel()
            return "moved" if self._moved.is_set() else None
        finally:
            self._streaming = None
            if not sub.ended:
                with contextlib.suppress(DerivError):
                    await sub.forget()

    def _apply(self, account_id: str, payload: object, feed: asyncio.Queue[_Item]) -> None:
        balance = parse.socket_balance(payload, account_id, self._clock())
        known = self._accounts.get(account_id)
        if known is not None:
            self._accounts[account_id] = dataclasses.replace(
                known, balance=balance.amount, currency=balance.currency or known.currency
            )
        feed.put_nowait(([balance], parse.totals(list(self._accounts.values()))))

    async def _wait_moved(self, timeout: float) -> None:
        """Pause before trying again, until the user switches accounts or presses Retry."""
        self._retry.clear()
        retry = asyncio.ensure_future(self._retry.wait())
        moved = asyncio.ensure_future(self._moved.wait())
        try:
            await asyncio.wait((retry, moved), timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            retry.cancel()
            moved.cancel()

    # ------------------------------------------------------------------ link state
    def _link_to(self, client: DerivClient) -> None:
        if client is self._linked:
            return
        if self._unlink is not None:
            self._unlink()
        self._linked = client
        self._unlink = client.state_changed.connect(self._set_link)
        self._set_link(client.state)

    def _set_link(self, state: LinkState) -> None:
        if state != self.link:
            self.link = state
            self.link_changed.emit(state)

    # ------------------------------------------------------------------ rates
    async def exchange_rates(self, base: str) -> Mapping[str, Decimal]:
        """The new API has no exchange-rate call; every Options account is in USD."""
        return {base: Decimal(1)}

    async def rate_updates(
        self, base: str, targets: Sequence[str], loginid: str
    ) -> AsyncIterator[Mapping[str, Decimal]]:
        """No live rates on the new API: the stream ends at once."""
        return
        yield  # pragma: no cover - makes this an async generator

    # ------------------------------------------------------------------ actions
    async def topup(self, loginid: str) -> Money:
        """Reset a demo account to its starting balance (Deriv: 10,000 USD).

        Returns what was added, as the legacy top-up does: the new balance minus the one known
        before (the whole new balance when none was known; negative when it was higher).
        """
        known = self._accounts.get(loginid)
        if known is not None and not known.is_demo:
            raise TopupRefused("Only a demo account's balance can be reset.")
        fresh = await self.rest.reset_demo_balance(loginid)
        before = known.balance if known is not None else Decimal(0)
        if known is not None:
            self._accounts[loginid] = dataclasses.replace(
                known, balance=fresh.balance, currency=fresh.currency or known.currency
            )
        totals = parse.totals(list(self._accounts.values()))
        self._publish(([parse.rest_balance(fresh, self._clock())], totals))
        return Money(fresh.balance - before, fresh.currency)

    async def migration_status(self) -> MigrationStatus:
        """Where the user's move off the legacy platform stands."""
        return await self.rest.migration_status()

    async def logout(self, loginid: str) -> None:
        """Forget the token and close the sockets. A PAT stays valid until the user revokes it
        on Deriv's dashboard (the API has no revocation call)."""
        self._signed_out = True
        await self._close_sockets()
        self.rest.set_token(None)

    # ------------------------------------------------------------------ not on this API
    async def list_tokens(self, loginid: str) -> list[ApiToken]:
        raise TokensUnsupported(_NO_TOKENS)

    async def create_token(
        self, loginid: str, name: str, scopes: frozenset[Scope], ip_only: bool
    ) -> list[ApiToken]:
        raise TokensUnsupported(_NO_TOKENS)

    async def delete_token(self, loginid: str, token: str) -> list[ApiToken]:
        raise TokensUnsupported(_NO_TOKENS)

    async def connected_apps(self, loginid: str) -> list[ConnectedApp]:
        raise TokensUnsupported(_NO_TOKENS)

    async def revoke_app(self, loginid: str, app_id: int) -> None:
        raise TokensUnsupported(_NO_TOKENS)


def _sign_in_again(error: ApiError) -> SignInAgain:
    kind = (
        ProblemKind.INVALID_APP_ID if isinstance(error, InvalidAppID) else ProblemKind.SESSION_ENDED
    )
    return SignInAgain(
        f"the session's credential was refused ({error.server_code})",
        code=error.server_code,
        msg_type=error.msg_type,
        problem=Problem(kind, code=error.server_code),
    )


async def _until(
    sub: AsyncIterator[dict[str, object]], stop: asyncio.Task[bool]
) -> AsyncIterator[dict[str, object]]:
    """Messages of ``sub`` until ``stop`` finishes (whichever comes first, without losing one)."""
    iterator = aiter(sub)
    while True:
        nxt = asyncio.ensure_future(anext(iterator))
        try:
            done, _ = await asyncio.wait({nxt, stop}, return_when=asyncio.FIRST_COMPLETED)
        except BaseException:
            _discard(nxt)
            raise
        if nxt not in done:
            _discard(nxt)
            return
        try:
            item = nxt.result()
        except StopAsyncIteration:
            return
        yield item


def _discard(future: asyncio.Future[dict[str, object]]) -> None:
    """Drop a pending read without leaving an unretrieved exception behind."""
    if future.done():
        if not future.cancelled():
            future.exception()
        return
    future.cancel()
    future.add_done_callback(lambda f: f.cancelled() or f.exception())
