"""Calls without authorization, the message envelope, and request validation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from deriv_desktop.sandbox import Sandbox
from tests.sandbox.kit import WsClient, make_config


async def test_ping_and_time_echo_req_id_and_passthrough(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    reply = await client.call({"ping": 1, "req_id": 7, "passthrough": {"tag": "x"}})
    assert reply == {
        "echo_req": {"ping": 1, "req_id": 7, "passthrough": {"tag": "x"}},
        "msg_type": "ping",
        "passthrough": {"tag": "x"},
        "ping": "pong",
        "req_id": 7,
    }
    reply = await client.call({"time": 1})
    assert abs(reply["time"] - sandbox.state.now()) <= 1
    await client.close()


async def test_reply_without_req_id_has_no_req_id(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    await client.ws.send('{"ping": 1}')
    reply = await client.push()
    assert "req_id" not in reply and reply["ping"] == "pong"
    await client.close()


async def test_unrecognised_request_and_bad_json(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    reply = await client.call({"no_such_call": 1})
    assert reply["msg_type"] == "error"
    assert reply["error"]["code"] == "UnrecognisedRequest"
    assert reply["echo_req"]["no_such_call"] == 1
    await client.ws.send("[1, 2]")  # JSON, but not an object
    assert (await client.push())["error"]["code"] == "BadRequest"
    seen = len(client.received)
    await client.ws.send("{not json")  # Deriv closes without a word (and without a status)
    await client.wait_closed()
    assert client.ws.close_code == 1005
    assert len(client.received) == seen


async def test_input_validation_details_name_each_field(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    error = await client.error({"ping": 2, "extra": True})
    assert error["code"] == "InputValidationFailed"
    assert set(error["details"]) == {"ping", "extra"}
    error = await client.error({"exchange_rates": 1})
    assert error["details"] == {"base_currency": "Missing property."}
    error = await client.error({"forget": "short"})
    assert "forget" in error["details"]
    error = await client.error({"authorize": "x", "tokens": ["t"] * 26})
    assert "tokens" in error["details"]
    await client.close()


async def test_unknown_app_id_gets_invalid_app_id(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox, app_id=999999)
    error = await client.error({"ping": 1})
    assert error["code"] == "InvalidAppID"
    await client.close()


async def test_website_status_content_and_stream(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    reply = await client.call({"website_status": 1, "subscribe": 1})
    status = reply["website_status"]
    assert status["site_status"] == "up"
    limits = status["api_call_limits"]
    assert set(limits) == {
        "max_proposal_subscription",
        "max_requestes_general",
        "max_requests_outcome",
        "max_requests_pricing",
    }
    assert limits["max_requestes_general"]["minutely"] == 180
    config = status["currencies_config"]
    assert config["BTC"]["fractional_digits"] == 8 and config["BTC"]["type"] == "crypto"
    assert config["USD"]["fractional_digits"] == 2 and config["USD"]["type"] == "fiat"
    assert config["UST"]["fractional_digits"] == 2 and config["ETH"]["fractional_digits"] == 8
    assert "EN" in status["supported_languages"]
    sub_id = reply["subscription"]["id"]

    again = await client.error({"website_status": 1, "subscribe": 1})
    assert again["code"] == "AlreadySubscribed"

    sandbox.state.set_site_status("updating", "Maintenance in progress")
    push = await client.push()
    assert push["subscription"]["id"] == sub_id
    assert push["website_status"]["site_status"] == "updating"
    assert push["website_status"]["message"] == "Maintenance in progress"
    assert push["req_id"] == reply["req_id"]
    await client.close()


async def test_exchange_rates_table_target_and_spread(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    rates = await client.ok({"exchange_rates": 1, "base_currency": "USD"})
    assert rates["base_currency"] == "USD"
    assert {"BTC", "ETH", "EUR", "GBP", "UST"} <= set(rates["rates"])
    assert 0 < rates["rates"]["BTC"] < 0.001
    one = await client.ok({"exchange_rates": 1, "base_currency": "BTC", "target_currency": "USD"})
    assert list(one["rates"]) == ["USD"] and one["rates"]["USD"] > 1000
    spread = await client.ok(
        {"exchange_rates": 1, "base_currency": "EUR", "target_currency": "USD", "include_spread": 1}
    )
    quote = spread["rates"]["USD"]
    assert quote["bid_rate"] < quote["spot_rate"] < quote["ask_rate"]
    error = await client.error({"exchange_rates": 1, "base_currency": "XYZ"})
    assert error["code"] == "ExchangeRatesNotAvailable"
    await client.close()


async def test_exchange_rates_stream_needs_target_and_pushes_moves(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    error = await client.error({"exchange_rates": 1, "base_currency": "USD", "subscribe": 1})
    assert error["code"] == "TargetCurrencyRequired"
    reply = await client.call(
        {"exchange_rates": 1, "base_currency": "USD", "target_currency": "BTC", "subscribe": 1}
    )
    sub_id = reply["subscription"]["id"]
    duplicate = await client.error(
        {"exchange_rates": 1, "base_currency": "USD", "target_currency": "BTC", "subscribe": 1}
    )
    assert duplicate["code"] == "AlreadySubscribed"
    sandbox.state.set_usd_value("BTC", Decimal("50000"))
    push = await client.push()
    assert push["subscription"]["id"] == sub_id
    assert push["exchange_rates"]["rates"]["BTC"] == 0.00002
    await client.close()


async def test_forget_and_forget_all(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    status = await client.call({"website_status": 1, "subscribe": 1})
    rates = await client.call(
        {"exchange_rates": 1, "base_currency": "USD", "target_currency": "EUR", "subscribe": 1}
    )
    conn_id = next(iter(sandbox.stats.live_by_connection()))
    assert sandbox.stats.live_subscriptions(connection=conn_id) == 2

    assert await client.ok({"forget": rates["subscription"]["id"]}) == 1
    assert await client.ok({"forget": rates["subscription"]["id"]}) == 0
    assert await client.ok({"forget_all": ["balance"]}) == []
    assert await client.ok({"forget_all": "website_status"}) == [status["subscription"]["id"]]
    assert sandbox.stats.live_subscriptions() == 0

    # a stream of another connection cannot be forgotten from here
    other = await WsClient.open(sandbox)
    theirs = await other.call({"website_status": 1, "subscribe": 1})
    assert await client.ok({"forget": theirs["subscription"]["id"]}) == 0
    assert sandbox.stats.live_subscriptions("website_status") == 1
    await client.close()
    await other.close()


async def test_only_the_v3_path_is_served(sandbox: Sandbox) -> None:
    url = sandbox.ws_url.replace("/websockets/v3", "/websockets/v2")
    with pytest.raises(InvalidStatus) as caught:
        await connect(url + "?app_id=1089")
    assert caught.value.response.status_code == 404


async def test_any_app_id_when_not_strict() -> None:
    async with Sandbox(make_config(strict_app_id=False)) as sb:
        client = await WsClient.open(sb, app_id=999999)
        assert await client.ok({"ping": 1}) == "pong"
        await client.close()
