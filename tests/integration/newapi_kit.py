"""Helpers for tests of the new-API backend against the sandbox (real sockets, no sleeps)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.api.newapi import AccountSockets, HttpClient, RestClient
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.state import SessionState
from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.newapi.seed import PAT_APP_ID
from deriv_desktop.services.new_backend import NewApiBackend

FAST = Backoff(base=0.01, cap=0.05, jitter=0.0)
AMARA = "amara@example.com"
AMARA_PASSWORD = "Sandbox#Amara1"
_FORM = [("Content-Type", "application/x-www-form-urlencoded")]


def make_backend(
    sandbox: Sandbox,
    *,
    refresh_interval: float = 30.0,
    max_open: int = 2,
    app_id: str = PAT_APP_ID,
    **rest_options: Any,
) -> NewApiBackend:
    rest = RestClient(app_id=app_id, base_url=sandbox.rest_url, timeout=5.0, **rest_options)
    sockets = AccountSockets(
        rest, max_open=max_open, client_options={"backoff": FAST, "request_timeout": 5.0}
    )
    return NewApiBackend(rest, sockets=sockets, refresh_interval=refresh_interval, retry_pause=0.05)


async def until(predicate: Callable[[], bool], *events: Event[Any], timeout: float = 5.0) -> None:
    """Return once ``predicate()`` holds, re-checking whenever one of ``events`` fires."""
    if predicate():
        return
    loop = asyncio.get_running_loop()
    woken = asyncio.Event()
    unlinks = [event.connect(lambda _payload: loop.call_soon(woken.set)) for event in events]
    try:
        async with asyncio.timeout(timeout):
            while not predicate():
                await woken.wait()
                woken.clear()
    finally:
        for unlink in unlinks:
            unlink()


def state_events(state: SessionState) -> tuple[Event[Any], ...]:
    return (
        state.accounts_changed,
        state.balances_changed,
        state.active_changed,
        state.link_changed,
        state.totals_changed,
    )


def _csrf(page: bytes) -> str:
    match = re.search(rb'name="csrf_token" value="([^"]+)"', page)
    assert match, page[:300]
    return match.group(1).decode()


async def sign_in_on_pages(sandbox: Sandbox, url: str, decision: str = "allow") -> str:
    """Walk the sandbox's OAuth2 sign-in and consent pages over HTTP (as a browser would);
    returns the final redirect ``Location``."""
    http = HttpClient(timeout=5.0)
    page = await http.request("GET", url)
    assert page.status == 200, page.body
    login = await http.request(
        "POST",
        sandbox.oauth2_url,
        headers=_FORM,
        body=urlencode(
            {"csrf_token": _csrf(page.body), "email": AMARA, "password": AMARA_PASSWORD}
        ).encode(),
    )
    if login.status == 302:
        return login.headers["location"]
    assert login.status == 200 and b"wants access" in login.body
    consent = await http.request(
        "POST",
        sandbox.oauth2_url + "/consent",
        headers=_FORM,
        body=urlencode({"csrf_token": _csrf(login.body), "decision": decision}).encode(),
    )
    assert consent.status == 302, consent.body
    return consent.headers["location"]


def stream_sockets(sandbox: Sandbox) -> dict[int, str]:
    """Connection id -> account id of every socket that carries a live balance stream."""
    assert sandbox.newapi is not None
    sockets = sandbox.newapi.sockets
    live = sandbox.newapi.stats.live_by_connection("balance")
    return {
        cid: acc
        for acc in sandbox.newapi.state.accounts
        for cid in sockets.live_connections(acc)
        if cid in live
    }


async def streaming(sandbox: Sandbox, account_id: str) -> None:
    """Wait until exactly one balance stream is live, on a socket of ``account_id``."""
    assert sandbox.newapi is not None
    await sandbox.newapi.stats.wait_for(
        lambda: (
            list(stream_sockets(sandbox).values()) == [account_id]
            and sandbox.newapi is not None
            and sandbox.newapi.stats.live_subscriptions("balance") == 1
        )
    )
