"""Guards a Qt binding bug that kills long-running sessions.

PySide6-Essentials 6.12.0 drops one reference to ``None`` each time a Python override of
``QObject.timerEvent`` runs. qasync schedules every callback through such an override, so on
Python 3.11 (where ``None`` is not immortal) the app aborts with "deallocating None" after a few
thousand callbacks: minutes of live balances. This fails if an affected binding is installed.
"""

from __future__ import annotations

import asyncio
import sys

import pytest

pytest.importorskip("PySide6")


def test_many_loop_callbacks_leave_none_alone(qapp: object) -> None:
    import qasync

    async def spin(n: int) -> None:
        loop = asyncio.get_running_loop()
        for _ in range(n):
            fut = loop.create_future()
            loop.call_soon(fut.set_result, None)
            await fut

    before = sys.getrefcount(None)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        runner.run(spin(3000))
    after = sys.getrefcount(None)
    # Ordinary allocation noise moves the count by tens; the bug moves it by ~3,000.
    assert after > before - 1000, f"None lost {before - after} references"
