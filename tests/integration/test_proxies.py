"""Both transports through real proxy servers to the sandbox: tinyproxy (HTTP CONNECT) and
microsocks (SOCKS5), with a user name and password; and every way a proxy can be wrong gives its
own problem, naming the proxy and never its password.

The proxies' logs show the sandbox's ports: the traffic really went through them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from deriv_desktop.api.legacy import DerivClient, calls
from deriv_desktop.api.legacy.client import endpoint_url
from deriv_desktop.api.newapi import HttpClient
from deriv_desktop.domain.errors import ConnectionProblem
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.domain.proxy import ProxyMode, ProxySettings
from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import User
from tests.integration.conftest import APP_ID, FAST, usable_tokens
from tests.support.proxy_servers import ProxyServer, free_port, microsocks, tinyproxy

PASSWORD = "Pr0xy-Secret-4411"
Server = Callable[..., AbstractContextManager[ProxyServer]]
SERVERS = {"tinyproxy": tinyproxy, "microsocks": microsocks}


@pytest.fixture(params=sorted(SERVERS))
def proxy(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ProxyServer]:
    with SERVERS[request.param](tmp_path, "desk", PASSWORD) as server:
        yield server


def legacy_client(sandbox: Sandbox, proxy: ProxySettings) -> DerivClient:
    return DerivClient(
        endpoint_url(sandbox.ws_url, APP_ID),
        proxy=proxy,
        backoff=FAST,
        request_timeout=5.0,
        connect_timeout=3.0,
    )


def port_of(url: str) -> int:
    return int(url.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])


async def socket_failure(sandbox: Sandbox, proxy: ProxySettings) -> ConnectionProblem:
    client = legacy_client(sandbox, proxy)
    try:
        with pytest.raises(ConnectionProblem) as failed:
            await client.start()
    finally:
        await client.close()
    return failed.value


async def rest_failure(sandbox: Sandbox, proxy: ProxySettings) -> ConnectionProblem:
    with pytest.raises(ConnectionProblem) as failed:
        await HttpClient(timeout=3.0, proxy=proxy).request("GET", sandbox.rest_url + "/v1/health")
    return failed.value


async def test_both_transports_reach_the_sandbox_through_the_proxy(
    sandbox: Sandbox, amara: User, proxy: ProxyServer
) -> None:
    async with legacy_client(sandbox, proxy.settings()) as client:
        reply = await client.authorize(usable_tokens(amara))
        balances = await client.subscribe(calls.balance("all", loginid=reply["loginid"]))
        assert balances.first is not None and "accounts" in balances.first["balance"]
    reply_http = await HttpClient(timeout=5.0, proxy=proxy.settings()).request(
        "GET", sandbox.rest_url + "/v1/health"
    )
    assert reply_http.status == 200
    assert proxy.saw_port(port_of(sandbox.ws_url)), proxy.log()
    assert proxy.saw_port(port_of(sandbox.rest_url)), proxy.log()
    assert PASSWORD not in proxy.log()


async def test_a_wrong_password_is_told_as_such(sandbox: Sandbox, proxy: ProxyServer) -> None:
    wrong = proxy.settings(password="not-the-password")
    expected = Problem(
        ProblemKind.PROXY_AUTH_FAILED, host="127.0.0.1", port=proxy.port, field="settings"
    )
    for failure in (await socket_failure(sandbox, wrong), await rest_failure(sandbox, wrong)):
        assert failure.problem == expected
        assert "not-the-password" not in str(failure)


async def test_the_system_proxy_from_the_environment_is_used(
    sandbox: Sandbox, amara: User, proxy: ProxyServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ALL_PROXY", proxy.url)
    async with legacy_client(sandbox, ProxySettings()) as client:
        await client.authorize(usable_tokens(amara))
        assert await client.call(calls.ping()) == "pong"
    health = await HttpClient(timeout=5.0).request("GET", sandbox.rest_url + "/v1/health")
    assert health.status == 200
    assert proxy.saw_port(port_of(sandbox.ws_url)) and proxy.saw_port(port_of(sandbox.rest_url))

    # NO_PROXY takes the sandbox off the proxy; "No proxy" in Settings ignores the environment.
    monkeypatch.setenv("ALL_PROXY", f"http://127.0.0.1:{free_port()}")  # nothing listens
    assert (await rest_failure(sandbox, ProxySettings())).problem.kind is (
        ProblemKind.PROXY_REFUSED
    )
    direct = await HttpClient(timeout=5.0, proxy=ProxySettings(ProxyMode.NONE)).request(
        "GET", sandbox.rest_url + "/v1/health"
    )
    assert direct.status == 200
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    async with legacy_client(sandbox, ProxySettings()) as client:
        assert await client.call(calls.ping()) == "pong"


@pytest.mark.parametrize("mode", [ProxyMode.HTTP, ProxyMode.SOCKS5])
async def test_an_unreachable_or_refusing_proxy_is_told_as_such(
    sandbox: Sandbox, mode: ProxyMode
) -> None:
    nobody = free_port()
    refused = ProxySettings(mode, "127.0.0.1", nobody)
    unknown = ProxySettings(mode, "no-such-proxy.invalid", 3128)
    for fail in (socket_failure, rest_failure):
        failure = await fail(sandbox, refused)
        assert failure.problem == Problem(
            ProblemKind.PROXY_REFUSED, host="127.0.0.1", port=nobody, field="settings"
        )
        assert (await fail(sandbox, unknown)).problem.kind is ProblemKind.PROXY_UNREACHABLE


async def test_the_wrong_kind_of_proxy_is_told_as_such(sandbox: Sandbox, tmp_path: Path) -> None:
    # An HTTP proxy setting aimed at a web server that is no proxy (the sandbox's REST one)
    # refuses the socket's CONNECT.
    web = ProxySettings(ProxyMode.HTTP, "127.0.0.1", port_of(sandbox.rest_url))
    assert (await socket_failure(sandbox, web)).problem.kind is ProblemKind.PROXY_NOT_A_PROXY
    with tinyproxy(tmp_path) as http, microsocks(tmp_path) as socks:
        # An HTTP proxy setting aimed at the SOCKS server: its answer is not HTTP. (Only REST:
        # websockets 17.4 reports an EOFError to the loop when a proxy closes after its EOF,
        # from HTTPProxyConnection.connection_lost; the socket's failure is still told right.)
        as_http = ProxySettings(ProxyMode.HTTP, "127.0.0.1", socks.port)
        failure = await rest_failure(sandbox, as_http)
        assert failure.problem.kind is ProblemKind.PROXY_NOT_A_PROXY
        # A SOCKS5 setting aimed at the HTTP proxy: it waits for a request line that never
        # comes, so the proxy does not answer in time.
        as_socks = ProxySettings(ProxyMode.SOCKS5, "127.0.0.1", http.port)
        for fail in (socket_failure, rest_failure):
            assert (await fail(sandbox, as_socks)).problem.kind is ProblemKind.PROXY_NO_ANSWER
