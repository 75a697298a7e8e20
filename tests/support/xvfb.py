"""A private Xvfb server for tests that need a real X display (xcb windows, screenshots).

The test process itself keeps Qt on the ``offscreen`` platform (a QApplication is a process-wide
singleton and cannot switch platforms), so code that needs xcb runs in a subprocess with DISPLAY
pointing at this server; :func:`run_python_with_display` does that.
"""

from __future__ import annotations

import functools
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from tests.support.e2e_policy import require_tool
from tests.support.isolation import DESKTOP_SESSION_VARS

SCREEN_GEOMETRY = "1280x800x24"
START_TIMEOUT_S = 15.0


def _read_display_number(read_fd: int, timeout: float) -> str:
    """Read ``N\\n`` from Xvfb's ``-displayfd`` pipe.

    Xvfb writes the number and the newline with two separate ``write`` calls and treats a failed
    second write as fatal, so we must not close the pipe before the newline has arrived (a
    single ``os.read`` loses that race now and then and Xvfb dies).  EOF means Xvfb exited.
    """
    deadline = time.monotonic() + timeout
    data = b""
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([read_fd], [], [], max(deadline - time.monotonic(), 0))
        if not ready:
            break
        chunk = os.read(read_fd, 32)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace").strip() if data.endswith(b"\n") else ""


class XvfbServer:
    """One Xvfb process; ``display`` is the DISPLAY value (e.g. ``":3"``)."""

    def __init__(self, process: subprocess.Popen[bytes], display: str) -> None:
        self.process = process
        self.display = display

    @classmethod
    def start(cls, executable: str = "Xvfb", geometry: str = SCREEN_GEOMETRY) -> XvfbServer:
        """Start Xvfb on the first free display, learnt through ``-displayfd`` (no guessing)."""
        read_fd, write_fd = os.pipe()
        try:
            process = subprocess.Popen(
                [
                    executable,
                    "-displayfd",
                    str(write_fd),
                    "-screen",
                    "0",
                    geometry,
                    "-nolisten",
                    "tcp",
                ],
                pass_fds=(write_fd,),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        finally:
            os.close(write_fd)
        try:
            number = _read_display_number(read_fd, START_TIMEOUT_S)
        finally:
            os.close(read_fd)
        if not number.isdigit():
            process.kill()
            process.wait(5)
            raise RuntimeError(f"Xvfb did not report a display within {START_TIMEOUT_S} s")
        return cls(process, f":{number}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def display_env(display: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for a child that must use the X server ``display`` through xcb.

    Nothing of another desktop session survives: the private Xvfb needs no cookie, and a Wayland
    display or session bus would take the child somewhere else.
    """
    env = dict(os.environ if base is None else base)
    for name in DESKTOP_SESSION_VARS:
        env.pop(name, None)
    env["DISPLAY"] = display
    env["QT_QPA_PLATFORM"] = "xcb"
    return env


def run_python_with_display(
    display: str,
    *,
    code: str | None = None,
    module: str | None = None,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    timeout: float = 60.0,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -c code`` or ``python -m module`` on ``display`` and capture its output.

    Exactly one of ``code`` and ``module`` must be given.  The child inherits the (isolated)
    environment of the test plus ``env``; it is killed after ``timeout`` seconds.
    """
    if (code is None) == (module is None):
        raise ValueError("pass exactly one of code= or module=")
    command = [sys.executable, *(("-c", code) if code is not None else ("-m", str(module)))]
    child_env = display_env(display)
    if env:
        child_env.update(env)
    return subprocess.run(
        [*command, *args],
        env=child_env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """DISPLAY string of a private Xvfb, started lazily on first use and shared by the session."""
    executable = require_tool("Xvfb", "apt-get install xvfb (plus libxcb-icccm4 libxcb-keysyms1)")
    server = XvfbServer.start(executable)
    try:
        yield server.display
    finally:
        server.stop()


@pytest.fixture
def xvfb_python(xvfb_display: str) -> Callable[..., subprocess.CompletedProcess[str]]:
    """:func:`run_python_with_display` bound to the session's Xvfb display."""
    return functools.partial(run_python_with_display, xvfb_display)
