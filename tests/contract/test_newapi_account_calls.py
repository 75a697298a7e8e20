"""The Options sockets answer the account calls Deriv's new API defines (portfolio, statement,
profit_table, transaction, active_symbols, trading_times), and REST creates accounts; every
answer validates against the published bundle / OpenAPI in ../shared (issue 21)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect

from deriv_desktop.api.newapi import HttpClient
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.newapi.seed import PAT_APP_ID
from tests.contract.schemas import new_errors, openapi_response_errors, require_new_schemas

ACCOUNTS = "/trading/v1/options/accounts"
AMARA = "amara@example.com"


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    require_new_schemas()
    async with Sandbox(SandboxConfig(seed=5)) as sb:
        yield sb


async def rest(
    sandbox: Sandbox, method: str, path: str, token: str, body: Any = None
) -> tuple[int, Any]:
    headers = [("Authorization", f"Bearer {token}"), ("Deriv-App-ID", PAT_APP_ID)]
    raw = b"" if body is None else json.dumps(body).encode()
    if body is not None:
        headers.append(("Content-Type", "application/json"))
    reply = await HttpClient(timeout=5).request(
        method, sandbox.rest_url + path, headers=headers, body=raw if method == "POST" else None
    )
    return reply.status, json.loads(reply.body)


async def socket(sandbox: Sandbox, account_id: str) -> ClientConnection:
    assert sandbox.newapi is not None
    _, body = await rest(sandbox, "POST", f"{ACCOUNTS}/{account_id}/otp", sandbox.newapi.pat(AMARA))
    return await connect(body["data"]["url"])


async def ask(ws: ClientConnection, request: dict[str, Any]) -> dict[str, Any]:
    await ws.send(json.dumps(request))
    reply: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), 5))
    return reply


def first_account(sandbox: Sandbox) -> str:
    assert sandbox.newapi is not None
    user = sandbox.user(AMARA)
    return next(a.account_id for a in sandbox.newapi.state.user_accounts(user.user_id))


async def test_account_calls_answer_with_the_bundle_s_shapes(sandbox: Sandbox) -> None:
    assert sandbox.newapi is not None
    account_id = first_account(sandbox)
    balance = sandbox.newapi.state.accounts[account_id].balance
    ws = await socket(sandbox, account_id)
    stream = await ask(ws, {"transaction": 1, "subscribe": 1, "req_id": 1})
    assert new_errors("transaction_response", stream) == []
    sandbox.newapi.set_balance(account_id, balance - 10, trade=True)  # a lost contract
    pushes = [json.loads(await asyncio.wait_for(ws.recv(), 5)) for _ in range(2)]
    assert [p["transaction"]["action"] for p in pushes] == ["buy", "sell"]
    assert all(new_errors("transaction_response", p) == [] for p in pushes)
    for name, request in (
        ("portfolio", {"portfolio": 1}),
        ("statement", {"statement": 1, "description": 1}),
        ("profit_table", {"profit_table": 1, "description": 1}),
        ("active_symbols", {"active_symbols": "brief"}),
        ("trading_times", {"trading_times": "today"}),
    ):
        reply = await ask(ws, {**request, "req_id": 2})
        assert "error" not in reply, reply
        assert new_errors(f"{name}_request", request) == []
        assert new_errors(f"{name}_response", reply) == [], name
        if name == "statement":
            actions = [t["action_type"] for t in reply["statement"]["transactions"]]
            assert actions[:2] == ["sell", "buy"] and actions[-1] == "deposit"
        if name == "profit_table":
            (contract,) = reply["profit_table"]["transactions"]
            assert contract["buy_price"] == 10 and contract["sell_price"] == 0
    refused = await ask(ws, {"statement": 1, "limit": 1000, "req_id": 3})
    assert refused["error"]["code"] == "InputValidationFailed"
    await ws.close()


async def test_rest_creates_an_options_account(sandbox: Sandbox) -> None:
    assert sandbox.newapi is not None
    newcomer = sandbox.add_user_with_accounts(1, email="newcomer@example.com")
    token = sandbox.newapi.issue_pat(newcomer.email, "Setup", ("trade", "account_manage"))
    body = {"currency": "USD", "group": "row", "account_type": "real"}
    status, created = await rest(sandbox, "POST", ACCOUNTS, token, body)
    (opened,) = sandbox.newapi.state.user_accounts(newcomer.user_id)
    assert status == 201 and created["data"] == [
        {
            "account_id": opened.account_id,
            "balance": 0.0,
            "currency": "USD",
            "group": "row",
            "status": "active",
            "account_type": "real",
        }
    ]
    assert openapi_response_errors(ACCOUNTS, "POST", 201, created) == []
    again, existing = await rest(sandbox, "POST", ACCOUNTS, token, body)  # the same again: 200
    assert again == 200 and existing["data"]["account_id"] == opened.account_id
    assert openapi_response_errors(ACCOUNTS, "POST", 200, existing) == []
    demo, made = await rest(sandbox, "POST", ACCOUNTS, token, {**body, "account_type": "demo"})
    assert demo == 201 and made["data"][0]["balance"] == 10000
    bad, error = await rest(sandbox, "POST", ACCOUNTS, token, {**body, "currency": "EUR"})
    assert bad == 400 and error["errors"][0]["field"] == "currency"
    assert openapi_response_errors(ACCOUNTS, "POST", 400, error) == []
    trade_only = sandbox.newapi.issue_pat(AMARA, "Trade only", ("trade",))
    denied, error = await rest(sandbox, "POST", ACCOUNTS, trade_only, body)
    assert denied == 403 and openapi_response_errors(ACCOUNTS, "POST", 403, error) == []
