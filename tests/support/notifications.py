"""A private D-Bus with a recording notification service (tests/support/notification_server.py).

Fixture ``notification_service``: the bus address to hand the app, and the notifications the
service received so far (read from its record file, never from the app's own words).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.e2e_policy import require_tool
from tests.support.secret_service import PrivateSecretService, terminate

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class NotificationService:
    bus: PrivateSecretService  # only its dbus-daemon is used
    server: subprocess.Popen[str]
    record: Path

    @property
    def address(self) -> str:
        return self.bus.bus_address

    def received(self) -> list[dict[str, Any]]:
        if not self.record.exists():
            return []
        lines = self.record.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def click(self, notification_id: int) -> None:
        """Click a notification, as the user would on the desktop."""
        from jeepney import new_method_call  # type: ignore[import-untyped]
        from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
        from jeepney.wrappers import DBusAddress  # type: ignore[import-untyped]

        target = DBusAddress(
            "/org/freedesktop/Notifications",
            bus_name="org.freedesktop.Notifications",
            interface="org.deriv_desktop.test.Recorder",
        )
        with open_dbus_connection(bus=self.address) as connection:
            connection.send_and_get_reply(
                new_method_call(target, "Click", "u", (notification_id,)), timeout=5
            )


@pytest.fixture
def notification_service(tmp_path: Path) -> Iterator[NotificationService]:
    require_tool(
        "dbus-daemon", "a private session bus needs dbus-daemon (apt-get install dbus-daemon)"
    )
    home, runtime = tmp_path / "dbus-home", tmp_path / "dbus-run"
    home.mkdir()
    runtime.mkdir()
    bus = PrivateSecretService.start_bus(home, runtime)
    record = tmp_path / "notifications.jsonl"
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.support.notification_server", bus.bus_address, str(record)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        if server.stdout.readline().strip() != "ready":
            raise RuntimeError("the recording notification service did not start")
        yield NotificationService(bus, server, record)
    finally:
        terminate(server)
        if server.stdout is not None:
            server.stdout.close()
        bus.stop()
