"""The suite fails a test in which a background task ended with an unhandled exception.

Run in a separate pytest session that loads this suite's conftest, so the guard is exercised as
every test sees it: a failed task of the GUI task registry, of the session, and an error that
only the plain asyncio loop saw each fail their test; a task failure handled by its owner and a
stream the supervisor keeps alive through errors do not.
"""

from __future__ import annotations

import pytest

from tests.support.inner_session import prepare_inner_session

_INNER_TESTS = """
import asyncio
import logging

import pytest

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.domain.health import StreamRole
from deriv_desktop.services.streams import StreamSpec, StreamSupervisor


async def boom():
    raise RuntimeError("boom")


@pytest.mark.gui
async def test_registry_task_failure_fails():
    from deriv_desktop.gui.tasks import TaskRegistry

    tasks = TaskRegistry()
    task = tasks.spawn(boom(), name="doomed")
    await asyncio.wait([task])


@pytest.mark.gui
async def test_handled_registry_failure_passes():
    from deriv_desktop.gui.tasks import TaskRegistry

    seen = []
    task = TaskRegistry().spawn(boom(), name="handled", on_error=seen.append)
    await asyncio.wait([task])
    assert len(seen) == 1


async def test_plain_loop_error_fails():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_soon(lambda: 1 / 0)
    loop.call_soon(done.set_result, None)
    await done


async def test_supervised_stream_errors_are_not_task_failures():
    opened = []

    async def feed():
        opened.append(1)
        yield 1
        raise RuntimeError("a bug in the stream")

    supervisor = StreamSupervisor(
        report=lambda state: None, forget=lambda name: None, backoff=Backoff(0.01, cap=0.01)
    )
    supervisor.start(StreamSpec("feed", StreamRole.BALANCES, feed, lambda item: None))
    async with asyncio.timeout(5):
        while len(opened) < 3:
            await asyncio.sleep(0.01)
    await supervisor.stop()
"""


def test_failed_background_tasks_and_loop_errors_fail_their_test(
    pytester: pytest.Pytester,
) -> None:
    prepare_inner_session(pytester, _INNER_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed") == 4, result.stdout.str()
    assert outcomes.get("errors", outcomes.get("error")) == 2, result.stdout.str()
    result.stdout.fnmatch_lines(["*a background task ended with an unhandled exception*"])
    result.stdout.fnmatch_lines(["*background task doomed failed*"])
    result.stdout.fnmatch_lines(["*the asyncio event loop reported unhandled errors*"])
    result.stdout.fnmatch_lines(["ERROR*test_registry_task_failure_fails*"])
    result.stdout.fnmatch_lines(["ERROR*test_plain_loop_error_fails*"])
