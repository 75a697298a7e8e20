"""Fault tests over real sockets: drops during streams, lost and duplicate answers, dead pings."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from deriv_desktop.api.legacy import DerivClient, calls
from deriv_desktop.domain.connection import LinkPhase
from deriv_desktop.domain.errors import ConnectionLost, RequestTimeout
from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import User
from tests.integration.conftest import usable_tokens


async def test_streams_survive_repeated_drops_without_duplicate_subscriptions(
    sandbox: Sandbox, amara: User, client: DerivClient
) -> None:
    reply = await client.authorize(usable_tokens(amara))
    main = reply["loginid"]
    balances = await client.subscribe(calls.balance("all", loginid=main))
    rates = await client.subscribe(calls.exchange_rates("USD", "BTC", loginid=main))
    created_before = sandbox.stats.subscriptions_created["balance"]

    for round_ in range(1, 4):
        sandbox.faults.drop_connections()
        await sandbox.stats.wait_for(lambda: sandbox.stats.live_subscriptions("balance") == 1)
        await client.wait_online(5)
        # The restored stream's first message is the current aggregate.
        first = await asyncio.wait_for(anext(balances), 5)
        assert "accounts" in first["balance"]
        # A change made on the server now reaches the same iterator, exactly once.
        amount = Decimal(1000 + round_)
        sandbox.state.set_balance(main, amount)
        update = await asyncio.wait_for(anext(balances), 5)
        assert Decimal(str(update["balance"]["balance"])) == amount
        assert balances.pending() == 0
        assert sandbox.stats.live_subscriptions("balance") == 1
        assert len(sandbox.stats.live_by_connection("balance")) == 1

    assert balances.restorations == rates.restorations == 3
    assert sandbox.stats.subscriptions_created["balance"] == created_before + 3
    assert sandbox.stats.live_subscriptions("exchange_rates") == 1
    assert sandbox.stats.requests["authorize"] == 4  # the first and one per reconnect


async def test_no_request_is_lost_or_answered_twice_across_drops(
    sandbox: Sandbox, amara: User, client: DerivClient
) -> None:
    await client.authorize(usable_tokens(amara))
    sandbox.faults.delay = 0.02  # keep requests in flight while the link drops
    outcomes: dict[int, list[str]] = {}

    async def one(i: int) -> None:
        try:
            payload = await client.call({"time": 1, "passthrough": {"i": i}})
            outcomes.setdefault(i, []).append(f"ok:{payload}")
        except (ConnectionLost, RequestTimeout) as e:
            outcomes.setdefault(i, []).append(type(e).__name__)

    tasks = [asyncio.create_task(one(i)) for i in range(60)]
    for _ in range(3):
        await sandbox.stats.wait_for(lambda: sandbox.stats.requests["time"] > 0)
        sandbox.faults.drop_connections()
        await client.wait_online(5)
    await asyncio.wait_for(asyncio.gather(*tasks), 20)

    assert sorted(outcomes) == list(range(60))
    assert all(len(v) == 1 for v in outcomes.values())  # each settled exactly once
    lost = [i for i, v in outcomes.items() if v[0] == "ConnectionLost"]
    assert lost, "the drops should have caught some requests in flight"
    sandbox.faults.delay = 0
    assert await client.call(calls.ping()) == "pong"


async def test_unanswered_pings_are_detected_and_the_link_heals(
    sandbox: Sandbox, amara: User
) -> None:
    from deriv_desktop.api.legacy.client import endpoint_url
    from tests.integration.conftest import APP_ID, FAST

    client = DerivClient(
        endpoint_url(sandbox.ws_url, APP_ID), backoff=FAST, ping_interval=0.05, ping_timeout=0.1
    )
    phases: list[LinkPhase] = []
    down = asyncio.Event()

    def seen(state: object) -> None:
        phase = state.phase  # type: ignore[attr-defined]
        phases.append(phase)
        if phase is LinkPhase.RECONNECTING:
            down.set()

    client.state_changed.connect(seen)
    async with client:
        await client.authorize(usable_tokens(amara))
        sandbox.faults.ignore_pings = True
        await asyncio.wait_for(down.wait(), 5)
        sandbox.faults.ignore_pings = False
        await client.wait_online(5)
        assert (await client.call(calls.balance(loginid="CR5100001")))["loginid"] == "CR5100001"
    assert phases.count(LinkPhase.ONLINE) >= 2


async def test_wrong_response_faults_surface_as_transient_typed_errors(
    sandbox: Sandbox, client: DerivClient
) -> None:
    from deriv_desktop.domain.errors import WrongResponse

    sandbox.faults.fail_code = "WrongResponse"
    sandbox.faults.fail_rate = 1.0
    with pytest.raises(WrongResponse) as info:
        await client.call(calls.website_status())
    assert info.value.transient
    sandbox.faults.fail_rate = 0.0
    assert (await client.call(calls.website_status()))["site_status"] == "up"


async def test_rate_limit_faults_are_retried_with_the_published_limits(
    sandbox: Sandbox, client: DerivClient
) -> None:
    sandbox.faults.fail_code = "RateLimit"
    sandbox.faults.fail_rate = 0.5
    sandbox.faults.seed = 3
    client.backoff.base = 0.001
    client.backoff.cap = 0.01
    client.max_rate_limit_retries = 20
    client.learn_limits(
        {
            "api_call_limits": {
                "max_requestes_general": {"applies_to": "x", "hourly": 10**6, "minutely": 10**5}
            }
        }
    )
    results = [await client.call(calls.website_status()) for _ in range(10)]
    assert all(r["site_status"] == "up" for r in results)
    assert sandbox.stats.requests["website_status"] > 10  # some were refused and retried
