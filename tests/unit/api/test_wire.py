"""The tuned connection under DerivClient: its own frames, and writes coalesced per burst."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
from typing import Any

import pytest
from websockets.frames import Frame, Opcode
from websockets.streams import StreamReader

from deriv_desktop.api.legacy import DerivClient, calls
from deriv_desktop.api.legacy.wire import DispatchingConnection, text_frame
from tests.unit.api.scripted_server import Message, Peer, ScriptedServer


def parse_client_frame(raw: bytes) -> Frame:
    reader = StreamReader()
    reader.feed_data(raw)
    reader.feed_eof()
    parser = Frame.parse(reader.read_exact, mask=True)
    try:
        next(parser)
    except StopIteration as done:
        frame: Frame = done.value
        assert not reader.buffer  # nothing left over
        return frame
    raise AssertionError("incomplete frame")


@pytest.mark.parametrize("length", [0, 1, 125, 126, 127, 65535, 65536, 70000])
def test_text_frame_is_what_websockets_would_send(
    length: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = os.urandom(length)
    ours = text_frame(data, b"\x01\x02\x03\x04")
    frame = parse_client_frame(ours)
    assert (frame.opcode, frame.fin, bytes(frame.data)) == (Opcode.TEXT, True, data)
    monkeypatch.setattr(secrets, "token_bytes", lambda n: b"\x01\x02\x03\x04")  # websockets' mask
    assert ours == Frame(Opcode.TEXT, data).serialize(mask=True)


class Burst:
    """Answers nothing until ``size`` requests are waiting, then all of them in one write."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.waiting: list[tuple[Peer, Message]] = []

    async def __call__(self, peer: Peer, msg: Message) -> None:
        self.waiting.append((peer, msg))
        if len(self.waiting) < self.size:
            return
        batch, self.waiting = self.waiting, []
        for who, req in batch:  # queue every frame, then one write: the client reads them at once
            body = {
                "echo_req": req,
                "msg_type": "time",
                "time": req["passthrough"]["n"],
                "req_id": req["req_id"],
            }
            who.ws.protocol.send_text(json.dumps(body).encode())
        out = b"".join(batch[0][0].ws.protocol.data_to_send())
        batch[0][0].ws.transport.write(out)


def count_writes(client: DerivClient) -> list[bytes]:
    ws = client._ws
    assert isinstance(ws, DispatchingConnection)
    writes: list[bytes] = []
    real = ws.transport.write

    def write(data: Any) -> None:
        writes.append(bytes(data))
        real(data)

    ws.transport.write = write  # type: ignore[method-assign]
    return writes


async def test_requests_sent_in_answer_to_one_burst_go_out_in_one_write() -> None:
    n = 10
    server = ScriptedServer(Burst(n), compression=None)  # like the sandbox: our own frames
    async with server as srv, DerivClient(srv.url, request_timeout=5) as client:
        assert client._ws is not None and not client._ws.protocol.extensions
        writes = count_writes(client)

        async def caller(i: int) -> list[Any]:
            first = await client.call({"time": 1, "passthrough": {"n": i}})
            second = await client.call({"time": 1, "passthrough": {"n": i + 100}})
            return [first, second]

        results = await asyncio.wait_for(asyncio.gather(*(caller(i) for i in range(n))), 5)
        writes = list(writes)  # before the close frame

    assert results == [[i, i + 100] for i in range(n)]  # every reply matched to its caller
    assert len(writes) == n + 1  # the first wave one by one, the second in a single write
    second_wave = client_messages(writes[-1])
    assert sorted(m["passthrough"]["n"] for m in second_wave) == [i + 100 for i in range(n)]
    assert len({m["req_id"] for m in second_wave}) == n


def client_messages(raw: bytes) -> list[Message]:
    """Decode back-to-back final masked text frames (RFC 6455 section 5.2)."""
    out: list[Message] = []
    i = 0
    while i < len(raw):
        assert raw[i] == 0x81 and raw[i + 1] & 0x80  # FIN + text, masked
        n, i = raw[i + 1] & 0x7F, i + 2
        if n >= 126:
            width = 2 if n == 126 else 8
            n, i = int.from_bytes(raw[i : i + width], "big"), i + width
        mask, i = raw[i : i + 4], i + 4
        out.append(json.loads(bytes(b ^ mask[k % 4] for k, b in enumerate(raw[i : i + n]))))
        i += n
    return out


async def test_a_lone_request_is_written_before_the_caller_yields() -> None:
    async def handler(peer: Peer, msg: Message) -> None:
        await peer.reply(msg, 7)

    server = ScriptedServer(handler, compression=None)
    async with server as srv, DerivClient(srv.url, request_timeout=5) as client:
        assert await client.call(calls.time()) == 7  # after a reply that woke one caller
        writes = count_writes(client)
        task = asyncio.create_task(client.call(calls.time()))
        await asyncio.sleep(0)  # the task runs up to its wait for the reply
        assert len(writes) == 1
        assert await task == 7


async def test_compressed_links_use_websockets_own_framing() -> None:
    async def handler(peer: Peer, msg: Message) -> None:
        await peer.reply(msg, msg["passthrough"]["n"])

    async with ScriptedServer(handler) as srv, DerivClient(srv.url, request_timeout=5) as client:
        ws = client._ws
        assert ws is not None and ws.protocol.extensions  # the scripted server deflates
        results = await asyncio.gather(
            *(
                client.call({"time": 1, "passthrough": {"n": i, "pad": "x" * 500}})
                for i in range(20)
            )
        )
        assert results == list(range(20))
