"""Headless Chromium as the "system browser", plus the fixtures that hand it to tests.

Three tools, for three kinds of test:

* ``headless_browser`` — a ``$BROWSER``-style wrapper script (test-environment.md section 4) that
  returns at once and lets Chromium load the URL with ``--dump-dom`` in the background: it follows
  redirects (e.g. an auto-approving authorize URL that 302s to the app's loopback callback) but
  cannot fill in forms.  Use ``open(url)`` directly, ``use_for_webbrowser(monkeypatch)`` for the
  Python ``webbrowser`` route, or ``register_xdg_default()`` for the ``xdg-open`` route.
* ``chromium_page`` — a :class:`tests.support.cdp.ChromiumPage` for pages that need real typing
  and clicking (sign-in form, consent button).
* ``browser_handoff`` — a ``$BROWSER`` wrapper that hands each URL to the test instead of opening
  it, so a test can exercise the app's real "open the system browser" path and then drive the
  page with ``chromium_page``: ``page.navigate(await handoff.next_url())``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import signal
import socket
import stat
import subprocess
import sys
import webbrowser
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.support.cdp import HEADLESS_FLAGS, ChromiumPage
from tests.support.e2e_policy import require_tool

CHROMIUM_REASON = "headless browser tests need Chromium (apt-get install chromium)"

#: Seconds after which a wrapper-launched Chromium is killed even if the page never settles.
BROWSER_TIMEOUT_S = 30

_DESKTOP_ID = "headless-browser.desktop"


def _make_executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def _install_as_browser(wrapper: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``$BROWSER`` and Python's ``webbrowser`` use ``wrapper`` for this test.

    ``webbrowser`` reads ``$BROWSER`` only once per process, so its registry is reset too.
    """
    monkeypatch.setenv("BROWSER", str(wrapper))
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})


def _register_xdg_default(wrapper: Path) -> Path:
    """Make ``wrapper`` the http/https handler for ``xdg-open`` in the current XDG dirs.

    Under a real DISPLAY, Qt's ``QDesktopServices.openUrl`` goes through ``xdg-open``, which
    would otherwise find the real chromium.desktop (which refuses to run as root).
    """
    data_home = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    config_home = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    applications = data_home / "applications"
    applications.mkdir(parents=True, exist_ok=True)
    desktop_file = applications / _DESKTOP_ID
    desktop_file.write_text(
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Headless test browser\n"
        f"Exec={wrapper} %u\n"
        "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n"
        "NoDisplay=true\n"
    )
    config_home.mkdir(parents=True, exist_ok=True)
    (config_home / "mimeapps.list").write_text(
        "[Default Applications]\n"
        f"x-scheme-handler/http={_DESKTOP_ID}\n"
        f"x-scheme-handler/https={_DESKTOP_ID}\n"
    )
    return desktop_file


