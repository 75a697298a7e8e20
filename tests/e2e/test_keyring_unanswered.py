"""A keyring whose unlock prompt nobody answers: a real gnome-keyring, locked, on a private
D-Bus whose prompter opens on an invisible Xvfb screen (so every keyring call waits for ever).

The window says it is waiting for the keyring and offers Cancel and "Continue without
remembering"; the real app, quit while such a call is stuck, exits at once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import deriv_desktop
from deriv_desktop.controller import AppController
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.gui.problem_text import describe
from deriv_desktop.services.profile import ConnectionProfile
from deriv_desktop.storage.secrets import KeyringTokenStore, SecretProblem, session_key
from deriv_desktop.storage.settings import CONFIG_ENV, SettingsFile
from tests.support.e2e_policy import require_tool
from tests.support.secret_service import PrivateSecretService, _use_for_this_test

pytestmark = [pytest.mark.gui, pytest.mark.xvfb]

CODE_ROOT = Path(deriv_desktop.__file__).resolve().parents[1]  # the code under test, for the child
SERVER = "wss://ws.deriv-desktop.invalid"  # never reached: the keyring is read first
APP_ID = "1089"
WAIT_S = 30.0


@pytest.fixture
def unanswered_keyring(xvfb_display: str, tmp_path: Path) -> Iterator[PrivateSecretService]:
    """A locked gnome-keyring whose unlock prompt opens on Xvfb, where nobody answers it."""
    require_tool("dbus-daemon", "apt-get install dbus-daemon")
    require_tool("gnome-keyring-daemon", "apt-get install gnome-keyring")
    home, runtime = tmp_path / "keyring-home", tmp_path / "keyring-runtime"
    home.mkdir()
    runtime.mkdir()
    service = PrivateSecretService.start_bus(home, runtime, display=xvfb_display)
    try:
        service.start_keyring(unlock=True)  # creates login.keyring with a password
        service.start_keyring(unlock=False)  # a fresh daemon finds it locked
        yield service
    finally:
        service.stop()


def saved_session(config: Path) -> None:
    """A settings file whose saved session makes the start read the keyring."""
    config.mkdir(parents=True, exist_ok=True)
    meta = {"accounts": [{"loginid": "CR1", "currency": "USD"}], "via": "api_token"}
    data = {"server": SERVER, "app_id": APP_ID, "sessions": {session_key(SERVER, APP_ID): meta}}
    (config / "settings.json").write_text(json.dumps(data), encoding="utf-8")


def prompt_is_up(service: PrivateSecretService) -> bool:
    """Whether this keyring's unlock prompt (gcr-prompter, started through the private bus and
    handed its environment) is running."""
    marker = f"XDG_RUNTIME_DIR={service.runtime_dir}".encode()
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if (proc / "comm").read_text().strip() != "gcr-prompter":
                continue
            if marker in (proc / "environ").read_bytes().split(b"\0"):
                return True
        except OSError:
            continue
    return False


def wait_until(predicate: Callable[[], bool], process: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline and process.poll() is None:
        if predicate():
            return
        time.sleep(0.05)  # polling another process: there is no event to await
    raise AssertionError(f"{what} (exit {process.poll()})")


def test_the_real_app_quits_at_once_while_a_keyring_prompt_waits(
    unanswered_keyring: PrivateSecretService, xvfb_display: str, tmp_path: Path
) -> None:
    config, logs = tmp_path / "config", tmp_path / "log"
    saved_session(config)
    env = unanswered_keyring.client_env()
    env.update(
        {
            "DISPLAY": xvfb_display,
            CONFIG_ENV: str(config),
            "DERIV_DESKTOP_LOG_DIR": str(logs),
            "PYTHONPATH": str(CODE_ROOT),
        }
    )
    env.pop("QT_QPA_PLATFORM", None)
    app = subprocess.Popen(
        [sys.executable, "-m", "deriv_desktop"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        log_file = logs / "deriv-desktop.log"
        wait_until(lambda: prompt_is_up(unanswered_keyring), app, "no unlock prompt came up")
        asked = time.monotonic()
        app.send_signal(signal.SIGTERM)  # the same request_quit as the Quit button
        code = app.wait(timeout=10)
        took = time.monotonic() - asked
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(5)
    print(f"quit while a keyring call was stuck: exited in {took:.2f} s")
    assert code == 0, app.stderr.read() if app.stderr else ""
    assert "shut down" in log_file.read_text(encoding="utf-8")


async def test_the_window_offers_a_way_out_of_an_unanswered_keyring(
    unanswered_keyring: PrivateSecretService,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    import asyncio

    _use_for_this_test(unanswered_keyring, monkeypatch)
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config"))
    saved_session(tmp_path / "config")
    settings_file = SettingsFile()
    store = KeyringTokenStore(slow_after=0.2)
    controller = AppController(
        settings=settings_file.load_sync(),
        settings_file=settings_file,
        profile=ConnectionProfile(server=SERVER, app_id=APP_ID),
        token_store=store,
        single_instance=False,
    )
    shown = asyncio.Event()
    store.waiting.connect(lambda waiting: shown.set() if waiting else None)
    try:
        await controller.start()
        window = controller.sign_in_window
        assert window is not None
        await asyncio.wait_for(shown.wait(), 20)
        bar = window.keyring_wait
        assert bar.isVisible() and "Waiting for your keyring" in bar.text
        assert bar.cancel_button.isVisible() and bar.continue_button.isVisible()
        bar.continue_button.click()
        assert controller.restore_task is not None
        await asyncio.wait_for(controller.restore_task, 5)
        assert not bar.isVisible()
        unreadable = Problem(
            ProblemKind.SAVED_SIGN_IN_UNREADABLE,
            cause=Problem(ProblemKind.KEYRING_NOT_ANSWERED),
        )
        assert window.messages.text == describe(unreadable)
        assert controller.store_problem is not None
        assert controller.store_problem.reason is SecretProblem.NOT_ANSWERED
        assert "did not answer" in window.banner.text
        # The keyring is left alone for the rest of the run: no call waits on it again.
        with pytest.raises(Exception, match="not_answered"):
            await asyncio.wait_for(store.load("anything"), 1)
    finally:
        await controller.shutdown()
    assert os.environ[CONFIG_ENV] == str(tmp_path / "config")
