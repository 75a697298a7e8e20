"""Idle timeout, rate limits, fault injection and the counters tests rely on."""

from __future__ import annotations

import asyncio

import pytest
from websockets.exceptions import ConnectionClosedError

from deriv_desktop.sandbox import RateLimits, Sandbox
from deriv_desktop.sandbox.models import User
from tests.sandbox.kit import WsClient, account, authorized, make_config


async def test_idle_connection_is_closed_while_a_busy_one_stays() -> None:
    async with Sandbox(make_config(idle_timeout=0.5)) as sb:
        busy, idle = await WsClient.open(sb), await WsClient.open(sb)
        await idle.ok({"ping": 1})
        while idle.ws.close_code is None:
            await busy.ok({"ping": 1})
            await asyncio.sleep(0.15)  # pacing the keep-alive pings (Deriv: 10 a second at most)
        await idle.wait_closed()
        assert idle.ws.close_code == 1000 and idle.ws.close_reason == "Idle timeout"
        assert busy.ws.close_code is None  # its requests kept it alive past the same deadline
        assert sb.stats.idle_closed == 1
        await busy.wait_closed()  # once quiet it goes the same way
        assert sb.stats.idle_closed == 2


async def test_rate_limits_can_change_while_running(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    sandbox.rate_limits = RateLimits(general_minutely=1)
    status = await client.ok({"website_status": 1})
    assert status["api_call_limits"]["max_requestes_general"]["minutely"] == 1
    assert (await client.error({"website_status": 1}))["code"] == "RateLimit"
    sandbox.rate_limits = RateLimits()
    assert (await client.ok({"website_status": 1}))["site_status"] == "up"
    await client.close()


async def test_rate_limit_is_per_account_when_authorized() -> None:
    async with Sandbox(make_config(rate_limits=RateLimits(general_minutely=3))) as sb:
        token = account(sb.user("amara@example.com"), "USD").token
        # each authorize is counted on its (then anonymous) connection
        first = await authorized(sb, token)
        second = await authorized(sb, token)
        # from here on both connections share the account's budget of 3
        await first.ok({"balance": 1})
        await second.ok({"balance": 1})
        await second.ok({"balance": 1})
        assert (await first.error({"balance": 1}))["code"] == "RateLimit"
        await first.close()
        await second.close()


async def test_drop_connections_now() -> None:
    async with Sandbox(make_config()) as sb:
        clients = [await WsClient.open(sb) for _ in range(3)]
        for client in clients:
            await client.ok({"ping": 1})
        assert sb.faults.drop_connections() == 3
        for client in clients:
            await client.wait_closed()
            assert client.ws.close_code is None or client.ws.close_code == 1006
            with pytest.raises(ConnectionClosedError):
                await client.ws.send("{}")
        await sb.stats.wait_for(lambda: sb.stats.connections_open == 0)


async def test_drop_every_interval() -> None:
    async with Sandbox(make_config(drop_every=0.05)) as sb:
        client = await WsClient.open(sb)
        await client.wait_closed()
        again = await WsClient.open(sb)
        await again.wait_closed()
        sb.faults.drop_every = None
        steady = await WsClient.open(sb)
        assert await steady.ok({"ping": 1}) == "pong"
        await steady.close()


async def test_delay_holds_replies_back() -> None:
    async with Sandbox(make_config()) as sb:
        client = await WsClient.open(sb)
        sb.faults.delay = 0.2
        loop = asyncio.get_running_loop()
        started = loop.time()
        assert await client.ok({"ping": 1}) == "pong"
        assert loop.time() - started >= 0.19  # never earlier than the configured delay
        sb.faults.delay = 0.0
        assert await client.ok({"ping": 1}) == "pong"
        await client.close()


@pytest.mark.parametrize("code", ["WrongResponse", "RateLimit"])
async def test_fail_rate_one_fails_every_call_but_ping(code: str) -> None:
    async with Sandbox(make_config(fail_rate=1.0, fail_code=code)) as sb:
        client = await WsClient.open(sb)
        assert (await client.error({"website_status": 1}))["code"] == code
        assert (await client.error({"exchange_rates": 1, "base_currency": "USD"}))["code"] == code
        assert await client.ok({"ping": 1}) == "pong"
        assert sb.stats.faults_injected == 2
        sb.faults.fail_rate = 0.0
        assert (await client.ok({"website_status": 1}))["site_status"] == "up"
        await client.close()


async def test_seeded_failures_repeat() -> None:
    async def outcomes(seed: int) -> list[bool]:
        async with Sandbox(make_config(fail_rate=0.5, fault_seed=seed)) as sb:
            client = await WsClient.open(sb)
            results = ["error" in await client.call({"website_status": 1}) for _ in range(20)]
            await client.close()
            return results

    first, second = await outcomes(7), await outcomes(7)
    assert first == second
    assert any(first) and not all(first)


async def test_ignored_pings_get_no_reply() -> None:
    async with Sandbox(make_config(ignore_pings=True)) as sb:
        client = await WsClient.open(sb)
        await client.ws.send('{"ping": 1, "req_id": 1}')
        # replies are sent in request order, so once `time` is answered the ping never will be
        await client.ok({"time": 1})
        assert client.pending_pushes() == 0
        sb.faults.ignore_pings = False
        assert await client.ok({"ping": 1}) == "pong"
        await client.close()


async def test_live_balance_subscriptions_across_reconnects(sandbox: Sandbox, amara: User) -> None:
    token = account(amara, "USD").token
    client = await authorized(sandbox, token)
    await client.ok({"balance": 1, "subscribe": 1})
    sandbox.faults.drop_connections()
    await client.wait_closed()
    await sandbox.stats.wait_for(lambda: sandbox.stats.live_subscriptions("balance") == 0)
    client = await authorized(sandbox, token)
    await client.ok({"balance": 1, "subscribe": 1})
    assert sandbox.stats.live_subscriptions("balance") == 1
    assert list(sandbox.stats.live_by_connection("balance").values()) == [1]
    assert sandbox.stats.subscriptions_created["balance"] == 2
    assert sandbox.stats.connections_accepted == 2
    assert sandbox.stats.requests["balance"] == 2
    await client.close()
