"""Round trips per second of our client, side by side with a bare websockets client (the limit)
and Deriv's own python-deriv-api (the peer), on a plain asyncio loop and on a qasync loop.

All clients talk to the same sandbox, which runs in a separate process so the figures measure
the clients. Every cell is the median of several rounds taken in interleaved order, and the
ratios printed at the end compare figures from this same run only.

    python bench/client_roundtrips.py [--requests 4000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = """
import asyncio, sys
from deriv_desktop.sandbox import Sandbox, SandboxConfig
async def main():
    async with Sandbox(SandboxConfig(port=0, oauth_port=0, idle_timeout=600)) as sb:
        print(sb.ws_url, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
asyncio.run(main())
"""

APP_ID = 1089


def start_server() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
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


# ---------------------------------------------------------------------------- the clients
async def bare(url: str, total: int, inflight: int) -> float:
    from websockets.asyncio.client import connect

    async with connect(with_query(url), ping_interval=None) as ws:
        started = time.perf_counter()
        sent = received = 0
        while sent < min(inflight, total):
            sent += 1
            await ws.send(json.dumps({"ping": 1, "req_id": sent}))
        while received < total:
            json.loads(await ws.recv())
            received += 1
            if sent < total:
                sent += 1
                await ws.send(json.dumps({"ping": 1, "req_id": sent}))
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


CLIENTS: dict[str, Callable[[str, int, int], Awaitable[float]]] = {
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
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        import deriv_api  # noqa: F401
    except ImportError:
        CLIENTS.pop("python-deriv-api")
        print("python-deriv-api is not installed: pip install --no-deps python-deriv-api==0.1.6"
              " reactivex==4.0.4", file=sys.stderr)

    proc, url = start_server()
    results: dict[tuple[str, str, int], list[float]] = {}
    runners = {kind: runner_for(kind) for kind in ("asyncio", "qasync")}
    try:
        for _ in range(args.rounds):
            for loop_kind, runner in runners.items():
                for inflight in (1, 100):
                    for name, fn in CLIENTS.items():
                        rps = runner.run(fn(url, args.requests, inflight))  # type: ignore[arg-type]
                        results.setdefault((loop_kind, name, inflight), []).append(rps)
    finally:
        for runner in runners.values():
            runner.close()
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(10)

    print(f"round trips per second (median of {args.rounds} rounds, {args.requests} pings each)")
    print(f"{'loop':8} {'in flight':>9}  " + "  ".join(f"{n:>17}" for n in CLIENTS)
          + "   ours/bare  ours/peer")
    for loop_kind in ("asyncio", "qasync"):
        for inflight in (1, 100):
            med = {n: statistics.median(results[(loop_kind, n, inflight)]) for n in CLIENTS}
            ratio_bare = med["deriv-desktop"] / med["bare websockets"]
            ratio_peer = (med["deriv-desktop"] / med["python-deriv-api"]
                          if "python-deriv-api" in med else float("nan"))
            print(f"{loop_kind:8} {inflight:>9}  " + "  ".join(f"{med[n]:>17,.0f}" for n in CLIENTS)
                  + f"   {ratio_bare:8.2f}x  {ratio_peer:8.2f}x")


if __name__ == "__main__":
    main()
