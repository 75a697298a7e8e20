"""Screenshots of real desktop notifications: dunst and a tray on a private X server and D-Bus.

    python tools/screenshots_notifications.py OUTPUT_DIR

For each language (``language_shots``: a private Xvfb, one child per language), the child starts
a private session bus, dunst on it (with a small dunstrc: readable font, top right, under the
tray) and ``trayer``, then the app (``AppController`` on the built-in sandbox, as ``--sandbox``
runs it) signed in with the sandbox user's tokens. It makes the sandbox move balances and drop
the link so that the app itself notifies, waits until dunst shows each notification, and grabs
the whole screen: ``notification_<lang>_<shot>.png`` with ``<shot>`` one of

* ``balance``: a deposit beyond the account's threshold;
* ``low``: a balance under the low mark set in Preferences;
* ``privacy``: a deposit in privacy mode (no amount in the notification, the tray or the window);
* ``link_down``: the connection down for longer than the delay.

``notification_<lang>.json`` lists what dunst showed (summary and body). Nothing is written
outside OUTPUT_DIR and temporary directories.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from language_shots import language_tool

ROOT = Path(__file__).resolve().parents[1]
NOTIFICATIONS = "org.freedesktop.Notifications"
DUNST_PATH = "/org/freedesktop/Notifications"
DUNST_CMD = "org.dunstproject.cmd0"
TIMEOUT = 20.0

DUNSTRC = """\
[global]
    font = DejaVu Sans 10
    width = 380
    height = 200
    origin = top-right
    offset = 12x40
    frame_width = 1
    frame_color = "#8b9096"
    padding = 10
    horizontal_padding = 12
    icon_position = left
    min_icon_size = 48
    max_icon_size = 48
    icon_path = {icons}
    markup = full
    format = "<b>%s</b>\\n%b"
    word_wrap = yes
    ellipsize = end
    show_age_threshold = -1
    show_indicators = no

[urgency_normal]
    background = "#2a2e33"
    foreground = "#e6e8eb"
    timeout = 0
"""


# ------------------------------------------------------------------------------ the desktop
async def until(predicate: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    """Poll ``predicate`` on the loop until it holds; fail naming ``what`` after ``timeout``."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:g} s")
        await asyncio.sleep(0.05)


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (see APT_PACKAGES in .ci/run)")
    return found


