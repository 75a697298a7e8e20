"""Which proxy a connection goes through: the one in Settings, the system's (environment), or
none; and that a route never shows its password."""

from __future__ import annotations

import pytest

from deriv_desktop.api.proxy import FROM_SETTINGS, FROM_SYSTEM, ProxyProblem, route_for
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.domain.proxy import ProxyMode, ProxySettings, is_valid_proxy_host

SYSTEM = ProxySettings()
PROXY_VARIABLES = (
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "ALL_PROXY",
    "WSS_PROXY",
    "WS_PROXY",
    "SOCKS_PROXY",
    "NO_PROXY",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def test_without_any_proxy_everything_is_direct() -> None:
    assert route_for(SYSTEM, "wss://ws.derivws.com/websockets/v3") is None
    assert route_for(SYSTEM, "https://api.derivws.com/v1/health") is None


def test_https_proxy_carries_secure_sockets_and_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("https_proxy", "http://desk:p%40ss@proxy.lan:3128")
    route = route_for(SYSTEM, "wss://ws.derivws.com/websockets/v3")
    assert route is not None and route.source == FROM_SYSTEM
    assert (route.scheme, route.host, route.port) == ("http", "proxy.lan", 3128)
    assert (route.username, route.password) == ("desk", "p@ss")
    assert route.url == "http://desk:p%40ss@proxy.lan:3128"
    assert route.label == "http://proxy.lan:3128" and "p@ss" not in repr(route)
    assert route_for(SYSTEM, "https://api.derivws.com/v1/health") == route


def test_all_proxy_is_the_last_resort_and_no_proxy_is_honoured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALL_PROXY", "socks5h://127.0.0.1:1080")
    for address in ("ws://127.0.0.1:8080/x", "http://127.0.0.1:8080/v1", "https://api.x.com/"):
        route = route_for(SYSTEM, address)
        assert route is not None and route.label == "socks5h://127.0.0.1:1080", address
    monkeypatch.setenv("HTTPS_PROXY", "proxy.lan:3128")  # no scheme: http, as curl reads it
    route = route_for(SYSTEM, "https://api.x.com/")
    assert route is not None and route.label == "http://proxy.lan:3128"
    monkeypatch.setenv("NO_PROXY", "api.x.com,127.0.0.1")
    assert route_for(SYSTEM, "https://api.x.com/") is None
    assert route_for(SYSTEM, "ws://127.0.0.1:8080/x") is None
    assert route_for(SYSTEM, "wss://ws.derivws.com/") is not None


def test_a_system_socks_entry_and_an_unusable_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCKS_PROXY", "http://10.0.0.1:1080")  # how system settings list SOCKS
    route = route_for(SYSTEM, "wss://ws.derivws.com/")
    assert route is not None and route.label == "socks5h://10.0.0.1:1080"
    monkeypatch.setenv("HTTPS_PROXY", "socks4://10.0.0.1:1080")
    with pytest.raises(ProxyProblem) as unusable:
        route_for(SYSTEM, "wss://ws.derivws.com/")
    assert unusable.value.problem == Problem(ProblemKind.PROXY_UNSUPPORTED, field=FROM_SYSTEM)


def test_a_proxy_in_settings_carries_everything_and_no_proxy_means_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "*")
    named = ProxySettings(ProxyMode.SOCKS5, "::1", 1080, "me", "s3cret:/@")
    route = route_for(named, "ws://127.0.0.1:8080/x")  # loopback too: NO_PROXY is the system's
    assert route is not None and route.source == FROM_SETTINGS
    assert route.url == "socks5h://me:s3cret%3A%2F%40@[::1]:1080"
    assert "s3cret" not in repr(route) and "s3cret" not in repr(named)
    http = route_for(ProxySettings(ProxyMode.HTTP, "proxy.lan", 3128), "https://x.com/")
    assert http is not None and http.url == "http://proxy.lan:3128"
    monkeypatch.delenv("NO_PROXY")
    assert route_for(ProxySettings(ProxyMode.NONE), "wss://ws.derivws.com/") is None


def test_proxy_host_names_are_checked() -> None:
    for good in ("proxy.lan", "10.0.0.1", "::1", "p-1.example.com"):
        assert is_valid_proxy_host(good), good
    for bad in ("", "http://proxy", "proxy:3128", "user@proxy", "pro xy", "[::1]", "-x"):
        assert not is_valid_proxy_host(bad), bad
    assert ProxySettings(ProxyMode.HTTP, "proxy.lan", 3128).is_complete()
    assert not ProxySettings(ProxyMode.HTTP, "proxy.lan", 0).is_complete()
    assert ProxySettings(ProxyMode.NONE).is_complete()
