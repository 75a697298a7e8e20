"""Quitting while the notifier waits on the session bus is a cancellation, not a crash.

jeepney (0.8, 0.9) turns a cancellation in the middle of a call into its own errors on the way
out (a ``KeyError`` from its reply table, then ``InvalidStateError`` from the router's exit);
the notifier task must still end as cancelled, or the task registry reports a failure on every
quit that happens during start-up.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import jeepney.io.asyncio
import pytest

from deriv_desktop.gui.notifications import FreedesktopNotifier


class StuckRouter:
    """Like jeepney's router when cancelled mid-call (its behaviour, not its code)."""

    async def __aenter__(self) -> StuckRouter:
        return self

    async def __aexit__(self, exc_type: Any, *_exc: object) -> None:
        if exc_type is not None:
            raise asyncio.InvalidStateError("invalid state")


class StuckProxy:
    def __init__(self, *_args: object) -> None:
        self.reached = asyncio.Event()

    async def NameHasOwner(self, _name: str) -> tuple[bool]:
        self.reached.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            raise KeyError(3) from None
        return (True,)


async def test_cancelling_the_notifier_mid_call_ends_it_as_cancelled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    task, reached, _notifier = started(monkeypatch, StuckRouter(), StuckProxy)
    await reached.wait()  # the notifier waits on the bus now
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert task.cancelled()


class SwallowingProxy:
    """Like jeepney when the cancellation arrives as the reply does: the call returns it."""

    def __init__(self, *_args: object) -> None:
        self.reached = asyncio.Event()

    async def NameHasOwner(self, _name: str) -> tuple[bool]:
        return (False,)  # not running: only activatable, as with dunst's D-Bus service file

    async def ListActivatableNames(self) -> tuple[list[str]]:
        self.reached.set()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.Event().wait()
        return (["org.freedesktop.Notifications"],)

    async def AddMatch(self, _rule: object) -> tuple[()]:
        return ()


class QuietRouter:
    """A router on which no click ever arrives."""

    async def __aenter__(self) -> QuietRouter:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        return None

    def filter(self, _rule: object, *, bufsize: int = 1) -> contextlib.nullcontext[Any]:
        return contextlib.nullcontext(asyncio.Queue(bufsize))


async def test_a_cancellation_jeepney_swallows_still_ends_the_notifier(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    task, reached, notifier = started(monkeypatch, QuietRouter(), SwallowingProxy)
    await reached.wait()  # the notifier asks the bus which services it can start
    task.cancel()
    async with asyncio.timeout(5):  # without the fix it waits for clicks for ever
        with pytest.raises(asyncio.CancelledError):
            await task
    assert task.cancelled() and not notifier.ready.is_set()


def started(
    monkeypatch: pytest.MonkeyPatch, router: object, proxy_class: Any
) -> tuple[asyncio.Task[None], asyncio.Event, FreedesktopNotifier]:
    """A notifier running over ``router`` and proxies of ``proxy_class``, and the event those
    proxies set once the notifier has reached the call under test."""
    reached = asyncio.Event()

    def proxy(*args: object) -> Any:
        made = proxy_class(*args)
        made.reached = reached
        return made

    monkeypatch.setattr(jeepney.io.asyncio, "open_dbus_router", lambda _bus: router)
    monkeypatch.setattr(jeepney.io.asyncio, "Proxy", proxy)
    notifier = FreedesktopNotifier(on_click=lambda _loginid: None)
    return asyncio.create_task(notifier.run()), reached, notifier
