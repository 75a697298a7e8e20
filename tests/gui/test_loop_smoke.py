"""The GUI test loop: qasync for ``async def`` tests here, Qt offscreen, errors collected.

Tests in this directory are marked ``gui`` automatically, so ``async def`` tests run on a
``qasync.QEventLoop`` over the shared QApplication (tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import os

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from tests.support.qt_loop import LoopErrorCollector, make_qasync_loop


async def test_async_gui_tests_run_on_qasync() -> None:
    loop = asyncio.get_running_loop()
    assert isinstance(loop, qasync.QEventLoop)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert not app.quitOnLastWindowClosed()


async def test_qt_timers_and_signals_fire_while_awaiting(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Awaiting must process Qt events: a QTimer and a clicked signal resolve futures."""
    loop = asyncio.get_running_loop()
    timer_fired: asyncio.Future[str] = loop.create_future()
    QTimer.singleShot(10, lambda: timer_fired.set_result("timer"))
    assert await asyncio.wait_for(timer_fired, 5) == "timer"

    button = QPushButton("Sign in")
    qtbot.addWidget(button)
    clicked: asyncio.Future[bool] = loop.create_future()
    button.clicked.connect(lambda: clicked.done() or clicked.set_result(True))
    QTimer.singleShot(0, button.click)
    assert await asyncio.wait_for(clicked, 5)


def test_sync_gui_tests_use_offscreen_qt(qapp: QApplication) -> None:
    """Offscreen even from a desktop terminal (tests/e2e/test_desktop_isolation.py runs this
    under a real X display)."""
    assert qapp.platformName() == "offscreen"
    assert "DISPLAY" not in os.environ


def test_collector_records_errors_that_never_reach_pytest(qapp: QApplication) -> None:
    """A failing loop callback is reported to the handler, not raised: the collector sees it."""
    collector = LoopErrorCollector()
    loop = make_qasync_loop(collector)
    asyncio.set_event_loop(loop)
    try:

        async def schedule_failing_callback() -> None:
            done = loop.create_future()
            loop.call_soon(lambda: 1 / 0)
            loop.call_soon(done.set_result, None)
            await done

        loop.run_until_complete(schedule_failing_callback())
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    errors = collector.take()
    assert len(errors) == 1
    assert isinstance(errors[0]["exception"], ZeroDivisionError)
    assert "ZeroDivisionError" in LoopErrorCollector.describe(errors)
    assert collector.take() == []
