"""Every REST and socket exchange between the app's new-API code and the sandbox validates
against Deriv's published schemas (``../shared/deriv-api-schemas/new``): the REST OpenAPI (with
its ``$ref``s resolved) and the bundle's ``*_request``/``*_response`` schemas.

The exchanges are recorded at the sandbox (``tap``) while the real client code runs: sign-in,
streams, a switch, a demo reset, migration status, health, the error answers the app must
understand, and the socket calls (balance, ping, time, forget, forget_all).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
import websockets
from websockets.asyncio.client import connect

from deriv_desktop.api.newapi import HttpClient, RestClient, calls
from deriv_desktop.domain.errors import (
    InputValidationFailed,
    InvalidAppID,
    InvalidToken,
    PermissionDenied,
    RateLimit,
    WrongResponse,
)
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.newapi.seed import PAT_APP_ID
from tests.contract.schemas import (
    new_errors,
    openapi,
    openapi_errors,
    openapi_response_errors,
    require_new_schemas,
)
from tests.integration.newapi_kit import AMARA, make_backend

Record = tuple[str, dict[str, Any]]

ROUTES: list[tuple[str, re.Pattern[str], str, str]] = [
    (
        "GET",
        re.compile(r"^/trading/v1/options/accounts$"),
        "/trading/v1/options/accounts",
        "get_accounts",
    ),
    (
        "POST",
        re.compile(r"^/trading/v1/options/accounts/(?P<id>[^/]+)/otp$"),
        "/trading/v1/options/accounts/{accountId}/otp",
        "websocket",
    ),
    (
        "POST",
        re.compile(r"^/trading/v1/options/accounts/(?P<id>[^/]+)/reset-demo-balance$"),
        "/trading/v1/options/accounts/{account_id}/reset-demo-balance",
        "reset_demo_balance",
    ),
    (
        "GET",
        re.compile(r"^/trading/v1/options/legacy/migration-status$"),
        "/trading/v1/options/legacy/migration-status",
        "legacy_migration_status",
    ),
    ("GET", re.compile(r"^/v1/health$"), "/v1/health", "health"),
]


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    require_new_schemas()
    async with Sandbox(SandboxConfig(seed=3)) as sb:
        yield sb


def tap_into(sandbox: Sandbox) -> list[Record]:
    assert sandbox.newapi is not None
    records: list[Record] = []

    def tap(kind: str, item: dict[str, Any]) -> None:
        records.append((kind, item))

    sandbox.newapi.rest.tap = tap
    sandbox.newapi.sockets.tap = tap
    return records


def _route(method: str, path: str) -> tuple[str, str, str | None]:
    for want, pattern, template, name in ROUTES:
        match = pattern.fullmatch(path)
        if want == method and match:
            return template, name, match.groupdict().get("id")
    raise AssertionError(f"the app used an endpoint with no schema: {method} {path}")


def _request_instance(name: str, headers: dict[str, str], account: str | None) -> Any:
    sent = {
        "Deriv-App-ID": headers.get("deriv-app-id"),
        "Authorization": headers.get("authorization"),
    }
    sent = {k: v for k, v in sent.items() if v is not None}
    if name == "health":
        return {}
    if name == "legacy_migration_status":
        return {"Deriv-App-ID": sent.get("Deriv-App-ID")}
    instance: dict[str, Any] = {"headers": sent}
    if name == "websocket":
        instance["path"] = {"accountId": account}
    if name == "reset_demo_balance":
        instance["path"] = {"account_id": account}
    return instance


def check_rest(item: dict[str, Any], *, from_app: bool) -> tuple[str, int]:
    """Problems of one REST exchange (request when the app sent it, and always the answer)."""
    method, path, status = item["method"], item["path"], item["status"]
    template, name, account = _route(method, path)
    problems: list[str] = []
    if from_app:
        problems += new_errors(f"{name}_request", _request_instance(name, item["headers"], account))
    if name == "health":
        text = item["body"].decode()
        problems += openapi_response_errors(template, method, status, text, "text/plain")
        problems += new_errors("health_response", text)
    else:
        body = json.loads(item["body"])
        problems += openapi_response_errors(template, method, status, body)
        if status == 200:
            problems += new_errors(f"{name}_response", body)
    assert not problems, f"{method} {path} -> {status}: {problems}"
    return name, status


def check_socket(kind: str, message: dict[str, Any]) -> str:
    if kind == "request":
        name = next(k for k in message if k not in ("req_id", "passthrough", "subscribe"))
        problems = new_errors(f"{name}_request", message)
    else:
        name = str(message["msg_type"])
        problems = new_errors(f"{name}_response", message)
    assert not problems, f"{kind} {name}: {problems} in {message}"
    return f"{kind}:{name}"


async def test_every_exchange_of_the_app_validates(sandbox: Sandbox) -> None:
    assert sandbox.newapi is not None
    records = tap_into(sandbox)
    backend = make_backend(sandbox)
    rest = backend.rest
    pat = sandbox.newapi.pat(AMARA)
    try:
        signed = await backend.sign_in(await backend.identify([pat]))
        real, demo = (
            signed.accounts[0].loginid,
            next(a.loginid for a in signed.accounts if a.is_virtual),
        )
        updates = backend.balance_updates(real)
        first = await anext(updates)  # the REST snapshot
        assert {b.loginid for b in first[0]} == {a.loginid for a in signed.accounts}
        live = await anext(updates)  # the socket's first balance
        assert [b.loginid for b in live[0]] == [real]
        sandbox.newapi.set_balance(real, "2600.50")
        pushed = await anext(updates)
        assert pushed[0][0].amount == Decimal("2600.5")

        await backend.activate(demo)  # forget on the real socket, new OTP, stream on demo
        moved = await anext(updates)
        assert [b.loginid for b in moved[0]] == [demo]
        client = backend.sockets.get(demo)
        assert client is not None
        assert await client.call(calls.ping()) == "pong"
        assert isinstance(await client.call(calls.time()), int)
        assert await client.call(calls.forget("0" * 32)) == 0
        previous = backend.sockets.get(real)  # kept open (switching back is instant)
        assert previous is not None
        assert await previous.call(calls.forget_all("balance")) == []  # its stream was forgotten

        topped = await backend.topup(demo)
        assert topped.amount == Decimal("9130")  # reset from 870 to 10,000
        assert (await backend.migration_status()).value == "complete"
        assert await rest.health()

        with pytest.raises(InputValidationFailed) as refused:
            await rest.reset_demo_balance(real)
        assert refused.value.details == {"account_id": "Only demo accounts can be reset."}
        with pytest.raises(Exception, match="Account not found"):
            await rest.otp_url("DOT1")
        sandbox.newapi.faults.fail_next(429)
        with pytest.raises(RateLimit):
            await rest.accounts()
        sandbox.newapi.faults.fail_next(503)
        with pytest.raises(WrongResponse):
            await rest.accounts()
        scopeless = RestClient(
            app_id=PAT_APP_ID,
            base_url=sandbox.rest_url,
            token=sandbox.newapi.pat(AMARA, "Nickname only"),
        )
        with pytest.raises(PermissionDenied):
            await scopeless.accounts()
        stranger = RestClient(app_id=PAT_APP_ID, base_url=sandbox.rest_url, token="pat_nobody")
        with pytest.raises(InvalidToken):
            await stranger.accounts()
        unknown_app = RestClient(app_id="777", base_url=sandbox.rest_url, token=pat)
        with pytest.raises(InvalidAppID):
            await unknown_app.accounts()
        await updates.aclose()
    finally:
        await backend.close()

    # What no app would send, but whose answer must still follow the schema.
    reply = await HttpClient().request(
        "GET",
        sandbox.rest_url + "/trading/v1/options/accounts",
        headers=[("Authorization", f"Bearer {pat}")],
    )
    assert reply.status == 401
    assert json.loads(reply.body)["errors"][0]["message"] == (
        "Deriv-App-ID header is required for PAT tokens"
    )
    probe_count = 1

    rest_seen = [
        check_rest(item, from_app=i < len([r for r in records if r[0] == "rest"]) - probe_count)
        for i, (_, item) in enumerate(r for r in records if r[0] == "rest")
    ]
    socket_seen = {check_socket(kind, msg) for kind, msg in records if kind != "rest"}

    assert {name for name, status in rest_seen if status == 200} == {
        "get_accounts",
        "websocket",
        "reset_demo_balance",
        "legacy_migration_status",
        "health",
    }
    assert {status for _, status in rest_seen} >= {200, 400, 401, 403, 404, 429, 503}
    assert socket_seen >= {
        f"{kind}:{name}"
        for kind in ("request", "message")
        for name in ("balance", "ping", "time", "forget", "forget_all")
    }


async def test_refused_upgrades_answer_with_a_rest_error_body(sandbox: Sandbox) -> None:
    assert sandbox.newapi is not None
    rest = RestClient(app_id=PAT_APP_ID, base_url=sandbox.rest_url, token=sandbox.newapi.pat(AMARA))
    demo = next(a for a in await rest.accounts() if a.is_demo)
    url = await rest.otp_url(demo.account_id)
    ws_paths = {p for p in openapi()["paths"] if p.startswith("/trading/v1/options/ws/")}
    assert url.split("?")[0].removeprefix(sandbox.newapi.ws_base) in ws_paths
    async with connect(url) as ws:  # first use: accepted
        await ws.send(json.dumps(calls.ping()))
        assert json.loads(await ws.recv())["ping"] == "pong"
    late = await rest.otp_url(demo.account_id)
    sandbox.newapi.state.advance(121)  # OTPs live 120 s
    other_kind = (await rest.otp_url(demo.account_id)).replace("/ws/demo", "/ws/real")
    for bad in (url, url.split("?")[0], late, other_kind, url.split("?")[0] + "?otp=nope"):
        with pytest.raises(websockets.InvalidStatus) as refused:
            async with connect(bad):
                pass
        response = refused.value.response
        assert response.status_code == 401
        assert response.headers["Content-Type"] == "application/json"
        body = json.loads(response.body)
        assert not openapi_response_errors("/trading/v1/options/ws/demo", "GET", 401, body), body
        assert body["errors"][0]["code"] == "Unauthorized"
    assert sandbox.newapi.stats.otps_refused == {
        "used": 1,
        "missing": 1,
        "expired": 1,
        "wrong_account": 1,
        "unknown": 1,
    }


VALID_REQUESTS: list[dict[str, Any]] = [
    {"balance": 1},
    {"balance": 1, "subscribe": 1, "req_id": 5, "passthrough": {"x": 1}},
    {"ping": 1},
    {"time": 1},
    {"forget": "a" * 32},
    {"forget_all": "balance"},
    {"forget_all": ["balance", "ticks"]},
]
INVALID_REQUESTS: list[dict[str, Any]] = [
    {"balance": 1, "loginid": "DOT90004580"},  # the socket's account is fixed; no loginid
    {"balance": 1, "account": "all"},  # removed in the new API
    {"balance": 2},
    {"balance": 1, "subscribe": True},
    {"ping": 1, "req_id": "7"},
    {"forget": "short"},
    {"forget_all": "website_status"},  # not a stream type any more
    {"forget_all": ["balance", 3]},
]


@pytest.mark.parametrize("request_", VALID_REQUESTS + INVALID_REQUESTS)
async def test_sandbox_validator_agrees_with_the_bundle(
    sandbox: Sandbox, request_: dict[str, Any]
) -> None:
    assert sandbox.newapi is not None
    name = next(k for k in request_ if k not in ("req_id", "passthrough", "subscribe"))
    schema_ok = not new_errors(f"{name}_request", request_)
    rest = RestClient(app_id=PAT_APP_ID, base_url=sandbox.rest_url, token=sandbox.newapi.pat(AMARA))
    real = next(a for a in await rest.accounts() if not a.is_demo and a.active)
    async with connect(await rest.otp_url(real.account_id)) as ws:
        await ws.send(json.dumps(request_))
        reply = json.loads(await ws.recv())
    code = (reply.get("error") or {}).get("code")
    assert (code != "InputValidationFailed") == schema_ok, reply
    assert not new_errors(f"{name}_response", reply), reply


def test_openapi_refs_resolve() -> None:
    require_new_schemas()
    item = {
        "account_id": "DOT90004580",
        "balance": 1,
        "currency": "USD",
        "group": "row",
        "status": "active",
        "account_type": "demo",
    }
    assert not openapi_errors("/components/schemas/OptionsAccount", item)
    assert openapi_errors("/components/schemas/OptionsAccount", {**item, "status": "asleep"})
    good = {"data": [item], "meta": {"endpoint": "/x", "method": "GET", "timing": 1}}
    assert not openapi_response_errors("/trading/v1/options/accounts", "GET", 200, good)
    assert openapi_response_errors(
        "/trading/v1/options/accounts", "GET", 200, {**good, "data": [{"balance": 1}]}
    )