class HeadlessBrowser:
    """A wrapper script that opens URLs in a throwaway headless Chromium (``--dump-dom``)."""

    def __init__(self, chromium: str, root: Path, timeout_s: int = BROWSER_TIMEOUT_S) -> None:
        self.root = root
        self.profiles_dir = root / "profiles"
        self.profiles_dir.mkdir(parents=True, exist_ok=True)
        #: Every loaded page's final DOM is appended here.
        self.dom_log = root / "dom.log"
        #: The executable to put in ``$BROWSER``; takes the URL as its only argument.
        self.wrapper_path = root / "headless-browser"
        flags = " ".join(shlex.quote(flag) for flag in HEADLESS_FLAGS)
        _make_executable(
            self.wrapper_path,
            f"""#!/bin/sh
# Headless Chromium standing in for the system browser (written by tests/support/browser.py).
# Returns at once, like a real browser launcher; Chromium loads "$1" in the background,
# follows redirects, appends the final DOM to the log and exits.
[ -n "$1" ] || {{ echo "usage: $0 URL" >&2; exit 2; }}
profile=$(mktemp -d {shlex.quote(str(self.profiles_dir))}/profile.XXXXXX) || exit 1
(
  XDG_CONFIG_HOME="$profile/xdg-config" XDG_CACHE_HOME="$profile/xdg-cache" \\
    timeout {int(timeout_s)} {shlex.quote(chromium)} {flags} --user-data-dir="$profile" \\
    --dump-dom "$1" >>{shlex.quote(str(self.dom_log))} 2>"$profile/stderr.log" &
  echo $! >"$profile/pid"
  wait $!
  echo $? >"$profile/exit-status"
) </dev/null >/dev/null 2>&1 &
exit 0
""",
        )

    def open(self, url: str) -> None:
        """Open ``url`` as a desktop would; returns as soon as the wrapper has detached."""
        subprocess.run(
            [str(self.wrapper_path), url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=True,
        )

    def use_for_webbrowser(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Route ``$BROWSER`` and Python's ``webbrowser.open`` to this browser for the test."""
        _install_as_browser(self.wrapper_path, monkeypatch)

    def register_xdg_default(self) -> Path:
        """Make this browser ``xdg-open``'s http(s) handler in the test's XDG dirs."""
        return _register_xdg_default(self.wrapper_path)

    def stop(self) -> None:
        """Kill any Chromium still running from this browser (each runs in its own group)."""
        for pid_file in self.profiles_dir.glob("profile.*/pid"):
            if (pid_file.parent / "exit-status").exists():
                continue
            # `timeout` puts itself and Chromium in a process group led by itself.
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.killpg(int(pid_file.read_text().strip()), signal.SIGTERM)


class BrowserHandoff:
    """A ``$BROWSER`` that hands each URL to the waiting test over a loopback socket."""

    def __init__(self, root: Path) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.setblocking(False)
        port = self._listener.getsockname()[1]
        self.wrapper_path = root / "browser-handoff"
        _make_executable(
            self.wrapper_path,
            f"""#!{sys.executable}
# Hands the URL to the test instead of opening it (written by tests/support/browser.py).
import socket
import sys

with socket.create_connection(("127.0.0.1", {port}), timeout=10) as connection:
    connection.sendall(sys.argv[1].encode() + b"\\n")
""",
        )

    async def next_url(self, *, timeout: float = 10.0) -> str:
        """The next URL the app asked the system browser to open."""
        loop = asyncio.get_running_loop()
        connection, _ = await asyncio.wait_for(loop.sock_accept(self._listener), timeout)
        with connection:
            connection.setblocking(False)
            data = b""
            while chunk := await asyncio.wait_for(loop.sock_recv(connection, 65536), timeout):
                data += chunk
        return data.decode().strip()

    def use_for_webbrowser(self, monkeypatch: pytest.MonkeyPatch) -> None:
        _install_as_browser(self.wrapper_path, monkeypatch)

    def register_xdg_default(self) -> Path:
        return _register_xdg_default(self.wrapper_path)

    def close(self) -> None:
        self._listener.close()


@pytest.fixture
def headless_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeadlessBrowser]:
    """Headless Chromium behind a ``$BROWSER`` wrapper; ``open(url)`` returns immediately."""
    chromium = require_tool("chromium", CHROMIUM_REASON)
    browser = HeadlessBrowser(chromium, tmp_path_factory.mktemp("headless-browser"))
    try:
        yield browser
    finally:
        browser.stop()


@pytest.fixture
def browser_handoff(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserHandoff]:
    """A ``$BROWSER`` whose URLs the test receives with ``await handoff.next_url()``."""
    handoff = BrowserHandoff(tmp_path_factory.mktemp("browser-handoff"))
    try:
        yield handoff
    finally:
        handoff.close()


@pytest.fixture
async def chromium_page() -> AsyncIterator[ChromiumPage]:
    """A DevTools-driven headless Chromium page (fresh profile), closed after the test."""
    chromium = require_tool("chromium", CHROMIUM_REASON)
    page = await ChromiumPage.launch(chromium)
    try:
        yield page
    finally:
        await page.close()
