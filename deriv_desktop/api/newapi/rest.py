"""The REST half of the new Deriv API (``https://api.derivws.com``): the calls the app makes.

Every authenticated call sends ``Authorization: Bearer <token>`` (a Personal Access Token or an
OAuth2 access token) and ``Deriv-App-ID`` (required with a PAT, harmless otherwise), waits for
the client-side budget (60 a minute per token) and turns an error body into a typed error
(``errors.error_from_reply``). The token is held privately and never printed.

With ``renew`` (an OAuth2 refresh), a 401 makes the client ask once for a new access token and
repeat the call; without it, or when renewing fails, the 401 is raised (sign in again).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote, urlsplit

from deriv_desktop.api.newapi import parse
from deriv_desktop.api.newapi.errors import error_from_reply
from deriv_desktop.api.newapi.http import (
    DEFAULT_TIMEOUT,
    HttpClient,
    is_loopback_host,
    parse_target,
)
from deriv_desktop.api.newapi.limits import TokenBucket
from deriv_desktop.api.newapi.parse import OptionsAccount
from deriv_desktop.api.secret import SecretTokens
from deriv_desktop.domain.errors import (
    DerivError,
    InputValidationFailed,
    InvalidToken,
    WrongResponse,
)
from deriv_desktop.domain.migration import MigrationStatus

log = logging.getLogger(__name__)

DERIV_REST_URL = "https://api.derivws.com"
ACCOUNTS_PATH = "/trading/v1/options/accounts"
MIGRATION_STATUS_PATH = "/trading/v1/options/legacy/migration-status"
HEALTH_PATH = "/v1/health"


class RestClient:
    """Calls of ``/trading/v1/options/…`` and ``/v1/health`` for one app id and one token."""

    def __init__(
        self,
        *,
        app_id: str,
        token: str | None = None,
        base_url: str = DERIV_REST_URL,
        http: HttpClient | None = None,
        bucket: TokenBucket | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        renew: Callable[[], Awaitable[str]] | None = None,
    ) -> None:
        if not app_id or not app_id.isprintable() or len(app_id) > 64:
            raise ValueError("app_id must be a short printable value")
        parse_target(base_url)  # https, or http on loopback only
        self.base_url = base_url.rstrip("/")
        self.app_id = app_id
        self.http = http or HttpClient(timeout=timeout)
        self.bucket = bucket or TokenBucket()
        self.timeout = timeout
        self._token = SecretTokens([token]) if token else None
        self.requests: Counter[str] = Counter()  # endpoint label -> requests sent
        self.renew = renew
        self._renewing = asyncio.Lock()

    def __repr__(self) -> str:
        state = "token set" if self._token is not None else "no token"
        return f"RestClient({self.base_url!r}, app {self.app_id!r}, {state})"

    @property
    def has_token(self) -> bool:
        return self._token is not None

    def set_token(self, token: str | None) -> None:
        """Use another bearer token (a new sign-in or a refreshed OAuth2 token)."""
        self._token = SecretTokens([token]) if token else None

    # ------------------------------------------------------------------ calls
    async def accounts(self) -> list[OptionsAccount]:
        """Every Options account of the user (real and demo), in Deriv's order."""
        data = await self._data("GET", ACCOUNTS_PATH, "accounts")
        return parse.options_accounts(data)

    async def otp_url(self, account_id: str) -> str:
        """A fresh single-use socket address for ``account_id`` (valid 120 s)."""
        path = f"{ACCOUNTS_PATH}/{_segment(account_id)}/otp"
        data = await self._data("POST", path, "otp")
        url = data.get("url") if isinstance(data, dict) else None
        if not isinstance(url, str):
            raise WrongResponse("Deriv sent no socket address.", msg_type="otp")
        check_socket_url(url)
        return url

    async def reset_demo_balance(self, account_id: str) -> OptionsAccount:
        """Reset a demo account to its starting balance (Deriv: 10,000 USD)."""
        path = f"{ACCOUNTS_PATH}/{_segment(account_id)}/reset-demo-balance"
        data = await self._data("POST", path, "reset-demo-balance")
        if isinstance(data, dict) and "status" not in data:
            data = {**data, "status": "active"}
        return parse.options_account(data)

    async def migration_status(self) -> MigrationStatus:
        payload = await self._call("GET", MIGRATION_STATUS_PATH, "migration-status")
        return parse.migration_status(payload)

    async def health(self) -> bool:
        """True when the gateway answers ``/v1/health`` with 200 (no token needed or spent)."""
        reply = await self.http.request("GET", self.base_url + HEALTH_PATH, timeout=self.timeout)
        self.requests["health"] += 1
        return reply.status == 200

    # ------------------------------------------------------------------ plumbing
    async def _data(self, method: str, path: str, label: str) -> Any:
        payload = await self._call(method, path, label)
        if not isinstance(payload, dict) or "data" not in payload:
            raise WrongResponse("Deriv sent an answer without data.", msg_type=label)
        return payload["data"]

    async def _call(self, method: str, path: str, label: str) -> Any:
        sent_with = self._token
        try:
            return await self._send(method, path, label)
        except InvalidToken:
            if self.renew is None or sent_with is None:
                raise
            await self._renew(sent_with)
            return await self._send(method, path, label)

    async def _renew(self, refused: SecretTokens) -> None:
        """Get a new token once for everyone who saw ``refused`` fail."""
        assert self.renew is not None
        async with self._renewing:
            if self._token is not refused:  # another caller already renewed it
                return
            try:
                token = await self.renew()
            except DerivError as e:
                log.info("renewing the access token failed: %s", type(e).__name__)
                raise InvalidToken(
                    "Your Deriv sign-in has expired and could not be renewed. Sign in again."
                ) from None
            self.set_token(token)

    async def _send(self, method: str, path: str, label: str) -> Any:
        token = self._token
        if token is None:
            raise InvalidToken("Not signed in: no token to send.", msg_type=label)
        await self.bucket.take()
        headers = [
            ("Accept", "application/json"),
            ("Deriv-App-ID", self.app_id),
            ("Authorization", "Bearer " + token.values[0]),
        ]
        reply = await self.http.request(
            method,
            self.base_url + path,
            headers=headers,
            body=b"" if method == "POST" else None,
            timeout=self.timeout,
        )
        self.requests[label] += 1
        if not reply.ok:
            error = error_from_reply(reply.status, reply.body, label)
            log.info("%s %s refused: HTTP %d %s", method, label, reply.status, error.server_code)
            raise error
        try:
            return json.loads(reply.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise WrongResponse("Deriv sent an answer that is not JSON.", msg_type=label) from None


def _segment(account_id: str) -> str:
    if not parse.ACCOUNT_ID.fullmatch(account_id):
        raise InputValidationFailed(
            "That is not an Options account id.", details={"account_id": "invalid"}
        )
    return quote(account_id, safe="")


def check_socket_url(url: str) -> None:
    """A socket address must be ``wss://`` (``ws://`` only on loopback, for the sandbox)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise WrongResponse("Deriv sent a socket address the app cannot use.") from None
    host = parts.hostname or ""
    secure = parts.scheme == "wss"
    local = parts.scheme == "ws" and is_loopback_host(host)
    if not host or not (secure or local):
        raise WrongResponse("Deriv sent a socket address that is not secure (wss).")
