"""Replies that break the protocol get ``MalformedResponse`` in the request's normal time, never
a hang or a stray ``KeyError``; a malformed stream push is counted and skipped; a stream whose
re-subscribe is refused for good ends with the error. Scripted server on a real socket."""

from __future__ import annotations

import asyncio
import json

import pytest

from deriv_desktop.api.legacy import calls
from deriv_desktop.domain.errors import InvalidLoginid, MalformedResponse, RequestTimeout
from deriv_desktop.domain.problems import ProblemKind
from tests.unit.api.scripted_server import Message, Peer, ScriptedServer, echo_ok
from tests.unit.api.test_client import make_client

LONG = 60.0  # no answer here may depend on a request timeout this long


async def test_an_authorize_reply_of_the_wrong_type_fails_at_once_as_malformed() -> None:
    async def handler(peer: Peer, msg: Message) -> None:
        if "authorize" in msg:
            await peer.reply(msg, "not an object")
        else:
            await echo_ok(peer, msg)

    async with (
        ScriptedServer(handler) as srv,
        make_client(srv.url, request_timeout=LONG) as client,
    ):
        with pytest.raises(MalformedResponse) as info:
            await asyncio.wait_for(client.authorize(["tok-main-0001"]), LONG / 6)
    assert info.value.problem.kind is ProblemKind.MALFORMED_RESPONSE
    assert "tok-main" not in str(info.value)


async def test_a_reply_of_an_unknown_msg_type_is_malformed_not_a_key_error() -> None:
    async def handler(peer: Peer, msg: Message) -> None:
        if "api_token" in msg:
            await peer.send({"msg_type": "surprise", "surprise": {}, "req_id": msg["req_id"]})
        else:
            await echo_ok(peer, msg)

    async with (
        ScriptedServer(handler) as srv,
        make_client(srv.url, request_timeout=LONG) as client,
    ):
        with pytest.raises(MalformedResponse):
            await asyncio.wait_for(client.call(calls.api_token_list()), LONG / 6)


async def test_an_error_that_is_not_an_object_is_malformed() -> None:
    async def handler(peer: Peer, msg: Message) -> None:
        await peer.send({"msg_type": "time", "error": "boom", "req_id": msg["req_id"]})

    async with (
        ScriptedServer(handler) as srv,
        make_client(srv.url, request_timeout=LONG) as client,
    ):
        with pytest.raises(MalformedResponse):
            await asyncio.wait_for(client.call(calls.time()), LONG / 6)


async def test_an_unreadable_answer_fails_the_waiting_request_as_malformed_not_timeout() -> None:
    async def handler(peer: Peer, msg: Message) -> None:
        if "time" in msg:
            await peer.ws.send("<html>502 Bad Gateway</html>")
        else:
            await echo_ok(peer, msg)

    async with (
        ScriptedServer(handler) as srv,
        make_client(srv.url, request_timeout=0.2) as client,
    ):
        with pytest.raises(MalformedResponse):
            await client.call(calls.time())
        # A request that meets no unreadable frame still times out as such.
        srv.handler = lambda peer, msg: asyncio.sleep(0)
        with pytest.raises(RequestTimeout):
            await client.call(calls.time())


async def test_a_malformed_push_is_counted_and_skipped_and_the_stream_goes_on() -> None:
    async with ScriptedServer(echo_ok) as srv, make_client(srv.url) as client:
        sub = await client.subscribe(calls.balance("all"))
        request = srv.received[-1]
        peer = srv.peers[0]
        await peer.send({"msg_type": "balance", "balance": "oops", "req_id": request["req_id"]})
        await peer.send({"msg_type": "balance", "req_id": request["req_id"]})
        await peer.ws.send(json.dumps([1, 2, 3]))
        await peer.reply(request, {"balance": 5.0, "currency": "USD", "loginid": "CR90000000"})
        update = await asyncio.wait_for(anext(sub), 5)
        assert update["balance"]["balance"] == 5.0
        assert client.malformed_pushes == 2
        assert not sub.ended and client.live_subscriptions() == [sub]


async def test_a_stream_refused_for_good_on_resubscribe_ends_with_the_error() -> None:
    refuse = False

    async def handler(peer: Peer, msg: Message) -> None:
        if "balance" in msg and refuse:
            await peer.error(msg, "InvalidLoginid", "Account CR90000000 is not authorized.")
        else:
            await echo_ok(peer, msg)

    async with ScriptedServer(handler) as srv, make_client(srv.url) as client:
        await client.authorize(["tok-main-0001"])
        sub = await client.subscribe(calls.balance("all"))
        refuse = True
        await srv.drop_all()
        with pytest.raises(InvalidLoginid):
            await asyncio.wait_for(anext(sub), 5)
        assert client.live_subscriptions() == []
        assert srv.count("balance") == 2  # refused for good: not retried
