"""A private, headless Secret Service (gnome-keyring on its own D-Bus) for keyring tests.

Recipe and pitfalls: test-environment.md section 3.  The important rules:

* The dbus-daemon gets HOME/XDG dirs in tmp *before* it starts, because D-Bus-activated services
  (gnome-keyring, gcr-prompter) inherit the daemon's environment, not ours.
* DISPLAY and WAYLAND_DISPLAY are removed: with a display, an unlock prompt opens an invisible
  window and the keyring call hangs; without one the prompt is dismissed at once.
* gnome-keyring runs with ``--foreground`` as *our* child, so it is reaped when stopped (a
  daemonised one is re-parented to init and, on some CI images, left as a zombie).  In that mode
  it closes stdout once fully initialised, which is the readiness signal we wait for.

Fixtures: ``secret_service`` (unlocked, shared daemon, emptied for every test) and
``locked_secret_service`` (a keyring that exists but is locked; every access fails fast with
``keyring.errors.KeyringLocked``).
"""

from __future__ import annotations

import os
import select
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

from tests.support.e2e_policy import require_tool
from tests.support.isolation import use_null_keyring

SECRETS_BUS_NAME = "org.freedesktop.secrets"
SECRET_SERVICE_BACKEND = "keyring.backends.SecretService.Keyring"
KEYRING_PASSWORD = b"test-keyring-password"
START_TIMEOUT_S = 20.0

_TOOLS_REASON = (
    "a real Secret Service needs dbus-daemon and gnome-keyring-daemon "
    "(apt-get install dbus-daemon gnome-keyring; do not install dbus-x11)"
)


def _daemon_env(home: Path, runtime_dir: Path, display: str | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"}
    }
    if display is not None:  # the unlock prompt opens there (and, unanswered, waits for ever)
        env["DISPLAY"] = display
    env.update(
        HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime_dir),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
    )
    return env


def _read_until_eof(stream: IO[bytes] | None, timeout: float, what: str) -> None:
    """Block until ``stream`` (a pipe) reaches EOF, or raise after ``timeout`` seconds."""
    assert stream is not None
    fd = stream.fileno()
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(remaining, 0))
        if not ready:
            raise RuntimeError(f"{what} not ready within {timeout} s")
        if not os.read(fd, 4096):
            return


def _name_has_owner(bus_address: str, name: str) -> bool:
    from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
    from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

    with open_dbus_connection(bus=bus_address) as connection:
        reply = connection.send_and_get_reply(message_bus.NameHasOwner(name), timeout=5)
    return bool(reply.body[0])


