"""Desktop notifications through the freedesktop notification service on the session D-Bus.

``org.freedesktop.Notifications`` is what every Linux desktop (GNOME, KDE, Xfce, dunst...)
listens on. One connection is kept open while the app runs (a task in the registry): it sends
``Notify`` and listens for ``ActionInvoked``, so clicking a notification opens its account.
Without a session bus or a notification service (Windows, macOS, a bare X session) the caller
falls back to the tray icon's own balloon.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
APP_NAME = "Deriv Desktop"
APP_ICON = "deriv-desktop"
DEFAULT_ACTION = "default"  # the notification's body was clicked


def _unless_cancelled() -> None:
    """Raise the cancellation jeepney swallowed: a call cancelled as its reply arrives returns
    the reply, and the task would then wait for clicks for ever (a quit that never ends)."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


class FreedesktopNotifier:
    """Sends notifications and reports clicks (``on_click(loginid or None)``)."""

    def __init__(self, on_click: Callable[[str | None], None], bus: str = "SESSION") -> None:
        self._on_click = on_click
        self._bus = bus
        self._router: Any = None
        self._targets: dict[int, str | None] = {}
        self.ready = asyncio.Event()
        self.failed = False

    async def run(self) -> None:
        """Connect and listen for clicks until cancelled; ``failed`` if there is no service."""
        from jeepney import MatchRule, message_bus  # type: ignore[import-untyped]
        from jeepney.io.asyncio import Proxy, open_dbus_router  # type: ignore[import-untyped]

        try:
            async with open_dbus_router(self._bus) as router:
                bus = Proxy(message_bus, router)
                (has_owner,) = await bus.NameHasOwner(SERVICE)
                _unless_cancelled()
                if not has_owner:
                    (activatable,) = await bus.ListActivatableNames()
                    _unless_cancelled()
                    if SERVICE not in activatable:
                        raise ConnectionError("no notification service on the session bus")
                rule = MatchRule(
                    type="signal", interface=SERVICE, member="ActionInvoked", path=OBJECT_PATH
                )
                await bus.AddMatch(rule)
                _unless_cancelled()
                with router.filter(rule, bufsize=64) as clicks:
                    self._router = router
                    self.ready.set()
                    while True:
                        signal = await clicks.get()
                        self._clicked(int(signal.body[0]), str(signal.body[1]))
        except Exception as exc:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                # Cancelled in the middle of a call: jeepney's teardown then raises its own
                # KeyError / InvalidStateError; what happened is a cancellation.
                raise asyncio.CancelledError from None
            if not isinstance(exc, (OSError, ConnectionError, EOFError, KeyError, ValueError)):
                raise
            log.info("desktop notifications unavailable (%s)", type(exc).__name__)
            self.failed = True
            self.ready.set()
        finally:
            self._router = None

    @property
    def available(self) -> bool:
        return self._router is not None

    def _clicked(self, notification_id: int, action: str) -> None:
        if notification_id in self._targets and action == DEFAULT_ACTION:
            self._on_click(self._targets[notification_id])

    async def send(self, title: str, body: str, loginid: str | None, open_label: str) -> bool:
        """Show one notification; False when there is no service to show it."""
        from jeepney import DBusAddress, MessageType, new_method_call

        router = self._router
        if router is None:
            return False
        address = DBusAddress(OBJECT_PATH, bus_name=SERVICE, interface=SERVICE)
        message = new_method_call(
            address,
            "Notify",
            "susssasa{sv}i",
            (
                APP_NAME,
                0,
                APP_ICON,
                title,
                body,
                [DEFAULT_ACTION, open_label],
                {"desktop-entry": ("s", "deriv-desktop")},
                -1,
            ),
        )
        try:
            reply = await router.send_and_get_reply(message)
        except (OSError, EOFError, ConnectionError) as exc:
            log.warning("notification not shown (%s)", type(exc).__name__)
            return False
        if reply.header.message_type is MessageType.error or not reply.body:
            log.warning("notification refused by the desktop")
            return False
        self._targets[int(reply.body[0])] = loginid
        with contextlib.suppress(KeyError):  # keep the map small: only recent ones are clickable
            while len(self._targets) > 100:
                del self._targets[next(iter(self._targets))]
        return True


__all__ = ["FreedesktopNotifier"]
