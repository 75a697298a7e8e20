"""The notification screenshots (tools/screenshots_notifications.py) on a real notification
daemon: dunst and trayer on a private Xvfb and D-Bus, the app on the built-in sandbox. What
is checked is what dunst says it showed, and that each screen grab was written."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from deriv_desktop.gui.privacy import MASK
from tests.support.e2e_policy import require_tool

REPO_ROOT = Path(__file__).resolve().parents[2]
SHOTS = ("balance", "low", "privacy", "link_down")


@pytest.mark.timeout(600)
def test_the_app_notifies_through_dunst_in_both_languages(tmp_path: Path) -> None:
    for name, package in (
        ("Xvfb", "xvfb"),
        ("dbus-daemon", "dbus-daemon"),
        ("dunst", "dunst"),
        ("trayer", "trayer"),
        ("xwininfo", "x11-utils"),
    ):
        require_tool(name, f"the notification screenshots need it: apt-get install {package}")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    run = subprocess.run(
        [sys.executable, "tools/screenshots_notifications.py", str(tmp_path)],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=540,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    expected = {
        "en": ("Balance up on USD", "Low balance on USD", "Balance up on USD", "No connection"),
        "fr": ("Solde en hausse", "Solde bas", "Solde en hausse", "Pas de connexion à Deriv"),
    }
    for language, titles in expected.items():
        for shot in SHOTS:
            assert (tmp_path / f"notification_{language}_{shot}.png").stat().st_size > 10_000
        shown = json.loads((tmp_path / f"notification_{language}.json").read_text("utf-8"))
        assert [n["appname"] for n in shown] == ["Deriv Desktop"] * len(SHOTS)
        for note, title in zip(shown, titles, strict=True):
            assert note["summary"].startswith(title), note
            assert Path(note["icon_path"]).name == "deriv-desktop.png"  # the icon was found
        privacy = shown[SHOTS.index("privacy")]
        assert MASK in privacy["body"] and not re.search(r"\d", privacy["body"])
        assert re.search(r"\d", shown[0]["body"])  # outside privacy mode the amounts show
