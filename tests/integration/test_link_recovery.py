"""Recovery of the legacy link from every transient fault, against the sandbox over real sockets.

One test per way the link used to fail (issue 16): a transient error on the re-authorize or on
a stream's re-subscribe, a token deleted by another client, a drop or a dead link in the middle
of restoring the session, a black-holed link, pings ignored while pushes flow, and a malformed
push. Liveness is shortened in these tests; ``bench/dead_link.py`` measures the shipped values.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from decimal import Decimal

import pytest

from deriv_desktop.api.legacy import DerivClient, calls
from deriv_desktop.api.legacy.client import endpoint_url
from deriv_desktop.domain.connection import LinkState
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import ApiError, InvalidToken
from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import User
from deriv_desktop.services.legacy_backend import LegacyBackend
from tests.integration.conftest import APP_ID, FAST, usable_tokens
from tests.support.black_hole import BlackHoleRelay

LONG = 60.0  # a request timeout no recovery here may depend on


def make_client(url: str, **options: object) -> DerivClient:
    options.setdefault("backoff", FAST)
    options.setdefault("request_timeout", LONG)
    return DerivClient(endpoint_url(url, APP_ID), **options)  # type: ignore[arg-type]


async def signed_in(sandbox: Sandbox, user: User, client: DerivClient) -> str:
    await client.start()
    reply = await client.authorize(usable_tokens(user))
    return str(reply["loginid"])


class Heard:
    """What an event said, and a way to wait until it said something."""

    def __init__(self) -> None:
        self.items: list[object] = []
        self._said = asyncio.Event()

    def __call__(self, item: object) -> None:
        self.items.append(item)
        self._said.set()

    async def wait(self) -> None:
        await asyncio.wait_for(self._said.wait(), 10)


async def next_balance(stream: AsyncIterator[dict[str, object]]) -> dict[str, object]:
    msg = await asyncio.wait_for(anext(stream), 10)
    payload = msg["balance"]
    assert isinstance(payload, dict)
    return payload


async def test_wrong_response_on_the_reauthorize_is_retried_and_keeps_the_session(
    sandbox: Sandbox, amara: User
) -> None:
    lost: list[ApiError] = []
    async with make_client(sandbox.ws_url) as client:
        client.authorization_lost.connect(lost.append)
        main = await signed_in(sandbox, amara, client)
        balances = await client.subscribe(calls.balance("all", loginid=main))

        sandbox.faults.fail_next("authorize", "WrongResponse")
        sandbox.faults.drop_connections()
        # The sign-in, the refused re-authorize and its retry; then the stream comes back.
        await sandbox.stats.wait_for(lambda: sandbox.stats.requests["authorize"] == 3)
        await sandbox.stats.wait_for(lambda: sandbox.stats.live_subscriptions("balance") == 1)
        await client.wait_online(10)
        assert (await client.call(calls.balance(loginid=main)))["loginid"] == main
        assert "accounts" in await next_balance(balances)  # the restored stream's summary
        sandbox.state.set_balance(main, Decimal("4321"))
        assert Decimal(str((await next_balance(balances))["balance"])) == Decimal("4321")
    assert lost == []


async def test_rate_limit_on_the_resubscribe_is_retried_and_the_stream_lives(
    sandbox: Sandbox, amara: User
) -> None:
    async with make_client(sandbox.ws_url) as client:
        main = await signed_in(sandbox, amara, client)
        balances = await client.subscribe(calls.balance("all", loginid=main))

        sandbox.faults.fail_next("balance", "RateLimit", times=2)
        sandbox.faults.drop_connections()
        # The first, two refused re-subscribes, then the one that starts it again.
        await sandbox.stats.wait_for(lambda: sandbox.stats.requests["balance"] == 4)
        await sandbox.stats.wait_for(lambda: sandbox.stats.live_subscriptions("balance") == 1)
        assert "accounts" in await next_balance(balances)
        sandbox.state.set_balance(main, Decimal("1234"))
        assert Decimal(str((await next_balance(balances))["balance"])) == Decimal("1234")
        assert balances.restorations == 1 and not balances.ended


def api_token(sandbox: Sandbox, loginid: str, name: str) -> str:
    return next(t.value for t in sandbox.state.api_tokens(loginid) if t.display_name == name)


async def backend_signed_in(
    sandbox: Sandbox, user: User
) -> tuple[LegacyBackend, AccountCredential, AccountCredential]:
    """A backend signed in with two deletable API tokens: the real USD account's (main) and
    the demo account's, plus the other accounts' own tokens."""
    usd, demo = (
        next(a for a in user.accounts if a.currency == "USD" and not a.is_virtual),
        next(a for a in user.accounts if a.is_virtual),
    )
    main = AccountCredential(usd.loginid, api_token(sandbox, usd.loginid, "Admin tools"), "USD")
    second = AccountCredential(demo.loginid, api_token(sandbox, demo.loginid, "Demo bot"), "USD")
    others = [
        AccountCredential(a.loginid, a.token, a.currency)
        for a in user.accounts
        if not a.is_disabled and a.loginid not in (usd.loginid, demo.loginid)
    ]
    backend = LegacyBackend(make_client(sandbox.ws_url))
    await backend.open()
    await backend.client.wait_online(10)
    await backend.sign_in([main, second, *others])
    return backend, main, second


async def test_main_token_deleted_by_another_client_signs_out_after_a_reconnect(
    sandbox: Sandbox, amara: User
) -> None:
    backend, main, _ = await backend_signed_in(sandbox, amara)
    signed_out, refused = Heard(), Heard()
    backend.signed_out_by_server.connect(signed_out)
    backend.accounts_refused.connect(refused)
    balances = backend.balance_updates(main.loginid)
    try:
        await asyncio.wait_for(anext(balances), 10)
        sandbox.state.delete_api_token(main.loginid, main.token)  # "Token was deleted."
        with pytest.raises(ApiError):
            await asyncio.wait_for(anext(balances), 10)

        sandbox.faults.drop_connections()
        await signed_out.wait()
        assert len(signed_out.items) == 1 and isinstance(signed_out.items[0], InvalidToken)
        assert refused.items == []
        assert backend.client.authorize_reply is None  # nothing left to authorize with
    finally:
        await balances.aclose()
        await backend.close()


async def test_one_secondary_token_deleted_costs_only_its_account(
    sandbox: Sandbox, amara: User
) -> None:
    backend, main, second = await backend_signed_in(sandbox, amara)
    signed_out, refused = Heard(), Heard()
    backend.signed_out_by_server.connect(signed_out)
    backend.accounts_refused.connect(refused)
    balances = backend.balance_updates(main.loginid)
    try:
        await asyncio.wait_for(anext(balances), 10)
        sandbox.state.delete_api_token(second.loginid, second.token)

        sandbox.faults.drop_connections()
        await refused.wait()
        await backend.client.wait_online(10)
        assert refused.items == [([second.loginid], refused.items[0][1])]  # type: ignore[index]
        assert isinstance(refused.items[0][1], InvalidToken)  # type: ignore[index]
        assert signed_out.items == []
        # The main token and the other accounts are still authorized, the stream lives on.
        await sandbox.stats.wait_for(lambda: sandbox.stats.live_subscriptions("balance") == 1)
        reply = await backend.client.call(calls.balance(loginid=main.loginid))
        assert reply["loginid"] == main.loginid
        sandbox.state.set_balance(main.loginid, Decimal("777"))
        while True:  # the restored summary first, then the change
            update, _ = await asyncio.wait_for(anext(balances), 10)
            if any(b.loginid == main.loginid and b.amount == Decimal("777") for b in update):
                break
    finally:
        await balances.aclose()
        await backend.close()


async def test_a_drop_during_the_reauthorize_recovers_long_before_the_request_timeout(
    sandbox: Sandbox, amara: User
) -> None:
    async with make_client(sandbox.ws_url) as client:
        await signed_in(sandbox, amara, client)
        sandbox.faults.drop_on_next("authorize")
        sandbox.faults.drop_connections()
        await sandbox.stats.wait_for(lambda: sandbox.stats.requests["authorize"] == 3)
        await client.wait_online(LONG / 6)
        assert await client.call(calls.ping()) == "pong"
        assert sandbox.stats.connections_accepted == 3


async def test_a_link_that_goes_silent_during_the_reauthorize_is_given_up_by_liveness(
    sandbox: Sandbox, amara: User
) -> None:
    # Neither the re-authorize nor the pings are answered: only the liveness watch, which now
    # runs while the session is restored, can end the wait before the long request timeout.
    async with make_client(sandbox.ws_url, ping_interval=0.1, ping_timeout=0.1) as client:
        await signed_in(sandbox, amara, client)
        accepted = sandbox.stats.connections_accepted
        sandbox.faults.delay = LONG * 2
        sandbox.faults.ignore_pings = True
        sandbox.faults.drop_connections()
        await sandbox.stats.wait_for(
            lambda: sandbox.stats.connections_accepted >= accepted + 2, timeout=LONG / 6
        )
        sandbox.faults.delay = 0
        sandbox.faults.ignore_pings = False
        await client.wait_online(LONG / 6)
        assert await client.call(calls.ping()) == "pong"


async def test_a_black_holed_link_is_noticed_by_liveness_and_rebuilt(
    sandbox: Sandbox, amara: User
) -> None:
    host_port = sandbox.ws_url.split("//")[1].split("/")[0]
    host, port = host_port.rsplit(":", 1)
    async with BlackHoleRelay(host, int(port)) as relay:
        client = make_client(relay.url_for(sandbox.ws_url), ping_interval=0.1, ping_timeout=0.1)
        async with client:
            main = await signed_in(sandbox, amara, client)
            balances = await client.subscribe(calls.balance("all", loginid=main))
            assert relay.black_hole() == 1
            await sandbox.stats.wait_for(lambda: relay.connections == 2, timeout=LONG / 6)
            await client.wait_online(LONG / 6)
            assert "accounts" in await next_balance(balances)  # restored on the new route
            assert balances.restorations == 1


async def test_incoming_pushes_count_as_life_when_pings_go_unanswered(
    sandbox: Sandbox, amara: User
) -> None:
    async with make_client(sandbox.ws_url, ping_interval=0.05, ping_timeout=0.3) as client:
        main = await signed_in(sandbox, amara, client)
        balances = await client.subscribe(calls.balance("all", loginid=main))
        accepted = sandbox.stats.connections_accepted
        sandbox.faults.ignore_pings = True
        # Every ping goes unanswered, but a balance push follows it well within the timeout.
        for amount in range(1, 4):
            pings = sandbox.stats.requests["ping"]
            await sandbox.stats.wait_for(lambda n=pings: sandbox.stats.requests["ping"] > n)
            sandbox.state.set_balance(main, Decimal(amount))
            await next_balance(balances)
        assert sandbox.stats.connections_accepted == accepted  # never taken for dead
        assert client.state.online


def test_the_shipped_liveness_notices_a_dead_link_within_15_seconds() -> None:
    # Ping after 10 s of silence; dead within 5 s more, with room for the timers inside 15 s.
    client = DerivClient("ws://127.0.0.1:9/websockets/v3")
    assert client.ping_interval == 10.0
    assert 4.8 <= client.ping_timeout < 5.0
    assert client.ping_interval + client.ping_timeout <= 15.0 - 0.1


async def test_a_malformed_balance_push_is_counted_and_skipped(
    sandbox: Sandbox, amara: User
) -> None:
    backend = LegacyBackend(make_client(sandbox.ws_url))
    await backend.open()
    await backend.client.wait_online(10)
    first = amara.accounts[0]
    await backend.sign_in([AccountCredential(first.loginid, first.token, first.currency)])
    loginid = first.loginid
    balances = backend.balance_updates(loginid)
    try:
        await asyncio.wait_for(anext(balances), 10)
        sandbox.faults.spoil_next_push("balance", "not an object")
        sandbox.state.set_balance(loginid, Decimal("1"))
        sandbox.state.set_balance(loginid, Decimal("2"))
        update, _ = await asyncio.wait_for(anext(balances), 10)
        assert [(b.loginid, b.amount) for b in update] == [(loginid, Decimal("2"))]
        assert backend.client.malformed_pushes == 1
    finally:
        await balances.aclose()
        await backend.close()


async def test_the_link_is_reported_online_only_once_every_stream_is_back(
    sandbox: Sandbox, amara: User
) -> None:
    """It used to turn online as soon as the session was authorized again, while the streams
    were still being re-opened (or refused): a status built on it said online meanwhile."""
    async with make_client(sandbox.ws_url) as client:
        main = await signed_in(sandbox, amara, client)
        await client.subscribe(calls.balance("all", loginid=main))
        online_with: list[int] = []  # balance streams on the server whenever it said online
        back = asyncio.Event()

        def heard(state: LinkState) -> None:
            if state.online:
                online_with.append(sandbox.stats.live_subscriptions("balance"))
                back.set()

        client.state_changed.connect(heard)
        sandbox.faults.fail_next("balance", "RateLimit", times=2)
        sandbox.faults.drop_connections()
        await asyncio.wait_for(back.wait(), 10)
        assert online_with == [1]
        assert sandbox.stats.requests["balance"] == 4  # the first, two refused, the one back