class Dunst:
    """dunst on a private session bus, asked over D-Bus (and X) what it shows."""

    def __init__(self, bus: str, display: str, process: subprocess.Popen[bytes]) -> None:
        self.bus, self.display, self.process = bus, display, process

    def _call(self, interface: str, member: str, signature: str = "", body: tuple[Any, ...] = ()):  # type: ignore[no-untyped-def]
        from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]
        from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

        address = DBusAddress(DUNST_PATH, bus_name=NOTIFICATIONS, interface=interface)
        with open_dbus_connection(bus=self.bus) as connection:
            reply = connection.send_and_get_reply(
                new_method_call(address, member, signature, body), timeout=5
            )
        return reply.body

    def owns_the_name(self) -> bool:
        from jeepney import message_bus  # type: ignore[import-untyped]
        from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

        with open_dbus_connection(bus=self.bus) as connection:
            reply = connection.send_and_get_reply(message_bus.NameHasOwner(NOTIFICATIONS))
        return bool(reply.body[0])

    def displayed(self) -> int:
        """How many notifications dunst shows now."""
        (value,) = self._call(
            "org.freedesktop.DBus.Properties", "Get", "ss", (DUNST_CMD, "displayedLength")
        )
        return int(value[1])

    def close_all(self) -> None:
        self._call(DUNST_CMD, "NotificationCloseAll")

    def history(self) -> list[dict[str, Any]]:
        """What dunst showed and closed (id, app, summary, body, icon file), oldest first."""
        (entries,) = self._call(DUNST_CMD, "NotificationListHistory")
        keys = ("id", "appname", "summary", "body", "icon_path")
        shown = [{key: entry[key][1] for key in keys if key in entry} for entry in entries]
        return sorted(shown, key=lambda entry: int(entry.get("id", 0)))

    def window_mapped(self) -> bool:
        """Whether dunst's window is on the screen (``xwininfo``: a popup, not just the bus)."""
        tree = subprocess.run(  # noqa: S603 - a fixed command line
            [tool("xwininfo"), "-root", "-tree", "-display", self.display],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
        for line in tree.splitlines():
            if '"Dunst"' not in line and '"dunst"' not in line:
                continue
            window = line.split()[0]
            info = subprocess.run(  # noqa: S603 - a fixed command line
                [tool("xwininfo"), "-id", window, "-display", self.display],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout
            if "IsViewable" in info:
                return True
        return False


@contextmanager
def desktop(display: str, scratch: Path) -> Iterator[Dunst]:
    """A private session bus with dunst on it, and trayer, on ``display``; stopped after."""
    bus = subprocess.Popen(  # noqa: S603 - a fixed command line
        [tool("dbus-daemon"), "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    started: list[subprocess.Popen[Any]] = [bus]
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        if not address:
            raise SystemExit("dbus-daemon did not start")
        # The icon by the name the app sends, as an installed icon theme has it.
        icons = scratch / "icons"
        icons.mkdir()
        shutil.copy(
            ROOT / "resources" / "icons" / "deriv-desktop-64.png", icons / "deriv-desktop.png"
        )
        config = scratch / "dunstrc"
        config.write_text(DUNSTRC.format(icons=icons))
        env = {"PATH": "/usr/bin:/bin", "HOME": str(scratch), "DISPLAY": display}
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        dunst = subprocess.Popen(  # noqa: S603 - a fixed command line
            [tool("dunst"), "-config", str(config)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(dunst)
        tray = [tool("trayer"), "--edge", "top", "--align", "right", "--widthtype", "request"]
        started.append(
            subprocess.Popen(  # noqa: S603 - a fixed command line
                [*tray, "--height", "28", "--transparent", "false", "--tint", "0x30343a"],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        yield Dunst(address, display, dunst)
    finally:
        from tests.support.secret_service import terminate  # the suite's own way to stop one

        for process in reversed(started):
            terminate(process)
        if bus.stdout is not None:
            bus.stdout.close()


# ------------------------------------------------------------------------------ child side
async def shots(language: str, out: Path) -> None:
    import os

    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from deriv_desktop.app import effective_profile
    from deriv_desktop.controller import AppController
    from deriv_desktop.domain.credentials import AccountCredential
    from deriv_desktop.options import parse
    from deriv_desktop.storage.settings import Settings, SettingsFile

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    scratch = Path(tempfile.mkdtemp(prefix="notification-shots-"))
    seen: list[dict[str, Any]] = []
    with desktop(os.environ["DISPLAY"], scratch) as dunst:
        await until(dunst.owns_the_name, "dunst on the private bus")
        await until(QSystemTrayIcon.isSystemTrayAvailable, "trayer's system tray")
        settings = Settings(language=language)
        profile, overridden = effective_profile(settings, parse(["--sandbox"]))
        controller = AppController(
            settings=settings,
            settings_file=SettingsFile(scratch / "settings.json"),
            profile=profile,
            overridden=overridden,
            single_instance=False,
            notifications_bus=dunst.bus,
        )
        try:
            await controller.start()
            assert controller.restore_task is not None
            await controller.restore_task
            sandbox, stack, window = controller.sandbox, controller.stack, controller.sign_in_window
            assert sandbox is not None and stack is not None and window is not None
            creds = [
                AccountCredential(a.loginid, a.token, a.currency or None)
                for a in sandbox.users[0].accounts
                if not a.is_disabled
            ]
            window.proceed.emit(await stack.session.sign_in(creds))
            state = stack.state
            await until(lambda: all(state.balance(c.loginid) for c in creds), "balances")
            notifier, tray, main = controller.notifier, controller.tray, controller.main_window
            assert notifier is not None and tray is not None and main is not None
            await until(lambda: notifier.available, "the app's notifier on the bus")
            await until(lambda: not tray.icon.geometry().isEmpty(), "the icon in the tray")
            main.resize(620, 640)
            main.move(40, 60)
            active = state.active
            assert active is not None
            balance = state.balance(active)
            assert balance is not None

            async def shoot(name: str, move: Callable[[], object]) -> None:
                """Let the sandbox ``move``; wait for dunst to show what the app sent; grab."""
                move()
                await until(lambda: dunst.displayed() >= 1, f"{name}: dunst got it")
                await until(dunst.window_mapped, f"{name}: dunst's popup on the screen")
                await asyncio.sleep(0.3)  # a screenshot tool: let dunst and Qt finish painting
                path = out / f"notification_{language}_{name}.png"
                QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
                print(path)
                dunst.close_all()
                await until(lambda: dunst.displayed() == 0, f"{name}: dunst closed it")

            amount = balance.amount
            await shoot("balance", lambda: sandbox.state.set_balance(active, amount + 250))
            # Preferences: no change notice under 100,000 on this account, a low mark at 100.
            settings.notify_thresholds[active] = "100000"
            settings.notify_low_marks[active] = "100"
            await shoot("low", lambda: sandbox.state.set_balance(active, Decimal("42.50")))
            del settings.notify_thresholds[active]  # back to the default: every move
            controller.privacy.set_hidden(True)
            await shoot("privacy", lambda: sandbox.state.set_balance(active, Decimal("5042.50")))
            controller.privacy.set_hidden(False)
            settings.link_down_minutes = 0.02  # about a second, not five minutes

            await shoot(
                "link_down", lambda: controller.tasks.spawn(sandbox.stop(), name="stop-sandbox")
            )
            seen = dunst.history()
        finally:
            await controller.shutdown()
    (out / f"notification_{language}.json").write_text(
        json.dumps(seen, ensure_ascii=False, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    sys.exit(language_tool(__doc__, __file__, shots))
