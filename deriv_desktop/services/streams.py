"""One supervisor for every background stream of a session (balances, rates, any later one).

A stream here is a factory of async iterators plus a consumer of its items. The supervisor opens
it, hands each item to the consumer, and whenever the iterator ends or raises it opens it again
after a backoff, for as long as the session lasts: a stream never dies quietly while the window
shows its figures as live. Each change of a stream's state is reported (``StreamState``), so the
session's health is computed from facts, not remembered.

Messages that cannot be read are counted and logged without their payload:

* a consumer that raises on an item skips that item and the stream goes on;
* an iterator that raises a reading error (``MalformedResponse`` or a plain ``AttributeError``,
  ``KeyError``, ``TypeError``, ``ValueError`` from its parser) has ended, so it is opened again
  at once, without waiting out a backoff the first time.

Only ``fatal`` errors (the server stopped accepting the session) stop a stream for good; the
session is then told through ``on_fatal``. ``on_error`` hears the error that ended a live
stream (once per outage), for the session to pass on what the user should know. Nothing here
lets a task end with an unhandled exception: an unexpected error is logged (its type only) and
retried like any other.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.domain.errors import DerivError, MalformedResponse
from deriv_desktop.domain.health import StreamPhase, StreamRole, StreamState
from deriv_desktop.domain.problems import Problem, ProblemKind

log = logging.getLogger(__name__)

T = TypeVar("T")

#: What a parser raises when a message is not what it should be.
READING_ERRORS: tuple[type[Exception], ...] = (
    MalformedResponse,
    AttributeError,
    KeyError,
    TypeError,
    ValueError,
    IndexError,
)


@dataclass(frozen=True)
class StreamSpec(Generic[T]):
    """How to run one stream: ``open`` gives a fresh iterator, ``consume`` takes each item."""

    name: str
    role: StreamRole
    open: Callable[[], AsyncIterator[T]]
    consume: Callable[[T], None]


class StreamSupervisor:
    """Runs streams until stopped; see the module docstring.

    ``report`` receives every state change (``SessionState.set_stream``); ``forget`` is told
    when a stream is stopped on purpose (``SessionState.drop_stream``).
    """

    def __init__(
        self,
        *,
        report: Callable[[StreamState], None],
        forget: Callable[[str], None],
        backoff: Backoff | None = None,
        fatal: tuple[type[BaseException], ...] = (),
        on_fatal: Callable[[BaseException], None] | None = None,
        on_error: Callable[[DerivError], None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._report = report
        self._forget = forget
        self.backoff = backoff or Backoff()
        self._fatal = fatal
        self._on_fatal = on_fatal
        self._on_error = on_error
        self._clock = clock
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._states: dict[str, StreamState] = {}
        self._wake = asyncio.Event()

    def __repr__(self) -> str:
        return f"StreamSupervisor({sorted(self._tasks)})"

    def __len__(self) -> int:
        return len(self._tasks)

    def state(self, name: str) -> StreamState | None:
        return self._states.get(name)

    def malformed(self, name: str) -> int:
        """How many unreadable messages stream ``name`` has skipped so far."""
        state = self._states.get(name)
        return state.malformed if state is not None else 0

    def start(self, spec: StreamSpec[Any]) -> None:
        """Run ``spec`` (a stream of the same name is stopped first)."""
        self._cancel(spec.name)
        self._set(StreamState(spec.name, spec.role))
        task = asyncio.create_task(self._run(spec), name=f"stream-{spec.name}")
        self._tasks[spec.name] = task
        task.add_done_callback(self._finished)

    def retry_now(self) -> None:
        """Streams waiting out a backoff try again at once ("Retry now", the link came back)."""
        self._wake.set()

    def stop_soon(self) -> list[asyncio.Task[None]]:
        """Cancel every stream without waiting (safe from inside one of them); returns the
        tasks so a caller that can wait may do so."""
        tasks = [t for t in self._tasks.values() if t is not asyncio.current_task()]
        for name in list(self._tasks):
            self._cancel(name)
        return tasks

    async def stop(self, timeout: float = 5.0) -> None:
        """Cancel every stream and wait (bounded) for them to end."""
        tasks = self.stop_soon()
        if tasks:
            await asyncio.wait(tasks, timeout=timeout)

    # ------------------------------------------------------------------ internals
    def _cancel(self, name: str) -> None:
        task = self._tasks.pop(name, None)
        if task is not None and task is not asyncio.current_task():
            task.cancel()
        if self._states.pop(name, None) is not None:
            self._forget(name)

    def _finished(self, task: asyncio.Task[None]) -> None:
        for name, known in list(self._tasks.items()):
            if known is task:
                del self._tasks[name]
        if not task.cancelled() and task.exception() is not None:  # a bug in _run itself
            logging.getLogger("deriv_desktop.tasks").error(
                "background task %s failed", task.get_name(), exc_info=task.exception()
            )

    def _set(self, state: StreamState) -> None:
        if self._states.get(state.name) != state:
            self._states[state.name] = state
            self._report(state)

    def _current(self, spec: StreamSpec[Any]) -> StreamState:
        return self._states.get(spec.name) or StreamState(spec.name, spec.role)

    async def _run(self, spec: StreamSpec[Any]) -> None:
        attempt = 0
        while True:
            problem, at_once = await self._follow(spec)
            if problem is None:  # fatal: reported, stream stopped
                return
            attempt = 0 if self._current(spec).phase is StreamPhase.LIVE else attempt
            attempt += 1
            delay = 0.0 if at_once and attempt == 1 else self.backoff.delay(attempt)
            self._set(
                replace(
                    self._current(spec),
                    phase=StreamPhase.RETRYING,
                    attempt=attempt,
                    next_try_at=self._clock() + delay if delay > 0 else None,
                    problem=problem,
                )
            )
            await self._wait(delay)
            # Opening again: still "retrying" (not live) until the first item arrives.
            self._set(replace(self._current(spec), next_try_at=None))

    async def _follow(self, spec: StreamSpec[Any]) -> tuple[Problem | None, bool]:
        """Open ``spec`` once and follow it to its end. Returns why it ended (None when it
        stopped for good) and whether to reopen at once (it broke on an unreadable message)."""
        try:
            async for item in spec.open():
                try:
                    spec.consume(item)
                except READING_ERRORS as e:
                    self._skip(spec, e)
                    continue
                state = self._current(spec)
                if state.phase is not StreamPhase.LIVE:
                    self._set(
                        replace(state, phase=StreamPhase.LIVE, next_try_at=None, problem=None)
                    )
        except asyncio.CancelledError:
            raise
        except self._fatal as e:
            log.warning("stream %s stopped: %s", spec.name, type(e).__name__)
            problem = getattr(e, "problem", None)
            self._set(replace(self._current(spec), phase=StreamPhase.STOPPED, problem=problem))
            if self._on_fatal is not None:
                self._on_fatal(e)
            return None, False
        except DerivError as e:
            if isinstance(e, MalformedResponse):
                self._skip(spec, e)
                return e.problem, True
            log.info("stream %s ended: %s; opening it again", spec.name, type(e).__name__)
            if self._on_error is not None and self._current(spec).live:
                self._on_error(e)  # once per outage: the retries that follow are not news
            return e.problem, False
        except READING_ERRORS as e:
            self._skip(spec, e)
            return Problem(ProblemKind.MALFORMED_RESPONSE), True
        except Exception as e:  # never let a stream end with an unhandled exception
            log.error("stream %s failed unexpectedly: %s", spec.name, type(e).__name__)
            return Problem(ProblemKind.INTERNAL, name=type(e).__name__), False
        log.info("stream %s ended; opening it again", spec.name)
        return Problem(ProblemKind.CONNECTION_LOST), False

    def _skip(self, spec: StreamSpec[Any], error: BaseException) -> None:
        """Count an unreadable message; the log names its type, never its contents."""
        state = self._current(spec)
        self._set(replace(state, malformed=state.malformed + 1))
        log.warning(
            "stream %s: skipped an unreadable message (%s); %d so far",
            spec.name,
            type(error).__name__,
            state.malformed + 1,
        )

    async def _wait(self, delay: float) -> None:
        """Sleep ``delay`` seconds, or less if woken (link back, "Retry now").

        ``asyncio.wait`` rather than ``asyncio.timeout`` + suppressing ``TimeoutError``: on
        Python 3.11 a cancellation that lands as the timeout fires comes out of ``timeout`` as
        ``TimeoutError``, which the suppression would swallow, and the stream would outlive its
        session."""
        if delay <= 0:
            return
        self._wake.clear()
        woken = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait((woken,), timeout=delay)
        finally:
            woken.cancel()
