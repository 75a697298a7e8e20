"""Round trips per second of our client, side by side with a bare websockets client (the limit)
and Deriv's own python-deriv-api (the peer), on a plain asyncio loop and on a qasync loop.

All clients talk to the same sandbox, which runs in a separate process so the figures measure
the clients, and send the same frames (compact ``{"ping":1,"req_id":n}``; python-deriv-api
encodes its own). Each client makes one round trip outside the clock first, and one discarded
round warms every client on every loop. Then every cell is measured in several rounds; within a
round the clients run back to back (in a rotating order), so each round gives paired ratios
that a busy machine slows alike. A cell shows the median round trips/s; a ratio is the median
of the per-round ratios, with their range.

    python bench/client_roundtrips.py [--requests 4000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Deriv's limits (10 pings a second per connection, 180 calls a minute) would measure the
# limiter, not the clients: the bench raises them explicitly.
SERVER = """
import asyncio, sys
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.config import RateLimits
async def main():
    limits = RateLimits(general_minutely=10**7, general_hourly=10**8, connection_per_second=10**7)
    config = SandboxConfig(port=0, oauth_port=0, idle_timeout=600, rate_limits=limits)
    async with Sandbox(config) as sb:
        print(sb.ws_url, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
asyncio.run(main())
"""

APP_ID = 1089


def start_server() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url.startswith("ws"):
        proc.kill()
        raise SystemExit("the sandbox did not start")
    return proc, url


def with_query(url: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}app_id={APP_ID}&l=EN&brand=deriv"


AIM_BARE = 0.7  # ours / bare, 1 in flight, same loop (every reply takes one more task wake-up)
AIM_PEER = 2.0  # ours / python-deriv-api, 100 in flight, same loop


# ---------------------------------------------------------------------------- the clients
async def bare(url: str, total: int, inflight: int) -> float:
    """The limit: one coroutine keeping ``inflight`` pings on the socket, no bookkeeping."""
    from websockets.asyncio.client import connect

    dumps = json.JSONEncoder(separators=(",", ":")).encode  # the frames our client sends
    loads = json.loads
    async with connect(with_query(url), ping_interval=None) as ws:
        await ws.send(dumps({"ping": 1, "req_id": 0}))  # warm up outside the clock
        loads(await ws.recv())
        started = time.perf_counter()
        sent = received = 0
        while sent < min(inflight, total):
            sent += 1
            await ws.send(dumps({"ping": 1, "req_id": sent}))
        while received < total:
            loads(await ws.recv())
            received += 1
            if sent < total:
                sent += 1
                await ws.send(dumps({"ping": 1, "req_id": sent}))
        return total / (time.perf_counter() - started)


async def ours(url: str, total: int, inflight: int) -> float:
    from deriv_desktop.api.legacy import DerivClient

    async with DerivClient(with_query(url)) as client:
        return await _workers(lambda: client.call({"ping": 1}), total, inflight)


async def peer(url: str, total: int, inflight: int) -> float:
    from deriv_api import DerivAPI

    api = DerivAPI(endpoint=url.split("/websockets")[0], app_id=APP_ID)
    try:
        return await _workers(lambda: api.ping({"ping": 1}), total, inflight)
    finally:
        await api.clear()


async def _workers(call: Callable[[], Awaitable[Any]], total: int, inflight: int) -> float:
    await call()  # connect and warm up outside the clock
    remaining = total

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await call()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(inflight)))
    return total / (time.perf_counter() - started)


CLIENTS: dict[str, Callable[[str, int, int], Coroutine[Any, Any, float]]] = {
    "bare websockets": bare,
    "deriv-desktop": ours,
    "python-deriv-api": peer,
}


def runner_for(loop_kind: str) -> asyncio.Runner:
    """One loop per kind for the whole run (creating many qasync loops in one process crashes)."""
    if loop_kind == "asyncio":
        return asyncio.Runner()
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    return asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=4000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        import deriv_api  # noqa: F401
    except ImportError:
        CLIENTS.pop("python-deriv-api")
        print(
            "python-deriv-api is not installed: pip install --no-deps python-deriv-api==0.1.6"
            " reactivex==4.0.4",
            file=sys.stderr,
        )

    names = list(CLIENTS)
    proc, url = start_server()
    results: dict[tuple[str, str, int], list[float]] = {}
    runners = {kind: runner_for(kind) for kind in ("asyncio", "qasync")}
    try:
        for round_ in range(-1, args.rounds):  # round -1 warms up and is not counted
            total = args.requests if round_ >= 0 else max(200, args.requests // 10)
            order = names[round_ % len(names) :] + names[: round_ % len(names)]
            for loop_kind, runner in runners.items():
                for inflight in (1, 100):
                    for name in order:
                        rps = runner.run(CLIENTS[name](url, total, inflight))
                        if round_ >= 0:
                            results.setdefault((loop_kind, name, inflight), []).append(rps)
    finally:
        for runner in runners.values():
            runner.close()
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(10)

    def ratio(loop_kind: str, inflight: int, other: str) -> tuple[float, float, float]:
        if other not in names:
            return (math.nan,) * 3
        ours = results[(loop_kind, "deriv-desktop", inflight)]
        theirs = results[(loop_kind, other, inflight)]
        paired = [a / b for a, b in zip(ours, theirs, strict=True)]
        return statistics.median(paired), min(paired), max(paired)

    print(
        f"round trips per second (median of {args.rounds} rounds, {args.requests} pings each;"
        " ratio = median of per-round ratios [min-max])"
    )
    print(
        f"{'loop':8} {'in flight':>9}  "
        + "  ".join(f"{n:>17}" for n in names)
        + f"  {'ours/bare':>19}  {'ours/peer':>19}"
    )
    verdicts = []
    for loop_kind in ("asyncio", "qasync"):
        for inflight in (1, 100):
            med = {n: statistics.median(results[(loop_kind, n, inflight)]) for n in names}
            vs_bare = ratio(loop_kind, inflight, "bare websockets")
            vs_peer = ratio(loop_kind, inflight, "python-deriv-api")
            cells = [f"{r[0]:5.2f}x [{r[1]:.2f}-{r[2]:.2f}]" for r in (vs_bare, vs_peer)]
            print(
                f"{loop_kind:8} {inflight:>9}  "
                + "  ".join(f"{med[n]:>17,.0f}" for n in names)
                + "  "
                + "  ".join(f"{c:>19}" for c in cells)
            )
            if inflight == 1:
                verdicts.append(
                    f"{loop_kind}, 1 in flight: {vs_bare[0]:.2f}x bare (aim {AIM_BARE}x)"
                    f" {'OK' if vs_bare[0] >= AIM_BARE else 'MISSED'}"
                )
            else:
                verdicts.append(
                    f"{loop_kind}, 100 in flight: {vs_peer[0]:.2f}x python-deriv-api"
                    f" (aim {AIM_PEER}x) {'OK' if vs_peer[0] >= AIM_PEER else 'MISSED'}"
                )
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
