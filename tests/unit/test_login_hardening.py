"""The sign-in cannot be hijacked or left stuck (issue 17), over real parts: the login service
with its loopback handler, the sandbox on real sockets, a real session; only the browser
launcher is a stand-in. Each test here failed before the change it covers."""

from __future__ import annotations

from pathlib import Path

import pytest

from deriv_desktop.auth import messages, pages
from deriv_desktop.auth.pages import Tone
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.services.login import LoginPhase
from tests.e2e.sign_in_kit import (
    callback_query,
    login_stack,
    state_of,
    usable_accounts,
    wait_for_status,
)


# ------------------------------------------------------------------------------- item 6: paste
async def test_a_pasted_address_of_another_scheme_or_place_is_refused_even_with_the_state(
    tmp_path: Path,
) -> None:
    async with login_stack(tmp_path) as st:
        status = await st.login.start()
        assert status.authorize_url is not None and status.redirect_uri is not None
        query = callback_query(state_of(status.authorize_url), usable_accounts(st.user))
        path = "/deriv-desktop/callback"
        for hostile in (
            f"javascript://127.0.0.1{path}?{query}",
            f"javascript://x/?{query}",
            f"JavaScript:alert(1)//?{query}",
            f"data://127.0.0.1{path}?{query}",
            f"https://evil.example/collect?{query}",
            f"http://127.0.0.1/other/path?{query}",
            f"derivdesktop://oauth/callback?{query}",  # not this profile's redirect
            f"/elsewhere?{query}",
        ):
            submission = await st.login.submit_pasted(hostile)
            assert not submission.used, hostile
            assert submission.reason == Problem(ProblemKind.ANSWER_NOT_A_CALLBACK), hostile
            assert st.login.status.phase is LoginPhase.AWAITING_BROWSER
        assert st.login.status.wrong_state_count == 0  # refused before the state was read

        # The same answer at the registered place (https too: HTTPS-only browsers) signs in.
        done = await st.login.submit_pasted(f"https://localhost:1{path}/?{query}")
        assert done.used and done.reason is None
        ready = await wait_for_status(st.login, lambda s: s.phase is LoginPhase.READY)
        assert ready.via == "oauth"


@pytest.mark.parametrize(
    "text",
    ["?state=abc&acct1=CR1", "acct1=CR1&token1=x&state=abc", "#state=abc", "/cb?state=abc"],
)
def test_a_bare_query_or_the_registered_path_is_left_to_the_state_check(text: str) -> None:
    from deriv_desktop.auth.redirect import screen_pasted

    assert screen_pasted(text, ["http://127.0.0.1/cb"]) is None


def test_every_page_that_may_show_a_sign_in_address_warns_against_pasting_it_elsewhere() -> None:
    for text in (
        messages.PAGE_WAITING,
        messages.PAGE_SUCCESS,
        messages.PAGE_FAILURE,
        messages.PAGE_REFUSED,
        messages.PAGE_STALE,
        messages.PAGE_MALFORMED,
    ):
        body = pages.render(text, Tone.INFO).body.decode()
        assert "Never paste this page&#x27;s address anywhere but Deriv Desktop" in body, text


# ------------------------------------------------------------------------------- items 3 and 4
@pytest.mark.parametrize(
    ("environ", "platform", "kernel", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", "Linux version 6.1", None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", "Linux version 6.1", None),
        ({}, "linux", "Linux version 6.1", "no_display"),
        ({"DISPLAY": ":0", "SSH_CONNECTION": "a 1 b 22"}, "linux", "", "ssh"),
        ({"SSH_TTY": "/dev/pts/1"}, "darwin", "", "ssh"),
        ({"SSH_CLIENT": "a 1 22"}, "win32", "", "ssh"),
        ({"DISPLAY": ":0", "WSL_DISTRO_NAME": "Ubuntu"}, "linux", "", "wsl"),
        ({"DISPLAY": ":0"}, "linux", "Linux version 5.15.90.1-microsoft-standard-WSL2", "wsl"),
        ({}, "darwin", "", None),
        ({}, "win32", "", None),
        ({"BROWSER": "wslview", "WSL_DISTRO_NAME": "Ubuntu"}, "linux", "", None),
        ({"BROWSER": "my-forwarder", "SSH_CONNECTION": "a 1 b 22"}, "linux", "", None),
    ],
)
def test_sessions_where_a_browser_cannot_open_are_recognised(
    environ: dict[str, str], platform: str, kernel: str, expected: str | None
) -> None:
    from deriv_desktop.services.remote_session import remote_session

    found = remote_session(environ, platform, lambda: kernel)
    assert (found.value if found is not None else None) == expected


async def test_over_ssh_no_browser_is_opened_and_the_status_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BROWSER")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    async with login_stack(tmp_path) as st:
        status = await st.login.start()
        assert status.waiting and status.listening
        assert getattr(status, "remote", None) is not None and status.remote.value == "ssh"
        assert st.spy.urls == []
        assert await st.login.open_again(), "the user may still ask for a browser here"
        assert st.spy.urls == [status.authorize_url]


def _script(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return str(path)


def test_a_launcher_that_fails_or_finds_no_browser_is_reported(tmp_path: Path) -> None:
    from deriv_desktop.controller import launch_and_watch

    no_browser = _script(tmp_path, "xdg-open-none", "exit 3")  # xdg-open: no tool found
    assert not launch_and_watch([no_browser, "https://example.com/"])
    assert not launch_and_watch([str(tmp_path / "missing"), "https://example.com/"])
    worked = _script(tmp_path, "xdg-open-ok", 'test "$1" = "https://example.com/?a=1"')
    assert launch_and_watch([worked, "https://example.com/?a=1"])
