"""Shared pieces of the switcher benchmarks: the sandbox in its own process, the signed-in
stack the app builds, a round-trip counter and small statistics.

The sandbox always runs in a separate process so that its work (serving, pushing balances) is
never counted as the app's. It is controlled through its stdin with one-line commands that are
acknowledged with ``ok`` on stdout, so a benchmark knows when a change has taken effect.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

APP_ID = "1089"  # a third-party app the sandbox seeds
BENCH_EMAIL = "bench@example.com"

# The sandbox process: prints one JSON line (URL + the bench user's accounts), then obeys
# "start", "stop", "rate N" and "quit" on stdin, answering "ok" to each.
_SANDBOX = r"""
import asyncio, json, sys
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.config import RateLimits

async def main(extra, rate):
    # Benches go far past Deriv's limits on purpose (pings included: Deriv allows 10 a second)
    limits = RateLimits(general_minutely=10**7, general_hourly=10**8, connection_per_second=10**7)
    config = SandboxConfig(port=0, oauth_port=0, idle_timeout=3600, extra_accounts=extra,
                           activity=False, activity_rate=rate, rate_limits=limits, seed=7)
    async with Sandbox(config) as sb:
        bench = sb.user("bench@example.com")
        sb.activity.accounts = {a.loginid for a in bench.accounts}
        accounts = [dict(loginid=a.loginid, token=a.token, currency=a.currency,
                         is_disabled=a.is_disabled, is_virtual=a.is_virtual)
                    for a in bench.accounts]
        print(json.dumps({"ws_url": sb.ws_url, "accounts": accounts}), flush=True)
        loop = asyncio.get_running_loop()
        while True:
            line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
            if line in ("", "quit"):
                break
            if line == "start":
                sb.activity.start()
            elif line == "stop":
                await sb.activity.stop()
            elif line.startswith("rate "):
                sb.activity.rate = float(line.split()[1])
            print("ok", flush=True)

asyncio.run(main(int(sys.argv[1]), float(sys.argv[2])))
"""


@dataclass
class BenchAccount:
    loginid: str
    token: str
    currency: str
    is_disabled: bool
    is_virtual: bool


class SandboxProcess:
    """``with SandboxProcess(25) as sb: sb.ws_url, sb.accounts, sb.command("start")``."""

    def __init__(self, extra_accounts: int = 25, activity_rate: float = 2000.0) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SANDBOX, str(extra_accounts), str(activity_rate)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        first = self.proc.stdout.readline()
        if not first.startswith("{"):
            self.proc.kill()
            raise SystemExit("the sandbox process did not start")
        info = json.loads(first)
        self.ws_url: str = info["ws_url"]
        self.accounts = [BenchAccount(**a) for a in info["accounts"]]

    def command(self, line: str) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if answer != "ok":
            raise RuntimeError(f"sandbox answered {answer!r} to {line!r}")

    def cpu_seconds(self) -> float:
        """User + system CPU time the sandbox process has used so far (Linux ``/proc``)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def __enter__(self) -> SandboxProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def usable(self) -> list[BenchAccount]:
        """Accounts Deriv would authorize (a disabled account's token is refused)."""
        return [a for a in self.accounts if not a.is_disabled]


# ------------------------------------------------------------------------------- the app stack
@dataclass
class AppStack:
    """What ``deriv_desktop.composition.build_stack`` builds for the app (its session, state,
    bridge ... are reached as attributes of this object), and a window's context."""

    parts: Any
    ctx: Any
    scratch: Path

    def __getattr__(self, name: str) -> Any:
        return getattr(self.parts, name)

    async def close(self) -> None:
        await self.parts.tasks.shutdown()
        await self.parts.close()


