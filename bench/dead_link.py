"""How long the app takes to notice a dead link and to recover from a drop during re-authorize,
with the shipped settings (``Tuning()``: ping after 10 s of silence, dead 5 s later, reconnect
backoff from 1 s).

The app side is the stack the app builds (composition root, legacy API), signed in with every
account of the sandbox user Amara, balance and rate streams live. The sandbox runs in its own
process behind a TCP relay (``tests/support/black_hole.py``) and obeys one-line commands:

* black hole: the relay swallows everything on the open connection (no close, no reset);
* ignored pings: the server stops answering ``ping`` but is otherwise alive;
* drop during re-authorize: the connection is cut, and the re-authorize on the next one is cut
  too (the server stays reachable, so "the link is back" the moment that second drop is seen).

Each dead-link case starts right after a frame arrived, the worst case for the rule (a link that
dies just after speaking is silent for longest before anyone can tell). Figures: seconds from the
fault to the app's link leaving "online", and from the second drop to "online" again.

    python bench/dead_link.py [--rounds 3]

Targets (issue 16): a dead link noticed within 15 s; back online within 3 s after a drop during
re-authorize once the link is back. The liveness rule is 10 s + 5 s, so a black hole that
starts right after a frame is noticed at 15 s plus the event loop's timer latency; the verdict
allows 50 ms of it and prints the figure as measured.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import APP_ID, ROOT, median, tap_received, verdict

DEAD_TARGET = 15.0
TIMER_SLACK = 0.05
RECOVER_TARGET = 3.0

# The sandbox and the relay in front of it; commands on stdin, each answered "ok".
_SANDBOX = r"""
import asyncio, json, sys
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from tests.support.black_hole import BlackHoleRelay

async def main():
    config = SandboxConfig(port=0, oauth_port=0, idle_timeout=3600, activity=False, seed=7)
    async with Sandbox(config) as sb:
        host, port = sb.ws_url.split("//")[1].split("/")[0].rsplit(":", 1)
        async with BlackHoleRelay(host, int(port)) as relay:
            amara = sb.user("amara@example.com")
            tokens = [a.token for a in amara.accounts
                      if not a.is_disabled and not a.is_self_excluded]
            print(json.dumps({"ws_url": relay.url_for(sb.ws_url), "tokens": tokens}), flush=True)
            loop = asyncio.get_running_loop()
            while True:
                line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
                if line in ("", "quit"):
                    break
                if line == "hole":
                    relay.black_hole()
                elif line == "pings off":
                    sb.faults.ignore_pings = True
                elif line == "pings on":
                    sb.faults.ignore_pings = False
                elif line == "drop during authorize":
                    sb.faults.drop_on_next("authorize")
                    sb.faults.drop_connections()
                print("ok", flush=True)

asyncio.run(main())
"""


class Server:
    """The sandbox process: ``Server().ws_url``, ``.tokens``, ``.command("hole")``."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SANDBOX],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.proc.stdout is not None
        info = json.loads(self.proc.stdout.readline())
        self.ws_url: str = info["ws_url"]
        self.tokens: list[str] = info["tokens"]

    def command(self, line: str) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        if self.proc.stdout.readline().strip() != "ok":
            raise RuntimeError(f"the sandbox did not accept {line!r}")

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(10)


