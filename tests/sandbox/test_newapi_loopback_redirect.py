"""The sandbox's OAuth2 server applies Hydra's redirect rule: a registered ``http`` loopback IP
literal matches with any port at sign-in (RFC 8252 §7.3); ``localhost`` and every other address
must match character for character."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from deriv_desktop.api.newapi import HttpClient
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.newapi.oauth2 import redirect_matches

V4 = "http://127.0.0.1/deriv-desktop/callback"
V6 = "http://[::1]/deriv-desktop/callback"
NAME = "http://localhost/deriv-desktop/callback"


@pytest.mark.parametrize(
    ("requested", "registered", "matches"),
    [
        ("http://127.0.0.1:54321/deriv-desktop/callback", V4, True),
        ("http://127.0.0.1/deriv-desktop/callback", V4, True),
        ("http://[::1]:8123/deriv-desktop/callback", V6, True),
        (
            "http://127.0.0.1:8123/deriv-desktop/callback",
            "http://127.0.0.1:9/deriv-desktop/callback",
            True,
        ),
        ("http://localhost:54321/deriv-desktop/callback", NAME, False),
        ("http://localhost:54321/deriv-desktop/callback", V4, False),
        ("http://127.0.0.1:54321/other", V4, False),
        ("http://127.0.0.1:54321/deriv-desktop/callback?x=1", V4, False),
        ("https://127.0.0.1:54321/deriv-desktop/callback", V4, False),
        ("http://[::1]:54321/deriv-desktop/callback", V4, False),
        ("http://evil@127.0.0.1:54321/deriv-desktop/callback", V4, False),
        ("https://relay.example/r.html", "https://relay.example/r.html", True),
        ("https://relay.example:444/r.html", "https://relay.example/r.html", False),
    ],
)
def test_hydras_loopback_rule(requested: str, registered: str, matches: bool) -> None:
    assert redirect_matches(requested, registered) is matches


async def test_the_authorization_page_accepts_another_port_for_a_loopback_literal_only() -> None:
    config = SandboxConfig(oauth2_clients={"40001": V4, "40002": NAME})
    async with Sandbox(config) as sb:
        http = HttpClient(timeout=5)

        async def start(client: str, redirect: str) -> int:
            query = urlencode(
                {
                    "response_type": "code",
                    "client_id": client,
                    "redirect_uri": redirect,
                    "scope": "trade",
                    "state": "s" * 43,
                    "code_challenge": "c" * 43,
                    "code_challenge_method": "S256",
                }
            )
            return (await http.request("GET", f"{sb.oauth2_url}?{query}")).status

        assert await start("40001", "http://127.0.0.1:50123/deriv-desktop/callback") == 200
        assert await start("40002", "http://localhost:50123/deriv-desktop/callback") == 400
        assert await start("40002", NAME) == 200