@dataclass
class PrivateSecretService:
    """A dbus-daemon plus gnome-keyring-daemon pair living in ``home``."""

    home: Path
    runtime_dir: Path
    env: dict[str, str]
    bus: subprocess.Popen[str]
    bus_address: str
    daemon: subprocess.Popen[bytes] | None = None
    password: bytes = KEYRING_PASSWORD
    _stopped: bool = field(default=False, repr=False)

    @classmethod
    def start_bus(
        cls, home: Path, runtime_dir: Path, *, display: str | None = None
    ) -> PrivateSecretService:
        """``display``: where D-Bus-activated helpers (the unlock prompt) open their windows."""
        runtime_dir.chmod(0o700)
        env = _daemon_env(home, runtime_dir, display)
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        if not address:
            bus.kill()
            bus.wait(5)
            raise RuntimeError("dbus-daemon did not print its address")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        return cls(home=home, runtime_dir=runtime_dir, env=env, bus=bus, bus_address=address)

    def start_keyring(self, *, unlock: bool) -> None:
        """Start gnome-keyring's secrets component; ``unlock`` creates/unlocks ``login``."""
        self.stop_keyring()
        command = ["gnome-keyring-daemon", "--foreground", "--components=secrets"]
        if unlock:
            command.insert(2, "--unlock")
        daemon = subprocess.Popen(
            command,
            stdin=subprocess.PIPE if unlock else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self.env,
        )
        self.daemon = daemon
        if unlock:
            assert daemon.stdin is not None
            daemon.stdin.write(self.password)  # the password is read from stdin up to EOF
            daemon.stdin.close()
        _read_until_eof(daemon.stdout, START_TIMEOUT_S, "gnome-keyring-daemon")
        if not _name_has_owner(self.bus_address, SECRETS_BUS_NAME):
            raise RuntimeError(f"gnome-keyring-daemon started but does not own {SECRETS_BUS_NAME}")

    def stop_keyring(self) -> None:
        if self.daemon is not None:
            terminate(self.daemon)
            if self.daemon.stdout is not None:
                self.daemon.stdout.close()
            self.daemon = None

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.stop_keyring()
        terminate(self.bus)
        if self.bus.stdout is not None:
            self.bus.stdout.close()

    def delete_all_items(self) -> None:
        """Empty the default collection so each test starts from a clean keyring."""
        import secretstorage
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection(bus=self.bus_address) as connection:
            collection = secretstorage.get_default_collection(connection)
            for item in list(collection.get_all_items()):
                item.delete()

    def item_attributes(self) -> list[dict[str, str]]:
        """Attributes (never the secrets) of every item in the default collection."""
        import secretstorage
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection(bus=self.bus_address) as connection:
            collection = secretstorage.get_default_collection(connection)
            return [dict(item.get_attributes()) for item in collection.get_all_items()]

    def client_env(self) -> dict[str, str]:
        """Environment for a child process (e.g. the app) that should use this keyring."""
        env = dict(os.environ)
        env["DBUS_SESSION_BUS_ADDRESS"] = self.bus_address
        env["PYTHON_KEYRING_BACKEND"] = SECRET_SERVICE_BACKEND
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        return env


def terminate(process: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _require_tools() -> None:
    require_tool("dbus-daemon", _TOOLS_REASON)
    require_tool("gnome-keyring-daemon", _TOOLS_REASON)


def _use_for_this_test(service: PrivateSecretService, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point this process's keyring (and its children) at ``service``."""
    import keyring
    import keyring.backends.SecretService

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", service.bus_address)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", SECRET_SERVICE_BACKEND)
    # keyring caches its backend; set it explicitly rather than relying on the variable.
    keyring.set_keyring(keyring.backends.SecretService.Keyring())  # type: ignore[no-untyped-call]


@pytest.fixture(scope="session")
def _secret_service_session(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[PrivateSecretService]:
    _require_tools()
    service = PrivateSecretService.start_bus(
        tmp_path_factory.mktemp("keyring-home"), tmp_path_factory.mktemp("keyring-runtime")
    )
    try:
        service.start_keyring(unlock=True)
        yield service
    finally:
        service.stop()


@pytest.fixture
def secret_service(
    _secret_service_session: PrivateSecretService, monkeypatch: pytest.MonkeyPatch
) -> Iterator[PrivateSecretService]:
    """An unlocked, empty Secret Service; ``keyring`` uses it for the duration of the test."""
    service = _secret_service_session
    service.delete_all_items()
    _use_for_this_test(service, monkeypatch)
    try:
        yield service
    finally:
        use_null_keyring()
        service.delete_all_items()


@pytest.fixture
def locked_secret_service(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[PrivateSecretService]:
    """A Secret Service whose ``login`` keyring exists but is locked.

    Any keyring read or write raises ``keyring.errors.KeyringLocked`` within a fraction of a
    second: the unlock prompt cannot reach a display and is dismissed.
    """
    _require_tools()
    service = PrivateSecretService.start_bus(
        tmp_path_factory.mktemp("locked-keyring-home"),
        tmp_path_factory.mktemp("locked-keyring-runtime"),
    )
    try:
        service.start_keyring(unlock=True)  # creates login.keyring with a password
        service.start_keyring(unlock=False)  # a fresh daemon finds it locked
        _use_for_this_test(service, monkeypatch)
        yield service
    finally:
        use_null_keyring()
        service.stop()
