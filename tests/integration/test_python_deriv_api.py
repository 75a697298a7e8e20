"""Deriv's own Python client runs a session against the sandbox: proof that the sandbox speaks
Deriv, not only our dialect."""

from __future__ import annotations

import asyncio

import pytest

from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import User
from tests.integration.conftest import APP_ID

deriv_api = pytest.importorskip(
    "deriv_api",
    reason="python-deriv-api is not installed (pip install --no-deps python-deriv-api==0.1.6 "
    "reactivex==4.0.4, as the README's test command does)",
)


async def test_official_client_session(sandbox: Sandbox, amara: User) -> None:
    from deriv_api.errors import ResponseError

    api = deriv_api.DerivAPI(endpoint=sandbox.ws_url.split("/websockets")[0], app_id=APP_ID)
    try:
        usd = next(a for a in amara.accounts if a.loginid == "CR5100001")
        auth = await api.authorize({"authorize": usd.token})
        assert auth["authorize"]["loginid"] == "CR5100001"
        assert {a["loginid"] for a in auth["authorize"]["account_list"]} >= {"CR5100001"}

        balance = await api.balance({"balance": 1})
        assert balance["balance"]["loginid"] == "CR5100001"
        assert balance["balance"]["currency"] == "USD"

        created = await api.api_token(
            {"api_token": 1, "new_token": "peer client", "new_token_scopes": ["read"]}
        )
        assert created["api_token"]["new_token"] == 1
        listed = await api.api_token({"api_token": 1})
        mine = [t for t in listed["api_token"]["tokens"] if t["display_name"] == "peer client"]
        assert len(mine) == 1 and mine[0]["scopes"] == ["read"]

        deleted = await api.api_token({"api_token": 1, "delete_token": mine[0]["token"]})
        assert deleted["api_token"]["delete_token"] == 1
        assert all(t["display_name"] != "peer client" for t in deleted["api_token"]["tokens"])

        with pytest.raises(ResponseError) as info:
            await api.api_token({"api_token": 1, "new_token": "x", "new_token_scopes": ["read"]})
        assert info.value.code == "APITokenError"
        assert info.value.msg_type == "api_token"

        stream = await api.subscribe({"balance": 1, "subscribe": 1})
        got: asyncio.Future[dict[str, object]] = asyncio.get_running_loop().create_future()
        stream.subscribe(lambda msg: got.done() or got.set_result(msg))
        first = await asyncio.wait_for(got, 5)
        assert first["msg_type"] == "balance"
    finally:
        await api.clear()


async def test_official_client_uses_the_calls_bots_expect(sandbox: Sandbox, amara: User) -> None:
    """The calls and the leniency bots rely on: reference data, statement, ticks, Deriv's type
    coercion (`send` passes requests through unchecked, as a hand-written bot would)."""
    from deriv_api.errors import ResponseError

    api = deriv_api.DerivAPI(endpoint=sandbox.ws_url.split("/websockets")[0], app_id=APP_ID)
    try:
        countries = await api.residence_list({"residence_list": 1})
        assert "za" in {c["value"] for c in countries["residence_list"]}
        company = await api.landing_company({"landing_company": "za"})
        assert company["landing_company"]["gaming_company"]["shortcode"] == "svg"

        pong = await api.send({"ping": "1"})  # a string where Deriv's schema wants 1
        assert pong["ping"] == "pong" and pong["echo_req"]["ping"] == "1"
        with pytest.raises(ResponseError) as info:
            await api.send({"authorize": 12345})  # coerced to text, then an unknown token
        assert info.value.code == "InvalidToken"

        usd = next(a for a in amara.accounts if a.loginid == "CR5100001")
        await api.authorize({"authorize": usd.token})
        apps = await api.app_list({"app_list": 1})
        assert [a["name"] for a in apps["app_list"]] == ["Balance Buddy"]
        app = await api.app_get({"app_get": 45678})
        assert app["app_get"]["app_id"] == 45678

        sandbox.state.set_balance("CR5100001", "10000")
        statement = await api.statement({"statement": 1, "limit": 5})
        lines = statement["statement"]["transactions"]
        assert lines[0]["action_type"] == "withdrawal" and lines[0]["balance_after"] == 10000

        stream = await api.subscribe({"ticks": "R_100"})
        got: asyncio.Future[dict[str, object]] = asyncio.get_running_loop().create_future()
        stream.subscribe(lambda msg: got.done() or got.set_result(msg))
        tick = await asyncio.wait_for(got, 5)
        assert tick["msg_type"] == "tick"
    finally:
        await api.clear()
