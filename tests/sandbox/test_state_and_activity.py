"""State file round trip, activity, benchmark helpers and the programmatic API."""

from __future__ import annotations

import json
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.config import ConfigError
from tests.sandbox.kit import WsClient, account, authorized, make_config, named_token


async def test_state_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "state" / "sandbox.json"
    async with Sandbox(make_config(state_file=path)) as first:
        amara = first.user("amara@example.com")
        usd = account(amara, "USD")
        admin = await authorized(first, named_token(first, usd.loginid, "Admin tools"))
        created = await admin.ok(
            {"api_token": 1, "new_token": "kept", "new_token_scopes": ["read"]}
        )
        kept = next(t["token"] for t in created["tokens"] if t["display_name"] == "kept")
        first.state.set_balance(usd.loginid, Decimal("42.42"))
        await admin.close()
        session_token = usd.token
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["sandbox.json"]  # no temp files left
    saved = json.loads(path.read_text())
    assert saved["version"] == 1

    async with Sandbox(make_config(state_file=path)) as second:
        amara = second.user("amara@example.com")
        assert account(amara, "USD").token == session_token
        client = await WsClient.open(second)
        assert (await client.ok({"authorize": kept}))["scopes"] == ["read"]
        assert (await client.ok({"balance": 1}))["balance"] == 42.42
        await client.close()


async def test_activity_moves_balances_and_rates() -> None:
    config = make_config(activity=True, activity_rate=2000.0, rates_interval=0.05, seed=3)
    async with Sandbox(config) as sb:
        amara = sb.user("amara@example.com")
        client = await authorized(sb, account(amara, "USD").token)
        first = await client.call({"balance": 1, "account": "all", "subscribe": 1})
        await client.call(
            {"exchange_rates": 1, "base_currency": "USD", "target_currency": "EUR", "subscribe": 1}
        )
        seen: set[str] = set()
        while not {"balance", "exchange_rates"} <= seen:
            seen.add((await client.push())["msg_type"])
        updates = [await client.push_where(lambda m: m["msg_type"] == "balance") for _ in range(5)]
        own = {a.loginid for a in amara.accounts}
        assert all(u["balance"]["loginid"] in own for u in updates)
        assert all(u["subscription"]["id"] == first["subscription"]["id"] for u in updates)
        await client.close()


async def test_bench_user_from_config() -> None:
    async with Sandbox(make_config(extra_accounts=25)) as sb:
        bench = sb.user("bench@example.com")
        assert len(bench.accounts) == 25
        assert {"USD", "BTC", "ETH", "EUR"} <= {a.currency for a in bench.accounts}
        assert any(a.is_virtual for a in bench.accounts)
        users = sb.info()["users"]
        assert isinstance(users, list)
        assert any(u["email"] == "bench@example.com" for u in users)
        another = sb.add_user_with_accounts(3)
        assert another.email == "bench2@example.com" and len(another.accounts) == 3


def test_config_refuses_non_loopback_and_bad_values() -> None:
    with pytest.raises(ConfigError):
        Sandbox(SandboxConfig(host="0.0.0.0"))
    with pytest.raises(ConfigError):
        Sandbox(SandboxConfig(fail_rate=2.0))
    Sandbox(SandboxConfig(host="::1"))  # IPv6 loopback is fine


async def test_info_urls_and_secret_free_reprs(sandbox: Sandbox) -> None:
    info = sandbox.info()
    assert info["ws_url"] == sandbox.ws_url and info["oauth_url"] == sandbox.oauth_url
    amara = sandbox.user("amara@example.com")
    usd = account(amara, "USD")
    assert usd.token not in repr(usd) and amara.password not in repr(amara)
    token = sandbox.state.tokens[usd.token]
    assert usd.token not in repr(token)
    assert [u.email for u in sandbox.users] == [
        "amara@example.com",
        "luis@example.com",
        "risky@example.com",  # the security checkup's users
        "clean@example.com",
    ]
