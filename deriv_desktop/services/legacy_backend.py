"""``AccountBackend`` over Deriv's legacy WebSocket API v3.

The client restores the session after every reconnect; this backend turns what it learns into
the session's words: a refused main token is ``signed_out_by_server``, refused extra tokens are
``accounts_refused`` (by login id, from the credentials of the sign-in).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from deriv_desktop.api.legacy import DerivClient, calls, parse
from deriv_desktop.api.legacy.subscription import Message, Subscription
from deriv_desktop.api.secret import SecretTokens
from deriv_desktop.domain.connection import LinkState
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import ApiError, DerivError, InvalidToken, MalformedResponse
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.migration import MigrationStatus
from deriv_desktop.domain.models import (
    Account,
    ApiToken,
    ConnectedApp,
    CurrencyInfo,
    Money,
    Scope,
)
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.services.backend import BalanceUpdate, SignedIn

log = logging.getLogger(__name__)


class SignInRefused(ApiError):
    """The tokens do not make a consistent session (for example two different users)."""

    code = "SignInRefused"


class LegacyBackend:
    supports_tokens = True

    def __init__(self, client: DerivClient) -> None:
        self.client = client
        self.link_changed: Event[LinkState] = client.state_changed
        self.signed_out_by_server: Event[ApiError] = Event("signed out by server")
        self.accounts_refused: Event[tuple[list[str], ApiError]] = Event("accounts refused")
        self._currencies: dict[str, CurrencyInfo] = {}
        self._creds: list[AccountCredential] = []  # the signed-in accounts' credentials
        client.authorization_lost.connect(self._authorization_lost)
        client.tokens_refused.connect(self._tokens_refused)

    def __repr__(self) -> str:
        return f"LegacyBackend({self.client!r})"

    def _authorization_lost(self, error: ApiError) -> None:
        if not self._creds:
            return  # not signed in (yet): the sign-in itself reports its refusal
        log.warning("Deriv no longer accepts the session's main token (%s)", error.server_code)
        self._creds = []
        self.signed_out_by_server.emit(error)

    def _tokens_refused(self, refused: tuple[SecretTokens, ApiError]) -> None:
        tokens, error = refused
        dead = set(tokens.values)
        loginids = [c.loginid for c in self._creds if c.token in dead]
        self._creds = [c for c in self._creds if c.token not in dead]
        if loginids:
            log.warning("Deriv refused %d account token(s) (%s)", len(loginids), error.server_code)
            self.accounts_refused.emit((loginids, error))

    async def open(self) -> None:
        await self.client.start(fail_fast=False)

    async def close(self) -> None:
        await self.client.close()

    def reconnect_now(self) -> None:
        self.client.reconnect_now()

    # ------------------------------------------------------------------ sign-in
    async def identify(self, tokens: Sequence[str]) -> list[AccountCredential]:
        """Learn which account each pasted API token belongs to (one ``authorize`` each)."""
        out: list[AccountCredential] = []
        user_ids: set[Any] = set()
        for number, token in enumerate(tokens, start=1):
            try:
                reply = await self.client.call(calls.authorize([token]), expect=dict)
            except InvalidToken as exc:
                if len(tokens) < 2:
                    raise
                # Say which of several pasted tokens Deriv refused (by position, never quoted).
                which = replace(exc.problem, number=number, count=len(tokens))
                raise InvalidToken(
                    exc.message, code=exc.server_code, msg_type=exc.msg_type, problem=which
                ) from None
            if not isinstance(reply.get("loginid"), str):
                raise MalformedResponse("The server's authorization named no account.")
            user_ids.add(reply.get("user_id"))
            out.append(AccountCredential(str(reply["loginid"]), token, reply.get("currency")))
        if len(user_ids) > 1:
            raise SignInRefused(
                "the tokens belong to different users", problem=Problem(ProblemKind.MIXED_USERS)
            )
        return out

    async def sign_in(
        self, credentials: Sequence[AccountCredential], *, drop_invalid: bool = False
    ) -> SignedIn:
        """Authorize every token on one socket and check the accounts against ``account_list``.

        With ``drop_invalid`` (restoring a saved session), a token the server refuses costs only
        its own account: the others are authorized again without it and it is reported.
        """
        creds = list(credentials)
        dropped: list[str] = []
        status_task = asyncio.create_task(self.client.call(calls.website_status(), expect=dict))
        try:
            while True:
                try:
                    reply = await self.client.authorize([c.token for c in creds])
                    break
                except InvalidToken:
                    if not drop_invalid or len(creds) == 0:
                        raise
                    bad = await self._find_invalid(creds)
                    if not bad:
                        raise
                    dropped += [c.loginid for c in bad]
                    creds = [c for c in creds if c not in bad]
                    if not creds:
                        raise
            status = await status_task
        finally:
            if not status_task.done():
                status_task.cancel()
        self.client.learn_limits(status)
        self._currencies = parse.currencies_from_status(status)
        listed = parse.accounts_from_list(reply.get("account_list"))
        listed_ids = {a.loginid for a in listed}
        missing = [c.loginid for c in creds if c.loginid not in listed_ids]
        if missing:
            self.client.forget_tokens()
            raise SignInRefused(
                f"account_list lacks {len(missing)} signed-in accounts",
                problem=Problem(ProblemKind.ACCOUNTS_NOT_LISTED, accounts=tuple(missing)),
            )
        with_token = {c.loginid for c in creds}
        accounts = [_with_token(a, a.loginid in with_token) for a in listed]
        scopes = {str(reply.get("loginid")): Scope.parse_many(reply.get("scopes"))}
        label = str(reply.get("fullname") or reply.get("email") or "")
        self._creds = creds
        return SignedIn(accounts, creds, dict(self._currencies), label, scopes, dropped)

    async def _find_invalid(self, creds: Sequence[AccountCredential]) -> list[AccountCredential]:
        bad: list[AccountCredential] = []
        for cred in creds:
            try:
                await self.client.call(calls.authorize([cred.token]))
            except InvalidToken:
                bad.append(cred)
        return bad

    # ------------------------------------------------------------------ balances
    async def balance_updates(self, loginid: str) -> AsyncIterator[BalanceUpdate]:
        """Every account's balance from one ``balance`` stream with ``account: all``."""
        sub = await self.client.subscribe(calls.balance("all", loginid=loginid))
        try:
            assert sub.first is not None
            yield parse.balances_from_message(sub.first["balance"])
            async for msg in sub:
                yield parse.balances_from_message(msg["balance"])
        finally:
            if not sub.ended:
                with contextlib.suppress(DerivError):
                    await sub.forget()

    async def activate(self, loginid: str) -> None:
        """Nothing to do: the one ``account: all`` stream already covers every account."""

    async def exchange_rates(self, base: str) -> Mapping[str, Decimal]:
        reply = await self.client.call(calls.exchange_rates(base), expect=dict)
        _, rates = parse.rates_from_reply(reply)
        return rates

    async def rate_updates(
        self, base: str, targets: Sequence[str], loginid: str
    ) -> AsyncIterator[Mapping[str, Decimal]]:
        """Live rates from ``base``: v3 streams one target per subscription, so merge them."""
        queue: asyncio.Queue[Mapping[str, Decimal] | BaseException] = asyncio.Queue()
        subs: list[Subscription] = []

        def sink(item: Message | BaseException | None) -> None:
            if isinstance(item, dict):
                queue.put_nowait(parse.rates_from_reply(item["exchange_rates"])[1])
            elif isinstance(item, BaseException):
                queue.put_nowait(item)

        try:
            for target in dict.fromkeys(t for t in targets if t and t != base):
                try:
                    sub = await self.client.subscribe(
                        calls.exchange_rates(base, target, loginid=loginid)
                    )
                except ApiError as e:  # a currency without rates must not stop the others
                    if e.transient:
                        raise  # a passing refusal: the stream's owner opens it again
                    log.info("no live rate for a currency: %s", e.server_code)
                    continue
                subs.append(sub)
                assert sub.first is not None
                queue.put_nowait(parse.rates_from_reply(sub.first["exchange_rates"])[1])
                sub.pipe_to(sink)
            while True:
                item = await queue.get()
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            for sub in subs:
                if not sub.ended:
                    with contextlib.suppress(DerivError):
                        await sub.forget()

    async def topup(self, loginid: str) -> Money:
        reply = await self.client.call(calls.topup_virtual(loginid), expect=dict)
        return Money(Decimal(str(reply.get("amount", 0))), str(reply.get("currency") or ""))

    # ------------------------------------------------------------------ tokens and apps
    async def list_tokens(self, loginid: str) -> list[ApiToken]:
        reply = await self.client.call(calls.api_token_list(loginid), expect=dict)
        return parse.tokens_from_reply(reply)

    async def create_token(
        self, loginid: str, name: str, scopes: frozenset[Scope], ip_only: bool
    ) -> list[ApiToken]:
        msg = calls.api_token_create(
            name, [s.value for s in scopes], valid_for_current_ip_only=ip_only, loginid=loginid
        )
        return parse.tokens_from_reply(await self.client.call(msg, expect=dict))

    async def delete_token(self, loginid: str, token: str) -> list[ApiToken]:
        return parse.tokens_from_reply(
            await self.client.call(calls.api_token_delete(token, loginid), expect=dict)
        )

    async def connected_apps(self, loginid: str) -> list[ConnectedApp]:
        return parse.apps_from_reply(await self.client.call(calls.oauth_apps(loginid), expect=list))

    async def revoke_app(self, loginid: str, app_id: int) -> None:
        await self.client.call(calls.revoke_oauth_app(app_id, loginid))

    async def migration_status(self) -> MigrationStatus | None:
        return None  # only the new API's REST surface can tell

    async def logout(self, loginid: str) -> None:
        try:
            await self.client.call(calls.logout(loginid), timeout=10.0)
        finally:
            self._creds = []
            self.client.forget_tokens()


def _with_token(account: Account, has_token: bool) -> Account:
    if account.has_token == has_token:
        return account
    from dataclasses import replace

    return replace(account, has_token=has_token)
