"""The stream supervisor with scripted streams: reopening, skipping, stopping, reporting."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.domain.errors import ConnectionLost, InvalidToken, RateLimit
from deriv_desktop.domain.health import StreamPhase, StreamRole, StreamState
from deriv_desktop.services.streams import StreamSpec, StreamSupervisor

QUICK = Backoff(base=0.01, cap=0.02, jitter=0)
NEVER = Backoff(base=3600, cap=3600, jitter=0)

Script = list[Any]  # items to yield; an exception instance is raised; "end" ends the stream


class Harness:
    """A supervisor whose stream plays one script per opening."""

    def __init__(self, scripts: list[Script], *, backoff: Backoff = QUICK, **kw: Any) -> None:
        self.scripts = scripts
        self.opened = 0
        self.got: list[object] = []
        self.reports: list[StreamState] = []
        self.forgotten: list[str] = []
        self.fatal: list[BaseException] = []
        self.changed = asyncio.Event()
        self.supervisor = StreamSupervisor(
            report=self._report,
            forget=self.forgotten.append,
            backoff=backoff,
            on_fatal=self.fatal.append,
            **kw,
        )

    def _report(self, state: StreamState) -> None:
        self.reports.append(state)
        self.changed.set()

    async def _open(self) -> AsyncIterator[object]:
        script = self.scripts[min(self.opened, len(self.scripts) - 1)]
        self.opened += 1
        for step in script:
            if isinstance(step, BaseException):
                raise step
            if step == "end":
                return
            yield step
        await asyncio.get_running_loop().create_future()  # stays open

    def _consume(self, item: object) -> None:
        if item == "unreadable":
            raise AttributeError("'str' object has no attribute 'get'")
        self.got.append(item)

    def start(self) -> None:
        self.supervisor.start(StreamSpec("feed", StreamRole.BALANCES, self._open, self._consume))

    @property
    def state(self) -> StreamState:
        state = self.supervisor.state("feed")
        assert state is not None
        return state

    async def until(self, predicate: Callable[[], bool]) -> None:
        async with asyncio.timeout(5):
            while not predicate():
                self.changed.clear()
                await self.changed.wait()


async def test_an_unreadable_item_is_counted_and_skipped_without_reopening() -> None:
    h = Harness([[1, "unreadable", 2]])
    h.start()
    await h.until(lambda: h.got == [1, 2])
    assert h.opened == 1 and h.state.malformed == 1 and h.state.phase is StreamPhase.LIVE
    await h.supervisor.stop()


async def test_a_parser_error_inside_the_stream_reopens_it_at_once() -> None:
    h = Harness([[1, KeyError("balance")], [2]], backoff=NEVER)
    h.start()
    await h.until(lambda: h.got == [1, 2])
    assert h.opened == 2 and h.state.malformed == 1 and h.state.live
    await h.supervisor.stop()


@pytest.mark.parametrize(
    "ending", [ConnectionLost("gone"), RateLimit("slow down"), RuntimeError("bug"), "end"]
)
async def test_a_stream_that_ends_or_fails_is_reported_and_opened_again(ending: object) -> None:
    h = Harness([[1, ending], [2]])
    h.start()
    await h.until(lambda: h.got == [1, 2])
    phases = [r.phase for r in h.reports]
    assert phases[:2] == [StreamPhase.STARTING, StreamPhase.LIVE]
    assert StreamPhase.RETRYING in phases and phases[-1] is StreamPhase.LIVE
    retrying = next(r for r in h.reports if r.phase is StreamPhase.RETRYING)
    assert retrying.attempt == 1 and retrying.next_try_at is not None
    await h.supervisor.stop()
    assert h.forgotten == ["feed"] and len(h.supervisor) == 0


async def test_retry_now_skips_a_long_backoff() -> None:
    h = Harness([[1, ConnectionLost("gone")], [2]], backoff=NEVER)
    h.start()
    await h.until(lambda: h.state.phase is StreamPhase.RETRYING)
    h.supervisor.retry_now()
    await h.until(lambda: h.got == [1, 2])
    await h.supervisor.stop()


async def test_a_fatal_error_stops_the_stream_and_is_told_once() -> None:
    refused = InvalidToken("revoked")
    h = Harness([[1, refused]], fatal=(InvalidToken,))
    h.start()
    await h.until(lambda: h.state.phase is StreamPhase.STOPPED)
    assert h.fatal == [refused] and h.opened == 1
    assert h.state.problem == refused.problem
    await h.supervisor.stop()
