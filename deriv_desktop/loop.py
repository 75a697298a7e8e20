"""The only place that creates the qasync event loop (one file to patch for qasync quirks)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import qasync
from PySide6.QtWidgets import QApplication

from deriv_desktop.gui.collector import MainThreadCollector

T = TypeVar("T")
log = logging.getLogger(__name__)


def _log_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    exc = context.get("exception")
    log.error(
        "event loop error: %s",
        context.get("message", "?"),
        exc_info=(type(exc), exc, exc.__traceback__) if exc else None,
    )


def run(app: QApplication, main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ``main()`` to completion on a qasync loop driven by ``app``."""
    app.setQuitOnLastWindowClosed(False)  # closing a dialog must not stop the asyncio loop

    def factory() -> asyncio.AbstractEventLoop:
        loop: asyncio.AbstractEventLoop = qasync.QEventLoop(app)
        loop.set_exception_handler(_log_loop_error)
        return loop

    collector = MainThreadCollector(app).start()  # garbage is freed on this thread only
    try:
        with asyncio.Runner(loop_factory=factory) as runner:
            return runner.run(main())
    finally:
        collector.stop()
        collector.deleteLater()
