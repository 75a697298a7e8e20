"""The sandbox behaves as Deriv's published server code where a bot developer's code is most
likely to go wrong (issue 21), checked against Deriv's official schemas in ../shared.

Deriv's behaviour comes from binary-websocket-api (`lib/Binary/WebSocketAPI.pm`, `Hooks.pm`,
`Plugins/RateLimits.pm`, `v3/Wrapper/DocumentUpload.pm`) and perl-Mojo-WebSocketProxy
(`Dispatcher.pm`, `Parser.pm`); the sandbox's fidelity table (deriv_desktop/sandbox/FIDELITY.md)
cites them. statement and ticks have no v3 schema in ../shared: their replies are checked
against the new API's copies, which Deriv's v3 files match (ticks) or extend (statement).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from jsonschema import Draft4Validator
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from deriv_desktop.sandbox import RateLimits, Sandbox
from tests.contract.schemas import new_errors, require_schemas, v3_schema
from tests.sandbox.kit import APP_ID, WsClient, account, authorized, make_config

Message = dict[str, Any]


def problems(message: Message) -> list[str]:
    """How a v3 message breaks its receive schema (statement/tick: the new API's copy)."""
    msg_type = message["msg_type"]
    if msg_type in ("statement", "tick"):
        name = "ticks" if msg_type == "tick" else msg_type
        return new_errors(f"{name}_response", message)
    schema = v3_schema(msg_type, "receive")
    return [e.message for e in Draft4Validator(schema).iter_errors(message)]


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    require_schemas()
    async with Sandbox(make_config()) as sb:
        yield sb


# -- rate limits ----------------------------------------------------------------------------
async def test_the_181st_call_in_a_minute_gets_deriv_s_rate_limit(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    status = await client.ok({"website_status": 1})
    general = status["api_call_limits"]["max_requestes_general"]
    assert (general["applies_to"], general["minutely"], general["hourly"]) == (
        "rest of calls",
        180,
        14400,
    )
    for _ in range(179):
        await client.ok({"website_status": 1})
    reply = await client.call({"website_status": 1})
    assert reply["error"] == {
        "code": "RateLimit",
        "message": "You have reached the rate limit for website_status.",
    }
    assert problems(reply) == []
    assert await client.ok({"ping": 1}) == "pong"  # ping and time have their own budget
    await client.close()


async def test_the_11th_ping_in_a_second_closes_the_socket_with_1008(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    for n in range(1, 12):  # pipelined: all eleven are on the wire before the first reply
        await client.ws.send(json.dumps({"ping": 1, "req_id": n}))
    await client.wait_closed()
    replies = {m["req_id"]: m for m in client.received}
    assert all(replies[n]["ping"] == "pong" for n in range(1, 11))
    assert replies[11]["error"]["code"] == "RateLimit" and problems(replies[11]) == []
    assert (client.ws.close_code, client.ws.close_reason) == (1008, "Policy Violation")


async def test_unauthenticated_budget_is_per_app_ip_and_user_agent() -> None:
    async with Sandbox(make_config(rate_limits=RateLimits(general_minutely=3))) as sb:
        first = await WsClient.open(sb, user_agent_header="bot/1")
        await first.ok({"website_status": 1})
        await first.ok({"website_status": 1})
        await first.close()
        again = await WsClient.open(sb, user_agent_header="bot/1")  # a reconnect keeps count
        await again.ok({"website_status": 1})
        assert (await again.error({"website_status": 1}))["code"] == "RateLimit"
        other_agent = await WsClient.open(sb, user_agent_header="bot/2")
        await other_agent.ok({"website_status": 1})
        other_app = await WsClient.open(sb, app_id=4322, user_agent_header="bot/1")
        await other_app.ok({"website_status": 1})
        for client in (again, other_agent, other_app):
            await client.close()


async def test_requests_are_counted_before_they_are_validated() -> None:
    async with Sandbox(make_config(rate_limits=RateLimits(general_minutely=1))) as sb:
        client = await WsClient.open(sb)
        assert (await client.error({"website_status": 2}))["code"] == "InputValidationFailed"
        assert (await client.error({"website_status": 1}))["code"] == "RateLimit"
        assert (await client.error({"website_status": 2}))["code"] == "RateLimit"
        await client.close()


# -- app_id ---------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["", "?app_id=", "?app_id=abc", "?app_id=0123", "?l=EN"])
async def test_missing_or_malformed_app_id_is_refused_at_the_upgrade(
    sandbox: Sandbox, query: str
) -> None:
    with pytest.raises(InvalidStatus) as caught:
        await connect(sandbox.ws_url + query)
    response = caught.value.response
    assert response.status_code == 401
    assert json.loads(response.body) == {"error": "InvalidAppID"}


# -- coercion, req_id, passthrough ------------------------------------------------------------
async def test_types_are_coerced_as_deriv_s_validator_does(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    for request in ({"ping": "1"}, {"time": 1.0}, {"website_status": "1", "subscribe": "0"}):
        reply = await client.call(request)
        assert "error" not in reply and problems(reply) == [], reply
        assert reply["echo_req"] == {**request, "req_id": reply["req_id"]}  # as sent
    reply = await client.call({"authorize": 12345})  # coerced to "12345": a well-formed token
    assert reply["error"]["code"] == "InvalidToken" and problems(reply) == []
    reply = await client.call({"ping": "one"})
    assert reply["error"]["details"] == {"ping": "Expected integer - got string."}
    await client.close()


async def test_req_id_comes_back_so_clients_can_match_replies(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    await client.ws.send(json.dumps({"ping": 1, "req_id": "tag-1"}))
    refused = await client.push()  # a string req_id fails validation, and is echoed unchanged
    assert refused["req_id"] == "tag-1" and refused["error"]["code"] == "InputValidationFailed"
    await client.ws.send(json.dumps({"ping": 1, "req_id": "42"}))
    served = await client.push()  # coerced for the check and by Deriv's output validation
    assert served["req_id"] == 42 and served["echo_req"]["req_id"] == "42"
    assert problems(served) == []
    await client.close()


async def test_passthrough_is_copied_to_the_top_of_every_reply(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    tag = {"bot": "grid", "n": 3}
    for request in ({"ping": 1}, {"balance": 1}, {"no_such_call": 1}, {"ping": 9}):
        reply = await client.call({**request, "passthrough": tag})
        assert reply["passthrough"] == tag and reply["echo_req"]["passthrough"] == tag
        assert reply["msg_type"] == "error" or problems(reply) == []
    await client.close()


async def test_an_unauthorised_call_naming_a_loginid_is_permission_denied(
    sandbox: Sandbox,
) -> None:
    client = await WsClient.open(sandbox)
    reply = await client.call({"balance": 1, "loginid": "CR5100001"})
    assert reply["error"] == {
        "code": "PermissionDenied",
        "message": "Permission denied, requires read,trading_information scope(s).",
    }
    assert problems(reply) == []
    assert (await client.error({"balance": 1}))["code"] == "AuthorizationRequired"
    await client.close()


# -- frames ---------------------------------------------------------------------------------
async def test_text_that_is_not_json_closes_without_a_reply(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    await client.ws.send("ping")
    await client.wait_closed()
    assert client.received == [] and client.ws.close_code == 1005


@pytest.mark.parametrize(
    "request_",
    [
        {"ping": 1, "bad key": 1},
        {"ping": 1, "passthrough": {"note": "x" * 301}},
        {"ping": 1, "passthrough": {"bad key": 1}},
        {"ping": 1, "passthrough": {"ctl": "a\x00b"}},
    ],
)
async def test_requests_failing_the_sanity_check(sandbox: Sandbox, request_: Message) -> None:
    client = await WsClient.open(sandbox)
    reply = await client.call(request_)
    assert reply["msg_type"] == "error"
    assert reply["error"] == {
        "code": "SanityCheckFailed",
        "message": "Parameters sanity check failed.",
    }
    assert reply["echo_req"] == {**request_, "req_id": reply["req_id"]}
    passes = await client.call({"ping": 1, "passthrough": {"note": "é" * 300, "deep": {"x": 1}}})
    assert passes["ping"] == "pong"
    await client.close()


async def test_binary_frames_are_document_upload_chunks(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    await client.ws.send(json.dumps({"ping": 1, "req_id": 5}).encode())  # JSON: as text
    assert (await client.push())["ping"] == "pong"
    await client.ws.send(b"\x00\x00\x00\x01\x00\x00\x00\x07\x00\x00\x00\x03abc")
    refused = await client.push()
    assert refused["msg_type"] == "document_upload"
    assert refused["error"]["code"] == "InvalidToken"  # the upload RPC needs a session
    await client.ok({"authorize": account(sandbox.user("amara@example.com"), "USD").token})
    await client.ws.send(b"\x89PNG\r\n")
    refused = await client.push()
    assert refused["error"] == {
        "code": "UploadDenied",
        "message": "Sorry, an error occurred while processing your request.",
    }
    await client.close()


# -- calls clients expect -------------------------------------------------------------------
async def test_reference_calls_without_authorization(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    za = await client.call({"landing_company": "za"})
    de = await client.call({"landing_company": "de"})
    assert problems(za) == [] and problems(de) == []
    assert za["landing_company"]["gaming_company"]["shortcode"] == "svg"
    assert de["landing_company"]["financial_company"]["shortcode"] == "maltainvest"
    assert (await client.error({"landing_company": "zz"}))["code"] == "UnknownLandingCompany"
    countries = await client.ok({"residence_list": 1})
    # No residence_list schema in ../shared: the fields are among those Deriv's v3
    # receive.json defines for an item (text, value, phone_idd, ...).
    assert {"za", "br"} <= {c["value"] for c in countries}
    documented = {"text", "value", "phone_idd", "disabled", "identity", "selected", "tin_format"}
    assert all(set(c) <= documented and {"text", "value"} <= set(c) for c in countries)
    await client.close()


async def test_ticks_stream_synthetic_indices(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox)
    first = await client.call({"ticks": "R_100"})
    assert first["msg_type"] == "tick" and problems(first) == []
    push = await client.push_where(lambda m: m["msg_type"] == "tick")
    assert problems(push) == [] and push["subscription"] == first["subscription"]
    assert push["tick"]["epoch"] > first["tick"]["epoch"]
    assert (await client.error({"ticks": "NOPE"}))["code"] == "InvalidSymbol"
    assert await client.ok({"forget_all": "ticks"}) == [first["subscription"]["id"]]
    await client.close()


async def test_account_calls_apps_and_statement(sandbox: Sandbox) -> None:
    amara = sandbox.user("amara@example.com")
    usd = account(amara, "USD")
    client = await authorized(sandbox, usd.token)
    apps = await client.call({"app_list": 1})
    assert problems(apps) == [] and [a["app_id"] for a in apps["app_list"]] == [45678]
    app = await client.call({"app_get": 45678})
    assert problems(app) == [] and app["app_get"]["name"] == "Balance Buddy"
    assert (await client.error({"app_get": 41234}))["code"] == "InvalidAppID"  # not hers
    sandbox.activity.move_balances(5)
    sandbox.state.set_balance(usd.loginid, "20000")
    sandbox.state.set_balance(usd.loginid, "19000")
    reply = await client.call({"statement": 1, "description": 1, "limit": 50})
    assert problems(reply) == []
    lines = reply["statement"]["transactions"]
    assert [line["action_type"] for line in lines[:2]] == ["withdrawal", "deposit"]
    assert lines[0]["amount"] == -1000 and lines[0]["balance_after"] == 19000
    assert lines[-1]["action_type"] == "deposit"  # the opening balance
    await client.close()


async def test_the_new_calls_need_their_scopes(sandbox: Sandbox) -> None:
    client = await WsClient.open(sandbox, app_id=APP_ID)
    for request in ({"app_list": 1}, {"app_get": 1}, {"statement": 1}):
        assert (await client.error(request))["code"] == "AuthorizationRequired"
    await client.close()