def build_stack(ws_url: str) -> AppStack:
    """The stack the app builds for a profile on a sandbox at ``ws_url`` (another process)."""
    from deriv_desktop.composition import Endpoints, Tuning
    from deriv_desktop.composition import build_stack as compose
    from deriv_desktop.services.profile import ConnectionProfile
    from deriv_desktop.storage.secrets import MemoryTokenStore
    from deriv_desktop.storage.settings import Settings, SettingsFile

    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    profile = ConnectionProfile(server=ws_url, app_id=APP_ID)
    parts = compose(
        profile,
        Endpoints(ws_url, profile.oauth_url, profile.redirect_uri),
        store=MemoryTokenStore(),
        settings=Settings(),
        settings_file=SettingsFile(scratch / "settings.json"),
        tuning=Tuning(request_timeout=30),
    )
    return AppStack(parts, parts.context(server_label="Sandbox", version="bench"), scratch)


@contextmanager
def tap_received(seen: Callable[[str | bytes], None]) -> Iterator[None]:
    """Call ``seen`` with every message any legacy client receives (counts round trips)."""
    from deriv_desktop.api.legacy.client import DerivClient

    original = DerivClient._dispatch

    def dispatch(self: Any, raw: str | bytes) -> None:
        seen(raw)
        original(self, raw)

    DerivClient._dispatch = dispatch  # type: ignore[method-assign]
    try:
        yield
    finally:
        DerivClient._dispatch = original  # type: ignore[method-assign]


def credentials(accounts: Iterable[BenchAccount]) -> list[Any]:
    from deriv_desktop.domain.credentials import AccountCredential

    return [AccountCredential(a.loginid, a.token, a.currency or None) for a in accounts]


# ------------------------------------------------------------------------------- round trips
@dataclass
class WireLog:
    """Frames sent and received, to count round trips on the critical path.

    A request belongs to round trip ``1 + the highest round trip of any reply received
    before it was sent``; the WebSocket handshake is round trip 1. This over-counts rather than
    under-counts (an unrelated earlier reply can only push a request later).
    """

    started: float = field(default_factory=time.perf_counter)
    events: list[tuple[float, str, int | None, str]] = field(default_factory=list)

    def sent(self, frame: str | bytes) -> None:
        msg = json.loads(frame)
        kind = next((k for k in msg if k not in ("req_id", "subscribe", "passthrough")), "?")
        self.events.append((time.perf_counter(), "send", msg.get("req_id"), kind))

    def received(self, frame: str | bytes) -> None:
        msg = json.loads(frame)
        self.events.append((time.perf_counter(), "recv", msg.get("req_id"), msg.get("msg_type")))

    def round_trips(self, until: float) -> tuple[int, list[str]]:
        """(round trips before ``until``, "1: handshake", "2: authorize ∥ website_status", …)."""
        level: dict[int | None, int] = {}
        highest_answered = 1  # the handshake
        waves: dict[int, list[str]] = {1: ["handshake"]}
        deepest = 1
        for when, what, req_id, kind in self.events:
            if when > until:
                break
            if what == "send":
                wave = highest_answered + 1
                level[req_id] = wave
                waves.setdefault(wave, []).append(kind)
            elif req_id in level:
                highest_answered = max(highest_answered, level[req_id])
                deepest = max(deepest, level[req_id])
        names = [
            f"{w}: " + " ∥ ".join(dict.fromkeys(waves[w])) for w in sorted(waves) if w <= deepest
        ]
        return deepest, names


# ------------------------------------------------------------------------------- statistics
def median(values: Sequence[float]) -> float:
    # Imported here: the measured children import this module, and ``statistics`` (with
    # ``fractions`` and ``decimal``'s C part) would add about 0.2 MiB the app never loads.
    import statistics

    return statistics.median(values)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported p99 is a real sample)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.4999)))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def qt_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """A child environment: offscreen unless a display was asked for, private config dirs."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home if name == "HOME" else home / name.lower())
    env["DERIV_DESKTOP_CONFIG_DIR"] = str(home / "config")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra or {})
    return env
