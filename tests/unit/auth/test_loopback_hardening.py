"""Adversarial clients against the real loopback handler: idle, slow, oversized, garbage, TLS,
wrong Host, bodies, odd methods. Each must leave the attempt alive and a real callback working."""

from __future__ import annotations

import asyncio
import contextlib
import ssl

from auth_helpers import (
    IO_TIMEOUT,
    Harness,
    HarnessFactory,
    fast_config,
    parse_response,
    read_to_eof,
    send_raw,
)

from deriv_desktop.auth.loopback import LoopbackStatus
from deriv_desktop.auth.redirect import RejectReason


def _client_hello() -> bytes:
    """The first flight of a real TLS client, as a browser forced to https would send."""
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = ssl.create_default_context().wrap_bio(incoming, outgoing, server_hostname="localhost")
    with contextlib.suppress(ssl.SSLWantReadError):
        tls.do_handshake()
    return outgoing.read()


async def _assert_callback_still_works(h: Harness) -> None:
    response = await h.get(h.good_target())
    assert response.status == 303
    assert len(h.credentials) == 1
    assert (await h.receiver.wait()).status is LoopbackStatus.SUCCEEDED


async def test_idle_preconnect_socket_does_not_block_the_callback(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness(config=fast_config(read_timeout=5.0))
    idle_reader, idle_writer = await asyncio.open_connection("127.0.0.1", h.port)
    try:
        await _assert_callback_still_works(h)
    finally:
        idle_writer.close()
    assert idle_reader is not None


async def test_idle_sockets_filling_the_cap_are_evicted_for_the_callback(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness(config=fast_config(read_timeout=5.0, max_connections=2))
    idle = [await asyncio.open_connection("127.0.0.1", h.port) for _ in range(3)]
    try:
        await _assert_callback_still_works(h)
        # The oldest idle sockets were closed by the server to make room.
        first_reader = idle[0][0]
        assert await asyncio.wait_for(read_to_eof(first_reader), IO_TIMEOUT) == b""
    finally:
        for _, writer in idle:
            writer.close()


async def test_garbage_request_line_gets_400(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    for garbage in (b"GARBAGE\r\n\r\n", b"\x00\x01\x02 nonsense\r\n\r\n", b"GET\r\n\r\n"):
        response = parse_response(await send_raw(h.port, garbage))
        assert response.status == 400, garbage

    assert h.attempt.is_live
    await _assert_callback_still_works(h)


async def test_one_mebibyte_request_line_is_cut_off(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    reader, writer = await asyncio.open_connection("127.0.0.1", h.port)

    async def flood() -> None:
        with contextlib.suppress(ConnectionError):
            writer.write(b"GET /" + b"a" * (1 << 20))
            await writer.drain()

    flooder = asyncio.create_task(flood())
    data = await read_to_eof(reader)
    await flooder
    writer.close()

    assert data == b"" or parse_response(data).status == 431
    assert h.attempt.is_live
    await _assert_callback_still_works(h)


async def test_too_many_headers_gets_431(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    headers = [(f"X-Filler-{n}", "v") for n in range(100)]

    response = await h.get("/favicon.ico", headers=headers)

    assert response.status == 431
    assert h.attempt.is_live


async def test_overlong_target_gets_414(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    response = await h.get(f"{h.path}?pad={'x' * 9000}")

    assert response.status == 414
    assert h.attempt.is_live


async def test_a_body_is_refused(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    head = f"GET {h.good_target()} HTTP/1.1\r\nHost: 127.0.0.1:{h.port}\r\n"

    with_length = await send_raw(h.port, (head + "Content-Length: 5\r\n\r\nhello").encode())
    chunked = await send_raw(
        h.port, (head + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n").encode()
    )

    assert parse_response(with_length).status == 413
    assert parse_response(chunked).status == 400
    assert h.credentials == []
    assert h.attempt.is_live


async def test_slowloris_is_timed_out_and_does_not_block_the_callback(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness(config=fast_config(read_timeout=0.3))
    reader, writer = await asyncio.open_connection("127.0.0.1", h.port)
    request = f"GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1:{h.port}\r\nX-Slow: ".encode()
    request += b"a" * 5000

    async def trickle() -> None:
        # The attacker's pace, not synchronisation: one byte far more often than the read
        # timeout, so only a whole-head deadline can stop it.
        with contextlib.suppress(ConnectionError):
            for byte in request:
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(0.01)

    trickler = asyncio.create_task(trickle())
    try:
        await _assert_callback_still_works(h)
        data = await read_to_eof(reader)
    finally:
        trickler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await trickler
        writer.close()

    assert parse_response(data).status == 408


async def test_wrong_host_gets_400(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    for host in ("evil.example", f"evil.example:{h.port}", f"localhost:{h.port}", "127.0.0.1"):
        response = await h.get(h.good_target(), host=host)
        assert response.status == 400, host
    http10 = await send_raw(h.port, f"GET {h.good_target()} HTTP/1.0\r\n\r\n".encode())
    assert parse_response(http10).status == 400  # no Host at all

    assert h.credentials == []
    assert h.attempt.is_live


async def test_duplicate_parameters_get_400(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    state = h.attempt.state

    twice_state = await h.get(f"{h.good_target()}&state={state}")
    twice_token = await h.get(f"{h.good_target()}&token1=a1-other")

    assert twice_state.status == 400
    assert twice_token.status == 400
    assert "repeated a field" in twice_token.text
    assert [r.reason for r in h.rejected] == [RejectReason.UNREADABLE, RejectReason.MALFORMED]
    assert h.credentials == []
    assert h.attempt.is_live


async def test_tls_client_hello_is_closed_and_reported(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    data = await send_raw(h.port, _client_hello())

    assert data == b""
    await asyncio.wait_for(h.tls_seen.wait(), IO_TIMEOUT)
    assert h.receiver.tls_attempts == 1
    assert h.attempt.is_live


async def test_post_gets_405_and_the_attempt_lives(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    for method in ("POST", "PUT", "DELETE"):
        response = await h.get(h.good_target(), method=method)
        assert response.status == 405, method
        assert response.headers["allow"] == "GET, HEAD, OPTIONS"

    assert h.attempt.is_live
    await _assert_callback_still_works(h)


async def test_head_answers_without_side_effects(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    response = await h.get(h.good_target(), method="HEAD")

    assert response.status == 200
    assert response.body == b""
    assert int(response.headers["content-length"]) > 0
    assert h.credentials == []
    assert h.attempt.is_live


async def test_options_is_minimal_and_pna_only_for_the_authorization_server(
    make_harness: HarnessFactory,
) -> None:
    h = await make_harness()
    preflight = ("Access-Control-Request-Private-Network", "true")

    plain = await h.get(h.path, method="OPTIONS")
    deriv = await h.get(
        h.path, method="OPTIONS", headers=[("Origin", "https://oauth.deriv.com"), preflight]
    )
    evil = await h.get(
        h.path, method="OPTIONS", headers=[("Origin", "https://evil.example"), preflight]
    )

    assert plain.status == deriv.status == evil.status == 204
    assert plain.body == b""
    assert "access-control-allow-origin" not in plain.headers
    assert deriv.headers["access-control-allow-private-network"] == "true"
    assert deriv.headers["access-control-allow-origin"] == "https://oauth.deriv.com"
    assert "access-control-allow-private-network" not in evil.headers
    assert h.attempt.is_live


async def test_odd_targets_get_400(make_harness: HarnessFactory) -> None:
    h = await make_harness()
    absolute = f"http://127.0.0.1:{h.port}{h.good_target()}"

    assert (await h.get(absolute)).status == 400
    raw = f"GET {h.path}?x=\xe9 HTTP/1.1\r\nHost: 127.0.0.1:{h.port}\r\n\r\n".encode("latin-1")
    assert parse_response(await send_raw(h.port, raw)).status == 400
    assert h.credentials == []
    assert h.attempt.is_live
