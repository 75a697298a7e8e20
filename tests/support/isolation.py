"""Per-test environment isolation: a throwaway HOME, XDG dirs and keyring backend, no desktop.

Every test gets this through an autouse fixture in ``tests/conftest.py`` so that no test can read
or write the developer's real config, data, cache or keyring, nor reach the developer's display or
session bus.  A test that wants a real Secret Service asks for the ``secret_service`` fixture; one
that wants a real X server asks for ``xvfb_display`` (tests/support/xvfb.py).
"""

from __future__ import annotations

import os
import webbrowser
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path

import pytest

#: The environment variable the application honours to override its config directory.
CONFIG_DIR_ENV = "DERIV_DESKTOP_CONFIG_DIR"

#: keyring backend that accepts writes and returns nothing; selected for every test by default.
NULL_KEYRING_BACKEND = "keyring.backends.null.Keyring"

#: What ties a process to the developer's desktop session: the X or Wayland display (where Qt
#: would open real windows and behave differently from offscreen), the X cookie, and the session
#: bus (where a keyring prompt or a portal would appear).  No test or test child inherits these.
DESKTOP_SESSION_VARS = ("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")


def detach_from_desktop(environ: MutableMapping[str, str]) -> dict[str, str]:
    """Drop the desktop-session variables from ``environ`` and select Qt's offscreen platform.

    Returns what was dropped.  Called on ``os.environ`` before any QApplication exists, so the
    suite's QApplication is offscreen whether or not it was started from a desktop terminal.
    """
    dropped = {name: environ.pop(name) for name in DESKTOP_SESSION_VARS if name in environ}
    environ["QT_QPA_PLATFORM"] = "offscreen"
    return dropped


@dataclass(frozen=True)
class IsolatedEnv:
    """Paths of the private per-test home; every one lives under ``home``."""

    home: Path
    config_home: Path
    data_home: Path
    cache_home: Path
    state_home: Path
    runtime_dir: Path
    app_config_dir: Path

    def as_env(self) -> dict[str, str]:
        """The variables this isolation sets, for building subprocess environments."""
        return {
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.config_home),
            "XDG_DATA_HOME": str(self.data_home),
            "XDG_CACHE_HOME": str(self.cache_home),
            "XDG_STATE_HOME": str(self.state_home),
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            CONFIG_DIR_ENV: str(self.app_config_dir),
        }


def isolate_environment(monkeypatch: pytest.MonkeyPatch, root: Path) -> IsolatedEnv:
    """Point HOME and the XDG base dirs into ``root`` and neutralise keyring and browser.

    The application config dir itself is *not* created, so code that creates it is exercised.
    """
    home = root / "home"
    runtime = root / "xdg-runtime"
    env = IsolatedEnv(
        home=home,
        config_home=home / ".config",
        data_home=home / ".local" / "share",
        cache_home=home / ".cache",
        state_home=home / ".local" / "state",
        runtime_dir=runtime,
        app_config_dir=home / ".config" / "deriv-desktop",
    )
    for directory in (env.config_home, env.data_home, env.cache_home, env.state_home):
        directory.mkdir(parents=True, exist_ok=True)
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name, value in env.as_env().items():
        monkeypatch.setenv(name, value)
    # Already gone since conftest's import; dropped again in case a session fixture set one.
    for name in DESKTOP_SESSION_VARS:
        monkeypatch.delenv(name, raising=False)

    # keyring reads PYTHON_KEYRING_BACKEND only when it first picks a backend, and caches the
    # choice; set both so neither this process nor its children reach a real keyring.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", NULL_KEYRING_BACKEND)
    use_null_keyring()

    # Never let a test open the developer's real browser: `true` accepts the URL and does
    # nothing.  Tests that need a browser install one (see tests/support/browser.py).
    monkeypatch.setenv("BROWSER", "true")
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return env


def use_null_keyring() -> None:
    """Make keyring's process-wide backend the null backend (no reads, no writes)."""
    import keyring
    import keyring.backends.null

    keyring.set_keyring(keyring.backends.null.Keyring())  # type: ignore[no-untyped-call]


def subprocess_env(**overrides: str) -> dict[str, str]:
    """A copy of the current (isolated) environment with ``overrides`` applied."""
    env = dict(os.environ)
    env.update(overrides)
    return env
