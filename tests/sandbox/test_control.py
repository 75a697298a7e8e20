"""The control channel (``--control``): faults injected at a chosen moment from outside, over
a loopback socket that only answers the secret printed at start-up; and ``--delay`` keeping a
stream's first reply ahead of its pushes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest

from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.control import ControlClient, ControlError, control_command
from tests.sandbox.kit import TIMEOUT, WsClient, account, authorized, make_config, named_token
from tests.sandbox.test_cli import start_cli


@pytest.fixture
async def sb() -> AsyncIterator[Sandbox]:
    async with Sandbox(make_config(control=True)) as sandbox:
        yield sandbox


async def control(sb: Sandbox, op: str, **args: object) -> dict[str, Any]:
    info = sb.info()["control"]
    assert isinstance(info, dict)
    return await control_command(info, op, **args)


async def raw_exchange(sb: Sandbox, line: bytes) -> tuple[bytes, bytes]:
    """Send one raw line; returns the answer line and what follows it (b"" once closed)."""
    assert sb.control is not None
    reader, writer = await asyncio.open_connection(sb.control.host, sb.control.port)
    try:
        writer.write(line)
        await writer.drain()
        answer = await asyncio.wait_for(reader.readline(), TIMEOUT)
        rest = await asyncio.wait_for(reader.read(), TIMEOUT)
        return answer, rest
    finally:
        writer.close()


async def test_the_channel_is_off_unless_asked_for(sandbox: Sandbox) -> None:
    assert sandbox.control is None and "control" not in sandbox.info()


async def test_the_channel_listens_on_loopback_and_refuses_a_wrong_secret(sb: Sandbox) -> None:
    info = sb.info()["control"]
    assert isinstance(info, dict)
    assert info["host"] == "127.0.0.1" and len(str(info["secret"])) >= 32
    with pytest.raises(ControlError, match="refused"):
        await control_command({**info, "secret": "guess"}, "drop")
    answer, rest = await raw_exchange(sb, b'{"op": "stats"}\n')  # no secret at all
    assert json.loads(answer) == {"ok": False, "error": "refused"} and rest == b""
    answer, rest = await raw_exchange(sb, b"not json\n")
    assert json.loads(answer)["error"] == "refused" and rest == b""
    with pytest.raises(ControlError, match="unknown op"):
        await control(sb, "format_disk")
    with pytest.raises(ControlError, match="'times'"):
        await control(sb, "fail_next", call="balance", code="RateLimit", times=0)


async def test_fail_next_fails_exactly_the_next_calls(sb: Sandbox) -> None:
    client = await WsClient.open(sb)
    await control(sb, "fail_next", call="website_status", code="RateLimit", times=2)
    assert (await client.error({"website_status": 1}))["code"] == "RateLimit"
    assert (await client.error({"website_status": 1}))["code"] == "RateLimit"
    assert (await client.ok({"website_status": 1}))["site_status"] == "up"
    await control(sb, "fail_next", call="website_status", code="WrongResponse", times=5)
    assert (await control(sb, "clear_faults"))["cleared"] == 5
    assert (await client.ok({"website_status": 1}))["site_status"] == "up"
    await client.close()


async def test_drop_now_and_drop_on_the_next_call(sb: Sandbox) -> None:
    first = await WsClient.open(sb)
    assert await first.ok({"ping": 1}) == "pong"
    assert (await control(sb, "drop"))["dropped"] >= 1
    await first.wait_closed()

    second = await WsClient.open(sb)
    await control(sb, "drop_on_next", call="authorize")
    token = account(sb.user("amara@example.com"), "USD").token
    await second.ws.send(json.dumps({"authorize": token, "req_id": 1}))
    await second.wait_closed()
    assert second.received == []  # cut, not answered


async def test_black_hole_swallows_both_ways_while_later_sockets_work(sb: Sandbox) -> None:
    usd = account(sb.user("amara@example.com"), "USD")
    holed = await authorized(sb, usd.token)
    await holed.ok({"balance": 1, "subscribe": 1})
    heard = len(holed.received)

    assert (await control(sb, "black_hole"))["black_holed"] == 1
    await holed.ws.send(json.dumps({"ping": 1, "req_id": 99}))
    fresh = await authorized(sb, usd.token)
    await fresh.ok({"balance": 1, "subscribe": 1})
    sb.state.set_balance(usd.loginid, Decimal("77"))  # pushed to both streams at once
    assert (await fresh.push())["balance"]["balance"] == 77
    assert await fresh.ok({"ping": 1}) == "pong"
    assert len(holed.received) == heard  # no pong, no push
    assert holed.ws.close_code is None and sb.stats.connections_open == 2  # and never closed
    await fresh.close()
    await control(sb, "drop")  # a black-holed socket can still be cut
    await holed.wait_closed()


async def test_delete_token_ends_the_streams_it_opened(sb: Sandbox) -> None:
    usd = account(sb.user("amara@example.com"), "USD")
    token = named_token(sb, usd.loginid, "Read only")
    client = await authorized(sb, token)
    await client.ok({"balance": 1, "subscribe": 1})
    await control(sb, "delete_token", token=token)
    ended = await client.push()
    assert ended["error"]["code"] == "TokenDeleted" and ended["subscription"]["id"]
    assert (await client.error({"balance": 1}))["code"] == "InvalidToken"
    with pytest.raises(ControlError, match="no such token"):
        await control(sb, "delete_token", token=token)
    await client.close()


async def test_push_malformed_reaches_every_live_stream_of_its_kind_now(sb: Sandbox) -> None:
    client = await authorized(sb, account(sb.user("amara@example.com"), "USD").token)
    opened = await client.call({"balance": 1, "subscribe": 1})
    assert (await control(sb, "push_malformed", stream="balance", payload=[1]))["pushed"] == 1
    spoiled = await client.push()
    assert spoiled["balance"] == [1] and spoiled["req_id"] == opened["req_id"]
    await client.close()


async def test_with_a_delay_a_streams_first_reply_still_comes_before_its_pushes(
    sb: Sandbox,
) -> None:
    usd = account(sb.user("amara@example.com"), "USD")
    client = await authorized(sb, usd.token)
    before = float(usd.balance)
    await control(sb, "delay", seconds=0.3)
    await client.ws.send(json.dumps({"balance": 1, "subscribe": 1, "req_id": 5}))
    await sb.stats.wait_for(lambda: sb.stats.live_subscriptions("balance") == 1)
    sb.state.set_balance(usd.loginid, Decimal("11"))  # while the reply is held back
    sb.state.set_balance(usd.loginid, Decimal("12"))
    messages = [await client.push() for _ in range(3)]
    first, *pushes = messages
    assert first["req_id"] == 5 and first["balance"]["balance"] == before  # the opening reply
    assert [m["balance"]["balance"] for m in pushes] == [11, 12]
    await client.close()


def test_the_cli_channel_works_from_another_process() -> None:
    """``--control`` on the command line, driven by the blocking client, as a benchmark does."""

    async def run() -> None:
        proc = await start_cli("--control", "--port", "0")
        try:
            assert proc.stdout is not None
            info = json.loads(await asyncio.wait_for(proc.stdout.readline(), TIMEOUT * 2))
            address = info["control"]

            def drive() -> dict[str, Any]:
                with ControlClient(**address) as channel:
                    channel.command("fail_next", call="authorize", code="WrongResponse")
                    channel.command("delay", seconds=0)
                    return channel.command("stats")

            stats = (await asyncio.to_thread(drive))["stats"]
            assert stats["connections_open"] == 0

            def guess() -> None:
                with ControlClient(**{**address, "secret": "guess"}) as channel:
                    channel.command("stats")

            with pytest.raises(ControlError, match="refused"):
                await asyncio.to_thread(guess)
        finally:
            proc.terminate()
            await asyncio.wait_for(proc.communicate(), TIMEOUT * 2)
        assert proc.returncode == 0

    asyncio.run(run())
