"""The suite's guard against background tasks that end with an unhandled exception.

The app never lets a task fail silently: the task registry, the session and the stream
supervisor log any task that ended with an exception on the ``deriv_desktop.tasks`` logger, and
the event loop reports everything else (a task garbage-collected with its exception unread, a
failing callback) to its exception handler. Both are collected here; ``tests/conftest.py``
fails the test in which either happened.
"""

from __future__ import annotations

import asyncio
import logging
import traceback

from tests.support.qt_loop import LoopErrorCollector

TASK_LOGGER = "deriv_desktop.tasks"


class TaskFailureCollector(logging.Handler):
    """Keeps every ERROR record of the task logger until :meth:`take` empties it."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self._records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self._records.append(record)

    def take(self) -> list[logging.LogRecord]:
        records, self._records = self._records, []
        return records

    def install(self) -> None:
        logging.getLogger(TASK_LOGGER).addHandler(self)

    @staticmethod
    def describe(records: list[logging.LogRecord]) -> str:
        parts: list[str] = []
        for record in records:
            text = record.getMessage()
            if record.exc_info and record.exc_info[1] is not None:
                text += "\n" + "".join(traceback.format_exception(record.exc_info[1])).rstrip()
            parts.append(text)
        return "\n".join(parts)


def make_plain_loop(collector: LoopErrorCollector) -> asyncio.AbstractEventLoop:
    """The default asyncio loop, reporting its unhandled errors to ``collector``."""
    loop = asyncio.new_event_loop()
    loop.set_exception_handler(collector.handler)
    return loop
