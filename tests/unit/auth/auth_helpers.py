"""Helpers for the sign-in tests: a raw HTTP client, answer builders and a receiver harness.

Everything talks to the real handler over real loopback sockets. Timings are shrunk through
``LoopbackConfig`` so the suite stays fast; nothing sleeps to synchronise.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from deriv_desktop.auth.attempt import LoginAttempt
from deriv_desktop.auth.loopback import AppOutcome, LoopbackConfig, LoopbackReceiver
from deriv_desktop.auth.redirect import RedirectAccepted, RedirectRejected

IO_TIMEOUT = 5.0  # ceiling for any single network wait in a test; never reached when it passes

TOKENS = ("a1-FakeTokenForTestsOnly00000001", "a1-FakeTokenForTestsOnly00000002")
LOGINIDS = ("CR799393", "VRTC1234567")


def fast_config(**overrides: Any) -> LoopbackConfig:
    """Small timings so the suite stays fast; tests override what they exercise."""
    values: dict[str, Any] = {
        "read_timeout": 0.5,
        "write_timeout": 2.0,
        "app_ceiling": 2.0,
        "done_grace": 3.0,
    }
    values.update(overrides)
    return LoopbackConfig(**values)


def answer_query(state: str | None, *, extra: Sequence[tuple[str, str]] = ()) -> str:
    """The query Deriv appends to the redirect: two accounts (the first in lower case)."""
    pairs: list[tuple[str, str]] = [
        ("acct1", LOGINIDS[0].lower()),
        ("token1", TOKENS[0]),
        ("cur1", "USD"),
        ("acct2", LOGINIDS[1]),
        ("token2", TOKENS[1]),
    ]
    if state is not None:
        pairs.append(("state", state))
    pairs.extend(extra)
    return urlencode(pairs)


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def parse_response(data: bytes) -> RawResponse:
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return RawResponse(status, headers, body)


async def read_to_eof(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sends until it closes (a reset counts as the end)."""
    chunks: list[bytes] = []
    try:
        async with asyncio.timeout(IO_TIMEOUT):
            while chunk := await reader.read(65536):
                chunks.append(chunk)
    except ConnectionResetError:
        pass
    return b"".join(chunks)


async def send_raw(port: int, data: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(data)
        await writer.drain()
        return await read_to_eof(reader)
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


async def http_request(
    port: int,
    target: str,
    *,
    method: str = "GET",
    host: str | None = None,
    headers: Sequence[tuple[str, str]] = (),
) -> RawResponse:
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host or f'127.0.0.1:{port}'}"]
    lines += [f"{name}: {value}" for name, value in headers]
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return parse_response(await send_raw(port, raw))


async def assert_refused(port: int, attempts: int = 50) -> None:
    """The port refuses connections; polls a bounded number of times, yielding in between."""
    for _ in range(attempts):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except ConnectionRefusedError:
            return
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        await asyncio.sleep(0)
    raise AssertionError(f"port {port} still accepts connections")


@dataclass
class Harness:
    """One attempt with its live receiver and everything the callbacks saw."""

    attempt: LoginAttempt
    receiver: LoopbackReceiver
    credentials: list[RedirectAccepted] = field(default_factory=list)
    rejected: list[RedirectRejected] = field(default_factory=list)
    tls_events: list[int] = field(default_factory=list)
    tls_seen: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def port(self) -> int:
        return urlsplit(self.receiver.redirect_uri).port or 80

    @property
    def path(self) -> str:
        return urlsplit(self.receiver.redirect_uri).path

    def good_target(self, **extra: str) -> str:
        return f"{self.path}?{answer_query(self.attempt.state, extra=tuple(extra.items()))}"

    async def get(
        self,
        target: str,
        *,
        method: str = "GET",
        host: str | None = None,
        headers: Sequence[tuple[str, str]] = (),
    ) -> RawResponse:
        return await http_request(self.port, target, method=method, host=host, headers=headers)


AppCallback = Callable[[RedirectAccepted], Awaitable[AppOutcome]]
HarnessFactory = Callable[..., Awaitable[Harness]]
