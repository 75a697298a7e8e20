"""A real browser against the real handler: the fragment forwarder runs under our CSP and a
refused consent (which only the page can see) reaches the app; success ends on /done.

Needs headless Chromium; skipped with a reason when it is not installed.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import tempfile

import pytest
from auth_helpers import answer_query, fast_config

from deriv_desktop.auth.attempt import AttemptStatus, LoginAttempt
from deriv_desktop.auth.loopback import AppOutcome, LoopbackReceiver, LoopbackStatus
from deriv_desktop.auth.redirect import RedirectAccepted

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed"),
]


async def _browse(url: str) -> tuple[str, str]:
    """Load ``url`` in a throwaway headless profile; return the final DOM and the console log."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        env = dict(os.environ, XDG_CONFIG_HOME=f"{profile}/cfg", XDG_CACHE_HOME=f"{profile}/cache")
        process = await asyncio.create_subprocess_exec(
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--virtual-time-budget=3000",
            "--dump-dom",
            url,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        try:
            out, err = await asyncio.wait_for(process.communicate(), 60)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    console = "\n".join(
        line for line in err.decode(errors="replace").splitlines() if "CONSOLE" in line
    )
    return out.decode(errors="replace"), console


async def _receiver() -> tuple[LoginAttempt, LoopbackReceiver]:
    async def ok(accepted: RedirectAccepted) -> AppOutcome:
        return AppOutcome.success()

    attempt = LoginAttempt.new("http://127.0.0.1:0/callback", 120)
    config = fast_config(read_timeout=10.0, done_grace=30.0)
    receiver = LoopbackReceiver(attempt, on_credentials=ok, config=config)
    await receiver.start()
    return attempt, receiver


async def test_refusal_in_the_fragment_is_forwarded_by_the_page() -> None:
    attempt, receiver = await _receiver()
    try:
        dom, console = await _browse(
            f"{receiver.redirect_uri}#error=scope_denied&state={attempt.state}"
        )
        outcome = await asyncio.wait_for(receiver.wait(), 5)
    finally:
        await receiver.aclose()

    assert outcome.status is LoopbackStatus.REFUSED
    assert attempt.status is AttemptStatus.REFUSED
    assert re.search(r"<h1>You're not signed in</h1>", dom)
    assert "Content Security Policy" not in console


async def test_success_ends_on_the_done_page() -> None:
    attempt, receiver = await _receiver()
    try:
        dom, console = await _browse(f"{receiver.redirect_uri}?{answer_query(attempt.state)}")
        outcome = await asyncio.wait_for(receiver.wait(), 5)
    finally:
        await receiver.aclose()

    assert outcome.status is LoopbackStatus.SUCCEEDED
    assert "<h1>You're signed in</h1>" in dom
    assert attempt.state not in dom
    assert "Content Security Policy" not in console
