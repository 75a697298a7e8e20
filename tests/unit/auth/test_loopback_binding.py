"""Where and how the loopback handler listens: loopback only, the registered port, typed errors."""

from __future__ import annotations

import asyncio
import errno
import socket
from collections.abc import Iterator

import pytest
from auth_helpers import HarnessFactory, http_request

from deriv_desktop.auth import binding
from deriv_desktop.auth.attempt import LoginAttempt
from deriv_desktop.auth.binding import (
    BindFailure,
    LoopbackBindError,
    LoopbackTarget,
    classify_bind_error,
)
from deriv_desktop.auth.loopback import AppOutcome, LoopbackReceiver
from deriv_desktop.auth.redirect import RedirectAccepted
from deriv_desktop.domain.problems import Problem, ProblemKind


async def _ok(accepted: RedirectAccepted) -> AppOutcome:
    return AppOutcome.success()


def _ipv6_loopback_available() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.fixture
def occupied_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        yield holder.getsockname()[1]


async def test_listens_on_loopback_only(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    assert h.receiver.bound_addresses == [("127.0.0.1", h.port)]
    assert h.receiver.redirect_uri == f"http://127.0.0.1:{h.port}/callback"
    # Only the loopback literal is bound: never 0.0.0.0, :: or ''. (Connecting to this host's
    # LAN address to prove it would leave loopback, which these tests do not do.)
    for host, _ in h.receiver.bound_addresses:
        assert host in ("127.0.0.1", "::1")


async def test_listening_before_start_returns(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    _, writer = await asyncio.open_connection("127.0.0.1", h.port)  # no waiting needed
    writer.close()
    assert h.receiver.is_listening


async def test_occupied_port_gives_a_typed_error(occupied_port: int) -> None:
    attempt = LoginAttempt.new(f"http://127.0.0.1:{occupied_port}/callback")
    receiver = LoopbackReceiver(attempt, on_credentials=_ok)

    with pytest.raises(LoopbackBindError) as caught:
        await receiver.start()

    assert caught.value.reason is BindFailure.IN_USE
    assert caught.value.port == occupied_port
    assert caught.value.problem == Problem(
        ProblemKind.PORT_IN_USE, host="127.0.0.1", port=occupied_port
    )
    assert not receiver.is_listening
    with pytest.raises(RuntimeError):
        await receiver.wait()


async def test_no_second_listener_can_share_our_port(make_harness: HarnessFactory) -> None:
    h = await make_harness()

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as intruder:
        intruder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        with pytest.raises(OSError) as caught:
            intruder.bind(("127.0.0.1", h.port))
    assert caught.value.errno == errno.EADDRINUSE


async def test_permission_denied_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> socket.socket:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(binding, "_listen", refuse)
    receiver = LoopbackReceiver(LoginAttempt.new("http://127.0.0.1/callback"), on_credentials=_ok)

    with pytest.raises(LoopbackBindError) as caught:
        await receiver.start()

    assert caught.value.reason is BindFailure.PERMISSION_DENIED
    assert caught.value.port == 80
    assert caught.value.problem.port == 80


async def test_fixed_registered_port_is_advertised_unchanged(make_harness: HarnessFactory) -> None:
    with socket.socket() as finder:
        finder.bind(("127.0.0.1", 0))
        port = finder.getsockname()[1]
    registered = f"http://127.0.0.1:{port}/cb/deriv"

    h = await make_harness(redirect_uri=registered)

    assert h.receiver.redirect_uri == registered
    assert h.receiver.bound_addresses == [("127.0.0.1", port)]
    assert (await http_request(port, h.good_target())).status == 303


@pytest.mark.skipif(not _ipv6_loopback_available(), reason="no IPv6 loopback on this machine")
async def test_localhost_binds_both_loopbacks_on_one_port(make_harness: HarnessFactory) -> None:
    h = await make_harness(redirect_uri="http://localhost:0/callback")

    families = sorted(address[0] for address in h.receiver.bound_addresses)
    ports = {address[1] for address in h.receiver.bound_addresses}
    assert families == ["127.0.0.1", "::1"]
    assert ports == {h.port}
    assert h.receiver.redirect_uri == f"http://localhost:{h.port}/callback"

    reader, writer = await asyncio.open_connection("::1", h.port)
    writer.write(f"GET {h.good_target()} HTTP/1.1\r\nHost: localhost:{h.port}\r\n\r\n".encode())
    assert (await reader.read(12)).startswith(b"HTTP/1.1 303")
    writer.close()


@pytest.mark.skipif(not _ipv6_loopback_available(), reason="no IPv6 loopback on this machine")
async def test_ipv6_literal_is_bracketed(make_harness: HarnessFactory) -> None:
    h = await make_harness(redirect_uri="http://[::1]:0/callback")

    assert h.receiver.redirect_uri == f"http://[::1]:{h.port}/callback"
    assert h.receiver.bound_addresses[0][0] == "::1"


def test_registered_redirect_without_port_means_port_80() -> None:
    target = LoopbackTarget.parse("http://127.0.0.1/cb")

    assert (target.host, target.port, target.path) == ("127.0.0.1", 80, "/cb")
    assert target.advertised_uri(80) == "http://127.0.0.1/cb"
    assert target.host_header_values(80) == {"127.0.0.1", "127.0.0.1:80"}
    assert target.host_header_values(5555) == {"127.0.0.1:5555"}


@pytest.mark.parametrize(
    "uri",
    [
        "https://127.0.0.1/cb",
        "http://0.0.0.0/cb",
        "http://192.168.1.10/cb",
        "http://example.com/cb",
        "http://127.0.0.1/cb?x=1",
        "http://127.0.0.1/cb#x",
        "http://user@127.0.0.1/cb",
        "http://127.0.0.1:99999/cb",
        "http://127.0.0.1/c b",
        "derivdesktop://oauth/callback",
    ],
)
def test_unsafe_redirect_uris_are_refused(uri: str) -> None:
    with pytest.raises(ValueError):
        LoopbackTarget.parse(uri)


class _WindowsError(OSError):
    def __init__(self, winerror: int) -> None:
        super().__init__(errno.EACCES, "windows")
        self.winerror = winerror


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.EADDRINUSE, "in use"), BindFailure.IN_USE),
        (OSError(errno.EACCES, "denied"), BindFailure.PERMISSION_DENIED),
        (OSError(errno.EPERM, "denied"), BindFailure.PERMISSION_DENIED),
        (OSError(errno.EADDRNOTAVAIL, "no address"), BindFailure.ADDRESS_UNAVAILABLE),
        (OSError(errno.EINVAL, "odd"), BindFailure.OTHER),
        (_WindowsError(10013), BindFailure.WINDOWS_EXCLUDED),
        (_WindowsError(10048), BindFailure.IN_USE),
    ],
)
def test_bind_errors_are_classified(error: OSError, reason: BindFailure) -> None:
    assert classify_bind_error(error) is reason
    kind = {
        BindFailure.IN_USE: ProblemKind.PORT_IN_USE,
        BindFailure.PERMISSION_DENIED: ProblemKind.PORT_NOT_PERMITTED,
        BindFailure.WINDOWS_EXCLUDED: ProblemKind.PORT_RESERVED,
        BindFailure.ADDRESS_UNAVAILABLE: ProblemKind.PORT_ADDRESS_UNAVAILABLE,
        BindFailure.OTHER: ProblemKind.PORT_FAILED,
    }[reason]
    problem = LoopbackBindError(reason, "127.0.0.1", 80, error.errno).problem
    assert problem == Problem(kind, host="127.0.0.1", port=80)