@dataclass
class Watch:
    """The link states the app's backend reports, with the loop time of each."""

    loop: asyncio.AbstractEventLoop
    seen: list[tuple[float, Any]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def __call__(self, state: Any) -> None:
        self.seen.append((self.loop.time(), state))
        self.changed.set()

    async def until(self, test: Any, since: int, timeout: float = 60.0) -> tuple[float, Any]:
        async with asyncio.timeout(timeout):
            while True:
                for at, state in self.seen[since:]:
                    if test(state):
                        return at, state
                self.changed.clear()
                await self.changed.wait()


class Frames:
    """Wakes the bench at every frame the app receives (through ``tap_received``)."""

    def __init__(self) -> None:
        self.arrived = asyncio.Event()

    def __call__(self, _raw: str | bytes) -> None:
        self.arrived.set()

    async def next(self) -> None:
        """Return just after the next inbound frame (a pong at worst 10 s away)."""
        self.arrived.clear()
        await self.arrived.wait()


async def measure(server: Server, rounds: int) -> dict[str, list[float]]:
    frames = Frames()
    with tap_received(frames):
        return await _measure(server, rounds, frames)


async def _measure(server: Server, rounds: int, frames: Frames) -> dict[str, list[float]]:
    from deriv_desktop.composition import Endpoints, Tuning, build_stack
    from deriv_desktop.domain.connection import LinkPhase
    from deriv_desktop.services.profile import ConnectionProfile
    from deriv_desktop.storage.secrets import MemoryTokenStore
    from deriv_desktop.storage.settings import Settings, SettingsFile

    scratch = Path(tempfile.mkdtemp(prefix="bench-dead-link-"))
    profile = ConnectionProfile(server=server.ws_url, app_id=APP_ID)
    stack = build_stack(
        profile,
        Endpoints(server.ws_url, profile.oauth_url, profile.redirect_uri),
        store=MemoryTokenStore(),
        settings=Settings(),
        settings_file=SettingsFile(scratch / "settings.json"),
        tuning=Tuning(),  # exactly what the app runs
    )
    results: dict[str, list[float]] = {"black hole": [], "ignored pings": [], "re-authorize": []}
    try:
        await stack.session.sign_in_with_tokens(server.tokens)
        backend = stack.session.backend
        client = backend.client
        watch = Watch(asyncio.get_running_loop())
        backend.link_changed.connect(watch)
        online = lambda s: s.phase is LinkPhase.ONLINE  # noqa: E731
        offline = lambda s: s.phase is not LinkPhase.ONLINE  # noqa: E731
        for _ in range(rounds):
            for case, fault, undo in (
                ("black hole", "hole", None),
                ("ignored pings", "pings off", "pings on"),
            ):
                await client.wait_online(60)
                await frames.next()
                since = len(watch.seen)
                began = asyncio.get_running_loop().time()
                server.command(fault)
                noticed, _ = await watch.until(offline, since)
                results[case].append(noticed - began)
                if undo:
                    server.command(undo)
                await watch.until(online, len(watch.seen) - 1)

            await client.wait_online(60)
            since = len(watch.seen)
            server.command("drop during authorize")
            # The first drop, then the one during re-authorize: the link is back from then on.
            lost = lambda s: s.next_try_at is not None  # noqa: E731
            first, _ = await watch.until(lost, since)
            after_first = next(i for i, (at, _) in enumerate(watch.seen) if at == first) + 1
            second, _ = await watch.until(lost, after_first)
            back, _ = await watch.until(online, after_first)
            results["re-authorize"].append(back - second)
    finally:
        await stack.tasks.shutdown()
        await stack.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    server = Server()
    started = time.perf_counter()
    try:
        results = asyncio.run(measure(server, args.rounds))
    finally:
        server.close()
    print(f"dead link and recovery, shipped settings ({args.rounds} rounds each)")
    print(f"{'case':34} {'median':>8} {'worst':>8} {'target':>8}  figures (s)")
    rows = (
        ("black hole -> noticed", results["black hole"], DEAD_TARGET),
        ("ignored pings -> noticed", results["ignored pings"], DEAD_TARGET),
        ("re-authorize drop -> online", results["re-authorize"], RECOVER_TARGET),
    )
    for name, values, target in rows:
        figures = " ".join(f"{v:.3f}" for v in values)
        print(f"{name:34} {median(values):8.3f} {max(values):8.3f} {target:8.1f}  {figures}")
    worst_dead = max(results["black hole"] + results["ignored pings"])
    worst_back = max(results["re-authorize"])
    print(
        f"dead link noticed within {worst_dead:.3f} s (target {DEAD_TARGET:.0f} s + "
        f"{TIMER_SLACK * 1000:.0f} ms timer latency): "
        f"{verdict(worst_dead <= DEAD_TARGET + TIMER_SLACK)}"
    )
    print(
        f"back online {worst_back:.3f} s after a drop during re-authorize "
        f"(target {RECOVER_TARGET:.0f} s): {verdict(worst_back <= RECOVER_TARGET)}"
    )
    print(f"(bench ran {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
