"""The new API's HTTPS transport, error mapping and REST pacing, over real local sockets.

TLS tests make a throw-away certificate with the ``openssl`` command (skipped without it); the
proxy tests run a small CONNECT proxy on loopback that tunnels to a local TLS server.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from deriv_desktop.api.newapi.errors import error_from_reply
from deriv_desktop.api.newapi.http import (
    HttpClient,
    ProxyProblem,
    TlsProblem,
    parse_target,
)
from deriv_desktop.api.newapi.limits import TokenBucket
from deriv_desktop.domain.errors import (
    ApiError,
    ConnectionProblem,
    InputValidationFailed,
    InvalidAppID,
    InvalidToken,
    PermissionDenied,
    RateLimit,
    RequestTimeout,
    WrongResponse,
)
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.domain.proxy import ProxyMode, ProxySettings

HOST = "api.example.test"  # never resolved: the proxy tunnels it to the local TLS server
Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("TLS tests need the openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={HOST}",
            "-addext",
            f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
            "-keyout",
            str(folder / "key.pem"),
            "-out",
            str(folder / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    return folder


def trusting(certificate: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(certificate / "cert.pem"))
    return context


@contextlib.asynccontextmanager
async def serve(handler: Handler, tls: Path | None = None) -> AsyncIterator[int]:
    context = None
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls / "cert.pem", tls / "key.pem")
    tasks: set[asyncio.Task[None]] = set()

    async def guarded(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        tasks.add(task)
        try:
            await handler(reader, writer)
        except (ConnectionError, ssl.SSLError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            tasks.discard(task)

    server = await asyncio.start_server(guarded, "127.0.0.1", 0, ssl=context)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        for task in list(tasks):
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await server.wait_closed()


async def answer_json(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    head = await reader.readuntil(b"\r\n\r\n")
    body = json.dumps({"seen": head.decode("latin-1").split("\r\n")}).encode()
    writer.write(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    await writer.drain()


# ---------------------------------------------------------------------------------- addresses
def test_only_https_or_loopback_http_is_accepted() -> None:
    assert parse_target("https://api.derivws.com/v1/health").tls
    assert parse_target("http://127.0.0.1:8080/x?y=1").path == "/x?y=1"
    assert parse_target("http://[::1]:8080/").host_header == "[::1]:8080"
    for bad in ("http://api.derivws.com/", "ftp://x/", "https://user:pw@x/", "https://x/#f"):
        with pytest.raises(ValueError):
            parse_target(bad)


# ---------------------------------------------------------------------------------- TLS
async def test_an_untrusted_certificate_is_refused(certificate: Path) -> None:
    async with serve(answer_json, tls=certificate) as port:
        with pytest.raises(TlsProblem, match="could not be verified"):
            await HttpClient(timeout=5).request("GET", f"https://127.0.0.1:{port}/")
        reply = await HttpClient(timeout=5, ssl_context=trusting(certificate)).request(
            "GET", f"https://127.0.0.1:{port}/v1/health"
        )
    assert reply.status == 200 and "GET /v1/health HTTP/1.1" in json.loads(reply.body)["seen"]


# ---------------------------------------------------------------------------------- proxy
async def test_https_goes_through_the_system_proxy_tunnel(
    certificate: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []

    async with serve(answer_json, tls=certificate) as tls_port:

        async def proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            seen.append(head)
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", tls_port)
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()

            async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
                with contextlib.suppress(ConnectionError):
                    while data := await src.read(65536):
                        dst.write(data)
                        await dst.drain()
                dst.close()

            await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

        async with serve(proxy) as proxy_port:
            monkeypatch.setenv("HTTPS_PROXY", f"http://desk:s%40cret@127.0.0.1:{proxy_port}")
            monkeypatch.delenv("NO_PROXY", raising=False)
            monkeypatch.delenv("no_proxy", raising=False)
            client = HttpClient(timeout=5, ssl_context=trusting(certificate))
            reply = await client.request(
                "GET",
                f"https://{HOST}/trading/v1/options/accounts",
                headers=[("Authorization", "Bearer pat_secret_value")],
            )
    assert reply.status == 200
    request_line = json.loads(reply.body)["seen"]
    assert "GET /trading/v1/options/accounts HTTP/1.1" in request_line
    assert f"host: {HOST}" in [h.lower() for h in request_line]
    connect = seen[0]
    assert connect[0] == f"CONNECT {HOST}:443 HTTP/1.1"
    expected = "Basic " + base64.b64encode(b"desk:s@cret").decode()
    assert f"proxy-authorization: {expected}".lower() in [h.lower() for h in connect]
    assert not any("pat_secret_value" in line for line in connect)  # only inside the tunnel


async def test_proxy_failures_are_told_in_plain_words(monkeypatch: pytest.MonkeyPatch) -> None:
    async def refuse(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()

    async with serve(refuse) as port:
        named = ProxySettings(ProxyMode.HTTP, "127.0.0.1", port, "desk", "pw-Secret-77")
        with pytest.raises(ProxyProblem) as refused:
            await HttpClient(timeout=5, proxy=named).request("GET", f"https://{HOST}/")
    assert refused.value.problem == Problem(
        ProblemKind.PROXY_AUTH_FAILED, host="127.0.0.1", port=port, field="settings"
    )
    assert "pw-Secret-77" not in str(refused.value)

    monkeypatch.setenv("HTTPS_PROXY", "socks4://127.0.0.1:1080")
    with pytest.raises(ProxyProblem) as unusable:
        await HttpClient(timeout=5).request("GET", f"https://{HOST}/")
    assert unusable.value.problem == Problem(ProblemKind.PROXY_UNSUPPORTED, field="system")


async def test_no_proxy_and_the_no_proxy_choice_are_honoured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    async with serve(answer_json) as port:
        url = f"http://127.0.0.1:{port}/v1/health"
        assert (await HttpClient(timeout=5).request("GET", url)).status == 200
        monkeypatch.delenv("NO_PROXY")
        with pytest.raises(ProxyProblem):  # the dead proxy on port 9 is used now
            await HttpClient(timeout=5).request("GET", url)
        direct = HttpClient(timeout=5, proxy=ProxySettings(ProxyMode.NONE))
        assert (await direct.request("GET", url)).status == 200


# ---------------------------------------------------------------------------------- failures
async def test_timeouts_oversize_and_broken_answers_are_connection_problems() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # never answers

    async with serve(silent) as port:
        with pytest.raises(RequestTimeout, match=r"No answer from 127\.0\.0\.1"):
            await HttpClient(timeout=0.2).request("GET", f"http://127.0.0.1:{port}/")

    async def huge(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 3000000\r\n\r\n" + b"x" * 3_000_000)
        await writer.drain()

    async with serve(huge) as port:
        with pytest.raises(ConnectionProblem, match="too large"):
            await HttpClient(timeout=5).request("GET", f"http://127.0.0.1:{port}/")

    async def garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"NOT HTTP AT ALL\r\n\r\n")
        await writer.drain()

    async with serve(garbage) as port:
        with pytest.raises(ConnectionProblem, match="not valid HTTP"):
            await HttpClient(timeout=5).request(
                "GET", f"http://127.0.0.1:{port}/", headers=[("Authorization", "Bearer zzz")]
            )


# ---------------------------------------------------------------------------------- errors
def _body(status: int, code: str, message: str, field: str | None = None) -> bytes:
    entry: dict[str, object] = {"status": status, "code": code, "message": message}
    if field:
        entry["field"] = field
    return json.dumps(
        {"errors": [entry], "meta": {"endpoint": "/x", "method": "GET", "timing": 1}}
    ).encode()


@pytest.mark.parametrize(
    ("status", "code", "message", "field", "kind", "transient"),
    [
        (500, "InternalServerError", "boom", None, WrongResponse, True),
        (504, "InternalServerError", "late", None, WrongResponse, True),
        (429, "RateLimit", "slow down", None, RateLimit, True),
        (401, "Unauthorized", "Invalid token", None, InvalidToken, False),
        (
            401,
            "Unauthorized",
            "Deriv-App-ID header is required for PAT tokens",
            "Deriv-App-ID",
            InvalidAppID,
            False,
        ),
        (403, "AccessDenied", "scope", None, PermissionDenied, False),
        (400, "ValidationError", "bad id", "account_id", InputValidationFailed, False),
        (422, "BadInputRequest", "bad body", "currency", InputValidationFailed, False),
        (404, "AccountNotFound", "nope", "account_id", ApiError, False),
    ],
)
def test_rest_errors_map_to_typed_errors(
    status: int,
    code: str,
    message: str,
    field: str | None,
    kind: type[ApiError],
    transient: bool,
) -> None:
    error = error_from_reply(status, _body(status, code, message, field), "accounts")
    assert type(error) is kind and error.transient is transient
    assert error.server_code == code and error.message == message
    if field:
        assert error.details == {field: message}


def test_unreadable_and_other_envelopes_still_map() -> None:
    assert isinstance(error_from_reply(502, b"<html>bad gateway</html>", "x"), WrongResponse)
    detail = json.dumps(
        {
            "data": {},
            "errors": [
                {"status": 403, "code": "InputError", "detail": {"message": "wallet says no"}}
            ],
            "metadata": {},
        }
    ).encode()
    error = error_from_reply(403, detail, "x")
    assert isinstance(error, PermissionDenied) and error.message == "wallet says no"


# ---------------------------------------------------------------------------------- pacing
def test_the_rest_budget_never_allows_more_than_60_in_any_minute() -> None:
    now = [0.0]
    bucket = TokenBucket(60, burst=10, clock=lambda: now[0])
    granted: list[float] = []
    while now[0] < 600:  # a client trying as hard as it can for ten minutes
        while bucket.try_take():
            granted.append(now[0])
        now[0] = round(now[0] + 0.05, 2)
    for i, start in enumerate(granted):
        window = [t for t in granted[i:] if t < start + 60]
        assert len(window) <= 60
    assert len(granted) >= 500  # and it still gets close to the budget (50/min + burst)
    while bucket.try_take():
        pass
    assert bucket.wait_time() > 0  # spent: the next request has to wait


async def test_take_waits_instead_of_failing() -> None:
    now = [0.0]
    bucket = TokenBucket(6000, burst=1, clock=lambda: now[0])
    await bucket.take()
    assert bucket.waited == 0 and bucket.wait_time() == pytest.approx(60 / 5999)
    now[0] += 1.0
    await bucket.take()
    assert bucket.waited == 0
