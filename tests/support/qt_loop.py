"""The qasync event loop that GUI ``async def`` tests run on, with loop-error collection.

Exceptions raised inside plain loop callbacks (transport callbacks, "Cannot enter into task"
from a nested Qt loop, ...) go to the loop's exception handler and never reach pytest, so a test
could stay green while the app is broken (architecture.md d.4).  The loop built here records every
such context in a :class:`LoopErrorCollector`; ``tests/conftest.py`` fails the test at teardown
when anything was recorded.

PySide6 and qasync are imported only when a loop is actually built.
"""

from __future__ import annotations

import asyncio
import traceback
from typing import Any


class LoopErrorCollector:
    """Accumulates asyncio exception-handler contexts until :meth:`take` empties it."""

    def __init__(self) -> None:
        self._contexts: list[dict[str, Any]] = []

    def handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """Use as ``loop.set_exception_handler``; keeps the default logging too."""
        if _stream_callback_bug(context):
            return
        self._contexts.append(dict(context))
        loop.default_exception_handler(context)

    def take(self) -> list[dict[str, Any]]:
        contexts, self._contexts = self._contexts, []
        return contexts

    @staticmethod
    def describe(contexts: list[dict[str, Any]]) -> str:
        """Readable summary of ``contexts`` for a test failure message."""
        parts: list[str] = []
        for number, context in enumerate(contexts, start=1):
            lines = [f"#{number}: {context.get('message') or 'unhandled exception in event loop'}"]
            exception = context.get("exception")
            if isinstance(exception, BaseException):
                lines.append("".join(traceback.format_exception(exception)).rstrip())
            for key in sorted(set(context) - {"message", "exception"}):
                lines.append(f"  {key}: {context[key]!r}")
            parts.append("\n".join(lines))
        return "\n".join(parts)


def _stream_callback_bug(context: dict[str, Any]) -> bool:
    """CPython 3.11's ``asyncio.start_server`` reports a *cancelled* connection handler as an
    error (its done-callback calls ``task.exception()`` without checking ``cancelled()``; 3.12
    checks). Test servers cancel their handlers when they stop: that is no failure of ours."""
    handle = repr(context.get("handle", ""))
    return (
        isinstance(context.get("exception"), asyncio.CancelledError)
        and "StreamReaderProtocol.connection_made" in handle
    )


def make_qasync_loop(collector: LoopErrorCollector) -> asyncio.AbstractEventLoop:
    """A ``qasync.QEventLoop`` on the shared QApplication, ready for pytest-asyncio's Runner.

    Quit-on-last-window-closed is turned off: otherwise closing the only visible window (a
    dialog, say) ends ``app.exec()`` and with it the asyncio loop (architecture.md d.2).
    """
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication), "a QCoreApplication exists; GUI tests need QApplication"
    app.setQuitOnLastWindowClosed(False)
    loop: asyncio.AbstractEventLoop = qasync.QEventLoop(app)
    loop.set_exception_handler(collector.handler)
    return loop
