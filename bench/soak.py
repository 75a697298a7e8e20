"""Soak: live balances for an hour with the sandbox pushing 50 updates a second and cutting the
link once a minute; memory and task count must stay flat.

The app side runs as in ``deriv-desktop``: the qasync loop from ``deriv_desktop.loop``, the stack
the composition root builds (legacy API, shipped settings), signed in with every account of the
sandbox user Amara, and a visible ``MainWindow`` (offscreen unless DISPLAY is set). The sandbox
runs in its own process (``python -m deriv_desktop.sandbox --control --activity 50``): its
activity moves Amara's balances 50 times a second, and the bench cuts the link through the
sandbox's control channel once a "minute".

At the end of each minute, with the link settled, it prints the resident set (``VmRSS``), the
number of asyncio tasks, the balance updates applied in that minute, and how long the last
drop took to recover (the status back to online). After ``--warm-up`` minutes: RSS may grow by
at most 5 MiB and the task count must not change.

    python bench/soak.py                       # accelerated: 60 "minutes" of 6 s (6 minutes)
    python bench/soak.py --minute 60           # the real hour: a drop every 60 s for 60 min

The accelerated run keeps the 50 updates a second and the 60 drops, so it has the hour's
reconnects (and everything they allocate) but a tenth of its updates (18,000, not 180,000).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import ROOT, build_stack, verdict
from PySide6.QtWidgets import QApplication

from deriv_desktop import loop as app_loop
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.sandbox.control import ControlClient

RSS_GROWTH_MIB = 5.0
UPDATES_PER_SECOND = 50
EMAIL = "amara@example.com"


class Server:
    """The sandbox CLI in its own process, with its control channel."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "deriv_desktop.sandbox",
                "--control",
                "--no-new-api",
                "--activity",
                str(UPDATES_PER_SECOND),
                "--seed",
                "7",
                "--idle-timeout",
                "7200",
                # 60 reconnects an hour re-authorize and re-subscribe; not what is measured
                "--rate-limit-minutely",
                "100000",
                "--rate-limit-hourly",
                "10000000",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        info = json.loads(self.proc.stdout.readline())
        self.ws_url: str = info["ws_url"]
        user = next(u for u in info["users"] if u["email"] == EMAIL)
        self.credentials = [
            AccountCredential(a["loginid"], a["token"], a["currency"] or None)
            for a in user["accounts"]
            if not a["is_disabled"]
        ]
        self.control = ControlClient(**info["control"])
        # Every update goes to the signed-in user's accounts.
        self.control.command("activity", accounts=[c.loginid for c in self.credentials])

    def close(self) -> None:
        self.control.close()
        self.proc.terminate()
        self.proc.wait(10)


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Sample:
    minute: int
    rss: float
    tasks: int
    updates: int
    recovery: float


async def until(test: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        if time.monotonic() > deadline:
            raise TimeoutError("the session did not settle")
        await asyncio.sleep(0.05)


async def soak(args: argparse.Namespace, server: Server) -> list[Sample]:
    stack = build_stack(server.ws_url)
    await stack.session.sign_in(server.credentials)
    window = MainWindow(stack.ctx)
    window.resize(640, 900)
    window.show()
    state = stack.state
    updates = [0]
    state.balances_changed.connect(lambda changed: updates.__setitem__(0, updates[0] + 1))
    samples: list[Sample] = []
    recovery = 0.0
    try:
        await until(lambda: state.health.online, 30)
        for minute in range(1, args.minutes + 1):
            updates[0] = 0
            await asyncio.sleep(args.minute)  # a minute of live balances
            await until(lambda: state.health.online, 30)
            sample = Sample(minute, rss_mib(), len(asyncio.all_tasks()), updates[0], recovery)
            samples.append(sample)
            print(
                f"minute {minute:3}: RSS {sample.rss:7.2f} MiB  tasks {sample.tasks:3}  "
                f"balance updates {sample.updates:6}  last recovery {sample.recovery:5.2f} s",
                flush=True,
            )
            began = time.monotonic()
            server.control.command("drop")
            await until(lambda: not state.health.online, 30)
            await until(lambda: state.health.online, 30)
            recovery = time.monotonic() - began
    finally:
        window.close()
        window.deleteLater()
        await stack.close()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--minute", type=float, default=6.0, help="seconds between drops")
    parser.add_argument("--minutes", type=int, default=60, help="how many of them")
    parser.add_argument("--warm-up", type=int, default=5, help="minutes not judged")
    args = parser.parse_args()
    server = Server()
    started = time.monotonic()
    try:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        samples = app_loop.run(app, lambda: soak(args, server))
    finally:
        server.close()
    judged = [s for s in samples if s.minute > args.warm_up]
    if not judged:
        print("no minute after the warm-up: nothing judged")
        return 1
    base = judged[0]
    growth = max(s.rss for s in judged) - base.rss
    tasks = sorted({s.tasks for s in judged})
    recoveries = [s.recovery for s in samples if s.minute > 1]
    kind = "real" if args.minute >= 60 else f"accelerated ({args.minute:g} s minutes)"
    print(
        f"soak, {kind}: {len(samples)} minutes, {UPDATES_PER_SECOND} updates/s, one drop a "
        f"minute; ran {time.monotonic() - started:.0f} s"
    )
    print(
        f"after warm-up (minute {base.minute} on): RSS {base.rss:.2f} -> {judged[-1].rss:.2f} MiB"
        f", growth at most {growth:.2f} MiB (limit {RSS_GROWTH_MIB:g}): "
        f"{verdict(growth <= RSS_GROWTH_MIB)}"
    )
    print(f"task counts after warm-up: {tasks}: {verdict(len(tasks) == 1)}")
    if recoveries:
        print(f"recovery after each drop: worst {max(recoveries):.2f} s")
    return 0 if growth <= RSS_GROWTH_MIB and len(tasks) == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
