"""DerivClient against a scripted server on a real socket: matching, timeouts, errors, streams."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.api.legacy import DerivClient, calls
from deriv_desktop.domain.connection import LinkPhase
from deriv_desktop.domain.errors import (
    ClientClosed,
    ConnectionLost,
    ConnectionProblem,
    InputValidationFailed,
    InvalidToken,
    RequestTimeout,
    TokenDeleted,
)
from tests.unit.api.scripted_server import Message, Peer, ScriptedServer, echo_ok

FAST = Backoff(base=0.01, cap=0.05, jitter=0.0)


def make_client(url: str, **kw: object) -> DerivClient:
    kw.setdefault("backoff", FAST)
    kw.setdefault("request_timeout", 5.0)
    return DerivClient(url, **kw)  # type: ignore[arg-type]


async def test_replies_are_matched_by_req_id_even_out_of_order() -> None:
    gate = asyncio.Event()

    async def handler(peer: Peer, msg: Message) -> None:
        if msg.get("passthrough", {}).get("slow"):
            await gate.wait()
        else:
            gate.set()
        await peer.reply(msg, {"which": msg["passthrough"]["n"]})

    async with ScriptedServer(handler) as srv, make_client(srv.url) as client:
        slow = asyncio.create_task(client.call({"time": 1, "passthrough": {"n": 1, "slow": 1}}))
        fast = await client.call({"time": 1, "passthrough": {"n": 2}})
        assert fast == {"which": 2}
        assert await slow == {"which": 1}
        req_ids = [m["req_id"] for m in srv.received]
        assert len(set(req_ids)) == len(req_ids) == 2


async def test_unanswered_request_times_out_and_late_answer_is_dropped() -> None:
    release = asyncio.Event()
    answered = asyncio.Event()

    async def handler(peer: Peer, msg: Message) -> None:
        if "time" in msg:
            await release.wait()
            await peer.reply(msg, 1)
            answered.set()
        else:
            await echo_ok(peer, msg)

    async with ScriptedServer(handler) as srv, make_client(srv.url) as client:
        with pytest.raises(RequestTimeout):
            await client.call(calls.time(), timeout=0.05)
        release.set()
        await asyncio.wait_for(answered.wait(), 5)
        # The link is still usable and the late reply did not leak into the next request.
        assert await client.call(calls.ping()) == "pong"


async def test_server_errors_become_typed_errors_with_code_and_details() -> None:
    async def handler(peer: Peer, msg: Message) -> None:
        await peer.error(
            msg,
            "InputValidationFailed",
            "Input validation failed: new_token",
            new_token="String does not match pattern",
        )

    async with ScriptedServer(handler) as srv, make_client(srv.url) as client:
        with pytest.raises(InputValidationFailed) as info:
            await client.call(calls.api_token_create("bad-name", ["read"]))
    err = info.value
    assert err.server_code == "InputValidationFailed"
    assert err.details == {"new_token": "String does not match pattern"}
    assert err.msg_type == "api_token"


async def test_stream_delivers_updates_and_ends_cleanly_on_forget() -> None:
    peers: list[Peer] = []

    async def handler(peer: Peer, msg: Message) -> None:
        peers.append(peer)
        await echo_ok(peer, msg)

    async with ScriptedServer(handler) as srv, make_client(srv.url) as client:
        sub = await client.subscribe(calls.balance("all"))
        assert sub.first is not None and sub.id == "b" * 32
        request = srv.received[-1]
        for amount in (11.0, 12.0):
            await peers[0].reply(
                request,
                {"balance": amount, "currency": "USD", "loginid": "CR90000000"},
                subscription={"id": "b" * 32},
            )
        seen = [(await anext(sub))["balance"]["balance"] for _ in range(2)]
        assert seen == [11.0, 12.0]
        await sub.forget()
        assert [m async for m in sub] == []
        assert srv.count("forget") == 1
        assert client.live_subscriptions() == []


async def test_error_pushed_into_stream_ends_it_with_the_typed_error() -> None:
    async with ScriptedServer(echo_ok) as srv, make_client(srv.url) as client:
        sub = await client.subscribe(calls.balance("all"))
        request = srv.received[-1]
        await srv.peers[0].error(request, "TokenDeleted", "Token was deleted.")
        with pytest.raises(TokenDeleted):
            await anext(sub)
        with pytest.raises(StopAsyncIteration):
            await anext(sub)
        assert client.live_subscriptions() == []


async def test_close_ends_streams_and_refuses_new_requests() -> None:
    async with ScriptedServer(echo_ok) as srv:
        client = make_client(srv.url)
        await client.start()
        sub = await client.subscribe(calls.balance("all"))
        await client.close()
        assert [m async for m in sub] == []
        with pytest.raises(ClientClosed):
            await client.call(calls.ping())
        assert client.state.phase is LinkPhase.OFFLINE


async def test_request_in_flight_when_link_drops_fails_once_and_clearly() -> None:
    async def handler(peer: Peer, msg: Message) -> None:
        if "time" in msg:
            await peer.server.drop_all()
            return
        await echo_ok(peer, msg)

    async with ScriptedServer(handler) as srv, make_client(srv.url) as client:
        with pytest.raises(ConnectionLost):
            await client.call(calls.time())
        await client.wait_online(5)
        assert await client.call(calls.ping()) == "pong"
        assert client.reconnects == 1


async def test_reconnect_reauthorizes_and_restores_each_stream_once() -> None:
    states: list[LinkPhase] = []
    async with ScriptedServer(echo_ok) as srv, make_client(srv.url) as client:
        client.state_changed.connect(lambda s: states.append(s.phase))
        await client.authorize(["tok-main-0001", "tok-extra-0002"])
        sub = await client.subscribe(calls.balance("all"))
        await srv.drop_all()
        update = await asyncio.wait_for(anext(sub), 5)  # the restored stream's first message
        assert update["balance"]["balance"] == 10.0
        assert srv.count("authorize") == 2
        assert srv.count("balance") == 2
        assert sub.restorations == 1
        authorize_again = [m for m in srv.received if "authorize" in m][-1]
        assert authorize_again["authorize"] == "tok-main-0001"
        assert authorize_again["tokens"] == ["tok-extra-0002"]
    assert LinkPhase.RECONNECTING in states and states.count(LinkPhase.ONLINE) >= 1


async def test_a_link_lost_while_the_session_is_restored_is_rebuilt_without_waiting() -> None:
    drop_reauthorize = False

    async def handler(peer: Peer, msg: Message) -> None:
        nonlocal drop_reauthorize
        if "authorize" in msg and drop_reauthorize:
            drop_reauthorize = False
            await peer.server.drop_all()  # the re-authorize is never answered
            return
        await echo_ok(peer, msg)

    async with ScriptedServer(handler) as srv, make_client(srv.url, request_timeout=60) as client:
        await client.authorize(["tok-main-0001"])
        online_again = asyncio.Event()
        client.state_changed.connect(
            lambda s: online_again.set() if s.phase is LinkPhase.ONLINE else None
        )
        drop_reauthorize = True
        await srv.drop_all()
        # Online again on the third socket long before the unanswered authorize's deadline.
        await asyncio.wait_for(online_again.wait(), 10)
        assert await client.call(calls.ping()) == "pong"
        assert srv.connections == 3 and srv.count("authorize") == 3


async def test_reauthorization_refused_ends_streams_and_reports() -> None:
    refuse = False

    async def handler(peer: Peer, msg: Message) -> None:
        if "authorize" in msg and refuse:
            await peer.error(msg, "InvalidToken", "The token is invalid.")
        else:
            await echo_ok(peer, msg)

    lost: list[BaseException] = []
    async with ScriptedServer(handler) as srv, make_client(srv.url) as client:
        client.authorization_lost.connect(lost.append)
        await client.authorize(["tok-main-0001"])
        sub = await client.subscribe(calls.balance("all"))
        refuse = True
        await srv.drop_all()
        with pytest.raises(InvalidToken):
            await asyncio.wait_for(anext(sub), 5)
    assert len(lost) == 1 and isinstance(lost[0], InvalidToken)


async def test_unanswered_pings_mark_the_link_dead_and_it_heals() -> None:
    mute = True

    async def handler(peer: Peer, msg: Message) -> None:
        if "ping" in msg and mute:
            return
        await echo_ok(peer, msg)

    async with ScriptedServer(handler) as srv:
        client = make_client(srv.url, ping_interval=0.02, ping_timeout=0.05)
        went_down = asyncio.Event()
        client.state_changed.connect(
            lambda s: went_down.set() if s.phase is LinkPhase.RECONNECTING else None
        )
        async with client:
            await asyncio.wait_for(went_down.wait(), 5)
            mute = False
            await client.wait_online(5)
            assert srv.connections >= 2


async def test_rate_limit_is_retried_after_a_pause() -> None:
    failures = 1

    async def handler(peer: Peer, msg: Message) -> None:
        nonlocal failures
        if "time" in msg and failures:
            failures -= 1
            await peer.error(msg, "RateLimit", "You have reached the rate limit for time.")
        elif "website_status" in msg:
            await peer.reply(
                msg,
                {
                    "api_call_limits": {
                        "max_requestes_general": {
                            "applies_to": "x",
                            "hourly": 3600,
                            "minutely": 6000,
                        }
                    }
                },
            )
        else:
            await peer.reply(msg, 42)

    backoff = Backoff(base=0.001, cap=0.01, jitter=0.0)
    async with ScriptedServer(handler) as srv, make_client(srv.url, backoff=backoff) as client:
        assert await client.call(calls.time()) == 42
        assert srv.count("time") == 2


async def test_first_connect_failure_is_reported_at_once() -> None:
    client = make_client("ws://127.0.0.1:9/websockets/v3")
    with pytest.raises(ConnectionProblem) as info:
        await client.start()
    assert "refused" in str(info.value)


async def test_requests_wait_for_the_link_when_started_without_fail_fast() -> None:
    async with ScriptedServer(echo_ok) as srv:
        client = make_client(srv.url)
        await client.start(fail_fast=False)
        assert await client.call(calls.ping()) == "pong"
        await client.close()


async def test_tokens_never_appear_in_logs_or_reprs(caplog: pytest.LogCaptureFixture) -> None:
    secret = "a1-SecretTokenValue12345678901"
    caplog.set_level(logging.DEBUG)

    async def handler(peer: Peer, msg: Message) -> None:
        if "authorize" in msg:
            await peer.error(msg, "InvalidToken", "The token is invalid.")
        else:
            await echo_ok(peer, msg)

    async with ScriptedServer(handler) as srv, make_client(srv.url) as client:
        with pytest.raises(InvalidToken) as info:
            await client.authorize([secret])
        await srv.drop_all()
        await client.wait_online(5)
        texts = [repr(client), str(info.value), repr(info.value), caplog.text]
    assert all(secret not in t for t in texts)
    assert srv.count("authorize") == 1  # a refused token is not remembered for reconnects


def test_backoff_grows_and_is_capped() -> None:
    backoff = Backoff(base=1, factor=2, cap=30, jitter=0)
    assert [backoff.delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]
    jittery = Backoff(jitter=0.2)
    assert all(0.8 <= jittery.delay(1) <= 1.2 for _ in range(50))


def test_authorize_builder_refuses_too_many_tokens() -> None:
    client = DerivClient("ws://127.0.0.1:9/x")
    with pytest.raises(ValueError, match="26"):
        asyncio.run(client.authorize([f"t{i}" for i in range(27)]))


async def test_fragmented_replies_are_reassembled_and_still_match() -> None:
    async def handler(peer: Peer, msg: Message) -> None:
        body = json.dumps({"echo_req": msg, "msg_type": "time", "time": 7, "req_id": msg["req_id"]})
        await peer.ws.send([body[:10], body[10:20], body[20:]])  # three frames, one message

    async with ScriptedServer(handler) as srv, make_client(srv.url) as client:
        assert await client.call(calls.time()) == 7
        assert await client.call(calls.time()) == 7


async def test_streams_piped_to_one_sink_deliver_updates_errors_and_ends() -> None:
    async with ScriptedServer(echo_ok) as srv, make_client(srv.url) as client:
        first = await client.subscribe(calls.balance("all"))
        second = await client.subscribe(calls.balance("current"))
        seen: list[object] = []
        first.pipe_to(seen.append)
        second.pipe_to(seen.append)
        req_first, req_second = srv.received[-2], srv.received[-1]
        await srv.peers[0].reply(
            req_first, {"balance": 1.0, "currency": "USD", "loginid": "CR90000000"}
        )
        await srv.peers[0].error(req_second, "TokenDeleted", "Token was deleted.")
        await asyncio.wait_for(_until(lambda: len(seen) == 2), 5)
        await first.forget()
        assert len(seen) == 3
    assert isinstance(seen[0], dict) and seen[0]["balance"]["balance"] == 1.0
    assert isinstance(seen[1], TokenDeleted)
    assert seen[2] is None


async def _until(predicate: object) -> None:
    while not predicate():  # type: ignore[operator]  # noqa: ASYNC110 - bounded by wait_for
        await asyncio.sleep(0.005)
