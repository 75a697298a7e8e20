"""Real proxy servers on free loopback ports: Debian's ``tinyproxy`` (HTTP CONNECT) and
``microsocks`` (SOCKS5), each with an optional user name and password.

Each server runs in the foreground as a child of the test, logs to a file, and is stopped (by its
own pid) when the test ends. ``log()`` shows which addresses it connected to, so a test can see
that the traffic went through it. A missing program skips the test, or fails it under
``REQUIRE_E2E=1`` (``e2e_policy``).
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from deriv_desktop.domain.proxy import ProxyMode, ProxySettings
from tests.support.e2e_policy import require_tool, skip_or_fail

HOST = "127.0.0.1"
START_TIMEOUT = 10.0


@dataclass
class ProxyServer:
    """One running proxy server."""

    mode: ProxyMode
    port: int
    log_path: Path
    process: subprocess.Popen[bytes]
    username: str = ""
    password: str = field(default="", repr=False)

    def settings(self, *, password: str | None = None) -> ProxySettings:
        """What the app's Settings would name for this proxy (``password`` overrides)."""
        return ProxySettings(
            self.mode,
            HOST,
            self.port,
            self.username,
            self.password if password is None else password,
        )

    @property
    def url(self) -> str:
        """For the environment (``ALL_PROXY``): with the credentials when it has them."""
        scheme = "http" if self.mode is ProxyMode.HTTP else "socks5h"
        user = f"{self.username}:{self.password}@" if self.username else ""
        return f"{scheme}://{user}{HOST}:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def saw_port(self, port: int) -> bool:
        """Whether the proxy connected somewhere on ``port`` (tinyproxy names the request,
        microsocks the address it connected to)."""
        return f"{HOST}:{port}" in self.log()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _wait_listening(server: ProxyServer) -> None:
    """Until the server accepts connections (or has died: then the test says why)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            skip_or_fail(f"{server.mode.value} proxy exited at start: {server.log()[-400:]}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, server.port), 0.2):
            return
        with contextlib.suppress(subprocess.TimeoutExpired):  # or until it exits
            server.process.wait(0.05)
    server.stop()
    skip_or_fail(f"{server.mode.value} proxy did not listen within {START_TIMEOUT:g} s")


@contextlib.contextmanager
def tinyproxy(folder: Path, username: str = "", password: str = "") -> Iterator[ProxyServer]:
    """tinyproxy, allowing CONNECT to any port (the sandbox's are not 443)."""
    program = require_tool("tinyproxy", "apt-get install tinyproxy (HTTP CONNECT proxy tests)")
    port = free_port()
    lines = [
        f"Port {port}",
        f"Listen {HOST}",
        "Timeout 30",
        "MaxClients 50",
        "LogLevel Connect",
        f"Allow {HOST}",
        "DisableViaHeader Yes",
    ]
    if username:
        lines.append(f"BasicAuth {username} {password}")
    config = folder / f"tinyproxy-{port}.conf"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log_path = folder / f"tinyproxy-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [program, "-d", "-c", str(config)], stdout=log, stderr=subprocess.STDOUT
        )
    server = ProxyServer(ProxyMode.HTTP, port, log_path, process, username, password)
    try:
        _wait_listening(server)
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def microsocks(folder: Path, username: str = "", password: str = "") -> Iterator[ProxyServer]:
    """microsocks, a SOCKS5 server (user name and password auth when given)."""
    program = require_tool("microsocks", "apt-get install microsocks (SOCKS5 proxy tests)")
    port = free_port()
    command = [program, "-i", HOST, "-p", str(port)]
    if username:
        command += ["-u", username, "-P", password]
    log_path = folder / f"microsocks-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    server = ProxyServer(ProxyMode.SOCKS5, port, log_path, process, username, password)
    try:
        _wait_listening(server)
        yield server
    finally:
        server.stop()
