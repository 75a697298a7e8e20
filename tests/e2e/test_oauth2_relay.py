"""The relay page in headless Chromium: Deriv's OAuth2 redirect lands on the (here: local) relay
page, which hands code and state to the app's loopback callback; the app then redeems the code
with PKCE at the sandbox. Also: without a usable state the page stays put and says why."""

from __future__ import annotations

from pathlib import Path

from deriv_desktop.api.newapi import HttpClient, RestClient
from deriv_desktop.auth.oauth2 import CodeAccepted, OAuth2Attempt, exchange_code, validate_callback
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from tests.support.cdp import ChromiumPage
from tests.support.local_site import LocalSite, Request, Response

RELAY_FILE = Path(__file__).resolve().parents[2] / "resources/relay/deriv-desktop-relay.html"
CLIENT = "40001"


def relay_route(request: Request) -> Response:
    return Response.html(RELAY_FILE.read_text(encoding="utf-8"))


async def test_the_relay_page_hands_the_code_to_the_app(chromium_page: ChromiumPage) -> None:
    async with LocalSite() as relay_host, LocalSite() as app:
        relay_host.route("/deriv-desktop-relay.html", relay_route)
        app.route("/callback", lambda request: Response.html("<p id='done'>Signed in</p>"))
        relay_url = relay_host.url("/deriv-desktop-relay.html")
        async with Sandbox(SandboxConfig(oauth2_clients={CLIENT: relay_url})) as sandbox:
            base = sandbox.oauth2_url.removesuffix("/oauth2/auth")
            attempt = OAuth2Attempt.new(
                client_id=CLIENT, redirect_uri=relay_url, relay_port=app.port, base_url=base
            )
            await chromium_page.navigate(attempt.authorization_url)
            await chromium_page.fill("#email", "amara@example.com")
            await chromium_page.fill("#password", "Sandbox#Amara1")
            await chromium_page.click("button[type=submit]", wait_for_navigation=True)
            await chromium_page.click("button[value=allow]")
            callback = await app.next_request("/callback")
            await chromium_page.wait_for_selector("#done")

            assert "referer" not in callback.headers  # the code never leaks in a Referer
            assert set(callback.query) == {"code", "state"}
            result = validate_callback(attempt, callback.target)
            assert isinstance(result, CodeAccepted)
            token = await exchange_code(
                attempt, result, post_form=HttpClient().post_form, base_url=base
            )
            rest = RestClient(app_id=CLIENT, base_url=sandbox.rest_url, token=token.access_token)
            assert await rest.accounts()
        landed = await relay_host.next_request("/deriv-desktop-relay.html")
        assert "code" in landed.query and chromium_page.url.startswith(app.url("/callback"))


async def test_without_a_state_the_relay_page_stays_and_explains(
    chromium_page: ChromiumPage,
) -> None:
    async with LocalSite() as relay_host:
        relay_host.route("/deriv-desktop-relay.html", relay_route)
        await chromium_page.navigate(relay_host.url("/deriv-desktop-relay.html?code=abc"))
        await chromium_page.wait_for_selector("#status")
        text = await chromium_page.text()
        assert "did not receive one" in text
        # The code left the address bar all the same.
        assert await chromium_page.evaluate("window.location.search") == ""
