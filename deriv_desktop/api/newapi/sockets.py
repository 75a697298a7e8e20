"""Account sockets of the new API: one ``DerivClient`` per account, each (re)connect from a
fresh one-time address.

The OTP URL is single use and valid for 120 s, so the client is given ``url_provider`` instead
of a URL: every connect and every reconnect asks REST for a new one. The same envelope as v3
(``req_id``, streams, ``ping``, ``forget``) runs over these sockets, so the v3 client's
machinery (request matching, keep-alive, backoff, stream restoration) is reused as it is.

At most ``max_open`` sockets are kept (Deriv allows 5 per user; the default of 2 keeps the
active account's socket and the previous one, so switching back is instant), least recently
used closed first.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter, OrderedDict
from collections.abc import Mapping
from typing import Any

from deriv_desktop.api.legacy.client import DerivClient
from deriv_desktop.api.newapi.limits import MAX_SOCKETS_PER_USER, SOCKET_REQUESTS_PER_SECOND
from deriv_desktop.api.newapi.rest import RestClient
from deriv_desktop.domain.proxy import SYSTEM_PROXY, ProxySettings

log = logging.getLogger(__name__)

# What ``DerivClient`` reads to pace retries after a RateLimit (100 requests a second).
_SOCKET_LIMITS = {
    "api_call_limits": {"max_requestes_general": {"minutely": SOCKET_REQUESTS_PER_SECOND * 60}}
}


class AccountSockets:
    """Opens, reuses and closes the per-account socket clients."""

    def __init__(
        self,
        rest: RestClient,
        *,
        max_open: int = 2,
        client_options: Mapping[str, Any] | None = None,
        proxy: ProxySettings = SYSTEM_PROXY,
    ) -> None:
        if not 1 <= max_open <= MAX_SOCKETS_PER_USER:
            raise ValueError(f"max_open must be between 1 and {MAX_SOCKETS_PER_USER}")
        self.rest = rest
        self.max_open = max_open
        self._options = dict(client_options or {})
        self.proxy = proxy
        self._clients: OrderedDict[str, DerivClient] = OrderedDict()
        self._lock = asyncio.Lock()
        self.otp_requests: Counter[str] = Counter()  # account id -> addresses fetched

    def __repr__(self) -> str:
        return f"AccountSockets({len(self._clients)}/{self.max_open} open)"

    def open_ids(self) -> list[str]:
        """Accounts with a socket client, least recently used first."""
        return list(self._clients)

    def get(self, account_id: str) -> DerivClient | None:
        return self._clients.get(account_id)

    async def client(self, account_id: str) -> DerivClient:
        """The account's socket client, started (it may still be connecting)."""
        async with self._lock:
            existing = self._clients.get(account_id)
            if existing is not None:
                self._clients.move_to_end(account_id)
                return existing
            while len(self._clients) >= self.max_open:
                _, old = self._clients.popitem(last=False)
                log.debug("closing the least recently used account socket")
                await old.close()
            client = DerivClient(
                f"deriv-options:{account_id}",
                url_provider=lambda: self._address(account_id),
                proxy=self.proxy,
                **self._options,
            )
            client.learn_limits(_SOCKET_LIMITS)
            self._clients[account_id] = client
        await client.start(fail_fast=False)
        return client

    async def _address(self, account_id: str) -> str:
        self.otp_requests[account_id] += 1
        return await self.rest.otp_url(account_id)

    async def close(self, account_id: str) -> None:
        async with self._lock:
            client = self._clients.pop(account_id, None)
        if client is not None:
            await client.close()

    async def close_all(self) -> None:
        async with self._lock:
            clients = list(self._clients.values())
            self._clients.clear()
        for client in clients:
            await client.close()
