"""The sandbox against Deriv's official v3 schemas (read from ../shared, never copied).

1. Every reply and stream message the sandbox sends -- errors included -- validates against
   `<call>/receive.json` (Draft 4).
2. The sandbox's own request validator agrees with `<call>/send.json`: a request is refused
   with InputValidationFailed exactly when jsonschema rejects it.

Schema quirk handled here (documented in the sandbox README): `account_list/receive.json`
requires `broker_code` but only defines `broker` (with additionalProperties false), so no
non-empty list can validate as published. The sandbox sends `broker`, like
`authorize.account_list`; this test checks `account_list` with `broker` in the required list.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
from jsonschema import Draft4Validator

from deriv_desktop.sandbox import RateLimits, Sandbox
from tests.contract.schemas import deriv_coerced, require_schemas, v3_schema
from tests.sandbox.kit import APP_ID, WsClient, account, authorized, make_config, named_token

CALLS = (
    "account_list",
    "api_token",
    "authorize",
    "balance",
    "exchange_rates",
    "forget",
    "forget_all",
    "get_account_status",
    "get_settings",
    "login_history",
    "logout",
    "oauth_apps",
    "ping",
    "revoke_oauth_app",
    "time",
    "topup_virtual",
    "website_status",
)
GENEROUS = RateLimits(general_minutely=10**9, general_hourly=10**9, connection_per_second=10**9)


def receive_validator(call: str) -> Draft4Validator:
    schema = v3_schema(call, "receive")
    if call == "account_list":
        schema = copy.deepcopy(schema)
        item = schema["properties"]["account_list"]["items"]
        item["required"] = ["broker" if f == "broker_code" else f for f in item["required"]]
    return Draft4Validator(schema)


def receive_problems(message: dict[str, Any]) -> list[str]:
    validator = receive_validator(message["msg_type"])
    return [
        f"{message['msg_type']} {'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in validator.iter_errors(message)
    ]


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    require_schemas()
    async with Sandbox(make_config(rate_limits=GENEROUS)) as sb:
        yield sb


# -- 1. replies and pushes validate against receive.json ------------------------------------
async def drive_every_call(sb: Sandbox) -> list[WsClient]:
    """A session touching every call: successes, errors and stream pushes of each kind."""
    amara, luis = sb.user("amara@example.com"), sb.user("luis@example.com")
    usd, btc = account(amara, "USD"), account(amara, "BTC")
    demo = account(amara, "USD", "virtual")
    excluded = next(a for a in amara.accounts if a.excluded_until)

    anon = await WsClient.open(sb)
    await anon.call({"ping": 1, "passthrough": {"a": 1}})
    await anon.call({"time": 1})
    status = await anon.call({"website_status": 1, "subscribe": 1})
    await anon.call({"exchange_rates": 1, "base_currency": "USD"})
    await anon.call(
        {"exchange_rates": 1, "base_currency": "EUR", "target_currency": "USD", "include_spread": 1}
    )
    rates = await anon.call(
        {"exchange_rates": 1, "base_currency": "USD", "target_currency": "BTC", "subscribe": 1}
    )
    await anon.call({"exchange_rates": 1, "base_currency": "NOPE"})
    await anon.call({"exchange_rates": 1, "base_currency": "USD", "subscribe": 1})
    sb.state.set_site_status("updating", "Back soon")
    sb.state.set_usd_value("BTC", Decimal("61000"))
    await anon.push()
    await anon.push()
    await anon.call({"forget": rates["subscription"]["id"]})
    await anon.call({"forget": "f" * 32})
    await anon.call({"forget_all": ["website_status", "balance"]})
    await anon.call({"forget_all": "ticks"})
    await anon.call({"logout": 1})
    await anon.call({"authorize": "nosuchtoken"})
    await anon.call({"website_status": 1, "subscribe": 1})
    await anon.call({"website_status": 1, "subscribe": 1})  # AlreadySubscribed
    assert status["subscription"]
    await anon.call({"unknown_call": 1})  # msg_type "error": not a schema of its own
    for call in CALLS:  # AuthorizationRequired / InputValidationFailed for every call
        await anon.call({call: 1})
        await anon.call({call: 1, "bogus": 1})

    bad_app = await WsClient.open(sb, app_id=1)
    await bad_app.call({"ping": 1})

    main = await WsClient.open(sb)
    await main.call({"authorize": usd.token, "tokens": [btc.token, demo.token, excluded.token]})
    await main.call({"balance": 1})  # InvalidLoginid: several accounts
    one = await main.call({"balance": 1, "loginid": usd.loginid, "subscribe": 1})
    every = await main.call(
        {"balance": 1, "loginid": usd.loginid, "account": "all", "subscribe": 1}
    )
    await main.call({"balance": 1, "loginid": usd.loginid, "account": btc.loginid})
    await main.call({"balance": 1, "loginid": usd.loginid, "account": account(luis, "USD").loginid})
    sb.state.set_balance(usd.loginid, Decimal("12.5"))
    sb.state.set_balance(btc.loginid, Decimal("0.5"))
    for _ in range(3):
        await main.push()
    await main.call({"account_list": 1})
    for loginid in (usd.loginid, demo.loginid, excluded.loginid):
        await main.call({"get_settings": 1, "loginid": loginid})
        await main.call({"get_account_status": 1, "loginid": loginid})
    await main.call({"login_history": 1, "loginid": usd.loginid, "limit": 50})
    await main.call({"oauth_apps": 1, "loginid": usd.loginid})
    await main.call({"topup_virtual": 1, "loginid": demo.loginid})
    await main.call({"topup_virtual": 1, "loginid": demo.loginid})  # refused: balance high
    await main.call({"topup_virtual": 1, "loginid": usd.loginid})  # refused: real account
    await main.call({"api_token": 1, "loginid": usd.loginid})
    await main.call(
        {
            "api_token": 1,
            "loginid": usd.loginid,
            "new_token": "contract",
            "new_token_scopes": ["read", "trade"],
            "valid_for_current_ip_only": 1,
        }
    )
    await main.call({"api_token": 1, "loginid": usd.loginid, "new_token": "x"})
    await main.call({"api_token": 1, "loginid": usd.loginid, "delete_token": "nope"})
    assert one["subscription"] and every["subscription"]

    # TokenDeleted and revocation pushes
    read_only = named_token(sb, usd.loginid, "Read only")
    watcher = await authorized(sb, read_only)
    await watcher.call({"balance": 1, "subscribe": 1})
    await main.call({"api_token": 1, "loginid": usd.loginid, "delete_token": read_only})
    await watcher.push()
    await watcher.call({"balance": 1})  # InvalidToken

    issued = sb.state.issue_oauth_tokens(amara, sb.state.apps[APP_ID])
    oauth = await authorized(sb, issued[0][1].value)
    await oauth.call({"balance": 1, "subscribe": 1})
    await main.call({"revoke_oauth_app": APP_ID, "loginid": usd.loginid})
    await oauth.push()
    await oauth.call({"oauth_apps": 1})

    readonly_client = await authorized(
        sb, named_token(sb, account(luis, "USD").loginid, "Read only")
    )
    await readonly_client.call({"api_token": 1})  # PermissionDenied
    await main.call({"logout": 1})
    return [anon, bad_app, main, watcher, oauth, readonly_client]


async def test_every_message_validates_against_receive_json(sandbox: Sandbox) -> None:
    clients = await drive_every_call(sandbox)
    messages = [m for c in clients for m in c.received]
    for client in clients:
        await client.close()

    problems = [p for m in messages if m["msg_type"] != "error" for p in receive_problems(m)]
    assert problems == []

    unschema = [m["error"]["code"] for m in messages if m["msg_type"] == "error"]
    assert unschema == ["UnrecognisedRequest"]
    successes = {m["msg_type"] for m in messages if "error" not in m}
    failures = {m["msg_type"] for m in messages if "error" in m and m["msg_type"] != "error"}
    assert successes == set(CALLS)
    assert failures == set(CALLS)
    streamed = {m["msg_type"] for m in messages if "subscription" in m and "error" not in m}
    assert streamed == {"balance", "website_status", "exchange_rates"}
    codes = {m["error"]["code"] for m in messages if "error" in m}
    assert codes >= {
        "InputValidationFailed",
        "AuthorizationRequired",
        "InvalidToken",
        "InvalidLoginid",
        "PermissionDenied",
        "APITokenError",
        "TokenDeleted",
        "AlreadySubscribed",
        "TopupVirtualError",
        "InvalidAppID",
        "ExchangeRatesNotAvailable",
    }
    for message in messages:
        echo = message["echo_req"]
        if message["msg_type"] == "authorize":
            assert echo["authorize"] == "<not shown>"


# -- 2. the request validator agrees with send.json ----------------------------------------
MINIMAL: dict[str, dict[str, Any]] = {
    "account_list": {"account_list": 1},
    "api_token": {"api_token": 1},
    "authorize": {"authorize": "sometoken"},
    "balance": {"balance": 1},
    "exchange_rates": {"exchange_rates": 1, "base_currency": "USD"},
    "forget": {"forget": "f" * 32},
    "forget_all": {"forget_all": "balance"},
    "get_account_status": {"get_account_status": 1},
    "get_settings": {"get_settings": 1},
    "login_history": {"login_history": 1},
    "logout": {"logout": 1},
    "oauth_apps": {"oauth_apps": 1},
    "ping": {"ping": 1},
    "revoke_oauth_app": {"revoke_oauth_app": 1},
    "time": {"time": 1},
    "topup_virtual": {"topup_virtual": 1},
    "website_status": {"website_status": 1},
}

CANDIDATES: tuple[Any, ...] = (
    0,
    1,
    2,
    -1,
    50,
    51,
    1.0,
    1.5,
    True,
    False,
    None,
    "",
    "1",
    "x",
    "ab",
    "a b",
    "a\tb",
    "abc\n",
    "a-b",
    "a_b",
    "a*b",
    "ümlaut",
    "read",
    "admin",
    "all",
    "current",
    "CR123",
    "cr123",
    "CR",
    "VRTC12345678901",
    "USD",
    "usd",
    "U",
    "balance",
    "ticks",
    "website_status",
    "exchange_rates",
    "x" * 128,
    "x" * 129,
    "f" * 31,
    "f" * 32,
    "-" * 40,
    "c84a793b-8a87-7999-ce10-9b22f7ceead3",
    "a1-" + "x" * 29,
    [],
    ["read"],
    ["read", "read"],
    ["read", "admin"],
    ["root"],
    ["balance", "ticks"],
    ["nope"],
    [1],
    ["t"] * 25,
    ["t"] * 26,
    ["bad token"],
    {},
    {"a": 1},
)


def agreement_cases() -> list[tuple[str, dict[str, Any]]]:
    """Every schema property of every call set to every candidate, plus structural cases."""
    cases: list[tuple[str, dict[str, Any]]] = []
    for call, minimal in MINIMAL.items():
        properties = [p for p in v3_schema(call, "send")["properties"] if p != "req_id"]
        for field, value in itertools.product(properties, CANDIDATES):
            cases.append((call, {**minimal, field: value}))
        cases.append((call, {**minimal, "unknown_field": 1}))
        cases.append((call, {**minimal, "loginid": "CR1234"}))  # valid only where defined
        cases.append((call, {**minimal, "subscribe": 1}))
        cases.append((call, {call: minimal[call]}))  # required extras dropped
    return cases


async def test_request_validator_agrees_with_send_json(sandbox: Sandbox) -> None:
    cases = agreement_cases()
    assert len(cases) > 2000
    client = await WsClient.open(sandbox)
    disagreements: list[str] = []
    batch = 200
    for start in range(0, len(cases), batch):
        chunk = cases[start : start + batch]
        replies = await _call_all(client, [request for _, request in chunk])
        for (call, request), reply in zip(chunk, replies, strict=True):
            assert reply["msg_type"] == call, (request, reply)
            schema = v3_schema(call, "send")
            schema_ok = Draft4Validator(schema).is_valid(deriv_coerced(schema, request))
            error = reply.get("error", {})
            refused = error.get("code") == "InputValidationFailed"
            if schema_ok == refused:
                disagreements.append(f"{call} {request!r}: schema_ok={schema_ok} reply={error}")
            if refused:
                details = error.get("details")
                assert isinstance(details, dict) and details
                assert set(details) <= set(request) | {"base_currency"}
    await client.close()
    assert disagreements == []


async def test_req_id_validation_agrees_with_send_json(sandbox: Sandbox) -> None:
    """req_id values are sent raw (the test client cannot match replies to a bad req_id).

    Deriv echoes req_id as sent in error replies; a success reply passes its coercing output
    validation, so a numeric string comes back as that integer."""
    client = await WsClient.open(sandbox)
    disagreements: list[str] = []
    for call, value in itertools.product(("ping", "balance", "authorize"), CANDIDATES):
        request = {**MINIMAL[call], "req_id": value}
        await client.ws.send(json.dumps(request))
        reply = await client.push()
        schema = v3_schema(call, "send")
        coerced = deriv_coerced(schema, request)
        schema_ok = Draft4Validator(schema).is_valid(coerced)
        refused = reply.get("error", {}).get("code") == "InputValidationFailed"
        if schema_ok == refused:
            disagreements.append(f"{request!r}: {reply.get('error')}")
        expected = value if "error" in reply else coerced["req_id"]
        assert reply.get("req_id") == expected and ("req_id" in reply) == (value is not None)
        assert type(reply.get("req_id")) is type(expected)
    await client.close()
    assert disagreements == []


async def _call_all(client: WsClient, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list(await asyncio.gather(*(client.call(r) for r in requests)))
