"""Without a graphical session the app says so in one sentence and exits, instead of Qt
aborting the process with a hint about missing xcb libraries (exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from deriv_desktop.app import NO_DISPLAY_EXIT, missing_display


def test_a_display_is_missing_only_on_linux_without_one() -> None:
    assert missing_display({}, "linux")
    assert not missing_display({"DISPLAY": ":0"}, "linux")
    assert not missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not missing_display({}, "darwin") and not missing_display({}, "win32")


def run_app(tmp_path: Path, *args: str, language: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    if language:
        args = (*args, "--language", language)
    return subprocess.run(
        [sys.executable, "-m", "deriv_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_a_display_the_app_says_so_and_exits(tmp_path: Path) -> None:
    done = run_app(tmp_path, "--sandbox")
    assert done.returncode == NO_DISPLAY_EXIT, done.stderr
    lines = [line for line in done.stderr.splitlines() if "Deriv Desktop" in line]
    assert lines == [
        "Deriv Desktop needs a graphical session (no display was found). "
        "To check an installation without one, run: deriv-desktop --self-test"
    ]
    assert "xcb" not in done.stderr


def test_the_sentence_follows_the_chosen_language(tmp_path: Path) -> None:
    done = run_app(tmp_path, language="fr")
    assert done.returncode == NO_DISPLAY_EXIT
    assert "a besoin d'une session graphique" in done.stderr


def test_the_self_test_runs_without_a_display(tmp_path: Path) -> None:
    done = run_app(tmp_path, "--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
