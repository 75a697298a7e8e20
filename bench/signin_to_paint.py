"""Sign-in to every balance painted, for a user with 25 accounts, against the sandbox.

Ours: from ``SessionService.sign_in(credentials)`` (which opens the connection) until the main
window, built as soon as the sign-in returns (as the app does), has painted every account row
with its balance. The window is tall enough to show all rows; a delegate subclass records which
rows were painted with a balance. Round trips are counted on the wire: handshake,
authorize ∥ website_status, balance(all) ∥ exchange_rates (see ``_common.WireLog``).

Baseline, in the same run: a bare ``websockets`` client doing the same three round trips
itself (connect; authorize with every token ∥ website_status; balance account=all subscribe ∥
exchange_rates) and stopping when the balances arrive. It paints nothing: it is the protocol
floor. Runs alternate between the two; medians are compared.

    python bench/signin_to_paint.py [--runs 15] [--accounts 25]

The sandbox runs in its own process. Target: under 150 ms, at most 3 round trips.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import (
    APP_ID,
    BenchAccount,
    SandboxProcess,
    WireLog,
    build_stack,
    credentials,
    median,
    ms,
    tap_received,
    verdict,
)
from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from websockets.asyncio.client import ClientConnection

from deriv_desktop import loop as app_loop
from deriv_desktop.gui.formatting import NO_VALUE
from deriv_desktop.gui.models.accounts import Role, RowKind
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.gui.widgets.account_delegate import AccountDelegate

TARGET_S = 0.150
MAX_ROUND_TRIPS = 3
WINDOW_SIZE = (640, 2100)  # every row of 25 accounts visible at once

_current_log: list[WireLog] = []
_original_send = ClientConnection.send


async def _logged_send(self: ClientConnection, message: object, *a: object) -> None:
    if _current_log and isinstance(message, str | bytes):
        _current_log[0].sent(message)
    await _original_send(self, message, *a)  # type: ignore[arg-type]


ClientConnection.send = _logged_send  # type: ignore[assignment,method-assign]


class PaintProbe(AccountDelegate):
    """Records the login ids of rows painted with a balance; resolves ``done`` when all are."""

    def __init__(self, expected: set[str], done: asyncio.Future[float]) -> None:
        super().__init__()
        self.expected = expected
        self.painted: set[str] = set()
        self.done = done

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        if index.data(Role.KIND) != RowKind.ACCOUNT:
            return
        text = index.data(Role.BALANCE_TEXT)
        if text and text != NO_VALUE:
            self.painted.add(str(index.data(Role.LOGINID)))
            if not self.done.done() and self.expected <= self.painted:
                self.done.set_result(time.perf_counter())


async def ours(accounts: list[BenchAccount], ws_url: str) -> dict[str, object]:
    stack = build_stack(ws_url)
    tap = ExitStack()
    log = WireLog()
    _current_log[:] = [log]
    creds = credentials(accounts)
    expected = {c.loginid for c in creds}
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    window: MainWindow | None = None
    try:
        tap.enter_context(tap_received(log.received))
        started = time.perf_counter()
        await stack.session.sign_in(creds)
        signed = time.perf_counter()
        window = MainWindow(stack.ctx)
        probe = PaintProbe(expected, done)
        window.view.setItemDelegate(probe)
        window.resize(*WINDOW_SIZE)
        window.show()
        built = time.perf_counter()
        async with asyncio.timeout(10):
            painted = await done
        balance_at = next(
            t for t, what, _r, kind in log.events if what == "recv" and kind == "balance"
        )
        trips, waves = log.round_trips(balance_at)
        visible = sum(
            1
            for lid in expected
            if window.view.visualRect(window.view.index_for(lid)).intersects(
                window.view.viewport().rect()
            )
        )
        return {
            "total": painted - started,
            "signed_in": signed - started,
            "window_built": built - signed,
            "balances_at": balance_at - started,
            "round_trips": trips,
            "waves": waves,
            "rows_visible": visible,
            "rows": len(expected),
        }
    finally:
        tap.close()
        _current_log.clear()
        if window is not None:
            window.close()
            window.deleteLater()
        await stack.close()


async def bare(accounts: list[BenchAccount], ws_url: str) -> dict[str, object]:
    from websockets.asyncio.client import connect

    log = WireLog()
    tokens = [a.token for a in accounts]
    url = f"{ws_url}?app_id={APP_ID}&l=EN&brand=deriv"
    started = time.perf_counter()
    async with connect(url, ping_interval=None, user_agent_header=None) as ws:

        async def send(msg: dict[str, object]) -> None:
            frame = json.dumps(msg, separators=(",", ":"))
            log.sent(frame)
            await ws.send(frame)

        async def replies(wanted: set[int]) -> dict[int, dict[str, object]]:
            got: dict[int, dict[str, object]] = {}
            while not wanted <= set(got):
                frame = await ws.recv()
                log.received(frame)
                msg = json.loads(frame)
                got[msg.get("req_id")] = msg
            return got

        await send({"authorize": tokens[0], "tokens": tokens[1:], "req_id": 1})
        await send({"website_status": 1, "req_id": 2})
        first = await replies({1, 2})
        assert "error" not in first[1], first[1]
        anchor = accounts[0].loginid
        await send({"balance": 1, "account": "all", "subscribe": 1, "loginid": anchor, "req_id": 3})
        await send({"exchange_rates": 1, "base_currency": "USD", "loginid": anchor, "req_id": 4})
        second = await replies({3})
        balances = second[3]["balance"]
        assert isinstance(balances, dict) and len(balances.get("accounts", {})) >= len(accounts)
        arrived = time.perf_counter()
    trips, waves = log.round_trips(arrived)
    return {"total": arrived - started, "round_trips": trips, "waves": waves}


async def run(args: argparse.Namespace, sandbox: SandboxProcess) -> int:
    accounts = sandbox.usable()
    ours_runs: list[dict[str, object]] = []
    bare_runs: list[dict[str, object]] = []
    await ours(accounts, sandbox.ws_url)  # warm-up: imports, fonts, icon cache
    await bare(accounts, sandbox.ws_url)
    for i in range(args.runs):
        order = (ours, bare) if i % 2 == 0 else (bare, ours)
        for fn in order:
            result = await fn(accounts, sandbox.ws_url)
            (ours_runs if fn is ours else bare_runs).append(result)

    def col(runs: list[dict[str, object]], key: str) -> list[float]:
        return [float(r[key]) for r in runs]  # type: ignore[arg-type]

    total = median(col(ours_runs, "total"))
    floor = median(col(bare_runs, "total"))
    trips = max(int(r["round_trips"]) for r in ours_runs)  # type: ignore[call-overload]
    last = ours_runs[-1]
    print(f"sign-in to every balance painted, {last['rows']} accounts, {args.runs} runs each")
    print(f"  rows visible in the window: {last['rows_visible']}/{last['rows']}")
    print(
        f"  ours  median {ms(total)}  (min {ms(min(col(ours_runs, 'total')))}, "
        f"max {ms(max(col(ours_runs, 'total')))})"
    )
    print(
        f"        sign_in() returned at {ms(median(col(ours_runs, 'signed_in')))}, "
        f"balances arrived at {ms(median(col(ours_runs, 'balances_at')))}, "
        f"window built in {ms(median(col(ours_runs, 'window_built')))}"
    )
    print(f"        round trips before the last balance: {trips}  ({'; '.join(last['waves'])})")  # type: ignore[arg-type]
    print(f"  bare  median {ms(floor)}  round trips {bare_runs[-1]['round_trips']}")
    print(f"  ratio ours/bare {total / floor:.2f}x")
    ok = total < TARGET_S and trips <= MAX_ROUND_TRIPS
    print(f"  target < {ms(TARGET_S)} in <= {MAX_ROUND_TRIPS} round trips: {verdict(ok)}")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--accounts", type=int, default=25)
    args = parser.parse_args()
    with SandboxProcess(args.accounts) as sandbox:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        return app_loop.run(app, lambda: run(args, sandbox))


if __name__ == "__main__":
    raise SystemExit(main())
