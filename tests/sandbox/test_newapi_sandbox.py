"""The sandbox's new-API surface on its own: REST envelope and refusals, published limits,
socket admission, the info line and OAuth2 routing of users who are not migrated yet."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import websockets
from websockets.asyncio.client import ClientConnection, connect

from deriv_desktop.api.newapi import HttpClient, HttpReply
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.newapi.seed import PAT_APP_ID

AMARA = "amara@example.com"
ACCOUNTS = "/trading/v1/options/accounts"


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(
        SandboxConfig(
            rest_requests_per_minute=5, max_sockets_per_user=3, socket_requests_per_second=4
        )
    ) as sb:
        yield sb


async def call(
    sandbox: Sandbox, method: str, path: str, token: str | None, app_id: str | None = PAT_APP_ID
) -> tuple[HttpReply, Any]:
    headers = []
    if token is not None:
        headers.append(("Authorization", f"Bearer {token}"))
    if app_id is not None:
        headers.append(("Deriv-App-ID", app_id))
    reply = await HttpClient(timeout=5).request(
        method, sandbox.rest_url + path, headers=headers, body=b"" if method == "POST" else None
    )
    body = (
        json.loads(reply.body)
        if reply.headers.get("content-type") == "application/json"
        else reply.body.decode()
    )
    return reply, body


def pat(sandbox: Sandbox, email: str = AMARA) -> str:
    assert sandbox.newapi is not None
    return sandbox.newapi.pat(email)


async def test_envelope_and_refusal_order(sandbox: Sandbox) -> None:
    reply, body = await call(sandbox, "GET", ACCOUNTS, pat(sandbox))
    assert reply.status == 200 and reply.headers["cache-control"] == "no-store"
    assert [a["account_id"] for a in body["data"]] == ["DOT90004580", "DOT90004581", "DOT90004582"]
    assert body["meta"]["endpoint"] == ACCOUNTS and body["meta"]["method"] == "GET"
    assert isinstance(body["meta"]["timing"], int)

    cases = [
        (("GET", ACCOUNTS, None), 401, "Unauthorized", "Authorization"),
        (("GET", ACCOUNTS, pat(sandbox), None), 401, "Unauthorized", "Deriv-App-ID"),
        (("GET", ACCOUNTS, "nonsense"), 401, "Unauthorized", None),
        (
            ("POST", ACCOUNTS + "/DOT90004583/otp", pat(sandbox)),
            404,
            "AccountNotFound",
            "account_id",
        ),  # luis's account is not amara's
        (
            ("POST", ACCOUNTS + "/DOT90004580/reset-demo-balance", pat(sandbox)),
            400,
            "ValidationError",
            "account_id",
        ),
    ]
    for args, status, code, field in cases:
        reply, body = await call(sandbox, *args)  # type: ignore[arg-type]
        error = body["errors"][0]
        assert (reply.status, error["status"], error["code"]) == (status, status, code), body
        assert error.get("field") == field
    reply, body = await call(sandbox, "GET", "/nowhere", pat(sandbox))
    assert reply.status == 404
    reply, body = await call(sandbox, "DELETE", ACCOUNTS, pat(sandbox))
    assert reply.status == 405
    reply, body = await call(sandbox, "GET", "/v1/health", None, None)
    assert (reply.status, body) == (200, "OK")


async def test_sixty_a_minute_per_token_becomes_429(sandbox: Sandbox) -> None:
    assert sandbox.newapi is not None
    statuses = [(await call(sandbox, "GET", ACCOUNTS, pat(sandbox)))[0].status for _ in range(6)]
    assert statuses == [200] * 5 + [429]  # this sandbox was configured with 5 a minute
    other, _ = await call(sandbox, "GET", ACCOUNTS, pat(sandbox, "luis@example.com"))
    assert other.status == 200  # per token, not global


async def open_socket(sandbox: Sandbox, account_id: str = "DOT90004580") -> ClientConnection:
    _, body = await call(sandbox, "POST", f"{ACCOUNTS}/{account_id}/otp", pat(sandbox))
    return await connect(body["data"]["url"])


async def test_sockets_per_user_and_requests_per_socket_are_limited(sandbox: Sandbox) -> None:
    assert sandbox.newapi is not None
    sockets = [await open_socket(sandbox) for _ in range(3)]
    with pytest.raises(websockets.InvalidStatus) as refused:
        await open_socket(sandbox)
    assert refused.value.response.status_code == 429
    assert sandbox.newapi.stats.peak_sockets_by_user[sandbox.user(AMARA).user_id] == 3
    ws = sockets[0]
    for n in range(5):
        await ws.send(json.dumps({"time": 1, "req_id": n}))
    replies = [json.loads(await ws.recv()) for _ in range(5)]
    assert [r.get("error", {}).get("code") for r in replies] == [None] * 4 + ["RateLimit"]
    await ws.send(json.dumps({"ping": 1}))  # ping is never limited
    assert json.loads(await ws.recv())["ping"] == "pong"
    await ws.send(json.dumps({"authorize": "x"}))  # there is no authorize on the new sockets
    assert json.loads(await ws.recv())["error"]["code"] == "UnrecognisedRequest"
    for s in sockets:
        await s.close()
    await sandbox.newapi.stats.wait_for(
        lambda: sandbox.newapi is not None and sandbox.newapi.stats.connections_open == 0
    )
    again = await open_socket(sandbox)  # closing frees the places again
    await again.close()


async def test_balance_streams_follow_the_socket_s_account(sandbox: Sandbox) -> None:
    assert sandbox.newapi is not None
    ws = await open_socket(sandbox, "DOT90004581")
    await ws.send(json.dumps({"balance": 1, "subscribe": 1, "req_id": 1}))
    first = json.loads(await ws.recv())
    assert first["balance"]["loginid"] == "DOT90004581" and first["subscription"]["id"]
    await ws.send(json.dumps({"balance": 1, "subscribe": 1, "req_id": 2}))
    assert json.loads(await ws.recv())["error"]["code"] == "AlreadySubscribed"
    sandbox.newapi.set_balance("DOT90004580", "1")  # another account: nothing here
    sandbox.newapi.set_balance("DOT90004581", "12.5")
    push = json.loads(await ws.recv())
    assert push["balance"]["balance"] == 12.5 and push["req_id"] == 1
    await ws.close()


async def test_info_lists_the_new_surface(sandbox: Sandbox) -> None:
    info = sandbox.info()
    assert info["rest_url"] == sandbox.rest_url
    assert info["oauth2_url"] == sandbox.oauth2_url and str(info["oauth2_token_url"]).endswith(
        "/oauth2/token"
    )
    users: list[dict[str, Any]] = info["users"]  # type: ignore[assignment]
    amara = next(u for u in users if u["email"] == AMARA)
    assert amara["migration_status"] == "complete"
    assert [p["name"] for p in amara["pats"]] == ["Desktop", "Nickname only"]
    assert amara["pats"][0]["token"] == pat(sandbox)
    assert {a["account_type"] for a in amara["options_accounts"]} == {"real", "demo"}
    luis = next(u for u in users if u["email"] == "luis@example.com")
    assert luis["migration_status"] == "not_applicable"
    assert {a["app_id"] for a in info["new_api_apps"]} == {"30001", "30002"}  # type: ignore[union-attr]
    assert pat(sandbox) not in repr(sandbox.newapi.state.pats[pat(sandbox)])  # type: ignore[union-attr]


async def test_the_legacy_sandbox_alone_is_unchanged() -> None:
    async with Sandbox(SandboxConfig(new_api=False)) as sb:
        assert "rest_url" not in sb.info() and sb.newapi is None
        with pytest.raises(RuntimeError, match="without the new API"):
            _ = sb.rest_url


async def test_users_not_migrated_are_sent_to_the_legacy_app() -> None:
    relay = "https://relay.example.test/r.html"
    config = SandboxConfig(oauth2_clients={"40001": relay}, migration_status={AMARA: "pending"})
    async with Sandbox(config) as sb:
        query = urlencode(
            {
                "response_type": "code",
                "client_id": "40001",
                "redirect_uri": relay,
                "scope": "trade",
                "state": "5000." + "s" * 43,
                "code_challenge": "c" * 43,
                "code_challenge_method": "S256",
                "app_id": "1089",
            }
        )
        http = HttpClient(timeout=5)
        page = await http.request("GET", f"{sb.oauth2_url}?{query}")
        csrf = page.body.split(b'name="csrf_token" value="')[1].split(b'"')[0].decode()
        login = await http.request(
            "POST",
            sb.oauth2_url,
            headers=[("Content-Type", "application/x-www-form-urlencoded")],
            body=urlencode(
                {"csrf_token": csrf, "email": AMARA, "password": "Sandbox#Amara1"}
            ).encode(),
        )
        assert login.status == 302
        target = urlsplit(login.headers["location"])
        assert target.path == "/oauth2/authorize"
        assert parse_qs(target.query)["app_id"] == ["1089"]
